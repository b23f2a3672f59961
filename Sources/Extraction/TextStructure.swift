import Foundation
/// Builds ``Document/text`` and its blocks, keeping UTF-8 offsets.
struct TextAssembler {
    private(set) var text = ""
    private(set) var blocks: [Block] = []
    private var length = 0

    /// Appends `content` as a new block (on its own line).
    mutating func append(_ content: Substring, _ kind: BlockKind, speaker: String? = nil, role: String? = nil, date: String? = nil) {
        if !text.isEmpty { text += "\n"; length += 1 }
        let start = length
        text += content
        length += content.utf8.count
        blocks.append(Block(kind: kind, start: start, end: length, speaker: speaker, role: role, date: date))
    }

    /// Appends a line to the last block (a turn or entry running over several lines).
    mutating func extendLast(_ content: Substring) {
        guard !blocks.isEmpty else { append(content, .paragraph); return }
        text += "\n"
        text += content
        length += 1 + content.utf8.count
        blocks[blocks.count - 1].end = length
    }

    /// Appends a table row; cells are separated by a TAB in the text.
    mutating func appendRow(_ cells: [String]) {
        if !text.isEmpty { text += "\n"; length += 1 }
        let start = length
        var spans: [[Int]] = []
        for (i, cell) in cells.enumerated() {
            if i > 0 { text += "\t"; length += 1 }
            let s = length
            text += cell
            length += cell.utf8.count
            spans.append([s, length])
        }
        blocks.append(Block(kind: .tableRow, start: start, end: length, cells: spans))
    }

    var lastKind: BlockKind? { blocks.last?.kind }
}

/// Recognises the structure of transcripts (谈话记录 / 走访记录) and notebooks in lines of text.
struct TextStructure {
    var metadata = DocumentMetadata()
    var subjectNames: [String] = []
    var dates: [String] = []
    var turns = 0
    var entries = 0
    var fields = 0
    var visit = false

    /// Header keys (folded, colon excluded) and the metadata they fill.
    enum Field { case time, location, interviewer, informant, recorder, unit, subject, realName, title }
    static let headerKeys: [String: Field] = [
        "谈话时间": .time, "时间": .time, "走访时间": .time, "日期": .time, "谈话日期": .time, "记录时间": .time,
        "谈话地点": .location, "地点": .location, "走访地点": .location,
        "谈话人": .interviewer, "考察组": .interviewer, "谈话组": .interviewer, "考察人": .interviewer, "谈话组成员": .interviewer,
        "考察组成员": .interviewer, "走访人": .interviewer, "走访组": .interviewer, "主谈人": .interviewer,
        "谈话对象": .informant, "被谈话人": .informant, "被谈话对象": .informant, "走访对象": .informant, "受访人": .informant,
        "受访对象": .informant, "反映人": .informant, "谈话对象姓名": .informant,
        "记录人": .recorder, "记录": .recorder, "记录员": .recorder,
        "单位": .unit, "所在单位": .unit, "工作单位": .unit, "谈话对象单位": .unit, "被考察单位": .unit,
        "考察对象": .subject, "被考察人": .subject, "测评对象": .subject, "举报对象": .subject, "被举报人": .subject,
        "是否实名": .realName, "实名": .realName,
    ]
    static let questionLabels: Set<String> = ["问", "问话", "提问", "q", "谈话人问", "问题"]
    static let answerLabels: Set<String> = ["答", "回答", "答复", "a", "谈话对象答"]

    /// Splits `line` at a leading `label:` / `label：` of at most 10 characters.
    static func label(_ line: Substring) -> (label: Substring, rest: Substring)? {
        // A label is at most 10 characters: look for the colon among the first scalars only
        // (whole-line Character scans cost grapheme breaking on every long paragraph).
        guard let scalar = line.unicodeScalars.prefix(40).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let colon = scalar
        let label = line[..<colon].trimmingWhitespace()
        guard !label.isEmpty, label.count <= 10, !label.contains(where: { "，。,；;、".contains($0) }) else { return nil }
        return (label, line[line.index(after: colon)...].trimmingWhitespace())
    }

