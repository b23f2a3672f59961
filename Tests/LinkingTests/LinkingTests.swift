import Analysis
import Extraction
import Foundation
import Linking
import Testing

/// The sample roster's shape, written out here: two 王伟 in different bureaus, names that are
/// also words (高明, 江山), a compound surname (欧阳), aliases.
let roster = Roster(cadres: [
    Cadre(id: "C001", name: "王建国", aliases: ["老王"], unit: "青川市交通运输局", position: "党组书记、局长"),
    Cadre(id: "C002", name: "王伟", unit: "青川市交通运输局", position: "副局长"),
    Cadre(id: "C004", name: "高明", unit: "青川市教育局", position: "党组书记、局长"),
    Cadre(id: "C005", name: "江山", unit: "青川市教育局", position: "副局长"),
    Cadre(id: "C006", name: "王伟", aliases: ["小王"], unit: "青川市教育局", position: "副局长"),
    Cadre(id: "C007", name: "欧阳志远", unit: "青川市卫生健康委员会", position: "主任"),
])

func document(_ text: String, subjects: [String] = [], blocks: [Block] = [], interviewer: String? = nil) -> Document {
    var metadata = DocumentMetadata()
    metadata.subjects = subjects
    metadata.interviewer = interviewer
    return Document(path: "t.txt", sha256: "", byteCount: text.utf8.count, format: .text, encoding: "UTF-8", channel: .other,
                    title: nil, dates: [], text: text, blocks: blocks, metadata: metadata, warnings: [])
}

func links(_ text: String, subjects: [String] = []) throws -> [String] {
    let analyzer = try Analyzer()
    let linker = Linker(roster: roster, analyzer: analyzer)
    return linker.link(document(text, subjects: subjects), analyzer: analyzer).map { m in
        m.text + "→" + (m.cadre ?? "?" + m.candidates.sorted().joined(separator: "/"))
    }
}

/// Hand-written text, not the generator's templates.
@Suite struct LinkingTests {
    @Test func twoCadresWithOneNameAreToldApartByTheirUnit() throws {
        #expect(try links("教育局的王伟分管基础教育，工作扎实。") == ["王伟→C006"])
        #expect(try links("交通运输局副局长王伟在工地上盯了三个月。") == ["王伟→C002"])
        // Nothing says which one: ambiguous, with both candidates, not guessed.
        #expect(try links("王伟这个人很实在。") == ["王伟→?C002/C006"])
        // The document's subject decides.
        #expect(try links("王伟这个人很实在。", subjects: ["C006"]) == ["王伟→C006"])
    }

    /// A unit in the header (where the talk was held, whose staff the informant is) outweighs a
    /// unit merely mentioned, and a unit in the name's own sentence outweighs both.
    @Test func theHeadersUnitDecidesBetweenNamesakes() throws {
        let header = "谈话地点：市交通运输局三楼小会议室"
        let text = header + "\n答：王伟副局长分管建设和养护，专业上很强。教育局那个王伟我不熟。\n答：王伟很实在。"
        let blocks = [Block(kind: .field, start: 0, end: header.utf8.count)]
        let analyzer = try Analyzer()
        let found = Linker(roster: roster, analyzer: analyzer).link(document(text, blocks: blocks), analyzer: analyzer)
        #expect(found.map { "\($0.text)→\($0.cadre ?? "?")" } == ["王伟→C002", "王伟→C006", "王伟→C002"])
        // Without the header, the units named in the text leave the first and the last open.
        let plain = Linker(roster: roster, analyzer: analyzer).link(document(text), analyzer: analyzer)
        #expect(plain.map { "\($0.text)→\($0.cadre ?? "?")" } == ["王伟→?", "王伟→C006", "王伟→?"])
    }

    @Test func namesThatAreWordsNeedSupport() throws {
        #expect(try links("这个办法很高明，大家都服气。").isEmpty)
        #expect(try links("江山如此多娇。").isEmpty)
        #expect(try links("高明同志在全市教育工作会上作了发言。") == ["高明→C004"])
        #expect(try links("教育局的江山分管招生工作。") == ["江山→C005"])
        // After a subject it is the word, even before a speech verb that would otherwise cue a name.
        #expect(try links("他当时高明说这事好办，后来就没了下文。").isEmpty)
        #expect(try links("我们江山说了算。").isEmpty)
    }

