/// What a token is. Two position streams exist: the *word* stream (``word``, ``lexicon``,
/// ``number``, ``latin``) and the *character* stream (``bigram``, ``unigram``); each numbers its own
/// positions from 0.
public enum TokenKind: String, Codable, Sendable, CaseIterable {
    /// A word from ICU's dictionary segmentation (Han, kana, other scripts).
    case word
    /// A forced term from the ``Lexicon`` (用户词典), kept whole even where ICU splits it.
    case lexicon
    /// Two adjacent Han characters of one Han run (CJK bigram), e.g. `清单`.
    case bigram
    /// The last Han character of a Han run, the one character no bigram starts with.
    ///
    /// With it, every Han character in a document starts exactly one character-stream token,
    /// so a one-character query (a surname such as 王) is answered by a prefix lookup over the
    /// character stream's terms, and an n-character query by n−1 bigrams at consecutive positions.
    case unigram
    /// Digits kept whole (`2024`, `3.5`, `1,000`).
    case number
    /// A Latin-script word, case-folded.
    case latin

    /// Whether the token belongs to the character (bigram) stream.
    public var isCharacterStream: Bool { self == .bigram || self == .unigram }
}

/// One token of analysed text.
///
/// `start` and `end` are UTF-8 byte offsets into the ORIGINAL text, so a highlight lands on what
/// the document says (Traditional characters, full-width digits, pinyin annotations and all).
public struct Token: Equatable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The normalised term: NFKC, case-folded, Simplified, without pinyin annotations.
    public var term: String
    public var kind: TokenKind
    /// Position within the token's stream (see ``TokenKind``).
    public var position: Int
    /// First byte of the token in the original UTF-8 text.
    public var start: Int
    /// One past the last byte of the token in the original UTF-8 text.
    public var end: Int

    public init(term: String, kind: TokenKind, position: Int, start: Int, end: Int) {
        self.term = term
        self.kind = kind
        self.position = position
        self.start = start
        self.end = end
    }

    public var description: String { "\(term)/\(kind.rawValue)@\(position)[\(start),\(end))" }
}
