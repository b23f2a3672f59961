import CChecksum
import YZZlib

/// Little-endian, varint and CRC-32 helpers for the on-disk formats (see docs/FORMAT.md).

/// CRC-32 (IEEE 802.3, the zlib polynomial), slicing-by-8: eight bytes per step through eight
/// tables (about four times the byte-at-a-time speed, which made checksums a sixth of query time).
public enum CRC32 {
    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[i] = c
        }
        for i in 0..<256 {
            for k in 1..<8 { t[k * 256 + i] = (t[(k - 1) * 256 + i] >> 8) ^ t[Int(t[(k - 1) * 256 + i] & 0xFF)] }
        }
        return t
    }()

    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 { update(0, bytes) }

    /// Continues `crc` (a finished CRC-32, 0 for none yet) over `bytes`: zlib's `crc32_z`, which
    /// runs several times faster than the table loop below (checksums were a quarter of a cold
    /// `yz search`).
    /// The bulk is folded with carry-less multiplication (`yz_crc32_fold`) where the CPU has it, the
    /// remainder (and everything elsewhere) by zlib.
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return crc }
        var c = crc
        let folded = yz_crc32_fold(&c, base, bytes.count)
        guard folded < bytes.count else { return c }
        return UInt32(truncatingIfNeeded: crc32_z(UInt(c), base + folded, bytes.count - folded))
    }

    /// zlib's `crc32_z` alone (the tests compare it with the folded path).
    public static func zlibUpdate(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return UInt32(truncatingIfNeeded: crc32_z(UInt(crc), base.assumingMemoryBound(to: UInt8.self), bytes.count))
    }

    /// The same CRC-32 by slicing-by-8 tables, kept as the reference the tests compare zlib with.
    public static func tableUpdate(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c: UInt32 = crc ^ 0xFFFF_FFFF
        tables.withUnsafeBufferPointer { t in
            var i = 0
            let n = bytes.count
            while i + 8 <= n {
                let lo = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ c
                let hi = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)] ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)] ^ t[256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < n {
                c = t[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }
        return c ^ 0xFFFF_FFFF
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}

/// An append-only byte buffer.
struct ByteWriter {
    var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: UInt32) {
        var x = v.littleEndian
        withUnsafeBytes(of: &x) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ v: UInt64) {
        var x = v.littleEndian
        withUnsafeBytes(of: &x) { bytes.append(contentsOf: $0) }
    }

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func varint(_ v: Int) { varint(UInt64(v)) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Length-prefixed bytes.
    mutating func blob(_ b: some Collection<UInt8>) {
        varint(b.count)
        bytes.append(contentsOf: b)
    }
}

/// A bounds-checked reader over bytes that may be damaged: every read that would leave the
/// buffer throws instead of trapping.
struct ByteReader {
    let base: UnsafeRawBufferPointer
    var offset: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    struct OutOfBounds: Error { let offset: Int }

    var isAtEnd: Bool { offset >= base.count }

    mutating func u8() throws(OutOfBounds) -> UInt8 {
        guard offset < base.count else { throw OutOfBounds(offset: offset) }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func u32() throws(OutOfBounds) -> UInt32 {
        guard offset + 4 <= base.count else { throw OutOfBounds(offset: offset) }
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws(OutOfBounds) -> UInt64 {
        guard offset + 8 <= base.count else { throw OutOfBounds(offset: offset) }
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    mutating func varint() throws(OutOfBounds) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count, shift < 64 else { throw OutOfBounds(offset: offset) }
            let b = base[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws(OutOfBounds) -> Int { Int(truncatingIfNeeded: try varint()) }

    mutating func bytes(_ n: Int) throws(OutOfBounds) -> UnsafeRawBufferPointer {
        guard n >= 0, offset + n <= base.count else { throw OutOfBounds(offset: offset) }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + n)])
    }

    mutating func blob() throws(OutOfBounds) -> UnsafeRawBufferPointer { try bytes(try int()) }
}
