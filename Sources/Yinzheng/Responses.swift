import Catalog
import Crypto
import Extraction
import Foundation
import Index
import Search

/// The JSON shapes the CLI (`--json`) and the server share, so both say the same thing.
public struct SearchResponse: Codable, Sendable {
    public struct Hit: Codable, Sendable {
        /// An opaque id derived from the path (the same across commits); `path` identifies the
        /// document. (It was segment:local, which let a caller count documents it may not see.)
        public var id: String
        public var path: String
        public var score: Double
        public var channel: String
        public var date: String?
        public var title: String?
        public var snippets: [Snippet]
    }
    public var total: Int
    public var hits: [Hit]
    public var facets: [String: [String: Int]]

    static func opaqueID(_ path: String) -> String {
        SHA256.hash(data: Data(path.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public init(_ result: SearchResult) {
        total = result.total
        hits = result.hits.map { h in
            Hit(id: SearchResponse.opaqueID(h.document.path), path: h.document.path, score: (h.score * 10000).rounded() / 10000, channel: h.document.channel,
                date: h.document.dates.first, title: h.document.title, snippets: h.snippets)
        }
        facets = result.facets
    }
}

/// One evidence record as `yz signals --json` and the API print it.
public struct SignalResponse: Codable, Sendable {
    public var cadre: String?, dimension: String, indicator: String, polarity: String, status: String, path: String
    public var start: Int, end: Int, quote: String, informant: String?, channel: String, date: String?

    public init(_ e: Catalog.Evidence) {
        cadre = e.cadre
        dimension = e.dimension
        indicator = e.indicator
        polarity = e.polarity
        status = e.status
        path = e.path
        start = e.start
        end = e.end
        quote = e.quote
        informant = e.informant
        channel = e.channel
        date = e.date
    }
}

/// JSON as the project writes it everywhere: sorted keys, slashes unescaped.
public enum JSON {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}

extension Workspace {
    /// A stored document with what the index knows about it: text, fields, mentions, evidence.
    public struct DocumentResponse: Codable, Sendable {
        public var path: String
        public var channel: String
        public var title: String?
        public var dates: [String]
        public var unit: String?
        /// The units the document is filed under (what access scopes check).
        public var units: [String]
        public var informant: String?
        public var cadres: [String]
        public var text: String
        /// The text's structure (headings, paragraphs, turns with speakers, notebook entries,
        /// table rows) as UTF-8 spans into `text`, from the source file when it still holds the
        /// indexed text; nil otherwise (see `structureNote`).
        public var blocks: [Block]?
        public var structureNote: String?
        public var mentions: [Catalog.Mention]
        public var evidence: [SignalResponse]
    }

    /// The live document at `path`, or nil when the index has none.
    /// nil also when the document is outside `scope` (the caller cannot tell it exists).
    public func document(path: String, scope: Scope = .everything) throws -> DocumentResponse? {
        let snapshot: IndexSnapshotHandle = try IndexSnapshotHandle(directory: directory)
        let found: StoredDocument?
        do { found = try snapshot.document(path: path) } catch { throw WorkspaceError(description: "\(error)") }
        guard let d = found, scope.allows(documentUnits: d.units ?? d.unit.map { [$0] }) else { return nil }
        var mentions: [Catalog.Mention] = []
        var evidence: [SignalResponse] = []
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path) {
            let catalog = try Catalog(directory: directory)
            mentions = try catalog.mentions(path: path)
            evidence = try catalog.evidence(path: path).map(SignalResponse.init)
        }
        // Structure is not stored in the index: the source file is read again, and its blocks
        // are used only if it still yields exactly the indexed text (offsets stay true).
        var blocks: [Block]?
        var note: String?
        if let extracted = try? Extractor().extract(fileAt: URL(fileURLWithPath: path)) {
            if extracted.text == d.text { blocks = extracted.blocks } else { note = "the file changed since it was indexed; run yz sync" }
        } else {
            note = "the source file cannot be read any more"
        }
        return DocumentResponse(path: d.path, channel: d.channel, title: d.title, dates: d.dates, unit: d.unit, units: d.units ?? d.unit.map { [$0] } ?? [], informant: d.informant,
                                cadres: Array(Set(d.subjects + (d.cadres ?? []))).sorted(), text: d.text, blocks: blocks, structureNote: note,
                                mentions: mentions, evidence: evidence)
    }
}
