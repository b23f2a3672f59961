import Foundation
import ICU

/// Folds text for pattern matching: NFKC with case folding, then Traditional → Simplified, so one
/// Simplified pattern list serves Traditional and full-width pages too.
enum Fold {
    static let pinyin = TextSearch.Pattern(#"(?<=\p{Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)"#)

    /// Per BMP code point: its NFKC_Casefold then Simplified form when that is one scalar and
    /// context-free, else `needsICU`. Built once per process (about 10k ICU calls).
    static let table: [UInt32] = {
        let flags = NormalizationFlags.shared.flags
        var t = [UInt32](repeating: needsICU, count: 0x10000)
        for c in 0..<UInt32(0x10000) {
            if c >= 0xD800 && c < 0xE000 { continue }
            let f = flags[Int(c)]
            if f & NormalizationFlags.inert != 0 {
                t[Int(c)] = TraditionalSimplifiedTable.simplified(c)
            } else if f & NormalizationFlags.boundaryBefore != 0, let u = Unicode.Scalar(c),
                      let n = try? Normalizer.nfkcCasefold.normalize(String(u)), n.unicodeScalars.count == 1,
                      let v = n.unicodeScalars.first?.value, v < 0x10000, flags[Int(v)] & NormalizationFlags.boundaryBefore != 0 {
                t[Int(c)] = TraditionalSimplifiedTable.simplified(v)
            }
        }
        t[0x28] = needsICU  // "(" may open a pinyin annotation
        return t
    }()
    static let needsICU = UInt32.max

    /// The fast path of ``simple(_:)``: appends the folded scalars of `s` to `out` and returns
    /// true, or returns false (with `out` partly filled) when a scalar needs ICU.
    static func scalars(_ s: Substring, into out: inout [UInt32]) -> Bool {
        let table = Self.table
        for u in s.unicodeScalars {
            let v = u.value
            guard v < 0x10000 else { return false }
            let m = table[Int(v)]
            guard m != needsICU else { return false }
            out.append(m)
        }
        return true
    }

    static func simple(_ s: Substring) -> String {
        // Most lines fold scalar by scalar through the table; the rest go through ICU.
        let table = Self.table
        var fast = String.UnicodeScalarView()
        var ok = true
        for u in s.unicodeScalars {
            let v = u.value
            guard v < 0x10000 else { ok = false; break }
            let m = table[Int(v)]
            guard m != needsICU, let scalar = Unicode.Scalar(m) else { ok = false; break }
            fast.append(scalar)
        }
        if ok { return String(fast) }
        let folded = (try? Normalizer.nfkcCasefold.normalize(String(s))) ?? String(s)
        var out = String.UnicodeScalarView()
        for u in folded.unicodeScalars {
            out.append(Unicode.Scalar(TraditionalSimplifiedTable.simplified(u.value)) ?? u)
        }
        let result = String(out)
        guard TextSearch.contains(result, "(") else { return result }
        // Pinyin annotations (對(duì)) would hide cue words; Analysis removes them properly.
        return pinyin.replacing(in: result, with: "")
    }
}

/// Line-level removal of web boilerplate from scraped pages (HTML main text, or text saved from a
/// browser): navigation and breadcrumbs (您当前的位置), share widgets (分享到), footers (copyright,
/// ICP licence numbers), download-site chrome, related-article lists, and a second copy of the
/// same article body. Conservative on purpose: a line is dropped only for a listed cue or a
/// navigation shape, and only short lines are judged by cue words, so body text survives.
enum Boilerplate {
    struct Result {
        var lines: [Substring]
        var dropped: Int
        var duplicates: Int
        /// A title found in a dropped line: 《标题》_第1页, or a file name 标题.docx.
        var titleHint: String?
    }

    /// Cues that mark a short line (≤ 60 characters) as page furniture, matched on folded text.
    static let shortLineCues: [String] = [
        "您当前的位置", "当前位置", "您的位置", "所在位置", "首页>", "首页 >", "首页»", "分享到", "分享至", "扫一扫", "打印本页", "打印此页",
        "关闭窗口", "返回顶部", "返回首页", "上一篇", "下一篇", "相关阅读", "相关文章", "相关新闻", "相关专题", "相关链接",
        "责任编辑", "编辑:", "点击阅读", "阅读更多", "点击查看", "下载本文档", "全文预览", "文档编号", "上传时间", "上传人",
        "文档格式", "文档大小", "版权申诉", "马上下载", "文本预览", "下载提示", "常见问题", "免责声明", "联系我们", "会员中心",
        "版权说明", "温馨提示", "最新文档", "文档简介", "最近更新", "提交评论", "发表评论", "网友评论", "字号:", "【大", "【中", "【小",
        "produced by", "all rights reserved", "copyright", "版权所有", "icp备", "icp证", "公网安备", "经营许可证", "主办单位",
        "承办单位", "技术支持", "网站地图", "设为首页", "加入收藏", "安卓app", "ios版", "app下载", "微信公众号", "官方微博",
        "好文档", "文档交易", "欢迎来到", "相关稿件", "视频简介", "栏目介绍", "更多精彩", "热门视频", "推荐阅读", "热门推荐", "报料热线", "新闻热线", "投稿邮箱", "@qq.com", "违法和不良信息",
    ]