    /// Lays `lines` out as blocks in `out`, recognising header fields, Q/A turns and dated entries.
    mutating func layout(_ lines: [Substring], rows: [[String]] = [], into out: inout TextAssembler, defaultYear: Int?) {
        var inTurn = false
        var inEntry = false
        var headerOpen = true
        var year = defaultYear
        var title: Substring?
        for raw in lines {
            let line = raw.trimmingWhitespace()
            if line.isEmpty { continue }
            if line.hasPrefix(HTMLReader.rowMarker), let index = Int(line.dropFirst(HTMLReader.rowMarker.count).filter(\.isNumber)), index < rows.count {
                out.appendRow(rows[index])
                inTurn = false
                inEntry = false
                continue
            }
            let short = line.utf8.count <= 240
            if title == nil && out.blocks.isEmpty && short && line.count <= 40 && Self.label(line) == nil && Dates.leading(line, year: nil) == nil {
                title = line
                if TextSearch.contains(Fold.simple(line), "走访") { visit = true }
                out.append(line, .heading)
                continue
            }
            if let (label, rest) = Self.label(line) {
                // Spaces out (姓 名 → 姓名); Foundation's replacingOccurrences was a fifth of layout.
                var key = Fold.simple(label)
                if key.utf8.contains(0x20) { key.unicodeScalars.removeAll { $0 == " " } }
                if headerOpen, let field = Self.headerKeys[key] {
                    record(field, String(rest), year: &year)
                    fields += 1
                    if TextSearch.contains(key, "走访") { visit = true }
                    out.append(line, .field)
                    inTurn = false
                    inEntry = false
                    continue
                }
                let lower = key.lowercased()
                let isQuestion = Self.questionLabels.contains(lower)
                let isAnswer = Self.answerLabels.contains(lower)
                let isNamedSpeaker = !isQuestion && !isAnswer && (fields > 0 || turns > 0) && label.count <= 6
                    && label.allSatisfy { $0.unicodeScalars.allSatisfy { ($0.value >= 0x4E00 && $0.value <= 0x9FFF) || $0 == "·" } }
                if isQuestion || isAnswer || isNamedSpeaker {
                    headerOpen = false
                    let speaker: String
                    if isQuestion { speaker = Self.personName(metadata.interviewer) ?? String(label) }
                    else if isAnswer { speaker = Self.personName(metadata.informant) ?? String(label) }
                    else { speaker = String(label) }
                    // A named speaker is the interviewer or the person interviewed when the header
                    // says so (考察组：市委组织部 郭晓东（组长） / 谈话对象：孙浩（…）).
                    var role: String? = isQuestion ? "question" : isAnswer ? "answer" : nil
                    if isNamedSpeaker {
                        if metadata.interviewer?.contains(speaker) == true { role = "question" }
                        else if metadata.informant?.contains(speaker) == true { role = "answer" }
                    }
                    out.append(line, .turn, speaker: speaker, role: role)
                    turns += 1
                    inTurn = true
                    inEntry = false
                    continue
                }
            }
            if let (date, _) = Dates.leading(line, year: year) {
                year = Int(date.prefix(4))
                if dates.isEmpty && entries == 0 && turns == 0 && out.blocks.count <= 3 && Self.isDateline(line) {
                    // A dateline of a report ("2019年08月20日 来源：…"), not a notebook entry.
                    dates.append(date)
                    if let src = line.range(of: "来源") { metadata.source = String(line[src.upperBound...].drop(while: { $0 == ":" || $0 == "：" }).trimmingWhitespace()) }
                    out.append(line, .paragraph)
                    continue
                }
                headerOpen = false
                out.append(line, .entry, date: date)
                entries += 1
                inEntry = true
                inTurn = false
                continue
            }
            if inTurn || inEntry {
                out.extendLast(line)
            } else {
                if out.blocks.count <= 3 && dates.isEmpty && short {
                    let found = Dates.all(in: line)
                    if let first = found.first, line.count <= 60 {
                        dates.append(first)
                        if let src = line.range(of: "来源") { metadata.source = String(line[src.upperBound...].drop(while: { $0 == ":" || $0 == "：" }).trimmingWhitespace()) }
                    }
                }
                out.append(line, .paragraph)
            }
        }
    }

    /// A report's dateline ("2019年08月20日 16:51:14 来源:…"), as opposed to a notebook entry's date:
    /// it names a source or author, or gives a clock time, or runs long.
    static let clockTime = TextSearch.Pattern(#"\d{1,2}:\d{2}"#)

    static func isDateline(_ line: Substring) -> Bool {
        if line.count > 30 { return true }
        let f = Fold.simple(line)
        return TextSearch.containsAny(f, ["来源", "作者", "编辑", "发布", "通讯员", "记者"]) || clockTime.matches(f)
    }

    /// "陈晓燕（局办公室副主任）" → "陈晓燕": a header value without its parenthetical role.
    static func personName(_ value: String?) -> String? {
        guard let value else { return nil }
        let cut = value.firstIndex(where: { $0 == "（" || $0 == "(" }) ?? value.endIndex
        let name = value[..<cut].trimmingWhitespace()
        return name.isEmpty ? value : String(name)
    }

    private mutating func record(_ field: Field, _ value: String, year: inout Int?) {
        let v = value.trimmingWhitespace()
        guard !v.isEmpty else { return }
        switch field {
        case .time:
            if let (d, _) = Dates.leading(v, year: year) {
                dates.append(d)
                year = Int(d.prefix(4))
            }
        case .location: metadata.location = String(v)
        case .interviewer: metadata.interviewer = String(v)
        case .informant:
            // "局办公室副主任 陈晓燕" or "陈晓燕（局办公室副主任）": keep it whole; linking reads it.
            metadata.informant = String(v)
        case .recorder: metadata.recorder = String(v)
        case .unit: metadata.unit = String(v)
        case .subject: subjectNames.append(String(v))
        case .realName:
            let f = Fold.simple(v)
            if f.hasPrefix("是") || f.hasPrefix("实名") { metadata.realName = true }
            else if f.hasPrefix("否") || f.hasPrefix("匿名") { metadata.realName = false }
        case .title: break
        }
    }

    /// The channel the structure suggests, if any.
    var suggestedChannel: Channel? {
        if turns >= 1 && fields >= 1 { return visit ? .visit : .interview }
        if turns >= 2 { return visit ? .visit : .interview }
        if entries >= 2 { return .notebook }
        return nil
    }
}
