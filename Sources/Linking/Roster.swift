import Foundation

/// A cadre (干部) as the roster lists them.
public struct Cadre: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var unit: String
    public var position: String
    public var level: String?
    /// ISO dates (`2021-03-01`), when known.
    public var tenureStart: String?
    public var tenureEnd: String?

    public init(id: String, name: String, aliases: [String] = [], unit: String, position: String, level: String? = nil,
                tenureStart: String? = nil, tenureEnd: String? = nil) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.unit = unit
        self.position = position
        self.level = level
        self.tenureStart = tenureStart
        self.tenureEnd = tenureEnd
    }
}

/// A roster row or entry that could not be loaded: the file, the line (CSV) or entry number
/// (JSON), what is wrong and what to do. The other rows still load.
public struct RosterIssue: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var reason: String
    public var hint: String

    public var description: String { "\(file):\(line): \(reason); \(hint)" }
}

/// The list of cadres, read from CSV or JSON.
///
/// CSV: a header row naming the columns (`id,name,aliases,unit,position,level`, optionally
/// `tenure_start,tenure_end`; order free, unknown columns ignored), RFC 4180 quoting, aliases
/// separated by `;`, `；`, `、` or `|`. JSON: an array of objects with the same fields (`aliases` an
/// array or a separated string), or `{"cadres": [...]}`.
public struct Roster: Sendable, Equatable {
    public var cadres: [Cadre]

    public init(cadres: [Cadre]) { self.cadres = cadres }

