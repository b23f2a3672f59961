import CLibXML2
import Foundation
import ZIPFoundation

/// Bounds a DOCX must stay within; past them the file is refused as a zip bomb or an XML attack.
public struct ExtractionLimits: Sendable {
    /// Entries in the zip archive.
    public var maxEntries = 5_000
    /// Sum of all entries' uncompressed sizes.
    public var maxTotalUncompressed: UInt64 = 256 << 20
    /// Uncompressed ÷ compressed size of one entry, checked for entries over 1 MiB.
    public var maxCompressionRatio: UInt64 = 200
    /// Element nesting depth of an XML part (Word's own nesting stays far below; libxml2 stops at 256).
    public var maxXMLDepth = 128
    /// Size of a text or HTML file read whole.
    public var maxTextFileBytes = 256 << 20

    public init() {}
}

/// DOCX (Office Open XML) to lines, table rows and side parts, with zip-bomb and XML-attack bounds.
///
/// The archive is read with ZIPFoundation, counting bytes as they inflate (declared sizes can lie);
/// each XML part goes through libxml2's streaming reader with no network, no DTD loading and no
/// entity substitution, and a part that declares a DTD is refused outright (Word never writes one).
enum DOCXReader {
    enum Item: Equatable {
        case line(String)
        case row([String])
    }

    struct Content {
        var items: [Item] = []
        var extras: [(BlockKind, String)] = []
        var title: String?
        var author: String?
        var created: String?
        var modified: String?
    }

    static func read(_ data: Data, path: String, limits: ExtractionLimits) throws(ExtractionError) -> Content {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ExtractionError(path: path, reason: "not a readable DOCX: the zip container is damaged or truncated (\(error))",
                                  hint: "re-export the document from Word or LibreOffice, or check that the copy is complete")
        }
        var entries: [Entry] = []
        var declaredTotal: UInt64 = 0
        for entry in archive {
            entries.append(entry)
            if entries.count > limits.maxEntries {
                throw ExtractionError(path: path, reason: "DOCX has more than \(limits.maxEntries) zip entries (possible zip bomb)", hint: "refused; inspect the file before trusting it")
            }
            declaredTotal += entry.uncompressedSize
            if entry.uncompressedSize > 1 << 20 && entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
                throw ExtractionError(path: path, reason: "DOCX entry \(entry.path) expands \(entry.uncompressedSize / max(entry.compressedSize, 1))× (possible zip bomb)", hint: "refused; inspect the file before trusting it")
            }
        }
        if declaredTotal > limits.maxTotalUncompressed {
            throw ExtractionError(path: path, reason: "DOCX would expand to \(declaredTotal) bytes, over the \(limits.maxTotalUncompressed)-byte limit (possible zip bomb)", hint: "refused; inspect the file before trusting it")
        }
        var budget = limits.maxTotalUncompressed

        func load(_ entry: Entry) throws(ExtractionError) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(min(entry.uncompressedSize, 64 << 20)))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    if UInt64(chunk.count) > budget { throw ZipBudgetExceeded() }
                    budget -= UInt64(chunk.count)
                    bytes.append(contentsOf: chunk)
                }
            } catch is ZipBudgetExceeded {
                throw ExtractionError(path: path, reason: "DOCX entry \(entry.path) inflates past the \(limits.maxTotalUncompressed)-byte limit (possible zip bomb)", hint: "refused; inspect the file before trusting it")
            } catch {
                throw ExtractionError(path: path, reason: "DOCX entry \(entry.path) cannot be inflated (\(error)); the file is damaged or truncated", hint: "re-export the document or check that the copy is complete")
            }
            return bytes
        }

        guard let main = entries.first(where: { $0.path == "word/document.xml" }) else {
            throw ExtractionError(path: path, reason: "no word/document.xml in the archive: a zip file, but not a Word document", hint: "convert the file to DOCX, or give it its real extension")
        }
        var content = Content()
        content.items = try OOXMLText.items(try load(main), part: "word/document.xml", path: path, limits: limits)
        let sides: [(String, BlockKind)] = [("word/header", .header), ("word/footer", .footer), ("word/footnotes", .footnote),
                                            ("word/endnotes", .footnote), ("word/comments", .comment)]
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            guard let kind = sides.first(where: { entry.path.hasPrefix($0.0) && entry.path.hasSuffix(".xml") })?.1 else { continue }
            for item in try OOXMLText.items(try load(entry), part: entry.path, path: path, limits: limits) {
                switch item {
                case .line(let s): content.extras.append((kind, s))
                case .row(let cells): content.extras.append((kind, cells.joined(separator: "\t")))
                }
            }
        }
        if let core = entries.first(where: { $0.path == "docProps/core.xml" }) {
            let props = try OOXMLText.properties(try load(core), part: core.path, path: path, limits: limits)
            content.title = props["title"].flatMap { $0.isEmpty ? nil : $0 }
            content.author = props["creator"]
            content.created = props["created"]
            content.modified = props["modified"]
        }
        return content
    }

    private struct ZipBudgetExceeded: Error {}
}

