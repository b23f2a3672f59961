import CICU

/// An ICU transliterator (`utrans`), e.g. `"Traditional-Simplified"`.
///
/// Owns its handle. ICU transliterators are rule-based and slow; the analysis chain uses
/// ``TraditionalSimplifiedTable`` (generated from this transliterator) on its hot path and this
/// type to verify and regenerate that table.
///
/// ```swift
/// let t = try Transliterator(id: "Traditional-Simplified")
/// try t.transliterate("負面清單")  // "负面清单"
/// ```
public final class Transliterator {
    private let handle: UnsafeMutableRawPointer
    public let id: String

    public init(id: String) throws(ICUError) {
        let units = Array(id.utf16)
        var status: Int32 = 0
        let opened = units.withUnsafeBufferPointer {
            yz_transliterator_open($0.baseAddress, Int32($0.count), &status)
        }
        try ICUError.check(status, "utrans_openU(\(id))")
        guard let opened else { throw ICUError(operation: "utrans_openU(\(id))", code: status) }
        self.handle = opened
        self.id = id
    }

    deinit { yz_transliterator_close(handle) }

    public func transliterate(_ text: String) throws(ICUError) -> String {
        let units = Array(text.utf16)
        var capacity = units.count * 2 + 16
        while true {
            var buffer = units + [UInt16](repeating: 0, count: capacity - units.count)
            var status: Int32 = 0
            let length = buffer.withUnsafeMutableBufferPointer {
                yz_transliterator_apply(handle, $0.baseAddress, Int32(units.count), Int32(capacity), &status)
            }
            if status == bufferOverflowError {
                capacity = Int(length) * 2 + 16
                continue
            }
            try ICUError.check(status, "utrans_transUChars(\(id))")
            return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
        }
    }
}

/// Traditional → Simplified, one code point to one code point, as a table generated from ICU's
/// `Traditional-Simplified` transliterator by `tools/gen-t2s-table.c`. Every mapping ICU makes is
/// from a BMP ideograph to a BMP ideograph, so a 64 Ki-entry array answers in one load.
public enum TraditionalSimplifiedTable {
    /// The ICU version the table was generated from.
    public static var generatedWithICU: String { String(cString: yz_t2s_icu_version()) }

    /// All (traditional, simplified) pairs, sorted by the traditional code point.
    public static var pairs: [(traditional: UInt32, simplified: UInt32)] {
        (0..<yz_t2s_count()).map { (yz_t2s_traditional($0), yz_t2s_simplified($0)) }
    }

    /// 64 Ki entries; 0 where the BMP code point is unchanged.
    public static let bmp: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for i in 0..<yz_t2s_count() {
            let from = yz_t2s_traditional(i), to = yz_t2s_simplified(i)
            precondition(from < 0x10000 && to < 0x10000, "t2s table holds BMP pairs only; regenerate it")
            table[Int(from)] = UInt16(to)
        }
        return table
    }()

    /// The Simplified form of `scalar`, or `scalar` itself.
    @inline(__always)
    public static func simplified(_ scalar: UInt32) -> UInt32 {
        guard scalar >= 0x3400 && scalar < 0x10000 else { return scalar }
        let mapped = bmp[Int(scalar)]
        return mapped == 0 ? scalar : UInt32(mapped)
    }
}
