import Foundation
import Hummingbird
import Yinzheng

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
        } catch let e as HTTPError where e.status == .notFound && !APIServer.methods(for: request.uri.path).isEmpty {
            let allowed = APIServer.methods(for: request.uri.path)
            var r = Self.error(.methodNotAllowed, "method_not_allowed", "\(request.method) is not allowed here; use \(allowed.joined(separator: " or "))")
            r.headers[.allow] = allowed.joined(separator: ", ")
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

/// Refuses (413) a request whose declared body is larger than `max` bytes, before reading it;
/// routes that read a body also stop at `max` while reading (a body sent without a length).
struct BodyLimit<Context: RequestContext>: RouterMiddleware {
    let max: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > max {
            throw APIError(.contentTooLarge, "body_too_large", "the request body has \(length) bytes; the limit is \(max)")
        }
        return try await next(request, context)
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
        let r = route.hasPrefix("/api/cadres/") ? (route.hasSuffix("/dossier") ? "/api/cadres/:id/dossier" : "/api/cadres/:id")
            : route.hasPrefix("/api/tokens/") ? "/api/tokens/:id" : APIServer.methods(for: route).isEmpty ? "other" : route
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
