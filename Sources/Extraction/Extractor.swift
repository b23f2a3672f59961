import CLibXML2
import Crypto
import Foundation

/// Reads a file into a ``Document``: plain text (any common Chinese encoding), HTML, or DOCX,
/// then recognises transcripts and notebooks, and applies sidecar metadata.
///
/// ```swift
/// let document = try Extractor().extract(fileAt: URL(fileURLWithPath: "talk-001.txt"))
/// print(document.channel, document.metadata.informant ?? "?", document.blocks.count)
/// ```
/// Stateless and thread-safe (libxml2 is initialised once, before the first parse); one bad file throws an ``ExtractionError`` naming it and affects
/// nothing else.
public struct Extractor: Sendable {
    public var limits: ExtractionLimits
    /// Folder facts shared across the files of one run (none: look everything up per file).
    public var sidecars: SidecarCache?

    public init(limits: ExtractionLimits = ExtractionLimits(), sidecars: SidecarCache? = nil) {
        self.limits = limits
        self.sidecars = sidecars
    }

    /// The extensions read, by format.
    public static let textExtensions: Set<String> = ["txt", "text", "md"]
    public static let htmlExtensions: Set<String> = ["html", "htm", "shtml", "xhtml"]
    public static let docxExtensions: Set<String> = ["docx"]

    /// Whether a path is something this extractor reads (sidecars and manifests are not).
    public static func handles(_ url: URL) -> Bool { handles(name: url.lastPathComponent) }

    /// Whether a file name is something this extractor reads.
    public static func handles(name: String) -> Bool {
        if name.hasSuffix(".meta.json") || name == "manifest.json" || name.hasPrefix(".") { return false }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let ext = name[name.index(after: dot)...].lowercased()
        return textExtensions.contains(ext) || htmlExtensions.contains(ext) || docxExtensions.contains(ext)
    }

    /// The files under a folder that this extractor reads, sorted by path; nil when `url` is not
    /// a folder.
    public static func files(under url: URL) -> [URL]? {
        paths(under: url)?.map { URL(fileURLWithPath: $0) }
    }

    /// ``files(under:)`` as absolute, standardised path strings (a run over many files keeps
    /// strings, not URLs: a fraction of the memory, and sorting does not rebuild paths).
    public static func paths(under url: URL) -> [String]? {
        let root = url.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        let prefix = root.hasSuffix("/") ? root : root + "/"
        while let relative = walker.nextObject() as? String {
            let name = relative.lastIndex(of: "/").map { String(relative[relative.index(after: $0)...]) } ?? relative
            // Hidden folders are not walked into.
            if name.hasPrefix(".") { walker.skipDescendants(); continue }
            guard handles(name: name) else { continue }
            found.append(prefix + relative)
        }
        found.sort()
        return found
    }

    public func extract(fileAt url: URL) throws(ExtractionError) -> Document {
        let path = url.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > limits.maxTextFileBytes && !Self.docxExtensions.contains(url.pathExtension.lowercased()) {
            throw ExtractionError(path: path, reason: "\(size) bytes, over the \(limits.maxTextFileBytes)-byte limit for one text or HTML file", hint: "split the file, or raise the limit")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ExtractionError(path: path, reason: "cannot read the file (\(error.localizedDescription))", hint: "check the path and permissions")
        }
        var document = try extract(data: data, path: path, formatHint: url.pathExtension.lowercased())
        if let sidecar = try Sidecar.load(for: url, cache: sidecars) { sidecar.apply(to: &document) }
        return document
    }

    /// libxml2 must initialise its globals once before any thread parses.
    private static let libxml2Ready: Bool = {
        xmlInitParser()
        return true
    }()

