import ICU

/// The analysis chain: original text → normalised text (with an offset map) → tokens.
///
/// One code path serves indexing and querying, so a Traditional query finds Simplified text and
/// a full-width number finds a half-width one. Stages, in order:
/// character filters (``TextNormalizer``: NFKC_Casefold, Traditional→Simplified, quotes and
/// dashes, pinyin-annotation removal) → ICU dictionary word segmentation → forced ``Lexicon``
/// terms → CJK bigrams over every Han run.
///
/// Not thread-safe (it owns an ICU break iterator and scratch buffers): use one per thread,
/// each made with ``copy()``.
///
/// ```swift
/// let analyzer = try Analyzer(lexicon: Lexicon(terms: ["负面清单"]))
/// for token in try analyzer.analyze("負面清單的民主測評") { print(token.term, token.kind) }
/// ```
public final class Analyzer {
    public let lexicon: Lexicon
    private let breaker: WordBreaker
    private let normalizer: TextNormalizer
    /// Inputs longer than this are analysed in pieces cut at line breaks (or, failing that, after
    /// punctuation), so working memory stays bounded however long a document is.
    public var chunkLimit = 1 << 20

    // Scratch, reused across calls.
    private var text = NormalizedText()
    private var utf16: [UInt16] = []
    private var utf16ToScalar: [Int32] = []
    private var termBytes: [UInt8] = []
    private var termOffsets: [Int32] = []
    private var pieces: [Piece] = []

    /// One span of the word stream, in normalised-scalar indices.
    struct Piece {
        var start: Int32
        var end: Int32
        var kind: PieceKind
    }

    enum PieceKind: UInt8 { case word, lexicon, number, latin, punctuation }

    /// Opens ICU's word break iterator for `locale`.
    public init(lexicon: Lexicon = .empty, locale: String = "zh", convertsTraditional: Bool = true, removesPinyinAnnotations: Bool = true) throws(ICUError) {
        self.lexicon = lexicon
        self.breaker = try WordBreaker(locale: locale)
        self.normalizer = TextNormalizer(convertsTraditional: convertsTraditional, removesPinyinAnnotations: removesPinyinAnnotations)
    }

    private init(lexicon: Lexicon, breaker: WordBreaker, convertsTraditional: Bool, removesPinyinAnnotations: Bool) {
        self.lexicon = lexicon
        self.breaker = breaker
        self.normalizer = TextNormalizer(convertsTraditional: convertsTraditional, removesPinyinAnnotations: removesPinyinAnnotations)
    }

    /// An independent analyzer with the same configuration, for another thread.
    public func copy() throws(ICUError) -> Analyzer {
        let a = Analyzer(lexicon: lexicon, breaker: try breaker.copy(), convertsTraditional: normalizer.convertsTraditional, removesPinyinAnnotations: normalizer.removesPinyinAnnotations)
        a.chunkLimit = chunkLimit
        return a
    }

    // MARK: Public entry points

    /// Tokens of `text`, ordered by start offset (word-stream tokens before character-stream
    /// tokens at the same offset). Offsets are UTF-8 byte offsets into `text`.
    public func analyze(_ text: String) throws(ICUError) -> [Token] {
        try withUTF8(text) { (b) throws(ICUError) in try analyze(utf8: b) }
    }

