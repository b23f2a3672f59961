import CICU

/// An ICU `Normalizer2` instance (NFKC or NFKC_Casefold).
///
/// The instances are ICU singletons: nothing to close, and safe to share between threads.
///
/// ```swift
/// Normalizer.nfkcCasefold.normalize("２０２４ＡＢＣ")  // "2024abc"
/// ```
public struct Normalizer: @unchecked Sendable {
    private let handle: UnsafeRawPointer
    public let name: String

    /// Unicode NFKC: compatibility characters (full-width digits and letters, ideographic space,
    /// CJK compatibility ideographs) to their canonical forms.
    public static let nfkc: Normalizer = {
        var status: Int32 = 0
        let h = yz_normalizer_nfkc(&status)
        precondition(status <= 0 && h != nil, "ICU NFKC data missing: \(ICUError(operation: "unorm2_getNFKCInstance", code: status))")
        return Normalizer(handle: h!, name: "NFKC")
    }()

    /// NFKC followed by full case folding (Unicode NFKC_Casefold).
    public static let nfkcCasefold: Normalizer = {
        var status: Int32 = 0
        let h = yz_normalizer_nfkc_casefold(&status)
        precondition(status <= 0 && h != nil, "ICU NFKC_Casefold data missing: \(ICUError(operation: "unorm2_getNFKCCasefoldInstance", code: status))")
        return Normalizer(handle: h!, name: "NFKC_Casefold")
    }()

    private init(handle: UnsafeRawPointer, name: String) {
        self.handle = handle
        self.name = name
    }

    /// True when `scalar` is unaffected by this normalisation in every context.
    @inline(__always)
    public func isInert(_ scalar: UInt32) -> Bool {
        yz_normalizer_is_inert(handle, Int32(bitPattern: scalar)) != 0
    }

    /// True when text may be cut before `scalar` without changing its normalisation.
    @inline(__always)
    public func hasBoundaryBefore(_ scalar: UInt32) -> Bool {
        yz_normalizer_has_boundary_before(handle, Int32(bitPattern: scalar)) != 0
    }

    /// Normalises UTF-16 code units.
    public func normalize(utf16 source: UnsafeBufferPointer<UInt16>) throws(ICUError) -> [UInt16] {
        var capacity = max(16, source.count * 2)
        while true {
            var status: Int32 = 0
            var output = [UInt16](repeating: 0, count: capacity)
            let length = output.withUnsafeMutableBufferPointer {
                yz_normalizer_normalize(handle, source.baseAddress, Int32(source.count), $0.baseAddress, Int32(capacity), &status)
            }
            if status == bufferOverflowError {
                capacity = Int(length) + 16
                continue
            }
            try ICUError.check(status, "unorm2_normalize(\(name))")
            output.removeSubrange(Int(length)...)
            return output
        }
    }

    /// Normalises a string.
    public func normalize(_ text: String) throws(ICUError) -> String {
        let units = Array(text.utf16)
        let output = try units.withUnsafeBufferPointer { (buffer) throws(ICUError) in try normalize(utf16: buffer) }
        return String(decoding: output, as: UTF16.self)
    }
}

/// Per-BMP-code-point NFKC_Casefold properties, read from ICU once per process: `inert` (never
/// changed, in any context) and `boundaryBefore` (text may be cut before it).
public struct NormalizationFlags: Sendable {
    public static let inert: UInt8 = 1
    public static let boundaryBefore: UInt8 = 2
    public static let shared = NormalizationFlags()

    public let flags: [UInt8]

    private init() {
        let n = Normalizer.nfkcCasefold
        var flags = [UInt8](repeating: 0, count: 0x10000)
        for c in 0..<UInt32(0x10000) {
            var f: UInt8 = 0
            if n.isInert(c) { f |= Self.inert }
            if n.hasBoundaryBefore(c) { f |= Self.boundaryBefore }
            flags[Int(c)] = f
        }
        self.flags = flags
    }
}