    /// Cues that mark a bulleted line of any length as site chrome (download-site notices).
    static let siteNoticeCues: [String] = ["本站", "上传用户", "用户上传", "侵权", "下载资源", "下载文件", "winrar", "pdf阅读器", "文库", "盈利用途"]

    /// Whole lines that are page furniture only when they stand alone.
    static let exactLines: Set<String> = ["评论", "举报", "收藏", "打印", "关闭", "分享", "点赞", "返回", "更多", "纠错"]

    /// Cues strong enough to say a text file was saved from a web page.
    static let scrapedPageCues: [String] = [
        "icp备", "版权所有", "copyright", "all rights reserved", "您当前的位置", "当前位置", "分享到", "下载本文档",
        "全文预览", "produced by", "文档编号", "公网安备", "责任编辑", "相关专题", "相关文章", "相关阅读", "相关新闻",
        "最近更新", "上一篇", "下一篇", "文档简介", "温馨提示",
    ]

    /// Whether plain text looks saved from a web page; only then is it cleaned like HTML, so a
    /// complaint letter titled 举报信 or a transcript keeps every line.
    static func looksScraped(_ lines: [Substring]) -> Bool {
        var hits = 0
        var folded: [UInt32] = []
        for line in lines where line.utf8.count <= 320 && line.unicodeScalars.count <= 80 {
            // Folded scalar by scalar through the table into one reused buffer (this ran on every
            // line of every text file, building a String and searching it 22 times: 9 % of
            // indexing the news); lines the table cannot fold take the ICU path.
            folded.removeAll(keepingCapacity: true)
            if !Fold.scalars(line, into: &folded) {
                folded = Fold.simple(line).unicodeScalars.map(\.value)
            }
            // A cue word, or a menu line ending in a separator ("相关专题 |").
            let last = folded.lastIndex { !(Unicode.Scalar($0)?.properties.isWhitespace ?? false) }
            if CueSet.scrapedPage.occur(in: folded) || last.map({ folded[$0] == 0x7C }) == true { hits += 1 }
            if hits >= 2 { return true }
        }
        return false
    }

    /// Cue words as scalars, indexed by first scalar, for one pass over a line (instead of one
    /// substring search per cue: ninety per short line of every HTML page).
    final class CueSet: Sendable {
        static let scrapedPage = CueSet(scrapedPageCues)
        static let shortLine = CueSet(shortLineCues)
        static let siteNotice = CueSet(siteNoticeCues)
        let byFirst: [UInt32: [[UInt32]]]
        /// The scalars that start some cue: most scalars are rejected without hashing.
        let starts: ScalarBits
        init(_ cues: [String]) {
            byFirst = Dictionary(grouping: cues.map { $0.unicodeScalars.map(\.value) }, by: { $0[0] })
            starts = ScalarBits(byFirst.keys)
        }
        func occur(in s: [UInt32]) -> Bool {
            for i in s.indices {
                let v = s[i]
                guard starts.mayContain(v), let candidates = byFirst[v] else { continue }
                for cue in candidates where cue.count <= s.count - i {
                    var j = 1
                    while j < cue.count && s[i + j] == cue[j] { j += 1 }
                    if j == cue.count { return true }
                }
            }
            return false
        }
    }

    static func clean(_ lines: [Substring]) -> Result {
        var kept: [Substring] = []
        var removed: [Bool] = []
        var bulleted: [Bool] = []
        var dropped = 0
        var titleHint: String?
        for line in lines {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            if isFurniture(trimmed) {
                dropped += 1
                if titleHint == nil { titleHint = title(in: trimmed) }
                kept.append(trimmed)
                removed.append(true)
                bulleted.append(false)
                continue
            }
            let stripped = stripBullet(trimmed)
            kept.append(stripped)
            removed.append(false)
            bulleted.append(stripped.count != trimmed.count)
        }
        let duplicates = markRepeatedBody(kept, &removed)
        dropped += markRelatedLists(kept, &removed)
        dropped += markIslands(kept, bulleted, &removed)
        let out = zip(kept, removed).filter { !$0.1 }.map(\.0)
        return Result(lines: out, dropped: dropped, duplicates: duplicates, titleHint: titleHint)
    }

