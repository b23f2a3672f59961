import Foundation

// Segment file, format version 1 (little-endian; see docs/FORMAT.md):
//
//   header   "YZSEG001" (8 bytes), u32 version = 1, u32 document count
//   stored   per document: blob(JSON of StoredDocument without text) blob(UTF-8 text) u32 CRC-32(record);
//            then u64 record offset per document
//   sources  per document: blob(path) blob(sha256) varint(size) u64(mtime bits)   (what sync compares)
//   lengths  per document: u32 word-stream length, u32 character-stream length
//   postings per term: per document: varint(doc delta) varint(freq) freq × varint(position delta)
//   terms    per term, sorted by key (field byte + UTF-8 term): blob(key) varint(docFreq)
//            varint(postings offset) varint(postings length) u32 CRC-32(postings); then u32 entry offset per term
//   footer   5 × (u64 offset, u64 length, u32 CRC-32 of the section), u32 term count,
//            u32 CRC-32 of the footer so far, "YZSEGEND"
//
// Opening a segment checks the footer, the terms, sources and lengths sections; a postings list
// or a stored record is checked when it is read; `verify()` checks everything.

/// What a term belongs to.
public enum Field: UInt8, Sendable, CaseIterable {
    /// Word-stream tokens (word, lexicon, number, latin), with positions.
    case words = 1
    /// Character-stream tokens (bigram, unigram), with positions.
    case characters = 2
    /// Keyword terms for filters and facets (`channel=interview`, `unit=…`, `date=2024-03-05`).
    case keywords = 3
}

/// The fields of a document kept in the index, returned with hits.
public struct StoredDocument: Codable, Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var size: Int
    public var mtime: Double
    public var channel: String
    public var title: String?
    public var dates: [String]
    public var unit: String?
    public var subjects: [String]
    public var informant: String?
    /// The extracted text; hit offsets are UTF-8 offsets into it.
    public var text: String

    public init(path: String, sha256: String, size: Int, mtime: Double, channel: String, title: String?, dates: [String],
                unit: String?, subjects: [String], informant: String?, text: String) {
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.mtime = mtime
        self.channel = channel
        self.title = title
        self.dates = dates
        self.unit = unit
        self.subjects = subjects
        self.informant = informant
        self.text = text
    }
}

/// A source file as a segment remembers it: what `yz sync` compares with the disk.
public struct SourceStamp: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var size: Int
    public var mtime: Double
}

/// A damaged or unreadable index file. The description names the file and what to do.
public struct IndexError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var offset: Int?
    public var reason: String
    public var hint: String

    public init(file: String, offset: Int? = nil, reason: String, hint: String = "run `yz check`; rebuild the index with `yz index --rebuild` if it reports damage") {
        self.file = file
        self.offset = offset
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        (offset.map { "\(file) at byte \($0)" } ?? file) + ": \(reason); \(hint)"
    }
}

/// Builds one segment in memory from analysed documents, then writes it.
public final class SegmentBuilder {
    final class Postings {
        var bytes = ByteWriter()
        var docFreq = 0
        var lastDoc = -1
        var pendingDoc = -1
        var pending: [UInt32] = []

        func add(_ doc: Int, _ position: UInt32) {
            if doc != pendingDoc {
                flush()
                pendingDoc = doc
            }
            pending.append(position)
        }

        func flush() {
            guard pendingDoc >= 0, !pending.isEmpty else { return }
            bytes.varint(pendingDoc - lastDoc)
            bytes.varint(pending.count)
            var last: UInt32 = 0
            for p in pending {
                bytes.varint(UInt64(p - last))
                last = p
            }
            lastDoc = pendingDoc
            docFreq += 1
            pending.removeAll(keepingCapacity: true)
        }
    }

    private(set) var documents: [StoredDocument] = []
    private var lengths: [(UInt32, UInt32)] = []
    /// Terms whose key (field byte + UTF-8) fits in 7 bytes — bigrams and short words, most of
    /// all tokens — keyed by the bytes packed into an integer; longer keys by their bytes. String
    /// keys cost Unicode-normalised hashing and comparison on every token.
    private var shortPostings: [UInt64: Postings] = [:]
    private var longPostings: [[UInt8]: Postings] = [:]
    /// Rough bytes held, to decide when to flush a segment.
    public private(set) var estimatedBytes = 0

    public init() {}

    public var count: Int { documents.count }

    /// Starts a document; returns its local id. Add its terms with ``addTerm(_:_:position:)``.
    public func startDocument(_ document: StoredDocument) -> Int {
        documents.append(document)
        lengths.append((0, 0))
        estimatedBytes += document.text.utf8.count + document.path.utf8.count + 200
        return documents.count - 1
    }

    /// Adds one occurrence of `term` (UTF-8) in `field` to the current document.
    public func addTerm(_ field: Field, _ term: UnsafeBufferPointer<UInt8>, position: Int) {
        let doc = documents.count - 1
        let list: Postings
        if term.count <= 6 {
            var packed = UInt64(term.count + 1) << 56 | UInt64(field.rawValue)
            for (i, b) in term.enumerated() { packed |= UInt64(b) << (8 * UInt64(i + 1)) }
            if let existing = shortPostings[packed] {
                list = existing
            } else {
                list = Postings()
                shortPostings[packed] = list
                estimatedBytes += 80
            }
        } else {
            var key = [UInt8](repeating: field.rawValue, count: term.count + 1)
            for (i, b) in term.enumerated() { key[i + 1] = b }
            if let existing = longPostings[key] {
                list = existing
            } else {
                list = Postings()
                longPostings[key] = list
                estimatedBytes += key.count + 96
            }
        }
        list.add(doc, UInt32(truncatingIfNeeded: position))
        estimatedBytes += 2
        switch field {
        case .words: lengths[doc].0 += 1
        case .characters: lengths[doc].1 += 1
        case .keywords: break
        }
    }

