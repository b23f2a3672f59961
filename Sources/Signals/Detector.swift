import Analysis
import Extraction
import Foundation
import Linking

/// One piece of evidence: an indicator found in a clause, its status, and the cadre it is about.
public struct Evidence: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// The text says it happened.
        case asserted
        /// The text denies it (没有, 从未, 不存在 …): exculpatory, never counted against anyone.
        case negated
        /// Reported second-hand or hedged (听说, 据反映, 好像 …): kept, weighed less.
        case hearsay
    }

    /// The cadre it is about; nil when it could not be attributed (kept as such).
    public var cadre: String?
    public var indicator: String
    public var dimension: String
    public var polarity: Taxonomy.Polarity
    public var status: Status
    /// The quoted clause: UTF-8 offsets into the document's text, and its text.
    public var start: Int
    public var end: Int
    public var quote: String
    /// The trigger (or proximity pair) inside the quote.
    public var triggerStart: Int
    public var triggerEnd: Int
    /// Who said it: the speaker of the transcript turn, else the document's informant.
    public var informant: String?
    /// How the cadre was found (named in the clause, in the sentence, the question's subject …).
    public var attribution: String
}

/// Finds the taxonomy's indicators in documents, independent of word segmentation (trigger
/// phrases are matched on the normalised character sequence, so Traditional and full-width text
/// match), clause by clause: each hit gets a status (negation and hearsay cues in its clause or
/// sentence) and a cadre (linked mentions in the clause, then the sentence, then the cadre the
/// transcript question asks about, then the one cadre named just before in the same block, then
/// a notebook's owner). Questions, headings and header fields are not evidence; a policy
/// sentence naming a failing without anyone in it (坚决反对搞「七个有之」) is not a signal.
/// Immutable and thread-safe; each call takes the caller's analyzer.
public final class SignalDetector: Sendable {
    public let taxonomy: Taxonomy
    /// Trigger phrases → indicator.
    let patterns: PhraseIndex
    /// Proximity rules: a first part, the phrases any of which may be the second part (one
    /// phrase, or a concept's), the distance, the indicator.
    let proximity: [(a: [UInt32], b: [[UInt32]], distance: Int, indicator: Int)]
    /// Proximity rules by their first part.
    let proximityByFirst: PhraseIndex
    let exclusions: [[[UInt32]]]
    let cues: Cues

    struct Cues: Sendable {
        var negationWords: [[UInt32]]
        var negationChars: ScalarSet
        /// Words holding a negation character that deny nothing.
        var notNegations: [[UInt32]]
        var negationAfter: [[UInt32]]
        var hearsay: [[UInt32]]
        var policy: [[UInt32]]
        var group: [[UInt32]]
    }

    static let clauseEnds = ScalarSet("，,；;。！？!?\n：:")
    static let sentenceEnds = ScalarSet("；;。！？!?\n")

    public init(taxonomy: Taxonomy, analyzer: Analyzer) {
        self.taxonomy = taxonomy
        func norm(_ s: String) -> [UInt32] { analyzer.normalize(s).scalars }
        var patterns: [(scalars: [UInt32], value: Int)] = []
        var proximity: [(a: [UInt32], b: [[UInt32]], distance: Int, indicator: Int)] = []
        for (i, ind) in taxonomy.indicators.enumerated() {
            for t in ind.triggers.flatMap(taxonomy.phrases) {
                let n = norm(t)
                patterns.append((n, i))
            }
            for p in ind.near {
                let b = taxonomy.phrases(p.b).map(norm).filter { !$0.isEmpty }
                guard !b.isEmpty else { continue }
                for a in taxonomy.phrases(p.a).map(norm) where !a.isEmpty { proximity.append((a, b, p.distance, i)) }
            }
        }
        self.patterns = PhraseIndex(patterns)
        self.proximity = proximity
        proximityByFirst = PhraseIndex(proximity.enumerated().map { ($0.element.a, $0.offset) })
        exclusions = taxonomy.indicators.map { $0.exclude.flatMap(taxonomy.phrases).map(norm) }
        cues = Cues(
            negationWords: ["没有", "不存在", "从未", "从不", "从没", "并非", "并没有", "杜绝", "不曾", "未曾", "拒绝", "不是", "没发现", "未发现", "绝无", "从来不", "从来没有", "不认为", "不觉得", "谈不上", "算不上", "没听说", "没见", "没看到", "没看见", "压根没", "压根就没", "压根不",
                            "根本没", "根本不", "从来就没", "不可能", "不会", "哪有", "绝对没", "肯定没", "一次都没", "一回也没",
                            "从头到尾没", "决不", "绝不", "从没有过", "谁说",
                            // Asked back as a denial (哪里讲过啥子怪话嘛).
                            "哪里有", "哪里讲过", "哪里说过", "哪里收过", "哪里拿过", "哪里吃过", "哪里去过", "哪里搞过"].map(norm),
            negationChars: ScalarSet("不没未无"),
            notNegations: ["不少", "不错", "不仅", "不断", "不久", "不停", "不过", "不得不", "不止", "不光", "不管", "无论", "不小", "没少", "了不起",
                           "不得了", "无数", "不一般", "毫无顾忌", "无所顾忌", "肆无忌惮", "不亦乐乎", "不在少数"].map(norm),
            negationAfter: ["没有", "不存在", "未发现", "没发现", "从来没有", "从没有", "都不参加", "从不参加", "不参加", "从不沾", "都不沾", "不沾"].map(norm),
            hearsay: ["听说", "据反映", "据说", "好像", "似乎", "有人说", "有人反映", "有人传", "外头传", "外面传", "背后嘀咕", "私下讲", "私下说", "传言", "据传", "听人说", "听别人说", "大概", "估计", "可能", "不太清楚",
                      "具体情况不清楚", "据群众反映", "有同志说", "同志说", "大家都说", "都说", "听下面", "反映说", "据物业反映", "口碑上看",
                      "群众反映", "跟我讲", "跟我说", "听邻居", "听人讲", "有人讲", "传闻", "风言风语", "据了解", "道听途说",
                      "外面说", "外头说", "外边说", "部分干部反映", "部分同志反映", "有的同志反映", "一些同志反映", "个别同志反映", "职工反映"].map(norm),
            policy: ["坚决反对", "严防", "防止", "严禁", "不得", "必须", "坚决杜绝", "警惕", "反对", "要求", "加强", "严肃查处", "决不允许", "坚持", "要把", "要及时", "要坚决", "纠治", "整治", "查处",
                     // A fear or an exhortation claims nothing (怕被穿小鞋, 要敢于动真碰硬, 不能当太平官).
                     "怕被", "害怕", "生怕", "唯恐", "担心被", "要敢于", "要勇于", "要善于", "要做到", "不能当", "不能搞"].map(norm),
            group: ["的干部", "名干部", "干部队伍", "广大干部", "党员干部", "领导干部", "一些干部", "个别干部", "少数干部", "干部群众"].map(norm))
    }

