import Catalog
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Server
import Testing
import TestSupport
import Yinzheng

/// Tokens, roles, unit scopes and the audit trail, on an index of its own (a token in the shared
/// fixture would switch anonymous access off for the other suites).
@Suite(.serialized) struct AccessTests {
    static let index = ServerFixture.build()
    static let catalog = try! Catalog(directory: index)
    static let admin = try! catalog.createToken(role: "admin", units: nil, name: "ops").secret
    static let analyst = try! catalog.createToken(role: "analyst", units: nil, name: "reader").secret
    static let education = try! catalog.createToken(role: "analyst", units: ["青川市教育局"], name: "edu").secret
    static var docs: URL { index.deletingLastPathComponent().appendingPathComponent("docs") }

    func app(sources: [URL] = [], limits: APIServer.Limits = .init()) -> some ApplicationProtocol {
        _ = (Self.admin, Self.analyst, Self.education)
        return Application(router: APIServer.router(directory: Self.index, limits: limits, access: .init(anonymousAllowed: true, sources: sources)))
    }

    func auth(_ secret: String) -> HTTPFields { [.authorization: "Bearer " + secret] }

    func q(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    func body(_ r: TestResponse) -> Data { Data(r.body.readableBytesView) }

    @Test func withTokensEveryDataRouteNeedsOne() async throws {
        let routes = ["/api/search?q=x", "/api/document?path=/x", "/api/cadres", "/api/cadres/C001", "/api/cadres/C001/dossier",
                      "/api/signals", "/api/stats", "/api/sync", "/api/tokens", "/api/audit", "/metrics"]
        try await app().test(.router) { client in
            for uri in routes {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .unauthorized, "\(uri)")
                    let e = try JSONDecoder().decode(ErrorBody.self, from: body(r))
                    #expect(e.error.code == "missing_token", "\(uri)")
                }
                try await client.execute(uri: uri, method: .get, headers: auth("yz_not-a-token")) { r in
                    #expect(r.status == .unauthorized, "\(uri)")
                }
            }
            // Health stays open for monitoring, without index-wide counts.
            try await client.execute(uri: "/api/health", method: .get) { r in
                #expect(r.status == .ok && !String(buffer: r.body).contains("documents"))
            }
            try await client.execute(uri: "/", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    @Test func aScopedTokenSeesNothingOutsideItsUnitsByAnyRoute() async throws {
        let edu = auth(Self.education), all = auth(Self.analyst)
        let a = Self.docs.appendingPathComponent("a.txt").standardizedFileURL.path
        let c = Self.docs.appendingPathComponent("c.txt").standardizedFileURL.path
        try await app().test(.router) { client in
            // Search: hits, totals and facets.
            for query in ["推诿", "channel:interview", "unit:交通运输局", "cadre:C001", "王建国", "status:corroborated", "signal:shirking"] {
                try await client.execute(uri: "/api/search?q=" + q(query), method: .get, headers: edu) { r in
                    let s = try JSONDecoder().decode(SearchResponse.self, from: body(r))
                    #expect(r.status == .ok && s.total == 0 && s.hits.isEmpty, "\(query)")
                    #expect(s.facets.values.allSatisfy { $0.isEmpty }, "\(query): \(s.facets)")
                }
                try await client.execute(uri: "/api/search?q=" + q(query), method: .get, headers: all) { r in
                    let s = try JSONDecoder().decode(SearchResponse.self, from: body(r))
                    #expect(s.total > 0, "unscoped \(query)")
                }
            }
            try await client.execute(uri: "/api/search?q=" + q("李红"), method: .get, headers: edu) { r in
                let s = try JSONDecoder().decode(SearchResponse.self, from: body(r))
                #expect(s.total == 1 && s.hits.first?.path == c && s.facets["unit"] == ["青川市教育局": 1])
            }
            // Documents: outside the scope, as if absent.
            try await client.execute(uri: "/api/document?path=" + q(a), method: .get, headers: edu) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/api/document?path=" + q(c), method: .get, headers: edu) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/api/document?path=" + q(a), method: .get, headers: all) { r in #expect(r.status == .ok) }
            // Cadres and dossiers.
            try await client.execute(uri: "/api/cadres", method: .get, headers: edu) { r in
                #expect(String(buffer: r.body).contains("C002") && !String(buffer: r.body).contains("C001"))
            }
            for uri in ["/api/cadres/C001", "/api/cadres/" + q("王建国"), "/api/cadres/C001/dossier", "/api/cadres/C001/dossier?format=html", "/api/cadres/C001/dossier?format=md"] {
                try await client.execute(uri: uri, method: .get, headers: edu) { r in #expect(r.status == .notFound, "\(uri)") }
            }
            try await client.execute(uri: "/api/cadres/C002/dossier", method: .get, headers: edu) { r in #expect(r.status == .ok) }
            // Signals: only from visible documents.
            try await client.execute(uri: "/api/signals", method: .get, headers: edu) { r in
                let s = try JSONDecoder().decode([SignalResponse].self, from: body(r))
                #expect(!s.isEmpty && s.allSatisfy { $0.path == c })
            }
            try await client.execute(uri: "/api/signals?cadre=C001", method: .get, headers: edu) { r in
                let s = try JSONDecoder().decode([SignalResponse].self, from: body(r))
                #expect(s.isEmpty)
            }
            // Index-wide counts are refused.
            for uri in ["/api/stats", "/metrics"] {
                try await client.execute(uri: uri, method: .get, headers: edu) { r in #expect(r.status == .forbidden, "\(uri)") }
            }
        }
    }

    @Test func analystsReadAdminsSyncAndManageTokens() async throws {
        try await app().test(.router) { client in
            for (method, uri) in [(HTTPRequest.Method.post, "/api/sync"), (.get, "/api/tokens"), (.post, "/api/tokens"), (.delete, "/api/tokens/t0"), (.get, "/api/audit")] {
                try await client.execute(uri: uri, method: method, headers: auth(Self.analyst)) { r in #expect(r.status == .forbidden, "\(uri)") }
            }
            try await client.execute(uri: "/api/sync", method: .post, headers: auth(Self.admin)) { r in
                #expect(r.status == .conflict && String(buffer: r.body).contains("no_sources"))
            }
            // A token made over the API works at once and stops working when revoked.
            var created: (id: String, secret: String)?
            try await client.execute(uri: "/api/tokens", method: .post, headers: auth(Self.admin),
                                     body: ByteBuffer(string: #"{"role":"analyst","units":["青川市交通运输局"],"name":"new"}"#)) { r in
                #expect(r.status == .created)
                struct Created: Decodable { struct T: Decodable { var id: String; var units: [String]? }; var token: T; var secret: String }
                let c = try JSONDecoder().decode(Created.self, from: body(r))
                #expect(c.token.units == ["青川市交通运输局"] && c.secret.hasPrefix("yz_"))
                created = (c.token.id, c.secret)
            }
            let new = try #require(created)
            try await client.execute(uri: "/api/search?q=" + q("推诿"), method: .get, headers: auth(new.secret)) { r in
                let s = try JSONDecoder().decode(SearchResponse.self, from: body(r))
                #expect(s.total == 2)
            }
            try await client.execute(uri: "/api/tokens", method: .get, headers: auth(Self.admin)) { r in
                #expect(String(buffer: r.body).contains(new.id) && !String(buffer: r.body).contains("hash"))
            }
            try await client.execute(uri: "/api/tokens/" + new.id, method: .delete, headers: auth(Self.admin)) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/api/search?q=x", method: .get, headers: auth(new.secret)) { r in #expect(r.status == .unauthorized) }
            // A scoped admin cannot mint a wider token; bad bodies are 400.
            try await client.execute(uri: "/api/tokens", method: .post, headers: auth(Self.admin), body: ByteBuffer(string: #"{"role":"root"}"#)) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/api/tokens", method: .post, headers: auth(Self.admin), body: ByteBuffer(string: "not json")) { r in
                #expect(r.status == .badRequest)
            }
        }
        // With the server's source folders, an admin's sync runs in the background.
        try await app(sources: [Self.docs]).test(.router) { client in
            try await client.execute(uri: "/api/sync", method: .post, headers: auth(Self.admin)) { r in #expect(r.status == .accepted) }
            var running = true
            for _ in 0..<100 where running {
                try await Task.sleep(for: .milliseconds(100))
                try await client.execute(uri: "/api/sync", method: .get, headers: auth(Self.admin)) { r in
                    struct S: Decodable { var running: Bool; var report: Workspace.Report?; var error: String? }
                    let s = try JSONDecoder().decode(S.self, from: body(r))
                    running = s.running
                    if !running { #expect(s.error == nil && s.report?.unchanged == 3) }
                }
            }
            #expect(!running)
        }
    }

    @Test func searchesDocumentsAndDossiersAreAuditedAndTheChainHolds() async throws {
        let before = try Self.catalog.auditEntries().count
        let c = Self.docs.appendingPathComponent("c.txt").standardizedFileURL.path
        try await app().test(.router) { client in
            try await client.execute(uri: "/api/search?q=" + q("推诿 channel:interview"), method: .get, headers: auth(Self.analyst)) { _ in }
            try await client.execute(uri: "/api/document?path=" + q(c), method: .get, headers: auth(Self.education)) { _ in }
            try await client.execute(uri: "/api/cadres/C001/dossier", method: .get, headers: auth(Self.education)) { _ in }
            try await client.execute(uri: "/api/search?q=x", method: .get) { _ in }
        }
        let entries = Array(try Self.catalog.auditEntries().dropFirst(before))
        #expect(entries.map(\.action) == ["search", "document", "dossier", "search"])
        #expect(entries[0].detail.contains("推诿 channel:interview") && entries[0].results == 1 && entries[0].status == 200 && entries[0].role == "analyst")
        #expect(entries[1].detail.contains(c) && entries[1].results == 1)
        // Refused requests are recorded too: out of scope (404), and without a token (401).
        #expect(entries[2].status == 404 && entries[2].detail.contains("C001"))
        #expect(entries[3].token == "anonymous" && entries[3].status == 401)
        #expect(Set(entries.map(\.token)).count == 3)
        #expect(try Self.catalog.verifyAudit().problems.isEmpty)
    }

    @Test func limitsOnBodiesQueriesAndExpansion() async throws {
        var limits = APIServer.Limits()
        limits.maxExpansion = 1
        try await app(limits: limits).test(.router) { client in
            let big = ByteBuffer(string: #"{"role":"analyst","name":""# + String(repeating: "x", count: 100_000) + #""}"#)
            try await client.execute(uri: "/api/tokens", method: .post, headers: auth(Self.admin), body: big) { r in
                #expect(r.status == .contentTooLarge)
                let e = try JSONDecoder().decode(ErrorBody.self, from: body(r))
                #expect(e.error.code == "body_too_large")
            }
            let many = (1...70).map { "w\($0)" }.joined(separator: " OR ")
            // 20 levels of alternating AND / OR (parentheses alone do not nest the query).
            let deep = (1...20).reduce("w0") { q, i in "w\(i) \(i % 2 == 0 ? "AND" : "OR") (\(q))" }
            for query in [many, deep] {
                try await client.execute(uri: "/api/search?q=" + q(query), method: .get, headers: auth(Self.analyst)) { r in
                    #expect(r.status == .badRequest)
                    let e = try JSONDecoder().decode(ErrorBody.self, from: body(r))
                    #expect(e.error.code == "query_too_complex")
                }
            }
            // unit:青川市 would expand to both units of the index.
            try await client.execute(uri: "/api/search?q=" + q("unit:青川市"), method: .get, headers: auth(Self.analyst)) { r in
                #expect(r.status == .badRequest && String(buffer: r.body).contains("more than 1 values"), "\(r.status) \(String(buffer: r.body))")
            }
        }
    }

    /// Findings of a review: a scoped admin cannot manage wider tokens or syncs; revoking every
    /// token does not reopen the server; a repeated parameter cannot hide the audited query.
    @Test func scopedAdminsDuplicateParametersAndRevokedTokens() async throws {
        let index = ServerFixture.build()
        let catalog = try Catalog(directory: index)
        let root = try catalog.createToken(role: "admin", units: nil, name: "root")
        let eduAdmin = try catalog.createToken(role: "admin", units: ["青川市教育局"], name: "edu admin")
        let eduReader = try catalog.createToken(role: "analyst", units: ["青川市教育局"], name: "edu reader")
        try await Application(router: APIServer.router(directory: index)).test(.router) { client in
            // Lists and revokes only tokens within its units.
            try await client.execute(uri: "/api/tokens", method: .get, headers: auth(eduAdmin.secret)) { r in
                let text = String(buffer: r.body)
                #expect(text.contains(eduReader.token.id) && !text.contains(root.token.id))
            }
            try await client.execute(uri: "/api/tokens/" + root.token.id, method: .delete, headers: auth(eduAdmin.secret)) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/api/tokens/" + root.token.id, method: .delete, headers: auth(root.secret)) { r in
                #expect(r.status == .conflict && String(buffer: r.body).contains("last_admin"))
            }
            // Syncs report on every unit.
            for method in [HTTPRequest.Method.get, .post] {
                try await client.execute(uri: "/api/sync", method: method, headers: auth(eduAdmin.secret)) { r in #expect(r.status == .forbidden) }
            }
            // One value per parameter: what is recorded is what is answered.
            try await client.execute(uri: "/api/search?q=" + q("李红") + "&q=" + q("天气"), method: .get, headers: auth(root.secret)) { r in
                #expect(r.status == .badRequest && String(buffer: r.body).contains("duplicate_parameter"))
            }
            // Hit ids do not count documents.
            try await client.execute(uri: "/api/search?q=" + q("李红"), method: .get, headers: auth(eduReader.secret)) { r in
                let s = try JSONDecoder().decode(SearchResponse.self, from: body(r))
                #expect(s.hits.count == 1 && !s.hits[0].id.contains(":"))
            }
            // A token made over the API: what it grants is in the trail.
            try await client.execute(uri: "/api/tokens", method: .post, headers: auth(eduAdmin.secret),
                                     body: ByteBuffer(string: #"{"role":"analyst","units":["青川市教育局"]}"#)) { r in #expect(r.status == .created) }
            let granted = try catalog.auditEntries().last { $0.action == "token_granted" }
            #expect(granted?.detail.contains("青川市教育局") == true && granted?.token == eduAdmin.token.id)
        }
        // Every token revoked: still no anonymous access.
        for t in try catalog.tokens() { _ = try catalog.revokeToken(id: t.id) }
        try await Application(router: APIServer.router(directory: index)).test(.router) { client in
            try await client.execute(uri: "/api/search?q=x", method: .get) { r in #expect(r.status == .unauthorized) }
        }
    }

    @Test func aScopedCallersScoresDoNotMoveWithDocumentsItCannotSee() async throws {
        let index = ServerFixture.build()
        let docs = index.deletingLastPathComponent().appendingPathComponent("docs")
        let edu = try Catalog(directory: index).createToken(role: "analyst", units: ["青川市教育局"], name: nil).secret
        func score() async throws -> (Int, Double?) {
            try await Application(router: APIServer.router(directory: index)).test(.router) { client in
                try await client.execute(uri: "/api/search?q=" + q("深入基层"), method: .get, headers: auth(edu)) { r in
                    let s = try JSONDecoder().decode(SearchResponse.self, from: body(r))
                    return (s.total, s.hits.first?.score)
                }
            }
        }
        let before = try await score()
        for i in 0..<5 {
            try "工作简报\n交通运输局局长王建国深入基层，深入基层调研\(i)。".write(to: docs.appendingPathComponent("t\(i).txt"), atomically: true, encoding: .utf8)
        }
        _ = try Workspace(directory: index).sync([docs])
        let after = try await score()
        #expect(before.0 == 1 && after.0 == 1)
        #expect(before.1 != nil && before.1 == after.1)
    }

    @Test func withoutTokensBeyondLoopbackNothingIsServed() async throws {
        let index = ServerFixture.build()
        try await Application(router: APIServer.router(directory: index, access: .init(anonymousAllowed: false))).test(.router) { client in
            try await client.execute(uri: "/api/search?q=x", method: .get) { r in
                #expect(r.status == .unauthorized && String(buffer: r.body).contains("no_tokens"))
            }
        }
    }
}

/// The audit trail's own guarantees, on the catalog.
@Suite struct AuditTrailTests {
    func trail(_ n: Int) throws -> (URL, Catalog) {
        let dir = scratchDirectory("yz-audit")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let c = try Catalog(directory: dir)
        for i in 1...n { try c.audit(token: "t1", role: "analyst", action: "search", detail: ["q": "推诿 \(i)"], results: i, status: 200) }
        return (dir, c)
    }

    /// Tampering as someone with the file would: straight SQL, around the triggers.
    func tamper(_ dir: URL, _ sql: String) throws {
        let db = try DatabaseQueue(path: dir.appendingPathComponent("catalog.sqlite").path)
        try db.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete")
            try db.execute(sql: sql)
        }
    }

    @Test func anIntactTrailVerifies() throws {
        let (_, c) = try trail(5)
        let v = try c.verifyAudit()
        #expect(v.entries == 5 && v.problems.isEmpty && v.head != nil)
    }

    @Test func updatesAndDeletesAreRefused() throws {
        let (dir, _) = try trail(2)
        let db = try DatabaseQueue(path: dir.appendingPathComponent("catalog.sqlite").path)
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "UPDATE audit SET results = 0 WHERE seq = 1") } }
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 1") } }
    }

    @Test func anEditedEntryIsNamed() throws {
        let (dir, c) = try trail(5)
        try tamper(dir, "UPDATE audit SET results = 0 WHERE seq = 3")
        #expect(try c.verifyAudit().problems.contains { $0.hasPrefix("entry 3:") && $0.contains("edited") })
    }

    @Test func anEditWithARecomputedHashBreaksTheNextLink() throws {
        let (dir, c) = try trail(5)
        let e = try #require(try c.auditEntries().first { $0.seq == 2 })
        let forged = Catalog.AuditEntry.hash(seq: 2, time: e.time, token: e.token, role: e.role, action: e.action, detail: "{}", results: e.results,
                                             status: e.status, previous: e.previous)
        try tamper(dir, "UPDATE audit SET detail = '{}', hash = '\(forged)' WHERE seq = 2")
        #expect(try c.verifyAudit().problems.contains { $0.hasPrefix("entry 3:") && $0.contains("chain") })
    }

    @Test func aDeletedEntryIsNamed() throws {
        let (dir, c) = try trail(5)
        try tamper(dir, "DELETE FROM audit WHERE seq = 2")
        #expect(try c.verifyAudit().problems.contains { $0.hasPrefix("entry 3:") && $0.contains("deleted") })
    }

    @Test func aTrailRewrittenFromBeforeTheHeadIsNoticed() throws {
        // The head names entry 5; entries 3… are replaced by forged ones with recomputed hashes.
        let (dir, c) = try trail(5)
        let entries = try c.auditEntries()
        var previous = entries[1].hash
        var forged: [String] = ["DELETE FROM audit WHERE seq >= 3"]
        for seq in Int64(3)...6 {
            let h = Catalog.AuditEntry.hash(seq: seq, time: "2026-01-01T00:00:00.000Z", token: "t1", role: "analyst", action: "search", detail: "{}",
                                            results: 0, status: 200, previous: previous)
            forged.append("INSERT INTO audit VALUES (\(seq), '2026-01-01T00:00:00.000Z', 't1', 'analyst', 'search', '{}', 0, 200, '\(previous)', '\(h)')")
            previous = h
        }
        try tamper(dir, forged.joined(separator: "; "))
        #expect(try c.verifyAudit().problems.contains { $0.hasPrefix("entry 5:") && $0.contains("rewritten") })
    }

    @Test func anchorsKeptElsewhereMustStillMatch() throws {
        let (dir, c) = try trail(4)
        let anchor = (seq: Int64(4), hash: try c.verifyAudit().head!)
        #expect(try c.verifyAudit(anchors: [anchor]).problems.isEmpty)
        // Rewrite everything consistently, head file included: only the anchor notices.
        let all = try c.auditEntries()
        var previous = Catalog.genesisHash
        var sql: [String] = ["DELETE FROM audit"]
        for e in all {
            let h = Catalog.AuditEntry.hash(seq: e.seq, time: e.time, token: "forged", role: e.role, action: e.action, detail: e.detail, results: e.results,
                                            status: e.status, previous: previous)
            sql.append("INSERT INTO audit VALUES (\(e.seq), '\(e.time)', 'forged', 'analyst', '\(e.action)', '\(e.detail)', \(e.results!), \(e.status), '\(previous)', '\(h)')")
            previous = h
        }
        try tamper(dir, sql.joined(separator: "; "))
        try Data("\(String(repeating: "0", count: 19))4 \(previous)\n".utf8).write(to: dir.appendingPathComponent("audit.head"))
        #expect(try c.verifyAudit().problems.isEmpty)
        #expect(try c.verifyAudit(anchors: [anchor]).problems.contains { $0.hasPrefix("entry 4:") })
    }

    @Test func entriesCutFromTheEndAreNoticed() throws {
        let (dir, c) = try trail(5)
        try tamper(dir, "DELETE FROM audit WHERE seq >= 4")
        #expect(try c.verifyAudit().problems.contains { $0.contains("cut from the end") })
    }
}
