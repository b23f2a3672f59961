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
public enum APIServer {
    /// The routes, for `yz serve` and for in-process tests.
    /// Limits against abuse.
    public struct Limits: Sendable {
        /// Requests answered at once; beyond it a request gets 503 with Retry-After (the work is
        /// CPU-bound: more in flight only makes each slower).
        public var maxConcurrent = 8
        /// Seconds a search may take before it is abandoned (400, time_limit).
        public var searchSeconds = 5.0
        public init(maxConcurrent: Int = 8, searchSeconds: Double = 5) {
            self.maxConcurrent = maxConcurrent
            self.searchSeconds = searchSeconds
        }
    }

    public static func router(directory: URL, metrics: Metrics = Metrics(), limits: Limits = Limits()) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(JSONErrors(metrics: metrics))
        router.middlewares.add(ConcurrencyLimit(max: limits.maxConcurrent))
        @Sendable func workspace() -> Workspace { Workspace(directory: directory) }

        router.get("api/health") { _, _ -> Response in
            let s = try workspace().stats()
            return try json(["status": "ok", "documents": "\(s.documents)", "generation": "\(s.generation)"])
        }
        router.get("api/stats") { _, _ -> Response in try json(try workspace().stats()) }

        router.get("api/search") { request, _ -> Response in
            guard let q = request.uri.queryParameters.get("q"), !q.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError(.badRequest, "missing_query", "give the query as ?q=…")
            }
            guard q.count <= 1000 else { throw APIError(.badRequest, "query_too_long", "the query has \(q.count) characters; the limit is 1000") }
            var options = SearchOptions()
            options.limit = try int(request, "limit", default: 10, max: 1000)
            options.offset = try int(request, "offset", default: 0, max: 1_000_000)
            options.timeLimit = limits.searchSeconds
            do {
                return try json(SearchResponse(try workspace().search(q, options: options)))
            } catch let SearchError.query(e) {
                throw APIError(.badRequest, "bad_query", "\(e.description) (at character \(e.position))")
            } catch let SearchError.unsupported(message) {
                throw APIError(.badRequest, "unsupported_query", message)
            } catch SearchError.timeLimit(let t) {
                throw APIError(.badRequest, "time_limit", "the query took longer than \(t) s; narrow it (more characters, a filter)")
            } catch let SearchError.emptyTerm(term) {
                throw APIError(.badRequest, "empty_term", "\"\(term)\" has nothing searchable in it")
            }
        }

        router.get("api/document") { request, _ -> Response in
            guard let path = request.uri.queryParameters.get("path") else { throw APIError(.badRequest, "missing_path", "give the document as ?path=…") }
            guard let d = try workspace().document(path: path) else { throw APIError(.notFound, "no_document", "no indexed document at \(path)") }
            return try json(d)
        }

        router.get("api/cadres") { _, _ -> Response in try json(try workspace().roster().cadres) }
        router.get("api/cadres/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let reports = try workspace().cadres(matching: id)
            guard !reports.isEmpty else { throw APIError(.notFound, "no_cadre", "no cadre with id, name or alias \(id)") }
            return try json(reports)
        }
        router.get("api/cadres/:id/dossier") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let format = request.uri.queryParameters.get("format") ?? "json"
            guard ["json", "html", "md"].contains(format) else { throw APIError(.badRequest, "bad_format", "format is json, html or md") }
            let d: Workspace.Dossier
            do { d = try workspace().dossier(id) } catch let e as Workspace.WorkspaceError {
                throw APIError(e.description.hasPrefix("no cadre") ? .notFound : .badRequest, "no_dossier", e.description)
            }
            switch format {
            case "html": return text(Workspace.html(d), type: "text/html; charset=utf-8")
            case "md": return text(Workspace.markdown(d), type: "text/markdown; charset=utf-8")
            default: return try json(d)
            }
        }

        router.get("api/signals") { request, _ -> Response in
            let p = request.uri.queryParameters
            if let s = p.get("status"), Evidence.Status(rawValue: s) == nil {
                throw APIError(.badRequest, "bad_status", "status is asserted, negated or hearsay")
            }
            if let since = p.get("since"), !isDate(since) {
                throw APIError(.badRequest, "bad_since", "since is a date, YYYY-MM-DD")
            }
            let dir = workspace().directory
            guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("catalog.sqlite").path) else { return try json([SignalResponse]()) }
            let found = try Catalog(directory: dir).evidence(cadre: p.get("cadre"), dimension: p.get("dimension"), status: p.get("status"), since: p.get("since"))
            return try json(found.map(SignalResponse.init))
        }

        router.get("/") { _, _ -> Response in text(WebPage.html, type: "text/html; charset=utf-8") }

        router.get("metrics") { _, _ -> Response in
            let s = try? workspace().stats()
            return text(metrics.prometheus(documents: s?.documents ?? 0), type: "text/plain; version=0.0.4")
        }
        return router
    }

    /// An application bound to `host:port`.
    public static func application(directory: URL, host: String, port: Int) -> some ApplicationProtocol {
        Application(router: router(directory: directory), configuration: .init(address: .hostname(host, port: port), serverName: "yz"))
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return y >= 1 && (1...12).contains(m) && (1...31).contains(d)
    }

    /// The routes' path patterns, for answering 405 to other methods.
    static let routes: [[String]] = [["api", "search"], ["api", "document"], ["api", "cadres"], ["api", "cadres", "*"], ["api", "cadres", "*", "dossier"],
                                     ["api", "signals"], ["api", "stats"], ["api", "health"], ["metrics"], []]

    static func isRoute(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        return routes.contains { r in r.count == parts.count && zip(r, parts).allSatisfy { $0 == "*" || $0 == $1 } }
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

    static func json<T: Encodable>(_ value: T) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSON.encode(value))))
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

