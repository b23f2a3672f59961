import Foundation
import GRDB

/// The catalog (SQLite through GRDB) in the index directory: every source file seen, with its
/// status and error, and every ingest run with its report. The index's commit point is the truth
/// about what is searchable; the catalog records what happened, for `yz stats`, reports and
/// rebuilding the index from the source files.
///
/// Schema changes only through numbered migrations; one writer, concurrent readers (WAL).
public final class Catalog: Sendable {
    public struct Source: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "source"
        public var path: String
        public var sha256: String?
        public var size: Int
        public var mtime: Double
        public var channel: String?
        public var dates: String?
        /// `indexed` or `failed`.
        public var status: String
        public var error: String?
        public var runID: Int64

        public init(path: String, sha256: String?, size: Int, mtime: Double, channel: String?, dates: String?, status: String, error: String?, runID: Int64) {
            self.path = path
            self.sha256 = sha256
            self.size = size
            self.mtime = mtime
            self.channel = channel
            self.dates = dates
            self.status = status
            self.error = error
            self.runID = runID
        }
    }

    public struct Run: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "run"
        public var id: Int64?
        public var kind: String
        public var started: Date
        public var finished: Date?
        public var added = 0
        public var changed = 0
        public var deleted = 0
        public var unchanged = 0
        public var failed = 0
        /// The run's JSON report.
        public var report: String?

        public init(kind: String, started: Date) {
            self.kind = kind
            self.started = started
        }

        public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// A roster row.
    public struct Cadre: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "cadre"
        public var id: String
        public var name: String
        /// Aliases joined with "|".
        public var aliases: String
        public var unit: String
        public var position: String
        public var level: String?
        public var tenureStart: String?
        public var tenureEnd: String?

        public init(id: String, name: String, aliases: String, unit: String, position: String, level: String?, tenureStart: String?, tenureEnd: String?) {
            self.id = id
            self.name = name
            self.aliases = aliases
            self.unit = unit
            self.position = position
            self.level = level
            self.tenureStart = tenureStart
            self.tenureEnd = tenureEnd
        }
    }

    /// A cadre mention found in a source file (see Linking.Mention).
    public struct Mention: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "mention"
        public var path: String
        public var start: Int
        public var end: Int
        public var text: String
        public var form: String
        public var status: String
        public var cadre: String?
        /// Candidate ids joined with ",".
        public var candidates: String
        public var passageStart: Int
        public var passageEnd: Int
        public var evidence: String

        public init(path: String, start: Int, end: Int, text: String, form: String, status: String, cadre: String?, candidates: String,
                    passageStart: Int, passageEnd: Int, evidence: String) {
            self.path = path
            self.start = start
            self.end = end
            self.text = text
            self.form = form
            self.status = status
            self.cadre = cadre
            self.candidates = candidates
            self.passageStart = passageStart
            self.passageEnd = passageEnd
            self.evidence = evidence
        }
    }

    /// A piece of evidence: an indicator found in a clause (see Signals.Evidence).
    public struct Evidence: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "evidence"
        public var path: String
        public var cadre: String?
        public var indicator: String
        public var dimension: String
        public var polarity: String
        public var status: String
        public var start: Int
        public var end: Int
        public var quote: String
        public var triggerStart: Int
        public var triggerEnd: Int
        public var informant: String?
        public var channel: String
        /// The document's first date (ISO), if any.
        public var date: String?
        public var attribution: String

        public init(path: String, cadre: String?, indicator: String, dimension: String, polarity: String, status: String, start: Int, end: Int,
                    quote: String, triggerStart: Int, triggerEnd: Int, informant: String?, channel: String, date: String?, attribution: String) {
            self.path = path
            self.cadre = cadre
            self.indicator = indicator
            self.dimension = dimension
            self.polarity = polarity
            self.status = status
            self.start = start
            self.end = end
            self.quote = quote
            self.triggerStart = triggerStart
            self.triggerEnd = triggerEnd
            self.informant = informant
            self.channel = channel
            self.date = date
            self.attribution = attribution
        }
    }

    let pool: DatabasePool
    public let path: String

    public init(directory: URL) throws {
        path = directory.appendingPathComponent("catalog.sqlite").path
        // Several readers (server requests) and one writer (sync) share the file: wait for a
        // lock rather than fail with "database is locked".
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // WAL with synchronous=NORMAL: a commit is not fsynced on its own but at checkpoints. A
        // crash of the process loses nothing; a power cut may lose the last commits, never the
        // database's consistency. The server appends an audit entry per request: with FULL each
        // would wait for a disk flush.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("started", .datetime).notNull()
                t.column("finished", .datetime)
                t.column("added", .integer).notNull().defaults(to: 0)
                t.column("changed", .integer).notNull().defaults(to: 0)
                t.column("deleted", .integer).notNull().defaults(to: 0)
                t.column("unchanged", .integer).notNull().defaults(to: 0)
                t.column("failed", .integer).notNull().defaults(to: 0)
                t.column("report", .text)
            }
            try db.create(table: "source") { t in
                t.primaryKey("path", .text)
                t.column("sha256", .text)
                t.column("size", .integer).notNull()
                t.column("mtime", .double).notNull()
                t.column("channel", .text)
                t.column("dates", .text)
                t.column("status", .text).notNull()
                t.column("error", .text)
                t.column("runID", .integer).notNull().references("run")
            }
        }
        migrator.registerMigration("v2 roster and mentions") { db in
            try db.create(table: "cadre") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("aliases", .text).notNull()
                t.column("unit", .text).notNull()
                t.column("position", .text).notNull()
                t.column("level", .text)
                t.column("tenureStart", .text)
                t.column("tenureEnd", .text)
            }
            try db.create(table: "mention") { t in
                t.column("path", .text).notNull().indexed()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("form", .text).notNull()
                t.column("status", .text).notNull()
                t.column("cadre", .text).indexed()
                t.column("candidates", .text).notNull()
                t.column("passageStart", .integer).notNull()
                t.column("passageEnd", .integer).notNull()
                t.column("evidence", .text).notNull()
            }
        }
        migrator.registerMigration("v3 evidence") { db in
            try db.create(table: "evidence") { t in
                t.column("path", .text).notNull().indexed()
                t.column("cadre", .text).indexed()
                t.column("indicator", .text).notNull()
                t.column("dimension", .text).notNull()
                t.column("polarity", .text).notNull()
                t.column("status", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("quote", .text).notNull()
                t.column("triggerStart", .integer).notNull()
                t.column("triggerEnd", .integer).notNull()
                t.column("informant", .text)
                t.column("channel", .text).notNull()
                t.column("date", .text)
                t.column("attribution", .text).notNull()
            }
        }
        Self.registerAccessMigrations(&migrator)
        migrator.registerMigration("v5 claims") { db in
            // Each claim (cadre, indicator) with its corroboration status and the documents
            // holding its (not denied) evidence; rewritten claim by claim as syncs change them.
            try db.create(table: "claim") { t in
                t.column("cadre", .text).notNull()
                t.column("indicator", .text).notNull()
                t.column("status", .text).notNull()
                t.column("path", .text).notNull()
                t.primaryKey(["cadre", "indicator", "path"])
            }
            try db.create(index: "claim_status", on: "claim", columns: ["status"])
            // A row once a sync has assessed every claim (an empty claim table then means none).
            try db.create(table: "claim_run") { t in
                t.column("finished", .datetime).notNull()
            }
        }
        // Migrating takes the write lock: only when a migration is missing, not on every open.
        if try !pool.read({ try migrator.hasCompletedMigrations($0) }) { try migrator.migrate(pool) }
    }

    /// Evidence matching the filters, by cadre, date and path.
    public func evidence(cadre: String? = nil, dimension: String? = nil, status: String? = nil, since: String? = nil, path: String? = nil) throws -> [Evidence] {
        try pool.read { db in
            var q = Evidence.all()
            if let path { q = q.filter(Column("path") == path) }
            if let cadre { q = q.filter(Column("cadre") == cadre) }
            if let dimension { q = q.filter(Column("dimension") == dimension || Column("indicator") == dimension) }
            if let status { q = q.filter(Column("status") == status) }
            if let since { q = q.filter(Column("date") >= since) }
            return try q.order(Column("cadre"), Column("date"), Column("path"), Column("start")).fetchAll(db)
        }
    }

    // MARK: Claims

    /// A claim's assessment: its status and the documents holding its (not denied) evidence.
    public struct ClaimAssessment: Sendable {
        public var cadre: String
        public var indicator: String
        public var status: String
        public var paths: Set<String>
        public init(cadre: String, indicator: String, status: String, paths: Set<String>) {
            self.cadre = cadre
            self.indicator = indicator
            self.status = status
            self.paths = paths
        }
    }

    /// Stores assessments: `all` replaces every claim; otherwise only the claims in `keys`
    /// ("cadre indicator") are replaced by those given for them.
    public func storeClaims(_ claims: [ClaimAssessment], replacing keys: Set<String>?) throws {
        try pool.write { db in
            // claim_run's time is the claims' version: readers cache on it, so it always moves
            // forward (stored to the millisecond).
            let previous = try Date.fetchOne(db, sql: "SELECT finished FROM claim_run")
            var version = Date()
            if let previous, version.timeIntervalSince(previous) < 0.002 { version = previous.addingTimeInterval(0.002) }
            try db.execute(sql: "DELETE FROM claim_run")
            try db.execute(sql: "INSERT INTO claim_run (finished) VALUES (?)", arguments: [version])
            if let keys {
                for k in keys {
                    let parts = k.split(separator: " ", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { continue }
                    try db.execute(sql: "DELETE FROM claim WHERE cadre = ? AND indicator = ?", arguments: [parts[0], parts[1]])
                }
            } else {
                try db.execute(sql: "DELETE FROM claim")
            }
            for c in claims {
                for p in c.paths {
                    try db.execute(sql: "INSERT OR REPLACE INTO claim (cadre, indicator, status, path) VALUES (?, ?, ?, ?)", arguments: [c.cadre, c.indicator, c.status, p])
                }
            }
        }
    }

    /// Reads claims without opening the catalog for writing (no migrations, no locks): what
    /// searches use. `version` is when the claims last changed; nil when no sync has assessed
    /// them (or there is no catalog). `byStatus` is read only when `version` differs from `known`.
    public static func claims(readingFrom directory: URL, unless known: Date?) throws -> (version: Date?, byStatus: [String: Set<String>]?) {
        guard let queue = try readOnly(directory) else { return (nil, nil) }
        return try queue.read { db in
            guard try db.tableExists("claim_run"), let version = try Date.fetchOne(db, sql: "SELECT finished FROM claim_run") else { return (nil, nil) }
            if version == known { return (version, nil) }
            var out: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, path FROM claim") { out[row["status"], default: []].insert(row["path"]) }
            return (version, out)
        }
    }

    /// When the claims last changed (read-only); nil before any sync assessed them.
    public static func claimsVersion(readingFrom directory: URL) throws -> Date? {
        guard let queue = try readOnly(directory) else { return nil }
        return try queue.read { db in try db.tableExists("claim_run") ? Date.fetchOne(db, sql: "SELECT finished FROM claim_run") : nil }
    }

    /// Whether a sync has assessed every claim once (the claim table is then complete).
    public func claimsAssessed() throws -> Bool {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claim_run") ?? 0 > 0 }
    }

    /// Documents by the status of the claims they hold evidence of; nil until a sync has
    /// assessed every claim once.
    public func claimStatuses() throws -> [String: Set<String>]? {
        try pool.read { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claim_run") ?? 0 > 0 else { return nil }
            var out: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, path FROM claim") { out[row["status"], default: []].insert(row["path"]) }
            return out
        }
    }

    /// The "cadre indicator" keys of the evidence now recorded for `paths`.
    public func claimKeys(ofEvidenceIn paths: [String]) throws -> Set<String> {
        try pool.read { db in
            var out = Set<String>()
            for p in paths {
                for row in try Row.fetchAll(db, sql: "SELECT DISTINCT cadre, indicator FROM evidence WHERE path = ? AND cadre IS NOT NULL", arguments: [p]) {
                    out.insert("\(row["cadre"] as String) \(row["indicator"] as String)")
                }
            }
            return out
        }
    }

    /// Cadres with attributed evidence.
    public func cadresWithEvidence() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT cadre FROM evidence WHERE cadre IS NOT NULL ORDER BY cadre") }
    }

    /// All evidence of the given claims ("cadre indicator").
    /// The evidence held for each of `paths`, in one read (a read per path was a tenth of
    /// indexing a corpus of small files); paths with none are absent.
    public func evidence(paths: some Collection<String>) throws -> [String: [Evidence]] {
        let all = Array(Set(paths))
        return try pool.read { db in
            var out: [String: [Evidence]] = [:]
            var start = 0
            while start < all.count {
                let chunk = all[start..<min(all.count, start + 500)]
                for e in try Evidence.filter(chunk.contains(Column("path"))).order(Column("path"), Column("start")).fetchAll(db) {
                    out[e.path, default: []].append(e)
                }
                start += 500
            }
            return out
        }
    }

    public func evidence(ofClaims keys: Set<String>) throws -> [Evidence] {
        let cadres = Set(keys.compactMap { $0.split(separator: " ").first.map(String.init) })
        return try pool.read { db in
            try Evidence.filter(cadres.contains(Column("cadre"))).fetchAll(db).filter { keys.contains("\($0.cadre ?? "") \($0.indicator)") }
        }
    }

    // MARK: Roster

    /// What a roster import changed, by cadre id.
    public struct RosterChange: Codable, Sendable, Equatable {
        public var added: [String] = []
        public var changed: [String] = []
        public var removed: [String] = []
        public var unchanged = 0
    }

    /// Makes the roster exactly `cadres` (in one transaction) and says what changed.
    public func replaceRoster(_ cadres: [Cadre]) throws -> RosterChange {
        try pool.write { db in
            var change = RosterChange()
            let old = Dictionary(try Cadre.fetchAll(db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let new = Set(cadres.map(\.id))
            for c in cadres {
                if let o = old[c.id] {
                    if o == c { change.unchanged += 1; continue }
                    change.changed.append(c.id)
                } else {
                    change.added.append(c.id)
                }
                try c.save(db)
            }
            for id in old.keys.sorted() where !new.contains(id) {
                _ = try Cadre.deleteOne(db, key: id)
                change.removed.append(id)
            }
            return change
        }
    }

    /// The roster, read without opening the catalog for writing (no migrations, no locks): what
    /// searches use. Empty when there is no catalog or no roster table yet.
    public static func roster(readingFrom directory: URL) throws -> [Cadre] {
        guard let queue = try readOnly(directory) else { return [] }
        return try queue.read { db in try db.tableExists("cadre") ? Cadre.order(Column("id")).fetchAll(db) : [] }
    }

    /// A read-only connection to the catalog in `directory` (no migrations, no write locks), or
    /// nil when there is no catalog: what searches read through.
    static func readOnly(_ directory: URL) throws -> DatabaseQueue? {
        let path = directory.appendingPathComponent("catalog.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    public func roster() throws -> [Cadre] {
        try pool.read { db in try Cadre.order(Column("id")).fetchAll(db) }
    }

    // MARK: Mentions

    /// Mentions linked to `cadre`, or ambiguous with it among the candidates.
    public func mentions(cadre: String) throws -> (linked: [Mention], ambiguous: [Mention]) {
        try pool.read { db in
            let linked = try Mention.filter(Column("cadre") == cadre).order(Column("path"), Column("start")).fetchAll(db)
            let ambiguous = try Mention.filter(Column("status") == "ambiguous").order(Column("path"), Column("start")).fetchAll(db)
                .filter { $0.candidates.split(separator: ",").contains { $0 == cadre } }
            return (linked, ambiguous)
        }
    }

    public func mentions(path: String) throws -> [Mention] {
        try pool.read { db in try Mention.filter(Column("path") == path).order(Column("start")).fetchAll(db) }
    }

    public func allMentions() throws -> [Mention] {
        try pool.read { db in try Mention.order(Column("path"), Column("start")).fetchAll(db) }
    }

    public func startRun(kind: String) throws -> Run {
        try pool.write { db in
            var run = Run(kind: kind, started: Date())
            try run.insert(db)
            return run
        }
    }

    /// Records the state of sources (after the index commit that holds them), in one transaction:
    /// a long run records as it commits, so its memory does not grow with the corpus.
    /// Mentions given for a path replace that path's mentions.
    public func record(_ sources: [Source], mentions: [String: [Mention]] = [:], evidence: [String: [Evidence]] = [:], removed: [String] = []) throws {
        guard !sources.isEmpty || !removed.isEmpty || !mentions.isEmpty || !evidence.isEmpty else { return }
        try pool.write { db in
            for s in sources { try s.save(db) }
            for (path, list) in mentions {
                try Mention.filter(Column("path") == path).deleteAll(db)
                for m in list { try m.insert(db) }
            }
            for (path, list) in evidence {
                try Evidence.filter(Column("path") == path).deleteAll(db)
                for e in list { try e.insert(db) }
            }
            for p in removed {
                _ = try Source.deleteOne(db, key: p)
                try Mention.filter(Column("path") == p).deleteAll(db)
                try Evidence.filter(Column("path") == p).deleteAll(db)
            }
        }
    }

    /// Records a finished run and the state of its sources in one transaction.
    public func finish(_ run: Run, sources: [Source], mentions: [String: [Mention]] = [:], evidence: [String: [Evidence]] = [:], removed: [String]) throws {
        try record(sources, mentions: mentions, evidence: evidence, removed: removed)
        try pool.write { db in
            var r = run
            r.finished = Date()
            try r.update(db)
        }
    }

    public func sources() throws -> [Source] {
        try pool.read { db in try Source.order(Column("path")).fetchAll(db) }
    }

    public func failedSources() throws -> [Source] {
        try pool.read { db in try Source.filter(Column("status") == "failed").order(Column("path")).fetchAll(db) }
    }

    public func runs(limit: Int = 20) throws -> [Run] {
        try pool.read { db in try Run.order(Column("id").desc).limit(limit).fetchAll(db) }
    }
}
