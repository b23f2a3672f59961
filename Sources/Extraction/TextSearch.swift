import Foundation

/// Fast substring tests and precompiled patterns. Foundation's `contains` and
/// `range(of:options: .regularExpression)` bridge to NSString (and compile the pattern on each
/// call): they took over half of plain-text extraction time.
enum TextSearch {
    /// Whether `haystack` contains `needle`, comparing UTF-8 bytes.
    static func contains(_ haystack: some StringProtocol, _ needle: String) -> Bool {
        var h = String(haystack)
        var n = needle
        return h.withUTF8 { hb in
            n.withUTF8 { nb in
                guard nb.count > 0 else { return true }
                guard hb.count >= nb.count else { return false }
                let first = nb[0], n = nb.count, last = hb.count - n
                var i = 0
                while i <= last {
                    if hb[i] == first && memcmp(hb.baseAddress! + i, nb.baseAddress!, n) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether `haystack` contains any of `needles`.
    static func containsAny(_ haystack: some StringProtocol, _ needles: [String]) -> Bool {
        let h = String(haystack)
        return needles.contains { contains(h, $0) }
    }

    /// A compiled regular expression, for patterns used per line.
    struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        init(_ pattern: String) { regex = try! NSRegularExpression(pattern: pattern) }

        func matches(_ text: some StringProtocol) -> Bool {
            let s = String(text)
            return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }

        /// The first match as a range of `text`.
        func firstRange(in text: String) -> Range<String.Index>? {
            guard let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            return Range(m.range, in: text)
        }

        func replacing(in text: String, with template: String) -> String {
            regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
    }
}

/// A set of BMP scalars as a bitmap (8 KiB): a membership test with no hashing, for loops that
/// look at every scalar of a text and rarely find one of interest.
public struct ScalarBits: Sendable {
    @usableFromInline var words = [UInt64](repeating: 0, count: 0x10000 / 64)

    public init(_ scalars: some Sequence<UInt32>) {
        for v in scalars where v < 0x10000 { words[Int(v >> 6)] |= 1 << UInt64(v & 63) }
    }

    /// Whether `v` may be in the set: false is certain; scalars beyond the BMP always answer true.
    @inlinable @inline(__always)
    public func mayContain(_ v: UInt32) -> Bool {
        v >= 0x10000 || words[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
    }
}
