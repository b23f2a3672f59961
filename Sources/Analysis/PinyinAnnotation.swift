/// Removal of pinyin annotations injected after Han characters (注音), as scraped pages carry them:
/// `對(duì)組織` → `對組織`.
///
/// An annotation is `(` … `)` (after NFKC, so full-width parentheses too) right after a Han
/// character, holding one pinyin syllable of at most six letters. A syllable with a tone mark
/// (`duì`) is always removed. A toneless one (`(de)`) is removed only when the same text also has
/// tone-marked annotations: a page is annotated throughout or not at all, and a lone `王(wang)` or
/// `公司(an)` in an unannotated document is more likely meant. In annotated text a tone-marked
/// syllable after a garbled non-Han character goes too.
enum PinyinAnnotation {
    private static let open: UInt32 = 0x28, close: UInt32 = 0x29

    static func remove(from text: inout NormalizedText) {
        let scalars = text.scalars
        let n = scalars.count
        guard n >= 4 else { return }
        // Candidate annotations: (open index, close index, has tone mark).
        var candidates: [(Int, Int, Bool)] = []
        var anyToned = false
        var i = 1
        while i < n - 2 {
            if scalars[i] == open && ScriptClass.isHan(scalars[i - 1]) {
                var j = i + 1
                while j < n && j - i <= 7 && scalars[j] != close { j += 1 }
                if j < n && scalars[j] == close && j - i >= 2 {
                    if let toned = syllable(scalars[(i + 1)..<j]) {
                        candidates.append((i, j, toned))
                        anyToned = anyToned || toned
                        i = j + 1
                        continue
                    }
                }
            }
            i += 1
        }
        guard anyToned else { return }
        // In annotated text, a tone-marked syllable also goes when the character before it is not
        // Han: scraped pages garble characters (日??己诉^(guò)程), and the annotation is still noise.
        var k = 1
        var c = 0
        while k < n - 2 {
            while c < candidates.count && candidates[c].1 < k { c += 1 }
            let taken = c < candidates.count && candidates[c].0 <= k && k <= candidates[c].1
            let before = scalars[k - 1]
            if !taken && scalars[k] == open && !ScriptClass.isHan(before) && before != 0x20 {
                var j = k + 1
                while j < n && j - k <= 7 && scalars[j] != close { j += 1 }
                if j < n && scalars[j] == close && j - k >= 2, syllable(scalars[(k + 1)..<j]) == true {
                    candidates.append((k, j, true))
                    k = j + 1
                    continue
                }
            }
            k += 1
        }
        var keep = [Bool](repeating: true, count: n)
        for (a, b, _) in candidates {
            for k in a...b { keep[k] = false }
        }
        var out = NormalizedText()
        out.reserve(n)
        for k in 0..<n where keep[k] {
            out.append(scalars[k], text.originalStart[k], text.originalEnd[k])
        }
        text = out
    }

    /// Whether `letters` is a pinyin syllable; `nil` when not, else whether it carries a tone mark.
    static func syllable(_ letters: ArraySlice<UInt32>) -> Bool? {
        guard letters.count >= 1 && letters.count <= 6 else { return nil }
        var plain: [UInt8] = []
        plain.reserveCapacity(letters.count)
        var toned = false
        for c in letters {
            if c >= 0x61 && c <= 0x7A { plain.append(UInt8(c)); continue }
            guard let base = toneBase[c] else { return nil }
            if c != 0xFC { toned = true }  // ü alone is not a tone mark
            plain.append(base)
        }
        return isSyllable(plain) ? toned : nil
    }

    /// Tone-marked vowels (and ü) to their base letter; ü is written `v`.
    private static let toneBase: [UInt32: UInt8] = {
        var m: [UInt32: UInt8] = [:]
        let groups: [(String, Character)] = [
            ("āáǎà", "a"), ("ēéěè", "e"), ("īíǐì", "i"), ("ōóǒò", "o"), ("ūúǔù", "u"),
            ("ǖǘǚǜü", "v"), ("ńňǹ", "n"), ("ḿ", "m"),
        ]
        for (marked, base) in groups {
            for s in marked.unicodeScalars { m[s.value] = base.asciiValue! }
        }
        return m
    }()

    private static let initials: [String] = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w",
    ]
    private static let finals: Set<String> = [
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er",
        "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan",
        "un", "uang", "ue", "ve", "van", "vn", "io", "ueng", "uen", "iou", "uei",
    ]
    private static let standalone: Set<String> = ["n", "ng", "m", "hm", "hng", "ê"]

    static func isSyllable(_ letters: [UInt8]) -> Bool {
        let s = String(decoding: letters, as: UTF8.self)
        if standalone.contains(s) || finals.contains(s) { return true }
        for initial in initials where s.hasPrefix(initial) {
            if finals.contains(String(s.dropFirst(initial.count))) { return true }
        }
        return false
    }
}
