import Foundation

// Postings encodings (see docs/FORMAT.md).
//
// Version 3 keeps a term's documents apart from its positions, so that what needs only documents
// and frequencies (single words, keyword filters, facets, the word-level bonus) never reads a
// position, and a phrase decodes positions only for documents every term is in:
//
//   varint(length of the document stream)
//   document stream: per document varint(doc delta) varint(freq) varint(byte length of its positions)
//   position stream: per document freq × varint(position delta, from 0 in each document)
//
// Versions 1 and 2 interleave them: per document varint(doc delta) varint(freq) freq × varint(position delta).

/// Postings of one term in one segment: documents and frequencies decoded, positions left
/// encoded in the mapped file and decoded on demand (`positions(at:)`, `decodePositions`).
public struct PostingList: @unchecked Sendable {
    /// Local document ids, ascending.
    public var docs: [Int32] = []
    /// Occurrences in `docs[i]`.
    public var frequencies: [Int32] = []
    /// Byte offset in `positionBytes` where the positions of `docs[i]` start.
    @usableFromInline var positionStarts: [Int32] = []
    /// The encoded list, positions included (inside the segment's mapping, kept alive by `owner`).
    @usableFromInline var positionBytes = UnsafeRawBufferPointer(start: nil, count: 0)
    var owner: AnyObject?

    public init() {}

    public var count: Int { docs.count }


    /// Decodes the positions of `docs[i]` into `out` (room for `frequencies[i]` values); returns
    /// how many were decoded (fewer only if the bytes are damaged).
    @inlinable
    public func decodePositions(at i: Int, into out: UnsafeMutablePointer<Int32>) -> Int {
        PositionDecoding.decode(positionBytes, from: Int(positionStarts[i]), count: Int(frequencies[i]), into: out)
    }

    /// The encoded positions of this list and where each document's positions start in them, for loops
    /// that decode with `PositionDecoding` (valid while the list is alive).
    public var encodedPositions: (bytes: UnsafeRawBufferPointer, starts: [Int32]) { (positionBytes, positionStarts) }

    /// The positions of `docs[i]`, decoded.
    public func positions(at i: Int) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: Int(frequencies[i])) { buffer, count in
            guard let base = buffer.baseAddress else { count = 0; return }
            count = decodePositions(at: i, into: base)
        }
    }
}

