import CPrefetch
import Foundation

// Segment file, format version 3 (little-endian; see docs/FORMAT.md):
//
//   header   "YZSEG001" (8 bytes), u32 version = 3, u32 document count
//   stored   per document: blob(fields, StoredDocument.encodeFields; JSON before version 3) blob(UTF-8 text) u32 CRC-32(record);
//            then u64 record offset per document
//   sources  per document: blob(path) blob(sha256) varint(size) u64(mtime bits)   (what sync compares)
//   lengths  per document: u32 word-stream length, u32 character-stream length
//   postings per term: documents apart from positions (Postings.swift; version 1 and 2 interleave them)
//   terms    per term, sorted by key (field byte + UTF-8 term): blob(key) varint(docFreq)
//            varint(postings offset) varint(postings length) u32 CRC-32(postings); then u32 entry offset per term;
//            then (version 3) u32 CRC-32 per 4 KiB block of all that, u32 block count
//   keywords (version 2) per document its keyword terms as ordinals among the keyword terms in key
//            order: u32 start per document plus one (document d owns ordinals[start[d] ..< start[d+1]]),
//            then u32 ordinals — facet counts read this without decoding postings
//   footer   per section (u64 offset, u64 length, u32 CRC-32 of the section), u32 term count,
//            u32 CRC-32 of the footer so far, "YZSEGEND"
//
// Versions 1 and 2 are still read. Opening a segment checks the footer and the lengths section; a
// terms block (version 3; the whole terms section before), a postings list or a stored record is
// checked when first read, the
// sources and keywords sections on first use; `verify()` checks everything.

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
    /// Cadres linked from mentions in the text (ids); nil in documents indexed without a roster.
    public var cadres: [String]?
    /// Indicators and dimensions of the (not denied) evidence found in the text.
    public var signals: [String]?
    public var informant: String?
    /// Every unit the document is filed under (access scopes): its own `unit` when it has one,
    /// else its subjects' units, else the units of the cadres linked in it. nil in documents
    /// indexed without a roster and without a unit.
    public var units: [String]?
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

extension StoredDocument {
    /// The stored fields (all but the text) as segment format 3 writes them, in this order:
    /// blob(path) blob(sha256) varint(size) u64(mtime bits) blob(channel) opt(title) list(dates)
    /// opt(unit) list(subjects) optlist(cadres) optlist(signals) opt(informant) optlist(units),
    /// where opt is u8 0 or u8 1 + blob, list is varint(count) + count × blob, optlist is u8 0 or
    /// u8 1 + list. (Versions 1 and 2 stored JSON; decoding it cost most of fetching a hit.)
    func encodeFields(into w: inout ByteWriter) {
        func string(_ s: String) { w.blob(Array(s.utf8)) }
        func optional(_ s: String?) { if let s { w.u8(1); string(s) } else { w.u8(0) } }
        func list(_ l: [String]) { w.varint(l.count); l.forEach(string) }
        func optionalList(_ l: [String]?) { if let l { w.u8(1); list(l) } else { w.u8(0) } }
        string(path)
        string(sha256)
        w.varint(size)
        w.u64(mtime.bitPattern)
        string(channel)
        optional(title)
        list(dates)
        optional(unit)
        list(subjects)
        optionalList(cadres)
        optionalList(signals)
        optional(informant)
        optionalList(units)
    }

