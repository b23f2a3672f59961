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

    private let pool: DatabasePool
    public let path: String

    public init(directory: URL) throws {
        path = directory.appendingPathComponent("catalog.sqlite").path
        pool = try DatabasePool(path: path)
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
        try migrator.migrate(pool)
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
    public func record(_ sources: [Source], removed: [String] = []) throws {
        guard !sources.isEmpty || !removed.isEmpty else { return }
        try pool.write { db in
            for s in sources { try s.save(db) }
            for p in removed { _ = try Source.deleteOne(db, key: p) }
        }
    }

    /// Records a finished run and the state of its sources in one transaction.
    public func finish(_ run: Run, sources: [Source], removed: [String]) throws {
        try pool.write { db in
            var r = run
            r.finished = Date()
            try r.update(db)
            for s in sources { try s.save(db) }
            for p in removed { _ = try Source.deleteOne(db, key: p) }
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
