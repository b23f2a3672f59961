@testable import Signals
import Testing

/// The trigger index against a brute-force scan: every phrase that starts at a position, longest
/// first, equal lengths in the order given; one-scalar phrases; the text's last characters.
@Suite struct PhraseIndexTests {
    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    func matches(_ index: PhraseIndex, _ text: [UInt32], at i: Int) -> [(length: Int, value: Int)] {
        var out: [(length: Int, value: Int)] = [(0, -1)]  // emptied by the call
        text.withUnsafeBufferPointer { index.matches(in: $0, at: i, into: &out) }
        return out
    }

    @Test func agreesWithABruteForceScan() {
        let phrases = ["不作为", "不担当", "不", "不作", "收红包", "收", "红包", "当场退回", "当场", "𠀋字", "包"]
            + ["不作为"]  // the same phrase for a second value
        let index = PhraseIndex(phrases.enumerated().map { (Self.scalars($0.element), $0.offset) })
        let text = Self.scalars("他不作为，也不担当；收红包当场退回了红包𠀋字不")
        for i in text.indices {
            let got = matches(index, text, at: i)
            var expected: [(length: Int, value: Int)] = []
            for (v, p) in phrases.enumerated() {
                let q = Self.scalars(p)
                if i + q.count <= text.count && Array(text[i..<(i + q.count)]) == q { expected.append((q.count, v)) }
            }
            expected = expected.enumerated().sorted { ($0.element.length, -$0.offset) > ($1.element.length, -$1.offset) }.map(\.element)
            #expect(got.map(\.length) == expected.map(\.length) && got.map(\.value) == expected.map(\.value), "at \(i): \(got) vs \(expected)")
        }
        // 不作为 twice (values 0 and 11), before 不作 and 不.
        #expect(matches(index, text, at: 1).map(\.value) == [0, 11, 3, 2])
    }

    @Test func anEmptyIndexAndEmptyPhrasesMatchNothing() {
        let index = PhraseIndex([([], 0)])
        #expect(matches(index, Self.scalars("不作为"), at: 0).isEmpty)
    }

    @Test func scalarSetsAnswerExactlyBeyondTheBasicPlane() {
        let ends = ScalarSet("，。")
        #expect(ends.contains(0xFF0C) && ends.contains(0x3002))
        #expect(!ends.contains(0x4E0D) && !ends.contains(0x2000B) && !ends.contains(0x10FF0C))
    }
}