    /// Runs `body` over the UTF-8 bytes of `text`, keeping the typed error.
    private func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(ICUError) -> R) throws(ICUError) -> R {
        var copy = text
        let result: Result<R, ICUError> = copy.withUTF8 { b in Result { () throws(ICUError) -> R in try body(b) } }
        return try result.get()
    }

    /// Tokens of raw UTF-8 bytes; invalid sequences become U+FFFD and offsets stay byte offsets
    /// into `bytes`.
    public func analyze(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 2)
        try forEachToken(utf8: bytes) { tokens.append($0) }
        return tokens
    }

    /// Calls `body` with each token of `bytes`, in the order of ``analyze(_:)``.
    public func forEachToken(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) throws(ICUError) {
        var positions = (word: 0, character: 0)
        for (lower, upper) in chunks(bytes) {
            try analyzeChunk(bytes, lower, upper, &positions, body)
        }
    }

    /// The normalised text of `text`, with its map back to the original bytes.
    public func normalize(_ text: String) -> NormalizedText {
        var copy = text
        var result = NormalizedText()
        copy.withUTF8 { b in normalizer.normalize(b, from: 0, to: b.count, into: &result) }
        return result
    }

    /// The word-stream segmentation of `text` as original UTF-8 byte ranges, punctuation
    /// included and white space left out: what word-segmentation evaluation compares with a gold
    /// standard.
    public func segmentation(_ text: String) throws(ICUError) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        try withUTF8(text) { (b) throws(ICUError) in
            for (lower, upper) in chunks(b) {
                normalizer.normalize(b, from: lower, to: upper, into: &self.text)
                try buildPieces(includePunctuation: true)
                for p in pieces {
                    spans.append(Int(self.text.originalStart[Int(p.start)])..<Int(self.text.originalEnd[Int(p.end) - 1]))
                }
            }
        }
        return spans
    }

    // MARK: The chain

    private func analyzeChunk(
        _ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int,
        _ positions: inout (word: Int, character: Int), _ body: (Token) -> Void
    ) throws(ICUError) {
        normalizer.normalize(bytes, from: lower, to: upper, into: &text)
        guard text.count > 0 else { return }
        try buildPieces(includePunctuation: false)
        encodeTerms()

        // Merge the word stream (pieces) with the character stream (bigrams over Han runs).
        let scalars = text.scalars
        let n = scalars.count
        var p = 0
        var c = 0  // next scalar to consider for the character stream
        var runEnd = -1
        while true {
            // Next character-stream token start: the next Han scalar at or after c.
            while c < n && !ScriptClass.isHan(scalars[c]) { c += 1 }
            let nextWordStart = p < pieces.count ? Int(pieces[p].start) : Int.max
            if c >= n && p >= pieces.count { break }
            if p < pieces.count && nextWordStart <= (c < n ? c : Int.max) {
                let piece = pieces[p]
                body(token(Int(piece.start), Int(piece.end), kind(piece.kind), positions.word))
                positions.word += 1
                p += 1
            } else {
                if runEnd < c {
                    runEnd = c
                    while runEnd < n && ScriptClass.isHan(scalars[runEnd]) { runEnd += 1 }
                }
                if c + 1 < runEnd {
                    body(token(c, c + 2, .bigram, positions.character))
                } else {
                    body(token(c, c + 1, .unigram, positions.character))
                }
                positions.character += 1
                c += 1
            }
        }
    }

    @inline(__always)
    private func kind(_ k: PieceKind) -> TokenKind {
        switch k {
        case .word, .punctuation: return .word
        case .lexicon: return .lexicon
        case .number: return .number
        case .latin: return .latin
        }
    }

    @inline(__always)
    private func token(_ s: Int, _ e: Int, _ kind: TokenKind, _ position: Int) -> Token {
        let term = String(decoding: termBytes[Int(termOffsets[s])..<Int(termOffsets[e])], as: UTF8.self)
        return Token(term: term, kind: kind, position: position, start: Int(text.originalStart[s]), end: Int(text.originalEnd[e - 1]))
    }

    /// UTF-8 of the normalised text, and where each scalar starts in it.
    private func encodeTerms() {
        termBytes.removeAll(keepingCapacity: true)
        termOffsets.removeAll(keepingCapacity: true)
        termBytes.reserveCapacity(text.count * 3)
        termOffsets.reserveCapacity(text.count + 1)
        for c in text.scalars {
            termOffsets.append(Int32(termBytes.count))
            if c < 0x80 {
                termBytes.append(UInt8(c))
            } else if c < 0x800 {
                termBytes.append(UInt8(0xC0 | (c >> 6)))
                termBytes.append(UInt8(0x80 | (c & 0x3F)))
            } else if c < 0x10000 {
                termBytes.append(UInt8(0xE0 | (c >> 12)))
                termBytes.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
                termBytes.append(UInt8(0x80 | (c & 0x3F)))
            } else {
                termBytes.append(UInt8(0xF0 | (c >> 18)))
                termBytes.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
                termBytes.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
                termBytes.append(UInt8(0x80 | (c & 0x3F)))
            }
        }
        termOffsets.append(Int32(termBytes.count))
    }

    /// The word stream of the current normalised text: ICU segments, cut around lexicon matches.
    private func buildPieces(includePunctuation: Bool) throws(ICUError) {
        pieces.removeAll(keepingCapacity: true)
        let n = text.count
        guard n > 0 else { return }

        // UTF-16 for ICU, and the map from UTF-16 index back to scalar index.
        utf16.removeAll(keepingCapacity: true)
        utf16.reserveCapacity(n + 16)
        var supplementary = false
        for c in text.scalars {
            if c < 0x10000 {
                utf16.append(UInt16(c))
            } else {
                supplementary = true
                let v = c - 0x10000
                utf16.append(UInt16(0xD800 + (v >> 10)))
                utf16.append(UInt16(0xDC00 + (v & 0x3FF)))
            }
        }
        if supplementary {
            utf16ToScalar.removeAll(keepingCapacity: true)
            utf16ToScalar.reserveCapacity(utf16.count + 1)
            for (i, c) in text.scalars.enumerated() {
                utf16ToScalar.append(Int32(i))
                if c >= 0x10000 { utf16ToScalar.append(Int32(i)) }
            }
            utf16ToScalar.append(Int32(n))
        }

        // Lexicon matches: leftmost, then longest.
        var matches: [(start: Int, end: Int)] = []
        if !lexicon.isEmpty {
            text.scalars.withUnsafeBufferPointer { s in
                var i = 0
                while i < n {
                    if let m = lexicon.longestMatch(in: s, at: i) {
                        matches.append((i, m.end))
                        i = m.end
                    } else {
                        i += 1
                    }
                }
            }
        }

        var m = 0  // next lexicon match not yet emitted
        var covered = 0  // scalars before this index belong to an emitted lexicon match
        var segmentStart = 0
        let scalars = text.scalars
        let mapsSupplementary = supplementary
        let map = utf16ToScalar
        try utf16.withUnsafeBufferPointer { (buffer) throws(ICUError) in
            try breaker.forEachBoundary(buffer) { end16, segmentKind in
                let end = mapsSupplementary ? Int(map[end16]) : end16
                var s = max(segmentStart, covered)
                segmentStart = end
                let pieceKind: PieceKind
                switch segmentKind {
                case .number: pieceKind = .number
                case .ideographic, .kana: pieceKind = .word
                case .letter: pieceKind = .latin  // refined below
                case .none: pieceKind = .punctuation
                }
                while s < end {
                    if m < matches.count && matches[m].start < end {
                        let match = matches[m]
                        if match.start > s { appendPiece(s, match.start, pieceKind, includePunctuation, scalars) }
                        pieces.append(Piece(start: Int32(match.start), end: Int32(match.end), kind: .lexicon))
                        covered = match.end
                        s = match.end
                        m += 1
                    } else {
                        appendPiece(s, end, pieceKind, includePunctuation, scalars)
                        s = end
                    }
                }
            }
        }
    }

    @inline(__always)
    private func appendPiece(_ s: Int, _ e: Int, _ kind: PieceKind, _ includePunctuation: Bool, _ scalars: [UInt32]) {
        switch kind {
        case .punctuation:
            guard includePunctuation else { return }
            // Split into single non-space scalars (ICU breaks between punctuation anyway).
            for i in s..<e where !Self.isSpace(scalars[i]) {
                pieces.append(Piece(start: Int32(i), end: Int32(i + 1), kind: .punctuation))
            }
        case .latin:
            var allLatin = true
            for i in s..<e where !ScriptClass.isLatinOrDigit(scalars[i]) { allLatin = false; break }
            pieces.append(Piece(start: Int32(s), end: Int32(e), kind: allLatin ? .latin : .word))
        default:
            pieces.append(Piece(start: Int32(s), end: Int32(e), kind: kind))
        }
    }

    @inline(__always)
    private static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF
    }

    /// Cuts `bytes` into pieces of at most about ``chunkLimit`` bytes, at a line break where one
    /// is near, else after a character that is neither Han nor a Latin letter or digit, so no word
    /// or Han run is cut unless a megabyte holds no such character at all.
    private func chunks(_ bytes: UnsafeBufferPointer<UInt8>) -> [(Int, Int)] {
        let total = bytes.count
        guard total > chunkLimit else { return [(0, total)] }
        var result: [(Int, Int)] = []
        var lower = 0
        while lower < total {
            var upper = min(total, lower + chunkLimit)
            if upper < total {
                let floor = lower + chunkLimit / 2
                var cut = -1
                var k = upper
                while k > floor {
                    if bytes[k - 1] == 0x0A { cut = k; break }
                    k -= 1
                }
                if cut < 0 {
                    k = upper
                    while k > floor {
                        if bytes[k] & 0xC0 != 0x80 {  // a scalar starts at k: look at the one before
                            var b = k - 1
                            while b > lower && bytes[b] & 0xC0 == 0x80 { b -= 1 }
                            var previous: UInt32 = 0
                            UTF8Decoding.decode(bytes, from: b, to: k) { c, _, _ in previous = c }
                            if !ScriptClass.isHan(previous) && !ScriptClass.isLatinOrDigit(previous) { cut = k; break }
                            k = b
                            continue
                        }
                        k -= 1
                    }
                }
                if cut < 0 {
                    while upper > lower + 1 && bytes[upper] & 0xC0 == 0x80 { upper -= 1 }
                    cut = upper
                }
                upper = cut
            }
            result.append((lower, upper))
            lower = upper
        }
        return result
    }
}