    static func find(_ needle: [UInt32], in hay: ArraySlice<UInt32>) -> Int? {
        guard let first = needle.first, needle.count <= hay.count else { return nil }
        var j = hay.startIndex
        while j + needle.count <= hay.endIndex {
            if hay[j] == first && hay[j..<(j + needle.count)].elementsEqual(needle) { return j }
            j += 1
        }
        return nil
    }

    /// The evidence in `document`, given its linked `mentions` (from ``Linker``).
    /// `normalized`: the document's text as the analysis normalised it, when the caller has it.
    public func detect(_ document: Document, mentions: [Mention], analyzer: Analyzer, normalized: NormalizedText? = nil) -> [Evidence] {
        let normalized = normalized ?? analyzer.normalize(document.text)
        let s = normalized.scalars
        guard !s.isEmpty else { return [] }
        let utf8 = Array(document.text.utf8)
        func byteStart(_ i: Int) -> Int { Int(normalized.originalStart[min(i, s.count - 1)]) }
        func byteEnd(_ i: Int) -> Int { i <= 0 ? byteStart(0) : Int(normalized.originalEnd[i - 1]) }  // end of scalar i-1

        // Raw hits: (from, to) in normalised scalars, indicator.
        // `gap`: for a proximity pair, the text between its two parts (a negation there governs it:
        // 遇到难题从来不躲).
        var hits: [(from: Int, to: Int, indicator: Int, gap: Range<Int>)] = []
        var found: [(length: Int, value: Int)] = []
        found.reserveCapacity(16)
        s.withUnsafeBufferPointer { text in
            var i = 0
            while i < text.count {
                // The longest phrase here, for every indicator that lists it (a file extending the
                // default may give a default phrase to an indicator of its own).
                patterns.matches(in: text, at: i, into: &found)
                let longest = found.first?.length ?? 1
                for m in found where m.length == longest { hits.append((i, i + longest, m.value, i..<i)) }
                i += longest
            }
        }
        let nameSpans = mentions.map { $0.start..<$0.end }
        func inName(_ r: Range<Int>) -> Bool {
            let lo = byteStart(r.lowerBound), hi = byteEnd(r.upperBound)
            return nameSpans.contains { $0.overlaps(lo..<hi) }
        }
        // Proximity rules: every occurrence of a rule's first part, found in one pass over the
        // text through an index of first parts (not one scan per rule), then its second part
        // searched in the window around it.
        var nextFree = [Int](repeating: 0, count: proximity.count)
        for a in s.indices {
            s.withUnsafeBufferPointer { proximityByFirst.matches(in: $0, at: a, into: &found) }
            for (_, r) in found {
                guard a >= nextFree[r] else { continue }
                let rule = proximity[r]
                nextFree[r] = a + rule.a.count
                // The nearest second part (any of the rule's phrases) in one sentence with the first,
                // neither inside a person's name (孙强这个人能力是有的: 强 of 孙强).
                // The window stops at the sentence's ends: an occurrence in the sentence before must
                // not hide one in this sentence.
                var sentenceStart = a, sentenceEnd = a + rule.a.count
                let reach = rule.distance + (rule.b.map(\.count).max() ?? 0)
                while sentenceStart > max(0, a - reach) && !Self.sentenceEnds.contains(s[sentenceStart - 1]) { sentenceStart -= 1 }
                while sentenceEnd < min(s.count, a + rule.a.count + reach) && !Self.sentenceEnds.contains(s[sentenceEnd]) { sentenceEnd += 1 }
                var best: (at: Int, count: Int)?
                for phrase in rule.b {
                    let lo = max(sentenceStart, a - rule.distance - phrase.count), hi = min(sentenceEnd, a + rule.a.count + rule.distance + phrase.count)
                    guard lo < hi, let b = Self.find(phrase, in: s[lo..<hi]) else { continue }
                    if best == nil || abs(b - a) < abs(best!.at - a) { best = (b, phrase.count) }
                }
                if let (b, bCount) = best, !s[min(a, b)..<max(a + rule.a.count, b + bCount)].contains(where: { Self.sentenceEnds.contains($0) }),
                   !inName(a..<(a + rule.a.count)), !inName(b..<(b + bCount)) {
                    hits.append((min(a, b), max(a + rule.a.count, b + bCount), rule.indicator,
                                 a < b ? (a + rule.a.count)..<max(a + rule.a.count, b) : (b + bCount)..<max(b + bCount, a)))
                }
            }
        }
        hits.sort { $0.from < $1.from }
        // Where claims start: a positive hit is no claim a refusal could belong to instead (人家
        // 硬塞给他一个信封…当场退回去了: 当场退回 is evidence of probity, and the refusal of the envelope).
        let hitStarts = hits.filter { taxonomy.indicators[$0.indicator].polarity == .negative }.map(\.from)

        // Blocks that are not evidence, and transcript context.
        let interviewer = document.metadata.interviewer
        func block(at byte: Int) -> Block? { document.blocks.first { $0.start <= byte && byte < $0.end } }
        func isQuestion(_ b: Block) -> Bool { b.kind == .turn && (b.role == "question" || (b.role == nil && b.speaker != nil && b.speaker == interviewer)) }
        let linked = mentions.filter { $0.status == .linked && $0.cadre != nil }
        // The cadre each answer turn is about: the one linked in the last question naming someone.
        var questionCadre: [Int: String] = [:]  // block start → cadre
        var current: [String] = []
        for b in document.blocks where b.kind == .turn {
            if isQuestion(b) {
                let named = Set(linked.filter { $0.start >= b.start && $0.end <= b.end }.compactMap(\.cadre))
                if !named.isEmpty { current = Array(named) }
            } else if current.count == 1 {
                questionCadre[b.start] = current[0]
            }
        }
        let sections = Self.sectionHeads(utf8, linked: linked)
        let notebookOwner = document.channel == .notebook ? document.metadata.subjects.first : nil
        let documentCadres = Set(linked.compactMap(\.cadre))

        var out: [Evidence] = []
        var seen = Set<String>()
        for h in hits {
            let indicator = taxonomy.indicators[h.indicator]
            // Clause and sentence around the hit, in scalars.
            var cs = h.from
            while cs > 0 && !Self.clauseEnds.contains(s[cs - 1]) { cs -= 1 }
            var ce = h.to
            while ce < s.count && !Self.clauseEnds.contains(s[ce]) { ce += 1 }
            var ss = h.from
            while ss > 0 && !Self.sentenceEnds.contains(s[ss - 1]) { ss -= 1 }
            var se = h.to
            while se < s.count && !Self.sentenceEnds.contains(s[se]) { se += 1 }
            let startByte = byteStart(cs), endByte = byteEnd(ce)
            let hitStart = byteStart(h.from)
            if let b = block(at: hitStart), isQuestion(b) || b.kind == .heading || b.kind == .field { continue }
            let clause = s[cs..<ce]
            if exclusions[h.indicator].contains(where: { Self.find($0, in: clause) != nil }) { continue }
            // A merit said to fall short (深入基层调研不够) is no merit, and not evidence for one.
            if indicator.polarity == .positive, Self.shortfalls.contains(where: { Self.find($0, in: s[h.to..<ce]) != nil }) { continue }
            // A heading names a topic and claims nothing (二、關於“公車私用”的問題, (三)廉洁自律方面),
            // nor does a failing named in quotes as a category (对“庸散懒”问题单列评价项目).
            if Self.isHeading(s, around: h.from) || Self.quotedCategory(s, from: h.from, to: h.to, clauseStart: cs, clauseEnd: ce) { continue }
            let before = s[cs..<h.from], after = s[h.to..<ce]
            // Status.
            var status = Evidence.Status.asserted
            // A later clause that says the teller has not seen it, followed by "true or not, I
            // cannot say" (我没看到过，不知真假), leaves the claim hearsay rather than denied.
            let unsure = Self.uncertainty.contains { Self.find($0, in: s[min(ce, se)..<se]) != nil }
            let deniedLater = denialFollows(s, clauseEnd: ce, sentenceEnd: se, laterHits: hitStarts)
            if cues.negationWords.contains(where: { Self.find($0, in: before) != nil })
                || negates(s, h.gap)
                || negates(s, max(cs, h.from - 4)..<h.from)
                // A merit whose area had no problems found (廉洁自律方面未发现问题) is a merit.
                || (cues.negationAfter.contains(where: { Self.find($0, in: after) != nil })
                    && !(indicator.polarity == .positive && Self.problems.contains { Self.find($0, in: after) != nil }))
                || Self.refused(after)
                || Self.notEven(after)
                || Self.saidToBeFalse(before: before, after: after)
                || Self.reportDisputed(before: before, rest: s[min(ce + 1, se)..<se])
                || Self.echoRebutted(s, clauseStart: cs, clauseEnd: ce)
                || Self.askedBack(s[cs..<ce], endsWithQuestionMark: ce < s.count && (s[ce] == 0xFF1F || s[ce] == 0x3F))
                || (deniedLater && !unsure)
                || topicDenied(s, clauseStart: cs, clauseEnd: ce, sentenceEnd: se) {
                status = .negated
            } else if deniedLater || cues.hearsay.contains(where: { Self.heard($0, in: s[ss..<h.from]) || Self.heard($0, in: after) })
                        || Self.heardFrom(s[ss..<h.from]) || Self.reportedBySome(s[ss..<h.from]) || Self.reportedBySome(before) {
                status = .hearsay
            }
            // Attribution.
            let inClause = linked.filter { $0.start >= startByte && $0.start < endByte }
            let sentenceStart = byteStart(ss), sentenceEnd = byteEnd(se)
            let inSentence = linked.filter { $0.start >= sentenceStart && $0.start < sentenceEnd }
            var cadre: String?
            var attribution = "not attributed"
            func nearest(_ ms: [Mention]) -> String? {
                (ms.filter { $0.start <= hitStart }.max { $0.start < $1.start } ?? ms.min { $0.start < $1.start })?.cadre
            }
            let turn = block(at: hitStart).flatMap { $0.kind == .turn ? $0 : nil }
            if let c = nearest(inClause) { cadre = c; attribution = "named in the clause" }
            else if let c = nearest(inSentence) { cadre = c; attribution = "named in the sentence" }
            else if let t = turn, let c = questionCadre[t.start] { cadre = c; attribution = "the question asks about this cadre" }
            else if let c = sections.last(where: { $0.start <= hitStart })?.cadre { cadre = c; attribution = "the section is about this cadre" }
            else if let b = block(at: hitStart) {
                let earlier = Set(linked.filter { $0.start >= b.start && $0.start < sentenceStart }.compactMap(\.cadre))
                if earlier.count == 1 { cadre = earlier.first; attribution = "the one cadre named before in the passage" }
                // A passage's opening sentence names its topic (一、收红包。邓晖副局长那段时间…): the
                // one cadre the passage goes on to name is who it is about.
                else if earlier.isEmpty, String(decoding: utf8[b.start..<sentenceStart], as: UTF8.self).allSatisfy(\.isWhitespace) {
                    let named = Set(linked.filter { $0.start >= sentenceEnd && $0.start < b.end }.compactMap(\.cadre))
                    if named.count == 1 { cadre = named.first; attribution = "the one cadre the passage names after its opening" }
                }
            }
            if cadre == nil, let owner = notebookOwner { cadre = owner; attribution = "the notebook's owner" }
            // A document about one cadre (its one subject, or the one cadre linked anywhere in
            // it: a complaint, an inspection report): what it says unattributed is about them.
            if cadre == nil, document.metadata.subjects.count == 1 { cadre = document.metadata.subjects[0]; attribution = "the document's subject" }
            if cadre == nil, documentCadres.count == 1 { cadre = documentCadres.first; attribution = "the one cadre named in the document" }
            // A policy sentence about no one is not a signal, nor is a rule stated in the clause
            // (要防止…打折扣), nor a statement about cadres in general (74名表现突出的干部).
            if cues.policy.contains(where: { Self.find($0, in: before) != nil }) { continue }
            if cadre == nil || (inSentence.isEmpty && turn == nil) {
                if cues.policy.contains(where: { Self.find($0, in: s[ss..<h.from]) != nil }) { continue }
            }
            if inClause.isEmpty && inSentence.isEmpty && cues.group.contains(where: { Self.find($0, in: s[ss..<se]) != nil }) { continue }
            let key = "\(startByte)|\(indicator.id)"
            guard seen.insert(key).inserted else { continue }
            let informant = turn.flatMap { isQuestion($0) ? nil : $0.speaker } ?? document.metadata.informant
            out.append(Evidence(cadre: cadre, indicator: indicator.id, dimension: indicator.dimension, polarity: indicator.polarity, status: status,
                                start: startByte, end: endByte, quote: String(decoding: utf8[startByte..<endByte], as: UTF8.self),
                                triggerStart: hitStart, triggerEnd: byteEnd(h.to), informant: informant.map(Self.cleanSpeaker), attribution: attribution))
        }
        return out
    }

