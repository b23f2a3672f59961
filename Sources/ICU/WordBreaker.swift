import CICU

/// An ICU word break iterator (`ubrk`, word rules, dictionary-based for Han and Thai).
///
/// Owns its ICU handle and closes it on deinit. Not thread-safe: use one per thread, made with
/// ``copy()`` (which clones the opened iterator instead of reloading the dictionaries).
///
/// ```swift
/// let breaker = try WordBreaker(locale: "zh")
/// let segments = try breaker.segment(Array("负面清单".utf16))
/// ```
public final class WordBreaker {
    /// What ICU says about the segment ending at a boundary (`ubrk_getRuleStatus` ranges).
    public enum SegmentKind: Sendable, Equatable {
        /// Spaces, punctuation and symbols (UBRK_WORD_NONE).
        case none
        /// Numbers (UBRK_WORD_NUMBER).
        case number
        /// Letters other than kana and ideographs (UBRK_WORD_LETTER).
        case letter
        /// Kana (UBRK_WORD_KANA).
        case kana
        /// Ideographs (UBRK_WORD_IDEO).
        case ideographic

        init(ruleStatus: Int32) {
            switch ruleStatus {
            case 100..<200: self = .number
            case 200..<300: self = .letter
            case 300..<400: self = .kana
            case 400..<500: self = .ideographic
            default: self = .none
            }
        }
    }

    /// One segment: UTF-16 offsets `[start, end)` into the text given to ``segment(_:)``.
    public struct Segment: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var kind: SegmentKind
    }

    private let handle: UnsafeMutableRawPointer
    public let locale: String
    private var boundaries: [Int32] = []
    private var statuses: [Int32] = []

    public init(locale: String = "zh") throws(ICUError) {
        var status: Int32 = 0
        let opened = yz_wordbreak_open(locale, &status)
        try ICUError.check(status, "ubrk_open(word, \(locale))")
        guard let opened else { throw ICUError(operation: "ubrk_open(word, \(locale))", code: status) }
        self.handle = opened
        self.locale = locale
    }

    private init(handle: UnsafeMutableRawPointer, locale: String) {
        self.handle = handle
        self.locale = locale
    }

    deinit { yz_wordbreak_close(handle) }

    /// An independent iterator with the same rules, for use on another thread.
    public func copy() throws(ICUError) -> WordBreaker {
        var status: Int32 = 0
        let cloned = yz_wordbreak_clone(handle, &status)
        try ICUError.check(status, "ubrk_clone")
        guard let cloned else { throw ICUError(operation: "ubrk_clone", code: status) }
        return WordBreaker(handle: cloned, locale: locale)
    }

    /// Calls `body` with the end offset and rule-status kind of every segment of `text`, in order.
    /// Segment `i` runs from the previous end (or 0) to its end. No per-segment allocation.
    public func forEachBoundary(
        _ text: UnsafeBufferPointer<UInt16>, _ body: (Int, SegmentKind) -> Void
    ) throws(ICUError) {
        guard text.count > 0 else { return }
        if boundaries.count < text.count {
            boundaries = [Int32](repeating: 0, count: text.count)
            statuses = [Int32](repeating: 0, count: text.count)
        }
        var status: Int32 = 0
        let count = boundaries.withUnsafeMutableBufferPointer { b in
            statuses.withUnsafeMutableBufferPointer { s in
                yz_wordbreak_segment(
                    handle, text.baseAddress, Int32(text.count), b.baseAddress, s.baseAddress,
                    Int32(b.count), &status)
            }
        }
        try ICUError.check(status, "ubrk_setText")
        for i in 0..<Int(count) {
            body(Int(boundaries[i]), SegmentKind(ruleStatus: statuses[i]))
        }
    }

    /// Every segment of `text` (UTF-16), spaces and punctuation included.
    public func segment(_ text: [UInt16]) throws(ICUError) -> [Segment] {
        var result: [Segment] = []
        var start = 0
        try text.withUnsafeBufferPointer { (buffer) throws(ICUError) in
            try forEachBoundary(buffer) { end, kind in
                result.append(Segment(start: start, end: end, kind: kind))
                start = end
            }
        }
        return result
    }
}
