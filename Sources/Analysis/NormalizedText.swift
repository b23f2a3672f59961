/// Text after normalisation, with an offset map back to the original.
///
/// `scalars[i]` came from original UTF-8 bytes `originalStart[i] ..< originalEnd[i]`. Several
/// normalised scalars may share one original range (a compatibility character that expands), and
/// original bytes may map to no scalar at all (a removed pinyin annotation).
public struct NormalizedText: Equatable, Sendable {
    public internal(set) var scalars: [UInt32] = []
    public internal(set) var originalStart: [Int32] = []
    public internal(set) var originalEnd: [Int32] = []

    public init() {}

    @inline(__always)
    mutating func append(_ scalar: UInt32, _ start: Int32, _ end: Int32) {
        scalars.append(scalar)
        originalStart.append(start)
        originalEnd.append(end)
    }

    mutating func append(contentsOf other: NormalizedText) {
        scalars.append(contentsOf: other.scalars)
        originalStart.append(contentsOf: other.originalStart)
        originalEnd.append(contentsOf: other.originalEnd)
    }

    mutating func reserve(_ n: Int) {
        scalars.reserveCapacity(n)
        originalStart.reserveCapacity(n)
        originalEnd.reserveCapacity(n)
    }

    mutating func removeAll() {
        scalars.removeAll(keepingCapacity: true)
        originalStart.removeAll(keepingCapacity: true)
        originalEnd.removeAll(keepingCapacity: true)
    }

    public var count: Int { scalars.count }

    /// The normalised text as a string.
    public var string: String {
        var s = String.UnicodeScalarView()
        for v in scalars { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }
}

/// Script classes the chain cares about.
enum ScriptClass {
    /// Han ideographs, including Extensions A–I, compatibility ideographs and 〇.
    @inline(__always)
    static func isHan(_ c: UInt32) -> Bool {
        if c < 0x3007 { return false }
        if c >= 0x4E00 && c <= 0x9FFF { return true }
        return c == 0x3007
            || (c >= 0x3400 && c <= 0x4DBF)
            || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0x20000 && c <= 0x323AF)
    }

    /// ASCII letters and digits (after case folding, lowercase only appears).
    @inline(__always)
    static func isASCIIAlphanumeric(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
    }

    /// Latin letters (Basic Latin to Latin Extended-B, and Latin Extended Additional).
    @inline(__always)
    static func isLatinOrDigit(_ c: UInt32) -> Bool {
        isASCIIAlphanumeric(c) || (c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF)
    }
}
