import Testing
@testable import ICU

@Suite struct WordBreakerTests {
    @Test func segmentsHanWithDictionaryAndLabelsKinds() throws {
        let breaker = try WordBreaker(locale: "zh")
        let text = Array("干部2024年ABC。".utf16)
        let segments = try breaker.segment(text)
        let words = segments.map { (String(decoding: text[$0.start..<$0.end], as: UTF16.self), $0.kind) }
        #expect(words.map(\.0) == ["干部", "2024", "年", "ABC", "。"])
        #expect(words.map(\.1) == [.ideographic, .number, .ideographic, .letter, .none])
    }

    @Test func copyIsIndependentOfTheOriginal() throws {
        let breaker = try WordBreaker(locale: "zh")
        let copy = try breaker.copy()
        let a = try breaker.segment(Array("民主测评".utf16))
        let b = try copy.segment(Array("民主测评".utf16))
        #expect(a == b)
        #expect(try copy.segment([]).isEmpty)
    }

    @Test func neverSplitsASupplementaryCharacter() throws {
        let breaker = try WordBreaker(locale: "zh")
        let text = Array("𠮷野家".utf16)  // 𠮷 is a surrogate pair
        let boundaries = try breaker.segment(text).map(\.end)
        #expect(!boundaries.contains(1))
    }
}

@Suite struct NormalizerTests {
    @Test func nfkcCasefoldFoldsFullWidthAndCase() throws {
        #expect(try Normalizer.nfkcCasefold.normalize("２０２４年ＡＢＣ　Def") == "2024年abc def")
        #expect(try Normalizer.nfkc.normalize("ＡＢＣ") == "ABC")
    }

    @Test func hanIdeographsAreInert() {
        #expect(Normalizer.nfkcCasefold.isInert(0x738B))  // 王
        #expect(!Normalizer.nfkcCasefold.isInert(0xFF10))  // ０
    }
}

@Suite struct TransliteratorTests {
    @Test func traditionalToSimplified() throws {
        let t = try Transliterator(id: "Traditional-Simplified")
        #expect(try t.transliterate("負面清單的民主測評") == "负面清单的民主测评")
    }

    @Test func unknownTransliteratorIsAnError() {
        #expect(throws: ICUError.self) { try Transliterator(id: "No-Such-Thing") }
    }

    /// The committed table must say what the ICU in use says, code point by code point.
    @Test func generatedTableAgreesWithICU() throws {
        let t = try Transliterator(id: "Traditional-Simplified")
        let pairs = TraditionalSimplifiedTable.pairs
        #expect(pairs.count > 2000)
        var disagreements: [String] = []
        for (from, to) in pairs {
            let s = String(Character(Unicode.Scalar(from)!))
            let got = try t.transliterate(s)
            if got != String(Character(Unicode.Scalar(to)!)) { disagreements.append("U+\(String(from, radix: 16)) → \(got)") }
        }
        #expect(disagreements.isEmpty, "regenerate Sources/CICU/t2s_table.c with tools/gen-t2s-table.c (ICU \(icuVersion), table from \(TraditionalSimplifiedTable.generatedWithICU))")
        // And a whole Traditional passage: no context rules the table could miss.
        let passage = "連雲港市對全市103家市管領導班子開展日常考核,綜合研判、系統瞭解班子運行狀況和幹部德才表現,甄別一批不擔當不作為的幹部。"
        let byTable = String(String.UnicodeScalarView(passage.unicodeScalars.map { Unicode.Scalar(TraditionalSimplifiedTable.simplified($0.value))! }))
        #expect(byTable == (try t.transliterate(passage)))
    }
}

@Suite struct CharsetTests {
    /// 干部考察谈话记录：该同志工作认真负责，群众反映良好。 in GB18030.
    static let gb18030: [UInt8] = [184, 201, 178, 191, 191, 188, 178, 236, 204, 184, 187, 176, 188, 199, 194, 188, 163, 186, 184, 195, 205, 172, 214, 190, 185, 164, 215, 247, 200, 207, 213, 230, 184, 186, 212, 240, 163, 172, 200, 186, 214, 218, 183, 180, 211, 179, 193, 188, 186, 195, 161, 163]

    @Test func detectsGB18030() throws {
        let matches = try CharsetDetector().detect(Self.gb18030)
        #expect(matches.first?.name == "GB18030")
    }

    @Test func convertsGB18030AndBig5() throws {
        let r = try CharsetConverter.decode(Self.gb18030, charset: "GB18030")
        #expect(r.text == "干部考察谈话记录：该同志工作认真负责，群众反映良好。")
        #expect(r.invalidCount == 0)
        let big5 = try CharsetConverter.decode([173, 116, 173, 177, 178, 77, 179, 230], charset: "Big5")
        #expect(big5.text == "負面清單")
    }

    @Test func invalidBytesAreReplacedCountedAndLocated() throws {
        // 0x81 starts a GB18030 sequence that a space cannot continue; the text around it survives.
        var bytes = Array(Self.gb18030[0..<4])
        bytes += [0x81, 0x20]
        bytes += Self.gb18030[4..<8]
        let r = try CharsetConverter.decode(bytes, charset: "GB18030")
        #expect(r.text == "干部\u{FFFD} 考察")
        #expect(r.invalidCount == 1)
        #expect(r.invalidOffsets == [4])
    }

    @Test func unknownCharsetIsAnError() {
        #expect(throws: ICUError.self) { try CharsetConverter.decode([0x41], charset: "no-such-charset") }
    }
}
