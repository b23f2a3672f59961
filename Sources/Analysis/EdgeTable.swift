/// An open-addressing hash map from `UInt64` to `Int32` for the lexicon trie's edges
/// (`node << 32 | scalar` → child node). Multiplicative hashing and linear probing: one or two
/// cache lines per lookup, where `Dictionary`'s SipHash made lexicon matching the slowest stage.
/// Built once, then read-only (and so safe to share between threads).
struct EdgeTable: Sendable {
    /// Key and value side by side, so a lookup touches one cache line, not two.
    private struct Slot {
        var key: UInt64
        var value: Int32
    }

    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    /// Keys are never this value (a node index never reaches 2^32 - 1).
    private static let empty = UInt64.max

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: Self.empty, value: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    subscript(key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = slot(key)
            while true {
                let s = slots[i]
                if s.key == key { return s.value }
                if s.key == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func insert(_ key: UInt64, _ value: Int32) {
        precondition(key != Self.empty)
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = slot(key)
        while slots[i].key != Self.empty && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].key == Self.empty { count += 1 }
        slots[i] = Slot(key: key, value: value)
    }

    /// Calls `body` with every (key, value), in no particular order.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for s in slots where s.key != Self.empty { body(s.key, s.value) }
    }

    private mutating func grow() {
        var bigger = EdgeTable(capacity: slots.count)
        forEach { bigger.insert($0, $1) }
        self = bigger
    }
}
