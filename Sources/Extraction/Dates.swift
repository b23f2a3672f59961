import Foundation

/// Chinese and ISO date expressions to ISO `yyyy-mm-dd`, by a hand-written scanner (regular
/// expressions cost more than the rest of plain-text extraction together).
///
/// Forms: `2024年3月5日` (号 too, spaces allowed), `2024-03-05` (`/` and `.` too),
/// `二〇二四年三月五日`, and `3月5日` with the year from context.
enum Dates {
    private static let chineseDigits: [UInt32: Int] = [
        0x3007: 0, 0x96F6: 0, 0x25CB: 0, 0x4E00: 1, 0x4E8C: 2, 0x4E09: 3, 0x56DB: 4, 0x4E94: 5, 0x516D: 6, 0x4E03: 7,
        0x516B: 8, 0x4E5D: 9,
    ]
    private static let ten: UInt32 = 0x5341  // 十
    private static let year: UInt32 = 0x5E74, month: UInt32 = 0x6708, day: UInt32 = 0x65E5, hao: UInt32 = 0x53F7

    /// A date at the start of `line` (after optional spaces), with the number of characters it took.
    /// `year` supplies the year for `3月5日`.
    static func leading(_ line: Substring, year contextYear: Int?) -> (iso: String, length: Int)? {
        let scalars = Array(line.unicodeScalars.prefix(40).map(\.value))
        var i = 0
        while i < scalars.count && (scalars[i] == 0x20 || scalars[i] == 0x3000) { i += 1 }
        guard let (y, m, d, end) = scan(scalars, at: i), let yy = y ?? contextYear, valid(yy, m, d) else { return nil }
        // Characters, not scalars, for the caller: the two agree for these forms.
        return (iso(yy, m, d), end)
    }

    /// Every full date (with a year) in `text`, in order.
    static func all(in text: Substring) -> [String] {
        let scalars = Array(text.unicodeScalars.map(\.value))
        var found: [String] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let startsNumber = (c >= 0x30 && c <= 0x39) || chineseDigits[c] != nil
            let continuesNumber = i > 0 && ((scalars[i - 1] >= 0x30 && scalars[i - 1] <= 0x39))
            if startsNumber && !continuesNumber, let (y, m, d, end) = scan(scalars, at: i), let y, valid(y, m, d) {
                found.append(iso(y, m, d))
                i = end
                continue
            }
            i += 1
        }
        return found
    }

    /// Parses one date form at `start`: (year or nil, month, day, end index).
    private static func scan(_ s: [UInt32], at start: Int) -> (Int?, Int, Int, Int)? {
        var i = start
        func digits(_ maxCount: Int) -> Int? {
            var value = 0, n = 0
            while i < s.count && n < maxCount && s[i] >= 0x30 && s[i] <= 0x39 { value = value * 10 + Int(s[i] - 0x30); i += 1; n += 1 }
            return n == 0 ? nil : value
        }
        func spaces() { while i < s.count && s[i] == 0x20 { i += 1 } }
        func expect(_ c: UInt32) -> Bool { if i < s.count && s[i] == c { i += 1; return true }; return false }
        func expectDayMark() -> Bool { if i < s.count && (s[i] == day || s[i] == hao) { i += 1; return true }; return false }

        if i < s.count && s[i] >= 0x30 && s[i] <= 0x39 {
            let save = i
            if let y = digits(4), i - save == 4 {
                // 2024年3月5日
                let afterYear = i
                spaces()
                if expect(year) {
                    spaces()
                    if let m = digits(2) { spaces(); if expect(month) { spaces(); if let d = digits(2) { spaces(); if expectDayMark() { return (y, m, d, i) } } } }
                    return nil
                }
                // 2024-03-05
                i = afterYear
                if i < s.count, [0x2D, 0x2F, 0x2E].contains(s[i]) {
                    let sep = s[i]
                    i += 1
                    if let m = digits(2), expect(sep), let d = digits(2) {
                        if i < s.count && s[i] >= 0x30 && s[i] <= 0x39 { return nil }
                        return (y, m, d, i)
                    }
                }
                return nil
            }
            // 3月5日
            i = save
            if let m = digits(2) { spaces(); if expect(month) { spaces(); if let d = digits(2) { spaces(); if expectDayMark() { return (nil, m, d, i) } } } }
            return nil
        }
        // 二〇二四年三月五日
        var y = 0
        for _ in 0..<4 {
            guard i < s.count, let v = chineseDigits[s[i]] else { return nil }
            y = y * 10 + v
            i += 1
        }
        guard expect(year), let m = chineseNumber(s, &i), expect(month), let d = chineseNumber(s, &i), expectDayMark() else { return nil }
        return (y, m, d, i)
    }

    /// 五 → 5, 十 → 10, 十二 → 12, 二十一 → 21, 三十 → 30.
    private static func chineseNumber(_ s: [UInt32], _ i: inout Int) -> Int? {
        var value = 0
        var sawTen = false
        var digit: Int?
        while i < s.count {
            if s[i] == ten {
                guard !sawTen else { return nil }
                value = (digit ?? 1) * 10
                digit = nil
                sawTen = true
            } else if let v = chineseDigits[s[i]], v > 0 || sawTen {
                guard digit == nil else { return nil }
                digit = v
            } else {
                break
            }
            i += 1
        }
        guard sawTen || digit != nil else { return nil }
        return value + (digit ?? 0)
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        let mm = m < 10 ? "0\(m)" : "\(m)", dd = d < 10 ? "0\(d)" : "\(d)"
        return "\(y)-\(mm)-\(dd)"
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        y >= 1949 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
    }
}
