import Foundation
import ICU

/// Bytes of a text file to a Swift string: BOMs, UTF-8, and legacy Chinese charsets through ICU.
///
/// Order of evidence: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides; else bytes that are valid
/// UTF-8 are UTF-8; else a charset the caller declares (an HTML `<meta charset>`) if it decodes
/// cleanly; else ICU's detector, keeping the candidate with the fewest invalid sequences. Invalid
/// sequences become U+FFFD and each is reported with its byte offset; decoding never fails on
/// content, only on a file that is not text at all.
public enum TextDecoding {
    public struct Decoded: Sendable {
        public var text: String
        /// The charset used, by ICU's name.
        public var encoding: String
        public var warnings: [ExtractionWarning]
    }

    /// Charsets tried for Chinese text when ICU's detector is unsure.
    static let chineseCandidates = ["GB18030", "Big5", "UTF-16LE", "UTF-16BE"]

    /// Decodes `bytes`; `declared` is a charset named by the file itself (HTML meta), if any.
    public static func decode(_ bytes: [UInt8], declared: String? = nil, path: String) throws(ExtractionError) -> Decoded {
        if bytes.isEmpty { return Decoded(text: "", encoding: "UTF-8", warnings: []) }
        if let (bom, charset) = byteOrderMark(bytes) {
            return convert(Array(bytes[bom...]), charset: charset, offsetBase: bom, warnings: [])
        }
        if looksBinary(bytes) {
            throw ExtractionError(path: path, offset: firstNUL(bytes), reason: "binary content (NUL bytes) in a text file",
                                  hint: "check the file type; rename it if it is not text, or convert it to UTF-8")
        }
        var warnings: [ExtractionWarning] = []
        if let text = String(validating: bytes, as: UTF8.self) {
            if let declared, !isUTF8Name(declared) {
                warnings.append(ExtractionWarning(code: "charset-overridden", message: "declared \(declared) but the bytes are valid UTF-8; read as UTF-8"))
            }
            return Decoded(text: text, encoding: "UTF-8", warnings: warnings)
        }
        var candidates: [String] = []
        if let declared, !isUTF8Name(declared) { candidates.append(canonical(declared)) }
        let sample = Array(bytes.prefix(64 * 1024))
        if let detector = try? CharsetDetector(), let matches = try? detector.detect(sample) {
            for m in matches where m.confidence >= 10 && isPlausible(m.name) { candidates.append(canonical(m.name)) }
        }
        candidates += chineseCandidates
        candidates.append("UTF-8")  // with replacements: the last resort
        // Each candidate decodes a sample; the fewest replacements wins, then the fewest characters
        // that are neither Chinese, ASCII nor common punctuation (UTF-16 read from GBK bytes gives
        // Hangul and symbols); remaining ties go to the earlier candidate (declared, then ICU's).
        var best: (charset: String, score: Int)?
        var seen = Set<String>()
        for charset in candidates where seen.insert(charset).inserted {
            guard let result = try? CharsetConverter.decode(sample, charset: charset) else { continue }
            let score = result.invalidCount * 1000 + unlikelyCharacters(result.text)
            if best == nil || score < best!.score { best = (charset, score) }
        }
        let charset = best?.charset ?? "UTF-8"
        if let declared, !isUTF8Name(declared), canonical(declared) != charset {
            warnings.append(ExtractionWarning(code: "charset-overridden", message: "declared \(declared) but the bytes decode as \(charset); read as \(charset)"))
        }
        return convert(bytes, charset: charset, offsetBase: 0, warnings: warnings)
    }

    private static func convert(_ bytes: [UInt8], charset: String, offsetBase: Int, warnings: [ExtractionWarning]) -> Decoded {
        var warnings = warnings
        if charset == "UTF-8", let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, encoding: charset, warnings: warnings)
        }
        guard let result = try? CharsetConverter.decode(bytes, charset: charset) else {
            let text = String(decoding: bytes, as: UTF8.self)
            warnings.append(ExtractionWarning(code: "charset-unknown", message: "ICU cannot convert \(charset); read as UTF-8 with replacements"))
            return Decoded(text: text, encoding: "UTF-8", warnings: warnings)
        }
        if result.invalidCount > 0 {
            let shown = result.invalidOffsets.prefix(5).map { String($0 + offsetBase) }.joined(separator: ", ")
            warnings.append(ExtractionWarning(
                code: "invalid-bytes",
                message: "\(result.invalidCount) invalid or unmappable \(charset) sequence(s) replaced with U+FFFD (first at byte \(shown))",
                offset: result.invalidOffsets.first.map { $0 + offsetBase }))
        }
        var text = result.text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return Decoded(text: text, encoding: charset, warnings: warnings)
    }

    /// Characters unlikely in Chinese documents: not Han, ASCII, CJK or general punctuation.
    static func unlikelyCharacters(_ text: String) -> Int {
        var n = 0
        for u in text.unicodeScalars {
            let v = u.value
            let likely = v < 0x80 || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFFEF)
                || (v >= 0x2000 && v <= 0x206F) || (v >= 0x3400 && v <= 0x4DBF) || v == 0xB7 || v == 0xD7
            if !likely { n += 1 }
        }
        return n
    }

    static func byteOrderMark(_ b: [UInt8]) -> (Int, String)? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return (3, "UTF-8") }
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (4, "UTF-32LE") }
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (4, "UTF-32BE") }
        if b.starts(with: [0xFF, 0xFE]) { return (2, "UTF-16LE") }
        if b.starts(with: [0xFE, 0xFF]) { return (2, "UTF-16BE") }
        return nil
    }

    /// NUL bytes in the first 8 KiB of a file without a UTF-16/32 BOM mean binary.
    static func looksBinary(_ b: [UInt8]) -> Bool {
        b.prefix(8192).contains(0)
    }

    private static func firstNUL(_ b: [UInt8]) -> Int? { b.prefix(8192).firstIndex(of: 0) }

    static func isUTF8Name(_ name: String) -> Bool {
        let n = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        return n == "utf8"
    }

    /// GBK and GB2312 are read as their superset GB18030.
    static func canonical(_ name: String) -> String {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "gbk", "gb2312", "gb-2312", "x-gbk", "cp936", "windows-936", "euc-cn", "gb18030": return "GB18030"
        case "big5", "big-5", "cp950", "big5-hkscs": return "Big5"
        default: return name
        }
    }

    /// ICU also proposes Latin, Cyrillic and Japanese charsets for short Chinese texts; they
    /// decode without errors into nonsense, so only Chinese and Unicode charsets are considered.
    static func isPlausible(_ name: String) -> Bool {
        let n = name.uppercased()
        return n.hasPrefix("GB") || n.hasPrefix("BIG5") || n.hasPrefix("UTF")
    }
}
