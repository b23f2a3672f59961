import Foundation

/// Word-level precision, recall and F1 of a segmenter against a SIGHAN-style gold standard
/// (one sentence per line, words separated by spaces), as the SIGHAN bakeoff scores them:
/// a predicted word counts when both its boundaries match a gold word.
public struct SegmentationScore: Codable, Sendable, Equatable {
    public var goldWords = 0
    public var predictedWords = 0
    public var correctWords = 0
    public var sentences = 0

    public init() {}

    public var precision: Double { predictedWords == 0 ? 0 : Double(correctWords) / Double(predictedWords) }
    public var recall: Double { goldWords == 0 ? 0 : Double(correctWords) / Double(goldWords) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Adds one sentence: gold and predicted words as byte ranges of the same unspaced text.
    public mutating func add(gold: [Range<Int>], predicted: [Range<Int>]) {
        sentences += 1
        goldWords += gold.count
        predictedWords += predicted.count
        let goldSet = Set(gold.map { [$0.lowerBound, $0.upperBound] })
        correctWords += predicted.reduce(0) { $0 + (goldSet.contains([$1.lowerBound, $1.upperBound]) ? 1 : 0) }
    }

    enum CodingKeys: String, CodingKey { case sentences, goldWords, predictedWords, correctWords, precision, recall, f1 }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(goldWords, forKey: .goldWords)
        try c.encode(predictedWords, forKey: .predictedWords)
        try c.encode(correctWords, forKey: .correctWords)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sentences = try c.decode(Int.self, forKey: .sentences)
        goldWords = try c.decode(Int.self, forKey: .goldWords)
        predictedWords = try c.decode(Int.self, forKey: .predictedWords)
        correctWords = try c.decode(Int.self, forKey: .correctWords)
    }
}

/// A gold-standard sentence: its words, and its text with the spaces taken out.
public struct GoldSentence: Sendable, Equatable {
    public var text: String
    /// Each gold word as a UTF-8 byte range of `text`.
    public var words: [Range<Int>]

    /// Parses a line of a SIGHAN gold file. Words are separated by runs of ASCII or ideographic
    /// spaces. Returns `nil` for a blank line.
    public init?(line: Substring) {
        var text = ""
        var words: [Range<Int>] = []
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "\r" }) {
            let start = text.utf8.count
            text += word
            words.append(start..<text.utf8.count)
        }
        guard !words.isEmpty else { return nil }
        self.text = text
        self.words = words
    }
}

extension Analyzer {
    /// Scores this analyzer's word segmentation against a SIGHAN gold file.
    public func evaluateSegmentation(goldFile url: URL) throws -> SegmentationScore {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Lexicon.LoadError(path: url.path, line: nil, reason: "cannot read the gold file (\(error.localizedDescription))")
        }
        guard let contents = String(validating: [UInt8](data), as: UTF8.self) else {
            throw Lexicon.LoadError(path: url.path, line: nil, reason: "gold file is not valid UTF-8; convert it first (iconv -f GB18030 -t UTF-8)")
        }
        var score = SegmentationScore()
        for line in contents.split(whereSeparator: \.isNewline) {
            guard let sentence = GoldSentence(line: line) else { continue }
            score.add(gold: sentence.words, predicted: try segmentation(sentence.text))
        }
        return score
    }
}
