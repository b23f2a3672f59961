import Foundation
import Testing
@testable import Analysis

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
