import Catalog
import Foundation
import Hummingbird
import Yinzheng

/// Who is asking, from the request's bearer token: their role and the units they may see.
public struct Principal: Sendable {
    public enum Role: String, Sendable, Comparable {
        case analyst, admin
        public static func < (a: Role, b: Role) -> Bool { a == .analyst && b == .admin }
    }
    /// The token's public id, or `anonymous`.
    public var id: String
    public var role: Role
    public var scope: Scope
}

/// Authentication, authorisation and the audit trail, in front of every data route.
///
/// While no token was ever created, anonymous requests are allowed when the server listens on
/// loopback (as an unscoped analyst: reads only). Once a token exists, every request needs
/// `Authorization: Bearer <secret>`. Each answered or refused request to a data route is
/// appended to the audit trail before its answer leaves; when the trail cannot be written the
/// request fails (503) rather than go unrecorded.
final class Gate: @unchecked Sendable {
    let directory: URL
    let anonymousAllowed: Bool
    private let lock = NSLock()
    private var catalog: Catalog?

    init(directory: URL, anonymousAllowed: Bool) {
        self.directory = directory
        self.anonymousAllowed = anonymousAllowed
    }

    /// The catalog, opened once; nil while the index directory does not exist.
    func openCatalog() throws -> Catalog? {
        lock.lock()
        defer { lock.unlock() }
        if let catalog { return catalog }
        guard FileManager.default.fileExists(atPath: directory.path) else { return nil }
        let c = try Catalog(directory: directory)
        catalog = c
        return c
    }

    /// Whether tokens are in force: once one was ever created, every request needs a live one.
    func tokensRequired() throws -> Bool {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path), let c = try openCatalog() else { return false }
        return try c.hasEverHadTokens()
    }

    /// The principal behind `request`, or a 401 naming what is missing.
    func authenticate(_ request: Request) throws -> Principal {
        let header = request.headers[.authorization]
        if header == nil, try !tokensRequired() {
            guard anonymousAllowed else {
                throw APIError(.unauthorized, "no_tokens", "this server listens beyond loopback and has no API tokens: create one with `yz token create`")
            }
            return Principal(id: "anonymous", role: .analyst, scope: .everything)
        }
        guard let header, header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, "missing_token", "send your API token as the header Authorization: Bearer <token>")
        }
        let secret = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard let c = try openCatalog(), let token = try c.token(secret: secret), let role = Principal.Role(rawValue: token.role) else {
            throw APIError(.unauthorized, "invalid_token", "the token is unknown or revoked; ask an admin for a new one (`yz token create`)")
        }
        guard !token.unitsDamaged else {
            throw APIError(.unauthorized, "invalid_token", "token \(token.id)'s units cannot be read; revoke it and create another")
        }
        return Principal(id: token.id, role: role, scope: Scope(units: token.unitList.map(Set.init)))
    }

    /// A 403 unless `principal` has the role `need`.
    static func check(_ principal: Principal, need: Principal.Role) throws {
        guard principal.role >= need else {
            throw APIError(.forbidden, "forbidden", principal.id == "anonymous"
                ? "this needs an admin token; create one with `yz token create --role admin` and send it as Authorization: Bearer …"
                : "token \(principal.id) is an analyst's; this needs an admin token")
        }
    }

    /// Authenticates and checks the role.
    func authorize(_ request: Request, need: Principal.Role) throws -> Principal {
        let p = try authenticate(request)
        try Self.check(p, need: need)
        return p
    }

    /// Appends to the audit trail; a trail that cannot be written fails the request.
    func record(_ principal: Principal?, token: String? = nil, action: String, detail: [String: String], results: Int?, status: Int) throws {
        guard let c = try openCatalog() else { return }
        do {
            try c.audit(token: principal?.id ?? token ?? "invalid", role: principal?.role.rawValue, action: action, detail: detail, results: results, status: status)
        } catch {
            throw APIError(.serviceUnavailable, "audit_unavailable", "the audit trail could not be written (\(error)); nothing is served unrecorded — try again")
        }
    }
}
