/// Where a document came from (see `../shared/DOMAIN.md`).
public enum Channel: String, Codable, Sendable, CaseIterable {
    /// 谈话记录: an informant talks about cadres.
    case interview
    /// 走访记录: remarks from relatives, neighbours, committees.
    case visit
    /// 工作学习笔记: a cadre's own dated notes.
    case notebook
    /// 民主测评 / 测评表: evaluation results.
    case evaluation
    /// 考察报告 / 情况通报 / news write-ups.
    case report
    /// 举报 / 信访: letters and petitions.
    case complaint
    case other
}

/// The file format a document was read from.
public enum SourceFormat: String, Codable, Sendable {
    case text, html, docx
}

/// What a block of a document is.
public enum BlockKind: String, Codable, Sendable {
    case heading
    case paragraph
    /// A transcript header line (谈话时间：…).
    case field
    /// A transcript turn (问：… / 答：…).
    case turn
    /// A dated notebook entry.
    case entry
    /// A table row; `cells` gives each cell's span.
    case tableRow
    case header, footer, footnote, comment
}

/// A structural piece of ``Document/text``: offsets are UTF-8 byte offsets into that text.
public struct Block: Codable, Sendable, Equatable {
    public var kind: BlockKind
    public var start: Int
    public var end: Int
    /// The speaker of a turn (a name, or 问/答 when no name is known).
    public var speaker: String?
    /// For a turn: `question` or `answer` when the label says so.
    public var role: String?
    /// ISO date (yyyy-mm-dd) of a notebook entry.
    public var date: String?
    /// Cell spans of a table row.
    public var cells: [[Int]]?

    public init(kind: BlockKind, start: Int, end: Int, speaker: String? = nil, role: String? = nil, date: String? = nil, cells: [[Int]]? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.speaker = speaker
        self.role = role
        self.date = date
        self.cells = cells
    }
}

/// Who and what a document is about, from its own header lines, its properties, and sidecar files.
public struct DocumentMetadata: Codable, Sendable, Equatable {
    /// The unit (单位) the document concerns.
    public var unit: String?
    /// Roster ids of the cadres the document is about.
    public var subjects: [String] = []
    /// The person giving information (谈话对象 / 走访对象).
    public var informant: String?
    /// The person asking (谈话人).
    public var interviewer: String?
    /// 记录人.
    public var recorder: String?
    /// 谈话地点.
    public var location: String?
    /// Whether the informant spoke under their real name (实名) rather than anonymously.
    public var realName: Bool?
    /// DOCX core properties.
    public var author: String?
    public var created: String?
    public var modified: String?
    /// Publisher or source line of a report (来源：…).
    public var source: String?

    public init() {}
}

/// A problem that did not stop extraction: replaced bytes, dropped boilerplate, an unreadable part.
public struct ExtractionWarning: Codable, Sendable, Equatable, CustomStringConvertible {
    /// A stable code, e.g. `invalid-bytes`, `boilerplate-dropped`, `charset-overridden`.
    public var code: String
    public var message: String
    /// Byte offset in the source file, where one applies.
    public var offset: Int?

    public init(code: String, message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    public var description: String {
        offset.map { "\(code) at byte \($0): \(message)" } ?? "\(code): \(message)"
    }
}

/// One source file as structured text.
public struct Document: Codable, Sendable {
    public var path: String
    /// SHA-256 of the raw bytes, lowercase hex.
    public var sha256: String
    public var byteCount: Int
    public var format: SourceFormat
    /// The charset the bytes were decoded from (`UTF-8`, `GB18030`, `Big5`, `UTF-16LE`, …).
    public var encoding: String
    public var channel: Channel
    public var title: String?
    /// Document-level dates, ISO yyyy-mm-dd, in order of appearance.
    public var dates: [String]
    /// The extracted text, blocks separated by line breaks. Offsets everywhere refer to its UTF-8.
    public var text: String
    public var blocks: [Block]
    public var metadata: DocumentMetadata
    public var warnings: [ExtractionWarning]

    public init(path: String, sha256: String, byteCount: Int, format: SourceFormat, encoding: String, channel: Channel, title: String?,
                dates: [String], text: String, blocks: [Block], metadata: DocumentMetadata, warnings: [ExtractionWarning]) {
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
        self.format = format
        self.encoding = encoding
        self.channel = channel
        self.title = title
        self.dates = dates
        self.text = text
        self.blocks = blocks
        self.metadata = metadata
        self.warnings = warnings
    }

    /// The text of a block.
    public func text(of block: Block) -> String {
        let utf8 = Array(text.utf8)
        return String(decoding: utf8[block.start..<block.end], as: UTF8.self)
    }
}

/// Why a file could not be extracted. Its description names the file, the byte offset where one
/// applies, what went wrong and what to do.
public struct ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var offset: Int?
    public var reason: String
    public var hint: String

    public init(path: String, offset: Int? = nil, reason: String, hint: String) {
        self.path = path
        self.offset = offset
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        let place = offset.map { "\(path) at byte \($0)" } ?? path
        return "\(place): \(reason); \(hint)"
    }
}