    static let pageTitle = TextSearch.Pattern(#"^《.+》_第\d+[页頁]$"#)
    static let documentName = TextSearch.Pattern(#"\.(docx?|pdf|wps)$"#)
    static let pageMarker = TextSearch.Pattern(#"^(第)?\d+页$"#)
    static let pageSuffix = TextSearch.Pattern(#"_第\d+页$"#)
    static let fileName = TextSearch.Pattern(#"\.(docx?|pdf|pptx?|xlsx?|txt)$"#)
    static let datedItem = TextSearch.Pattern(#"(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*$"#)

    /// 《标题》_第1页 → 标题; 标题.docx → 标题.
    static func title(in line: Substring) -> String? {
        let text = String(line)
        if let r = pageTitle.firstRange(in: text) {
            return String(text[r].dropFirst().prefix(while: { $0 != "》" }))
        }
        if let r = documentName.firstRange(in: text) {
            return String(text[..<r.lowerBound])
        }
        return nil
    }

    static func isFurniture(_ line: Substring) -> Bool {
        let folded = Fold.simple(line)
        let length = folded.count
        let scalars = folded.unicodeScalars.map(\.value)
        let bulleted = folded.hasPrefix("•") || folded.hasPrefix("·") || folded.hasPrefix("- ") || folded.hasPrefix("* ")
        if bulleted && CueSet.siteNotice.occur(in: scalars) { return true }
        guard length <= 60 else { return false }
        if exactLines.contains(folded.trimmingWhitespace().description) { return true }
        if CueSet.shortLine.occur(in: scalars) { return true }
        // Bare counters and page markers: "0", "0/150", "5页", "第1页".
        if folded.allSatisfy({ $0.isNumber || $0 == "/" || $0 == " " }) { return true }
        if folded.hasSuffix("页") && (pageMarker.matches(folded) || pageSuffix.matches(folded)) { return true }
        // Breadcrumbs and menus: short segments joined by >, », | or /.
        let separators: Set<Character> = [">", "»", "|", "›"]
        let parts = folded.split(whereSeparator: { separators.contains($0) }).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let separatorCount = folded.filter { separators.contains($0) }.count
        if separatorCount >= 1 && parts.allSatisfy({ $0.count <= 12 }) && !TextSearch.contains(folded, "。") { return true }
        // A file name left by a download site: "材料.docx".
        if length <= 40 && folded.contains(".") && fileName.matches(folded) { return true }
        return false
    }

    /// "• 干部…" → "干部…" (a bullet left by a scraped list, on a body line).
    static func stripBullet(_ line: Substring) -> Substring {
        var s = line
        while let f = s.first, f == "•" || f == "·" || f == "▪" || f == "●" { s = s.dropFirst().trimmingWhitespace() }
        return s
    }

    /// Marks every repeat of a line that carries content (≥ 6 characters), so a page that holds
    /// the article twice gives it once. Short lines (speaker labels, "是。") repeat freely.
    static func markRepeatedBody(_ lines: [Substring], _ removed: inout [Bool]) -> Int {
        var seen = Set<String>()
        var duplicates = 0
        for (i, line) in lines.enumerated() where !removed[i] && line.count >= 6 {
            if !seen.insert(Fold.simple(line)).inserted {
                removed[i] = true
                duplicates += 1
            }
        }
        return duplicates
    }

    /// Marks runs of three or more list items that end with a date ("- 标题2022-01-15"): the
    /// related-article lists under a story.
    static func markRelatedLists(_ lines: [Substring], _ removed: inout [Bool]) -> Int {
        func isItem(_ line: Substring) -> Bool {
            line.count <= 80 && !TextSearch.contains(line, "。") && datedItem.matches(line)
        }
        var dropped = 0
        var i = 0
        while i < lines.count {
            var j = i
            while j < lines.count && isItem(lines[j]) { j += 1 }
            if j - i >= 3 {
                for k in i..<j where !removed[k] { removed[k] = true; dropped += 1 }
                // Bulleted items just before the run, whose dates were cut off.
                var b = i - 1
                while b >= 0 && lines[b].count <= 120 && (lines[b].hasPrefix("- ") || lines[b].hasPrefix("· ")) && !removed[b] {
                    removed[b] = true; dropped += 1; b -= 1
                }
                // A list's own heading and stragglers without dates: short bulleted lines next to it.
                var k = j
                while k < lines.count && lines[k].count <= 80 && (lines[k].hasPrefix("- ") || lines[k].hasPrefix("· ")) && !removed[k] {
                    removed[k] = true; dropped += 1; k += 1
                }
                i = max(j, k)
            } else {
                i += 1
            }
        }
        return dropped
    }

    /// Marks lines whose neighbours on both sides were removed when they are short and without
    /// sentence punctuation (a site name between the footer and a second copy of the article), or
    /// bulleted (one item of a site notice list that names no cue itself).
    static func markIslands(_ lines: [Substring], _ bulleted: [Bool], _ removed: inout [Bool]) -> Int {
        var dropped = 0
        for i in lines.indices where !removed[i] && (bulleted[i] || (lines[i].count <= 15 && !lines[i].contains(where: { "。，！？；,".contains($0) }))) {
            let before = i > 0 ? removed[i - 1] : false
            let after = i + 1 < lines.count ? removed[i + 1] : true
            if before && after { removed[i] = true; dropped += 1 }
        }
        return dropped
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}

extension String {
    func trimmingWhitespace() -> Substring { self[...].trimmingWhitespace() }
}
