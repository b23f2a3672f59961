import Foundation

/// Writes a segment file front to back through a buffer, keeping each section's checksum as it
/// goes: memory stays bounded by the dictionary, whatever the size of the postings and texts.
struct SegmentFileWriter {
    let url: URL
    private let tmp: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var offset = 0
    private var sectionStart = 0
    private var sectionCRC: UInt32 = 0
    private var sections: [(UInt64, UInt64, UInt32)] = []

    init(url: URL, documents: Int) throws(IndexError) {
        self.url = url
        tmp = url.path + ".tmp-\(getpid())"
        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IndexError(file: tmp, reason: "cannot create (\(String(cString: strerror(errno))))", hint: "check permissions and free space in the index directory") }
        buffer.reserveCapacity(1 << 20)
        var header = ByteWriter()
        header.append(Array("YZSEG001".utf8))
        header.u32(SegmentReader.currentVersion)
        header.u32(UInt32(documents))
        try write(header.bytes, checksummed: false)
    }

    private mutating func drain() throws(IndexError) {
        let ok = buffer.withUnsafeBytes { DurableFile.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        if !ok { throw IndexError(file: tmp, reason: "cannot write (\(String(cString: strerror(errno))))", hint: "check free space in the index directory") }
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer, checksummed: Bool = true) throws(IndexError) {
        if checksummed { sectionCRC = CRC32.update(sectionCRC, bytes) }
        buffer.append(contentsOf: bytes)
        offset += bytes.count
        if buffer.count >= 1 << 20 { try drain() }
    }

    mutating func write(_ bytes: [UInt8], checksummed: Bool = true) throws(IndexError) {
        if checksummed { sectionCRC = bytes.withUnsafeBytes { CRC32.update(sectionCRC, $0) } }
        buffer.append(contentsOf: bytes)
        offset += bytes.count
        if buffer.count >= 1 << 20 { try drain() }
    }

    mutating func beginSection() {
        sectionStart = offset
        sectionCRC = 0
    }

    mutating func endSection() {
        sections.append((UInt64(sectionStart), UInt64(offset - sectionStart), sectionCRC))
    }

    /// Writes the footer, fsyncs, renames into place; returns the footer checksum.
    mutating func finish(termCount: Int) throws(IndexError) -> UInt32 {
        var footer = ByteWriter()
        for (o, l, c) in sections { footer.u64(o); footer.u64(l); footer.u32(c) }
        footer.u32(UInt32(termCount))
        let crc = CRC32.checksum(footer.bytes)
        footer.u32(crc)
        footer.append(Array("YZSEGEND".utf8))
        try write(footer.bytes, checksummed: false)
        try drain()
        guard fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw IndexError(file: tmp, reason: "cannot sync (\(reason))", hint: "check free space in the index directory")
        }
        close(fd)
        guard rename(tmp, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw IndexError(file: url.path, reason: "cannot rename into place (\(reason))", hint: "check permissions of the index directory")
        }
        DurableFile.syncDirectory(url.deletingLastPathComponent())
        return crc
    }

    /// Removes the partial file after a failure.
    func abandon() {
        close(fd)
        unlink(tmp)
    }
}