    /// The next clause of the sentence is a bare denial (收受礼金，这个真没有 / 没有这回事).
    /// 听 … 讲 / 说 before the claim in its sentence: heard from someone (听别的科室的人讲, 听他们单位的人说).
    static func heardFrom(_ text: ArraySlice<UInt32>) -> Bool {
        let listen: UInt32 = 0x542C, according: UInt32 = 0x636E, say: UInt32 = 0x8BF4, tell: UInt32 = 0x8BB2  // 听 据 说 讲
        // 听别的科室的人讲 / 据单位司机讲: a teller between 听 or 据 and 讲 or 说.
        for lead in [listen, according] {
            guard let i = text.firstIndex(of: lead) else { continue }
            // 据 opens its clause (证据摆在这里，谁来说 and 根据 are other words).
            if lead == according && i > text.startIndex && !clauseEnds.contains(text[i - 1]) && text[i - 1] != 0x0A { continue }
            if text[(i + 1)..<min(text.endIndex, i + 12)].contains(where: { $0 == say || $0 == tell }) { return true }
        }
        return false
    }

    /// Whether a negation character in `range` of `s` negates: not inside a word that only
    /// contains one (不少, 不错, 不断, 没少 — 收了不少礼金 is no denial).
    func negates(_ s: [UInt32], _ range: Range<Int>) -> Bool {
        for i in range where cues.negationChars.contains(s[i]) {
            let falseHit = cues.notNegations.contains { w in
                guard let k = w.firstIndex(where: { cues.negationChars.contains($0) }), i - k >= 0, i - k + w.count <= s.count else { return false }
                return s[(i - k)..<(i - k + w.count)].elementsEqual(w)
            }
            if !falseHit { return true }
        }
        return false
    }