/// The one reader of the postings' varints (documents, frequencies, positions).
public enum Varint {
    /// The varint at `offset` (advanced past it), or nil when it runs past `end` or 32 bits.
    @inlinable @inline(__always)
    public static func read(_ base: UnsafePointer<UInt8>, _ end: Int, _ offset: inout Int) -> UInt32? {
        guard offset < end else { return nil }
        let first = base[offset]
        offset += 1
        if first < 0x80 { return UInt32(first) }
        var v = UInt32(first & 0x7F), shift: UInt32 = 7
        while offset < end, shift <= 28 {
            let b = base[offset]
            offset += 1
            v |= UInt32(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        return nil
    }
}

/// Decodes a document's positions in bulk.
public enum PositionDecoding {
    /// Decodes `count` delta-encoded positions starting at byte `start` of `bytes` into `out`, in
    /// one tight loop; returns how many were decoded (fewer only when the bytes are damaged: every
    /// read is bounds-checked).
    @inlinable
    public static func decode(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int, into out: UnsafeMutablePointer<Int32>) -> Int {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let end = bytes.count
        var o = start
        var last: Int32 = 0
        var j = 0
        while j < count {
            guard let v = Varint.read(base, end, &o) else { return j }
            last &+= Int32(bitPattern: v)
            out[j] = last
            j += 1
        }
        return j
    }
}

enum Postings {
    /// Decodes documents and frequencies of an encoded list; nil when the bytes are malformed.
    static func decode(_ raw: UnsafeRawBufferPointer, version: UInt32, docFreq: Int, owner: AnyObject?) -> PostingList? {
        var list = PostingList()
        list.owner = owner
        list.docs.reserveCapacity(docFreq)
        list.frequencies.reserveCapacity(docFreq)
        list.positionStarts.reserveCapacity(docFreq)
        list.positionBytes = raw
        let wellFormed = walk(raw, version: version) { doc, freq, positions in
            list.docs.append(doc)
            list.frequencies.append(Int32(bitPattern: freq))
            list.positionStarts.append(Int32(positions.lowerBound))
        }
        return wellFormed ? list : nil
    }

    /// Each entry of an encoded list in order: the local document id, its frequency and its
    /// encoded positions. Returns false when the list is malformed.
    static func forEachEntry(_ raw: UnsafeRawBufferPointer, version: UInt32, _ body: (Int32, Int, UnsafeRawBufferPointer) -> Void) -> Bool {
        walk(raw, version: version) { doc, freq, positions in body(doc, Int(freq), UnsafeRawBufferPointer(rebasing: raw[positions])) }
    }

    /// Walks an encoded list of either layout, without arrays: each entry's document id,
    /// frequency and the byte range of its positions in `raw`. False when the bytes are malformed.
    @inline(__always)
    static func walk(_ raw: UnsafeRawBufferPointer, version: UInt32, _ body: (Int32, UInt32, Range<Int>) -> Void) -> Bool {
        guard let p = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return true }
        let n = raw.count
        if version < 3 { return walkInterleaved(p, n, body) }
        var i = 0
        guard let streamLength = Varint.read(p, n, &i), i + Int(streamLength) <= n else { return false }
        let docsEnd = i + Int(streamLength)
        var position = docsEnd
        var doc: Int32 = -1
        while i < docsEnd {
            guard let delta = Varint.read(p, docsEnd, &i), let freq = Varint.read(p, docsEnd, &i), let bytes = Varint.read(p, docsEnd, &i),
                  position + Int(bytes) <= n else { return false }
            doc &+= Int32(bitPattern: delta)
            body(doc, freq, position..<(position + Int(bytes)))
            position += Int(bytes)
        }
        return position == n
    }

    /// Walks a list in the interleaved layout (versions 1 and 2, and the builder's buffers): each
    /// entry's document id, frequency and the byte range of its positions, skipped by counting
    /// the bytes that end a varint. False when the bytes are malformed.
    @inline(__always)
    static func walkInterleaved(_ p: UnsafePointer<UInt8>, _ n: Int, _ body: (Int32, UInt32, Range<Int>) -> Void) -> Bool {
        var i = 0
        var doc: Int32 = -1
        while i < n {
            guard let delta = Varint.read(p, n, &i), let freq = Varint.read(p, n, &i) else { return false }
            doc &+= Int32(bitPattern: delta)
            let start = i
            var left = freq
            while left > 0 {
                guard i < n else { return false }
                if p[i] < 0x80 { left -= 1 }
                i += 1
            }
            body(doc, freq, start..<i)
        }
        return true
    }
}

/// Builds one term's postings in the version 3 layout, document by document.
struct PostingsWriter {
    private var documents = ByteWriter()
    private var positions: [UInt8] = []
    private var lastDoc: Int32 = -1
    private(set) var docFreq = 0

    init() {}

    /// Appends document `doc` (greater than the last one) with `freq` positions already encoded
    /// as position deltas.
    mutating func add(_ doc: Int32, frequency: Int, encodedPositions: UnsafeRawBufferPointer) {
        documents.varint(Int(doc - lastDoc))
        documents.varint(frequency)
        documents.varint(encodedPositions.count)
        positions.append(contentsOf: encodedPositions)
        lastDoc = doc
        docFreq += 1
    }

    var isEmpty: Bool { docFreq == 0 }

    /// The encoded list, and the writer emptied for the next term.
    mutating func finish() -> [UInt8] {
        var out = ByteWriter()
        out.varint(documents.count)
        out.append(documents.bytes)
        out.append(positions)
        self = PostingsWriter()
        return out.bytes
    }
}
