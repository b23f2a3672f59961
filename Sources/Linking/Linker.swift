import Analysis
import Extraction
import Foundation

/// A reference to a cadre in a document: where (UTF-8 offsets into the document's text), how
/// (full name, alias, surname + title, 老/小 + surname, pronoun), and to whom — linked with the
/// evidence that decided it, or ambiguous with its candidates, never guessed.
public struct Mention: Codable, Sendable, Equatable {
    public enum Form: String, Codable, Sendable, CaseIterable {
        case full, alias
        case surnameTitle = "surname_title"
        /// 老王, 小王: 老 / 小 + surname.
        case familiar
        case pronoun
    }

    public enum Status: String, Codable, Sendable {
        case linked, ambiguous
    }

    public var start: Int
    public var end: Int
    public var text: String
    public var form: Form
    public var status: Status
    /// The linked cadre's id.
    public var cadre: String?
    /// Every cadre the form could refer to (the linked one first when linked).
    public var candidates: [String]
    /// The passage (sentence, or the turn or entry when shorter) the mention is in.
    public var passageStart: Int
    public var passageEnd: Int
    /// Why it was linked, or why it could not be.
    public var evidence: String
}

/// Finds and links cadre mentions in documents, against one roster. Immutable and thread-safe;
/// each call takes the caller's analyzer (for normalisation: Traditional, full-width and
/// annotated text match as Simplified).
///
/// Disambiguation uses, per candidate: being a subject of the document (sidecar or header), a
/// title beside the name that is the candidate's post, the candidate's unit named in the same
/// sentence or in the document, the candidate named in full elsewhere in the document, and for
/// pronouns the cadre the transcript question asks about. A name that is also an ordinary word
/// (高明, 江山, 许诺) needs one such piece of support to count as a mention at all. When the best
/// candidate is not ahead of the rest, the mention stays `ambiguous` with its candidates.
public final class Linker: Sendable {
    public let roster: Roster
    let cadres: [Cadre]
    /// Patterns in normalised scalars, grouped by first scalar, longest first.
    let patterns: [UInt32: [Pattern]]
    /// Per cadre: normalised unit forms to look for in text.
    let unitForms: [[[UInt32]]]
    /// Per cadre: normalised posts (局长, 副局长, 党组书记) and their short titles.
    let posts: [[String]]
    /// Per cadre: titles the cadre holds as such (not as a deputy): 局长 for a 局长, not for a 副局长.
    let ownTitles: [Set<String>]
    let wordLike: Set<Int>
    let indexByID: [String: Int]

    struct Pattern: Sendable {
        var scalars: [UInt32]
        var entries: [(cadre: Int, form: Mention.Form, title: String?)]
    }

