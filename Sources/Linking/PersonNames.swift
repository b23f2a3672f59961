import Foundation

/// Person-name-like strings in Chinese text, for roster upkeep: a known surname, one or two
/// given-name characters, and a cue that the string names a person — a title or 同志 after it
/// (王明同志, 李华局长), a title or role before it (记者王明, 书记李华), a speech verb after it
/// (王明说, 李华表示), or a list of such names (王明、李华). Rule-based and explainable;
/// measured against the People's Daily 1998 `/nr` labels (`yz eval names`).
public enum PersonNames {
    /// The most common single-character surnames (covering the large majority of the population)
    /// and the compound ones.
    public static let surnames: Set<Character> = Set(surnamesByFrequency)
    /// The list in order of frequency; the first 80 are common enough to win over a reading as
    /// preposition + surname + title (李华同志 is a name; 向张局长 is 向 + 张局长).
    static let surnamesByFrequency = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
    static let commonSurnames: Set<Character> = Set(surnamesByFrequency.prefix(80))
    public static let compoundSurnames: Set<String> = Linker.compoundSurnames

    /// Titles and roles that precede or follow a name.
    static let titles: [String] = ["同志", "书记", "局长", "主任", "处长", "科长", "区长", "县长", "市长", "镇长", "乡长", "部长", "厅长", "省长", "主席", "总理",
                                   "委员", "院长", "校长", "所长", "站长", "队长", "组长", "经理", "董事长", "总裁", "记者", "教授", "老师", "医生", "先生",
                                   "女士", "大使", "代表", "司令", "政委", "秘书长", "副总理", "常委", "工程师", "研究员", "会长", "理事长", "村民", "师傅", "大娘", "大爷"]
    /// Verbs of saying and reporting after a name.
    static let speech: [String] = ["说", "表示", "指出", "认为", "强调", "介绍", "告诉", "透露", "回忆", "宣布", "提出", "会见", "主持", "出席", "讲话", "谈到", "反映", "等"]
    /// Characters that do not occur in given names (function words, punctuation-like).
    static let notInNames: Set<Character> = Set("的了在是和与及或等们这那个也都就还又被把对从向到为以于着过地得之其此每各该所并而但却很最更已将要会能可不没有无上下中内外前后里间年月日时分号省市县区乡镇村人大小多少第一二三四五六七八九十百千万亿零两几同志说表示指出认为强调书记局长主任委员同事家院校会党政部门厅处科站队组")

    public struct Candidate: Sendable, Equatable {
        public var name: String
        /// UTF-8 offsets into the text.
        public var start: Int
        public var end: Int
        public var cue: String
    }

    /// Titles that stand right before a name (记者王明, 局长马超); 同志 does not (该同志严格…).
    static let titlesBefore: [String] = titles.filter { !["同志", "先生", "女士", "村民", "师傅", "大娘", "大爷", "代表"].contains($0) }

