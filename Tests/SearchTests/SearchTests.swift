import Analysis
import Catalog
import Foundation
import Index
import Testing
import TestSupport
@testable import Search
@testable import Yinzheng

/// The sample corpus, indexed once for all tests in this file.
final class SampleIndex: @unchecked Sendable {
    static let shared = SampleIndex()
    let directory: URL
    let sample: URL

    init() {
        sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpora/sample")
        directory = scratchDirectory("yz-search")
        _ = try! Workspace(directory: directory).sync([sample])
    }

    func searcher() throws -> Searcher {
        Searcher(snapshot: try IndexSnapshot(directory: directory), analyzer: try Analyzer())
    }
}

/// Options that return every match (the tests compare whole result sets).
func everything() -> SearchOptions {
    var options = SearchOptions()
    options.limit = 10_000
    options.includeText = true
    return options
}

func paths(_ r: SearchResult) -> Set<String> { Set(r.hits.map { URL(fileURLWithPath: $0.document.path).lastPathComponent }) }

@Suite struct QueryParserTests {
    @Test func precedenceAndFilters() throws {
        #expect(try Query.parse("负面清单 民主测评") == .and([.text("负面清单", quoted: false), .text("民主测评", quoted: false)]))
        #expect(try Query.parse("a OR b c") == .or([.text("a", quoted: false), .and([.text("b", quoted: false), .text("c", quoted: false)])]))
        #expect(try Query.parse("\"收受 礼金\" -听说") == .and([.text("收受 礼金", quoted: true), .not(.text("听说", quoted: false))]))
        #expect(try Query.parse("channel:interview date:2024-01..2024-06") == .and([.filter(field: "channel", value: "interview"), .dateRange(from: "2024-01", to: "2024-06")]))
        #expect(try Query.parse("打牌 NEAR/5 上班") == .near(.text("打牌", quoted: false), .text("上班", quoted: false), distance: 5))
        #expect(try Query.parse("(推诿 OR 扯皮) AND NOT 没有") == .and([.or([.text("推诿", quoted: false), .text("扯皮", quoted: false)]), .not(.text("没有", quoted: false))]))
    }

    @Test func malformedQueriesPointAtTheProblem() {
        func error(_ q: String) -> QueryError? {
            if case .failure(let e) = Result(catching: { () throws(QueryError) -> Query in try Query.parse(q) }) { return e }
            return nil
        }
        #expect(error("\"负面清单") == QueryError(position: 0, message: "unclosed quote"))
        #expect(error("负面 (清单") == QueryError(position: 3, message: "'(' is never closed"))
        #expect(error("负面 )") == QueryError(position: 3, message: "unexpected ')' with no '(' to close"))
        #expect(error("AND 负面")?.position == 0)
        #expect(error("负面 OR")?.position == 3)
        #expect(error("colour:red")?.message.hasPrefix("unknown field colour") == true)
        #expect(error("date:2024/03")?.position == 5)
        #expect(error("打牌 NEAR/x 上班")?.message == "NEAR needs a distance, as in NEAR/5")
        #expect(error("")?.message == "empty query")
    }
}

@Suite struct SearchTests {
    /// Every substring of 1–8 Han characters: the documents found are exactly those whose
    /// normalised text contains it (brute force over the stored texts).
    @Test func recallAndPrecisionAreExactForHanSubstrings() throws {
        let searcher = try SampleIndex.shared.searcher()
        let analyzer = try Analyzer()
        var documents: [(String, [UInt32])] = []
        for seg in searcher.snapshot.segments {
            for i in 0..<seg.documentCount {
                let d = try seg.document(i)
                documents.append((URL(fileURLWithPath: d.path).lastPathComponent, analyzer.normalize(d.text).scalars))
            }
        }
        var rng = SystemRandomNumberGenerator()
        var checked = 0
        var options = everything()
        options.snippetsPerHit = 0
        while checked < 300 {
            let (_, scalars) = documents.randomElement(using: &rng)!
            guard scalars.count > 10 else { continue }
            let length = Int.random(in: 1...8, using: &rng)
            let start = Int.random(in: 0..<(scalars.count - length), using: &rng)
            let needle = Array(scalars[start..<(start + length)])
            guard needle.allSatisfy({ Searcher.isHan($0) }) else { continue }
            let text = Searcher.string(needle[...])
            let expected = Set(documents.filter { Self.contains($0.1, needle) }.map(\.0))
            let found = paths(try searcher.search(.text(text, quoted: false), options: options))
            #expect(found == expected, "\(text): \(found.symmetricDifference(expected).sorted())")
            checked += 1
        }
    }