    /// Compound surnames (复姓) taken whole.
    public static let compoundSurnames: Set<String> = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
                                                        "司徒", "夏侯", "端木", "南宫", "独孤", "西门", "轩辕", "百里", "呼延", "万俟", "澹台", "公冶", "太史", "申屠"]
    /// Titles used after a surname (张局长, 李书记, 王主任), beyond those in the roster's posts.
    public static let commonTitles: [String] = ["书记", "局长", "主任", "处长", "科长", "区长", "县长", "市长", "镇长", "乡长", "部长", "厅长",
                                                 "校长", "院长", "主席", "委员", "组长", "队长", "所长", "站长", "经理", "总", "工", "秘书长", "主管", "专员"]
    static let pronouns: [String] = ["该同志", "這位同志", "該同志", "这位同志", "此人", "他", "她"]
    /// Words after or before a name that mark it as a person (for names that are also words).
    static let personCues: [String] = ["同志", "书记", "局长", "主任", "处长", "科长", "区长", "镇长", "部长", "说", "表示", "认为", "反映", "指出", "讲", "同意", "签字", "批示", "分管", "负责"]

    public static func surname(of name: String) -> String {
        let two = String(name.prefix(2))
        return name.count > 2 && compoundSurnames.contains(two) ? two : String(name.prefix(1))
    }

    /// The posts of a position string (党组书记、局长 → 党组书记, 局长) and their short titles
    /// (党组书记 → 书记; 副局长 → 副局长, 局长).
    static func titles(of position: String) -> (posts: [String], short: [String]) {
        let posts = position.split(whereSeparator: { "、,，/ ;；".contains($0) }).map(String.init).filter { !$0.isEmpty }
        var short: [String] = []
        for p in posts {
            short.append(p)
            if let t = commonTitles.first(where: { p.hasSuffix($0) && $0.count >= 2 }) {
                short.append(t)
                if p.hasPrefix("副") { short.append("副" + t) }
            }
        }
        return (posts, Array(Set(short)))
    }

    /// Short forms of a unit name: itself, without the city or county in front (青川市交通运输局 →
    /// 交通运输局), and the first two characters of its core with its last character (交通局).
    public static func unitNames(_ unit: String) -> [String] {
        guard !unit.isEmpty else { return [] }
        var forms = [unit]
        var core = unit
        // Only a place-name prefix (青川市, 某某县): two or three characters before the marker, and
        // not 城市管理局 (→ 管理局) or 县委组织部 (→ 委组织部).
        for marker in ["省", "市", "县", "区"] {
            if let r = core.range(of: marker), (2...3).contains(core.distance(from: core.startIndex, to: r.lowerBound)), core[r.upperBound...].count >= 2,
               !["委", "政"].contains(core[r.upperBound...].first.map(String.init) ?? ""), !core[..<r.lowerBound].hasSuffix("城") {
                core = String(core[r.upperBound...])
                forms.append(core)
                break
            }
        }
        let tails = ["人民政府", "办事处", "委员会", "局", "委", "办", "厅", "院", "校", "所", "中心"]
        if core.hasSuffix("人民政府") && core.count > 4 {
            // 清河区人民政府 → 清河区政府, 清河区
            let place = String(core.dropLast(4))
            forms.append(place + "政府")
            if place.count >= 3 { forms.append(place) }
        } else if let tail = tails.first(where: { core.hasSuffix($0) }), core.count - tail.count >= 3 {
            let last = tail == "委员会" ? "委" : tail
            forms.append(String(core.prefix(2)) + last)
            if core.count - tail.count > 4 { forms.append(String(core.prefix(4)) + last) }
        }
        return Array(Set(forms)).filter { $0.count >= 3 }
    }

    public init(roster: Roster, analyzer: Analyzer) {
        // Names must not contain line breaks or sentence ends (a roster typo would otherwise make
        // a match run past its sentence).
        let roster = Roster(cadres: roster.cadres.map { c in
            var c = c
            let bad = CharacterSet.newlines.union(CharacterSet(charactersIn: "。！？；!?;"))
            c.name = c.name.components(separatedBy: bad).joined().trimmingCharacters(in: .whitespacesAndNewlines)
            c.aliases = c.aliases.map { $0.components(separatedBy: bad).joined().trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            return c
        })
        self.roster = roster
        cadres = roster.cadres
        indexByID = Dictionary(cadres.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func norm(_ s: String) -> [UInt32] { analyzer.normalize(s).scalars }
        var byKey: [[UInt32]: [(Int, Mention.Form, String?)]] = [:]
        var posts: [[String]] = []
        var ownTitles: [Set<String>] = []
        var wordLike = Set<Int>()
        // Word-likeness is judged by the plain word breaker: the caller's analyzer may have the
        // roster's names in its lexicon, which would make every name a word of its own.
        let plain = try? Analyzer()
        for (i, c) in cadres.enumerated() {
            byKey[norm(c.name), default: []].append((i, .full, nil))
            for a in c.aliases where !a.isEmpty { byKey[norm(a), default: []].append((i, .alias, nil)) }
            let surname = Self.surname(of: c.name)
            let (_, short) = Self.titles(of: c.position)
            posts.append(short.map { String(String.UnicodeScalarView(norm($0).compactMap(Unicode.Scalar.init))) })
            let (held, _) = Self.titles(of: c.position)
            ownTitles.append(Set(held.flatMap { p in p.contains("副") ? [p] : [p] + Self.commonTitles.filter { p.hasSuffix($0) && $0.count >= 2 } }))
            for t in Set(short + (short.contains { $0.hasPrefix("副") } ? short.filter { $0.hasPrefix("副") }.map { String($0.dropFirst()) } : [])) {
                byKey[norm(surname + t), default: []].append((i, .surnameTitle, t))
            }
            for p in ["老", "小"] { byKey[norm(p + surname), default: []].append((i, .familiar, nil)) }
            // A name the word breaker keeps as one dictionary word is also an ordinary word.
            if let tokens = try? (plain ?? analyzer).analyze(c.name), tokens.filter({ $0.kind == .word }).count == 1,
               tokens.first(where: { $0.kind == .word })?.term == String(String.UnicodeScalarView(norm(c.name).compactMap(Unicode.Scalar.init))),
               Self.looksLikeWord(c.name) {
                wordLike.insert(i)
            }
        }
        var patterns: [UInt32: [Pattern]] = [:]
        for (key, entries) in byKey where key.count >= 2 {
            patterns[key[0], default: []].append(Pattern(scalars: key, entries: entries.map { ($0.0, $0.1, $0.2) }))
        }
        for k in patterns.keys { patterns[k]!.sort { $0.scalars.count > $1.scalars.count } }
        self.patterns = patterns
        self.posts = posts
        self.ownTitles = ownTitles
        self.wordLike = wordLike
        unitForms = cadres.map { c in Self.unitNames(c.unit).map { norm($0) } }
    }

    static func isHan(_ c: UInt32) -> Bool { (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) }

    /// Characters that commonly follow a name (titles, function words, frequent verbs): another
    /// Han character after a two-character name suggests a three-character name instead.
    static let followers: Set<UInt32> = Set(("局书主副同处科区县市镇乡部院校委组队所站经总老的了在是和与及说等也都就还又被把对从向到为以于着过这那个称表指认强介告透回宣提会出讲谈反平工作今去曾已将要能可不没有很最更常每当先后跟让请给则却但而并或其此该各些再才刚一两三几多少大小上下中前来分负抓同意签批带关在年月日时"
        + "严敬为作干表老主要一直始终从来总是经常平时这几在对于虽然因为所以如果而且并且但是不过同志局长书记同事").unicodeScalars.map(\.value))
    static func canFollowName(_ c: UInt32) -> Bool { followers.contains(c) }

    /// Whether the text before `i` ends with a pronoun subject, perhaps with a time word or adverb
    /// after it (他许诺, 他当时许诺, 我们也许诺): a name that is also a word is then the word.
    static func subjectBefore(_ text: [UInt32], _ i: Int) -> Bool {
        var j = i
        for filler in subjectFillers {
            if j >= filler.count, Array(text[(j - filler.count)..<j]) == filler { j -= filler.count; break }
        }
        return subjectPronouns.contains { j >= $0.count && Array(text[(j - $0.count)..<j]) == $0 }
    }
    static let subjectPronouns = ["他们", "她们", "我们", "你们", "咱们", "他", "她", "我", "你"].map { $0.unicodeScalars.map(\.value) }
    static let subjectFillers = ["当时", "当场", "当面", "亲口", "曾经", "已经", "一再", "反复", "也", "都", "就", "还", "又", "曾"].map { $0.unicodeScalars.map(\.value) }

    /// Whether the word breaker starts a word of two or more characters at `i` (a name is not
    /// run on into a word: 唐亮|敢于担当, but 王明|华是 may be 王明华|是).
    static func wordStarts(at i: Int, in scalars: [UInt32], analyzer: Analyzer) -> Bool {
        let window = String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 6)].compactMap(Unicode.Scalar.init)))
        guard let tokens = try? analyzer.analyze(window) else { return false }
        return tokens.contains { ($0.kind == .word || $0.kind == .lexicon) && $0.start == 0 && $0.end - $0.start >= 6 }
    }
    /// Function words that end a three-character name (王明华是…, 王明华的…).
    static let boundaryAfterName: Set<UInt32> = Set("是的了在和与说等也都就还又被把对从向到为以于着过这那".unicodeScalars.map(\.value))

    /// A unit named right before a mention (公安局的…): the characters before a unit suffix.
    static func unitBefore(_ before: ArraySlice<UInt32>) -> String? {
        let chars = Array(before)
        let tails: Set<UInt32> = Set("局委厅院所站府".unicodeScalars.map(\.value))
        // A unit suffix, not a title's first character (局长, 院长): followed by 的, 副, 党 or the name.
        let after: Set<UInt32> = Set("的副党".unicodeScalars.map(\.value))
        guard let t = chars.indices.last(where: { i in tails.contains(chars[i]) && (i == chars.count - 1 || after.contains(chars[i + 1])) }), t >= 2 else { return nil }
        let unit = chars[max(0, t - 2)...t].filter(isHan)
        guard unit.count >= 3 else { return nil }
        return String(String.UnicodeScalarView(unit.compactMap(Unicode.Scalar.init)))
    }

    /// Given names that ICU treats as words are only word-like when they read as ordinary words:
    /// two-character names whose given name is a common word character pair (高明, 江山, 许诺).
    static func looksLikeWord(_ name: String) -> Bool { name.count == 2 }

    // MARK: Linking

    /// The mentions in `document`, in text order.
    /// `normalized`: the document's text as the analysis normalised it, when the caller has it.
    public func link(_ document: Document, analyzer: Analyzer, normalized: NormalizedText? = nil) -> [Mention] {
        let text = document.text
        let normalized = normalized ?? analyzer.normalize(text)
        let scalars = normalized.scalars
        let utf8 = Array(text.utf8)
        let sentences = Self.sentences(utf8)
        let subjects = Set(document.metadata.subjects)
        let owner = document.metadata.author

        // Raw matches, leftmost-longest.
        struct Raw { var from: Int; var to: Int; var pattern: Pattern }
        var raws: [Raw] = []
        var i = 0
        while i < scalars.count {
            var matched: Pattern?
            if let list = patterns[scalars[i]] {
                for p in list where i + p.scalars.count <= scalars.count {
                    var ok = true
                    for k in 1..<p.scalars.count where scalars[i + k] != p.scalars[k] { ok = false; break }
                    if ok { matched = p; break }
                }
            }
            if let m = matched {
                raws.append(Raw(from: i, to: i + m.scalars.count, pattern: m))
                i += m.scalars.count
            } else {
                i += 1
            }
        }

        // Cadres named in full anywhere in the document (evidence for short forms).
        var namedInFull = Set<Int>()
        for r in raws { for e in r.pattern.entries where e.form == .full { namedInFull.insert(e.cadre) } }
        let whole = scalars
        func contains(_ hay: ArraySlice<UInt32>, _ needle: [UInt32]) -> Bool {
            guard needle.count <= hay.count, let first = needle.first else { return false }
            var j = hay.startIndex
            while j + needle.count <= hay.endIndex {
                if hay[j] == first && hay[j..<(j + needle.count)].elementsEqual(needle) { return true }
                j += 1
            }
            return false
        }
        // The header's fields (谈话地点：市交通运输局…, 谈话对象：…（市交通运输局办公室主任）) say whose
        // unit the document comes from: a unit there outweighs one merely mentioned.
        var headerRanges: [Range<Int>]?
        var headerCache: [Int: Bool] = [:]
        func unitInHeader(_ c: Int) -> Bool {
            if let known = headerCache[c] { return known }
            let ranges = headerRanges ?? document.blocks.filter { $0.kind == .field }.map { scalarRange(ofBytes: $0.start, $0.end) }
            headerRanges = ranges
            let found = ranges.contains { r in unitForms[c].contains { contains(whole[r], $0) } }
            headerCache[c] = found
            return found
        }
        // Whether a cadre's unit is named in the document: computed for candidates only, once.
        var unitCache: [Int: Bool] = [:]
        func unitInDocument(_ c: Int) -> Bool {
            if let known = unitCache[c] { return known }
            let found = unitForms[c].contains { contains(whole[...], $0) } || (document.metadata.unit.map { u in Self.unitNames(cadres[c].unit).contains { u.contains($0) } } ?? false)
            unitCache[c] = found
            return found
        }
        func sentence(containing byte: Int) -> Range<Int>? {
            var lo = 0, hi = sentences.count
            while lo < hi { let mid = (lo + hi) / 2; if sentences[mid].upperBound <= byte { lo = mid + 1 } else { hi = mid } }
            return lo < sentences.count && sentences[lo].contains(byte) ? sentences[lo] : nil
        }

        func scalarRange(ofBytes start: Int, _ end: Int) -> Range<Int> {
            // normalised indices whose original bytes fall in [start, end)
            var lo = 0, hi = normalized.originalStart.count
            while lo < hi { let mid = (lo + hi) / 2; if Int(normalized.originalStart[mid]) < start { lo = mid + 1 } else { hi = mid } }
            var e = lo
            while e < normalized.originalStart.count && Int(normalized.originalStart[e]) < end { e += 1 }
            return lo..<e
        }

        var mentions: [Mention] = []
        var wordLikeAside: [(start: Int, end: Int, cadre: Int, sentence: Range<Int>)] = []
        for r in raws {
            let start = Int(normalized.originalStart[r.from]), end = Int(normalized.originalEnd[r.to - 1])
            let sentence = sentence(containing: start) ?? 0..<utf8.count
            let sr = scalarRange(ofBytes: sentence.lowerBound, sentence.upperBound)
            let context = whole[sr]
            // Text just around the mention, for titles and person cues.
            let before = whole[max(sr.lowerBound, r.from - 6)..<r.from]
            let after = whole[r.to..<min(max(sr.upperBound, r.to), r.to + 4)]
            var scored: [(cadre: Int, score: Int, why: [String])] = []
            var titleBonus: [Int: Int] = [:]
            let fullCompetes = r.pattern.entries.contains { $0.form == .full }
            for e in r.pattern.entries {
                let c = cadres[e.cadre]
                var score = 0
                var why: [String] = []
                if subjects.contains(c.id) || subjects.contains(c.name) { score += 3; why.append("subject of the document") }
                if owner == c.name { score += 3; why.append("author of the document") }
                if unitForms[e.cadre].contains(where: { contains(context, $0) }) { score += 3; why.append("unit named in the sentence") }
                else if unitInHeader(e.cadre) { score += 2; why.append("unit named in the document's header") }
                else if unitInDocument(e.cadre) { score += 1; why.append("unit named in the document") }
                else if let other = Self.unitBefore(before), !cadres[e.cadre].unit.contains(other), !Self.unitNames(cadres[e.cadre].unit).contains(where: { $0.contains(other) }) {
                    // 公安局的张局长: another unit right before the name is evidence against.
                    score -= 2
                    why.append("another unit (\(other)) named before")
                }
                if let t = e.title {
                    let exact = ownTitles[e.cadre].contains(t)
                    score += exact ? 1 : 0
                    if exact { why.append("post \(t)"); titleBonus[e.cadre] = 1 }
                } else if posts[e.cadre].contains(where: { p in p.count >= 2 && (contains(before, p.unicodeScalars.map(\.value)) || contains(after, p.unicodeScalars.map(\.value))) }) {
                    score += 2
                    why.append("post beside the name")
                }
                if e.form != .full && namedInFull.contains(e.cadre) { score += 2; why.append("named in full in the document") }
                // An alias does not outweigh another cadre's full name (王明 as 王小明's alias).
                if e.form == .alias && !fullCompetes { score += 1; why.append("roster alias") }
                scored.append((e.cadre, score, why))
            }
            // One entry per cadre (a cadre can match a pattern twice: alias and familiar).
            var best: [Int: (Int, [String])] = [:]
            for s in scored where (best[s.cadre]?.0 ?? Int.min) < s.score { best[s.cadre] = (s.score, s.why) }
            let ranked = best.sorted { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }
            guard let top = ranked.first else { continue }
            let form = r.pattern.entries.first { $0.cadre == top.key }?.form ?? .full
            // A name that is also an ordinary word needs support to be a mention at all.
            if form == .full && wordLike.contains(top.key) {
                // Right after a subject it is the word, whatever follows (他当时许诺说…, 我们江山…).
                if Self.subjectBefore(whole, r.from) { continue }
                let cue = Self.personCues.contains { contains(after, $0.unicodeScalars.map(\.value)) || contains(before, $0.unicodeScalars.map(\.value)) }
                if top.value.0 < 2 && !cue {
                    // Kept aside: linked only if the same cadre is named otherwise in the document.
                    if ranked.count == 1 { wordLikeAside.append((start, end, top.key, sentence)) }
                    continue
                }
            }
            let candidates = ranked.map { cadres[$0.key].id }
            var m = Mention(start: start, end: end, text: String(decoding: utf8[start..<end], as: UTF8.self), form: form, status: .ambiguous,
                            cadre: nil, candidates: candidates, passageStart: sentence.lowerBound, passageEnd: sentence.upperBound, evidence: "")
            let second = ranked.count > 1 ? ranked[1].value.0 : Int.min
            // Short forms need evidence beyond the title itself: a 张局长 with nothing else could be
            // anyone's 张局长. A lead that is only the title (局长 over 副局长) is not enough either.
            let evidenceBeyondTitle = top.value.0 - (titleBonus[top.key] ?? 0)
            // One candidate for a surname and title, with nothing against it, is the roster's only
            // such cadre; several need evidence beyond the title.
            let needsEvidence = ranked.count > 1 || form == .familiar
            let onlyTitleAhead = ranked.count > 1 && evidenceBeyondTitle <= ranked[1].value.0 - (titleBonus[ranked[1].key] ?? 0)
            // 王明华: a two-character name run on by a Han character may be a longer name.
            // Not when the next characters make a word of their own (唐亮敢于担当: 敢于).
            let runOn = form == .full && cadres[top.key].name.count == 2 && r.to < whole.count && Self.isHan(whole[r.to]) && !Self.canFollowName(whole[r.to])
                && (r.to + 1 >= whole.count || !Self.isHan(whole[r.to + 1]) || Self.boundaryAfterName.contains(whole[r.to + 1]))
                && !Self.wordStarts(at: r.to, in: whole, analyzer: analyzer)
            if top.value.0 > second && !onlyTitleAhead && !runOn && evidenceBeyondTitle >= 0 && (!needsEvidence || evidenceBeyondTitle > 0) {
                m.status = .linked
                m.cadre = cadres[top.key].id
                m.evidence = top.value.1.isEmpty ? "only cadre with this \(form == .full ? "name" : "form")" : top.value.1.joined(separator: "; ")
            } else if ranked.count == 1 && form == .familiar {
                // A familiar form (老王) with no evidence for its one candidate is not a mention.
                continue
            } else {
                m.evidence = runOn ? "may be part of a longer name" : onlyTitleAhead || top.value.0 == second
                    ? "\(max(2, ranked.filter { $0.value.0 >= top.value.0 - 1 }.count)) cadres equally likely" : "no evidence beyond the form"
            }
            mentions.append(m)
        }
        for a in wordLikeAside where mentions.contains(where: { $0.status == .linked && $0.cadre == cadres[a.cadre].id }) {
            mentions.append(Mention(start: a.start, end: a.end, text: String(decoding: utf8[a.start..<a.end], as: UTF8.self), form: .full, status: .linked,
                                    cadre: cadres[a.cadre].id, candidates: [cadres[a.cadre].id], passageStart: a.sentence.lowerBound,
                                    passageEnd: a.sentence.upperBound, evidence: "the same cadre is named otherwise in the document"))
        }
        mentions.sort { $0.start < $1.start }
        mentions += pronounMentions(document, utf8: utf8, sentences: sentences, linked: mentions)
        mentions.sort { $0.start < $1.start }
        return mentions
    }

    /// Words that may stand between a clause start and its subject pronoun (听说他…, 据反映该同志…).
    static let leadIns: [String] = ["听说", "据反映", "据说", "据了解", "我觉得", "我认为", "我感觉", "感觉", "好像", "其实", "我看", "总的来说", "平时", "另外", "但是", "不过", "而且", "我知道"]

    /// 他 / 她 / 该同志 as the subject of a clause in a transcript turn, when the cadre the
    /// conversation is about is known: the one cadre linked in the current question, else in the
    /// last question that named someone. Pronouns inside a clause (他的老部下, 打着他的旗号) may
    /// refer to anyone and are left alone.
    func pronounMentions(_ document: Document, utf8: [UInt8], sentences: [Range<Int>], linked: [Mention]) -> [Mention] {
        var out: [Mention] = []
        var questionCadres: [String] = []
        let interviewer = document.metadata.interviewer
        let clauseEnds = Set(["。", "！", "？", "；", "，", "、", "：", ":", ",", ";", "!", "?", "…"].map { Array($0.utf8) })
        for block in document.blocks where block.kind == .turn {
            // A question is a 问/Q turn or one spoken by the interviewer; other turns answer.
            let isQuestion = block.role == "question" || (block.role == nil && block.speaker != nil && block.speaker == interviewer)
            if isQuestion {
                // The cadre a question asks about carries over questions that name nobody; a
                // question naming someone ambiguous clears it (他 then has no known referent).
                let inQuestion = linked.filter { $0.start >= block.start && $0.end <= block.end && $0.form != .pronoun }
                if !inQuestion.isEmpty {
                    let named = Set(inQuestion.filter { $0.status == .linked }.compactMap(\.cadre))
                    questionCadres = inQuestion.contains { $0.status == .ambiguous } ? [] : Array(named)
                }
            }
            guard questionCadres.count == 1, let cadre = questionCadres.first else { continue }
            var i = block.start
            while i < block.end {
                guard let p = Self.pronouns.first(where: { i + $0.utf8.count <= block.end && utf8[i..<(i + $0.utf8.count)].elementsEqual($0.utf8) }) else {
                    i += 1
                    continue
                }
                let start = i, end = i + p.utf8.count
                i = end
                let next = String(decoding: utf8[end..<min(block.end, end + 3)], as: UTF8.self)
                if next.hasPrefix("们") || next.hasPrefix("人") || next.hasPrefix("的") { continue }
                if linked.contains(where: { $0.start <= start && $0.end > start }) { continue }
                // Someone else named earlier in this answer makes 他 uncertain.
                if !isQuestion && linked.contains(where: { $0.start >= block.start && $0.end <= start && $0.form != .pronoun && $0.cadre != cadre }) { continue }
                // Clause-initial: only a turn label, a clause mark, or a lead-in word before it.
                var j = start
                var lead = ""
                while j > block.start {
                    var k = j - 1
                    while k > block.start && utf8[k] & 0xC0 == 0x80 { k -= 1 }
                    let ch = Array(utf8[k..<j])
                    if clauseEnds.contains(ch) { break }
                    lead = String(decoding: ch, as: UTF8.self) + lead
                    j = k
                }
                let trimmed = lead.trimmingCharacters(in: .whitespaces)
                // 该同志 always means the cadre under discussion; 他 / 她 only as a clause's subject,
                // or in a question after the cadre's name (你和杨帆共事多久了？对他有什么印象？).
                let definite = p.hasSuffix("同志")
                let namedBefore = isQuestion && linked.contains { $0.cadre == cadre && $0.start >= block.start && $0.end <= start }
                guard definite || namedBefore || trimmed.isEmpty || Self.leadIns.contains(trimmed) else { continue }
                let sentence = sentences.first { $0.contains(start) } ?? block.start..<block.end
                out.append(Mention(start: start, end: end, text: p, form: .pronoun, status: .linked, cadre: cadre, candidates: [cadre],
                                   passageStart: sentence.lowerBound, passageEnd: sentence.upperBound,
                                   evidence: isQuestion ? "the question is about this cadre" : "the question asks about this cadre"))
            }
        }
        // Outside transcripts (letters, notes, reports): a clause-initial pronoun refers to the one
        // cadre linked in its sentence or the sentence before.
        let turns = document.blocks.filter { $0.kind == .turn }
        for (n, sentence) in sentences.enumerated() where !turns.contains(where: { $0.start <= sentence.lowerBound && sentence.lowerBound < $0.end }) {
            let window = (n > 0 ? sentences[n - 1].lowerBound : sentence.lowerBound)..<sentence.upperBound
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                guard let p = Self.pronouns.first(where: { i + $0.utf8.count <= sentence.upperBound && utf8[i..<(i + $0.utf8.count)].elementsEqual($0.utf8) }) else {
                    i += 1
                    continue
                }
                let start = i, end = i + p.utf8.count
                i = end
                let next = String(decoding: utf8[end..<min(sentence.upperBound, end + 3)], as: UTF8.self)
                if next.hasPrefix("们") || next.hasPrefix("人") || next.hasPrefix("的") { continue }
                let lead = String(decoding: utf8[sentence.lowerBound..<start], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                guard lead.isEmpty || Self.leadIns.contains(lead) || p.hasSuffix("同志") else { continue }
                let earlier = linked.filter { window.contains($0.start) && $0.start < start }
                let before = Set(earlier.filter { $0.status == .linked }.compactMap(\.cadre))
                // An ambiguous mention nearby is a competitor too.
                guard before.count == 1, !earlier.contains(where: { $0.status == .ambiguous }), let cadre = before.first else { continue }
                out.append(Mention(start: start, end: end, text: p, form: .pronoun, status: .linked, cadre: cadre, candidates: [cadre],
                                   passageStart: sentence.lowerBound, passageEnd: sentence.upperBound, evidence: "the one cadre named just before"))
            }
        }
        return out
    }

    /// Sentences as UTF-8 ranges: cut after 。！？；!?; and at line breaks.
    static func sentences(_ utf8: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        let enders: [[UInt8]] = ["。", "！", "？", "；", "!", "?", ";"].map { Array($0.utf8) }
        while i < utf8.count {
            if utf8[i] == 0x0A {
                if i > start { out.append(start..<i) }
                start = i + 1
                i += 1
                continue
            }
            if let e = enders.first(where: { i + $0.count <= utf8.count && Array(utf8[i..<(i + $0.count)]) == $0 }) {
                out.append(start..<(i + e.count))
                i += e.count
                start = i
                continue
            }
            i += 1
        }
        if start < utf8.count { out.append(start..<utf8.count) }
        return out
    }
}
