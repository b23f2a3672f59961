import Foundation
import Synchronization

/// A term's entry in a segment's dictionary.
public struct TermInfo: Sendable, Equatable {
    public var key: [UInt8]
    public var docFreq: Int
    var offset: Int
    var length: Int
    var crc: UInt32

    /// The term without its field byte.
    public var term: String { String(decoding: key.dropFirst(), as: UTF8.self) }
}

/// A memory-mapped, read-only segment. Thread-safe: it is never mutated after opening.
public final class SegmentReader: @unchecked Sendable {
    public let url: URL
    public let documentCount: Int
    public let termCount: Int
    private let base: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer?
    private let mappedLength: Int
    private var sections: [(offset: Int, length: Int, crc: UInt32)] = []
    /// Word- and character-stream lengths per document, read in place from the mapped file.
    public private(set) var lengths = Lengths(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
    /// The source stamps of the documents, in local id order: read on first use (searches never
    /// need them, and decoding every path cost most of opening a large index).
    public var sources: [SourceStamp] {
        get throws(IndexError) { try lazyTables.sources { () throws(IndexError) in try self.readSources() } }
    }
    /// Tables built on first use, shared by threads.
    private let lazyTables = LazyTables()
    /// The terms section, and in it the table of u32 entry offsets (read in place: copying it
    /// was most of opening a segment).
    private var termBytes = UnsafeRawBufferPointer(start: nil, count: 0)
    private var entryTable = UnsafeRawBufferPointer(start: nil, count: 0)
    private var entryTableStart = 0
    /// Version 3: the CRC-32 of each block of `termBytes`, and which blocks have been checked.
    private var blockChecksums = UnsafeRawBufferPointer(start: nil, count: 0)
    private var termBlocks: VerifiedBits?
    /// Postings offsets whose checksum has been checked.
    private let verifiedPostings = VerifiedSet()
    /// Stored records (by local id) whose checksum has been checked.
    private let verifiedRecords = VerifiedSet()

    private enum Section: Int { case stored = 0, sources, lengths, postings, terms, keywords }
    /// The format version written; versions 1 (no keywords section), 2 (postings interleaved)
    /// and 3 are read.
    public static let currentVersion: UInt32 = 3
    static func footerLength(version: UInt32) -> Int { (version == 1 ? 5 : 6) * 20 + 4 + 4 + 8 }
    /// The segment's format version.
    public let version: UInt32

    public init(url: URL) throws(IndexError) {
        self.url = url
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw IndexError(file: url.path, reason: "cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IndexError(file: url.path, reason: "cannot stat") }
        let length = Int(st.st_size)
        guard length >= 16 + Self.footerLength(version: 1) else { throw IndexError(file: url.path, reason: "truncated: \(length) bytes") }
        let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw IndexError(file: url.path, reason: "cannot map into memory (\(String(cString: strerror(errno))))") }
        mapping = p
        mappedLength = length
        base = UnsafeRawBufferPointer(start: p, count: length)
        let header = UnsafeRawBufferPointer(rebasing: base[0..<8])
        guard Array(header) == Array("YZSEG001".utf8) else {
            munmap(p, length)
            throw IndexError(file: url.path, offset: 0, reason: "not a Yinzheng segment (bad magic)")
        }
        var r = ByteReader(base, offset: 8)
        do {
            let version = try r.u32()
            guard (1...3).contains(version) else {
                munmap(p, length)
                throw IndexError(file: url.path, offset: 8, reason: "segment format version \(version), this yz reads versions 1 to 3", hint: "use a matching yz, or rebuild the index")
            }
            self.version = version
            documentCount = Int(try r.u32())
            guard length >= 16 + Self.footerLength(version: version) else {
                munmap(p, length)
                throw IndexError(file: url.path, reason: "truncated: \(length) bytes")
            }
            let footer = length - Self.footerLength(version: version)
            guard Array(UnsafeRawBufferPointer(rebasing: base[(length - 8)...])) == Array("YZSEGEND".utf8) else {
                munmap(p, length)
                throw IndexError(file: url.path, offset: length - 8, reason: "truncated or damaged: no end marker")
            }
            let storedCRC = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: length - 12, as: UInt32.self))
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: base[footer..<(length - 12)])) == storedCRC else {
                munmap(p, length)
                throw IndexError(file: url.path, offset: footer, reason: "footer checksum mismatch")
            }
            var f = ByteReader(base, offset: footer)
            for _ in 0..<(version == 1 ? 5 : 6) {
                let o = Int(try f.u64()), l = Int(try f.u64()), c = try f.u32()
                guard o >= 16, o + l <= footer else {
                    munmap(p, length)
                    throw IndexError(file: url.path, offset: footer, reason: "section bounds out of range")
                }
                sections.append((o, l, c))
            }
            termCount = Int(try f.u32())
        } catch let e as ByteReader.OutOfBounds {
            munmap(p, length)
            throw IndexError(file: url.path, offset: e.offset, reason: "truncated header or footer")
        } catch {
            throw error as! IndexError
        }
        // Version 3 checks the terms section block by block as lookups touch it (checking all of it
        // was most of a cold start); older versions check it whole here.
        if version < 3 { try verify(.terms) }
        try verify(.lengths)
        try loadTables()
    }

    deinit {
        if let mapping { munmap(mapping, mappedLength) }
    }

    private func bytes(_ s: Section) -> UnsafeRawBufferPointer {
        let sec = sections[s.rawValue]
        return UnsafeRawBufferPointer(rebasing: base[sec.offset..<(sec.offset + sec.length)])
    }

    private func verify(_ s: Section) throws(IndexError) {
        let sec = sections[s.rawValue]
        if CRC32.checksum(bytes(s)) != sec.crc {
            throw IndexError(file: url.path, offset: sec.offset, reason: "\(s) section checksum mismatch (the file is damaged)")
        }
    }

    private func loadTables() throws(IndexError) {
        do {
            let raw = bytes(.lengths)
            guard raw.count == documentCount * 8 else { throw ByteReader.OutOfBounds(offset: sections[Section.lengths.rawValue].offset) }
            lengths = Lengths(bytes: raw)
            var terms = bytes(.terms)
            let termsOffset = sections[Section.terms.rawValue].offset
            if version >= 3 {
                // entries, entry table, u32 CRC per block of all that, u32 block count
                guard terms.count >= 4 else { throw ByteReader.OutOfBounds(offset: termsOffset) }
                let blocks = Int(UInt32(littleEndian: terms.loadUnaligned(fromByteOffset: terms.count - 4, as: UInt32.self)))
                let covered = terms.count - 4 - blocks * 4
                guard covered >= 0, blocks == (covered + TermBlocks.size - 1) / TermBlocks.size else {
                    throw IndexError(file: url.path, offset: termsOffset, reason: "terms section is damaged (its block table does not fit)")
                }
                blockChecksums = UnsafeRawBufferPointer(rebasing: terms[covered..<(terms.count - 4)])
                termBlocks = VerifiedBits(bits: blocks)
                terms = UnsafeRawBufferPointer(rebasing: terms[0..<covered])
            }
            let tableStart = terms.count - termCount * 4
            guard tableStart >= 0 else { throw ByteReader.OutOfBounds(offset: termsOffset) }
            termBytes = terms
            entryTableStart = tableStart
            entryTable = UnsafeRawBufferPointer(rebasing: terms[tableStart...])
        } catch let e as ByteReader.OutOfBounds {
            throw IndexError(file: url.path, offset: e.offset, reason: "tables run past their section")
        } catch {
            throw IndexError(file: url.path, reason: "tables cannot be read")
        }
    }

    /// Calls `body` with each document's local id and source path, without decoding or keeping
    /// the rest of its stamp.
    public func forEachSourcePath(_ body: (Int, String) -> Void) throws(IndexError) {
        try walkSources(paths: true) { i, path, _ in body(i, path) }
    }

    /// Calls `body` with each document's local id and source stamp, without keeping them (a
    /// sync over a million files needs each stamp once; ``sources`` keeps them all).
    public func forEachSource(_ body: (Int, SourceStamp) -> Void) throws(IndexError) {
        try walkSources(paths: false) { i, _, stamp in body(i, stamp!) }
    }

    private func readSources() throws(IndexError) -> [SourceStamp] {
        var sources: [SourceStamp] = []
        sources.reserveCapacity(documentCount)
        try forEachSource { _, stamp in sources.append(stamp) }
        return sources
    }

    /// The one reader of the source stamps section: paths only, or whole stamps.
    private func walkSources(paths: Bool, _ body: (Int, String, SourceStamp?) -> Void) throws(IndexError) {
        try verify(.sources)
        var s = ByteReader(bytes(.sources))
        do {
            for i in 0..<documentCount {
                let path = String(decoding: try s.blob(), as: UTF8.self)
                if paths {
                    _ = try s.blob()
                    _ = try s.int()
                    _ = try s.u64()
                    body(i, path, nil)
                } else {
                    let sha = String(decoding: try s.blob(), as: UTF8.self)
                    let size = try s.int()
                    let mtime = Double(bitPattern: try s.u64())
                    body(i, path, SourceStamp(path: path, sha256: sha, size: size, mtime: mtime))
                }
            }
        } catch {
            throw IndexError(file: url.path, offset: error.offset, reason: "source stamps run past their section")
        }
    }

    /// Keyword terms (`channel=interview`, `date=2024-03-05`, …) and, per document, the ordinals
    /// of its keyword terms: what facet counts read. Built on first use from the keyword postings.
    public func keywordColumns() throws(IndexError) -> KeywordColumns {
        var columns = try cachedKeywordColumns()
        if columns.owner == nil { columns.owner = self }
        return columns
    }

    private func cachedKeywordColumns() throws(IndexError) -> KeywordColumns {
        try lazyTables.keywords { () throws(IndexError) in
            if version >= 2 { return try readKeywordColumns() }
            // Version 1: two passes over the keyword postings, straight into flat arrays: count per
            // document, then fill (no array per document).
            let infos = try allTerms(.keywords)
            let terms = infos.map(\.term)
            var counts = [Int32](repeating: 0, count: documentCount + 1)
            var lists: [PostingList] = []
            for info in infos {
                let list = try postings(info)
                for d in list.docs where Int(d) < documentCount { counts[Int(d) + 1] += 1 }
                lists.append(list)
            }
            for d in 0..<documentCount { counts[d + 1] += counts[d] }
            var fill = counts
            var ordinals = [UInt32](repeating: 0, count: Int(counts[documentCount]))
            for (ordinal, list) in lists.enumerated() {
                for d in list.docs where Int(d) < documentCount {
                    ordinals[Int(fill[Int(d)])] = UInt32(ordinal)
                    fill[Int(d)] += 1
                }
            }
            return KeywordColumns(terms: terms, starts: counts.map { UInt32($0) }, ordinals: ordinals)
        }
    }

    private func readKeywordColumns() throws(IndexError) -> KeywordColumns {
        try verify(.keywords)
        let terms = try allTerms(.keywords).map(\.term)
        let raw = bytes(.keywords)
        let n = documentCount + 1
        guard raw.count >= n * 4, (raw.count - n * 4) % 4 == 0 else {
            throw IndexError(file: url.path, offset: sections[Section.keywords.rawValue].offset, reason: "keywords section has the wrong size")
        }
        let columns = KeywordColumns(terms: terms, starts: UnsafeRawBufferPointer(rebasing: raw[0..<(n * 4)]),
                                     ordinals: UnsafeRawBufferPointer(rebasing: raw[(n * 4)...]), owner: nil)
        // The checksum rules out damage; check the shape against a writer bug (cheap: starts only).
        let count = (raw.count - n * 4) / 4
        var previous = 0
        for d in 0..<n {
            let s = columns.start(d)
            guard s >= previous, s <= count else {
                throw IndexError(file: url.path, offset: sections[Section.keywords.rawValue].offset, reason: "keywords section is inconsistent at document \(d)")
            }
            previous = s
        }
        guard columns.start(0) == 0, previous == count else {
            throw IndexError(file: url.path, offset: sections[Section.keywords.rawValue].offset, reason: "keywords section is inconsistent")
        }
        return columns
    }

    @inline(__always)
    private func entryOffset(_ i: Int) -> Int {
        Int(UInt32(littleEndian: entryTable.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
    }

    /// Checks the blocks of the terms section that bytes `lower ..< upper` lie in (version 3;
    /// each block once per open segment).
    @inline(__always)
    private func checkTerms(_ lower: Int, _ upper: Int) throws(IndexError) {
        guard let bits = termBlocks, upper > lower else { return }
        var b = lower / TermBlocks.size
        let last = (upper - 1) / TermBlocks.size
        while b <= last {
            if !bits.contains(b) {
                let start = b * TermBlocks.size
                let block = UnsafeRawBufferPointer(rebasing: termBytes[start..<min(termBytes.count, start + TermBlocks.size)])
                let expected = UInt32(littleEndian: blockChecksums.loadUnaligned(fromByteOffset: b * 4, as: UInt32.self))
                guard CRC32.checksum(block) == expected else {
                    throw IndexError(file: url.path, offset: sections[Section.terms.rawValue].offset + start, reason: "terms section checksum mismatch in block \(b) (the file is damaged)")
                }
                bits.insert(b)
            }
            b += 1
        }
    }

    /// Where entry `i` starts, its table slot checked.
    @inline(__always)
    private func checkedEntryOffset(_ i: Int) throws(IndexError) -> Int {
        try checkTerms(entryTableStart + i * 4, entryTableStart + i * 4 + 4)
        return entryOffset(i)
    }

    private func entry(_ i: Int) throws(IndexError) -> TermInfo {
        let start = try checkedEntryOffset(i)
        var r = ByteReader(termBytes, offset: start)
        do {
            let key = Array(try r.blob())
            let docFreq = try r.int(), offset = try r.int(), length = try r.int(), crc = try r.u32()
            try checkTerms(start, r.offset)
            return TermInfo(key: key, docFreq: docFreq, offset: offset, length: length, crc: crc)
        } catch let e as ByteReader.OutOfBounds {
            try checkTerms(start, termBytes.count)
            throw IndexError(file: url.path, offset: e.offset, reason: "term entry \(i) runs past its section")
        } catch {
            throw error as! IndexError
        }
    }

    private func key(_ i: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        let start = try checkedEntryOffset(i)
        var r = ByteReader(termBytes, offset: start)
        guard let key = try? r.blob() else {
            try checkTerms(start, termBytes.count)
            throw IndexError(file: url.path, reason: "term entry \(i) runs past its section")
        }
        try checkTerms(start, r.offset)
        return key
    }

    private static func compare(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        let c = n == 0 ? 0 : b.withUnsafeBytes { memcmp(a.baseAddress!, $0.baseAddress!, n) }
        if c != 0 { return c < 0 ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Index of the first term whose key is ≥ `key`.
    private func lowerBound(_ key: [UInt8]) throws(IndexError) -> Int {
        var lo = 0, hi = termCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if Self.compare(try self.key(mid), key) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func key(_ field: Field, _ term: String) -> [UInt8] { [field.rawValue] + Array(term.utf8) }

    /// The dictionary entry of `term` in `field`, if the segment has it.
    public func lookup(_ field: Field, _ term: String) throws(IndexError) -> TermInfo? {
        let k = Self.key(field, term)
        let i = try lowerBound(k)
        guard i < termCount, Self.compare(try key(i), k) == 0 else { return nil }
        return try entry(i)
    }

    /// Every term in `field` that starts with `prefix`.
    public func terms(_ field: Field, prefix: String) throws(IndexError) -> [TermInfo] {
        let k = Self.key(field, prefix)
        var i = try lowerBound(k)
        var found: [TermInfo] = []
        while i < termCount {
            let key = try key(i)
            guard key.count >= k.count, Self.compare(UnsafeRawBufferPointer(rebasing: key[0..<k.count]), k) == 0 else { break }
            found.append(try entry(i))
            i += 1
        }
        return found
    }

    /// Every term in `field` (for facets over keywords).
    public func allTerms(_ field: Field) throws(IndexError) -> [TermInfo] {
        try terms(field, prefix: "")
    }

    /// Decodes the postings of `info`, checking their checksum the first time they are read
    /// (the file is immutable, so once verified stays verified for this reader).
    public func postings(_ info: TermInfo) throws(IndexError) -> PostingList {
        let raw: UnsafeRawBufferPointer
        if verifiedPostings.contains(info.offset) {
            raw = UnsafeRawBufferPointer(rebasing: bytes(.postings)[info.offset..<(info.offset + info.length)])
        } else {
            raw = try rawPostings(info)
            verifiedPostings.insert(info.offset)
        }
        guard let list = Postings.decode(raw, version: version, docFreq: info.docFreq, owner: self) else {
            throw IndexError(file: url.path, reason: "postings of term \(info.term) are malformed")
        }
        return list
    }

    /// The stored fields of local document `id`, checking the record's checksum.
    public func document(_ id: Int) throws(IndexError) -> StoredDocument {
        try document(id, text: true).document
    }

    /// The stored fields of local document `id` (with its text as a String only when `text`),
    /// and the text's UTF-8 bytes in the mapped file (valid while this reader lives). Checks the
    /// record's checksum.
    public func document(_ id: Int, text: Bool) throws(IndexError) -> (document: StoredDocument, utf8: UnsafeRawBufferPointer) {
        let record = try storedRecord(id)
        var r = ByteReader(record)
        do {
            let fields = try r.blob()
            let bytes = try r.blob()
            do {
                var document = version >= 3 ? try StoredDocument.decodeFields(fields)
                                            : try JSONDecoder().decode(StoredDocument.self, from: Data(fields))
                if text { document.text = String(decoding: bytes, as: UTF8.self) }
                return (document, bytes)
            } catch {
                throw IndexError(file: url.path, reason: "stored document \(id) cannot be decoded")
            }
        } catch let e as ByteReader.OutOfBounds {
            throw IndexError(file: url.path, offset: e.offset, reason: "stored document \(id) runs past its section")
        } catch {
            throw error as! IndexError
        }
    }

    // MARK: Raw access for merging

    /// Drops the mapped pages from memory (they are read again from the file when next touched):
    /// a merge reading gigabytes, or the claims phase reading the text of every document with
    /// evidence, would otherwise keep them all resident in this process.
    public func releaseResidentPages() {
        if let mapping { madvise(mapping, mappedLength, MADV_DONTNEED) }
    }

    /// The dictionary entry at `index` (0 ..< termCount), in key order.
    public func term(at index: Int) throws(IndexError) -> TermInfo { try entry(index) }

    /// The encoded postings of `info`, checked against their checksum.
    func rawPostings(_ info: TermInfo) throws(IndexError) -> UnsafeRawBufferPointer {
        let all = bytes(.postings)
        guard info.offset >= 0, info.offset + info.length <= all.count else {
            throw IndexError(file: url.path, reason: "postings of \(info.term) out of range")
        }
        let raw = UnsafeRawBufferPointer(rebasing: all[info.offset..<(info.offset + info.length)])
        guard CRC32.checksum(raw) == info.crc else {
            throw IndexError(file: url.path, offset: sections[Section.postings.rawValue].offset + info.offset, reason: "postings of term \(info.term) fail their checksum (the file is damaged)")
        }
        return raw
    }

    /// The stored record of local document `id` as written (fields, text, CRC), checked.
    func storedRecord(_ id: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        let stored = bytes(.stored)
        let table = stored.count - documentCount * 8
        guard id >= 0, id < documentCount, table >= 0 else { throw IndexError(file: url.path, reason: "document \(id) out of range") }
        let offset = Int(UInt64(littleEndian: stored.loadUnaligned(fromByteOffset: table + id * 8, as: UInt64.self)))
        var r = ByteReader(stored, offset: offset)
        do {
            _ = try r.blob()
            _ = try r.blob()
            let recordEnd = r.offset
            let crc = try r.u32()
            // Checked the first time it is read: the file is immutable, so it stays good.
            if !verifiedRecords.contains(id) {
                guard offset <= recordEnd, CRC32.checksum(UnsafeRawBufferPointer(rebasing: stored[offset..<recordEnd])) == crc else {
                    throw IndexError(file: url.path, offset: sections[Section.stored.rawValue].offset + offset, reason: "stored document \(id) fails its checksum (the file is damaged)")
                }
                verifiedRecords.insert(id)
            }
            return UnsafeRawBufferPointer(rebasing: stored[offset..<r.offset])
        } catch let e as ByteReader.OutOfBounds {
            throw IndexError(file: url.path, offset: e.offset, reason: "stored document \(id) runs past its section")
        } catch {
            throw error as! IndexError
        }
    }

    /// Checks every section's checksum (what `yz check` runs).
    public func verify() throws(IndexError) {
        for s in [Section.stored, .sources, .lengths, .postings, .terms] { try verify(s) }
        if version >= 2 { try verify(.keywords) }
    }
}

/// Which blocks of a section have been checked: one bit each, read without a lock (the binary
/// search over the terms checks a bit at every probe).
final class VerifiedBits: @unchecked Sendable {
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let count: Int

    init(bits: Int) {
        count = max(1, (bits + 63) / 64)
        words = .allocate(capacity: count)
        for i in 0..<count { (words + i).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: count)
        words.deallocate()
    }

    @inline(__always)
    func contains(_ bit: Int) -> Bool { words[bit >> 6].load(ordering: .acquiring) & (1 << UInt64(bit & 63)) != 0 }

    func insert(_ bit: Int) { words[bit >> 6].bitwiseOr(1 << UInt64(bit & 63), ordering: .releasing) }
}

/// Offsets already verified, shared by the threads reading one segment.
final class VerifiedSet: @unchecked Sendable {
    private let lock = NSLock()
    private var offsets = Set<Int>()

    func contains(_ offset: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return offsets.contains(offset)
    }

    func insert(_ offset: Int) {
        lock.lock()
        offsets.insert(offset)
        lock.unlock()
    }
}

/// Per-document keyword ordinals of one segment (see ``SegmentReader/keywordColumns()``): read
/// in place from the mapped file (version 2) or from a table built once (version 1).
public struct KeywordColumns: @unchecked Sendable {
    /// Keyword terms in dictionary order; an ordinal indexes this array.
    public let terms: [String]
    /// u32 little-endian: starts (document count + 1), then ordinals.
    private let starts: UnsafeRawBufferPointer
    private let ordinals: UnsafeRawBufferPointer
    /// Keeps the memory behind the pointers alive (the segment reader, or a built table). The copy
    /// a reader caches has none (it would be a cycle: the reader, its cache, the reader — which
    /// kept every merged-away segment mapped for the rest of an index run); the copies it hands
    /// out have the reader.
    fileprivate(set) var owner: AnyObject?

    init(terms: [String], starts: UnsafeRawBufferPointer, ordinals: UnsafeRawBufferPointer, owner: AnyObject?) {
        self.terms = terms
        self.starts = starts
        self.ordinals = ordinals
        self.owner = owner
    }

    /// Built from per-document ordinals (version 1 segments).
    init(terms: [String], starts: [UInt32], ordinals: [UInt32]) {
        let box = Box(starts.map(\.littleEndian) + ordinals.map(\.littleEndian))
        self.init(terms: terms, starts: UnsafeRawBufferPointer(rebasing: box.bytes[0..<(starts.count * 4)]),
                  ordinals: UnsafeRawBufferPointer(rebasing: box.bytes[(starts.count * 4)...]), owner: box)
    }

    final class Box {
        let bytes: UnsafeRawBufferPointer
        init(_ values: [UInt32]) {
            let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(4, values.count * 4), alignment: 4)
            values.withUnsafeBytes { b.copyMemory(from: $0) }
            bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[0..<(values.count * 4)])
        }
        deinit { UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate() }
    }

    /// Where document `doc`'s ordinals start (`start(doc + 1)` is where they end).
    @inline(__always)
    public func start(_ doc: Int) -> Int { Int(UInt32(littleEndian: starts.loadUnaligned(fromByteOffset: doc * 4, as: UInt32.self))) }

    /// The `k`-th ordinal of the section.
    @inline(__always)
    public func ordinal(_ k: Int) -> Int { Int(UInt32(littleEndian: ordinals.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self))) }

    /// The keyword ordinals of local document `doc`.
    public func ordinals(of doc: Int) -> [Int32] { (start(doc)..<start(doc + 1)).map { Int32(ordinal($0)) } }
}

/// Tables a segment reader builds on first use, once, whichever thread asks first.
final class LazyTables: @unchecked Sendable {
    private let lock = NSLock()
    private var cachedSources: [SourceStamp]?
    private var cachedKeywords: KeywordColumns?

    func sources(_ make: () throws(IndexError) -> [SourceStamp]) throws(IndexError) -> [SourceStamp] {
        lock.lock()
        defer { lock.unlock() }
        if let cachedSources { return cachedSources }
        let made = try make()
        cachedSources = made
        return made
    }

    func keywords(_ make: () throws(IndexError) -> KeywordColumns) throws(IndexError) -> KeywordColumns {
        lock.lock()
        defer { lock.unlock() }
        if let cachedKeywords { return cachedKeywords }
        let made = try make()
        cachedKeywords = made
        return made
    }
}

/// Per-document (words, characters) lengths over a segment's mapped bytes.
public struct Lengths: RandomAccessCollection, @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    public var startIndex: Int { 0 }
    public var endIndex: Int { bytes.count / 8 }

    public subscript(i: Int) -> (words: UInt32, characters: UInt32) {
        (UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt32.self)),
         UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8 + 4, as: UInt32.self)))
    }
}
