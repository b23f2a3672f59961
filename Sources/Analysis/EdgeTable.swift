/// An open-addressing hash map from `UInt64` to `Int32` for the lexicon trie's edges
/// (`node << 32 | scalar` → child node). Multiplicative hashing and linear probing: one or two
/// cache lines per lookup, where `Dictionary`'s SipHash made lexicon matching the slowest stage.
/// Built once, then read-only (and so safe to share between threads).
struct EdgeTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    /// Keys are never this value (a node index never reaches 2^32 - 1).
    private static let empty = UInt64.max

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int32](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    subscript(key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, _ value: Int32) {
        precondition(key != Self.empty)
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == Self.empty { count += 1 }
        keys[i] = key
        values[i] = value
    }

    private mutating func grow() {
        var bigger = EdgeTable(capacity: keys.count)
        for (k, v) in zip(keys, values) where k != Self.empty { bigger.insert(k, v) }
        self = bigger
    }
}