    /// Decodes `encodeFields`' bytes (text left empty).
    static func decodeFields(_ raw: UnsafeRawBufferPointer) throws(ByteReader.OutOfBounds) -> StoredDocument {
        var r = ByteReader(raw)
        func string() throws(ByteReader.OutOfBounds) -> String { String(decoding: try r.blob(), as: UTF8.self) }
        func flag() throws(ByteReader.OutOfBounds) -> Bool {
            let b = try r.u8()
            guard b <= 1 else { throw ByteReader.OutOfBounds(offset: r.offset - 1) }
            return b == 1
        }
        func optional() throws(ByteReader.OutOfBounds) -> String? { try flag() ? try string() : nil }
        func list() throws(ByteReader.OutOfBounds) -> [String] {
            let n = try r.int()
            guard n >= 0, n <= raw.count else { throw ByteReader.OutOfBounds(offset: r.offset) }
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try string()) }
            return out
        }
        func optionalList() throws(ByteReader.OutOfBounds) -> [String]? { try flag() ? try list() : nil }
        let path = try string(), sha256 = try string(), size = try r.int(), mtime = Double(bitPattern: try r.u64())
        let channel = try string(), title = try optional(), dates = try list(), unit = try optional(), subjects = try list()
        let cadres = try optionalList(), signals = try optionalList(), informant = try optional(), units = try optionalList()
        guard r.isAtEnd else { throw ByteReader.OutOfBounds(offset: r.offset) }
        var d = StoredDocument(path: path, sha256: sha256, size: size, mtime: mtime, channel: channel, title: title, dates: dates,
                               unit: unit, subjects: subjects, informant: informant, text: "")
        d.cadres = cadres
        d.signals = signals
        d.units = units
        return d
    }

    /// The whole stored record as format 3 writes it: blob(fields) blob(UTF-8 text) u32 CRC-32.
    func storedRecord(text: some Collection<UInt8>) -> [UInt8] {
        var fields = ByteWriter()
        encodeFields(into: &fields)
        var record = ByteWriter()
        record.blob(fields.bytes)
        record.blob(text)
        record.u32(CRC32.checksum(record.bytes))
        return record.bytes
    }
}

/// The terms section's blocks (version 3): its entries and entry table are checked in blocks of
/// `size` bytes as lookups touch them, so opening a segment does not read its whole dictionary.
enum TermBlocks {
    static let size = 4096

    /// Appends a CRC-32 per block of everything written so far, then the block count.
    static func appendChecksums(_ w: inout ByteWriter) {
        let n = w.bytes.count
        let blocks = (n + size - 1) / size
        let checksums = w.bytes.withUnsafeBytes { raw in
            (0..<blocks).map { b in CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[(b * size)..<min(n, (b + 1) * size)])) }
        }
        for c in checksums { w.u32(c) }
        w.u32(UInt32(blocks))
    }
}

/// A source file as a segment remembers it: what `yz sync` compares with the disk.
public struct SourceStamp: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var size: Int
    public var mtime: Double

    /// The sources-section record: blob(path) blob(sha256) varint(size) u64(mtime bits). The one
    /// encoder for the builder and the merger (the reader is `SegmentReader.readSources`).
    func write(to w: inout ByteWriter) {
        w.blob(Array(path.utf8))
        w.blob(Array(sha256.utf8))
        w.varint(size)
        w.u64(mtime.bitPattern)
    }
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
///
/// Terms get dense ids through ``TermTable``; a document's tokens are buffered and, when the next
/// document starts, grouped by term with a counting pass (no sort, no per-term objects) and
/// appended to each term's two streams in a ``StreamPool``: documents (delta, frequency, byte
/// length of the positions) and positions, already in the version 3 layout, so writing the
/// segment concatenates them without decoding anything. One builder is used by one thread at a time; several
/// builders may fill in parallel (``IndexWriter``'s lanes).
public final class SegmentBuilder: @unchecked Sendable {
    private(set) var documents: [StoredDocument] = []
    private var lengths: [(UInt32, UInt32)] = []
    private var table = TermTable()
    /// Per term id t: its documents in stream 2t and its positions in stream 2t + 1 (version 3
    /// encoding); stream 2t's value is the last document written + 1 (0: none), stream 2t + 1's
    /// the document frequency.
    private let pool = StreamPool()
    /// The current document's tokens, in arrival order.
    private var tokenTerms: [Int32] = []
    private var tokenPositions: [UInt32] = []
    private var pendingKeys: [UInt64] = []
    private var pendingPositions: [UInt32] = []
    /// Scratch for grouping: per term id, a count then a cursor (reset after each document).
    private var slot: [Int32] = []
    private var touched: [Int32] = []
    private var grouped: [UInt32] = []
    private var scratch: [UInt8] = []
    /// Per document, the term ids of its keyword terms (for the keywords section).
    private var keywordStarts: [Int32] = [0]
    private var keywordIDs: [Int32] = []
    /// Rough bytes held, to decide when to flush a segment.
    public private(set) var estimatedBytes = 0

    public init() {}

    public var count: Int { documents.count }

    /// Adds a document and its terms in one call; returns its local id. `terms` adds tokens to
    /// the sink, which works on value types only (no per-token class access), so this is the
    /// fast path for indexing.
    @discardableResult
    public func addDocument(_ document: StoredDocument, terms: (inout TermSink) -> Void) -> Int {
        addDocument { sink in
            terms(&sink)
            return document
        }
    }

