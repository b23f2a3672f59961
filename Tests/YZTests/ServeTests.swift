import Foundation
import Testing

/// `yz serve` over a real socket.
@Suite(.serialized) struct ServeSmokeTests {
    /// One HTTP/1.1 request over a plain TCP socket; the whole response as text, nil if refused.
    func get(_ path: String, port: UInt16, token: String? = nil) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (token.map { "Authorization: Bearer \($0)\r\n" } ?? "") + "Connection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func servesTheAPIOnLoopbackAndRefusesOtherAddresses() throws {
        let refused = try yz("serve", "--host", "0.0.0.0", "--index", "/tmp/none")
        #expect(refused.status == 2 && refused.err.contains("loopback"))

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yz-serve-\(UUID())")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "一份材料：推诿扯皮。".write(to: root.appendingPathComponent("docs/a.txt"), atomically: true, encoding: .utf8)
        let index = root.appendingPathComponent("index").path
        #expect(try yz("sync", "--index", index, root.appendingPathComponent("docs").path).status == 0)
        let port = UInt16.random(in: 20000...40000)
        let pid = try spawnYZ(["serve", "--index", index, "--port", "\(port)"], environment: [:])
        defer { kill(pid, SIGTERM); var status: Int32 = 0; waitpid(pid, &status, 0) }
        var health: String?
        for _ in 0..<100 where health == nil {
            health = get("/api/health", port: port)
            if health == nil { usleep(100_000) }
        }
        let h = try #require(health)
        #expect(h.hasPrefix("HTTP/1.1 200") && h.contains("\"status\":\"ok\""))
        let search = try #require(get("/api/search?q=%E6%8E%A8%E8%AF%BF", port: port))
        #expect(search.hasPrefix("HTTP/1.1 200") && search.contains("\"total\":1"))
        let missing = try #require(get("/api/search", port: port))
        #expect(missing.hasPrefix("HTTP/1.1 400") && missing.contains("missing_query"))
    }

    @Test func withATokenItServesBeyondLoopbackAndAuditsWhatWasRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yz-serve-tokens-\(UUID())")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "一份材料：推诿扯皮。".write(to: root.appendingPathComponent("docs/a.txt"), atomically: true, encoding: .utf8)
        let index = root.appendingPathComponent("index").path
        #expect(try yz("sync", "--index", index, root.appendingPathComponent("docs").path).status == 0)
        // A unit nobody knows is refused unless asked for.
        let unknown = try yz("token", "create", "--index", index, "--role", "analyst", "--units", "青川市无此局")
        #expect(unknown.status != 0 && unknown.err.contains("unknown unit"))
        let created = try yz("token", "create", "--index", index, "--role", "analyst", "--name", "smoke")
        #expect(created.status == 0 && created.out.hasPrefix("yz_") && created.err.contains("shown this once"))
        let secret = created.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let list = try yz("token", "list", "--index", index)
        #expect(list.out.contains("analyst") && list.out.contains("smoke") && !list.out.contains(secret))

        let port = UInt16.random(in: 20000...40000)
        let pid = try spawnYZ(["serve", "--index", index, "--host", "0.0.0.0", "--port", "\(port)"], environment: [:])
        defer { kill(pid, SIGTERM); var status: Int32 = 0; waitpid(pid, &status, 0) }
        var health: String?
        for _ in 0..<100 where health == nil {
            health = get("/api/health", port: port)
            if health == nil { usleep(100_000) }
        }
        #expect(health?.hasPrefix("HTTP/1.1 200") == true)
        let anonymous = try #require(get("/api/search?q=%E6%8E%A8%E8%AF%BF", port: port))
        #expect(anonymous.hasPrefix("HTTP/1.1 401"))
        let search = try #require(get("/api/search?q=%E6%8E%A8%E8%AF%BF", port: port, token: secret))
        #expect(search.hasPrefix("HTTP/1.1 200") && search.contains("\"total\":1"))

        let audit = try yz("audit", "--index", index)
        #expect(audit.out.contains("search") && audit.out.contains("推诿") && audit.out.contains("anonymous"))
        #expect(try yz("audit", "--index", index, "--verify").status == 0)
        // Revoked: refused from the next request on, without a restart.
        let id = try #require(list.out.split(separator: " ").first.map(String.init))
        #expect(try yz("token", "revoke", "--index", index, id).status == 0)
        let revoked = try #require(get("/api/search?q=%E6%8E%A8%E8%AF%BF", port: port, token: secret))
        #expect(revoked.hasPrefix("HTTP/1.1 401"))
    }

    @Test func auditVerifyFailsOnATamperedTrail() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yz-audit-cli-\(UUID())")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "一份材料。".write(to: root.appendingPathComponent("docs/a.txt"), atomically: true, encoding: .utf8)
        let index = root.appendingPathComponent("index").path
        #expect(try yz("sync", "--index", index, root.appendingPathComponent("docs").path).status == 0)
        for _ in 0..<3 { #expect(try yz("token", "create", "--index", index, "--role", "analyst").status == 0) }
        #expect(try yz("audit", "--index", index, "--verify").status == 0)
        // Cutting the last entry (the head file remembers it).
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DROP TRIGGER audit_no_delete'); c.execute('DELETE FROM audit WHERE seq = 3'); c.commit()",
                            index + "/catalog.sqlite"]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        let v = try yz("audit", "--index", index, "--verify")
        #expect(v.status == 1 && v.out.contains("DAMAGED") && v.out.contains("cut from the end"))
    }
}