    /// `laterHits`: where the text's hits start, ascending; a refusal after another claim belongs
    /// to that claim (参加了承包商的聚餐，席间有人递了个信封，我没收: the envelope was refused).
    func denialFollows(_ s: [UInt32], clauseEnd: Int, sentenceEnd: Int, laterHits: [Int] = []) -> Bool {
        var sentenceEnd = sentenceEnd
        // A claim put as a question (打麻将？一次都没见他打过): the answer after it decides.
        if clauseEnd == sentenceEnd, clauseEnd < s.count, s[clauseEnd] == 0xFF1F || s[clauseEnd] == 0x3F {
            var e = clauseEnd + 1
            while e < s.count && !Self.sentenceEnds.contains(s[e]) { e += 1 }
            sentenceEnd = e
            // An answer that asks back (说他收了卡？她连电影票都推给别人，哪会要那个): any of its
            // clauses opening with a rhetorical 哪会 / 怎么可能 … denies.
            var c = clauseEnd + 1
            while c < sentenceEnd {
                var end = c
                while end < sentenceEnd && !Self.clauseEnds.contains(s[end]) { end += 1 }
                if Self.rhetoricalDenials.contains(where: { Self.droppingLead(s[c..<end], Self.rhetoricalLeads).starts(with: $0) }) { return true }
                c = end + 1
            }
        }
        // A next sentence that is nothing but a denial (有人说他收了红包。没这回事。).
        if clauseEnd == sentenceEnd, clauseEnd < s.count {
            var e = clauseEnd + 1
            while e < s.count && !Self.sentenceEnds.contains(s[e]) { e += 1 }
            if Self.bareDenial(s[(clauseEnd + 1)..<e]) { return true }
        }
        guard clauseEnd < sentenceEnd else { return false }
        // A rebuttal later in the sentence: 有人说他阳奉阴违，这个说法我不认同，据我了解没有这种情况.
        let rest = s[(clauseEnd + 1)..<sentenceEnd]
        if Self.rebuttals.contains(where: { Self.find($0, in: rest) != nil }) { return true }
        var e = clauseEnd + 1
        while e < sentenceEnd && !Self.clauseEnds.contains(s[e]) { e += 1 }
        let next = Array(s[(clauseEnd + 1)..<e])
        // A short next clause that only denies (the longer ones say more than no).
        if next.count <= 10 {
            if Self.endsWithAny(next[...], Self.denialEndings) || Self.bareDenial(next[...]) { return true }
            // A rhetorical question about "that" (…都推给别人，哪会要那个): the clause before is the
            // speaker's reason, not a claim. (哪会退 about a deed is no denial of the one before.)
            var asked = Self.droppingLead(next[...], Self.rhetoricalLeads)
            while let l = asked.last, Self.bareParticles.contains(l) || l == 0xFF1F || l == 0x3F { asked = asked.dropLast() }
            if Self.rhetoricalDenials.contains(where: { asked.starts(with: $0) }),
               Self.endsWithAny(asked, Self.demonstratives) { return true }
        }
        // The next clause opens with a denial of having seen or heard it: 打麻将，我没见过他打;
        // or refuses what was offered: 有人递了个信封，我没收 / 他当场推掉了.
        var body = next[...]
        for lead in Self.denialLeads where body.starts(with: lead) { body = body.dropFirst(lead.count); break }
        if Self.perceptionDenials.contains(where: { body.starts(with: $0) }) { return true }
        // A refusal within the next three clauses of the sentence (硬塞给我一个信封，说是压岁钱，
        // 推了几次推不掉，当场退回去了).
        var clauses = 0
        var c = clauseEnd + 1
        while c < sentenceEnd && clauses < 3 {
            var end = c
            while end < sentenceEnd && !Self.clauseEnds.contains(s[end]) { end += 1 }
            if laterHits.contains(where: { $0 >= c && $0 < end }) { break }
            if Self.refused(s[c..<end]) { return true }
            clauses += 1
            c = end + 1
        }
        return false
    }