    /// Adds a document whose stored form `terms` returns after adding its tokens: what is stored
    /// may depend on what analysing it found (the indexer detects signals on the analysis's
    /// normalised text, then stores them). Returns its local id.
    @discardableResult
    public func addDocument(terms: (inout TermSink) -> StoredDocument) -> Int {
        finishDocument()
        let id = documents.count
        let (document, sink) = withSink(terms)
        appendDocument(document)
        count(sink, toward: id, tokenBytes: 2 * tokenTerms.count)
        return id
    }

    /// Lends the term table and the current document's token buffers to `body` as a sink (value
    /// types only: no per-token class access), and takes them back; returns `body`'s result and
    /// the sink with what it counted.
    private func withSink<R>(_ body: (inout TermSink) -> R) -> (R, TermSink) {
        var sink = TermSink()
        func exchange() {
            swap(&sink.table, &table)
            swap(&sink.terms, &tokenTerms)
            swap(&sink.positions, &tokenPositions)
            swap(&sink.pendingKeys, &pendingKeys)
            swap(&sink.pendingPositions, &pendingPositions)
        }
        exchange()
        let result = body(&sink)
        sink.resolve()
        exchange()
        return (result, sink)
    }

    /// Files what `sink` counted under document `doc`: stream lengths, keyword ids, memory.
    private func count(_ sink: TermSink, toward doc: Int, tokenBytes: Int) {
        lengths[doc].0 += sink.words
        lengths[doc].1 += sink.characters
        keywordIDs.append(contentsOf: sink.keywords)
        keywordStarts[doc + 1] = Int32(keywordIDs.count)
        estimatedBytes += sink.newTermBytes + tokenBytes
        growTermArrays()
    }

    /// Starts a document; returns its local id. Add its terms with ``addTerm(_:_:position:)``.
    public func startDocument(_ document: StoredDocument) -> Int {
        finishDocument()
        appendDocument(document)
        return documents.count - 1
    }

    private func appendDocument(_ document: StoredDocument) {
        documents.append(document)
        lengths.append((0, 0))
        keywordStarts.append(Int32(keywordIDs.count))
        estimatedBytes += document.text.utf8.count + document.path.utf8.count + 200
    }

    /// Adds one occurrence of `term` (UTF-8) in `field` to the current document. Positions of a
    /// term within a document are expected in ascending order (they are sorted if not).
    public func addTerm(_ field: Field, _ term: UnsafeBufferPointer<UInt8>, position: Int) {
        let (_, sink) = withSink { $0.add(field, term, position: position) }
        count(sink, toward: documents.count - 1, tokenBytes: 2)
    }

    /// Per-term arrays follow the table's size.
    private func growTermArrays() {
        let n = table.count - slot.count
        guard n > 0 else { return }
        pool.grow(to: 2 * table.count)
        slot.append(contentsOf: repeatElement(0, count: n))
    }

    /// Adds a keyword term (`channel=interview`).
    public func addKeyword(_ keyword: String) {
        var k = keyword
        k.withUTF8 { addTerm(.keywords, $0, position: 0) }
    }