/// Merges segments into one without re-analysing anything: stored records, source stamps and
/// lengths are copied; postings are concatenated term by term with document ids renumbered and
/// deleted documents dropped (frequencies and positions are copied byte for byte). Every input
/// byte used is checked against its checksum on the way, so damage is reported, not propagated.
public enum SegmentMerger {
    /// Writes the live documents of `inputs` (segments with their deleted local ids), in input
    /// order, to a new segment at `url`; returns its document count and footer checksum.
    public static func merge(_ inputs: [(segment: SegmentReader, deleted: Set<Int32>)], to url: URL) throws(IndexError) -> (documents: Int, footerCRC: UInt32) {
        // New id of each live local document; -1 for deleted ones.
        var newID: [[Int32]] = []
        var total: Int32 = 0
        for (segment, deleted) in inputs {
            var map = [Int32](repeating: -1, count: segment.documentCount)
            for i in 0..<segment.documentCount where !deleted.contains(Int32(i)) {
                map[i] = total
                total += 1
            }
            newID.append(map)
        }
        var out = try SegmentFileWriter(url: url, documents: Int(total))
        do {
            // Stored records, then the table of their offsets.
            out.beginSection()
            let storedStart = out.offset
            var offsets = ByteWriter()
            for (s, (segment, _)) in inputs.enumerated() {
                for i in 0..<segment.documentCount where newID[s][i] >= 0 {
                    offsets.u64(UInt64(out.offset - storedStart))
                    if segment.version >= 3 {
                        try out.write(try segment.storedRecord(i))
                    } else {
                        // Older records hold JSON fields: re-encoded in this version's layout.
                        let (document, text) = try segment.document(i, text: false)
                        try out.write(document.storedRecord(text: text))
                    }
                }
                segment.releaseResidentPages()
            }
            try out.write(offsets.bytes)
            out.endSection()

            out.beginSection()
            var w = ByteWriter()
            for (s, (segment, _)) in inputs.enumerated() {
                for (i, d) in try segment.sources.enumerated() where newID[s][i] >= 0 { d.write(to: &w) }
            }
            try out.write(w.bytes)
            out.endSection()

            out.beginSection()
            w = ByteWriter()
            for (s, (segment, _)) in inputs.enumerated() {
                for (i, l) in segment.lengths.enumerated() where newID[s][i] >= 0 { w.u32(l.words); w.u32(l.characters) }
            }
            try out.write(w.bytes)
            out.endSection()

            // Postings, term by term in key order (a k-way merge of the sorted dictionaries).
            out.beginSection()
            let postingsStart = out.offset
            var dictionary = ByteWriter()
            var entryOffsets: [UInt32] = []
            var heads = inputs.map { _ in 0 }
            var current: [TermInfo?] = try inputs.map { (input) throws(IndexError) in input.segment.termCount > 0 ? try input.segment.term(at: 0) : nil }
            var released = out.offset
            // Keyword terms come last in key order (field byte 3): old ordinal → new, per input.
            var keywordMap: [[Int32]] = try inputs.map { (input) throws(IndexError) in [Int32](repeating: -1, count: try input.segment.keywordColumns().terms.count) }
            var oldOrdinal = [Int32](repeating: 0, count: inputs.count)
            var nextOrdinal: Int32 = 0
            while true {
                // Keep the inputs' mapped pages from piling up over a long postings pass.
                if out.offset - released > 64 << 20 {
                    for input in inputs { input.segment.releaseResidentPages() }
                    released = out.offset
                }
                var smallest: [UInt8]?
                for t in current { if let t, smallest == nil || t.key.lexicographicallyPrecedes(smallest!) { smallest = t.key } }
                guard let key = smallest else { break }
                let isKeyword = key.first == Field.keywords.rawValue
                var writer = PostingsWriter()
                for s in inputs.indices {
                    guard let info = current[s], info.key == key else { continue }
                    let raw = try inputs[s].segment.rawPostings(info)
                    let renumber = newID[s]
                    var inRange = true
                    let wellFormed = Postings.forEachEntry(raw, version: inputs[s].segment.version) { local, freq, positions in
                        guard local >= 0, Int(local) < renumber.count else { inRange = false; return }
                        let id = renumber[Int(local)]
                        if id >= 0 { writer.add(id, frequency: freq, encodedPositions: positions) }
                    }
                    guard wellFormed, inRange else {
                        throw IndexError(file: inputs[s].segment.url.path, reason: "postings of term \(info.term) are malformed")
                    }
                    heads[s] += 1
                    current[s] = heads[s] < inputs[s].segment.termCount ? try inputs[s].segment.term(at: heads[s]) : nil
                    if isKeyword {
                        keywordMap[s][Int(oldOrdinal[s])] = nextOrdinal
                        oldOrdinal[s] += 1
                    }
                }
                guard !writer.isEmpty else { continue }
                if isKeyword { nextOrdinal += 1 }
                let docFreq = writer.docFreq
                let list = writer.finish()
                entryOffsets.append(UInt32(dictionary.count))
                dictionary.blob(key)
                dictionary.varint(docFreq)
                dictionary.varint(out.offset - postingsStart)
                dictionary.varint(list.count)
                dictionary.u32(CRC32.checksum(list))
                try out.write(list)
            }
            out.endSection()

            for input in inputs { input.segment.releaseResidentPages() }
            out.beginSection()
            for o in entryOffsets { dictionary.u32(o) }
            TermBlocks.appendChecksums(&dictionary)
            try out.write(dictionary.bytes)
            out.endSection()

            // Keyword columns of the live documents, ordinals renumbered.
            out.beginSection()
            var starts = ByteWriter()
            var ordinals = ByteWriter()
            starts.u32(0)
            var n: UInt32 = 0
            for (s, (segment, _)) in inputs.enumerated() {
                let columns = try segment.keywordColumns()
                for i in 0..<segment.documentCount where newID[s][i] >= 0 {
                    for o in columns.ordinals(of: i) where Int(o) < keywordMap[s].count && keywordMap[s][Int(o)] >= 0 {
                        ordinals.u32(UInt32(keywordMap[s][Int(o)]))
                        n += 1
                    }
                    starts.u32(n)
                }
            }
            try out.write(starts.bytes)
            try out.write(ordinals.bytes)
            out.endSection()
            let crc = try out.finish(termCount: entryOffsets.count)
            return (Int(total), crc)
        } catch {
            out.abandon()
            throw error as? IndexError ?? IndexError(file: url.path, reason: "merge failed: \(error)")
        }
    }
}