    @Test func surnameTitleAliasesAndCompoundSurnames() throws {
        #expect(try links("卫生健康委员会的欧阳主任亲自带队检查了三家医院。") == ["欧阳主任→C007"])
        // The roster's only 欧阳 who is a 主任, with nothing against it.
        #expect(try links("欧阳主任亲自带队检查了三家医院。") == ["欧阳主任→C007"])
        // Another unit right before it is evidence against: kept ambiguous, not linked.
        #expect(try links("公安局的欧阳主任来了。") == ["欧阳主任→?C007"])
        #expect(try links("欧阳志远要求各科室把好关。") == ["欧阳志远→C007"])
        // 王局长 in a text about the transport bureau: the head and his deputy are both addressed
        // so; only the title would tell them apart, which is not enough.
        #expect(try links("交通运输局开会时，王局长提出要压实责任。") == ["王局长→?C001/C002/C006"])
        #expect(try links("交通运输局开会时，王局长提出要压实责任。", subjects: ["C002"]) == ["王局长→C002"])
        // A two-character name run on into a longer one is not linked (王伟东 is someone else).
        #expect(try links("交通运输局的王伟东是新来的科员。") == ["王伟→?C002/C006"] || (try links("交通运输局的王伟东是新来的科员。")).allSatisfy { $0.contains("?") })
        // Traditional script and full-width forms match the Simplified roster.
        #expect(try links("交通運輸局副局長王偉到現場辦公。") == ["王偉→C002"])
        #expect(try links("老王在交通运输局干了二十年。") == ["老王→C001"])
    }

    @Test func pronounsFollowTheCadreTheQuestionIsAbout() throws {
        let text = "问：你怎么看教育局的江山？\n答：他平时话不多，但办事牢靠。我跟他的秘书也熟。\n问：还有别的吗？\n答：该同志从不搞特殊。"
        let utf8 = Array(text.utf8)
        func range(_ s: String) -> (Int, Int) {
            let b = Array(s.utf8)
            for i in 0...(utf8.count - b.count) where Array(utf8[i..<(i + b.count)]) == b { return (i, i + b.count) }
            return (0, 0)
        }
        let lines = text.split(separator: "\n").map(String.init)
        let blocks = lines.enumerated().map { i, l in
            Block(kind: .turn, start: range(l).0, end: range(l).1, speaker: nil, role: i % 2 == 0 ? "question" : "answer")
        }
        let analyzer = try Analyzer()
        let found = Linker(roster: roster, analyzer: analyzer).link(document(text, blocks: blocks), analyzer: analyzer)
        // 他 as the answer's subject and 该同志 link to 江山; 他的秘书 is left alone.
        #expect(found.map { "\($0.text)→\($0.cadre ?? "?")" } == ["江山→C005", "他→C005", "该同志→C005"])
        #expect(found.allSatisfy { $0.passageStart <= $0.start && $0.end <= $0.passageEnd })
    }

    @Test func pronounsAreNotGuessedWhenSomeoneElseCouldBeMeant() throws {
        func pronouns(_ lines: [String]) throws -> [String] {
            let text = lines.joined(separator: "\n")
            var blocks: [Block] = []
            var offset = 0
            for l in lines {
                blocks.append(Block(kind: .turn, start: offset, end: offset + l.utf8.count, role: l.hasPrefix("问") ? "question" : "answer"))
                offset += l.utf8.count + 1
            }
            let analyzer = try Analyzer()
            return Linker(roster: roster, analyzer: analyzer).link(document(text, blocks: blocks), analyzer: analyzer)
                .filter { $0.form == .pronoun }.map { "\($0.text)→\($0.cadre ?? "?")" }
        }
        // The second question names an ambiguous 王伟: its 他 must not go to 江山.
        #expect(try pronouns(["问：你怎么看教育局的江山？", "答：他工作认真。", "问：那王伟呢？", "答：他经常迟到。"]) == ["他→C005"])
        // Another cadre named earlier in the answer.
        #expect(try pronouns(["问：你怎么看教育局的江山？", "答：我更熟悉欧阳志远。他管卫生。"]).isEmpty)
        // In prose, an ambiguous mention nearby competes.
        let analyzer = try Analyzer()
        let prose = Linker(roster: roster, analyzer: analyzer).link(document("教育局的江山和王伟一起去了工地。他说要抓紧。"), analyzer: analyzer)
        #expect(!prose.contains { $0.form == .pronoun })
    }

