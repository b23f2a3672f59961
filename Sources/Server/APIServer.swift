import Catalog
import Foundation
import Hummingbird
import Linking
import Search
import Signals
import Yinzheng

/// The local query server: a JSON API over one index directory, a skin over `Workspace` like the
/// CLI. Every request opens the latest commit, so a nightly `yz sync` is served without a
/// restart and requests in flight keep the snapshot they started with. Errors are JSON
/// `{"error": {"code", "message"}}`; a client's mistake is a 4xx.
///
/// Every data route goes through the ``Gate``: the token's role decides what may be done, its
/// units are a mandatory filter on every answer (search hits, totals and facets, documents,
/// cadres, dossiers, signals), and the request is appended to the audit trail.
public enum APIServer {
    /// Limits against abuse.
    public struct Limits: Sendable {
        /// Requests answered at once; beyond it a request gets 503 with Retry-After (the work is
        /// CPU-bound: more in flight only makes each slower).
        public var maxConcurrent = 8
        /// Seconds a search may take before it is abandoned (400, time_limit).
        public var searchSeconds = 5.0
        /// Request bodies (token creation) beyond this many bytes are refused (413).
        public var maxBodyBytes = 64 * 1024
        /// Characters in a query.
        public var maxQueryLength = 1000
        /// Terms, phrases and filters in a query, and its nesting depth.
        public var maxQueryLeaves = 64
        public var maxQueryDepth = 16
        /// Keyword values one filter may expand to (`unit:局`).
        public var maxExpansion = 1000

        public init(maxConcurrent: Int = 8, searchSeconds: Double = 5, maxBodyBytes: Int = 64 * 1024) {
            self.maxConcurrent = maxConcurrent
            self.searchSeconds = searchSeconds
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// Who may use the server.
    public struct Access: Sendable {
        /// Whether requests without a token are served while no token exists (loopback only).
        public var anonymousAllowed = true
        /// Folders an admin's `POST /api/sync` brings the index in line with (`yz serve --sources`).
        public var sources: [URL] = []

        public init(anonymousAllowed: Bool = true, sources: [URL] = []) {
            self.anonymousAllowed = anonymousAllowed
            self.sources = sources
        }
    }

    public static func router(directory: URL, metrics: Metrics = Metrics(), limits: Limits = Limits(), access: Access = Access()) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(JSONErrors(metrics: metrics))
        router.middlewares.add(BodyLimit(max: limits.maxBodyBytes))
        router.middlewares.add(ConcurrencyLimit(max: limits.maxConcurrent))
        let gate = Gate(directory: directory, anonymousAllowed: access.anonymousAllowed)
        let syncs = BackgroundSync(directory: directory, sources: access.sources)
        @Sendable func workspace() -> Workspace { Workspace(directory: directory) }

        /// A data route: authorised for `need`, recorded in the audit trail as `action` with the
        /// request's parameters and the answer's result count.
        func route(_ method: HTTPRequest.Method, _ path: RouterPath, _ action: String, need: Principal.Role = .analyst,
                   _ body: @escaping @Sendable (Request, BasicRequestContext, Principal) async throws -> (Response, Int?)) {
            router.on(path, method: method) { request, context -> Response in
                var detail: [String: String] = [:]
                var repeated: [String] = []
                for (k, v) in request.uri.queryParameters {
                    if detail[String(k)] != nil { repeated.append(String(k)) }
                    detail[String(k)] = String(v)
                }
                if let id = context.parameters.get("id") { detail["id"] = id }
                if method != .get { detail["method"] = method.rawValue }
                let principal: Principal
                do {
                    principal = try gate.authenticate(request)
                } catch let e as APIError {
                    let token = request.headers[.authorization] == nil ? "anonymous" : "invalid"
                    try gate.record(nil, token: token, action: action, detail: detail, results: nil, status: Int(e.status.code))
                    throw e
                }
                do {
                    // What is recorded is exactly what is answered: one value per parameter.
                    guard repeated.isEmpty else {
                        throw APIError(.badRequest, "duplicate_parameter", "give \(repeated.joined(separator: ", ")) once")
                    }
                    try Gate.check(principal, need: need)
                    let (response, results) = try await body(request, context, principal)
                    try gate.record(principal, action: action, detail: detail, results: results, status: Int(response.status.code))
                    return response
                } catch let e as APIError {
                    try gate.record(principal, action: action, detail: detail, results: nil, status: Int(e.status.code))
                    throw e
                } catch {
                    // The server's own failure (index, catalog): recorded too, then answered 500.
                    try gate.record(principal, action: action, detail: detail, results: nil, status: 500)
                    throw error
                }
            }
        }

        router.get("api/health") { request, _ -> Response in
            let s = try workspace().stats()
            // Counts are index-wide: only for callers who may see everything.
            if let p = try? gate.authorize(request, need: .analyst), p.scope.isEverything {
                return try json(["status": "ok", "documents": "\(s.documents)", "generation": "\(s.generation)"])
            }
            return try json(["status": "ok", "generation": "\(s.generation)"])
        }
        route(.get, "api/stats", "stats") { _, _, who in
            guard who.scope.isEverything else { throw scopedRefusal("index statistics count every unit") }
            return (try json(try workspace().stats()), nil)
        }

        route(.get, "api/search", "search") { request, _, who in
            guard let q = request.uri.queryParameters.get("q"), !q.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError(.badRequest, "missing_query", "give the query as ?q=…")
            }
            guard q.count <= limits.maxQueryLength else {
                throw APIError(.badRequest, "query_too_long", "the query has \(q.count) characters; the limit is \(limits.maxQueryLength)")
            }
            if let parsed = try? Query.parse(q) {
                let size = parsed.size
                guard size.leaves <= limits.maxQueryLeaves, size.depth <= limits.maxQueryDepth else {
                    throw APIError(.badRequest, "query_too_complex", "the query has \(size.leaves) terms and filters nested \(size.depth) deep; the limits are \(limits.maxQueryLeaves) and \(limits.maxQueryDepth)")
                }
            }
            var options = SearchOptions()
            options.limit = try int(request, "limit", default: 10, max: 1000)
            options.offset = try int(request, "offset", default: 0, max: 1_000_000)
            options.timeLimit = limits.searchSeconds
            options.maxExpansion = limits.maxExpansion
            options.facets.append("status")
            do {
                let result = try workspace().search(q, options: options, scope: who.scope)
                return (try json(SearchResponse(result)), result.total)
            } catch let SearchError.query(e) {
                throw APIError(.badRequest, "bad_query", e.description)
            } catch let SearchError.unsupported(message) {
                throw APIError(.badRequest, "unsupported_query", message)
            } catch SearchError.timeLimit(let t) {
                throw APIError(.badRequest, "time_limit", "the query took longer than \(t) s; narrow it (more characters, a filter)")
            } catch let SearchError.emptyTerm(term) {
                throw APIError(.badRequest, "empty_term", "\"\(term)\" has nothing searchable in it")
            }
        }

