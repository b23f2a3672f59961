/// A parsed query.
///
/// Language: terms and `"phrases"`; `AND`, `OR`, `NOT` (or a leading `-`), juxtaposition meaning
/// AND; parentheses; field filters `channel:interview`, `unit:交通运输局`, `date:2024-03-05`,
/// `date:2024-01..2024-06` (either end may be left open), `cadre:C001`; `A NEAR/5 B` (within 5
/// characters for Han text, 5 words for Latin text).
///
/// ```swift
/// let q = try Query.parse("负面清单 AND (channel:interview OR channel:visit) NOT 听说")
/// ```
public indirect enum Query: Equatable, Sendable {
    /// Text to find (one whitespace-free word of the query, or a quoted phrase).
    case text(String, quoted: Bool)
    case and([Query])
    case or([Query])
    case not(Query)
    /// A keyword filter, `field:value`.
    case filter(field: String, value: String)
    /// `date:FROM..TO`, ISO prefixes, inclusive; nil is open.
    case dateRange(from: String?, to: String?)
    case near(Query, Query, distance: Int)

    public static let fields: Set<String> = ["channel", "unit", "date", "cadre", "informant", "path", "signal", "status"]
    /// Fields answered by a set of document paths the caller computes (``SearchOptions/pathFilters``),
    /// not by keyword terms: `status:` (the corroboration of a document's claims).
    public static let pathFields: Set<String> = ["status"]

    /// Every (field, value) filter in the query.
    public var filters: [(field: String, value: String)] {
        switch self {
        case .filter(let f, let v): return [(f, v)]
        case .and(let qs), .or(let qs): return qs.flatMap(\.filters)
        case .not(let q): return q.filters
        case .near(let a, let b, _): return a.filters + b.filters
        case .text, .dateRange: return []
        }
    }

    /// Leaves (terms, phrases, filters) and nesting depth: what a server caps to keep one query
    /// from costing the work of thousands.
    public var size: (leaves: Int, depth: Int) {
        switch self {
        case .text, .filter, .dateRange: return (1, 1)
        case .and(let qs), .or(let qs):
            let parts = qs.map(\.size)
            return (parts.reduce(0) { $0 + $1.leaves }, 1 + (parts.map(\.depth).max() ?? 0))
        case .not(let q):
            let s = q.size
            return (s.leaves, s.depth + 1)
        case .near(let a, let b, _):
            let x = a.size, y = b.size
            return (x.leaves + y.leaves, 1 + max(x.depth, y.depth))
        }
    }

    public static func parse(_ text: String) throws(QueryError) -> Query {
        var parser = Parser(tokens: try Lexer.tokens(text), source: text)
        let q = try parser.parseOr()
        if let t = parser.peek {
            throw QueryError(position: t.position, message: t.kind == .close ? "unexpected ')' with no '(' to close" : "unexpected \(t.text)")
        }
        return q
    }
}

/// A malformed query: the character position of the problem and what is wrong.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Offset in characters from the start of the query.
    public var position: Int
    public var message: String

    public var description: String { "query error at character \(position + 1): \(message)" }
}

struct Lexer {
    enum Kind: Equatable { case word, phrase, open, close, and, or, not, minus, near }
    struct Token: Equatable {
        var kind: Kind
        var text: String
        var position: Int
        var distance = 0
    }

    static func tokens(_ text: String) throws(QueryError) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "(" || c == "（" { tokens.append(Token(kind: .open, text: "(", position: i)); i += 1; continue }
            if c == ")" || c == "）" { tokens.append(Token(kind: .close, text: ")", position: i)); i += 1; continue }
            if c == "\"" || c == "“" || c == "”" || c == "「" {
                let closers: Set<Character> = c == "「" ? ["」"] : ["\"", "”", "“"]
                var j = i + 1
                while j < chars.count && !closers.contains(chars[j]) { j += 1 }
                guard j < chars.count else { throw QueryError(position: i, message: "unclosed quote") }
                tokens.append(Token(kind: .phrase, text: String(chars[(i + 1)..<j]), position: i))
                i = j + 1
                continue
            }
            if c == "-" && (i + 1 < chars.count) && !chars[i + 1].isWhitespace && (tokens.isEmpty || i == 0 || chars[i - 1].isWhitespace || chars[i - 1] == "(") {
                tokens.append(Token(kind: .minus, text: "-", position: i))
                i += 1
                continue
            }
            var j = i
            while j < chars.count && !chars[j].isWhitespace && !"()（）\"“”「".contains(chars[j]) { j += 1 }
            let word = String(chars[i..<j])
            switch word {
            case "AND": tokens.append(Token(kind: .and, text: word, position: i))
            case "OR": tokens.append(Token(kind: .or, text: word, position: i))
            case "NOT": tokens.append(Token(kind: .not, text: word, position: i))
            default:
                if word.hasPrefix("NEAR/") {
                    guard let n = Int(word.dropFirst(5)), n >= 0 else { throw QueryError(position: i, message: "NEAR needs a distance, as in NEAR/5") }
                    tokens.append(Token(kind: .near, text: word, position: i, distance: n))
                } else {
                    tokens.append(Token(kind: .word, text: word, position: i))
                }
            }
            i = j
        }
        return tokens
    }
}