    /// Loads `url`; rows with problems are returned as issues and left out.
    public static func load(_ url: URL) throws(RosterIssue) -> (roster: Roster, issues: [RosterIssue]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RosterIssue(file: url.path, line: 0, reason: "cannot read the file", hint: "check the path and permissions")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RosterIssue(file: url.path, line: 0, reason: "not UTF-8 text", hint: "save the roster as UTF-8")
        }
        let first = text.first { !$0.isWhitespace }
        if url.pathExtension.lowercased() == "json" || first == "[" || first == "{" {
            return try parseJSON(text, file: url.path)
        }
        return try parseCSV(text, file: url.path)
    }

    static let aliasSeparators: Set<Character> = [";", "；", "、", "|"]

    static func splitAliases(_ s: String) -> [String] {
        s.split(whereSeparator: { aliasSeparators.contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Column names accepted for each field.
    static let columns: [String: [String]] = [
        "id": ["id", "编号", "工号"], "name": ["name", "姓名"], "aliases": ["aliases", "alias", "别名"],
        "unit": ["unit", "单位"], "position": ["position", "职务"], "level": ["level", "职级"],
        "tenureStart": ["tenure_start", "tenurestart", "start", "任职开始"], "tenureEnd": ["tenure_end", "tenureend", "end", "任职结束"],
    ]

    static func parseCSV(_ text: String, file: String) throws(RosterIssue) -> (roster: Roster, issues: [RosterIssue]) {
        let (rows, openQuoteLine) = CSV.rows(text)
        if let line = openQuoteLine {
            throw RosterIssue(file: file, line: line, reason: "a quote opened on this line is never closed: every row after it would be lost", hint: "close the quote (a quote inside a field is written twice: \"\")")
        }
        guard let header = rows.first else {
            throw RosterIssue(file: file, line: 1, reason: "the file is empty", hint: "start with a header row: id,name,aliases,unit,position,level")
        }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if let field = columns.first(where: { $0.value.contains(key) })?.key { index[field] = i }
        }
        for required in ["id", "name"] where index[required] == nil {
            throw RosterIssue(file: file, line: header.line, reason: "no \(required) column in the header \(header.fields.joined(separator: ","))",
                              hint: "start with a header row: id,name,aliases,unit,position,level")
        }
        var entries: [(line: Int, fields: [String: String])] = []
        for row in rows.dropFirst() where !(row.fields.count == 1 && row.fields[0].trimmingCharacters(in: .whitespaces).isEmpty) {
            var fields: [String: String] = [:]
            for (field, i) in index where i < row.fields.count { fields[field] = row.fields[i].trimmingCharacters(in: .whitespaces) }
            if row.fields.count != header.fields.count {
                // Too many fields would shift the columns silently; too few leave them empty.
                entries.append((row.line, ["_error": "\(row.fields.count) fields, the header has \(header.fields.count) (a comma inside a field needs quotes)"]))
                continue
            }
            entries.append((row.line, fields))
        }
        return build(entries, file: file, what: "line")
    }

    static func parseJSON(_ text: String, file: String) throws(RosterIssue) -> (roster: Roster, issues: [RosterIssue]) {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            throw RosterIssue(file: file, line: 0, reason: "not valid JSON (\(error.localizedDescription))", hint: "fix the JSON; see README, Roster")
        }
        let list: [Any]
        if let a = object as? [Any] { list = a } else if let o = object as? [String: Any], let a = o["cadres"] as? [Any] { list = a } else {
            throw RosterIssue(file: file, line: 0, reason: "expected an array of cadres or {\"cadres\": [...]}", hint: "see README, Roster")
        }
        var entries: [(line: Int, fields: [String: String])] = []
        for (i, item) in list.enumerated() {
            guard let o = item as? [String: Any] else {
                entries.append((i + 1, ["_error": "entry is not an object"]))
                continue
            }
            var fields: [String: String] = [:]
            for (key, value) in o {
                guard let field = columns.first(where: { $0.value.contains(key.lowercased()) || $0.key.lowercased() == key.lowercased() })?.key else { continue }
                if let s = value as? String { fields[field] = s.trimmingCharacters(in: .whitespaces) }
                else if let a = value as? [Any] { fields[field] = a.compactMap { $0 as? String }.joined(separator: "|") }
                else if let n = value as? NSNumber { fields[field] = n.stringValue }
            }
            entries.append((i + 1, fields))
        }
        return build(entries, file: file, what: "entry")
    }

    static func build(_ entries: [(line: Int, fields: [String: String])], file: String, what: String) -> (roster: Roster, issues: [RosterIssue]) {
        var cadres: [Cadre] = []
        var issues: [RosterIssue] = []
        var seen: [String: Int] = [:]
        let hint = what == "line" ? "fix the row; the other rows were loaded" : "fix the entry; the others were loaded"
        for (line, f) in entries {
            if let e = f["_error"] { issues.append(RosterIssue(file: file, line: line, reason: e, hint: hint)); continue }
            let id = f["id"] ?? "", name = f["name"] ?? ""
            guard !id.isEmpty else { issues.append(RosterIssue(file: file, line: line, reason: "no id", hint: hint)); continue }
            guard !id.contains(where: { $0 == "," || $0 == "|" || $0.isWhitespace }) else {
                issues.append(RosterIssue(file: file, line: line, reason: "id \"\(id)\" contains a comma, a bar or a space", hint: hint)); continue
            }
            guard !name.isEmpty else { issues.append(RosterIssue(file: file, line: line, reason: "cadre \(id) has no name", hint: hint)); continue }
            if let earlier = seen[id] {
                issues.append(RosterIssue(file: file, line: line, reason: "id \(id) repeats \(what) \(earlier)", hint: "give each cadre one row; this one was skipped"))
                continue
            }
            var bad: String?
            for key in ["tenureStart", "tenureEnd"] {
                if let d = f[key], !d.isEmpty, !isISODate(d) { bad = "\(key == "tenureStart" ? "tenure_start" : "tenure_end") \"\(d)\" is not a date (YYYY-MM-DD)" }
            }
            if let bad { issues.append(RosterIssue(file: file, line: line, reason: bad, hint: hint)); continue }
            seen[id] = line
            cadres.append(Cadre(id: id, name: name, aliases: splitAliases(f["aliases"] ?? ""), unit: f["unit"] ?? "", position: f["position"] ?? "",
                                level: f["level"].flatMap { $0.isEmpty ? nil : $0 },
                                tenureStart: f["tenureStart"].flatMap { $0.isEmpty ? nil : $0 }, tenureEnd: f["tenureEnd"].flatMap { $0.isEmpty ? nil : $0 }))
        }
        return (Roster(cadres: cadres), issues)
    }

    static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return y > 1900 && (1...12).contains(m) && (1...31).contains(d)
    }

    /// A digest of the roster's content: documents linked with another roster are linked again.
    public var digest: String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in cadres.sorted(by: { $0.id < $1.id }) {
            for s in [c.id, c.name, c.aliases.joined(separator: "|"), c.unit, c.position, c.level ?? "", c.tenureStart ?? "", c.tenureEnd ?? ""] {
                for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
                h = (h ^ 0x1F) &* 0x100_0000_01B3
            }
        }
        return String(h, radix: 16)
    }
}

/// RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes; LF or
/// CRLF. Each row keeps the line it starts on.
enum CSV {
    /// The rows, and the line of a quote left open at the end (nil when all are closed).
    static func rows(_ text: String) -> (rows: [(line: Int, fields: [String])], openQuote: Int?) {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var chars = Array(text)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field)
                rows.append((rowLine, fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        return (rows, inQuotes ? rowLine : nil)
    }
}
