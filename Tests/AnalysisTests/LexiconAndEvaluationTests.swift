import Foundation
import Testing
@testable import Analysis
import ICU

@Suite struct LexiconFileTests {
    @Test func readsTermsTagsCommentsBOMAndCRLF() throws {
        let contents = "\u{FEFF}# forced terms\r\n负面清单\tsignal\r\n\r\n民主测评\n  推诿扯皮  \n王伟\tcadre:C001\n"
        let lexicon = try Lexicon(fileContents: Data(contents.utf8), path: "terms.txt")
        #expect(lexicon.count == 4)
        let scalars = Array("王伟".unicodeScalars.map(\.value))
        let match = scalars.withUnsafeBufferPointer { lexicon.longestMatch(in: $0, at: 0) }
        #expect(match?.end == 2)
        #expect(match?.tag == "cadre:C001")
    }

    @Test func invalidUTF8NamesTheFileAndLine() {
        let bytes: [UInt8] = Array("负面清单\n民主测评\n".utf8) + [0xB8, 0xC9, 0x0A]  // GBK bytes on line 3
        #expect {
            try Lexicon(fileContents: Data(bytes), path: "/data/terms.txt")
        } throws: { error in
            "\(error)" == "/data/terms.txt:3: not valid UTF-8 at byte 26; save the lexicon as UTF-8"
        }
    }

    @Test func missingFileIsAClearError() {
        #expect {
            try Lexicon(contentsOf: URL(fileURLWithPath: "/nonexistent/terms.txt"))
        } throws: { error in
            "\(error)".hasPrefix("/nonexistent/terms.txt: cannot read the lexicon file")
        }
    }

    @Test func duplicateTermsCountOnceAndTheLastTagWins() {
        let lexicon = Lexicon([.init(term: "民主测评", tag: "a"), .init(term: "民主測評", tag: "b")])
        #expect(lexicon.count == 1)
        let scalars = Array("民主测评".unicodeScalars.map(\.value))
        #expect(scalars.withUnsafeBufferPointer { lexicon.longestMatch(in: $0, at: 0)?.tag } == "b")
    }
}

@Suite struct SegmentationEvaluationTests {
    @Test func goldLineLosesItsSpacesAndKeepsWordSpans() {
        let sentence = GoldSentence(line: "共同  创造  美好  的  新  世纪  ——")!
        #expect(sentence.text == "共同创造美好的新世纪——")
        #expect(sentence.words.count == 7)
        #expect(sentence.words[0] == 0..<6)
        #expect(sentence.words.last == 30..<36)
        #expect(GoldSentence(line: "   ") == nil)
    }

    @Test func scoreCountsWordsWhoseBothBoundariesMatch() {
        var score = SegmentationScore()
        score.add(gold: [0..<6, 6..<12, 12..<15], predicted: [0..<6, 6..<15])
        #expect(score.correctWords == 1)
        #expect(score.precision == 0.5)
        #expect(abs(score.recall - 1.0 / 3.0) < 1e-12)
        #expect(abs(score.f1 - 0.4) < 1e-12)
    }

    @Test func evaluatesAGoldFileEndToEnd() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gold-\(UUID()).utf8")
        try "民主  测评  。\n\n干部  考察\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        // ICU alone splits 测评 into 测 + 评; the lexicon makes it whole.
        let plain = try Analyzer().evaluateSegmentation(goldFile: url)
        #expect(plain.sentences == 2)
        #expect(plain.goldWords == 5)
        #expect(plain.predictedWords == 6)
        #expect(plain.correctWords == 4)
        let withLexicon = try Analyzer(lexicon: Lexicon(terms: ["测评"])).evaluateSegmentation(goldFile: url)
        #expect(withLexicon.predictedWords == 5)
        #expect(withLexicon.correctWords == 5)
        #expect(withLexicon.f1 == 1)
    }
}

