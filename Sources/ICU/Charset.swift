import CICU

/// ICU charset detection (`ucsdet`). Owns its detector; not thread-safe (one per thread).
///
/// ```swift
/// let guesses = try CharsetDetector().detect(bytes)  // [("GB18030", 100), ("UTF-8", 10), …]
/// ```
public final class CharsetDetector {
    /// One candidate charset with ICU's confidence (0–100).
    public struct Match: Sendable, Equatable {
        public var name: String
        public var confidence: Int
    }

    private let handle: UnsafeMutableRawPointer

    public init() throws(ICUError) {
        var status: Int32 = 0
        let opened = yz_charset_detector_open(&status)
        try ICUError.check(status, "ucsdet_open")
        guard let opened else { throw ICUError(operation: "ucsdet_open", code: status) }
        handle = opened
    }

    deinit { yz_charset_detector_close(handle) }

    /// Candidates for `bytes`, best first (at most `limit`). ICU looks at the bytes given; pass a
    /// prefix (e.g. 64 KiB) for large files.
    public func detect(_ bytes: some Collection<UInt8>, limit: Int = 8) throws(ICUError) -> [Match] {
        let input = Array(bytes)
        guard !input.isEmpty else { return [] }
        let nameCapacity = 64
        var names = [CChar](repeating: 0, count: nameCapacity * limit)
        var confidences = [Int32](repeating: 0, count: limit)
        var status: Int32 = 0
        let count = input.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                yz_charset_detect(handle, chars.baseAddress, Int32(chars.count), &names, Int32(nameCapacity), &confidences, Int32(limit), &status)
            }
        }
        try ICUError.check(status, "ucsdet_detectAll")
        return (0..<Int(count)).map { i in
            let name = names[(i * nameCapacity)..<((i + 1) * nameCapacity)].withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return Match(name: name, confidence: Int(confidences[i]))
        }
    }
}

/// Conversion from a legacy charset (GB18030, GBK, Big5, UTF-16LE, …) to Unicode with ICU (`ucnv`).
public enum CharsetConverter {
    /// The converted text and what could not be converted.
    public struct Result: Sendable, Equatable {
        /// The text; invalid or unmappable input became U+FFFD.
        public var text: String
        /// How many invalid or unmappable sequences were replaced.
        public var invalidCount: Int
        /// Byte offsets into the input of the first (up to 32) replaced sequences.
        public var invalidOffsets: [Int]
    }

    /// Converts `bytes` from `charset` (an ICU converter name or alias) to a Swift string.
    /// Throws when ICU does not know the charset; never throws for bad bytes.
    public static func decode(_ bytes: some Collection<UInt8>, charset: String) throws(ICUError) -> Result {
        let input = Array(bytes)
        var capacity = input.count + 16
        let offsetsCapacity = 32
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            var offsets = [Int32](repeating: 0, count: offsetsCapacity)
            var invalid: Int32 = 0
            var status: Int32 = 0
            let length = input.withUnsafeBufferPointer { raw in
                raw.withMemoryRebound(to: CChar.self) { chars in
                    yz_convert_to_utf16(charset, chars.baseAddress, Int32(chars.count), &output, Int32(capacity), &invalid, &offsets, Int32(offsetsCapacity), &status)
                }
            }
            if status == bufferOverflowError {
                capacity = Int(length)
                continue
            }
            try ICUError.check(status, "ucnv_toUnicode(\(charset))")
            let text = String(decoding: output[0..<Int(length)], as: UTF16.self)
            return Result(text: text, invalidCount: Int(invalid), invalidOffsets: offsets[0..<min(Int(invalid), offsetsCapacity)].map(Int.init))
        }
    }
}