    /// Lines that only name a cadre (【张军（党组书记、局长）】, 二、王伟同志：): what follows, up to the
    /// next such line, is about them (evaluation sheets and reports in sections per cadre).
    static func sectionHeads(_ utf8: [UInt8], linked: [Mention]) -> [(start: Int, cadre: String)] {
        var out: [(start: Int, cadre: String)] = []
        let mentions = linked.sorted { $0.start < $1.start }
        var next = 0  // the first mention not before this line
        var lineStart = 0
        while lineStart < utf8.count {
            var lineEnd = lineStart
            while lineEnd < utf8.count && utf8[lineEnd] != 0x0A { lineEnd += 1 }
            while next < mentions.count && mentions[next].start < lineStart { next += 1 }
            var last = next
            while last < mentions.count && mentions[last].start < lineEnd { last += 1 }
            let inLine = mentions[next..<last].filter { $0.end <= lineEnd }
            if lineEnd - lineStart <= 90, Set(inLine.compactMap(\.cadre)).count == 1, let m = inLine.first, let cadre = m.cadre {
                // What is left besides the name, titles in brackets, numbering and punctuation.
                var rest = String(decoding: utf8[lineStart..<m.start], as: UTF8.self) + String(decoding: utf8[m.end..<lineEnd], as: UTF8.self)
                for pair in [("（", "）"), ("(", ")")] {
                    while let a = rest.range(of: pair.0), let b = rest.range(of: pair.1, range: a.upperBound..<rest.endIndex) { rest.removeSubrange(a.lowerBound..<b.upperBound) }
                }
                let residue = rest.unicodeScalars.filter { c in
                    !(CharacterSet.punctuationCharacters.contains(c) || CharacterSet.whitespaces.contains(c) || CharacterSet.symbols.contains(c)
                      || "一二三四五六七八九十0123456789".unicodeScalars.contains(c))
                }
                let leftover = String(String.UnicodeScalarView(residue)).replacingOccurrences(of: "同志", with: "")
                if leftover.unicodeScalars.count <= 2 { out.append((lineStart, cadre)) }
            }
            lineStart = lineEnd + 1
        }
        return out
    }

    /// Whether `i` lies in a heading: the first sentence of a line (or the whole line), short, with
    /// no comma, naming a topic — 关于…的问题, or after a number a few characters ending 方面 / 问题 /
    /// 情况 (二、关于"公车私用"的问题。… / (三)廉洁自律方面。…). A numbered line that says something
    /// (一、利用职权为亲属承揽工程) and an unnumbered short sentence (没有发现该同志脱岗的情况) are no
    /// headings.
    static func isHeading(_ s: [UInt32], around i: Int) -> Bool {
        let newline: UInt32 = 0x0A
        var a = i
        while a > 0 && s[a - 1] != newline { a -= 1 }
        while a < s.count, [0x20, 0x3000, 0x09].contains(s[a]) { a += 1 }
        var b = a
        while b < s.count && s[b] != newline && !sentenceEnds.contains(s[b]) && s[b] != 0x3A && s[b] != 0xFF1A { b += 1 }
        guard i < b else { return false }
        var line = s[a..<b]
        guard !line.isEmpty, line.count <= 40, !line.contains(where: { headingBreakers.contains($0) }) else { return false }
        let number = numberLength(line)
        line = line.dropFirst(number)
        let ends = endsWithAny(line, headingEndings)
        return ends && (topicMarkers.contains { line.starts(with: $0) } || (number > 0 && line.count <= 12))
    }
    static let headingBreakers: Set<UInt32> = Set("，,".unicodeScalars.map(\.value))
    static let headingEndings = ["的问题", "问题", "方面", "情况", "的情况", "表现"].map { $0.unicodeScalars.map(\.value) }
    static let chineseNumerals: Set<UInt32> = Set("一二三四五六七八九十".unicodeScalars.map(\.value))
    /// The length of a leading number: 一、 / (三) / 2. / 2、 (0 when there is none).
    static func numberLength(_ line: ArraySlice<UInt32>) -> Int {
        var j = line.startIndex
        let open = j < line.endIndex && (line[j] == 0x28 || line[j] == 0xFF08)
        if open { j += 1 }
        let digitsStart = j
        while j < line.endIndex && (chineseNumerals.contains(line[j]) || (line[j] >= 0x30 && line[j] <= 0x39)) { j += 1 }
        guard j > digitsStart, j < line.endIndex else { return 0 }
        let mark = line[j]
        let ok = open ? (mark == 0x29 || mark == 0xFF09) : (mark == 0x3001 || mark == 0x2E || mark == 0xFF0E)
        return ok ? j + 1 - line.startIndex : 0
    }

    /// Whether the hit lies inside quotation marks (normalised to ") that name a category: the
    /// quote, and any quotes right after it, are followed by 问题, 现象, 等, 方面 …
    /// (对"庸散懒""推拖绕"问题单列评价项目).
    static func quotedCategory(_ s: [UInt32], from: Int, to: Int, clauseStart: Int, clauseEnd: Int) -> Bool {
        let quote: UInt32 = 0x22
        guard s[clauseStart..<from].filter({ $0 == quote }).count % 2 == 1 else { return false }
        var c = to
        while c < clauseEnd && s[c] != quote { c += 1 }
        guard c < clauseEnd else { return false }
        c += 1
        // Further quoted names (""推拖绕""), then the category word.
        while c < clauseEnd && s[c] == quote {
            c += 1
            while c < clauseEnd && s[c] != quote { c += 1 }
            c += 1
        }
        let rest = s[min(c, clauseEnd)..<clauseEnd]
        return categoryWords.contains { rest.starts(with: $0) }
    }
    static let categoryWords = ["问题", "的问题", "现象", "等问题", "等现象", "等", "方面", "之风", "行为", "的行为", "倾向", "专项"].map { $0.unicodeScalars.map(\.value) }

    /// Whether `text` ends with one of `words`.
    static func endsWithAny(_ text: ArraySlice<UInt32>, _ words: [[UInt32]]) -> Bool {
        words.contains { text.count >= $0.count && text.suffix($0.count).elementsEqual($0) }
    }

    /// `text` without the first of `leads` it starts with.
    static func droppingLead(_ text: ArraySlice<UInt32>, _ leads: [[UInt32]]) -> ArraySlice<UInt32> {
        leads.first { text.starts(with: $0) }.map { text.dropFirst($0.count) } ?? text
    }