    /// Appends the buffered tokens of the current document to their terms' postings.
    private func finishDocument() {
        guard !tokenTerms.isEmpty else { return }
        let doc = Int32(documents.count - 1)
        let n = tokenTerms.count
        if grouped.count < n { grouped = [UInt32](repeating: 0, count: n) }
        if scratch.count < 10 * n + 20 { scratch = [UInt8](repeating: 0, count: 10 * n + 20) }
        // Work on local copies of the arrays (moved out, so no copy and no per-access checks).
        var slot: [Int32] = [], grouped: [UInt32] = [], scratch: [UInt8] = []
        let pool = self.pool
        swap(&slot, &self.slot)
        swap(&grouped, &self.grouped)
        swap(&scratch, &self.scratch)
        var touched: [Int32] = []
        swap(&touched, &self.touched)
        defer {
            swap(&slot, &self.slot)
            swap(&grouped, &self.grouped)
            swap(&scratch, &self.scratch)
            touched.removeAll(keepingCapacity: true)
            swap(&touched, &self.touched)
            tokenTerms.removeAll(keepingCapacity: true)
            tokenPositions.removeAll(keepingCapacity: true)
        }
        tokenTerms.withUnsafeBufferPointer { terms in
            tokenPositions.withUnsafeBufferPointer { positions in
                slot.withUnsafeMutableBufferPointer { slot in
                    grouped.withUnsafeMutableBufferPointer { grouped in
                        // Count per term, then turn counts into start offsets, then scatter.
                        for (i, t) in terms.enumerated() {
                            if i + 16 < n { yz_prefetch(slot.baseAddress! + Int(terms[i + 16])) }
                            if slot[Int(t)] == 0 { touched.append(t) }
                            slot[Int(t)] += 1
                        }
                        var offset: Int32 = 0
                        for t in touched {
                            let c = slot[Int(t)]
                            slot[Int(t)] = offset
                            offset += c
                        }
                        for i in 0..<n {
                            let t = Int(terms[i])
                            grouped[Int(slot[t])] = positions[i]
                            slot[t] += 1
                        }
                        scratch.withUnsafeMutableBufferPointer { out in
                            let base = out.baseAddress!
                            var begin = 0
                            for (j, t) in touched.enumerated() {
                                // Each term's record and stream tails lie anywhere in memory:
                                // records asked for 16 terms ahead, tails 8 ahead.
                                if j + 16 < touched.count { pool.prefetchRecord(2 * Int(touched[j + 16])) }
                                if j + 8 < touched.count {
                                    pool.prefetchTail(2 * Int(touched[j + 8]))
                                    pool.prefetchTail(2 * Int(touched[j + 8]) + 1)
                                }
                                let id = Int(t)
                                let end = Int(slot[id])
                                slot[id] = 0
                                var group = UnsafeMutableBufferPointer(rebasing: grouped[begin..<end])
                                var ascending = true
                                for j in group.indices.dropFirst() where group[j] < group[j - 1] { ascending = false; break }
                                if !ascending { group.sort() }
                                // Positions as deltas from 0, then the document entry: doc delta,
                                // frequency, byte length of those positions.
                                var k = 0
                                var last: UInt32 = 0
                                for p in group {
                                    Self.varint(p - last, into: out, at: &k)
                                    last = p
                                }
                                pool.append(2 * id + 1, base, k)
                                var e = k
                                Self.varint(UInt32(doc) + 1 - pool.value(2 * id), into: out, at: &e)
                                Self.varint(UInt32(group.count), into: out, at: &e)
                                Self.varint(UInt32(k), into: out, at: &e)
                                pool.append(2 * id, base + k, e - k)
                                pool.setValue(2 * id, UInt32(doc) + 1)
                                pool.setValue(2 * id + 1, pool.value(2 * id + 1) + 1)
                                begin = end
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func varint(_ v: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at k: inout Int) {
        var v = v
        while v >= 0x80 {
            out[k] = UInt8(v & 0x7F) | 0x80
            v >>= 7
            k += 1
        }
        out[k] = UInt8(v)
        k += 1
    }

    /// Every term id, sorted by key bytes (field byte + UTF-8). Keys stay in the table: a
    /// million small arrays, each allocated, retained while written and freed, were most of
    /// what writing a segment cost beside the postings.
    private func sortedTerms() -> [Int] {
        // Sort by the first 8 key bytes packed big-endian (zero-padded: byte order is key order,
        // as keys hold no zero bytes); compare whole keys only on a tie.
        let prefixes = (0..<table.count).map { table.prefix($0) }
        var order = Array(0..<prefixes.count)
        order.sort { a, b in
            prefixes[a] != prefixes[b] ? prefixes[a] < prefixes[b] : table.keyPrecedes(a, b)
        }
        return order
    }

    /// Writes the segment to `url` (via a temporary file, fsynced, then renamed) and returns the
    /// footer checksum that commit points record.
    public func write(to url: URL) throws(IndexError) -> UInt32 {
        finishDocument()
        let terms = sortedTerms()
        var out = try SegmentFileWriter(url: url, documents: documents.count)
        do {
            out.beginSection()
            let storedStart = out.offset
            var offsets = ByteWriter()
            for d in documents {
                offsets.u64(UInt64(out.offset - storedStart))
                // The text goes raw beside the other fields: no escaping to undo on read.
                try out.write(d.storedRecord(text: d.text.utf8))
            }
            try out.write(offsets.bytes)
            out.endSection()

            out.beginSection()
            var w = ByteWriter()
            for d in documents { SourceStamp(path: d.path, sha256: d.sha256, size: d.size, mtime: d.mtime).write(to: &w) }
            try out.write(w.bytes)
            out.endSection()

            out.beginSection()
            w = ByteWriter()
            for (a, b) in lengths { w.u32(a); w.u32(b) }
            try out.write(w.bytes)
            out.endSection()

            out.beginSection()
            let postingsStart = out.offset
            var dictionary = ByteWriter()
            var entryOffsets: [UInt32] = []
            // Keyword ordinal of each keyword term id: its rank among keyword terms in key order.
            var keywordOrdinal = [Int32](repeating: -1, count: table.count)
            var documentStream: [UInt8] = [], list = ByteWriter()
            var nextOrdinal: Int32 = 0
            var key: [UInt8] = []
            for (n, id) in terms.enumerated() {
                // Terms go in key order, their streams lie anywhere in the pool: ask for the
                // records 16 terms ahead and their first slices 8 ahead.
                if n + 16 < terms.count { pool.prefetchRecord(2 * terms[n + 16]); pool.prefetchRecord(2 * terms[n + 16] + 1) }
                if n + 8 < terms.count { pool.prefetchHead(2 * terms[n + 8]); pool.prefetchHead(2 * terms[n + 8] + 1) }
                key.removeAll(keepingCapacity: true)
                table.appendKey(id, to: &key)
                if key.first == Field.keywords.rawValue {
                    keywordOrdinal[id] = nextOrdinal
                    nextOrdinal += 1
                }
                // Built in the version 3 layout as documents arrived: only concatenated here.
                documentStream.removeAll(keepingCapacity: true)
                pool.read(2 * id, into: &documentStream)
                list.bytes.removeAll(keepingCapacity: true)
                list.varint(documentStream.count)
                list.append(documentStream)
                pool.read(2 * id + 1, into: &list.bytes)
                entryOffsets.append(UInt32(dictionary.count))
                dictionary.blob(key)
                dictionary.varint(Int(pool.value(2 * id + 1)))
                dictionary.varint(out.offset - postingsStart)
                dictionary.varint(list.count)
                dictionary.u32(CRC32.checksum(list.bytes))
                try out.write(list.bytes)
            }
            out.endSection()

            out.beginSection()
            for o in entryOffsets { dictionary.u32(o) }
            TermBlocks.appendChecksums(&dictionary)
            try out.write(dictionary.bytes)
            out.endSection()

            out.beginSection()
            w = ByteWriter()
            for start in keywordStarts { w.u32(UInt32(start)) }
            for id in keywordIDs { w.u32(UInt32(keywordOrdinal[Int(id)])) }
            try out.write(w.bytes)
            out.endSection()
            return try out.finish(termCount: terms.count)
        } catch {
            out.abandon()
            throw error
        }
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
        let ok = bytes.withUnsafeBytes { writeAll(fd, $0) }
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

    /// Writes all of `bytes` to `fd`, looping over short writes; false on an error.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n <= 0 { return false }
            written += n
        }
        return true
    }

    public static func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

/// Where a document's tokens go while it is being added (see ``SegmentBuilder/addDocument(_:terms:)``).
public struct TermSink {
    var table = TermTable()
    var terms: [Int32] = []
    var positions: [UInt32] = []
    /// Short word and character terms (packed, see ``TermTable/pack(_:_:)``) not yet given ids:
    /// they are looked up together by ``resolve()``, which prefetches slots ahead.
    var pendingKeys: [UInt64] = []
    var pendingPositions: [UInt32] = []
    var words: UInt32 = 0
    var characters: UInt32 = 0
    var newTermBytes = 0
    var keywords: [Int32] = []

    /// One occurrence of `term` (UTF-8) in `field` at `position` of its stream.
    @inline(__always)
    public mutating func add(_ field: Field, _ term: UnsafeBufferPointer<UInt8>, position: Int) {
        switch field {
        case .words: words += 1
        case .characters: characters += 1
        case .keywords: break
        }
        if field != .keywords && term.count <= TermTable.packedLimit {
            pendingKeys.append(TermTable.pack(field.rawValue, term))
            pendingPositions.append(UInt32(truncatingIfNeeded: position))
            return
        }
        let (id, isNew) = table.id(field.rawValue, term)
        if isNew { newTermBytes += term.count + 72 }
        terms.append(id)
        positions.append(UInt32(truncatingIfNeeded: position))
        if field == .keywords && !keywords.contains(id) { keywords.append(id) }
    }

    /// Gives the pending short terms their ids (appended to `terms` and `positions`).
    mutating func resolve() {
        let n = pendingKeys.count
        guard n > 0 else { return }
        let start = terms.count
        terms.append(contentsOf: repeatElement(0, count: n))
        terms.withUnsafeMutableBufferPointer { ids in
            pendingKeys.withUnsafeBufferPointer { keys in
                newTermBytes += table.ids(keys, into: ids.baseAddress! + start)
            }
        }
        positions.append(contentsOf: pendingPositions)
        pendingKeys.removeAll(keepingCapacity: true)
        pendingPositions.removeAll(keepingCapacity: true)
    }

    /// A keyword term (`channel=interview`).
    public mutating func addKeyword(_ keyword: String) {
        var k = keyword
        k.withUTF8 { add(.keywords, $0, position: 0) }
    }
}

/// Dense ids for terms (field byte + UTF-8), by open addressing. Keys of up to 6 bytes — bigrams
/// and short words, most tokens — are packed into an integer; longer keys live in one byte arena
/// and are found by a 64-bit hash, then compared. No per-lookup allocation and no String hashing.
struct TermTable {
    /// Key and id side by side, so a probe touches one cache line; key 0 marks an empty slot
    /// (a packed key always has its length byte set).
    struct Slot {
        var key: UInt64 = 0
        var id: Int32 = -1
    }
    private var short: [Slot] = []
    private var shortCount = 0
    private var longHashes: [UInt64] = []
    private var longIDs: [Int32] = []
    private var longCount = 0
    /// Per id: the packed short key, or 0 with the long key at `arena[longStart[id]..<+longLength[id]]`.
    private var packedOf: [UInt64] = []
    private var longStart: [Int32] = []
    private var longLength: [Int32] = []
    private var arena: [UInt8] = []

    init() {}

    var count: Int { packedOf.count }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return h
    }

    /// Keys of up to this many bytes are packed into an integer.
    static let packedLimit = 6

    /// A short key packed: length + 1 in the top byte, the field byte, then the term's bytes.
    @inline(__always)
    static func pack(_ field: UInt8, _ term: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var packed = UInt64(term.count + 1) << 56 | UInt64(field)
        for i in 0..<term.count { packed |= UInt64(term[i]) << (8 * UInt64(i + 1)) }
        return packed
    }

    /// The ids of packed short keys, written to `ids`; returns the estimated bytes of the terms
    /// that were new. The table is far larger than the caches, and a lookup one at a time waits
    /// on memory at its first probe (84 % of the lookup's time): here each slot is prefetched
    /// several lookups before it is probed.
    mutating func ids(_ keys: UnsafeBufferPointer<UInt64>, into ids: UnsafeMutablePointer<Int32>) -> Int {
        let ahead = 12
        var newBytes = 0
        var start = 0
        var fresh: [UInt64] = []
        while start < keys.count {
            let n = min(4096, keys.count - start)
            // Room for every key of this run to be new, so the slots do not move under the loop.
            if short.isEmpty { growShort() }
            while (shortCount + n) * 2 > short.count { growShort() }
            let base = Int32(packedOf.count)
            fresh.removeAll(keepingCapacity: true)
            short.withUnsafeMutableBufferPointer { slots in
                let p = slots.baseAddress!
                let mask = slots.count - 1
                for j in start..<(start + n) {
                    if j + ahead < start + n { yz_prefetch(p + (Int(truncatingIfNeeded: Self.mix(keys[j + ahead])) & mask)) }
                    let key = keys[j]
                    var i = Int(truncatingIfNeeded: Self.mix(key)) & mask
                    while true {
                        let k = p[i].key
                        if k == key { ids[j] = p[i].id; break }
                        if k == 0 {
                            let id = base + Int32(fresh.count)
                            p[i] = Slot(key: key, id: id)
                            ids[j] = id
                            fresh.append(key)
                            break
                        }
                        i = (i + 1) & mask
                    }
                }
            }
            for key in fresh { newBytes += Int(key >> 56) - 1 + 72 }
            packedOf.append(contentsOf: fresh)
            longStart.append(contentsOf: repeatElement(0, count: fresh.count))
            longLength.append(contentsOf: repeatElement(0, count: fresh.count))
            shortCount += fresh.count
            start += n
        }
        return newBytes
    }

    /// The id of the term, and whether it was just added.
    mutating func id(_ field: UInt8, _ term: UnsafeBufferPointer<UInt8>) -> (Int32, Bool) {
        if term.count <= Self.packedLimit {
            // One probe loop for short keys: a run of one.
            var packed = Self.pack(field, term)
            var id: Int32 = -1
            let before = packedOf.count
            withUnsafePointer(to: &packed) { key in _ = ids(UnsafeBufferPointer(start: key, count: 1), into: &id) }
            return (id, packedOf.count > before)
        }
        // FNV-1a over the field byte and the term.
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        h = (h ^ UInt64(field)) &* 0x100_0000_01B3
        for b in term { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        if longHashes.isEmpty { growLong() }
        let mask = longHashes.count - 1
        var i = Int(truncatingIfNeeded: Self.mix(h)) & mask
        while longIDs[i] >= 0 {
            if longHashes[i] == h, matches(Int(longIDs[i]), field, term) { return (longIDs[i], false) }
            i = (i + 1) & mask
        }
        let id = Int32(packedOf.count)
        longHashes[i] = h
        longIDs[i] = id
        packedOf.append(0)
        longStart.append(Int32(arena.count))
        longLength.append(Int32(term.count + 1))
        arena.append(field)
        arena.append(contentsOf: term)
        longCount += 1
        if longCount * 2 > longHashes.count { growLong() }
        return (id, true)
    }

    private func matches(_ id: Int, _ field: UInt8, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(longStart[id])
        guard Int(longLength[id]) == term.count + 1, arena[start] == field else { return false }
        for k in 0..<term.count where arena[start + 1 + k] != term[k] { return false }
        return true
    }

    /// Appends the key bytes of `id` (field byte + UTF-8) to `out`.
    func appendKey(_ id: Int, to out: inout [UInt8]) {
        let packed = packedOf[id]
        if packed == 0 {
            out.append(contentsOf: arena[Int(longStart[id])..<Int(longStart[id] + longLength[id])])
        } else {
            for i in 0..<Int(packed >> 56) { out.append(UInt8(truncatingIfNeeded: packed >> (8 * UInt64(i)))) }
        }
    }

    /// The first 8 key bytes of `id` packed big-endian, zero-padded: comparing prefixes
    /// compares keys, up to ties.
    func prefix(_ id: Int) -> UInt64 {
        let packed = packedOf[id]
        var v: UInt64 = 0
        if packed == 0 {
            let start = Int(longStart[id]), n = Int(longLength[id])
            for i in 0..<8 { v = v << 8 | UInt64(i < n ? arena[start + i] : 0) }
        } else {
            let n = Int(packed >> 56)
            for i in 0..<8 { v = v << 8 | (i < n ? (packed >> (8 * UInt64(i))) & 0xFF : 0) }
        }
        return v
    }

    /// Whether the key of `a` sorts before the key of `b` (bytewise).
    func keyPrecedes(_ a: Int, _ b: Int) -> Bool {
        var x: [UInt8] = [], y: [UInt8] = []
        appendKey(a, to: &x)
        appendKey(b, to: &y)
        return x.lexicographicallyPrecedes(y)
    }

    private mutating func growShort() {
        let old = short
        short = [Slot](repeating: Slot(), count: max(1 << 12, old.count * 2))
        let mask = short.count - 1
        for slot in old where slot.key != 0 {
            var i = Int(truncatingIfNeeded: Self.mix(slot.key)) & mask
            while short[i].key != 0 { i = (i + 1) & mask }
            short[i] = slot
        }
    }

    private mutating func growLong() {
        let hashes = longHashes, ids = longIDs
        longHashes = [UInt64](repeating: 0, count: max(1 << 10, hashes.count * 2))
        longIDs = [Int32](repeating: -1, count: longHashes.count)
        let mask = longHashes.count - 1
        for k in 0..<hashes.count where ids[k] >= 0 {
            var i = Int(truncatingIfNeeded: Self.mix(hashes[k])) & mask
            while longIDs[i] >= 0 { i = (i + 1) & mask }
            longHashes[i] = hashes[k]
            longIDs[i] = ids[k]
        }
    }
}
