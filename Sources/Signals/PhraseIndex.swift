import Extraction

/// Phrases (normalised scalars) found by their first two scalars, a one-scalar phrase by its
/// scalar: a text position compares only the phrases sharing its first two characters, not every
/// phrase sharing its first (with the wider default vocabulary, 180 phrases start with 不 and
/// were compared at every 不 of every document). The pairs live in an open-addressing table with
/// a multiplicative hash: this runs at every character of every document, where a Dictionary's
/// seeded hashing was a quarter of the detector's time.
struct PhraseIndex: Sendable {
    /// Every phrase's scalars end to end (no array per phrase to retain at each comparison).
    private let text: [UInt32]
    /// Every phrase as a range of `text` and its value, grouped by key, longest first within a group.
    private let entries: [(start: Int, count: Int, value: Int)]
    /// Open addressing: `keys[slot]` (0: empty) and its group `groups[slot]` in `entries`.
    private let keys: [UInt64]
    private let groups: [Range<Int>]
    private let shift: UInt64
    /// First scalars of every phrase: most positions are rejected without hashing.
    private let starts: ScalarBits

    init(_ phrases: [(scalars: [UInt32], value: Int)]) {
        // A one-scalar phrase has the key (scalar, 0); no scalar is 0 in normalised text.
        func key(_ p: [UInt32]) -> UInt64 { Self.key(p[0], p.count > 1 ? p[1] : 0) }
        let kept = phrases.enumerated().filter { !$0.element.scalars.isEmpty }
        let sorted = kept.sorted { a, b in
            let ka = key(a.element.scalars), kb = key(b.element.scalars)
            if ka != kb { return ka < kb }
            if a.element.scalars.count != b.element.scalars.count { return a.element.scalars.count > b.element.scalars.count }
            return a.offset < b.offset
        }
        var text: [UInt32] = []
        var entries: [(start: Int, count: Int, value: Int)] = []
        for e in sorted.map(\.element) {
            entries.append((text.count, e.scalars.count, e.value))
            text += e.scalars
        }
        var capacity = 16
        while capacity < 2 * entries.count { capacity *= 2 }
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        var keys = [UInt64](repeating: 0, count: capacity)
        var groups = [Range<Int>](repeating: 0..<0, count: capacity)
        func key(_ e: (start: Int, count: Int, value: Int)) -> UInt64 { Self.key(text[e.start], e.count > 1 ? text[e.start + 1] : 0) }
        var i = 0
        while i < entries.count {
            let k = key(entries[i])
            var j = i + 1
            while j < entries.count && key(entries[j]) == k { j += 1 }
            var slot = Int(Self.hash(k, shift))
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = k
            groups[slot] = i..<j
            i = j
        }
        self.keys = keys
        self.groups = groups
        self.text = text
        self.entries = entries
        starts = ScalarBits(entries.map { text[$0.start] })
    }

    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    @inline(__always)
    static func hash(_ key: UInt64, _ shift: UInt64) -> UInt64 { (key &* 0x9E37_79B9_7F4A_7C15) >> shift }

    @inline(__always)
    private func group(_ key: UInt64) -> Range<Int>? {
        var slot = Int(Self.hash(key, shift))
        while true {
            let k = keys[slot]
            if k == key { return groups[slot] }
            if k == 0 { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// The phrases that start at `s[i]`, longest first, into `out` (emptied first): pairs of
    /// (length, value). No closure and no copies: this runs at every character of every document.
    @inline(__always)
    func matches(in s: UnsafeBufferPointer<UInt32>, at i: Int, into out: inout [(length: Int, value: Int)]) {
        if !out.isEmpty { out.removeAll(keepingCapacity: true) }
        guard starts.mayContain(s[i]) else { return }
        if i + 1 < s.count, let g = group(Self.key(s[i], s[i + 1])) {
            for k in g {
                let e = entries[k]
                guard i + e.count <= s.count else { continue }
                var j = 2
                while j < e.count && s[i + j] == text[e.start + j] { j += 1 }
                if j == e.count { out.append((e.count, e.value)) }
            }
        }
        if let g = group(Self.key(s[i], 0)) {
            for k in g { out.append((1, entries[k].value)) }
        }
    }
}

/// A set of scalars of the Basic Multilingual Plane as a bitmap: `contains` is one load, where a
/// Set<UInt32> hashed (the clause and sentence scans ask at every character around every hit).
struct ScalarSet: Sendable {
    private let bits: ScalarBits

    init(_ members: String) { bits = ScalarBits(members.unicodeScalars.map(\.value)) }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool { v < 0x10000 && bits.mayContain(v) }
}
