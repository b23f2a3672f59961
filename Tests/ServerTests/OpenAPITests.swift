import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing
import Yams

/// The server answers every path in docs/openapi.yaml with a documented status, and its JSON
/// bodies match the documented schemas (types, required fields, enums, items, $refs).
@Suite struct OpenAPITests {
    nonisolated(unsafe) static let spec: [String: Any] = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("docs/openapi.yaml").path) { dir = dir.deletingLastPathComponent() }
        let text = try! String(contentsOf: dir.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        return try! Yams.load(yaml: text) as! [String: Any]
    }()

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        var node: Any = Self.spec
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as! [String: Any])[String(part)]! }
        return resolve(node as! [String: Any])
    }

    /// Problems of `value` against `schema`, with a JSON-pointer-ish location.
    func problems(_ value: Any, _ schema: [String: Any], at path: String) -> [String] {
        let s = resolve(schema)
        var out: [String] = []
        if let e = s["enum"] as? [Any], let v = value as? String, !e.contains(where: { "\($0)" == v }) { out.append("\(path): \(v) not in \(e)") }
        switch s["type"] as? String {
        case "object":
            guard let o = value as? [String: Any] else { return ["\(path): expected an object"] }
            for r in s["required"] as? [String] ?? [] where o[r] == nil { out.append("\(path): missing \(r)") }
            for (k, sub) in s["properties"] as? [String: Any] ?? [:] {
                if let v = o[k], !(v is NSNull) { out += problems(v, sub as! [String: Any], at: path + "/" + k) }
            }
            if let extra = s["additionalProperties"] as? [String: Any] {
                for (k, v) in o { out += problems(v, extra, at: path + "/" + k) }
            }
        case "array":
            guard let a = value as? [Any] else { return ["\(path): expected an array"] }
            if let items = s["items"] as? [String: Any] { for (i, v) in a.enumerated() { out += problems(v, items, at: "\(path)/\(i)") } }
        case "string": if !(value is String) { out.append("\(path): expected a string") }
        case "integer": if !(value is Int) { out.append("\(path): expected an integer") }
        case "number": if !(value is Double || value is Int) { out.append("\(path): expected a number") }
        case "boolean": if !(value is Bool) { out.append("\(path): expected a boolean") }
        default: break
        }
        return out
    }

    /// One request to make, what may come back, and the JSON schemas (as JSON text) by status.
    struct Case: Sendable {
        var method: String
        var uri: String
        var body: String?
        var schemas: [String: String?]
    }

    func cases() throws -> [Case] {
        let paths = Self.spec["paths"] as! [String: Any]
        var out: [Case] = []
        for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, op) in (item as! [String: Any]).sorted(by: { $0.key < $1.key }) {
                let op = op as! [String: Any]
                var uri = template
                var query: [String] = []
                for p in op["parameters"] as? [[String: Any]] ?? [] {
                    guard let name = p["name"] as? String else { continue }
                    let example = p["example"].map { "\($0)" } ?? ""
                    if p["in"] as? String == "path" { uri = uri.replacingOccurrences(of: "{\(name)}", with: example) }
                    else if p["required"] as? Bool == true { query.append(name + "=" + example.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!) }
                }
                if !query.isEmpty { uri += "?" + query.joined(separator: "&") }
                var body: String?
                if let rb = op["requestBody"] as? [String: Any], let content = rb["content"] as? [String: Any],
                   let json = content["application/json"] as? [String: Any], let example = json["example"] {
                    body = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
                }
                var schemas: [String: String?] = [:]
                for (code, r) in op["responses"] as! [String: Any] {
                    let resolved = resolve(r as! [String: Any])
                    if let content = resolved["content"] as? [String: Any], let json = content["application/json"] as? [String: Any], let schema = json["schema"] {
                        schemas[code] = String(decoding: try JSONSerialization.data(withJSONObject: schema), as: UTF8.self)
                    } else {
                        schemas[code] = .some(nil)
                    }
                }
                out.append(Case(method: method.uppercased(), uri: uri, body: body, schemas: schemas))
            }
        }
        return out
    }

    @Test func everyDocumentedPathAnswersAsDocumented() async throws {
        let plan = try cases()
        #expect(plan.count == 15)
        // Its own index, with an admin token (admin routes included).
        let index = ServerFixture.build()
        let secret = try Catalog(directory: index).createToken(role: "admin", units: nil, name: "openapi").secret
        try await Application(router: APIServer.router(directory: index)).test(.router) { client in
            for c in plan {
                let body = c.body.map { ByteBuffer(string: $0) }
                try await client.execute(uri: c.uri, method: HTTPRequest.Method(c.method)!, headers: [.authorization: "Bearer " + secret], body: body) { response in
                    let code = "\(response.status.code)"
                    #expect(c.schemas[code] != nil, "\(c.method) \(c.uri) answered \(code), not documented: \(String(buffer: response.body))")
                    guard let text = c.schemas[code] ?? nil, response.headers[.contentType]?.hasPrefix("application/json") == true else { return }
                    let schema = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
                    let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
                    let found = problems(body, schema, at: c.method + " " + c.uri)
                    #expect(found.isEmpty, "\(found.prefix(5))")
                }
            }
        }
    }

    @Test func theSchemaCheckHasTeeth() {
        let schema: [String: Any] = ["$ref": "#/components/schemas/SearchResponse"]
        #expect(problems(["total": 1, "hits": [], "facets": [:]] as [String: Any], schema, at: "").isEmpty)
        let bad = problems(["total": "one", "hits": [["id": "1:2"]]] as [String: Any], schema, at: "")
        #expect(bad.contains { $0.contains("missing facets") } && bad.contains { $0.contains("total: expected an integer") } && bad.contains { $0.contains("missing path") })
    }
}
