import Crypto
import Foundation
import GRDB

/// API tokens and the audit trail: who may read what, and a record of what was read.
///
/// Tokens are stored as the SHA-256 of their secret (the secret is shown once, at creation).
/// The audit trail is append-only (triggers refuse UPDATE and DELETE) and hash-chained: each
/// entry's hash covers its fields and the previous entry's hash, so an edited, deleted or
/// reordered entry breaks the chain; `audit.head` beside the catalog holds the last entry's
/// sequence number and hash, so entries cut from the end are noticed too.
extension Catalog {
    public struct Token: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "token"
        /// Public id (`t` + 8 hex digits): what lists, the audit trail and revocation name.
        public var id: String
        public var name: String?
        /// `analyst` (reads) or `admin` (also triggers syncs and manages tokens).
        public var role: String
        /// Units the token may see, as a JSON array; nil: every unit.
        public var units: String?
        /// SHA-256 (hex) of the secret.
        public var hash: String
        public var created: Date
        public var revoked: Date?

        public var unitList: [String]? {
            units.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        }

        /// Units stored but unreadable: the token must be refused, not treated as unscoped.
        public var unitsDamaged: Bool { units != nil && unitList == nil }
    }

    public struct AuditEntry: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "audit"
        public var seq: Int64
        /// UTC, ISO 8601 with milliseconds.
        public var time: String
        /// Token id, `anonymous`, or `invalid` (a request with an unknown or revoked token).
        public var token: String
        public var role: String?
        /// search, document, cadres, cadre, dossier, signals, stats, sync, tokens, token_create, token_revoke, audit, denied.
        public var action: String
        /// What was asked, as a JSON object (query and filters, path, cadre…).
        public var detail: String
        /// How many results the answer held; nil when it is not a list.
        public var results: Int?
        /// The HTTP status of the answer (or 0 outside the server).
        public var status: Int
        public var previous: String
        public var hash: String

        /// The hash an entry must carry: SHA-256 over its fields and the previous hash.
        public static func hash(seq: Int64, time: String, token: String, role: String?, action: String, detail: String,
                                results: Int?, status: Int, previous: String) -> String {
            let fields = ["\(seq)", time, token, role ?? "", action, detail, results.map { "\($0)" } ?? "", "\(status)", previous]
            return SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8)).map { String(format: "%02x", $0) }.joined()
        }
    }

    public static let genesisHash = String(repeating: "0", count: 64)

    static func registerAccessMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4 tokens and audit") { db in
            try db.create(table: "token") { t in
                t.primaryKey("id", .text)
                t.column("name", .text)
                t.column("role", .text).notNull()
                t.column("units", .text)
                t.column("hash", .text).notNull().unique()
                t.column("created", .datetime).notNull()
                t.column("revoked", .datetime)
            }
            try db.create(table: "audit") { t in
                t.primaryKey("seq", .integer)
                t.column("time", .text).notNull()
                t.column("token", .text).notNull()
                t.column("role", .text)
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("results", .integer)
                t.column("status", .integer).notNull()
                t.column("previous", .text).notNull()
                t.column("hash", .text).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """)
        }
    }

    // MARK: Tokens

    /// Makes a token and returns it with its secret (shown once; only its hash is kept).
    public func createToken(role: String, units: [String]?, name: String?) throws -> (token: Token, secret: String) {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let secret = "yz_" + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let id = "t" + (0..<4).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
        let unitsJSON = units.map { String(data: (try? JSONEncoder().encode($0)) ?? Data("[]".utf8), encoding: .utf8) ?? "[]" }
        let token = Token(id: id, name: name, role: role, units: unitsJSON, hash: Self.tokenHash(secret), created: Date(), revoked: nil)
        try pool.write { db in try token.insert(db) }
        return (token, secret)
    }

    public static func tokenHash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The live (not revoked) token with this secret.
    public func token(secret: String) throws -> Token? {
        let hash = Self.tokenHash(secret)
        return try pool.read { db in try Token.filter(Column("hash") == hash && Column("revoked") == nil).fetchOne(db) }
    }

    public func tokens() throws -> [Token] {
        try pool.read { db in try Token.order(Column("created"), Column("id")).fetchAll(db) }
    }

    /// Whether any token is live.
    public func hasLiveTokens() throws -> Bool {
        try pool.read { db in try Token.filter(Column("revoked") == nil).fetchCount(db) > 0 }
    }

    /// Whether a token was ever created: from then on every request needs a live one, even when
    /// all are revoked (revoking every token must not reopen the server to anonymous use).
    public func hasEverHadTokens() throws -> Bool {
        try pool.read { db in try Token.fetchCount(db) > 0 }
    }

    /// Revokes a token; false when there is no live token with that id.
    public func revokeToken(id: String) throws -> Bool {
        try pool.write { db in
            guard var t = try Token.filter(Column("id") == id && Column("revoked") == nil).fetchOne(db) else { return false }
            t.revoked = Date()
            try t.update(db)
            return true
        }
    }

    // MARK: Audit trail

    var auditHeadPath: String { (path as NSString).deletingLastPathComponent + "/audit.head" }

    /// Appends an entry to the audit trail (in one write transaction, so concurrent appends from
    /// several processes chain in order) and returns it.
    @discardableResult
    public func audit(token: String, role: String?, action: String, detail: [String: String], results: Int?, status: Int) throws -> AuditEntry {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let detailText = String(data: try encoder.encode(detail), encoding: .utf8) ?? "{}"
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let time = formatter.string(from: Date())
        let headPath = auditHeadPath
        return try pool.write { db in
            let last = try AuditEntry.order(Column("seq").desc).fetchOne(db)
            let seq = (last?.seq ?? 0) + 1
            let previous = last?.hash ?? Self.genesisHash
            let hash = AuditEntry.hash(seq: seq, time: time, token: token, role: role, action: action, detail: detailText, results: results,
                                       status: status, previous: previous)
            let entry = AuditEntry(seq: seq, time: time, token: token, role: role, action: action, detail: detailText, results: results,
                                   status: status, previous: previous, hash: hash)
            try entry.insert(db)
            // Inside the transaction: heads are written in chain order across processes.
            try Self.writeHead(seq: seq, hash: hash, to: headPath)
            return entry
        }
    }

    /// Overwrites `audit.head` in place with one fixed-length line (20-digit sequence number,
    /// space, 64 hex digits, newline): one small write per request, no temporary file and rename
    /// (which cost the server a journal commit per request).
    static func writeHead(seq: Int64, hash: String, to path: String) throws {
        let line = String(repeating: "0", count: max(0, 20 - String(seq).count)) + "\(seq) \(hash)\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        let written = line.utf8CString.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, line.utf8.count, 0) }
        guard written == line.utf8.count, ftruncate(fd, off_t(line.utf8.count)) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Entries from `since` (an ISO date or time prefix), oldest first, at most `limit`.
    public func auditEntries(since: String? = nil, limit: Int? = nil) throws -> [AuditEntry] {
        try pool.read { db in
            var q = AuditEntry.order(Column("seq"))
            if let since { q = q.filter(Column("time") >= since) }
            if let limit { q = q.limit(limit) }
            return try q.fetchAll(db)
        }
    }

    /// What checking the chain found.
    public struct AuditVerification: Sendable, Equatable {
        public var entries = 0
        public var head: String?
        /// Each problem with the sequence number it was found at; empty: the trail is intact.
        public var problems: [String] = []
    }

    /// Walks the whole trail: sequence numbers without gaps, each entry's hash recomputed and
    /// chained to the one before, and the last entry matching `audit.head`.
    /// `anchors`: (sequence number, hash) pairs recorded elsewhere (`yz audit --verify --anchor
    /// SEQ:HASH`); each must match the trail.
    public func verifyAudit(anchors: [(seq: Int64, hash: String)] = []) throws -> AuditVerification {
        var hashes: [Int64: String] = [:]
        let wanted = Set(anchors.map(\.seq))
        var result = AuditVerification()
        var expectedSeq: Int64 = 1
        var previous = Self.genesisHash
        try pool.read { db in
            let cursor = try AuditEntry.order(Column("seq")).fetchCursor(db)
            while let e = try cursor.next() {
                result.entries += 1
                if e.seq != expectedSeq {
                    result.problems.append("entry \(e.seq): expected entry \(expectedSeq) here — entries \(expectedSeq)…\(e.seq - 1) were deleted")
                }
                if e.previous != previous {
                    result.problems.append("entry \(e.seq): does not chain to the entry before it (an entry before it was deleted, inserted or edited)")
                }
                let recomputed = AuditEntry.hash(seq: e.seq, time: e.time, token: e.token, role: e.role, action: e.action, detail: e.detail,
                                                 results: e.results, status: e.status, previous: e.previous)
                if recomputed != e.hash {
                    result.problems.append("entry \(e.seq): its fields do not match its hash — the entry was edited")
                }
                previous = e.hash
                expectedSeq = e.seq + 1
                if wanted.contains(e.seq) { hashes[e.seq] = e.hash }
                if result.problems.count >= 20 { break }
            }
        }
        result.head = result.entries > 0 ? previous : nil
        if let text = try? String(contentsOfFile: auditHeadPath, encoding: .utf8) {
            let parts = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if parts.count == 2, let seq = Int64(parts[0]) {
                if seq >= expectedSeq {
                    result.problems.append("audit.head names entry \(seq) but the trail ends at entry \(expectedSeq - 1) — entries were cut from the end")
                } else if seq == expectedSeq - 1, parts[1] != previous {
                    result.problems.append("entry \(seq): does not match audit.head — the last entry was replaced")
                } else if seq < expectedSeq - 1 {
                    // The head lags the trail only if appends happened after it was written and
                    // failed to update it; the entry it names must still be the one it names.
                    let stored = try pool.read { db in try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [seq]) }
                    if stored != parts[1] { result.problems.append("entry \(seq): does not match audit.head — the trail was rewritten from there") }
                }
            } else {
                result.problems.append("audit.head is unreadable (\(text.prefix(80))); it should be \"SEQ HASH\"")
            }
        } else if result.entries > 0 {
            result.problems.append("audit.head is missing beside \(path); entries cut from the end cannot be ruled out")
        }
        for a in anchors {
            if let h = hashes[a.seq] {
                if h != a.hash { result.problems.append("entry \(a.seq): its hash is not the anchored \(a.hash.prefix(16))… — the trail was rewritten") }
            } else {
                result.problems.append("entry \(a.seq): anchored, but the trail has no such entry — entries were deleted")
            }
        }
        return result
    }
}