    /// A clause that says no and nothing else: a negation, perhaps strengthened, perhaps naming
    /// "the matter", between a subject or connective and a particle — 没有的事, 从来没有过, 哪有这回事,
    /// 绝对不可能, 我看不存在, 这个真没有吧. Built from parts, so phrasings no list holds are covered;
    /// anything more (没想到他…, 不分白天黑夜) is not bare.
    static func bareDenial(_ clause: ArraySlice<UInt32>) -> Bool {
        if mannerDenial(clause) { return true }
        var body = clause
        while let f = body.first, f == 0x20 || f == 0x3000 || f == 0x22 { body = body.dropFirst() }  // quotes are normalised to "
        // Leading subject or connective, one or two of them (我看 / 这个 / 其实).
        body = droppingLead(droppingLead(body, bareLeads), bareLeads)
        while let l = body.last, bareParticles.contains(l) { body = body.dropLast() }
        // Strengtheners (真 / 根本 / 绝对 / 从来 / 压根 / 并), then the negation, then what is denied.
        let strengthenedAtAll: Bool
        (body, strengthenedAtAll) = droppingStrengtheners(body)
        guard let negation = bareNegations.first(where: { body.starts(with: $0) }) else { return false }
        body = body.dropFirst(negation.count)
        // A negation alone says no only when it is a denial by itself or strengthened (没有 /
        // 从来不会 are; 不会 and 没 alone are as often "I would not" or "gone").
        if body.isEmpty { return strengthenedAtAll || bareAlone.contains { negation.elementsEqual($0) } }
        return bareObjects.contains { body.elementsEqual($0) }
    }
    /// `body` without its leading strengtheners (真的 / 根本 / 从来 …), and whether it had any.
    static func droppingStrengtheners(_ body: ArraySlice<UInt32>) -> (rest: ArraySlice<UInt32>, any: Bool) {
        var rest = body, any = false, strengthened = true
        while strengthened {
            strengthened = false
            for w in bareStrengtheners where rest.starts(with: w) { rest = rest.dropFirst(w.count); strengthened = true; any = true; break }
        }
        return (rest, any)
    }
    static let bareLeads = ["说实话", "说实在的", "据我所知", "据我了解", "我看", "我觉得", "我认为", "这个", "那个", "这事", "那事", "这件事", "那", "其实", "但是", "但", "不过", "可是", "反正", "肯定", "绝对"]
        .map { $0.unicodeScalars.map(\.value) }
    static let bareStrengtheners = ["真的", "真", "根本", "压根儿", "压根", "绝对", "从来", "从", "并", "完全", "一直", "确实", "一次都", "一次也", "都", "也"].map { $0.unicodeScalars.map(\.value) }
    static let rhetoricalLeads = ["他", "她", "人家", "我", "我们", "这个人", "那个人"].map { $0.unicodeScalars.map(\.value) }
    static let rhetoricalDenials = ["哪会", "哪能", "哪可能", "哪里会", "哪里能", "怎么会", "怎么可能", "怎能", "岂会", "岂能", "不可能"].map { $0.unicodeScalars.map(\.value) }
    static let demonstratives = ["那个", "这个", "那种事", "这种事", "那些", "这些", "那种钱", "这种钱", "那东西", "这东西", "那玩意", "那一套", "这一套"].map { $0.unicodeScalars.map(\.value) }
    /// The claim's own clause asks back, as an answer does to deny (他连一顿饭都不吃，还能收人家钱？
    /// / 她哪会去打牌？): a rhetorical opener and a question mark. 难道 is left out: 难道他没收？
    /// asserts.
    static func askedBack(_ clause: ArraySlice<UInt32>, endsWithQuestionMark: Bool) -> Bool {
        guard endsWithQuestionMark else { return false }
        let body = droppingLead(droppingLead(clause, bareLeads), rhetoricalLeads)
        return rhetoricalDenials.contains { body.starts(with: $0) } || rhetoricalOpeners.contains { body.starts(with: $0) }
    }
    /// A hearsay cue in `text` not itself denied: 没听说他有啥不好的事 reports nothing heard.
    static func heard(_ cue: [UInt32], in text: ArraySlice<UInt32>) -> Bool {
        var from = text.startIndex
        while let i = find(cue, in: text[from...]) {
            if i == text.startIndex || !refusalNegations.contains(text[i - 1]) { return true }
            from = i + 1
        }
        return false
    }
    /// The thing named, then "not even" that (他连老板的一顿饭都不吃, 红包也没收过, 饭局从来都不去):
    /// 都/也 and a negation right after the trigger, with a verb of taking part. 收了红包也不退 is
    /// no denial (退 is not taking part).
    static func notEven(_ after: ArraySlice<UInt32>) -> Bool {
        guard let lead = notEvenLeads.first(where: { after.starts(with: $0) }) else { return false }
        let rest = after.dropFirst(lead.count)
        guard let negation = notEvenNegations.first(where: { rest.starts(with: $0) }) else { return false }
        let verb = rest.dropFirst(negation.count)
        return notEvenVerbs.contains { verb.starts(with: $0) }
    }
    static let notEvenLeads = ["从来都", "从来也", "一次都", "一次也", "从来", "都", "也", "从"].map { $0.unicodeScalars.map(\.value) }
    static let notEvenNegations = ["没有", "不", "没", "未"].map { $0.unicodeScalars.map(\.value) }
    static let notEvenVerbs = ["吃", "喝", "去", "来", "参加", "收", "要", "拿", "碰", "沾", "接"].map { $0.unicodeScalars.map(\.value) }
    static let denialEndings = ["没有", "没有过", "不存在", "没这回事", "没有这回事", "没这事", "从来没有",
                                // has nothing to do with him (跟他沾不上边)
                                "沾不上边", "不沾边", "沾不着边", "挨不上边", "扯不上边", "扯不上关系"].map { $0.unicodeScalars.map(\.value) }
    static let uncertainty = ["不知真假", "不知道真假", "真假不知", "不知道是真是假", "不知是真是假", "不知道是不是真的", "不清楚真假", "说不准", "不敢肯定", "不好说"]
        .map { $0.unicodeScalars.map(\.value) }
    static let problems = ["问题", "毛病", "违规", "违纪"].map { $0.unicodeScalars.map(\.value) }
    static let rhetoricalOpeners = ["还能", "还会", "还敢", "又怎么会", "能去", "会去"].map { $0.unicodeScalars.map(\.value) }
    /// A subject said not to be like that (他真不那样 / 他不是那种人 / 人家没那么干过): a pronoun may
    /// lead here, since what is denied is named — unlike 我不会, which is no denial.
    static func mannerDenial(_ clause: ArraySlice<UInt32>) -> Bool {
        var body = droppingLead(droppingLead(clause, bareLeads), mannerLeads)
        while let l = body.last, bareParticles.contains(l) { body = body.dropLast() }
        body = droppingStrengtheners(body).rest
        guard let negation = mannerNegations.first(where: { body.starts(with: $0) }) else { return false }
        body = body.dropFirst(negation.count)
        return mannerObjects.contains { body.elementsEqual($0) }
    }
    static let mannerLeads = rhetoricalLeads + ["那人", "这人"].map { $0.unicodeScalars.map(\.value) }
    static let mannerNegations = ["不是", "没有", "从不", "从没", "不", "没"].map { $0.unicodeScalars.map(\.value) }
    static let mannerObjects = ["那样", "这样", "那样的人", "这样的人", "那种人", "这种人", "那么干", "那么做", "那样做", "这么干", "那么干过", "干那种事", "干那事",
                                "干过那种事", "是那样的人", "是那种人"].map { $0.unicodeScalars.map(\.value) }
    /// A claim reported as said and judged false in its own clause (说韩区长那晚不在岗是不对的 / 讲他
    /// 收礼是没有根据的): "to say so is wrong". 他打牌不对 (no 说) is a judgement of the deed.
    static func saidToBeFalse(before: ArraySlice<UInt32>, after: ArraySlice<UInt32>) -> Bool {
        guard reportVerbs.contains(where: { find($0, in: before) != nil }) else { return false }
        var tail = after
        while let l = tail.last, l != 0x7684, bareParticles.contains(l) || l == 0x3002 || l == 0x22 { tail = tail.dropLast() }  // 的 stays
        return endsWithAny(tail, falsityEndings)
    }
    /// A claim reported as said, disagreed with later in the sentence (说他阳奉阴违，我第一个不同意).
    /// Only after 说/讲/传/反映: 他对上级决定不同意 is the conduct itself.
    static func reportDisputed(before: ArraySlice<UInt32>, rest: ArraySlice<UInt32>) -> Bool {
        guard reportVerbs.contains(where: { find($0, in: before) != nil }) else { return false }
        return disagreements.contains { find($0, in: rest) != nil }
    }
    static let disagreements = ["不同意", "不赞同", "不敢苟同", "不认可", "不能同意"].map { $0.unicodeScalars.map(\.value) }
    /// A claim echoed as a question at the head of an answer (答：打牌？我在这个院子里住了三十年…
    /// 这种话是谁传出来的？瞎说。) is decided by the rest of the answer's line: a rebuttal or a bare
    /// denial anywhere in it denies.
    static func echoRebutted(_ s: [UInt32], clauseStart: Int, clauseEnd: Int) -> Bool {
        guard clauseEnd < s.count, s[clauseEnd] == 0xFF1F || s[clauseEnd] == 0x3F else { return false }
        var lineStart = clauseStart
        while lineStart > 0 && s[lineStart - 1] != 0x0A { lineStart -= 1 }
        // Only a speaker's label before the echo (答： / 李振宇：).
        let label = s[lineStart..<clauseStart]
        guard let last = label.last, last == 0xFF1A || last == 0x3A, label.count <= 8 else { return false }
        var lineEnd = clauseEnd
        while lineEnd < s.count && s[lineEnd] != 0x0A { lineEnd += 1 }
        let rest = s[(clauseEnd + 1)..<lineEnd]
        if Self.rebuttals.contains(where: { Self.find($0, in: rest) != nil }) { return true }
        var c = rest.startIndex
        while c < rest.endIndex {
            var e = c
            while e < rest.endIndex && !Self.sentenceEnds.contains(s[e]) && s[e] != 0xFF1F && s[e] != 0x3F { e += 1 }
            if Self.bareDenial(s[c..<e]) { return true }
            c = e + 1
        }
        return false
    }
    static let reportVerbs = ["说", "讲", "传", "反映", "议论"].map { $0.unicodeScalars.map(\.value) }
    static let falsityEndings = ["是不对的", "是错的", "是错误的", "不符合事实", "不符合实际", "不客观", "不属实", "没有根据", "是没有根据的",
                                 "站不住脚", "是冤枉他", "是冤枉她", "冤枉人", "是瞎说", "是胡说", "是谣言"].map { $0.unicodeScalars.map(\.value) }
    /// Hearsay told without a teller: a sentence opening 说他 / 说王局长 … ("they say he …"; 说实话,
    /// 说明, 说到 are other words), or a few people reporting (有1人反映, 有个别同志提到).
    static func reportedBySome(_ before: ArraySlice<UInt32>) -> Bool {
        var body = before
        while let f = body.first, f == 0x22 || f == 0x20 || f == 0x3000 { body = body.dropFirst() }
        if body.first == 0x8BF4, body.count > 1, !saidWords.contains(where: { body.starts(with: $0) }) { return true }  // 说
        guard let you = body.firstIndex(of: 0x6709) else { return false }  // 有
        var j = you + 1
        let countStart = j
        while j < body.endIndex && (chineseNumerals.contains(body[j]) || (body[j] >= 0x30 && body[j] <= 0x39) || fewWords.contains(body[j])) { j += 1 }
        guard j > countStart else { return false }
        // A few people (有1人反映, 有个别同志提到), not a broad finding (共有12人谈到).
        let digits = body[countStart..<j].filter { $0 >= 0x30 && $0 <= 0x39 }
        if !digits.isEmpty, let n = Int(String(decoding: digits.map { UInt8($0) }, as: UTF8.self)), n > 5 { return false }
        let rest = body[j...]
        return reportingPeople.contains { rest.starts(with: $0) }
    }
    static let saidWords = ["说实话", "说实在", "说句", "说明", "说到", "说起", "说来", "说是", "说法", "说好", "说这", "说那", "说话", "说了", "说过", "说的", "说清"].map { $0.unicodeScalars.map(\.value) }
    static let fewWords: Set<UInt32> = Set("个别少数几些名位".unicodeScalars.map(\.value))
    static let reportingPeople = ["人反映", "人提到", "人提出", "人说", "人认为", "人表示", "名同志反映", "同志反映", "同志提到", "人次反映", "名干部反映", "干部反映",
                                  "人谈到", "人讲到", "人说到", "同志谈到", "干部谈到"]
        .map { $0.unicodeScalars.map(\.value) }
    static let shortfalls = ["不够", "不足", "欠缺", "有待加强", "有待提高", "还需加强", "还需提高", "不到位", "还不够"].map { $0.unicodeScalars.map(\.value) }
    static let bareAlone = ["没有过", "没有", "不存在", "不属实", "不可能", "不能", "哪有", "哪里有", "绝无", "未曾"].map { $0.unicodeScalars.map(\.value) }
    static let bareNegations = ["没有过", "没有", "没", "不可能", "不能", "不会", "不是", "不存在", "不属实", "哪有", "哪里有", "哪来", "绝无", "未曾"].map { $0.unicodeScalars.map(\.value) }
    static let bareObjects = ["的事", "的事情", "的事儿", "这回事", "这事", "这事儿", "这种事", "这种事情", "这样的事", "那回事", "那种事", "这个事", "那个事", "影的事", "过", "这个", "这情况", "这种情况", "的"]
        .map { $0.unicodeScalars.map(\.value) }
    static let bareParticles: Set<UInt32> = Set("啊呀吧的了嘛呢哦哈啦喽…—".unicodeScalars.map(\.value))