/// Turns every error into `{"error": {"code", "message"}}` and counts requests.
struct JSONErrors<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let response: Response
        do {
            response = try await next(request, context)
        } catch let e as APIError {
            response = Self.error(e.status, e.code, e.message)
        } catch let e as HTTPError where e.status == .notFound && request.method != .get && APIServer.isRoute(request.uri.path) {
            var r = Self.error(.methodNotAllowed, "method_not_allowed", "\(request.method) is not allowed here; use GET")
            r.headers[.allow] = "GET"
            response = r
        } catch let e as HTTPError {
            response = Self.error(e.status, e.status == .notFound ? "not_found" : "http_error", e.status == .notFound ? "no such route: \(request.uri.path)" : "\(e)")
        } catch {
            // The index or catalog failed (damaged file, I/O): the server's problem, said plainly.
            response = Self.error(.internalServerError, "server_error", "\(error)")
        }
        metrics.record(route: request.uri.path, status: Int(response.status.code), seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        return response
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let body = (try? JSON.encode(["error": ["code": code, "message": message]])) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Answers 503 (with Retry-After) when `max` requests are already being answered.
struct ConcurrencyLimit<Context: RequestContext>: RouterMiddleware {
    let max: Int
    let inFlight = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func enter(max: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard n < max else { return false }
            n += 1
            return true
        }
        func leave() {
            lock.lock()
            n -= 1
            lock.unlock()
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard inFlight.enter(max: max) else {
            var response = JSONErrors<Context>.error(.serviceUnavailable, "busy", "\(max) requests are being answered; try again in a moment")
            response.headers[.retryAfter] = "1"
            return response
        }
        defer { inFlight.leave() }
        return try await next(request, context)
    }
}

/// Request counts and latency for `/metrics` (Prometheus text format).
public final class Metrics: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var seconds = 0.0
    private var requests = 0

    public init() {}

    func record(route: String, status: Int, seconds s: Double) {
        // Routes with parameters are folded so the label set stays small.
        let r = route.hasPrefix("/api/cadres/") ? (route.hasSuffix("/dossier") ? "/api/cadres/:id/dossier" : "/api/cadres/:id") : route
        lock.lock()
        counts["route=\"\(r)\",status=\"\(status)\"", default: 0] += 1
        seconds += s
        requests += 1
        lock.unlock()
    }

    func prometheus(documents: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = "# HELP yz_requests_total Requests by route and status.\n# TYPE yz_requests_total counter\n"
        for (labels, n) in counts.sorted(by: { $0.key < $1.key }) { out += "yz_requests_total{\(labels)} \(n)\n" }
        out += "# HELP yz_request_seconds Time spent answering requests.\n# TYPE yz_request_seconds summary\n"
        out += "yz_request_seconds_sum \(seconds)\nyz_request_seconds_count \(requests)\n"
        out += "# HELP yz_documents Live documents in the index.\n# TYPE yz_documents gauge\nyz_documents \(documents)\n"
        return out
    }
}
