import CPrefetch

/// Many growing byte streams (two per term in a segment being built: its documents and its
/// positions) in shared 1 MiB pages, instead of one array per term.
///
/// A stream is a chain of slices that double in size (16 bytes up to 4 KiB); the last 4 bytes of
/// a full slice hold the address of the next. Appending is a copy into the current slice; reading
/// a stream back walks its chain. A million terms cost a few hundred pages rather than a million
/// heap arrays, each grown by copying and each released one by one (an `Array.append` per term
/// per document was 10 % of indexing, and freeing a builder's arrays 3 %).
///
/// Addresses are `page << 20 | offset` in a `UInt32`, so a pool holds at most 4 GiB; a segment
/// builder is flushed long before (``IndexWriter/flushBytes``).
final class StreamPool {
    private static let pageShift = 20
    private static let pageSize = 1 << pageShift
    private static let empty = UInt32.max

    /// One stream: its first slice, where the next byte goes, the room left in the current
    /// slice (its forward address follows), the current slice's level, and a 32-bit value its
    /// owner keeps beside it (the segment builder: a term's last document and its document
    /// frequency). 16 bytes, so a term's two streams share one cache line with everything the
    /// builder updates per term and document.
    struct Stream {
        var head = StreamPool.empty
        var tail: UInt32 = 0
        var value: UInt32 = 0
        var room: UInt16 = 0
        var level: UInt8 = 0
    }

    // Unchecked: a pool belongs to one builder, used by one thread at a time; the runtime's
    // exclusivity checks on these properties were a fifth of appending.
    @exclusivity(unchecked) private var pages: [UnsafeMutablePointer<UInt8>] = []
    /// Bytes used in the last page.
    @exclusivity(unchecked) private var used = StreamPool.pageSize
    @exclusivity(unchecked) private var streams: UnsafeMutablePointer<Stream>
    @exclusivity(unchecked) private(set) var streamCount = 0
    @exclusivity(unchecked) private var capacity = 0

    init() {
        streams = UnsafeMutablePointer(OpaquePointer(UnsafeMutableRawPointer.allocate(byteCount: 0, alignment: 64)))
    }

    deinit {
        for page in pages { page.deallocate() }
        UnsafeMutableRawPointer(streams).deallocate()
    }

    /// Adds streams up to `count`, empty.
    func grow(to count: Int) {
        guard count > streamCount else { return }
        if count > capacity {
            let newCapacity = max(count, 2 * capacity, 1024)
            let raw = UnsafeMutableRawPointer.allocate(byteCount: newCapacity * MemoryLayout<Stream>.stride, alignment: 64)
            let fresh = raw.bindMemory(to: Stream.self, capacity: newCapacity)
            fresh.moveInitialize(from: streams, count: streamCount)
            UnsafeMutableRawPointer(streams).deallocate()
            streams = fresh
            capacity = newCapacity
        }
        (streams + streamCount).initialize(repeating: Stream(), count: count - streamCount)
        streamCount = count
    }

    @inline(__always)
    private static func sliceSize(_ level: UInt8) -> Int { 16 << min(Int(level), 8) }

    @inline(__always)
    private func pointer(_ address: UInt32) -> UnsafeMutablePointer<UInt8> {
        pages[Int(address >> UInt32(Self.pageShift))] + Int(address & UInt32(Self.pageSize - 1))
    }

    /// A new slice of `size` bytes; its address.
    private func allocate(_ size: Int) -> UInt32 {
        if used + size > Self.pageSize {
            precondition(pages.count < 1 << (32 - Self.pageShift) - 1, "a segment builder outgrew 4 GiB; flush it sooner")
            pages.append(.allocate(capacity: Self.pageSize))
            used = 0
        }
        let address = UInt32(pages.count - 1) << UInt32(Self.pageShift) | UInt32(used)
        used += size
        return address
    }

    /// Appends `count` bytes from `bytes` to stream `s`.
    @inline(__always)
    func append(_ s: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        precondition(s >= 0 && s < streamCount)
        let stream = streams + s
        if stream.pointee.head == Self.empty {
            let a = allocate(Self.sliceSize(0))
            stream.pointee.head = a
            stream.pointee.tail = a
            stream.pointee.room = UInt16(Self.sliceSize(0) - 4)
        }
        // Most appends are a few bytes that fit: copied byte by byte, no memmove call.
        if Int(stream.pointee.room) >= count && count <= 16 {
            let out = pointer(stream.pointee.tail)
            for i in 0..<count { out[i] = bytes[i] }
            stream.pointee.tail += UInt32(count)
            stream.pointee.room -= UInt16(count)
            return
        }
        appendSlow(stream, bytes, count)
    }

    private func appendSlow(_ stream: UnsafeMutablePointer<Stream>, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        var done = 0
        while done < count {
            let room = Int(stream.pointee.room)
            if room == 0 {
                // Chain a slice of the next size; its address goes in the full one's last 4 bytes.
                let next = stream.pointee.level + 1
                let a = allocate(Self.sliceSize(next))
                let forward = pointer(stream.pointee.tail)
                for i in 0..<4 { forward[i] = UInt8(truncatingIfNeeded: a >> UInt32(8 * i)) }
                stream.pointee.level = min(next, 8)
                stream.pointee.tail = a
                stream.pointee.room = UInt16(Self.sliceSize(next) - 4)
                continue
            }
            let n = min(room, count - done)
            pointer(stream.pointee.tail).update(from: bytes + done, count: n)
            stream.pointee.tail += UInt32(n)
            stream.pointee.room -= UInt16(n)
            done += n
        }
    }

    /// Hints that stream `s`'s record will be read soon.
    @inline(__always)
    func prefetchRecord(_ s: Int) {
        if s >= 0 && s < streamCount { yz_prefetch(streams + s) }
    }

    /// Hints that stream `s`'s next bytes will be written soon (its record should be in cache).
    @inline(__always)
    func prefetchTail(_ s: Int) {
        guard s >= 0 && s < streamCount, streams[s].head != Self.empty else { return }
        yz_prefetch(pointer(streams[s].tail))
    }

    /// Hints that stream `s`'s first bytes will be read soon (its record should be in cache).
    @inline(__always)
    func prefetchHead(_ s: Int) {
        guard s >= 0 && s < streamCount, streams[s].head != Self.empty else { return }
        yz_prefetch(pointer(streams[s].head))
    }

    /// Appends stream `s`'s bytes to `out`.
    func read(_ s: Int, into out: inout [UInt8]) {
        precondition(s >= 0 && s < streamCount)
        let stream = streams[s]
        guard stream.head != Self.empty else { return }
        var start = stream.head
        var level: UInt8 = 0
        while true {
            let dataEnd = start + UInt32(Self.sliceSize(level) - 4)
            let last = stream.tail >= start && stream.tail <= dataEnd
            let stop = last ? stream.tail : dataEnd
            out.append(contentsOf: UnsafeBufferPointer(start: pointer(start), count: Int(stop - start)))
            if last { return }
            let forward = pointer(dataEnd)
            start = UInt32(forward[0]) | UInt32(forward[1]) << 8 | UInt32(forward[2]) << 16 | UInt32(forward[3]) << 24
            level = min(level + 1, 8)
        }
    }

    /// The value kept with stream `s` (0 until set).
    @inline(__always)
    func value(_ s: Int) -> UInt32 {
        precondition(s >= 0 && s < streamCount)
        return streams[s].value
    }

    @inline(__always)
    func setValue(_ s: Int, _ v: UInt32) {
        precondition(s >= 0 && s < streamCount)
        streams[s].value = v
    }
}
