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

/// Signals and the dossier on the sample corpus.
@Suite(.serialized) struct DossierCLITests {
    struct Dossier: Decodable {
        struct Dim: Decodable {
            struct Claim: Decodable {
                struct C: Decodable { var status: String; var sources: [String]; var deniedBy: [String] }
                struct Q: Decodable { var path: String; var quote: String }
                var indicator: String
                var corroboration: C
                var evidence: [Q]
                var denials: [Q]
            }
            var id: String
            var negative: [Claim]
            var positive: [Claim]
        }
        var dimensions: [Dim]
        func claim(_ indicator: String) -> Dim.Claim? { dimensions.flatMap { $0.negative + $0.positive }.first { $0.indicator == indicator } }
    }

    @Test func copiesAreOneSourceDenialsContestAndTheTaxonomyIsData() throws {
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("yz-dossier-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: index) }
        #expect(try yz("roster", "import", "--index", index, CadreCLITests.sample.appendingPathComponent("roster.csv").path).status == 0)
        #expect(try yz("sync", "--index", index, CadreCLITests.sample.path).status == 0)

        // A report and its republished copy say the same thing: one source, not corroboration.
        let c019 = try JSONDecoder().decode(Dossier.self, from: Data(try yz("dossier", "--index", index, "--format", "json", "C019").out.utf8))
        let diligent = try #require(c019.claim("diligent"))
        #expect(Set(diligent.evidence.map { URL(fileURLWithPath: $0.path).lastPathComponent }) == ["report-00155.html", "report-00155-republished.html"])
        #expect(diligent.corroboration.status == "single-source")
        // Asserted by one informant, denied by another: contested, both sides kept.
        let c011 = try JSONDecoder().decode(Dossier.self, from: Data(try yz("dossier", "--index", index, "--format", "json", "C011").out.utf8))
        let gifts = try #require(c011.claim("gifts"))
        #expect(gifts.corroboration.status == "contested")
        #expect(!gifts.evidence.isEmpty && !gifts.denials.isEmpty)
        // The printable page has no external assets.
        let html = try yz("dossier", "--index", index, "--format", "html", "C011").out
        #expect(html.hasPrefix("<!doctype html>") && !html.contains("http://") && !html.contains("https://"))

        // yz signals JSON has the documented fields; denied evidence is never negative-asserted.
        struct Signal: Decodable { var cadre: String?; var dimension: String; var indicator: String; var polarity: String; var status: String
                                   var path: String; var start: Int; var end: Int; var quote: String; var informant: String?; var channel: String; var date: String? }
        let signals = try JSONDecoder().decode([Signal].self, from: Data(try yz("signals", "--index", index, "--json", "--cadre", "C011").out.utf8))
        #expect(!signals.isEmpty && signals.allSatisfy { $0.cadre == "C011" })
        let eval = try yz("eval", "signals", "--index", index, "--json", CadreCLITests.sample.appendingPathComponent("truth.json").path)
        struct Score: Decodable { var deniedButReported: Int; var precision: Double; var recall: Double }
        let score = try JSONDecoder().decode(Score.self, from: Data(eval.out.utf8))
        #expect(score.deniedButReported == 0)
        #expect(score.precision > 0.9 && score.recall > 0.8)

        // status: filters by corroboration; signal: by dimension or indicator.
        struct Hits: Decodable { struct H: Decodable { var path: String }; var total: Int; var hits: [H]; var facets: [String: [String: Int]] }
        let contested = try JSONDecoder().decode(Hits.self, from: Data(try yz("search", "--index", index, "--json", "--limit", "200", "status:contested").out.utf8))
        #expect(contested.total > 0)
        #expect(contested.hits.contains { gifts.evidence.map(\.path).contains($0.path) })
        let discipline = try JSONDecoder().decode(Hits.self, from: Data(try yz("search", "--index", index, "--json", "signal:self_discipline").out.utf8))
        #expect(discipline.total > 0 && discipline.facets["signal"]?["self_discipline"] == discipline.total)
        let bad = try yz("search", "--index", index, "status:sure")
        #expect(bad.status != 0 && bad.err.contains("corroborated"))

        // A taxonomy given at run time changes what is found, without rebuilding anything.
        let dir = URL(fileURLWithPath: index).deletingLastPathComponent().appendingPathComponent("tax-\(UUID()).yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "extends: default\nindicators:\n  - id: mahjong_room\n    label: 棋牌室\n    dimension: self_discipline\n    polarity: negative\n    triggers: [棋牌室]\n"
            .write(to: dir, atomically: true, encoding: .utf8)
        #expect(try yz("taxonomy", "check", dir.path).status == 0)
        #expect(try yz("sync", "--index", index, "--taxonomy", dir.path, CadreCLITests.sample.path).status == 0)
        let found = try JSONDecoder().decode([Signal].self, from: Data(try yz("signals", "--index", index, "--json", "--dimension", "mahjong_room").out.utf8))
        #expect(!found.isEmpty && found.allSatisfy { $0.indicator == "mahjong_room" && $0.quote.contains("棋牌") })
    }
}

/// The hand-written evaluation sets through the CLI: a denial is never reported as a claim, and
/// set A (the development set) keeps its score.
@Suite struct HandWrittenSignalTests {
    static let corpora = CadreCLITests.sample.deletingLastPathComponent()

    func score(_ set: String) throws -> (precision: Double, recall: Double, denied: Int) {
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("yz-hw-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: index) }
        #expect(try yz("roster", "import", "--index", index, CadreCLITests.sample.appendingPathComponent("roster.csv").path).status == 0)
        #expect(try yz("index", "--index", index, Self.corpora.appendingPathComponent(set).path).status == 0)
        let out = try yz("eval", "signals", "--json", "--index", index, Self.corpora.appendingPathComponent(set + "/truth.json").path).out
        struct S: Decodable { var precision: Double; var recall: Double; var deniedButReported: Int }
        let s = try JSONDecoder().decode(S.self, from: Data(out.utf8))
        return (s.precision, s.recall, s.deniedButReported)
    }

    @Test func setAKeepsItsScoreAndNoSetReportsADenial() throws {
        let a = try score("handwritten")
        #expect(a.denied == 0 && a.precision >= 0.95 && a.recall >= 0.95, "\(a)")
        let b = try score("handwritten-b")
        #expect(b.denied == 0, "\(b)")
    }

    /// `--all` lists every wrong and missed tuple: as many lines as the JSON's counts say.
    @Test func evalAllListsEveryWrongAndMissedTuple() throws {
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("yz-hw-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: index) }
        let set = Self.corpora.appendingPathComponent("handwritten-c")
        #expect(try yz("roster", "import", "--index", index, CadreCLITests.sample.appendingPathComponent("roster.csv").path).status == 0)
        #expect(try yz("index", "--index", index, set.path).status == 0)
        let truth = set.appendingPathComponent("truth.json").path
        struct S: Decodable { var falsePositives: Int; var falseNegatives: Int }
        let counts = try JSONDecoder().decode(S.self, from: Data(try yz("eval", "signals", "--json", "--index", index, truth).out.utf8))
        let lines = try yz("eval", "signals", "--all", "--index", index, truth).out.split(separator: "\n")
        let wrong = lines.filter { $0.hasPrefix("  wrong ") }.count, missed = lines.filter { $0.hasPrefix("  missed ") }.count
        #expect(wrong == counts.falsePositives && missed == counts.falseNegatives, "\(wrong) \(missed) \(counts)")
        #expect(wrong + missed > 20, "set C has more errors than the default listing shows")
    }
}