    /// Candidates in `text`, leftmost first, non-overlapping. `wordEnds` are the UTF-8 offsets
    /// where the word breaker ends words: a name must end at one (局长马超作风 → 马超, not 马超作).
    /// Names in `known` (the roster) are taken as they are, so a known 吴敏 is not read as 吴敏抓.
    public static func candidates(in text: String, wordEnds: Set<Int>? = nil, known: Set<String> = []) -> [Candidate] {
        let chars = Array(text)
        var offsets: [Int] = []
        offsets.reserveCapacity(chars.count + 1)
        var o = 0
        for c in chars { offsets.append(o); o += c.utf8.count }
        offsets.append(o)
        func isHan(_ c: Character) -> Bool { c.unicodeScalars.first.map { $0.value >= 0x4E00 && $0.value <= 0x9FFF } ?? false }
        func word(at i: Int, in list: [String]) -> String? {
            list.first { w in i + w.count <= chars.count && String(chars[i..<(i + w.count)]) == w }
        }
        func wordEnding(at i: Int, in list: [String]) -> String? {
            list.first { w in i - w.count >= 0 && String(chars[(i - w.count)..<i]) == w }
        }
        var out: [Candidate] = []
        // Longest first, so 王明华 wins over 王明 whatever the set's order.
        let knownByLength = known.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        var i = 0
        while i < chars.count {
            var surnameLength = 0
            if i + 2 <= chars.count, compoundSurnames.contains(String(chars[i..<(i + 2)])) { surnameLength = 2 }
            else if surnames.contains(chars[i]) { surnameLength = 1 }
            guard surnameLength > 0 else { i += 1; continue }
            var best: Candidate?
            if let name = knownByLength.first(where: { i + $0.count <= chars.count && String(chars[i..<(i + $0.count)]) == $0 }) {
                out.append(Candidate(name: name, start: offsets[i], end: offsets[i + name.count], cue: "known"))
                i += name.count
                continue
            }
            // Prefer a two-character given name, then one.
            for given in [2, 1] {
                let end = i + surnameLength + given
                guard end <= chars.count else { continue }
                let g = chars[(i + surnameLength)..<end]
                guard g.allSatisfy({ isHan($0) && !notInNames.contains($0) }) else { continue }
                let name = String(chars[i..<end])
                var cue: String?
                if let t = word(at: end, in: titles) { cue = t }
                else if let s = word(at: end, in: speech) { cue = s }
                else if let t = wordEnding(at: i, in: titlesBefore) {
                    // 江局长周末…: the title belongs to a surname before it, not to what follows.
                    let b = i - t.count - 1
                    if !(b >= 0 && surnames.contains(chars[b])) { cue = t }
                }
                // Transcript headers and speaker labels: 谈话人：王明, 记录人:李华, 王明：…
                if cue == nil, let l = ["人：", "人:", "对象：", "对象:", "成员：", "成员:", "员：", "员:"].first(where: { w in i - w.count >= 0 && String(chars[(i - w.count)..<i]) == w }) { cue = l }
                if cue == nil, end < chars.count, chars[end] == "：" || chars[end] == ":", i == 0 || chars[i - 1] == "\n" { cue = "speaker" }
                if let wordEnds, !wordEnds.contains(offsets[end]) { continue }
                // 张局长 is a surname and a title, not a name 向张 (向张局长汇报).
                let givenText = String(g)
                if cue.map({ titles.contains($0) }) == true,
                   (given == 1 && surnames.contains(chars[i + surnameLength]) && !commonSurnames.contains(chars[i])) || compoundSurnames.contains(givenText) { continue }
                // A one-character given name must not be the first character of a longer word
                // continuing the name (王明天 → 王明 only with a cue right after it).
                if let cue {
                    // The character before must not make the surname part of a word (大王明).
                    if i > 0, isHan(chars[i - 1]), !titles.contains(where: { $0.last == chars[i - 1] }),
                       wordEnding(at: i, in: titles) == nil, !["和", "与", "及", "对", "给", "向", "在", "把", "被", "由", "是", "同", "跟", "让", "请", "称", "据", "为"].contains(chars[i - 1]) {
                        continue
                    }
                    best = Candidate(name: name, start: offsets[i], end: offsets[end], cue: cue)
                    break
                }
            }
            if let best {
                out.append(best)
                i += best.name.count
            } else {
                i += 1
            }
        }
        // A name found once with a cue is a name wherever else it occurs in the text.
        let confirmed = Set(out.map(\.name)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        guard !confirmed.isEmpty else { return out }
        var repeats: [Candidate] = []
        var taken = Set(out.map(\.start))
        i = 0
        while i < chars.count {
            if let name = confirmed.first(where: { i + $0.count <= chars.count && String(chars[i..<(i + $0.count)]) == $0 }), !taken.contains(offsets[i]) {
                repeats.append(Candidate(name: name, start: offsets[i], end: offsets[i + name.count], cue: "named before"))
                taken.insert(offsets[i])
                i += name.count
            } else {
                i += 1
            }
        }
        return (out + repeats).sorted { $0.start < $1.start }
    }

    /// Precision and recall of ``candidates(in:)`` against person-name labels.
    public struct Score: Codable, Sendable {
        public var predicted = 0
        public var gold = 0
        public var correct = 0
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var sentences = 0
    }

    /// Scores the detector on a PKU 1998 file (`word/tag` tokens separated by tabs or spaces, one
    /// paragraph per line; `/nr` marks person names): per line, predicted names are compared with
    /// the `/nr` tokens as multisets of strings. Full-width letters and digits are left as they are.
    public static func evaluatePKU(_ url: URL, wordEnds: ((String) -> Set<Int>)? = nil) throws -> Score {
        let text = try String(contentsOf: url, encoding: .utf8)
        var score = Score()
        for line in text.split(separator: "\n") {
            var plain = ""
            var gold: [String: Int] = [:]
            var previousWasName = false
            for token in line.split(whereSeparator: { $0 == "\t" || $0 == " " }) {
                var t = Substring(token)
                if t.hasPrefix("[") { t = t.dropFirst() }
                if let close = t.range(of: "]/", options: .backwards) { t = t[..<close.lowerBound] }
                guard let slash = t.range(of: "/", options: .backwards) else { continue }
                let word = String(t[..<slash.lowerBound])
                let tag = t[slash.upperBound...]
                // PKU 1998 sometimes splits a name as surname/nr given/nr: join them.
                if tag == "nr" {
                    if previousWasName, let last = gold.keys.first(where: { plain.hasSuffix($0) }), last.count == 1 {
                        gold[last]! -= 1
                        if gold[last] == 0 { gold.removeValue(forKey: last) }
                        gold[last + word, default: 0] += 1
                    } else {
                        gold[word, default: 0] += 1
                    }
                }
                previousWasName = tag == "nr"
                plain += word
            }
            score.sentences += 1
            var predicted: [String: Int] = [:]
            for c in candidates(in: plain, wordEnds: wordEnds?(plain)) { predicted[c.name, default: 0] += 1 }
            score.predicted += predicted.values.reduce(0, +)
            score.gold += gold.values.reduce(0, +)
            for (name, n) in predicted { score.correct += min(n, gold[name] ?? 0) }
        }
        return score
    }
}