/// Streaming reads of WordprocessingML parts with libxml2's xmlTextReader.
enum OOXMLText {
    // xmlReaderTypes
    static let element: Int32 = 1, text: Int32 = 3, cdata: Int32 = 4, documentType: Int32 = 10,
        significantWhitespace: Int32 = 14, endElement: Int32 = 15

    /// Paragraphs (w:p) as lines and tables (w:tbl) as rows, in document order.
    static func items(_ bytes: [UInt8], part: String, path: String, limits: ExtractionLimits) throws(ExtractionError) -> [DOCXReader.Item] {
        var items: [DOCXReader.Item] = []
        var paragraph = ""
        var inText = false
        var tableDepth = 0
        var row: [String]?
        var cell: String?
        try stream(bytes, part: part, path: path, limits: limits) { type, name, value, isEmpty in
            switch type {
            case element:
                switch name {
                case "t": inText = !isEmpty
                case "tab": paragraph += "\t"
                case "br", "cr":
                    if cell != nil { paragraph += " " } else {
                        items.append(.line(paragraph)); paragraph = ""
                    }
                case "tbl": tableDepth += 1
                case "tr" where tableDepth == 1: row = []
                case "tc" where tableDepth == 1: cell = ""
                default: break
                }
            case endElement:
                switch name {
                case "t": inText = false
                case "p":
                    if var c = cell {
                        if !c.isEmpty && !paragraph.isEmpty { c += " " }
                        cell = c + paragraph
                    } else {
                        items.append(.line(paragraph))
                    }
                    paragraph = ""
                case "tc" where tableDepth == 1:
                    row?.append(cell ?? "")
                    cell = nil
                case "tr" where tableDepth == 1:
                    if let r = row, r.contains(where: { !$0.isEmpty }) { items.append(.row(r)) }
                    row = nil
                case "tbl": tableDepth -= 1
                default: break
                }
            case text, cdata, significantWhitespace:
                if inText { paragraph += value }
            default: break
            }
        }
        if !paragraph.isEmpty { items.append(.line(paragraph)) }
        return items
    }

    /// Leaf elements of docProps/core.xml by local name (title, creator, created, modified, …).
    static func properties(_ bytes: [UInt8], part: String, path: String, limits: ExtractionLimits) throws(ExtractionError) -> [String: String] {
        var props: [String: String] = [:]
        var current: String?
        try stream(bytes, part: part, path: path, limits: limits) { type, name, value, isEmpty in
            if type == element { current = isEmpty ? nil : name }
            else if type == text, let c = current { props[c, default: ""] += value }
            else if type == endElement { current = nil }
        }
        return props.mapValues { $0.trimmingWhitespace().description }
    }

    /// Calls `body(type, localName, value, isEmptyElement)` for each node.
    static func stream(
        _ bytes: [UInt8], part: String, path: String, limits: ExtractionLimits,
        _ body: (Int32, String, String, Bool) -> Void
    ) throws(ExtractionError) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        guard !bytes.isEmpty else {
            throw ExtractionError(path: path, reason: "\(part) is empty", hint: "the document is damaged; re-export it")
        }
        // The reader reads from this memory until it is freed, so it gets a buffer of its own.
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
        defer { buffer.deallocate() }
        bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { buffer.initialize(from: $0.baseAddress!, count: b.count) }
        }
        guard let reader = xmlReaderForMemory(buffer, Int32(bytes.count), part, nil, options) else {
            throw ExtractionError(path: path, reason: "\(part) cannot be opened as XML", hint: "the document is damaged; re-export it")
        }
        defer { xmlFreeTextReader(reader) }
        do {
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { break }
                if status < 0 {
                    let line = xmlTextReaderGetParserLineNumber(reader)
                    let detail = xmlGetLastError().flatMap { $0.pointee.message.map { String(cString: $0).trimmingWhitespace().description } } ?? "parse error"
                    if bytes.prefix(4096).starts(with: Array("<!DOCTYPE".utf8)) || String(decoding: bytes.prefix(4096), as: UTF8.self).contains("<!DOCTYPE") {
                        throw ExtractionError(path: path, reason: "\(part) declares a DTD with entities (libxml2: \(detail)); entity expansion is an XML attack vector and Word never writes a DTD", hint: "refused; inspect the file before trusting it")
                    }
                    throw ExtractionError(path: path, reason: "malformed XML in \(part) near line \(line) (libxml2: \(detail))", hint: "the document is damaged or truncated; re-export it")
                }
                let type = xmlTextReaderNodeType(reader)
                if type == documentType {
                    throw ExtractionError(path: path, reason: "\(part) declares a DTD (entity declarations are an XML attack vector, and Word never writes them)", hint: "refused; inspect the file before trusting it")
                }
                if xmlTextReaderDepth(reader) > Int32(limits.maxXMLDepth) {
                    throw ExtractionError(path: path, reason: "\(part) nests elements deeper than \(limits.maxXMLDepth) levels", hint: "refused as a possible XML attack; inspect the file")
                }
                let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                let value = (type == text || type == cdata || type == significantWhitespace)
                    ? (xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "") : ""
                body(type, name, value, xmlTextReaderIsEmptyElement(reader) == 1)
            }
        }
    }
}