struct Parser {
    var tokens: [Lexer.Token]
    var index = 0
    let source: String

    var peek: Lexer.Token? { index < tokens.count ? tokens[index] : nil }
    mutating func next() -> Lexer.Token? { defer { index += 1 }; return peek }

    mutating func parseOr() throws(QueryError) -> Query {
        var parts = [try parseAnd()]
        while peek?.kind == .or {
            let op = next()!
            guard peek != nil, peek?.kind != .close else { throw QueryError(position: op.position, message: "OR needs something on its right") }
            parts.append(try parseAnd())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    mutating func parseAnd() throws(QueryError) -> Query {
        var parts: [Query] = []
        while let t = peek, t.kind != .or, t.kind != .close {
            if t.kind == .and {
                _ = next()
                guard !parts.isEmpty else { throw QueryError(position: t.position, message: "AND needs something on its left") }
                guard let n = peek, n.kind != .or, n.kind != .close, n.kind != .and else { throw QueryError(position: t.position, message: "AND needs something on its right") }
                continue
            }
            var unit = try parseUnary()
            while let n = peek, n.kind == .near {
                _ = next()
                guard peek != nil else { throw QueryError(position: n.position, message: "NEAR needs a term on its right") }
                let right = try parseUnary()
                guard case .text = unit, case .text = right else { throw QueryError(position: n.position, message: "NEAR joins two terms or phrases") }
                unit = .near(unit, right, distance: n.distance)
            }
            parts.append(unit)
        }
        guard !parts.isEmpty else {
            throw QueryError(position: peek?.position ?? source.count, message: peek == nil ? "empty query" : "expected a term before \(peek!.text)")
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    mutating func parseUnary() throws(QueryError) -> Query {
        guard let t = next() else { throw QueryError(position: source.count, message: "query ends too soon") }
        switch t.kind {
        case .not, .minus:
            guard peek != nil else { throw QueryError(position: t.position, message: "\(t.text) needs something to exclude") }
            return .not(try parseUnary())
        case .open:
            let inner = try parseOr()
            guard next()?.kind == .close else { throw QueryError(position: t.position, message: "'(' is never closed") }
            return inner
        case .phrase:
            guard !t.text.allSatisfy(\.isWhitespace) else { throw QueryError(position: t.position, message: "empty phrase") }
            return .text(t.text, quoted: true)
        case .word:
            return try word(t)
        case .close:
            throw QueryError(position: t.position, message: "unexpected ')'")
        case .and, .or:
            throw QueryError(position: t.position, message: "\(t.text) needs something on its left")
        case .near:
            throw QueryError(position: t.position, message: "NEAR needs a term on its left")
        }
    }

    func word(_ t: Lexer.Token) throws(QueryError) -> Query {
        guard let colon = t.text.firstIndex(where: { $0 == ":" || $0 == "：" }), colon != t.text.startIndex else {
            return .text(t.text, quoted: false)
        }
        let field = t.text[..<colon].lowercased()
        let value = String(t.text[t.text.index(after: colon)...])
        guard Query.fields.contains(field) else {
            // "问：" or a time "08:30" inside text stays text.
            if field.allSatisfy({ $0.isASCII && $0.isLetter }) {
                throw QueryError(position: t.position, message: "unknown field \(field); use one of \(Query.fields.sorted().joined(separator: ", "))")
            }
            return .text(t.text, quoted: false)
        }
        guard !value.isEmpty else { throw QueryError(position: t.position + field.count + 1, message: "\(field): needs a value") }
        if field == "date", let range = value.range(of: "..") {
            let from = String(value[..<range.lowerBound]), to = String(value[range.upperBound...])
            for part in [from, to] where !part.isEmpty && !Self.isDatePrefix(part) {
                throw QueryError(position: t.position + 5, message: "date range ends must look like 2024, 2024-03 or 2024-03-05")
            }
            return .dateRange(from: from.isEmpty ? nil : from, to: to.isEmpty ? nil : to)
        }
        if field == "date" && !Self.isDatePrefix(value) {
            throw QueryError(position: t.position + 5, message: "a date looks like 2024, 2024-03 or 2024-03-05")
        }
        return .filter(field: field, value: value)
    }

    static func isDatePrefix(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard (1...3).contains(parts.count), parts[0].count == 4 else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isNumber) && (1...4).contains($0.count) }
    }
}
