import Foundation
import Testing

/// The `yz` binary built beside the test bundle.
func yzBinary() -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("yz").path) && dir.path != "/" { dir = dir.deletingLastPathComponent() }
    return dir.appendingPathComponent("yz").path
}

/// Starts `yz` with posix_spawn (output to /dev/null) and returns its pid. Foundation's Process
/// is not used here: after a SIGKILL at an early moment it sometimes never reports the exit, and
/// waitUntilExit() hangs.
func spawnYZ(_ arguments: [String], environment: [String: String] = [:]) throws -> pid_t {
    let argv = [yzBinary()] + arguments
    let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = env.map { strdup($0) } + [nil]
    defer { (cArgs + cEnv).forEach { free($0) } }
    let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
    guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
    return pid
}

struct StatsJSON: Decodable { var documents: Int; var generation: Int }
struct SyncJSON: Decodable, Equatable { var added: Int; var changed: Int; var deleted: Int; var unchanged: Int }

@Suite(.serialized) struct CrashTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpora/sample")

    /// A corpus of the sample's text files copied several times under new names.
    static func corpus(copies: Int) throws -> (URL, Int) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yz-crash-\(UUID())")
        let docs = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        var n = 0
        let files = (FileManager.default.enumerator(at: sample, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { ["txt", "html", "docx"].contains($0.pathExtension) }
        for c in 0..<copies {
            for f in files {
                try FileManager.default.copyItem(at: f, to: docs.appendingPathComponent("\(c)-\(f.lastPathComponent)"))
                n += 1
            }
        }
        return (root, n)
    }

    @Test func killedSyncNeverDamagesTheIndexAndARerunFinishes() throws {
        let (root, total) = try Self.corpus(copies: 4)
        defer { try? FileManager.default.removeItem(at: root) }
        let index = root.appendingPathComponent("index").path
        let docs = root.appendingPathComponent("docs").path
        var lastCount = 0
        for round in 0..<8 {
            let pid = try spawnYZ(["sync", "--index", index, docs], environment: ["YZ_COMMIT_EVERY": "25"])
            usleep(UInt32.random(in: 30_000...400_000))
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            // The index opens, verifies, and still has at least what earlier rounds committed.
            let check = try yz("check", "--index", index)
            #expect(check.status == 0, "round \(round): \(check.out)")
            let stats = try JSONDecoder().decode(StatsJSON.self, from: Data(try yz("stats", "--json", "--index", index).out.utf8))
            #expect(stats.documents >= lastCount && stats.documents <= total, "round \(round)")
            lastCount = stats.documents
            let search = try yz("search", "--json", "--index", index, "干部")
            #expect(search.status == 0, "round \(round): \(search.err)")
        }
        // A full run finishes the work; a second one writes nothing.
        let finish = try yz("sync", "--json", "--index", index, docs)
        #expect(finish.status == 0)
        let stats = try JSONDecoder().decode(StatsJSON.self, from: Data(try yz("stats", "--json", "--index", index).out.utf8))
        #expect(stats.documents == total)
        let again = try JSONDecoder().decode(SyncJSON.self, from: Data(try yz("sync", "--json", "--index", index, docs).out.utf8))
        #expect(again == SyncJSON(added: 0, changed: 0, deleted: 0, unchanged: total))
        let after = try JSONDecoder().decode(StatsJSON.self, from: Data(try yz("stats", "--json", "--index", index).out.utf8))
        #expect(after.generation == stats.generation)
        // The catalog caught up too: the evidence is what one uninterrupted run records (a run
        // killed between a commit and its catalog rows must not leave committed files without
        // them, since the next run sees those files as unchanged).
        let clean = root.appendingPathComponent("clean").path
        #expect(try yz("sync", "--index", clean, docs).status == 0)
        func evidence(_ index: String) throws -> [String] {
            let rows = try JSONSerialization.jsonObject(with: Data(try yz("signals", "--json", "--index", index).out.utf8)) as? [[String: Any]] ?? []
            return rows.map { r in ["path", "start", "end", "indicator", "status", "cadre"].map { "\(r[$0] ?? "-")" }.joined(separator: "|") }.sorted()
        }
        let resumed = try evidence(index), reference = try evidence(clean)
        #expect(!reference.isEmpty)
        #expect(resumed == reference)
    }

    @Test func syncSeesChangesAndDeletionsAndADamagedSegmentIsNamed() throws {
        let (root, total) = try Self.corpus(copies: 1)
        defer { try? FileManager.default.removeItem(at: root) }
        let index = root.appendingPathComponent("index").path
        let docs = root.appendingPathComponent("docs")
        #expect(try yz("sync", "--index", index, docs.path).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".txt") }.sorted()
        try FileManager.default.removeItem(at: docs.appendingPathComponent(files[0]))
        try "新增的谈话记录：独一无二的测试短语青川甲乙丙。".write(to: docs.appendingPathComponent(files[1]), atomically: true, encoding: .utf8)
        let r = try JSONDecoder().decode(SyncJSON.self, from: Data(try yz("sync", "--json", "--index", index, docs.path).out.utf8))
        #expect(r == SyncJSON(added: 0, changed: 1, deleted: 1, unchanged: total - 2))
        #expect(try yz("search", "--index", index, "青川甲乙丙").out.hasPrefix("1 document(s)"))
        // Flip one byte of the segment holding the most documents.
        let segment = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasSuffix(".yzs") }
            .max { (try? FileManager.default.attributesOfItem(atPath: index + "/" + $0)[.size] as? Int ?? 0) ?? 0 < (try? FileManager.default.attributesOfItem(atPath: index + "/" + $1)[.size] as? Int ?? 0) ?? 0 }!
        let url = URL(fileURLWithPath: index + "/" + segment)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: url)
        let check = try yz("check", "--index", index)
        #expect(check.status == 1)
        #expect(check.out.contains(segment))
    }
}

@Suite struct SidecarSyncTests {
    @Test func editingOnlyASidecarReindexesItsDocument() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yz-sidecar-\(UUID())")
        let docs = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let index = root.appendingPathComponent("index").path
        try "谈话记录\n问：请谈谈看法。\n答：工作认真。\n".write(to: docs.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        #expect(try yz("sync", "--index", index, docs.path).status == 0)
        #expect(try yz("search", "--index", index, "cadre:C009").out.hasPrefix("0 document(s)"))
        sleep(1)  // a later mtime
        try #"{"subjects": ["C009"]}"#.write(to: docs.appendingPathComponent("t.txt.meta.json"), atomically: true, encoding: .utf8)
        let r = try JSONDecoder().decode(SyncJSON.self, from: Data(try yz("sync", "--json", "--index", index, docs.path).out.utf8))
        #expect(r == SyncJSON(added: 0, changed: 1, deleted: 0, unchanged: 0))
        #expect(try yz("search", "--index", index, "cadre:C009").out.hasPrefix("1 document(s)"))
    }
}