        route(.get, "api/document", "document") { request, _, who in
            guard let path = request.uri.queryParameters.get("path") else { throw APIError(.badRequest, "missing_path", "give the document as ?path=…") }
            guard let d = try workspace().document(path: path, scope: who.scope) else { throw APIError(.notFound, "no_document", "no indexed document at \(path)") }
            return (try json(d), 1)
        }

        route(.get, "api/cadres", "cadres") { _, _, who in
            let list = try workspace().cadres(scope: who.scope)
            return (try json(list), list.count)
        }
        route(.get, "api/cadres/:id", "cadre") { _, context, who in
            let id = context.parameters.get("id") ?? ""
            let reports = try workspace().cadres(matching: id, scope: who.scope)
            guard !reports.isEmpty else { throw APIError(.notFound, "no_cadre", "no cadre with id, name or alias \(id)") }
            return (try json(reports), reports.count)
        }
        route(.get, "api/cadres/:id/dossier", "dossier") { request, context, who in
            let id = context.parameters.get("id") ?? ""
            let format = request.uri.queryParameters.get("format") ?? "json"
            guard ["json", "html", "md"].contains(format) else { throw APIError(.badRequest, "bad_format", "format is json, html or md") }
            let d: Workspace.Dossier
            do { d = try workspace().dossier(id, scope: who.scope) } catch let e as Workspace.WorkspaceError {
                throw APIError(e.description.hasPrefix("no cadre") ? .notFound : .badRequest, "no_dossier", e.description)
            }
            let quotes = d.dimensions.reduce(0) { n, s in n + (s.negative + s.positive).reduce(0) { $0 + $1.evidence.count + $1.denials.count } }
            switch format {
            case "html": return (text(Workspace.html(d), type: "text/html; charset=utf-8"), quotes)
            case "md": return (text(Workspace.markdown(d), type: "text/markdown; charset=utf-8"), quotes)
            default: return (try json(d), quotes)
            }
        }

