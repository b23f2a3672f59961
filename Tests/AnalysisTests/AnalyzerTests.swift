import Foundation
import Synchronization
import Testing
@testable import Analysis
import ICU
typealias ICUNormalizer = ICU.Normalizer

/// Tokens as `term/kind@position[start,end)`, the compact form the expectations below use.
func analyse(_ text: String, lexicon: Lexicon = .empty) throws -> [String] {
    try Analyzer(lexicon: lexicon).analyze(text).map(\.description)
}

@Suite struct AnalyzerTests {
    @Test func traditionalAndSimplifiedAnalyseToTheSameTerms() throws {
        let analyzer = try Analyzer()
        let traditional = try analyzer.analyze("負面清單的民主測評")
        let simplified = try analyzer.analyze("负面清单的民主测评")
        #expect(traditional.map(\.term) == simplified.map(\.term))
        #expect(traditional.map(\.kind) == simplified.map(\.kind))
        #expect(traditional.map(\.position) == simplified.map(\.position))
        // Spans point at the original (Traditional) characters.
        let original = Array("負面清單的民主測評".utf8)
        let shown = traditional.map { String(decoding: original[$0.start..<$0.end], as: UTF8.self) }
        #expect(shown.first == "負面")
        #expect(shown.contains("清單") && shown.contains("測評"))
        #expect(traditional.map(\.description) == [
            "负面/word@0[0,6)", "负面/bigram@0[0,6)", "面清/bigram@1[3,9)", "清单/word@1[6,12)",
            "清单/bigram@2[6,12)", "单的/bigram@3[9,15)", "的/word@2[12,15)", "的民/bigram@4[12,18)",
            "民主/word@3[15,21)", "民主/bigram@5[15,21)", "主测/bigram@6[18,24)", "测/word@4[21,24)",
            "测评/bigram@7[21,27)", "评/word@5[24,27)", "评/unigram@8[24,27)",
        ])
    }

    @Test func fullWidthDigitsBecomeOneNumberSpanningTheOriginal() throws {
        #expect(try analyse("２０２４年３月") == [
            "2024/number@0[0,12)", "年/word@1[12,15)", "年/unigram@0[12,15)",
            "3/number@2[15,18)", "月/word@3[18,21)", "月/unigram@1[18,21)",
        ])
    }

    @Test func numbersStayWholeBesideHan() throws {
        #expect(try analyse("2024年").prefix(2) == ["2024/number@0[0,4)", "年/word@1[4,7)"])
        #expect(try analyse("增长3.5%").contains("3.5/number@1[6,9)"))
    }

    @Test func pinyinAnnotationsAreRemovedAndSpansCoverThem() throws {
        // 對(duì)組織講: the bigram 对组 spans the annotation in the original.
        #expect(try analyse("對(duì)組織講") == [
            "对/word@0[0,3)", "对组/bigram@0[0,12)", "组织/word@1[9,15)", "组织/bigram@1[9,15)",
            "织讲/bigram@2[12,18)", "讲/word@2[15,18)", "讲/unigram@3[15,18)",
        ])
    }

    @Test func annotatedAndPlainTextAnalyseAlike() throws {
        let analyzer = try Analyzer()
        let annotated = try analyzer.analyze("干部說(shuō)：對(duì)組織講這么多話還是頭一次(yī)")
        let plain = try analyzer.analyze("干部說：對組織講這么多話還是頭一次")
        #expect(annotated.map(\.term) == plain.map(\.term))
    }

    @Test func parenthesesThatAreNotPinyinStay() throws {
        let analyzer = try Analyzer()
        #expect(analyzer.normalize("刻(一)").string == "刻(一)")
        // A toneless syllable is only removed from text that has tone-marked annotations.
        #expect(analyzer.normalize("王(wang)").string == "王(wang)")
        #expect(analyzer.normalize("對(duì)王(wang)").string == "对王")
    }

    @Test func extensionBCharacterIsNeverSplit() throws {
        #expect(try analyse("𠮷野家") == [
            "𠮷/word@0[0,4)", "𠮷野/bigram@0[0,7)", "野家/word@1[4,10)", "野家/bigram@1[4,10)", "家/unigram@2[7,10)",
        ])
    }

    @Test func latinIsLowercasedAndSeparateFromHan() throws {
        #expect(try analyse("ICP备案号ABC公司") == [
            "icp/latin@0[0,3)", "备案/word@1[3,9)", "备案/bigram@0[3,9)", "案号/bigram@1[6,12)", "号/word@2[9,12)",
            "号/unigram@2[9,12)", "abc/latin@3[12,15)", "公司/word@4[15,21)", "公司/bigram@3[15,21)", "司/unigram@4[18,21)",
        ])
        #expect(try analyse("ＷＯＲＤ文档").first == "word/latin@0[0,12)")
    }

    @Test func lexiconOverridesICU() throws {
        // ICU alone splits 负面清单 into 负面 + 清单.
        #expect(try analyse("负面清单").filter { $0.contains("/word") } == ["负面/word@0[0,6)", "清单/word@1[6,12)"])
        let lexicon = Lexicon([.init(term: "负面清单", tag: "signal"), .init(term: "推诿扯皮")])
        #expect(try analyse("负面清单推诿扯皮", lexicon: lexicon) == [
            "负面清单/lexicon@0[0,12)", "负面/bigram@0[0,6)", "面清/bigram@1[3,9)", "清单/bigram@2[6,12)",
            "单推/bigram@3[9,15)", "推诿扯皮/lexicon@1[12,24)", "推诿/bigram@4[12,18)", "诿扯/bigram@5[15,21)",
            "扯皮/bigram@6[18,24)", "皮/unigram@7[21,24)",
        ])
    }

    @Test func lexiconLongestMatchWinsAndLeftoversStayWords() throws {
        let lexicon = Lexicon(terms: ["民主", "民主测评", "测评表"])
        let words = try Analyzer(lexicon: lexicon).analyze("开展民主测评表").filter { !$0.kind.isCharacterStream }
        #expect(words.map(\.description) == ["开展/word@0[0,6)", "民主测评/lexicon@1[6,18)", "表/word@2[18,21)"])
    }

    @Test func lexiconTermsAreNormalisedLikeDocuments() throws {
        // A Traditional entry matches Simplified text and the other way round.
        let lexicon = Lexicon(terms: ["負面清單"])
        #expect(try analyse("负面清单", lexicon: lexicon).first == "负面清单/lexicon@0[0,12)")
        #expect(try analyse("負面清單", lexicon: lexicon).first == "负面清单/lexicon@0[0,12)")
    }

    @Test func latinLexiconTermsRespectWordEdges() throws {
        let lexicon = Lexicon(terms: ["icp"])
        #expect(try analyse("ICPC", lexicon: lexicon) == ["icpc/latin@0[0,4)"])
        #expect(try analyse("ICP备案", lexicon: lexicon).first == "icp/lexicon@0[0,3)")
    }

    @Test func emptyAndWhitespaceOnlyInputGiveNoTokens() throws {
        #expect(try analyse("").isEmpty)
        #expect(try analyse(" \n\t　 ").isEmpty)
    }

    @Test func loneSurrogateNeverCrashes() throws {
        let analyzer = try Analyzer()
        // UTF-8 encoding of the lone surrogate U+D800 (invalid), then 王.
        let bytes: [UInt8] = [0xED, 0xA0, 0x80, 0xE7, 0x8E, 0x8B]
        let tokens = try bytes.withUnsafeBufferPointer { try analyzer.analyze(utf8: $0) }
        #expect(tokens.map(\.description) == ["王/word@0[3,6)", "王/unigram@0[3,6)"])
        // UTF-16 with a lone surrogate decodes to U+FFFD, which makes no token.
        let fromUTF16 = String(decoding: [0xD800, 0x738B] as [UInt16], as: UTF16.self)
        #expect(try analyzer.analyze(fromUTF16).map(\.term) == ["王", "王"])
    }

    @Test func invalidUTF8KeepsOffsetsIntoTheRawBytes() throws {
        let analyzer = try Analyzer()
        let bytes: [UInt8] = [0xFF, 0xC3] + Array("干部".utf8) + [0xE5, 0xB9]  // stray, truncated lead, truncated tail
        let tokens = try bytes.withUnsafeBufferPointer { try analyzer.analyze(utf8: $0) }
        #expect(tokens.map(\.description) == ["干部/word@0[2,8)", "干部/bigram@0[2,8)", "部/unigram@1[5,8)"])
    }

    @Test func quotesAndDashesAreUnified() throws {
        let analyzer = try Analyzer()
        #expect(analyzer.normalize("“负面清单”——「两面人」‘好’").string == "\"负面清单\"--\"两面人\"'好'")
    }

    @Test func normalisationAgreesWithICUOnMixedText() throws {
        // Without Simplified conversion, quote folding and pinyin removal, the chain's incremental
        // normalisation must equal ICU's NFKC_Casefold of the whole text.
        let text = "Ｃａｆé ÉCOLE ｶﾀｶﾅ ①② ㍻ ﬁ Straße 𠮷 ΣΑΣ e\u{301} 丽 \u{2F800}"
        var normalizer = TextNormalizer(convertsTraditional: false, removesPinyinAnnotations: false)
        var out = NormalizedText()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { normalizer.normalize(UnsafeBufferPointer($0), from: 0, to: $0.count, into: &out) }
        #expect(out.string == (try ICUNormalizer.nfkcCasefold.normalize(text)))
    }

    @Test func longInputIsChunkedWithoutChangingTokens() throws {
        let line = "据反映，该同志经常上班时间打牌，群众意见较大。\n"
        let text = String(repeating: line, count: 200)
        let whole = try Analyzer().analyze(text)
        let small = try Analyzer()
        small.chunkLimit = 1000
        #expect(try small.analyze(text) == whole)
        // A single very long line is cut after punctuation, still without changing tokens.
        let oneLine = String(repeating: "该同志工作认真负责，", count: 300)
        #expect(try small.analyze(oneLine) == (try Analyzer().analyze(oneLine)))
    }

    @Test func copiedAnalyzerGivesTheSameTokens() throws {
        let a = try Analyzer(lexicon: Lexicon(terms: ["民主测评"]))
        let b = try a.copy()
        #expect(try a.analyze("民主测评结果") == (try b.analyze("民主测评结果")))
    }

    @Test func everyHanCharacterStartsExactlyOneCharacterStreamToken() throws {
        let text = "王书记，李局长。张三"
        let tokens = try Analyzer().analyze(text).filter(\.kind.isCharacterStream)
        #expect(tokens.map(\.term) == ["王书", "书记", "记", "李局", "局长", "长", "张三", "三"])
        #expect(tokens.map(\.position) == Array(0..<8))
    }
}

@Suite struct ConcurrencyTests {
    /// Analyzers on different threads share only the immutable lexicon; ICU state is per analyzer.
    @Test func analyzersOnSeveralThreadsAgreeWithOneThread() throws {
        let lexicon = Lexicon(terms: ["负面清单", "民主测评"])
        let text = String(repeating: "據反映，該同志負面清單問題突出，民主測評得分較低。２０２４年ICP𠮷\n", count: 50)
        let expected = try Analyzer(lexicon: lexicon).analyze(text)
        let results = Mutex<[[Token]]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let tokens = (try? Analyzer(lexicon: lexicon).analyze(text)) ?? []
            results.withLock { $0.append(tokens) }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 4)
        for tokens in all { #expect(tokens == expected) }
    }
}

@Suite struct GarbledAnnotationTests {
    @Test func toneMarkedSyllableAfterAGarbledCharacterGoesInAnnotatedText() throws {
        let analyzer = try Analyzer()
        #expect(analyzer.normalize("對(duì)組織，日??己诉^(guò)程中").string == "对组织,日??己诉^程中")
        // Without tone-marked annotations elsewhere, nothing is removed.
        #expect(analyzer.normalize("诉^(guò)程").string == "诉^(guò)程")
    }
}