@Suite struct EdgeTableTests {
    @Test func findsEveryInsertedKeyAcrossGrowthAndNothingElse() {
        var table = EdgeTable(capacity: 1)
        for k in 0..<5000 { table.insert(UInt64(k) << 32 | UInt64(k % 97), Int32(k)) }
        #expect(table.count == 5000)
        for k in 0..<5000 { #expect(table[UInt64(k) << 32 | UInt64(k % 97)] == Int32(k)) }
        #expect(table[UInt64(5001) << 32] == nil)
        table.insert(7 << 32 | 7, -1)  // overwrite
        #expect(table.count == 5000)
        #expect(table[7 << 32 | 7] == -1)
    }

    @Test func supplementaryFirstCharactersMatch() throws {
        let lexicon = Lexicon(terms: ["𠮷野家"])
        #expect(try Analyzer(lexicon: lexicon).analyze("去𠮷野家").contains { $0.kind == .lexicon && $0.term == "𠮷野家" })
    }
}

@Suite struct FingerprintTests {
    static let report = """
        青川市交通运输局领导班子考察报告
        根据市委安排，考察组于2024年3月4日至8日对市交通运输局领导班子及其成员进行了考察，共个别谈话45人，发放民主测评表52份。
        王建国同志任局长以来，政治立场坚定，工作作风扎实，在防汛抢险等急难险重任务中冲在一线，干部群众评价较高。
        考察中也有同志反映，王建国同志在跨部门协调中有时推诿扯皮，对下属要求不够严格，个别项目推进迟缓。
        班子成员之间团结协作，能够严格落实中央八项规定精神，未发现违规吃喝、收受礼金等问题。
        综合研判，该班子运行总体良好，建议在年度考核中评定为好等次，并督促其整改跨部门协调方面的不足。
        """
    static let republished = report
        .replacingOccurrences(of: "青川市交通运输局领导班子考察报告", with: "【转载】市交通运输局班子考察情况通报（来源：青川组工网）")
        .replacingOccurrences(of: "个别项目推进迟缓", with: "部分重点项目进度明显滞后于计划安排")
    static let otherReport = """
        青川市教育局领导班子考察报告
        按照年度考核工作部署，考察组于2024年4月对市教育局领导班子进行了考察，个别谈话38人，民主测评有效票40份。
        李红同志担任局长期间，注重教育公平，推动城乡学校结对帮扶，群众满意度逐年提高。
        也有反映指出，李红同志对基层学校安全隐患排查不够深入，督导检查存在走过场现象。
        班子成员能够遵守廉洁自律各项规定，民主生活会批评与自我批评开展较好。
        综合研判，建议评定为较好等次，并加强安全生产责任落实。
        """

    @Test func republishedCopyWithNewHeaderAndOneChangedSentenceClustersWithItsOriginal() {
        let a = Fingerprint(text: Self.report), b = Fingerprint(text: Self.republished)
        #expect(a.similarity(to: b) >= 0.6)
        let clusters = DuplicateClusters.cluster([
            .init(id: "original", contentHash: "h1", fingerprint: a),
            .init(id: "republished", contentHash: "h2", fingerprint: b),
            .init(id: "other", contentHash: "h3", fingerprint: Fingerprint(text: Self.otherReport)),
        ])
        #expect(clusters == [["original", "republished"]])
    }

    @Test func differentReportsOnTheSameTopicDoNotCluster() {
        #expect(Fingerprint(text: Self.report).similarity(to: Fingerprint(text: Self.otherReport)) < 0.2)
    }

    @Test func traditionalAndReformattedCopiesAgree() throws {
        let traditional = try ICU.Transliterator(id: "Simplified-Traditional").transliterate(Self.report)
        #expect(traditional != Self.report)
        let reflowed = Self.report.replacingOccurrences(of: "\n", with: "  ").replacingOccurrences(of: "，", with: ",")
        #expect(Fingerprint(text: Self.report).similarity(to: Fingerprint(text: traditional)) >= 0.9)
        #expect(Fingerprint(text: Self.report).similarity(to: Fingerprint(text: reflowed)) == 1)
    }

    @Test func exactCopiesClusterByHashEvenWhenTooShortToShingle() {
        let tiny = Fingerprint(text: "好")
        #expect(tiny.shingles == 0)
        #expect(DuplicateClusters.cluster([.init(id: "a", contentHash: "same", fingerprint: tiny), .init(id: "b", contentHash: "same", fingerprint: tiny)]) == [["a", "b"]])
    }
}
