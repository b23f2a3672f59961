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
    /// The encoded positions (inside the segment's mapping, kept alive by `owner`).
    @usableFromInline var positionBytes = UnsafeRawBufferPointer(start: nil, count: 0)
    var owner: AnyObject?

    public init() {}

    public var count: Int { docs.count }

    public func frequency(at i: Int) -> Int { Int(frequencies[i]) }

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
        while j < count && o < end {
            var v = UInt32(base[o])
            o += 1
            if v >= 0x80 {
                v &= 0x7F
                var shift: UInt32 = 7
                while true {
                    guard o < end, shift <= 28 else { return j }
                    let b = base[o]
                    o += 1
                    v |= UInt32(b & 0x7F) << shift
                    if b < 0x80 { break }
                    shift += 7
                }
            }
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
        let n = raw.count
        guard n > 0, let p = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return list }
        var i = 0
        var doc: Int32 = -1
        if version >= 3 {
            guard let streamLength = varint(p, n, &i), i + Int(streamLength) <= n else { return nil }
            let docsEnd = i + Int(streamLength)
            list.positionBytes = UnsafeRawBufferPointer(rebasing: raw[docsEnd...])
            var position = 0
            while i < docsEnd {
                guard let delta = varint(p, docsEnd, &i), let freq = varint(p, docsEnd, &i), let bytes = varint(p, docsEnd, &i) else { return nil }
                doc &+= Int32(bitPattern: delta)
                list.docs.append(doc)
                list.frequencies.append(Int32(bitPattern: freq))
                list.positionStarts.append(Int32(position))
                position += Int(bytes)
            }
            guard position == n - docsEnd else { return nil }
        } else {
            list.positionBytes = raw
            while i < n {
                guard let delta = varint(p, n, &i), let freq = varint(p, n, &i) else { return nil }
                doc &+= Int32(bitPattern: delta)
                list.docs.append(doc)
                list.frequencies.append(Int32(bitPattern: freq))
                list.positionStarts.append(Int32(i))
                // Skip the positions: one byte without the continuation bit ends each.
                var left = freq
                while left > 0 {
                    guard i < n else { return nil }
                    if p[i] < 0x80 { left -= 1 }
                    i += 1
                }
            }
        }
        return list
    }

    /// Each entry of an encoded list in order: the local document id, its frequency and its
    /// encoded positions. Returns false when the list is malformed.
    static func forEachEntry(_ raw: UnsafeRawBufferPointer, version: UInt32, _ body: (Int32, Int, UnsafeRawBufferPointer) -> Void) -> Bool {
        guard let list = decode(raw, version: version, docFreq: 0, owner: nil) else { return false }
        let bytes = list.positionBytes
        for k in 0..<list.count {
            let start = Int(list.positionStarts[k])
            let freq = Int(list.frequencies[k])
            let end = version >= 3 ? (k + 1 < list.count ? Int(list.positionStarts[k + 1]) : bytes.count)
                                   : start + encodedLength(bytes, from: start, count: freq)
            body(list.docs[k], freq, UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
        return true
    }

    /// The byte length of `count` varints starting at `start` (`decode` has checked they exist).
    static func encodedLength(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) -> Int {
        var i = start, left = count
        while left > 0 {
            if bytes[i] < 0x80 { left -= 1 }
            i += 1
        }
        return i - start
    }

    /// The varint at `i` (advanced past it), or nil when it runs off `n` or past 32 bits.
    @inline(__always)
    static func varint(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> UInt32? {
        var v: UInt32 = 0, shift: UInt32 = 0
        while i < n, shift <= 28 {
            let b = p[i]
            i += 1
            v |= UInt32(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        return nil
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

    /// Re-encodes a list built in the interleaved layout (what the in-memory segment builder
    /// appends as documents arrive) in the version 3 layout.
    static func fromInterleaved(_ interleaved: [UInt8]) -> [UInt8] {
        interleaved.withUnsafeBytes { raw -> [UInt8] in
            var w = PostingsWriter()
            w.documents.bytes.reserveCapacity(raw.count / 4)
            w.positions.reserveCapacity(raw.count)
            let n = raw.count
            guard let p = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return w.finish() }
            var i = 0
            var doc: Int32 = -1
            while i < n {
                guard let delta = Postings.varint(p, n, &i), let freq = Postings.varint(p, n, &i) else { break }
                doc &+= Int32(bitPattern: delta)
                let start = i
                var left = freq
                while left > 0 && i < n {
                    if p[i] < 0x80 { left -= 1 }
                    i += 1
                }
                w.add(doc, frequency: Int(freq), encodedPositions: UnsafeRawBufferPointer(rebasing: raw[start..<i]))
            }
            return w.finish()
        }
    }
}
