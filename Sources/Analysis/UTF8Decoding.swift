/// Decodes UTF-8 bytes into Unicode scalars with the byte range each came from.
///
/// Invalid input (stray continuation bytes, truncated sequences, overlongs, encoded surrogates,
/// values above U+10FFFF) becomes U+FFFD covering the offending bytes, one replacement per maximal
/// invalid subpart as the Unicode standard recommends. It never traps.
enum UTF8Decoding {
    static let replacement: UInt32 = 0xFFFD

    /// Calls `emit(scalar, start, end)` for each scalar of `bytes[range]`, offsets absolute.
    @inline(__always)
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int,
        _ emit: (UInt32, Int, Int) -> Void
    ) {
        var i = lower
        while i < upper {
            let b0 = bytes[i]
            if b0 < 0x80 {
                emit(UInt32(b0), i, i + 1)
                i += 1
                continue
            }
            var need = 0
            var scalar: UInt32 = 0
            var minimum: UInt32 = 0
            switch b0 {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b0 & 0x1F); minimum = 0x80
            case 0xE0...0xEF: need = 2; scalar = UInt32(b0 & 0x0F); minimum = 0x800
            case 0xF0...0xF4: need = 3; scalar = UInt32(b0 & 0x07); minimum = 0x10000
            default:
                emit(replacement, i, i + 1)
                i += 1
                continue
            }
            var j = i + 1
            var valid = true
            while j < i + 1 + need {
                guard j < upper else { valid = false; break }
                let b = bytes[j]
                guard b & 0xC0 == 0x80 else { valid = false; break }
                // Reject overlongs and surrogates as soon as the second byte shows them.
                if j == i + 1 {
                    if (b0 == 0xE0 && b < 0xA0) || (b0 == 0xED && b > 0x9F)
                        || (b0 == 0xF0 && b < 0x90) || (b0 == 0xF4 && b > 0x8F)
                    {
                        valid = false
                        break
                    }
                }
                scalar = (scalar << 6) | UInt32(b & 0x3F)
                j += 1
            }
            if valid && scalar >= minimum {
                emit(scalar, i, j)
                i = j
            } else {
                // Maximal invalid subpart: the lead byte plus the continuation bytes accepted so far.
                let stop = max(j, i + 1)
                emit(replacement, i, stop)
                i = stop
            }
        }
    }
}