        route(.get, "api/signals", "signals") { request, _, who in
            let p = request.uri.queryParameters
            if let s = p.get("status"), Evidence.Status(rawValue: s) == nil {
                throw APIError(.badRequest, "bad_status", "status is asserted, negated or hearsay")
            }
            if let since = p.get("since"), !isDate(since) {
                throw APIError(.badRequest, "bad_since", "since is a date, YYYY-MM-DD")
            }
            let found = try workspace().signals(cadre: p.get("cadre"), dimension: p.get("dimension"), status: p.get("status"), since: p.get("since"), scope: who.scope)
            return (try json(found.map(SignalResponse.init)), found.count)
        }

        // Admin: syncs, tokens, the audit trail.
        route(.post, "api/sync", "sync", need: .admin) { _, _, who in
            // A sync's report counts and names files of every unit.
            guard who.scope.isEverything else { throw scopedRefusal("a sync reports on every unit") }
            let started = try syncs.start()
            return (try json(started, status: .accepted), nil)
        }
        route(.get, "api/sync", "sync_status", need: .admin) { _, _, who in
            guard who.scope.isEverything else { throw scopedRefusal("a sync reports on every unit") }
            return (try json(syncs.status()), nil)
        }

        /// Whether `who` may see and revoke `token`: an unscoped admin every token; a scoped admin
        /// only tokens scoped within its own units.
        @Sendable func manages(_ who: Principal, _ token: Catalog.Token) -> Bool {
            guard let mine = who.scope.units else { return true }
            guard let theirs = token.unitList else { return false }
            return Set(theirs).isSubset(of: mine)
        }
        route(.get, "api/tokens", "tokens", need: .admin) { _, _, who in
            guard let c = try gate.openCatalog() else { return (try json([TokenResponse]()), 0) }
            let list = try c.tokens().filter { manages(who, $0) }.map(TokenResponse.init)
            return (try json(list), list.count)
        }
        route(.post, "api/tokens", "token_create", need: .admin) { request, context, who in
            struct Body: Decodable { var role: String; var units: [String]?; var name: String? }
            let data: ByteBuffer
            do { data = try await request.body.collect(upTo: limits.maxBodyBytes) } catch {
                throw APIError(.contentTooLarge, "body_too_large", "the request body is over \(limits.maxBodyBytes) bytes")
            }
            let body: Body
            do { body = try JSONDecoder().decode(Body.self, from: Data(data.readableBytesView)) } catch {
                throw APIError(.badRequest, "bad_body", "send {\"role\": \"analyst\"|\"admin\", \"units\": [\"…\"], \"name\": \"…\"} as JSON")
            }
            guard Principal.Role(rawValue: body.role) != nil else { throw APIError(.badRequest, "bad_role", "role is analyst or admin") }
            if let units = body.units, units.isEmpty || units.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw APIError(.badRequest, "bad_units", "units is a list of unit names, none empty; leave it out for every unit")
            }
            // A scoped admin cannot mint a token that sees more than they do.
            if let mine = who.scope.units, !Set(body.units ?? []).isSubset(of: mine) || body.units == nil {
                throw APIError(.forbidden, "forbidden", "a token scoped to \(mine.sorted().joined(separator: ", ")) can only create tokens within those units")
            }
            guard let c = try gate.openCatalog() else { throw APIError(.notFound, "no_index", "no index at \(directory.path)") }
            let (token, secret) = try c.createToken(role: body.role, units: body.units, name: body.name)
            // What was granted, beside the request's own entry.
            try gate.record(who, action: "token_granted", detail: ["id": token.id, "role": body.role, "units": (body.units ?? []).joined(separator: ","),
                                                                    "name": body.name ?? ""], results: nil, status: 201)
            struct Created: Encodable { var token: TokenResponse; var secret: String }
            return (try json(Created(token: TokenResponse(token), secret: secret), status: .created), nil)
        }
        route(.delete, "api/tokens/:id", "token_revoke", need: .admin) { _, context, who in
            let id = context.parameters.get("id") ?? ""
            guard let c = try gate.openCatalog(), let token = try c.tokens().first(where: { $0.id == id && $0.revoked == nil }), manages(who, token) else {
                throw APIError(.notFound, "no_token", "no live token \(id)")
            }
            // The last unscoped admin token is revoked on the machine (`yz token revoke`), not over HTTP.
            if token.role == "admin" && token.units == nil,
               try c.tokens().filter({ $0.role == "admin" && $0.units == nil && $0.revoked == nil }).count == 1 {
                throw APIError(.conflict, "last_admin", "\(id) is the last unscoped admin token; create another first, or revoke it with `yz token revoke`")
            }
            guard try c.revokeToken(id: id) else { throw APIError(.notFound, "no_token", "no live token \(id)") }
            return (try json(["revoked": id]), nil)
        }
        route(.get, "api/audit", "audit", need: .admin) { request, _, who in
            guard who.scope.isEverything else { throw scopedRefusal("the audit trail records every unit") }
            let since = request.uri.queryParameters.get("since")
            let limit = try int(request, "limit", default: 1000, max: 100_000)
            let entries = try gate.openCatalog()?.auditEntries(since: since, limit: limit) ?? []
            return (try json(entries), entries.count)
        }