    static func contains(_ hay: [UInt32], _ needle: [UInt32]) -> Bool {
        guard hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return true }
        return false
    }

    @Test func traditionalAndSimplifiedQueriesFindTheSameDocuments() throws {
        let searcher = try SampleIndex.shared.searcher()
        let options = everything()
        let a = try searcher.search(try Query.parse("負面清單"), options: options)
        let b = try searcher.search(try Query.parse("负面清单"), options: options)
        #expect(a.total > 0)
        #expect(paths(a) == paths(b))
        // Traditional documents are found by Simplified queries, and highlighted as written.
        let t = try searcher.search(try Query.parse("推诿扯皮"), options: options)
        let traditionalHit = try #require(t.hits.first { $0.document.text.contains("推諉扯皮") })
        let s = try #require(traditionalHit.snippets.first)
        let mark = Array(s.text.utf8)[s.highlights[0][0]..<s.highlights[0][1]]
        #expect(String(decoding: mark, as: UTF8.self) == "推諉扯皮")
        // Snippet offsets point into the document text.
        #expect(Array(traditionalHit.document.text.utf8)[s.start..<s.end] == Array(s.text.utf8)[...])
    }

    @Test func booleanFiltersAndFacets() throws {
        let searcher = try SampleIndex.shared.searcher()
        let options = everything()
        let all = try searcher.search(try Query.parse("推诿扯皮"), options: options)
        let interviews = try searcher.search(try Query.parse("推诿扯皮 channel:interview"), options: options)
        #expect(interviews.total > 0 && interviews.total < all.total)
        #expect(interviews.hits.allSatisfy { $0.document.channel == "interview" })
        #expect(all.facets["channel"]?["interview"] == interviews.total)
        // Facets count documents: channels add up to the total, and no year exceeds it (a
        // document with two dates in one year counts once).
        #expect(all.facets["channel"]?.values.reduce(0, +) == all.total)
        #expect(all.facets["year"]?.values.allSatisfy { $0 <= all.total } == true)
        for (year, n) in all.facets["year"] ?? [:] {
            #expect(n == all.hits.filter { $0.document.dates.contains { $0.hasPrefix(year) } }.count, "\(year)")
        }
        // Paging through the top-k heap gives the same order as one long page.
        var page = SearchOptions()
        page.limit = 3
        page.offset = 2
        let paged = try searcher.search(try Query.parse("推诿扯皮"), options: page)
        #expect(paged.total == all.total)
        #expect(paged.hits.map(\.document.path) == all.hits.dropFirst(2).prefix(3).map(\.document.path))
        let without = try searcher.search(try Query.parse("推诿扯皮 NOT channel:interview"), options: options)
        #expect(without.total + interviews.total == all.total)
        let either = try searcher.search(try Query.parse("推诿扯皮 OR 打牌"), options: options)
        #expect(either.total >= all.total)
        let dated = try searcher.search(try Query.parse("推诿扯皮 date:2024"), options: options)
        #expect(dated.hits.allSatisfy { $0.document.dates.contains { $0.hasPrefix("2024") } })
        let ranged = try searcher.search(try Query.parse("推诿扯皮 date:2024-01..2024-06"), options: options)
        #expect(ranged.hits.allSatisfy { $0.document.dates.contains { $0 >= "2024-01" && $0.prefix(7) <= "2024-06" } })
    }

    @Test func nearMeasuresCharacters() throws {
        let searcher = try SampleIndex.shared.searcher()
        let options = everything()
        let near = try searcher.search(try Query.parse("收受 NEAR/2 礼金"), options: options)
        let both = try searcher.search(try Query.parse("收受 礼金"), options: options)
        #expect(near.total > 0 && near.total <= both.total)
        for h in near.hits {
            let t = searcher.snapshot.segments[h.segment]
            _ = t
            #expect(h.document.text.range(of: #"收受.{0,2}礼金|礼金.{0,2}收受"#, options: .regularExpression) != nil || h.document.text.range(of: #"收受.{0,2}禮金|禮金.{0,2}收受"#, options: .regularExpression) != nil, "\(h.document.path)")
        }
    }

    @Test func wordLevelMatchesRankAboveCharacterOnlyMatches() throws {
        let dir = scratchDirectory("yz-rank")
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // 和尚 is a word in a.txt; in b.txt its characters meet across two words (和 / 尚未).
        // b.txt is the longer one with two occurrences: BM25 alone would put it first.
        try "那位和尚在念经。".write(to: docs.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "结婚的和尚未结婚的，结婚的和尚未结婚的。".write(to: docs.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try "会长".write(to: docs.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        _ = try Workspace(directory: dir.appendingPathComponent("index")).sync([docs])
        let r = try Workspace(directory: dir.appendingPathComponent("index")).search("和尚")
        #expect(r.hits.map { URL(fileURLWithPath: $0.document.path).lastPathComponent } == ["a.txt", "b.txt"])
        let single = try Workspace(directory: dir.appendingPathComponent("index")).search("长")
        #expect(paths(single) == ["c.txt"])
    }
}

@Suite struct SnippetTests {
    func marks(_ text: String, _ query: String) throws -> [String] {
        let searcher = Searcher(snapshot: try IndexSnapshot(directory: FileManager.default.temporaryDirectory.appendingPathComponent("yz-none-\(UUID())")), analyzer: try Analyzer())
        let analyzer = try Analyzer()
        let sequences = [analyzer.normalize(query).scalars]
        return searcher.makeSnippets(Array(text.utf8), sequences, options: SearchOptions()).flatMap { s in
            s.highlights.map { String(decoding: Array(s.text.utf8)[$0[0]..<$0[1]], as: UTF8.self) }
        }
    }

    @Test func highlightsLandOnTheOriginalCharactersWhateverTheirForm() throws {
        #expect(try marks("他說：對(duì)組織負責。", "对组织") == ["對(duì)組織"])
        #expect(try marks("完成ＩＣＰ备案，icp备案", "ICP备案") == ["ＩＣＰ备案", "icp备案"])
        #expect(try marks("负面清单；負面清單", "负面清单") == ["负面清单", "負面清單"])
        #expect(try marks("没有这个词", "负面清单") == [])
    }
}

/// `status:` filters and the status facet: claims assessed at the end of each sync, only those
/// a run touched, and the same as assessing everything again.
@Suite struct ClaimStatusTests {
    @Test func statusFacetsFollowTheSyncsAndMatchAFullAssessment() throws {
        let root = scratchDirectory("yz-claims")
        let docs = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "id,name,aliases,unit,position\nC001,王建国,,青川市交通运输局,局长\nC002,李红,,青川市教育局,副局长\n"
            .write(to: root.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try "谈话记录\n谈话对象：赵敏\n问：王建国怎么样？\n答：王建国推诿扯皮，群众意见大。\n".write(to: docs.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "谈话记录\n谈话对象：钱平\n问：李红怎么样？\n答：李红经常打麻将。\n".write(to: docs.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        let w = Workspace(directory: root.appendingPathComponent("index"))
        _ = try w.importRoster(root.appendingPathComponent("roster.csv"))
        _ = try w.sync([docs])
        var facets = SearchOptions()
        facets.facets.append("status")
        var r = try w.search("谈话记录", options: facets)
        #expect(r.facets["status"] == ["single-source": 2])
        #expect(try w.search("status:single-source").total == 2)
        #expect(try w.search("status:corroborated").total == 0)

        // A second informant in a visit record corroborates 推诿 across channels; only that claim
        // is reassessed, and the result equals a full assessment.
        try "走访记录\n走访对象：孙丽\n问：王建国局长怎么样？\n答：王建国推诿扯皮的事我也见过。\n".write(to: docs.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        _ = try w.sync([docs])
        r = try w.search("谈话记录 OR 走访记录", options: facets)
        #expect(r.facets["status"] == ["single-source": 1, "multi-channel": 2, "corroborated": 2])
        #expect(try w.search("status:corroborated").total == 2)
        let stored = try w.documentsByCorroboration()
        let catalog = try Catalog(directory: w.directory)
        #expect(stored == Workspace.byStatus(try w.assess(try catalog.evidence())))

        // Removing the visit leaves 推诿 single-source again.
        try FileManager.default.removeItem(at: docs.appendingPathComponent("b.txt"))
        _ = try w.sync([docs])
        #expect(try w.search("谈话记录", options: facets).facets["status"] == ["single-source": 2])
        #expect(try w.search("谈话记录").facets["status"] == nil)
    }
}

@Suite struct FormatCompatibilityTests {
    /// Segments written by format version 2 (interleaved postings, JSON stored fields; made by
    /// the yz of 2026-11-22 from two small files) are searched as before and merged into the
    /// current version with the same answers.
    @Test func version2SegmentsAreSearchedAndMergedIntoTheCurrentVersion() throws {
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/format2", withExtension: nil))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yz-format2-\(UUID())")
        try FileManager.default.copyItem(at: fixture, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }

        func check(_ snapshot: IndexSnapshot) throws {
            let s = Searcher(snapshot: snapshot, analyzer: try Analyzer())
            func found(_ q: String) throws -> Set<String> { paths(try s.search(Query.parse(q), options: everything())) }
            #expect(try found("负面清单") == ["a.txt", "b.txt"])
            #expect(try found("高质量发展") == ["b.txt"])
            #expect(try found("\"Latin words\"") == ["a.txt"])
            // Positions past 127 (two-byte deltas): the last line of a.txt, after 12 filler lines.
            #expect(try found("作风不实 NEAR/3 负面清单") == ["a.txt"])
            #expect(try found("实处 NEAR/1 负面清单").isEmpty)
            #expect(try found("推动经济社会") == ["a.txt"])
            let r = try s.search(Query.parse("作风不实"), options: everything())
            let hit = try #require(r.hits.first)
            #expect(hit.document.path.hasSuffix("a.txt"))
            let text = Array(hit.document.text.utf8)
            for snippet in hit.snippets {
                for h in snippet.highlights {
                    let quoted = String(decoding: text[(snippet.start + h[0])..<(snippet.start + h[1])], as: UTF8.self)
                    #expect(quoted == "作风不实")
                }
            }
        }
        let old = try IndexSnapshot(directory: dir)
        #expect(old.segments.map(\.version) == [2, 2])
        try check(old)
        let writer = try IndexWriter(directory: dir)
        _ = try writer.mergeAll()
        let merged = try IndexSnapshot(directory: dir)
        #expect(merged.segments.map(\.version) == [SegmentReader.currentVersion])
        try merged.segments[0].verify()
        try check(merged)
        #expect(try merged.segments[0].document(0) == old.segments[0].document(0))
        #expect(try merged.segments[0].document(1) == old.segments[1].document(0))
    }
}

@Suite struct PhraseTests {
    /// Phrases whose terms repeat or overlap: each start is checked against every term, and a
    /// run boundary (punctuation) breaks a phrase even though it takes no position.
    @Test func repeatedAndOverlappingTermsAreMatchedExactly() throws {
        let docs = FileManager.default.temporaryDirectory.appendingPathComponent("yz-phrase-docs-\(UUID())")
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("yz-phrase-\(UUID())")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { for u in [docs, index] { try? FileManager.default.removeItem(at: u) } }
        let texts = ["d1.txt": "哈哈哈哈", "d2.txt": "哈哈。哈哈", "d3.txt": "哈哈", "d4.txt": "清单清单清单", "d5.txt": "高质。量发展"]
        for (name, text) in texts { try text.write(to: docs.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        _ = try Workspace(directory: index).sync([docs])
        let s = Searcher(snapshot: try IndexSnapshot(directory: index), analyzer: try Analyzer())
        func found(_ q: String) throws -> Set<String> { paths(try s.search(Query.parse(q), options: everything())) }
        #expect(try found("哈哈") == ["d1.txt", "d2.txt", "d3.txt"])
        #expect(try found("哈哈哈") == ["d1.txt"])
        #expect(try found("哈哈哈哈") == ["d1.txt"])
        #expect(try found("哈哈哈哈哈").isEmpty)
        #expect(try found("清单清单清单") == ["d4.txt"])
        #expect(try found("单清单清") == ["d4.txt"])
        #expect(try found("清单清单清单清").isEmpty)
        #expect(try found("高质量发展").isEmpty)
        #expect(try found("量发展") == ["d5.txt"])
        // Overlapping occurrences (哈哈哈 twice in 哈哈哈哈) make one hit.
        let r = try s.search(Query.parse("哈哈哈"), options: everything())
        #expect(r.total == 1)
    }
}

@Suite struct PruningTests {
    /// Phrases are counted exactly only in the documents that can reach the top (each other match
    /// is scored by its rarest term's count, an upper bound). Whatever the query, limit and
    /// offset, the hits, their order and their scores must be those of counting everything.
    @Test func prunedRankingEqualsExhaustiveRanking() throws {
        let searcher = try SampleIndex.shared.searcher()
        let analyzer = try Analyzer()
        var texts: [[UInt32]] = []
        for seg in searcher.snapshot.segments {
            for i in 0..<seg.documentCount { texts.append(analyzer.normalize(try seg.document(i).text).scalars) }
        }
        var rng = SystemRandomNumberGenerator()
        func phrase() -> String {
            while true {
                let t = texts.randomElement(using: &rng)!
                let length = Int.random(in: 2...6, using: &rng)
                guard t.count > length else { continue }
                let start = Int.random(in: 0..<(t.count - length), using: &rng)
                let run = Array(t[start..<(start + length)])
                if run.allSatisfy({ Searcher.isHan($0) }) { return Searcher.string(run[...]) }
            }
        }
        var compared = 0, pruned = 0
        for round in 0..<200 {
            let a = phrase(), b = phrase(), c = phrase()
            let query: String
            // Inside OR, a part scores only the documents it matches itself.
            switch round % 11 {
            case 0, 1: query = a
            case 2: query = "\(a) \(b.prefix(2))"
            case 3: query = "\(a) OR \(b)"
            case 4: query = "\(a) -\(b.prefix(2))"
            case 5: query = "\(a) channel:interview"
            case 6: query = "\(a) \(b.prefix(3)) OR \(c.prefix(2))"
            case 7: query = "(\(a) -\(b.prefix(2))) OR \(c.prefix(2))"
            case 8: query = "(\(a) channel:interview) OR \(c.prefix(2))"
            case 9: query = "\(a.prefix(2)) OR (NOT \(b.prefix(2)) \(c.prefix(3)))"
            default: query = "\(a.prefix(3)) OR \(b.prefix(2)) NEAR/8 \(c.prefix(2))"
            }
            var options = SearchOptions()
            options.snippetsPerHit = 0
            options.limit = [1, 3, 10, 40][round % 4]
            options.offset = round % 5 == 0 ? 2 : 0
            // An access scope changes the statistics and hides documents: the same either way.
            if round % 3 == 0 { options.units = ["青川市交通运输局", "青川市教育局"] }
            let total = try Self.expectSameRanking(searcher, query, options)
            compared += 1
            if total > options.offset + options.limit { pruned += 1 }
        }
        #expect(compared == 200)
        // Enough of the queries match more documents than they return for the pruning to matter.
        #expect(pruned > 30, "only \(pruned) queries had more matches than hits")
    }

    /// Text over four characters, where a phrase's terms occur far more often than the phrase:
    /// the bounds are loose, so the best bounds are often not the best scores and several rounds
    /// are needed.
    @Test func looseBoundsStillGiveTheExhaustiveRanking() throws {
        let docs = FileManager.default.temporaryDirectory.appendingPathComponent("yz-prune-docs-\(UUID())")
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("yz-prune-\(UUID())")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { for u in [docs, index] { try? FileManager.default.removeItem(at: u) } }
        let alphabet: [Character] = ["甲", "乙", "丙", "丁"]
        var rng = SystemRandomNumberGenerator()
        for i in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 20...400, using: &rng) {
                text.append(Int.random(in: 0..<12, using: &rng) == 0 ? "。" : alphabet.randomElement(using: &rng)!)
            }
            try text.write(to: docs.appendingPathComponent("d\(i).txt"), atomically: true, encoding: .utf8)
        }
        _ = try Workspace(directory: index).sync([docs])
        let searcher = Searcher(snapshot: try IndexSnapshot(directory: index), analyzer: try Analyzer())
        for round in 0..<120 {
            func random(_ n: ClosedRange<Int>) -> String { String((0..<Int.random(in: n, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
            let query = [random(3...6), "\(random(3...5)) \(random(3...4)) OR \(random(4...6))", "(\(random(3...5)) -\(random(5...6))) OR \(random(3...5))"][round % 3]
            var options = SearchOptions()
            options.snippetsPerHit = 0
            options.facets = []
            options.limit = [1, 5, 20][round % 3]
            options.offset = round % 4 == 0 ? 3 : 0
            try Self.expectSameRanking(searcher, query, options)
        }
    }

    /// Runs `query` pruned and exhaustively: the same total, hits, order and scores. Returns the total.
    @discardableResult
    static func expectSameRanking(_ searcher: Searcher, _ query: String, _ options: SearchOptions) throws -> Int {
        var all = options
        all.exhaustive = true
        let q = try Query.parse(query)
        let fast = try searcher.search(q, options: options), slow = try searcher.search(q, options: all)
        #expect(fast.total == slow.total, "\(query)")
        #expect(fast.hits.map { "\($0.document.path) \($0.score)" } == slow.hits.map { "\($0.document.path) \($0.score)" }, "\(query)")
        return fast.total
    }
}

@Suite struct PhraseExistenceTests {
    /// The word-level bonus asks only whether a document holds the phrase: positions are read as
    /// far as the first occurrence, each term proposing the earliest start it allows.
    @Test func holdsPhraseAgreesWithAFullScan() {
        func check(_ lists: [[Int32]]) -> Bool {
            var bytes: [[UInt8]] = []
            for list in lists {
                var out: [UInt8] = [], last: Int32 = 0
                for p in list {
                    var v = UInt32(p - last)
                    last = p
                    while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
                    out.append(UInt8(v))
                }
                bytes.append(out)
            }
            let n = lists.count
            let starts = UnsafeMutablePointer<Int32>.allocate(capacity: n), frequencies = UnsafeMutablePointer<Int32>.allocate(capacity: n)
            let at = UnsafeMutablePointer<Int>.allocate(capacity: n)
            defer { starts.deallocate(); frequencies.deallocate(); at.deallocate() }
            for k in 0..<n { starts[k] = 0; frequencies[k] = Int32(lists[k].count); at[k] = k }
            let buffers = bytes.map { b -> UnsafeMutableRawBufferPointer in
                let m = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, b.count), alignment: 1)
                m.copyBytes(from: b)
                return m
            }
            let streams = UnsafeMutablePointer<PhraseStream>.allocate(capacity: n)
            defer { buffers.forEach { $0.deallocate() }; streams.deallocate() }
            // Each term's bytes start at 0 of its own buffer; `starts[at[k]]` is 0 for all.
            return Searcher.holdsPhrase(n, bytes: buffers.map { UnsafeRawBufferPointer($0) }, starts: starts, frequencies: frequencies, at: at, streams: streams)
        }
        func brute(_ lists: [[Int32]]) -> Bool {
            lists[0].contains { p in (1..<lists.count).allSatisfy { lists[$0].contains(p + Int32($0)) } }
        }
        let cases: [[[Int32]]] = [
            [[1, 5, 9], [2, 7, 10]], [[1, 5], [3, 7]], [[0, 4, 8], [5, 9], [10]], [[0, 300, 70_000], [301], [302]],
            [[3], [3]], [[2, 3], [3, 4], [4, 5]], [[10], [5]],
        ]
        for c in cases { #expect(check(c) == brute(c), "\(c)") }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let n = Int.random(in: 2...4, using: &rng)
            let lists = (0..<n).map { _ in Array(Set((0..<Int.random(in: 1...12, using: &rng)).map { _ in Int32.random(in: 0...40, using: &rng) })).sorted() }
            #expect(check(lists) == brute(lists), "\(lists)")
        }
    }
}
