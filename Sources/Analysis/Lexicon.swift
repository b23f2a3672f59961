import Foundation

/// A forced lexicon (用户词典): each term always comes out as one ``TokenKind/lexicon`` token,
/// even where ICU's dictionary would split it (负面清单, 民主测评, 推诿扯皮, cadre and unit names).
/// Where terms overlap, the leftmost match wins, and at one start the longest.
///
/// Terms are normalised like documents (so a Traditional or full-width entry matches its
/// Simplified, half-width twin). Immutable after construction and safe to share between threads.
///
/// ```swift
/// let lexicon = try Lexicon(contentsOf: URL(filePath: "lexicon.txt"))  // one term per line, optional TAB tag
/// let analyzer = try Analyzer(lexicon: lexicon)
/// ```
public final class Lexicon: Sendable {
    /// A term and its optional tag (e.g. `cadre`, `unit`, `signal`).
    public struct Entry: Sendable, Equatable {
        public var term: String
        public var tag: String?
        public init(term: String, tag: String? = nil) {
            self.term = term
            self.tag = tag
        }
    }

    /// A line of a lexicon file that could not be used.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var line: Int?
        public var reason: String
        public var description: String {
            if let line { return "\(path):\(line): \(reason)" }
            return "\(path): \(reason)"
        }
    }

    /// The empty lexicon: nothing forced.
    public static let empty = Lexicon(normalizedTerms: [])

    /// The terms, as a trie over normalised scalars.
    let trie: Trie
    /// Tag of each distinct term, indexed by ``Trie/longestMatch(in:at:)``'s `term`.
    private let tags: [String?]
    /// Number of distinct normalised terms.
    public let count: Int

    public var isEmpty: Bool { count == 0 }

    /// Builds a lexicon from entries. Entries that normalise to nothing are skipped.
    public convenience init(_ entries: [Entry]) {
        var normalizer = TextNormalizer()
        var normalized: [([UInt32], String?)] = []
        normalized.reserveCapacity(entries.count)
        var text = NormalizedText()
        for entry in entries {
            var bytes = Array(entry.term.utf8)
            bytes.withUnsafeMutableBufferPointer { b in
                normalizer.normalize(UnsafeBufferPointer(b), from: 0, to: b.count, into: &text)
            }
            // Surrounding spaces are never part of a term.
            var scalars = text.scalars[...]
            while let f = scalars.first, f == 0x20 || f == 0x09 { scalars = scalars.dropFirst() }
            while let l = scalars.last, l == 0x20 || l == 0x09 { scalars = scalars.dropLast() }
            if !scalars.isEmpty { normalized.append((Array(scalars), entry.tag)) }
        }
        self.init(normalizedTerms: normalized)
    }

    /// Builds a lexicon from plain terms.
    public convenience init(terms: [String]) {
        self.init(terms.map { Entry(term: $0) })
    }

    /// Loads a lexicon file: UTF-8, one term per line, an optional tag after a TAB; blank lines and
    /// lines starting with `#` are skipped. Throws naming the file (and line) when it cannot be read.
    public convenience init(contentsOf url: URL) throws(LoadError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoadError(path: url.path, line: nil, reason: "cannot read the lexicon file (\(error.localizedDescription)); check the path")
        }
        try self.init(fileContents: data, path: url.path)
    }

    /// Parses lexicon file contents (see ``init(contentsOf:)``); `path` is used in errors.
    public convenience init(fileContents data: Data, path: String) throws(LoadError) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(bytes)
            let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw LoadError(path: path, line: line, reason: "not valid UTF-8 at byte \(offset); save the lexicon as UTF-8")
        }
        var entries: [Entry] = []
        // "\r\n" is one Character in Swift, so split on every newline, not on "\n".
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = Self.trimmed(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let term = Self.trimmed(fields[0])
            let tag = fields.count > 1 ? Self.trimmed(fields[1]) : ""
            if term.isEmpty { continue }
            entries.append(Entry(term: String(term), tag: tag.isEmpty ? nil : String(tag)))
        }
        self.init(entries)
    }

    private init(normalizedTerms: [([UInt32], String?)]) {
        var rootBMP = [Int32](repeating: 0, count: normalizedTerms.isEmpty ? 0 : 0x10000)
        var edges = EdgeTable(capacity: normalizedTerms.count * 2)
        var terminal: [Int32] = [0]
        var tags: [String?] = []
        var count = 0
        for (scalars, tag) in normalizedTerms {
            var node: Int32 = 0
            for c in scalars {
                let next: Int32?
                if node == 0 && c < 0x10000 {
                    next = rootBMP[Int(c)] == 0 ? nil : rootBMP[Int(c)]
                } else {
                    next = edges[UInt64(node) << 32 | UInt64(c)]
                }
                if let next {
                    node = next
                } else {
                    let created = Int32(terminal.count)
                    terminal.append(0)
                    if node == 0 && c < 0x10000 { rootBMP[Int(c)] = created } else { edges.insert(UInt64(node) << 32 | UInt64(c), created) }
                    node = created
                }
            }
            if terminal[Int(node)] == 0 {
                count += 1
                tags.append(tag)
                terminal[Int(node)] = Int32(tags.count)
            } else if let tag {
                tags[Int(terminal[Int(node)]) - 1] = tag  // a later line's tag wins
            }
        }
        // Mark edges into terminal nodes with a flag bit, so matching reads `terminal` only for
        // the nodes where a term ends.
        for c in rootBMP.indices where rootBMP[c] != 0 && terminal[Int(rootBMP[c])] != 0 {
            rootBMP[c] |= Trie.terminalFlag
        }
        var flagged = EdgeTable(capacity: edges.count)
        edges.forEach { key, child in
            flagged.insert(key, terminal[Int(child)] != 0 ? child | Trie.terminalFlag : child)
        }
        self.trie = Trie(rootBMP: rootBMP, edges: flagged, terminal: terminal)
        self.tags = tags
        self.count = count
    }

    /// The end (exclusive) of the longest term starting at `start` in `scalars`, if any, with its
    /// tag (see ``Trie/longestMatch(in:at:)``).
    func longestMatch(in scalars: UnsafeBufferPointer<UInt32>, at start: Int) -> (end: Int, tag: String?)? {
        guard let m = trie.longestMatch(in: scalars, at: start) else { return nil }
        return (m.end, tags[m.term])
    }

    /// The lexicon's trie: a directly indexed first level for BMP code points, and an
    /// ``EdgeTable`` for every other edge. A value type, so the analysis chain takes one copy per
    /// call and matches without reference counting.
    struct Trie: Sendable {
        /// Children of the root for BMP code points (0 = none); empty for the empty lexicon.
        let rootBMP: [Int32]
        /// All other edges, keyed by `node << 32 | scalar`.
        let edges: EdgeTable
        /// Per node: the term index + 1 when a term ends here, else 0.
        let terminal: [Int32]
        /// Set on `rootBMP` and `edges` values whose child node ends a term.
        static let terminalFlag: Int32 = 1 << 30

        /// The end (exclusive) and term index of the longest term starting at `start`. A term that
        /// begins or ends with a Latin letter or digit must not continue a Latin or digit run on
        /// that side (`ICP` does not match inside `ICPC`).
        @inline(__always)
        func longestMatch(in scalars: UnsafeBufferPointer<UInt32>, at start: Int) -> (end: Int, term: Int)? {
            let n = scalars.count
            let first = scalars[start]
            var edge: Int32  // child node, with terminalFlag when a term ends there
            if first < 0x10000 {
                guard !rootBMP.isEmpty else { return nil }
                edge = rootBMP[Int(first)]
            } else {
                edge = edges[UInt64(first)] ?? 0
            }
            guard edge != 0 else { return nil }
            if ScriptClass.isLatinOrDigit(first) && start > 0 && ScriptClass.isLatinOrDigit(scalars[start - 1]) { return nil }
            var best: (Int, Int)? = nil
            var i = start + 1
            while true {
                let node = edge & ~Self.terminalFlag
                if edge & Self.terminalFlag != 0 {
                    let last = scalars[i - 1]
                    if !(ScriptClass.isLatinOrDigit(last) && i < n && ScriptClass.isLatinOrDigit(scalars[i])) {
                        best = (i, Int(terminal[Int(node)]) - 1)
                    }
                }
                guard i < n, let next = edges[UInt64(node) << 32 | UInt64(scalars[i])] else { break }
                edge = next
                i += 1
            }
            return best
        }
    }

    /// `s` without leading and trailing white space (Foundation's trimming bridges to NSString,
    /// which made loading 100,000 terms take twice as long).
    private static func trimmed(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var offset = bytes.count
        bytes.withUnsafeBufferPointer { b in
            UTF8Decoding.decode(b, from: 0, to: b.count) { scalar, s, e in
                if scalar == UTF8Decoding.replacement && offset == b.count
                    && !(e - s == 3 && b[s] == 0xEF && b[s + 1] == 0xBF && b[s + 2] == 0xBD) {
                    offset = s
                }
            }
        }
        return offset
    }
}