        router.get("/") { _, _ -> Response in text(WebPage.html, type: "text/html; charset=utf-8") }

        router.get("metrics") { request, _ -> Response in
            // Document counts are index-wide: with tokens, an unscoped admin's.
            if try gate.tokensRequired() || !access.anonymousAllowed {
                let p = try gate.authorize(request, need: .admin)
                guard p.scope.isEverything else { throw scopedRefusal("metrics count every unit") }
            }
            let s = try? workspace().stats()
            return text(metrics.prometheus(documents: s?.documents ?? 0), type: "text/plain; version=0.0.4")
        }
        return router
    }

    static func scopedRefusal(_ why: String) -> APIError {
        APIError(.forbidden, "scoped_token", "\(why); a token limited to some units cannot read them")
    }

    /// A token as the API shows it: never its hash.
    struct TokenResponse: Codable, Sendable {
        var id: String, name: String?, role: String, units: [String]?, created: Date, revoked: Date?
        init(_ t: Catalog.Token) {
            id = t.id; name = t.name; role = t.role; units = t.unitList; created = t.created; revoked = t.revoked
        }
    }

    /// An application bound to `host:port`.
    public static func application(directory: URL, host: String, port: Int, access: Access) -> some ApplicationProtocol {
        Application(router: router(directory: directory, access: access), configuration: .init(address: .hostname(host, port: port), serverName: "yz"))
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return y >= 1 && (1...12).contains(m) && (1...31).contains(d)
    }

    /// The routes' path patterns and methods, for answering 405 to other methods.
    static let routes: [(path: [String], methods: [String])] = [
        (["api", "search"], ["GET"]), (["api", "document"], ["GET"]), (["api", "cadres"], ["GET"]), (["api", "cadres", "*"], ["GET"]),
        (["api", "cadres", "*", "dossier"], ["GET"]), (["api", "signals"], ["GET"]), (["api", "stats"], ["GET"]), (["api", "health"], ["GET"]),
        (["api", "sync"], ["GET", "POST"]), (["api", "tokens"], ["GET", "POST"]), (["api", "tokens", "*"], ["DELETE"]), (["api", "audit"], ["GET"]),
        (["metrics"], ["GET"]), ([], ["GET"]),
    ]

    /// The methods a path answers to; empty when no route has this path.
    static func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/").map(String.init)
        return routes.first { r in r.path.count == parts.count && zip(r.path, parts).allSatisfy { $0 == "*" || $0 == $1 } }?.methods ?? []
    }

    /// Whether `host` is a loopback address (the only kind served without tokens).
    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.")
    }

    static func int(_ request: Request, _ name: String, default value: Int, max: Int) throws -> Int {
        guard let raw = request.uri.queryParameters.get(name) else { return value }
        guard let n = Int(raw), n >= 0, n <= max else { throw APIError(.badRequest, "bad_\(name)", "\(name) must be a whole number from 0 to \(max)") }
        return n
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSON.encode(value))))
    }

    static func text(_ s: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: s)))
    }
}

/// A client or server error as JSON.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
}
