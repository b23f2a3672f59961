import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing
import TestSupport
import Yinzheng

/// A small index with a roster, built once for the suite.
enum ServerFixture {
    static let directory: URL = build()

    /// A fresh copy: documents a.txt and b.txt are about C001 (交通运输局), c.txt about C002 (教育局).
    static func build() -> URL {
        let root = scratchDirectory("yz-server")
        let docs = root.appendingPathComponent("docs")
        try! FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try! "id,name,aliases,unit,position\nC001,王建国,老王,青川市交通运输局,局长\nC002,李红,,青川市教育局,副局长\n"
            .write(to: root.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try! "谈话记录\n谈话人：刘明\n谈话对象：赵敏\n问：你怎么看交通运输局的王建国？\n答：他推诿扯皮，群众意见大。\n答：听说他周末打麻将。\n"
            .write(to: docs.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try! "走访记录\n走访人：陈平\n走访对象：孙丽\n问：王建国局长怎么样？\n答：王建国推诿扯皮的事我也听过。\n"
            .write(to: docs.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try! "工作简报\n教育局副局长李红作风扎实，深入基层。".write(to: docs.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        let index = root.appendingPathComponent("index")
        let w = Workspace(directory: index)
        _ = try! w.importRoster(root.appendingPathComponent("roster.csv"))
        _ = try! w.sync([docs])
        return index
    }
}

struct ErrorBody: Decodable { struct E: Decodable { var code: String; var message: String }; var error: E }

@Suite struct APITests {
    func app() -> some ApplicationProtocol { Application(router: APIServer.router(directory: ServerFixture.directory)) }

    @Test func searchAnswersTheSameJSONAsTheCLI() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/api/search?q=%E6%8E%A8%E8%AF%BF%E6%89%AF%E7%9A%AE&limit=5", method: .get) { response in
                #expect(response.status == .ok)
                let r = try JSONDecoder().decode(SearchResponse.self, from: Data(response.body.readableBytesView))
                let direct = SearchResponse(try Workspace(directory: ServerFixture.directory).search("推诿扯皮"))
                #expect(r.total == 2 && r.hits.map(\.path) == direct.hits.map(\.path))
                #expect(r.hits.allSatisfy { !$0.snippets.isEmpty })
            }
        }
    }

    @Test func clientMistakesAre4xxWithJSONErrors() async throws {
        try await app().test(.router) { client in
            for (uri, status, code) in [("/api/search", HTTPResponse.Status.badRequest, "missing_query"),
                                        ("/api/search?q=%22unclosed", .badRequest, "bad_query"),
                                        ("/api/search?q=a&limit=-1", .badRequest, "bad_limit"),
                                        ("/api/cadres/C999", .notFound, "no_cadre"),
                                        ("/api/cadres/C001/dossier?format=pdf", .badRequest, "bad_format"),
                                        ("/api/document?path=/nowhere.txt", .notFound, "no_document"),
                                        ("/api/signals?status=sure", .badRequest, "bad_status"),
                                        ("/api/signals?since=", .badRequest, "bad_since"),
                                        ("/api/search?q=%20", .badRequest, "missing_query"),
                                        ("/api/nothing-here", .notFound, "not_found")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    let e = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(e.error.code == code, "\(uri)")
                }
            }
        }
    }

    @Test func cadresDossierSignalsDocumentStatsHealthMetrics() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/api/cadres/C001", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("王建国"))
            }
            try await client.execute(uri: "/api/cadres/C001/dossier", method: .get) { response in
                #expect(response.status == .ok)
                let d = try JSONDecoder().decode(Workspace.Dossier.self, from: Data(response.body.readableBytesView))
                let shirking = d.dimensions.flatMap { $0.negative }.first { $0.indicator == "shirking" }
                // Two informants in two channels (interview, visit): corroborated across channels.
                #expect(shirking?.corroboration.status.rawValue == "multi-channel")
            }
            try await client.execute(uri: "/api/cadres/C001/dossier?format=html", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            try await client.execute(uri: "/api/signals?cadre=C001&status=hearsay", method: .get) { response in
                let s = try JSONDecoder().decode([SignalResponse].self, from: Data(response.body.readableBytesView))
                #expect(!s.isEmpty && s.allSatisfy { $0.status == "hearsay" && $0.cadre == "C001" })
            }
            let path = ServerFixture.directory.deletingLastPathComponent().appendingPathComponent("docs/c.txt").standardizedFileURL.path
            try await client.execute(uri: "/api/document?path=" + path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, method: .get) { response in
                let d = try JSONDecoder().decode(Workspace.DocumentResponse.self, from: Data(response.body.readableBytesView))
                #expect(d.cadres == ["C002"] && d.mentions.count == 1 && !d.evidence.isEmpty)
                // Structure from the source file: spans inside the text.
                let blocks = try #require(d.blocks)
                #expect(!blocks.isEmpty && blocks.allSatisfy { $0.start <= $0.end && $0.end <= d.text.utf8.count })
            }
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(String(buffer: response.body).contains("\"documents\":\"3\""))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("yz_requests_total{route=\"/api/health\",status=\"200\"} 1") && text.contains("yz_documents 3"))
            }
        }
    }

    @Test func thePageIsOneFileWithNoExternalAssets() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.contains("/api/search") && page.contains("/api/document") && page.contains("dossier"))
                #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<link") && !page.contains("src="))
            }
        }
    }

    @Test func otherMethodsOnARouteAre405WithAllow() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/api/search?q=x", method: .post) { response in
                #expect(response.status == .methodNotAllowed && response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/api/cadres/C001/dossier", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
            }
            try await client.execute(uri: "/api/nowhere", method: .post) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func overTheConcurrencyLimitTheAnswerIs503WithRetryAfter() async throws {
        // A limit of 0 makes every request one too many: the deterministic way to see the answer.
        try await Application(router: APIServer.router(directory: ServerFixture.directory, limits: .init(maxConcurrent: 0))).test(.router) { client in
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
                let e = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(e.error.code == "busy")
            }
        }
    }

    @Test func aSearchOverItsTimeLimitIsAbandonedWithA400() async throws {
        try await Application(router: APIServer.router(directory: ServerFixture.directory, limits: .init(searchSeconds: 0))).test(.router) { client in
            try await client.execute(uri: "/api/search?q=%E6%8E%A8%E8%AF%BF", method: .get) { response in
                #expect(response.status == .badRequest)
                let e = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(e.error.code == "time_limit")
            }
        }
    }

    @Test func aNewCommitIsServedWithoutARestart() async throws {
        let root = scratchDirectory("yz-live")
        let docs = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "第一份材料：推诿扯皮。".write(to: docs.appendingPathComponent("1.txt"), atomically: true, encoding: .utf8)
        let index = root.appendingPathComponent("index")
        _ = try Workspace(directory: index).sync([docs])
        try await Application(router: APIServer.router(directory: index)).test(.router) { client in
            try await client.execute(uri: "/api/search?q=%E6%8E%A8%E8%AF%BF", method: .get) { response in
                let r = try JSONDecoder().decode(SearchResponse.self, from: Data(response.body.readableBytesView))
                #expect(r.total == 1)
            }
            try "第二份材料：也推诿。".write(to: docs.appendingPathComponent("2.txt"), atomically: true, encoding: .utf8)
            _ = try Workspace(directory: index).sync([docs])
            try await client.execute(uri: "/api/search?q=%E6%8E%A8%E8%AF%BF", method: .get) { response in
                let r = try JSONDecoder().decode(SearchResponse.self, from: Data(response.body.readableBytesView))
                #expect(r.total == 2)
            }
        }
    }
}
