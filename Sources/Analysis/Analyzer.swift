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
    /// Scratch buffers and the normaliser, as one value so that hot loops are checked for
    /// exclusive access at compile time rather than on every element.
    private var chain: Chain

    /// Inputs longer than this are analysed in pieces cut at line breaks (or, failing that, after
    /// punctuation), so working memory stays bounded however long a document is.
    public var chunkLimit = 1 << 20

    /// Opens ICU's word break iterator for `locale`.
    public init(lexicon: Lexicon = .empty, locale: String = "zh", convertsTraditional: Bool = true, removesPinyinAnnotations: Bool = true) throws(ICUError) {
        self.lexicon = lexicon
        self.breaker = try WordBreaker(locale: locale)
        self.chain = Chain(normalizer: TextNormalizer(convertsTraditional: convertsTraditional, removesPinyinAnnotations: removesPinyinAnnotations))
    }

    private init(lexicon: Lexicon, breaker: WordBreaker, normalizer: TextNormalizer) {
        self.lexicon = lexicon
        self.breaker = breaker
        self.chain = Chain(normalizer: normalizer)
    }

    /// An independent analyzer with the same configuration, for another thread.
    public func copy() throws(ICUError) -> Analyzer {
        let a = Analyzer(lexicon: lexicon, breaker: try breaker.copy(), normalizer: TextNormalizer(convertsTraditional: chain.normalizer.convertsTraditional, removesPinyinAnnotations: chain.normalizer.removesPinyinAnnotations))
        a.chunkLimit = chunkLimit
        return a
    }

    // MARK: Public entry points

    /// Tokens of `text`, ordered by start offset (word-stream tokens before character-stream
    /// tokens at the same offset). Offsets are UTF-8 byte offsets into `text`.
    public func analyze(_ text: String) throws(ICUError) -> [Token] {
        try withUTF8(text) { (b) throws(ICUError) in try analyze(utf8: b) }
    }

    /// Tokens of raw UTF-8 bytes; invalid sequences become U+FFFD and offsets stay byte offsets
    /// into `bytes`.
    public func analyze(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 2)
        try forEachToken(utf8: bytes) { tokens.append($0.token) }
        return tokens
    }

    /// Calls `body` with a view of each token of `bytes`, in the order of ``analyze(_:)``,
    /// without allocating: the indexer's entry point. The view's term bytes are valid only during
    /// the call, and `body` must not use this analyzer.
    public func forEachToken(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (TokenView) -> Void) throws(ICUError) {
        var positions = Chain.Positions()
        for (lower, upper) in chunks(bytes) {
            try chain.analyze(bytes, lower, upper, breaker: breaker, lexicon: lexicon, positions: &positions, body)
        }
    }

    /// ``forEachToken(utf8:_:)``, also appending the normalised text to `normalized` (chunk by
    /// chunk, as analysed): what the linker and the detector read, so the indexer normalises a
    /// document once instead of three times.
    public func forEachToken(utf8 bytes: UnsafeBufferPointer<UInt8>, normalizedInto normalized: inout NormalizedText,
                             _ body: (TokenView) -> Void) throws(ICUError) {
        var positions = Chain.Positions()
        normalized.removeAll()
        for (lower, upper) in chunks(bytes) {
            try chain.analyze(bytes, lower, upper, breaker: breaker, lexicon: lexicon, positions: &positions, body)
            normalized.append(contentsOf: chain.text)
        }
    }

    /// The normalised text of `text`, with its map back to the original bytes.
    public func normalize(_ text: String) -> NormalizedText {
        var copy = text
        var result = NormalizedText()
        copy.withUTF8 { b in chain.normalizer.normalize(b, from: 0, to: b.count, into: &result) }
        return result
    }

    /// The word-stream segmentation of `text` as original UTF-8 byte ranges, punctuation
    /// included and white space left out: what word-segmentation evaluation compares with a gold
    /// standard.
    public func segmentation(_ text: String) throws(ICUError) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        try withUTF8(text) { (b) throws(ICUError) in
            for (lower, upper) in chunks(b) {
                try chain.segmentation(b, lower, upper, breaker: breaker, lexicon: lexicon, into: &spans)
            }
        }
        return spans
    }

    /// Runs `body` over the UTF-8 bytes of `text`, keeping the typed error.
    private func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(ICUError) -> R) throws(ICUError) -> R {
        var copy = text
        let result: Result<R, ICUError> = copy.withUTF8 { b in Result { () throws(ICUError) -> R in try body(b) } }
        return try result.get()
    }

    /// Cuts `bytes` into pieces of at most about ``chunkLimit`` bytes, at a line break where one
    /// is near, else after a character that is neither Han nor a Latin letter or digit, so no word
    /// or Han run is cut unless half a chunk holds no such character at all.
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

