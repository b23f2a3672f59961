import Testing
@testable import Index

@Suite struct StreamPoolTests {
    /// Many streams appended to in an interleaved random order, in pieces of every size (empty,
    /// smaller than a slice, across several slices, across pages), read back equal to plain arrays.
    @Test func streamsReadBackWhatWasAppended() {
        var rng = SystemRandomNumberGenerator()
        let pool = StreamPool()
        let streams = 3_000
        pool.grow(to: streams)
        var expected = [[UInt8]](repeating: [], count: streams)
        var total = 0
        // Past one 1 MiB page, so slices are chained across pages too.
        while total < 3 << 20 {
            let s = Int.random(in: 0..<streams, using: &rng)
            let n = Bool.random(using: &rng) ? Int.random(in: 0...20, using: &rng) : Int.random(in: 0...5_000, using: &rng)
            let piece = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            piece.withUnsafeBufferPointer { pool.append(s, $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, n) }
            expected[s] += piece
            total += n
        }
        for s in 0..<streams {
            var out: [UInt8] = [7]
            pool.read(s, into: &out)
            #expect(out == [7] + expected[s], "stream \(s)")
        }
    }

    /// A stream whose bytes end exactly at a slice's end (before the next slice is chained).
    @Test func aStreamEndingAtASliceBoundary() {
        let pool = StreamPool()
        pool.grow(to: 2)
        let bytes = [UInt8](0..<12)  // a first slice holds 16 bytes, 12 of them data
        bytes.withUnsafeBufferPointer { pool.append(1, $0.baseAddress!, 12) }
        var out: [UInt8] = []
        pool.read(1, into: &out)
        #expect(out == bytes)
        bytes.withUnsafeBufferPointer { pool.append(1, $0.baseAddress!, 1) }
        out = []
        pool.read(1, into: &out)
        #expect(out == bytes + [0])
        out = []
        pool.read(0, into: &out)
        #expect(out.isEmpty)
    }
}