    @Test func rosterRowsWithProblemsAreReportedByLineAndTheRestLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yz-roster-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("roster.csv")
        try """
        id,name,aliases,unit,position,level,tenure_start
        C001,王建国,老王;建国,青川市交通运输局,"党组书记、局长",正处,2021-03-01
        C002,,,青川市交通运输局,副局长,副处,
        C003,杨帆,,青川市交通运输局,副局长,副处,2021-13-40
        C001,王建国,,青川市交通运输局,局长,正处,
        C004,"高明, Jr.",,青川市教育局,局长,正处,
        """.write(to: csv, atomically: true, encoding: .utf8)
        let (loaded, issues) = try Roster.load(csv)
        #expect(loaded.cadres.map(\.id) == ["C001", "C004"])
        #expect(loaded.cadres[0].aliases == ["老王", "建国"])
        #expect(loaded.cadres[0].position == "党组书记、局长")
        #expect(loaded.cadres[1].name == "高明, Jr.")
        #expect(issues.map(\.line) == [3, 4, 5])
        #expect(issues[0].description.contains("roster.csv:3") && issues[0].description.contains("no name"))
        // Extra fields would shift columns; an unclosed quote would swallow every later row.
        let shifted = dir.appendingPathComponent("shifted.csv")
        try "id,name,aliases,unit,position\nC2,李四,,青川市,财政局,科长\nC3,王五,,财政局,科长\n".write(to: shifted, atomically: true, encoding: .utf8)
        let (s2, i2) = try Roster.load(shifted)
        #expect(s2.cadres.map(\.id) == ["C3"])
        #expect(i2.map(\.line) == [2])
        let open = dir.appendingPathComponent("open.csv")
        try "id,name,aliases,unit,position\nC3,\"王五,,财政局,科长\nC4,赵六,,财政局,科长\n".write(to: open, atomically: true, encoding: .utf8)
        let failure = Result { () throws(RosterIssue) -> (roster: Roster, issues: [RosterIssue]) in try Roster.load(open) }
        guard case .failure(let issue) = failure else { Issue.record("an unclosed quote must be an error"); return }
        #expect(issue.line == 2)
        let json = dir.appendingPathComponent("roster.json")
        try #"{"cadres": [{"id": "C009", "name": "李红", "aliases": ["红姐"], "unit": "青川市卫生健康委员会", "position": "副主任"}, {"name": "无名"}]}"#
            .write(to: json, atomically: true, encoding: .utf8)
        let (fromJSON, jsonIssues) = try Roster.load(json)
        #expect(fromJSON.cadres.map(\.aliases) == [["红姐"]])
        #expect(jsonIssues.map(\.line) == [2])
    }
}

@Suite struct PersonNameTests {
    @Test func namesNeedACueAndEndAtAWord() throws {
        let text = "记者王明报道：李华同志说，这个办法很高明。张局长周末去了工地。\n谈话人：钱国庆"
        let ends = Set(try Analyzer().analyze(text).filter { !$0.kind.isCharacterStream }.map(\.end))
        let found = PersonNames.candidates(in: text, wordEnds: ends).map(\.name)
        #expect(found.contains("王明"))
        #expect(found.contains("李华"))
        #expect(found.contains("钱国庆"))
        // A surname plus a title is not a name, and what follows 张局长 is not one either.
        #expect(!found.contains("张局"))
        #expect(!found.contains("周末"))
        #expect(!found.contains { $0.hasPrefix("高明") })
    }

    @Test func aNameConfirmedOnceCountsEverywhereInTheText() {
        let found = PersonNames.candidates(in: "王明同志到任以后，王明抓的第一件事是安全。")
        #expect(found.map(\.name) == ["王明", "王明"])
        #expect(found.map(\.cue) == ["同志", "named before"])
    }
}