/// A token as the chain produces it, before any allocation. ``termUTF8`` points into the
/// analyzer's scratch memory and is valid only inside the callback that received the view.
public struct TokenView {
    public var kind: TokenKind
    public var position: Int
    public var start: Int
    public var end: Int
    /// The normalised term as UTF-8 bytes.
    public var termUTF8: UnsafeBufferPointer<UInt8>

    /// The term as a string (allocates only for terms over 15 bytes).
    public var term: String { String(decoding: termUTF8, as: UTF8.self) }

    /// An owned copy.
    public var token: Token { Token(term: term, kind: kind, position: position, start: start, end: end) }
}

/// The per-call stages after normalisation: segmentation, lexicon, bigrams, and the merge of
/// the word and character streams.
struct Chain {
    struct Positions {
        var word = 0
        var character = 0
    }

    /// One span of the word stream, in normalised-scalar indices.
    struct Piece {
        var start: Int32
        var end: Int32
        var kind: PieceKind
    }

    enum PieceKind: UInt8 { case word, lexicon, number, latin, punctuation }

    var normalizer: TextNormalizer
    var text = NormalizedText()
    var utf16: [UInt16] = []
    var utf16ToScalar: [Int32] = []
    var termBytes: [UInt8] = []
    var termOffsets: [Int32] = []
    var pieces: [Piece] = []
    var matches: [(start: Int, end: Int)] = []

    init(normalizer: TextNormalizer) {
        self.normalizer = normalizer
    }

    mutating func segmentation(
        _ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int, breaker: WordBreaker, lexicon: Lexicon,
        into spans: inout [Range<Int>]
    ) throws(ICUError) {
        normalizer.normalize(bytes, from: lower, to: upper, into: &text)
        try buildPieces(breaker: breaker, lexicon: lexicon, includePunctuation: true)
        for p in pieces {
            spans.append(Int(text.originalStart[Int(p.start)])..<Int(text.originalEnd[Int(p.end) - 1]))
        }
    }

    mutating func analyze(
        _ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int, breaker: WordBreaker, lexicon: Lexicon,
        positions: inout Positions, _ body: (TokenView) -> Void
    ) throws(ICUError) {
        normalizer.normalize(bytes, from: lower, to: upper, into: &text)
        guard text.count > 0 else { return }
        try buildPieces(breaker: breaker, lexicon: lexicon, includePunctuation: false)
        encodeTerms()

        // Merge the word stream (pieces) with the character stream (bigrams over Han runs).
        let n = text.count
        text.scalars.withUnsafeBufferPointer { scalars in
        text.originalStart.withUnsafeBufferPointer { originalStart in
        text.originalEnd.withUnsafeBufferPointer { originalEnd in
        termOffsets.withUnsafeBufferPointer { termOffsets in
        termBytes.withUnsafeBufferPointer { termBytes in
        pieces.withUnsafeBufferPointer { pieces in
            @inline(__always)
            func view(_ s: Int, _ e: Int, _ kind: TokenKind, _ position: Int) -> TokenView {
                let a = Int(termOffsets[s]), b = Int(termOffsets[e])
                return TokenView(
                    kind: kind, position: position, start: Int(originalStart[s]), end: Int(originalEnd[e - 1]),
                    termUTF8: UnsafeBufferPointer(rebasing: termBytes[a..<b]))
            }
            var p = 0
            var c = 0  // next scalar to consider for the character stream
            var runEnd = -1
            while true {
                while c < n && !ScriptClass.isHan(scalars[c]) { c += 1 }
                if c >= n && p >= pieces.count { break }
                if p < pieces.count && Int(pieces[p].start) <= c {
                    let piece = pieces[p]
                    body(view(Int(piece.start), Int(piece.end), Self.tokenKind(piece.kind), positions.word))
                    positions.word += 1
                    p += 1
                } else {
                    if runEnd < c {
                        runEnd = c
                        while runEnd < n && ScriptClass.isHan(scalars[runEnd]) { runEnd += 1 }
                    }
                    if c + 1 < runEnd {
                        body(view(c, c + 2, .bigram, positions.character))
                    } else {
                        body(view(c, c + 1, .unigram, positions.character))
                    }
                    positions.character += 1
                    c += 1
                }
            }
        }}}}}}
    }