    /// Every term as (key bytes, postings), sorted by key bytes.
    private func sortedTerms() -> [([UInt8], Postings)] {
        var all: [([UInt8], Postings)] = []
        all.reserveCapacity(shortPostings.count + longPostings.count)
        for (packed, list) in shortPostings {
            let n = Int(packed >> 56)
            all.append(((0..<n).map { UInt8(truncatingIfNeeded: packed >> (8 * UInt64($0))) }, list))
        }
        for (key, list) in longPostings { all.append((key, list)) }
        all.sort { $0.0.lexicographicallyPrecedes($1.0) }
        return all
    }

    /// Adds a keyword term (`channel=interview`).
    public func addKeyword(_ keyword: String) {
        var k = keyword
        k.withUTF8 { addTerm(.keywords, $0, position: 0) }
    }

    /// Writes the segment to `url` (via a temporary file, fsynced, then renamed) and returns the
    /// footer checksum that commit points record.
    public func write(to url: URL) throws(IndexError) -> UInt32 {
        let terms = sortedTerms()
        for (_, list) in terms { list.flush() }
        var out = ByteWriter()
        out.append(Array("YZSEG001".utf8))
        out.u32(1)
        out.u32(UInt32(documents.count))
        var sections: [(UInt64, UInt64, UInt32)] = []

        func section(_ body: (inout ByteWriter) throws(IndexError) -> Void) throws(IndexError) {
            let start = out.count
            try body(&out)
            let crc = out.bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<out.count])) }
            sections.append((UInt64(start), UInt64(out.count - start), crc))
        }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try section { (w) throws(IndexError) in
            let sectionStart = w.count
            var offsets: [UInt64] = []
            for d in documents {
                let recordStart = w.count
                offsets.append(UInt64(recordStart - sectionStart))
                // The text goes raw beside the other fields' JSON: no escaping to undo on read.
                var fields = d
                fields.text = ""
                let json: [UInt8]
                do { json = Array(try encoder.encode(fields)) } catch {
                    throw IndexError(file: url.path, reason: "cannot encode stored document \(d.path): \(error)", hint: "report this as a bug")
                }
                w.blob(json)
                w.blob(d.text.utf8)
                let crc = w.bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[recordStart..<w.count])) }
                w.u32(crc)
            }
            for o in offsets { w.u64(o) }
        }
        try section { (w) throws(IndexError) in
            for d in documents {
                w.blob(Array(d.path.utf8))
                w.blob(Array(d.sha256.utf8))
                w.varint(d.size)
                w.u64(d.mtime.bitPattern)
            }
        }
        try section { (w) throws(IndexError) in
            for (a, b) in lengths { w.u32(a); w.u32(b) }
        }
        var entries: [(offset: Int, length: Int, crc: UInt32, docFreq: Int)] = []
        try section { (w) throws(IndexError) in
            let sectionStart = w.count
            for (_, list) in terms {
                entries.append((w.count - sectionStart, list.bytes.count, CRC32.checksum(list.bytes.bytes), list.docFreq))
                w.append(list.bytes.bytes)
            }
        }
        try section { (w) throws(IndexError) in
            let start = w.count
            var entryOffsets: [UInt32] = []
            for (i, (key, _)) in terms.enumerated() {
                entryOffsets.append(UInt32(w.count - start))
                w.blob(key)
                w.varint(entries[i].docFreq)
                w.varint(entries[i].offset)
                w.varint(entries[i].length)
                w.u32(entries[i].crc)
            }
            for o in entryOffsets { w.u32(o) }
        }
        let footerStart = out.count
        for (o, l, c) in sections { out.u64(o); out.u64(l); out.u32(c) }
        out.u32(UInt32(terms.count))
        let footerCRC = out.bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[footerStart..<out.count])) }
        out.u32(footerCRC)
        out.append(Array("YZSEGEND".utf8))
        try DurableFile.write(out.bytes, to: url)
        return footerCRC
    }
}

/// Writing files so that a crash leaves either the old file or the complete new one.
public enum DurableFile {
    /// Writes `bytes` to a temporary file beside `url`, fsyncs it, renames it over `url`, and
    /// fsyncs the directory.
    public static func write(_ bytes: [UInt8], to url: URL) throws(IndexError) {
        let tmp = url.path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IndexError(file: tmp, reason: "cannot create (\(String(cString: strerror(errno))))", hint: "check permissions and free space in the index directory") }
        var written = 0
        let ok = bytes.withUnsafeBytes { b -> Bool in
            while written < b.count {
                let n = Glibc.write(fd, b.baseAddress! + written, b.count - written)
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        if !ok || fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(tmp)
            throw IndexError(file: tmp, reason: "cannot write (\(reason))", hint: "check free space in the index directory")
        }
        close(fd)
        guard rename(tmp, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw IndexError(file: url.path, reason: "cannot rename into place (\(reason))", hint: "check permissions of the index directory")
        }
        syncDirectory(url.deletingLastPathComponent())
    }

    public static func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
