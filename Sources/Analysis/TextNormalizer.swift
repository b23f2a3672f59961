import ICU

/// The character filters of the analysis chain, in order, each keeping the offset map:
///
/// 1. UTF-8 decoding (invalid bytes become U+FFFD covering them);
/// 2. NFKC with case folding (`NFKC_Casefold`): full-width digits and letters to ASCII, ideographic
///    space to space, compatibility ideographs to unified ones, `ABC` to `abc`;
/// 3. Traditional → Simplified, with ICU's `Traditional-Simplified` mappings
///    (``TraditionalSimplifiedTable``);
/// 4. quotes to `"` and `'`, dashes to `-`;
/// 5. removal of injected pinyin annotations, `對(duì)` → `对` (``PinyinAnnotation``).
///
/// A value type so that its scratch buffers are checked for exclusive access at compile time, not
/// on every element; each ``Analyzer`` owns one.
struct TextNormalizer {
    var convertsTraditional: Bool
    var removesPinyinAnnotations: Bool

    private let casefold = Normalizer.nfkcCasefold
    private let flags = NormalizationFlags.shared.flags
    private let simplified = TraditionalSimplifiedTable.bmp
    /// NFKC_Casefold of single BMP code points that are not inert, filled on demand.
    private var singleCache: [UInt32: [UInt32]] = [:]
    private var decoded: [UInt32] = []
    private var decodedStart: [Int32] = []
    private var decodedEnd: [Int32] = []
    private var scratch: [UInt16] = []

    init(convertsTraditional: Bool = true, removesPinyinAnnotations: Bool = true) {
        self.convertsTraditional = convertsTraditional
        self.removesPinyinAnnotations = removesPinyinAnnotations
    }

    /// Normalises `bytes[lower..<upper]` into `output` (cleared first). Offsets are absolute.
    mutating func normalize(_ bytes: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int, into output: inout NormalizedText) {
        output.removeAll()
        decoded.removeAll(keepingCapacity: true)
        decodedStart.removeAll(keepingCapacity: true)
        decodedEnd.removeAll(keepingCapacity: true)
        let expected = (upper - lower) / 2 + 8
        decoded.reserveCapacity(expected)
        decodedStart.reserveCapacity(expected)
        decodedEnd.reserveCapacity(expected)
        output.reserve(expected)
        UTF8Decoding.decode(bytes, from: lower, to: upper) { scalar, s, e in
            decoded.append(scalar)
            decodedStart.append(Int32(truncatingIfNeeded: s))
            decodedEnd.append(Int32(truncatingIfNeeded: e))
        }
        let n = decoded.count
        let flags = self.flags, simplified = self.simplified, convert = convertsTraditional, casefold = self.casefold
        var i = 0
        while i < n {
            let c = decoded[i]
            // ASCII followed by ASCII (or the end) cannot compose: case folding is all that happens.
            if c < 0x80 && (i + 1 == n || decoded[i + 1] < 0x80) {
                let folded = (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c
                output.append(folded, decodedStart[i], decodedEnd[i])
                i += 1
                continue
            }
            if c < 0x10000 && flags[Int(c)] & NormalizationFlags.inert != 0 {
                Self.emit(c, decodedStart[i], decodedEnd[i], convert, simplified, into: &output)
                i += 1
                continue
            }
            // A normalisation segment: up to the next code point that starts a new one.
            var j = i + 1
            while j < n && !Self.hasBoundaryBefore(decoded[j], flags, casefold) { j += 1 }
            let start = decodedStart[i], end = decodedEnd[j - 1]
            if j == i + 1 && c < 0x10000 {
                let mapped = single(c)
                for m in mapped { Self.emit(m, start, end, convert, simplified, into: &output) }
            } else {
                for m in normalizeSegment(i, j) { Self.emit(m, start, end, convert, simplified, into: &output) }
            }
            i = j
        }
        if removesPinyinAnnotations { PinyinAnnotation.remove(from: &output) }
    }

    @inline(__always)
    private static func hasBoundaryBefore(_ c: UInt32, _ flags: [UInt8], _ casefold: Normalizer) -> Bool {
        if c < 0x10000 { return flags[Int(c)] & NormalizationFlags.boundaryBefore != 0 }
        return casefold.hasBoundaryBefore(c)
    }

    @inline(__always)
    private static func emit(_ c: UInt32, _ start: Int32, _ end: Int32, _ convert: Bool, _ simplified: [UInt16], into output: inout NormalizedText) {
        var c = c
        if convert && c >= 0x3400 && c < 0x10000 {
            let m = simplified[Int(c)]
            if m != 0 { c = UInt32(m) }
        }
        output.append(PunctuationFolding.fold(c), start, end)
    }

    private mutating func single(_ c: UInt32) -> [UInt32] {
        if let hit = singleCache[c] { return hit }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(UInt16(c))
        let result = normalizeScratch()
        singleCache[c] = result
        return result
    }

    private mutating func normalizeSegment(_ i: Int, _ j: Int) -> [UInt32] {
        scratch.removeAll(keepingCapacity: true)
        for k in i..<j {
            let c = decoded[k]
            if c < 0x10000 {
                scratch.append(UInt16(c))
            } else {
                let v = c - 0x10000
                scratch.append(UInt16(0xD800 + (v >> 10)))
                scratch.append(UInt16(0xDC00 + (v & 0x3FF)))
            }
        }
        return normalizeScratch()
    }

    private mutating func normalizeScratch() -> [UInt32] {
        let units: [UInt16]
        do {
            units = try scratch.withUnsafeBufferPointer { (b) throws(ICUError) in try casefold.normalize(utf16: b) }
        } catch {
            // ICU only fails here on missing data, which Normalizer.nfkcCasefold already checked;
            // fall back to the unnormalised text rather than losing it.
            units = scratch
        }
        var out: [UInt32] = []
        out.reserveCapacity(units.count)
        for scalar in String(decoding: units, as: UTF16.self).unicodeScalars {
            out.append(scalar.value)
        }
        return out
    }
}

/// Quotes to ASCII `"` and `'`, dashes to `-` (统一引号与破折号).
enum PunctuationFolding {
    @inline(__always)
    static func fold(_ c: UInt32) -> UInt32 {
        guard c >= 0x2010 else { return c }
        switch c {
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x301D, 0x301E, 0x301F, 0x300C, 0x300D, 0x300E, 0x300F, 0xFF02:
            return 0x22  // “ ” „ ‟ 〝 〞 〟 「 」 『 』 ＂
        case 0x2018, 0x2019, 0x201A, 0x201B, 0xFF07:
            return 0x27  // ‘ ’ ‚ ‛ ＇
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D:
            return 0x2D  // ‐ ‑ ‒ – — ― − ⸺ ⸻ ﹘ ﹣ －
        default:
            return c
        }
    }
}
