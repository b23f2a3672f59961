import Foundation
import Testing

/// The cadre workflow end to end with the sample corpus: import the roster, sync, ask.
@Suite(.serialized) struct CadreCLITests {
    static let sample: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("corpora/sample/roster.csv").path) { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("corpora/sample")
    }()

    @Test func rosterSyncCadreSearchAndEvalLinking() throws {
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("yz-cadre-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: index) }
        // Indexed first without a roster; importing one makes the next sync link every document
        // again, though no file changed on disk.
        #expect(try yz("sync", "--index", index, Self.sample.path).status == 0)
        let imported = try yz("roster", "import", "--index", index, Self.sample.appendingPathComponent("roster.csv").path)
        #expect(imported.status == 0)
        #expect(imported.out.contains("42 added"))
        struct Report: Decodable { var added: Int; var changed: Int; var unchanged: Int }
        let relinked = try JSONDecoder().decode(Report.self, from: Data(try yz("sync", "--json", "--index", index, Self.sample.path).out.utf8))
        #expect(relinked.added == 0 && relinked.changed > 100 && relinked.unchanged == 0)

        // A name shared by two cadres lists both, each with their own documents.
        struct CadreReport: Decodable {
            struct C: Decodable { var id: String }
            struct D: Decodable { var path: String }
            var cadre: C
            var documents: [D]
        }
        let reports = try JSONDecoder().decode([CadreReport].self, from: Data(try yz("cadre", "--index", index, "--json", "王伟").out.utf8))
        #expect(reports.map(\.cadre.id) == ["C002", "C006"])
        #expect(reports.allSatisfy { !$0.documents.isEmpty })
        #expect(Set(reports[0].documents.map(\.path)).isDisjoint(with: reports[1].documents.map(\.path)))

        // A search for the name with cadre:C002 returns that cadre's documents, not the namesake's.
        struct Hits: Decodable { struct H: Decodable { var path: String }; var hits: [H] }
        let c002 = try JSONDecoder().decode(Hits.self, from: Data(try yz("search", "--index", index, "--json", "--limit", "100", "王伟 cadre:C002").out.utf8))
        #expect(!c002.hits.isEmpty)
        #expect(Set(c002.hits.map(\.path)).isSubset(of: reports[0].documents.map(\.path)))
        #expect(Set(c002.hits.map(\.path)).isDisjoint(with: reports[1].documents.map(\.path)))

        // The linking score against the generator's truth.
        let eval = try yz("eval", "linking", "--index", index, Self.sample.appendingPathComponent("truth.json").path)
        #expect(eval.status == 0)
        #expect(eval.out.hasPrefix("linking: precision"))

        // An unknown cadre is an error that says where to look.
        let unknown = try yz("cadre", "--index", index, "张三丰")
        #expect(unknown.status == 1)
        #expect(unknown.err.contains("yz roster list"))
    }

    @Test func aBadRosterRowIsNamedByLineAndTheGoodRowsLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yz-roster-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("roster.csv")
        try "id,name,aliases,unit,position,level\nC001,王建国,老王,青川市交通运输局,局长,正处\nC002\nC003,杨帆,,青川市交通运输局,副局长,副处\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try yz("roster", "import", "--index", dir.appendingPathComponent("index").path, file.path)
        #expect(r.status == 1)
        #expect(r.err.contains("roster.csv:3"))
        #expect(r.out.contains("2 added"))
        let list = try yz("roster", "list", "--index", dir.appendingPathComponent("index").path)
        #expect(list.out.contains("C001") && list.out.contains("C003") && !list.out.contains("C002"))
    }
}