    /// A refusal later in the claim's own clause (人家送来的红包也都原封退了), not itself denied
    /// (收了也没退回).
    static func refused(_ after: ArraySlice<UInt32>) -> Bool {
        refusals.contains { r in
            guard let j = find(r, in: after) else { return false }
            return refusalNegations.contains(r[0]) || j == after.startIndex || !refusalNegations.contains(after[j - 1])
        }
    }
    /// 没 未 不: a refusal word led by one is itself a denial (没收); one preceded by one is denied.
    static let refusalNegations: Set<UInt32> = [0x6CA1, 0x672A, 0x4E0D]

    /// A clause that only names a topic (至于打麻将，… / 打牌那种事，…): what the next clause says
    /// about it decides.
    func topicDenied(_ s: [UInt32], clauseStart: Int, clauseEnd: Int, sentenceEnd: Int) -> Bool {
        let clause = s[clauseStart..<clauseEnd]
        let isTopic = Self.topicMarkers.contains(where: { clause.starts(with: $0) })
            || Self.endsWithAny(clause, Self.topicEndings)
        guard isTopic, clauseEnd < sentenceEnd else { return false }
        // The next clause says it, or one of the two after, once the speaker has given a reason
        // to be believed (要说他跟老板打牌，我在那条街住了六年，一回都没碰到过).
        // Past the next clause only a denial counts, not any negation (关于他收受礼金的问题，经核查
        // 基本属实，至今没有退还 is no denial).
        var c = clauseEnd + 1
        for k in 0..<3 where c < sentenceEnd {
            var e = c
            while e < sentenceEnd && !Self.clauseEnds.contains(s[e]) { e += 1 }
            let next = s[c..<e]
            if k == 0 && cues.negationWords.contains(where: { Self.find($0, in: next) != nil }) { return true }
            if Self.perceptionDenials.contains(where: { Self.find($0, in: next) != nil }) || Self.bareDenial(next) { return true }
            c = e + 1
        }
        return false
    }

