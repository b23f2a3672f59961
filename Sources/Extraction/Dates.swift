import Foundation
/// Chinese and ISO date expressions to ISO `yyyy-mm-dd`.
enum Dates {
    private static let chineseDigits: [Character: Int] = [
        "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// A date at the start of `line` (after optional spaces), with the number of characters it
    /// took. `year` supplies the year for `3月5日`.
    static func leading(_ line: Substring, year: Int?) -> (iso: String, length: Int)? {
        let s = line.drop(while: { $0 == " " || $0 == "\u{3000}" })
        let skipped = line.count - s.count
        let patterns: [(String, (Substring) -> (Int?, Int, Int)?)] = [
            (#"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"#, { m in numeric(m) }),
            (#"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"#, { m in numeric(m) }),
            (#"^[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]"#, { m in chinese(m) }),
            (#"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"#, { m in monthDay(m) }),
        ]
        for (pattern, parse) in patterns {
            guard let r = s.range(of: pattern, options: .regularExpression) else { continue }
            let match = s[r]
            guard let (y, m, d) = parse(match), let yy = y ?? year, valid(yy, m, d) else { continue }
            return (iso(yy, m, d), skipped + match.count)
        }
        return nil
    }

    /// Every date in `text` (full dates only), in order.
    static func all(in text: Substring) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let r = rest.range(of: #"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}-\d{1,2}-\d{1,2}(?!\d)|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号])"#, options: .regularExpression) {
            if let (d, _) = leading(rest[r], year: nil) { found.append(d) }
            rest = rest[r.upperBound...]
        }
        return found
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        let mm = m < 10 ? "0\(m)" : "\(m)", dd = d < 10 ? "0\(d)" : "\(d)"
        return "\(y)-\(mm)-\(dd)"
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        y >= 1949 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
    }

    private static func numbers(_ s: Substring) -> [Int] {
        s.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
    }

    private static func numeric(_ m: Substring) -> (Int?, Int, Int)? {
        let n = numbers(m)
        return n.count == 3 ? (n[0], n[1], n[2]) : nil
    }

    private static func monthDay(_ m: Substring) -> (Int?, Int, Int)? {
        let n = numbers(m)
        return n.count == 2 ? (nil, n[0], n[1]) : nil
    }

    /// 二〇二四年三月五日, 十二月二十一日.
    private static func chinese(_ m: Substring) -> (Int?, Int, Int)? {
        guard let yearEnd = m.firstIndex(of: "年"), let monthEnd = m.firstIndex(of: "月") else { return nil }
        var year = 0
        for c in m[..<yearEnd] { guard let v = chineseDigits[c] else { return nil }; year = year * 10 + v }
        let month = tens(m[m.index(after: yearEnd)..<monthEnd])
        let day = tens(m[m.index(after: monthEnd)...].dropLast())
        guard let month, let day else { return nil }
        return (year, month, day)
    }

    /// 五 → 5, 十 → 10, 十二 → 12, 二十一 → 21, 三十 → 30.
    private static func tens(_ s: Substring) -> Int? {
        if let t = s.firstIndex(of: "十") {
            let high = s[..<t].isEmpty ? 1 : chineseDigits[s[s.startIndex]]
            let lowPart = s[s.index(after: t)...]
            let low = lowPart.isEmpty ? 0 : chineseDigits[lowPart[lowPart.startIndex]]
            guard let high, let low else { return nil }
            return high * 10 + low
        }
        guard s.count == 1, let v = chineseDigits[s[s.startIndex]] else { return nil }
        return v
    }
}