    @inline(__always)
    static func tokenKind(_ k: PieceKind) -> TokenKind {
        switch k {
        case .word, .punctuation: return .word
        case .lexicon: return .lexicon
        case .number: return .number
        case .latin: return .latin
        }
    }

    /// UTF-8 of the normalised text, and where each scalar starts in it.
    mutating func encodeTerms() {
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
    mutating func buildPieces(breaker: WordBreaker, lexicon: Lexicon, includePunctuation: Bool) throws(ICUError) {
        pieces.removeAll(keepingCapacity: true)
        matches.removeAll(keepingCapacity: true)
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
        if !lexicon.isEmpty {
            let trie = lexicon.trie
            text.scalars.withUnsafeBufferPointer { s in
                var i = 0
                while i < n {
                    if let m = trie.longestMatch(in: s, at: i) {
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
        var pieces = self.pieces
        self.pieces = []
        defer { self.pieces = pieces }
        let found = self.matches
        var breakerError: ICUError? = nil
        text.scalars.withUnsafeBufferPointer { scalars in
        utf16ToScalar.withUnsafeBufferPointer { map in
            utf16.withUnsafeBufferPointer { (buffer) in
                do {
                    try breaker.forEachBoundary(buffer) { (end16: Int, segmentKind: WordBreaker.SegmentKind) -> Void in
                        let end = supplementary ? Int(map[end16]) : end16
                        var s = max(segmentStart, covered)
                        segmentStart = end
                        let pieceKind: PieceKind
                        switch segmentKind {
                        case .number: pieceKind = .number
                        case .ideographic, .kana: pieceKind = .word
                        case .letter: pieceKind = .latin  // refined in appendPiece
                        case .none: pieceKind = .punctuation
                        }
                        while s < end {
                            if m < found.count && found[m].start < end {
                                let match = found[m]
                                if match.start > s { Self.appendPiece(&pieces, s, match.start, pieceKind, includePunctuation, scalars) }
                                pieces.append(Piece(start: Int32(match.start), end: Int32(match.end), kind: .lexicon))
                                covered = match.end
                                s = match.end
                                m += 1
                            } else {
                                Self.appendPiece(&pieces, s, end, pieceKind, includePunctuation, scalars)
                                s = end
                            }
                        }
                    }
                } catch let error as ICUError {
                    breakerError = error
                } catch {
                    preconditionFailure("WordBreaker throws ICUError only")
                }
            }
        }}
        if let breakerError { throw breakerError }
    }

    @inline(__always)
    static func appendPiece(_ pieces: inout [Piece], _ s: Int, _ e: Int, _ kind: PieceKind, _ includePunctuation: Bool, _ scalars: UnsafeBufferPointer<UInt32>) {
        switch kind {
        case .punctuation:
            guard includePunctuation else { return }
            // Split into single non-space scalars (ICU breaks between punctuation anyway).
            for i in s..<e where !isSpace(scalars[i]) {
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
    static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF
    }
}