    static let rebuttals = ["不认同", "不属实", "不是事实", "没有这种情况", "没有这回事", "没这回事", "子虚乌有", "是误传", "是谣言", "站不住脚",
                            "我不信", "真不信", "不相信", "瞎扯", "瞎说", "胡说", "没影的事", "冤枉", "捕风捉影", "无中生有", "空穴来风",
                            "造谣", "污蔑", "诬陷", "没那回事", "哪有这回事", "不可能的事",
                            "不符合事实", "与事实不符", "纯属捏造", "是诬告", "查无实据", "予以澄清", "瞎传", "没根没据", "没有根据", "反映不实",
                            // What people call a story that is not true (那是以讹传讹 / 这个不实).
                            "以讹传讹", "是张冠李戴", "道听途说", "无稽之谈", "是误会", "一场误会", "传走样了", "传歪了",
                            "是谣传", "纯属瞎编", "胡扯", "扯淡", "查无此事", "没这码事", "没有的事", "这个不实", "说法不实", "情况不实",
                            "是没搞清楚", "那是没弄清楚", "根本不是那样", "不是这样的"].map { $0.unicodeScalars.map(\.value) }
    static let refusals = ["没收", "没要", "没拿", "没接", "拒收", "拒绝了", "婉拒", "谢绝", "当场退", "退回", "退了回去", "退还", "原封不动", "没去", "没参加",
                           "没答应", "一口回绝", "回绝", "推掉了", "推辞了", "挡了回去", "挡回去", "没让进门", "如数上交", "上交了", "交给了纪委",
                           "一分没要", "分文未取", "一概不收", "都退了", "全退了", "原封退", "寄回去", "寄了回去", "没拆",
                           "拿回去", "带回去", "退回去", "送回去", "推回去"].map { $0.unicodeScalars.map(\.value) }
    static let topicMarkers = ["至于", "关于", "说到", "要说", "提到", "对于", "讲到"].map { $0.unicodeScalars.map(\.value) }
    static let topicEndings = ["那种事", "这种事", "那些事", "这类事", "这种情况", "那种情况", "这个事", "那个事", "这事", "的事", "的事情", "的说法", "的问题"].map { $0.unicodeScalars.map(\.value) }
    static let denialLeads = ["我们", "我", "但是", "但", "可是", "不过"].map { $0.unicodeScalars.map(\.value) }
    static let perceptionDenials = ["一次都没见", "一次也没见", "一回都没见", "没见过", "没看见", "没看到", "没听说", "没听过", "没发现", "未发现", "没有发现", "从没见", "从没听", "从来没见", "从来没听",
                                    "不知道有", "没有这", "没这", "没碰见", "没碰到", "没遇到", "没遇见", "没见到", "没瞧见", "从没碰", "从来没碰"].map { $0.unicodeScalars.map(\.value) }

    /// "办公室工作人员 鲁秀芝" → "鲁秀芝": the name part of a speaker label.
    static func cleanSpeaker(_ s: String) -> String {
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "　" })
        return parts.last.map(String.init) ?? s
    }
}