    /// Extracts from bytes in memory; `formatHint` is a file extension.
    public func extract(data: Data, path: String, formatHint: String = "") throws(ExtractionError) -> Document {
        _ = Self.libxml2Ready
        let bytes = [UInt8](data)
        let sha = Self.hex(SHA256.hash(data: data))
        let format = Self.format(of: bytes, hint: formatHint)
        var document = Document(
            path: path, sha256: sha, byteCount: bytes.count, format: format, encoding: "UTF-8", channel: .other,
            title: nil, dates: [], text: "", blocks: [], metadata: DocumentMetadata(), warnings: [])
        if bytes.isEmpty {
            document.warnings.append(ExtractionWarning(code: "empty", message: "the file is empty"))
            return document
        }
        var structure = TextStructure()
        var assembler = TextAssembler()
        switch format {
        case .text:
            let decoded = try TextDecoding.decode(bytes, path: path)
            document.encoding = decoded.encoding
            document.warnings += decoded.warnings
            var lines = Self.lines(decoded.text)
            if Boilerplate.looksScraped(lines) {
                let cleaned = Boilerplate.clean(lines)
                lines = cleaned.lines
                noteCleaning(cleaned, &document)
                document.title = cleaned.titleHint
                document.channel = .report
            }
            structure.layout(lines, into: &assembler, defaultYear: nil)
        case .html:
            let declared = HTMLReader.declaredCharset(bytes)
            let decoded = try TextDecoding.decode(bytes, declared: declared, path: path)
            document.encoding = decoded.encoding
            document.warnings += decoded.warnings
            let page = HTMLReader.read(decoded.text)
            let cleaned = Boilerplate.clean(page.lines.map { Substring($0) })
            noteCleaning(cleaned, &document)
            structure.layout(cleaned.lines, rows: page.rows, into: &assembler, defaultYear: nil)
            document.title = page.title
            document.channel = .report
        case .docx:
            let content = try DOCXReader.read(data, path: path, limits: limits)
            var rows: [[String]] = []
            var lines: [Substring] = []
            for item in content.items {
                switch item {
                case .line(let s): lines += Self.lines(s)
                case .row(let cells):
                    rows.append(cells)
                    lines.append(Substring(HTMLReader.rowMarker + String(rows.count - 1)))
                }
            }
            structure.layout(lines, rows: rows, into: &assembler, defaultYear: nil)
            for (kind, text) in content.extras where !text.trimmingWhitespace().isEmpty {
                assembler.append(text.trimmingWhitespace(), kind)
            }
            document.title = content.title
            document.metadata.author = content.author
            document.metadata.created = content.created
            document.metadata.modified = content.modified
            document.channel = .report
        }
        document.text = assembler.text
        document.blocks = assembler.blocks
        document.dates = structure.dates
        var metadata = structure.metadata
        metadata.author = document.metadata.author
        metadata.created = document.metadata.created
        metadata.modified = document.metadata.modified
        document.metadata = metadata
        if let heading = assembler.blocks.first(where: { $0.kind == .heading }), document.title == nil {
            document.title = document.text(of: heading)
        }
        document.channel = Self.channel(suggested: structure.suggestedChannel, fallback: document.channel, format: format, title: document.title, rows: assembler.blocks.contains { $0.kind == .tableRow })
        if document.text.isEmpty {
            document.warnings.append(ExtractionWarning(code: "no-text", message: "no text found"))
        }
        return document
    }

    private func noteCleaning(_ cleaned: Boilerplate.Result, _ document: inout Document) {
        if cleaned.dropped > 0 {
            document.warnings.append(ExtractionWarning(code: "boilerplate-dropped", message: "\(cleaned.dropped) navigation, footer or related-list line(s) left out"))
        }
        if cleaned.duplicates > 0 {
            document.warnings.append(ExtractionWarning(code: "duplicate-body", message: "\(cleaned.duplicates) repeated line(s) left out (the page holds its text more than once)"))
        }
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lines split at LF, CR LF, CR, U+2028 and U+2029 (by bytes: splitting by Character costs
    /// grapheme breaking on every scalar).
    static func lines(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            var next = utf8.index(after: i)
            var isBreak = false
            if b == 0x0A {
                isBreak = true
            } else if b == 0x0D {
                isBreak = true
                if next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
            } else if b == 0xE2, let j = utf8.index(i, offsetBy: 2, limitedBy: utf8.endIndex), j != utf8.endIndex,
                      utf8[next] == 0x80, utf8[j] == 0xA8 || utf8[j] == 0xA9 {
                isBreak = true
                next = utf8.index(after: j)
            }
            if isBreak {
                out.append(text[start..<i])
                start = next
            }
            i = next
        }
        out.append(text[start..<utf8.endIndex])
        return out
    }

    /// The format by content first (a zip is a DOCX, markup is HTML), then by extension.
    static func format(of bytes: [UInt8], hint: String) -> SourceFormat {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || docxExtensions.contains(hint) { return .docx }
        if htmlExtensions.contains(hint) { return .html }
        if textExtensions.contains(hint) { return .text }
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype html") { return .html }
        return .text
    }

    /// Structure decides first; then title words; then the format's default.
    static func channel(suggested: Channel?, fallback: Channel, format: SourceFormat, title: String?, rows: Bool) -> Channel {
        if let suggested { return suggested }
        let t = title.map { Fold.simple(Substring($0)) } ?? ""
        if TextSearch.containsAny(t, ["举报", "信访", "反映信", "来信", "检举", "控告"]) { return .complaint }
        if TextSearch.contains(t, "测评") && rows { return .evaluation }
        if TextSearch.contains(t, "走访") { return .visit }
        if TextSearch.contains(t, "谈话") { return .interview }
        if TextSearch.contains(t, "笔记") { return .notebook }
        if TextSearch.containsAny(t, ["报告", "通报"]) { return .report }
        return fallback
    }
}
