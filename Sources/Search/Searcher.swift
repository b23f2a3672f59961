import Analysis
import Foundation
import ICU
import Index

/// Tunables of a search.
public struct SearchOptions: Sendable {
    public var limit = 10
    public var offset = 0
    /// BM25 parameters.
    public var k1 = 1.2
    public var b = 0.75
    /// Characters of context on each side of a match in a snippet.
    public var context = 40
    public var snippetsPerHit = 3
    /// Keyword fields to count over the matching documents.
    /// (`status` is not among the defaults: it reads the catalog's claims; the server and
    /// `yz search --json` ask for it.)
    public var facets: [String] = ["channel", "unit", "year", "cadre", "signal"]
    /// Facets answered by sets of document paths the caller computes, field → value → paths
    /// (`status`: the corroboration of a document's claims).
    public var pathFacets: [String: [String: Set<String>]] = [:]
    /// Document paths answering filters on ``Query/pathFields``, keyed "field:value" (the
    /// workspace computes them: `status:corroborated` from the catalog's evidence).
    public var pathFilters: [String: Set<String>] = [:]
    /// Give up (``SearchError/timeLimit``) when evaluating takes longer than this many seconds;
    /// checked between segments and between the parts of a query. nil: no limit.
    public var timeLimit: Double?
    /// Whether hits carry their document's whole text (snippets never need it).
    public var includeText = false
    /// When set, only documents filed under one of these units (exact `unit` keywords) exist for
    /// this search: they alone are matched, counted, faceted and returned. An access scope, not a
    /// query filter: nothing in the query can widen it.
    public var units: Set<String>?
    /// The most keyword values one `field:value` filter may expand to (`unit:局` matches every
    /// unit containing 局); beyond it the query is refused as too broad. nil: no cap.
    public var maxExpansion: Int?
    /// Count every phrase occurrence in every matching document before ranking, instead of only in
    /// the documents that can reach the top (the same hits and scores, slower: for tests).
    public var exhaustive = false

    public init() {}
}

/// A passage of a hit with its matches. `start`/`end` are UTF-8 offsets into the document's text;
/// `highlights` are UTF-8 offsets into `text`.
public struct Snippet: Codable, Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    public var highlights: [[Int]]
}

public struct Hit: Sendable {
    public var score: Double
    public var document: StoredDocument
    public var snippets: [Snippet]
    /// Segment and local id: stable within one snapshot.
    public var segment: Int
    public var local: Int32
}

public struct SearchResult: Sendable {
    public var total: Int
    public var hits: [Hit]
    public var facets: [String: [String: Int]]
}

/// Runs queries against one index snapshot.
///
/// Han text matches when its characters occur contiguously in a document — the bigram sequence at
/// consecutive positions of the character stream — so an exact substring is never missed, whatever
/// the word segmentation did. Documents where the query's words also occur as consecutive words
/// score a full point more than character-only matches. Scores are BM25 over phrase frequency and
/// character length. Not thread-safe (it owns an analyzer); make one per thread.
public final class Searcher {
    public let snapshot: IndexSnapshot
    private let analyzer: Analyzer

    public init(snapshot: IndexSnapshot, analyzer: Analyzer) {
        self.snapshot = snapshot
        self.analyzer = analyzer
    }

    // MARK: Units of text

    /// One `text` of the query, analysed: its Han runs (normalised scalars) and its other words.
    struct Unit {
        var hanRuns: [[UInt32]] = []
        /// Word-stream terms that are not Han (latin, numbers).
        var otherWords: [String] = []
        /// All word-stream terms of each Han run, for the word-level bonus.
        var runWords: [[String]] = []
        var quoted = false
        /// Normalised sequences to highlight.
        var highlights: [[UInt32]] = []
    }

    /// Documents matching a unit in one segment, ascending by id, with the phrase frequency,
    /// whether the words matched too, and — only when asked for (NEAR) — the start positions.
    /// When `exact` is false, `frequency` is an upper bound (the fewest occurrences of any of the
    /// phrase's terms): which documents match is always exact, but counting a dense phrase's
    /// occurrences in every one of them is left to the few that can reach the top (``Searcher/search(_:options:)``).
    struct Matches {
        var docs: [Int32] = []
        var frequency: [Int32] = []
        var exact = true
        var wordMatch: [Bool] = []
        var positionStarts: [Int32] = [0]
        var positions: [Int32] = []

        var count: Int { docs.count }
        var isEmpty: Bool { docs.isEmpty }

        func positions(at i: Int) -> ArraySlice<Int32> { positions[Int(positionStarts[i])..<Int(positionStarts[i + 1])] }

        @inline(__always)
        mutating func append(_ doc: Int32, frequency: Int32, wordMatch: Bool) {
            docs.append(doc)
            self.frequency.append(frequency)
            self.wordMatch.append(wordMatch)
            positionStarts.append(Int32(positions.count))
        }

        mutating func append(_ doc: Int32, frequency: Int32, wordMatch: Bool, positions: some Sequence<Int32>) {
            self.positions.append(contentsOf: positions)
            append(doc, frequency: frequency, wordMatch: wordMatch)
        }

        /// Documents in both, by a merge walk: the smaller frequency, words matched in both,
        /// positions from `self`.
        func intersect(_ other: Matches) -> Matches {
            var out = Matches()
            out.exact = exact && other.exact
            var i = 0, j = 0
            while i < docs.count && j < other.docs.count {
                let a = docs[i], b = other.docs[j]
                if a < b { i += 1 } else if b < a { j += 1 } else {
                    out.append(a, frequency: min(frequency[i], other.frequency[j]), wordMatch: wordMatch[i] && other.wordMatch[j], positions: positions(at: i))
                    i += 1
                    j += 1
                }
            }
            return out
        }

        /// The index of `doc`, if present.
        func index(of doc: Int32) -> Int? {
            var lo = 0, hi = docs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if docs[mid] < doc { lo = mid + 1 } else { hi = mid }
            }
            return lo < docs.count && docs[lo] == doc ? lo : nil
        }
    }

    private var units: [String: Unit] = [:]

    private func unit(_ text: String, quoted: Bool) throws(SearchError) -> Unit {
        let key = (quoted ? "\"" : "") + text
        if let u = units[key] { return u }
        var u = Unit()
        u.quoted = quoted
        let normalized = analyzer.normalize(text)
        let tokens: [Token]
        do { tokens = try analyzer.analyze(text) } catch { throw SearchError.analysis("\(error)") }
        // Han runs in the normalised text.
        var run: [UInt32] = []
        var runs: [(scalars: [UInt32], start: Int, end: Int)] = []
        var runStart = 0
        for (i, c) in normalized.scalars.enumerated() {
            if Self.isHan(c) {
                if run.isEmpty { runStart = Int(normalized.originalStart[i]) }
                run.append(c)
            } else if !run.isEmpty {
                runs.append((run, runStart, Int(normalized.originalEnd[i - 1])))
                run = []
            }
        }
        if !run.isEmpty { runs.append((run, runStart, Int(normalized.originalEnd[normalized.count - 1]))) }
        u.hanRuns = runs.map(\.scalars)
        u.runWords = runs.map { r in
            tokens.filter { ($0.kind == .word || $0.kind == .lexicon) && $0.start >= r.start && $0.end <= r.end }.map(\.term)
        }
        u.otherWords = tokens.filter { $0.kind == .latin || $0.kind == .number || ($0.kind == .word && !$0.term.unicodeScalars.contains { Self.isHan($0.value) }) }.map(\.term)
        u.highlights = u.hanRuns + u.otherWords.map { $0.unicodeScalars.map(\.value) }
        units[key] = u
        return u
    }

    static func isHan(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007
    }

    static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var s = String.UnicodeScalarView()
        for v in scalars { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }

    /// Documents of `segment` containing `unit`, with phrase frequency (and start positions
    /// when `positions`).
    /// Phrase frequencies are exact when `exact` or `positions`, else upper bounds; with
    /// `restrictTo` (ascending), only those documents are looked at.
    private func match(_ u: Unit, in segment: SegmentReader, positions: Bool, exact: Bool, restrictTo: [Int32]? = nil) throws(IndexError) -> Matches {
        var result: Matches?
        for (r, run) in u.hanRuns.enumerated() {
            var found = try hanRun(run, in: segment, positions: positions, exact: exact || positions, restrictTo: result?.docs ?? restrictTo)
            if !u.runWords[r].isEmpty, !found.isEmpty {
                if exact || positions {
                    let words = try phrase(u.runWords[r], field: .words, in: segment, restrictTo: found.docs, positions: false, existence: true)
                    var j = 0
                    for i in found.docs.indices {
                        while j < words.docs.count && words.docs[j] < found.docs[i] { j += 1 }
                        if j < words.docs.count && words.docs[j] == found.docs[i] { found.wordMatch[i] = true }
                    }
                } else {
                    // The word-level bonus is checked with the exact counts, for the documents that
                    // can reach the top; until then every match may have it (an upper bound).
                    for i in found.wordMatch.indices { found.wordMatch[i] = true }
                    found.exact = false
                }
            }
            result = result.map { $0.intersect(found) } ?? found
            if result?.isEmpty == true { return Matches() }
        }
        if !u.otherWords.isEmpty {
            let found: Matches
            if u.quoted {
                found = try phrase(u.otherWords, field: .words, in: segment, restrictTo: result?.docs ?? restrictTo, wordMatch: true, positions: positions,
                                   existence: !(exact || positions))
            } else {
                var all: Matches?
                for w in u.otherWords {
                    let one = try phrase([w], field: .words, in: segment, restrictTo: all?.docs ?? result?.docs ?? restrictTo, wordMatch: true, positions: positions)
                    all = all.map { $0.intersect(one) } ?? one
                }
                found = all ?? Matches()
            }
            result = result.map { $0.intersect(found) } ?? found
        }
        return result ?? Matches()
    }

    /// A run of Han characters: n ≥ 2 characters are n−1 bigrams at consecutive positions; one
    /// character is every character-stream term that starts with it.
    private func hanRun(_ run: [UInt32], in segment: SegmentReader, positions: Bool, exact: Bool, restrictTo: [Int32]?) throws(IndexError) -> Matches {
        if run.count == 1 {
            var byDoc: [Int32: (frequency: Int32, positions: [Int32])] = [:]
            for info in try segment.terms(.characters, prefix: Self.string(run[...])) {
                let list = try segment.postings(info)
                for i in 0..<list.count {
                    byDoc[list.docs[i], default: (0, [])].frequency += list.frequencies[i]
                    if positions { byDoc[list.docs[i], default: (0, [])].positions += list.positions(at: i) }
                }
            }
            var out = Matches()
            let wanted = restrictTo.map(Set.init)
            for d in byDoc.keys.sorted() where wanted?.contains(d) ?? true {
                let entry = byDoc[d]!
                out.append(d, frequency: entry.frequency, wordMatch: false, positions: entry.positions.sorted())
            }
            return out
        }
        let bigrams = (0..<(run.count - 1)).map { Self.string(run[$0...($0 + 1)]) }
        return try phrase(bigrams, field: .characters, in: segment, restrictTo: restrictTo, positions: positions, existence: !exact)
    }

    /// Documents where `terms` occur at consecutive positions of `field` (only documents in
    /// `restrictTo`, ascending, when given), with the phrase frequency, and the start positions
    /// when `positions`. Positions are decoded only for documents every term is in.
    /// With `existence`, only which documents hold the phrase is exact: each document's positions
    /// are read only as far as its first occurrence, and its frequency is an upper bound (the
    /// fewest occurrences of any one term), with `exact` false.
    private func phrase(_ terms: [String], field: Field, in segment: SegmentReader, restrictTo: [Int32]?, wordMatch: Bool = false, positions wantPositions: Bool,
                        existence: Bool = false) throws(IndexError) -> Matches {
        var lists: [PostingList] = []
        for t in terms {
            guard let list = try postingList(field, t, in: segment) else { return Matches() }
            lists.append(list)
        }
        var out = Matches()
        out.exact = !existence || lists.count == 1
        if lists.count == 1 {
            // One term: documents and frequencies as stored.
            let list = lists[0]
            var r = 0
            for i in 0..<list.count {
                let d = list.docs[i]
                if let restrictTo {
                    r = Self.gallop(restrictTo, from: r, to: d)
                    guard r < restrictTo.count else { break }
                    guard restrictTo[r] == d else { continue }
                }
                if wantPositions {
                    out.append(d, frequency: list.frequencies[i], wordMatch: wordMatch, positions: list.positions(at: i))
                } else {
                    out.append(d, frequency: list.frequencies[i], wordMatch: wordMatch)
                }
            }
            return out
        }
        // The rarest list drives; the others advance by galloping. In a document every term is
        // in, the term with the fewest occurrences there seeds the candidate starts (its
        // positions minus its offset in the phrase), and each other term k keeps the starts s
        // with s + k among its positions (merge walks over positions decoded in bulk into
        // scratch buffers). The lists are copied into flat buffers first: this loop reads every
        // position of every candidate document, and must not touch reference-counted arrays.
        let driver = lists.indices.min { lists[$0].count < lists[$1].count }!
        let n = lists.count
        // A few documents asked for (the exact count of a search's best candidates): find them in
        // each list by galloping and copy only their entries, rather than every list whole.
        var restrictTo = restrictTo
        var picked: (docs: [Int32], indices: [[Int]])?
        if let wanted = restrictTo, wanted.count * 4 < lists[driver].count {
            var found: [Int32] = []
            var indices = [[Int]](repeating: [], count: n)
            var c = [Int](repeating: 0, count: n)
            wanted: for d in wanted {
                for k in 0..<n {
                    c[k] = Self.gallop(lists[k].docs, from: c[k], to: d)
                    guard c[k] < lists[k].count else { break wanted }
                    guard lists[k].docs[c[k]] == d else { continue wanted }
                }
                found.append(d)
                for k in 0..<n { indices[k].append(c[k]) }
            }
            picked = (found, indices)
            restrictTo = nil
        }
        let total = picked.map { $0.docs.count * n } ?? lists.reduce(0) { $0 + $1.count }
        let docs = UnsafeMutablePointer<Int32>.allocate(capacity: total)
        let frequencies = UnsafeMutablePointer<Int32>.allocate(capacity: total)
        let byteStarts = UnsafeMutablePointer<Int32>.allocate(capacity: total)
        let first = UnsafeMutablePointer<Int>.allocate(capacity: n + 1)
        let cursor = UnsafeMutablePointer<Int>.allocate(capacity: n)
        var bytes: [UnsafeRawBufferPointer] = []
        var capacity = 256
        var starts = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        var scratch = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        let streams = UnsafeMutablePointer<PhraseStream>.allocate(capacity: n)
        defer {
            for p in [docs, frequencies, byteStarts, starts, scratch] { p.deallocate() }
            first.deallocate()
            cursor.deallocate()
            streams.deallocate()
        }
        var at = 0
        for (k, list) in lists.enumerated() {
            first[k] = at
            cursor[k] = at
            let encoded = list.encodedPositions
            bytes.append(encoded.bytes)
            if let picked {
                for (m, i) in picked.indices[k].enumerated() {
                    docs[at + m] = picked.docs[m]
                    frequencies[at + m] = list.frequencies[i]
                    byteStarts[at + m] = encoded.starts[i]
                }
                at += picked.docs.count
                continue
            }
            list.docs.withUnsafeBufferPointer { (docs + at).update(from: $0.baseAddress!, count: $0.count) }
            list.frequencies.withUnsafeBufferPointer { (frequencies + at).update(from: $0.baseAddress!, count: $0.count) }
            encoded.starts.withUnsafeBufferPointer { (byteStarts + at).update(from: $0.baseAddress!, count: $0.count) }
            at += list.count
        }
        first[n] = at
        var restrictCursor = 0
        outer: for i in first[driver]..<first[driver + 1] {
            let d = docs[i]
            if let restrictTo {
                restrictCursor = Self.gallop(restrictTo, from: restrictCursor, to: d)
                guard restrictCursor < restrictTo.count else { break }
                guard restrictTo[restrictCursor] == d else { continue }
            }
            for k in 0..<n where k != driver {
                let c = Self.gallop(UnsafePointer(docs), from: cursor[k], end: first[k + 1], to: d)
                cursor[k] = c
                guard c < first[k + 1] else { break outer }
                guard docs[c] == d else { continue outer }
            }
            cursor[driver] = i
            if existence {
                if Self.holdsPhrase(n, bytes: bytes, starts: byteStarts, frequencies: frequencies, at: cursor, streams: streams) {
                    var bound = frequencies[cursor[0]]
                    for k in 1..<n { bound = min(bound, frequencies[cursor[k]]) }
                    out.append(d, frequency: bound, wordMatch: wordMatch)
                }
                continue
            }
            var seed = driver, most = 0
            for k in 0..<n {
                let f = Int(frequencies[cursor[k]])
                if f < Int(frequencies[cursor[seed]]) { seed = k }
                most = max(most, f)
            }
            if most > capacity {
                capacity = max(most, capacity * 2)
                starts.deallocate()
                scratch.deallocate()
                starts = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
                scratch = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            }
            var count = PositionDecoding.decode(bytes[seed], from: Int(byteStarts[cursor[seed]]), count: Int(frequencies[cursor[seed]]), into: starts)
            let seedOffset = Int32(seed)
            for j in 0..<count { starts[j] &-= seedOffset }
            for k in 0..<n where k != seed && count > 0 {
                let m = PositionDecoding.decode(bytes[k], from: Int(byteStarts[cursor[k]]), count: Int(frequencies[cursor[k]]), into: scratch)
                let offset = Int32(k)
                var kept = 0, a = 0
                for j in 0..<count {
                    let want = starts[j] &+ offset
                    while a < m && scratch[a] < want { a += 1 }
                    if a == m { break }
                    if scratch[a] == want {
                        starts[kept] = starts[j]
                        kept += 1
                    }
                }
                count = kept
            }
            guard count > 0 else { continue }
            if wantPositions { out.positions.append(contentsOf: UnsafeBufferPointer(start: starts, count: count)) }
            out.append(d, frequency: Int32(count), wordMatch: wordMatch)
        }
        withExtendedLifetime(lists) {}
        return out
    }

    /// Whether the terms' positions in one document (entry `at[k]` of term k) hold a start p with
    /// term k at p + k, decoding each term's positions only as far as needed.
    /// (`streams`: room for n, the caller's scratch.)
    static func holdsPhrase(_ n: Int, bytes: [UnsafeRawBufferPointer], starts: UnsafeMutablePointer<Int32>, frequencies: UnsafeMutablePointer<Int32>,
                            at: UnsafeMutablePointer<Int>, streams: UnsafeMutablePointer<PhraseStream>) -> Bool {
        for k in 0..<n {
            guard let base = bytes[k].baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
            (streams + k).initialize(to: PhraseStream(base: base, end: bytes[k].count, offset: Int(starts[at[k]]), remaining: Int(frequencies[at[k]])))
        }
        var target: Int32 = 0
        // Leapfrog: each term proposes the earliest start it allows; all agree on a phrase.
        while true {
            var agreed = true
            for k in 0..<n {
                guard let v = streams[k].seek(target &+ Int32(k)) else { return false }
                let start = v &- Int32(k)
                if start > target {
                    target = start
                    agreed = false
                    break
                }
            }
            if agreed { return true }
        }
    }

    /// Term lists read in this search, by segment, field and term (nil: not in the segment). A
    /// phrase counted exactly after its existence pass reads the same lists again.
    private var lists: [ListKey: PostingList?] = [:]
    private struct ListKey: Hashable {
        let segment: ObjectIdentifier
        let field: Field
        let term: String
    }

    private func postingList(_ field: Field, _ term: String, in segment: SegmentReader) throws(IndexError) -> PostingList? {
        let key = ListKey(segment: ObjectIdentifier(segment), field: field, term: term)
        if let cached = lists[key] { return cached }
        let list = try segment.lookup(field, term).map { info throws(IndexError) in try segment.postings(info) }
        lists[key] = list
        return list
    }

    /// `gallop` over `values[from ..< end]`.
    @inline(__always)
    static func gallop(_ values: UnsafePointer<Int32>, from: Int, end: Int, to target: Int32) -> Int {
        var lo = from
        guard lo < end, values[lo] < target else { return lo }
        var step = 1
        var hi = lo + 1
        while hi < end && values[hi] < target {
            lo = hi
            step *= 2
            hi = lo + step
        }
        hi = min(hi, end)
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The first index ≥ `from` whose value is ≥ `target` (exponential then binary search).
    @inline(__always)
    static func gallop(_ values: [Int32], from: Int, to target: Int32) -> Int {
        values.withUnsafeBufferPointer { v in v.baseAddress.map { gallop($0, from: from, end: v.count, to: target) } ?? from }
    }

    static func contains(_ positions: ArraySlice<Int32>, _ p: Int32) -> Bool {
        var lo = positions.startIndex, hi = positions.endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        return lo < positions.endIndex && positions[lo] == p
    }

    // MARK: Evaluation

    private var matchCache: [String: [Matches]] = [:]
    private var options = SearchOptions()
    /// Mean document length in the snapshot, computed on first use.
    private var averageLength: Double = 0

    private func unitMatches(_ text: String, quoted: Bool, positions: Bool = false) throws(SearchError) -> [Matches] {
        let key = (positions ? "@" : "") + (quoted ? "\"" : "") + text
        if let m = matchCache[key] { return m }
        let u = try unit(text, quoted: quoted)
        guard !u.hanRuns.isEmpty || !u.otherWords.isEmpty else { throw SearchError.emptyTerm(text) }
        var all: [Matches] = []
        for seg in snapshot.segments {
            do { all.append(try match(u, in: seg, positions: positions, exact: countsEverything)) } catch { throw SearchError.index(error) }
        }
        if all.contains(where: { !$0.exact }) { boundedScores = true }
        matchCache[key] = all
        return all
    }

    /// A unit's matches in segment `s` among `docs` (ascending), with exact phrase frequencies.
    private func exactMatches(_ text: String, quoted: Bool, segment s: Int, docs: [Int32]) throws(SearchError) -> Matches {
        let cached = try unitMatches(text, quoted: quoted)[s]
        if cached.exact { return cached }
        let u = try unit(text, quoted: quoted)
        do { return try match(u, in: snapshot.segments[s], positions: false, exact: true, restrictTo: docs) } catch { throw SearchError.index(error) }
    }

    /// Whether some unit of this search has upper-bound frequencies (its scores are upper bounds).
    private var boundedScores = false
    /// Whether every phrase is counted in every match: when asked, and when BM25's parameters are
    /// outside the range where a score grows with the count (bounds would not bound).
    private var countsEverything: Bool { options.exhaustive || options.k1 < 0 || options.b < 0 || options.b > 1 }

    /// BM25 of a unit's matches `m` in segment `s` (plus 1 where the words matched too), with the
    /// document frequency over all segments (or the scope).
    private func scores(_ m: Matches, text: String, quoted: Bool, segment s: Int) throws(SearchError) -> [Int32: Double] {
        let perSegment = try unitMatches(text, quoted: quoted)
        let df = scope.map { scope in perSegment.enumerated().reduce(0) { n, e in n + e.element.docs.reduce(0) { $0 + (scope.visible[e.offset].contains($1) ? 1 : 0) } } }
            ?? perSegment.reduce(0) { $0 + $1.count }
        // Matches still include replaced versions not yet merged away, so df can exceed the live
        // count: idf must stay positive (a score that falls as a phrase recurs is no ranking, and
        // pruning relies on scores growing with counts).
        let n = max(scope?.documents ?? Double(max(snapshot.liveDocuments, 1)), Double(df))
        let averageLength = scope?.averageLength ?? self.averageLength
        let idf = log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
        let lengths = snapshot.segments[s].lengths
        var out: [Int32: Double] = Dictionary(minimumCapacity: m.count)
        for i in 0..<m.count {
            let d = m.docs[i]
            let length = Double(lengths[Int(d)].characters + lengths[Int(d)].words)
            let tf = Double(m.frequency[i])
            let base = idf * tf * (options.k1 + 1) / (tf + options.k1 * (1 - options.b + options.b * length / averageLength))
            out[d] = base / (1 + base) + (m.wordMatch[i] ? 1 : 0)
        }
        return out
    }

    private var deadline: UInt64 = .max
    /// The search's scope: visible documents per segment and BM25 statistics over them.
    private var scope: (visible: [Set<Int32>], documents: Double, averageLength: Double)?
    /// Keyword values filters expanded to in this search (for ``SearchOptions/maxExpansion``).
    private var expandedValues = Set<String>()

    private func checkDeadline() throws(SearchError) {
        if deadline != .max && DispatchTime.now().uptimeNanoseconds > deadline { throw SearchError.timeLimit(options.timeLimit ?? 0) }
    }

    /// The documents of segment `s` matching `q`, with their scores. With `among` (ascending), only
    /// those candidates, every phrase counted exactly (the exact round of ``refine``); without it,
    /// every match, scored with upper bounds where a unit's counts are bounds. One function for
    /// both, so the exact round adds the same parts in the same order.
    private func evaluate(_ q: Query, segment s: Int, among: [Int32]? = nil) throws(SearchError) -> [Int32: Double] {
        try checkDeadline()
        switch q {
        case .text(let text, let quoted):
            let m: Matches
            if let among { m = try exactMatches(text, quoted: quoted, segment: s, docs: among) } else { m = try unitMatches(text, quoted: quoted)[s] }
            return try scores(m, text: text, quoted: quoted, segment: s)
        case .and(let parts):
            var acc: [Int32: Double]?
            var exclusions: [Query] = []
            for p in parts {
                if case .not(let inner) = p { exclusions.append(inner); continue }
                let r = try evaluate(p, segment: s, among: among)
                if let a = acc {
                    var next: [Int32: Double] = [:]
                    for (d, v) in a { if let w = r[d] { next[d] = v + w } }
                    acc = next
                } else {
                    acc = r
                }
            }
            var result = acc ?? universe(s, among)
            for e in exclusions { for d in try evaluate(e, segment: s, among: among).keys { result.removeValue(forKey: d) } }
            return result
        case .or(let parts):
            var acc: [Int32: Double] = [:]
            for p in parts { for (d, v) in try evaluate(p, segment: s, among: among) { acc[d, default: 0] += v } }
            return acc
        case .not(let inner):
            var all = universe(s, among)
            for d in try evaluate(inner, segment: s, among: among).keys { all.removeValue(forKey: d) }
            return all
        case .filter, .dateRange, .near:
            // Exact already: found once per segment and search, then looked up per candidate.
            let key = "\(s)|\(q)"
            let all: [Int32: Double]
            if let known = leafCache[key] { all = known } else {
                all = try leaf(q, segment: s)
                leafCache[key] = all
            }
            guard let among else { return all }
            var out: [Int32: Double] = Dictionary(minimumCapacity: among.count)
            for d in among { if let v = all[d] { out[d] = v } }
            return out
        }
    }

    /// Every document of segment `s` (or the candidates), scoring 0.
    private func universe(_ s: Int, _ among: [Int32]?) -> [Int32: Double] {
        guard let among else { return allDocuments(s) }
        return Dictionary(uniqueKeysWithValues: among.map { ($0, 0.0) })
    }

    /// Documents of segment `s` matching filters and NEAR, as ``evaluate`` found them in this search.
    private var leafCache: [String: [Int32: Double]] = [:]

    private func leaf(_ q: Query, segment s: Int) throws(SearchError) -> [Int32: Double] {
        switch q {
        case .filter(let field, let value) where Query.pathFields.contains(field):
            // Answered by the caller's set of paths for "field:value".
            let paths = options.pathFilters["\(field):\(value)"] ?? []
            guard !paths.isEmpty else { return [:] }
            var out: [Int32: Double] = [:]
            do {
                for (i, stamp) in try snapshot.segments[s].sources.enumerated() where paths.contains(stamp.path) { out[Int32(i)] = 0 }
            } catch { throw SearchError.index(error) }
            return out
        case .filter(let field, let value):
            return try keywordDocuments(s) { key in
                let f = field == "date" ? "date" : field
                guard key.hasPrefix(f + "=") else { return false }
                let v = key.dropFirst(f.count + 1)
                switch field {
                case "channel", "cadre", "signal": return v == value[...]
                case "date": return v.hasPrefix(value)
                default: return v.contains(value)
                }
            }
        case .dateRange(let from, let to):
            return try keywordDocuments(s) { key in
                guard key.hasPrefix("date=") else { return false }
                let v = String(key.dropFirst(5))
                if let from, v < from { return false }
                if let to, String(v.prefix(to.count)) > to { return false }
                return true
            }
        case .near(let a, let b, let distance):
            guard case .text(let ta, let qa) = a, case .text(let tb, let qb) = b else { return [:] }
            let ma = try unitMatches(ta, quoted: qa, positions: true)[s], mb = try unitMatches(tb, quoted: qb, positions: true)[s]
            let ua = try unit(ta, quoted: qa), ub = try unit(tb, quoted: qb)
            let hanA = !ua.hanRuns.isEmpty, hanB = !ub.hanRuns.isEmpty
            guard hanA == hanB else { throw SearchError.unsupported("NEAR between Han text and Latin text is not supported yet; search them with AND") }
            let lengthA = hanA ? ua.hanRuns[0].count : 1, lengthB = hanB ? ub.hanRuns[0].count : 1
            var out: [Int32: Double] = [:]
            for i in 0..<ma.count {
                let d = ma.docs[i]
                guard let j = mb.index(of: d) else { continue }
                // Gap between the end of one and the start of the other, either order.
                let close = ma.positions(at: i).contains { p in
                    mb.positions(at: j).contains { q in
                        let gap = q >= p ? Int(q - p) - lengthA : Int(p - q) - lengthB
                        return gap <= distance
                    }
                }
                if close { out[d] = 1 + Double(min(ma.frequency[i], mb.frequency[j])) / 10 }
            }
            return out
        case .text, .and, .or, .not:
            return [:]  // not leaves: ``evaluate`` handles them
        }
    }

    private func allDocuments(_ s: Int) -> [Int32: Double] {
        var all: [Int32: Double] = [:]
        for d in 0..<snapshot.segments[s].documentCount { all[Int32(d)] = 0 }
        return all
    }

    private func keywordDocuments(_ s: Int, _ accept: (String) -> Bool) throws(SearchError) -> [Int32: Double] {
        var out: [Int32: Double] = [:]
        do {
            for info in try snapshot.segments[s].allTerms(.keywords) where accept(info.term) {
                // Distinct values over the whole index, not per segment (which lanes a sync put
                // documents in must not decide whether a query is refused).
                if let cap = options.maxExpansion, expandedValues.insert(info.term).inserted, expandedValues.count > cap {
                    throw SearchError.unsupported("a filter matches more than \(cap) values; give more of the value")
                }
                for d in try snapshot.segments[s].postings(info).docs { out[d] = 0 }
            }
        } catch let e as SearchError {
            throw e
        } catch let e as IndexError {
            throw SearchError.index(e)
        } catch {
            throw SearchError.analysis("\(error)")
        }
        return out
    }

    /// Live and dead documents of segment `s` filed under one of `units` (exact values).
    private func scopeDocuments(_ s: Int, units: Set<String>) throws(SearchError) -> Set<Int32> {
        var out = Set<Int32>()
        do {
            for info in try snapshot.segments[s].allTerms(.keywords) where info.term.hasPrefix("unit=") && units.contains(String(info.term.dropFirst(5))) {
                for d in try snapshot.segments[s].postings(info).docs { out.insert(d) }
            }
        } catch {
            throw SearchError.index(error)
        }
        return out
    }

    /// Runs `query`: every matching live document counted, the top `limit` after `offset` returned
    /// with snippets, and facet counts over all matches.
    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResult {
        self.options = options
        matchCache = [:]
        lists = [:]
        leafCache = [:]
        expandedValues = []
        boundedScores = false
        if averageLength == 0 {
            var totalLength = 0.0, docs = 0.0
            for seg in snapshot.segments {
                for l in seg.lengths { totalLength += Double(l.characters + l.words); docs += 1 }
            }
            averageLength = docs > 0 ? max(totalLength / docs, 1) : 1
        }
        // In a scope, BM25's statistics (document count, document frequencies, mean length) are
        // the scope's: scores must not move with documents the caller cannot see.
        scope = nil
        if let units = options.units {
            var sets: [Set<Int32>] = []
            var totalLength = 0.0, docs = 0.0
            for s in snapshot.segments.indices {
                let visible = try scopeDocuments(s, units: units).subtracting(snapshot.deleted[s])
                for d in visible {
                    let l = snapshot.segments[s].lengths[Int(d)]
                    totalLength += Double(l.characters + l.words)
                    docs += 1
                }
                sets.append(visible)
            }
            scope = (sets, max(docs, 1), docs > 0 ? max(totalLength / docs, 1) : 1)
        }
        // Every match is counted and faceted; only the best offset + limit are kept in order.
        var top = TopK(options.offset + options.limit)
        var matched: [[Int32]] = []
        var total = 0
        var bounds: [TopK.Entry] = []
        deadline = options.timeLimit.map { DispatchTime.now().uptimeNanoseconds + UInt64(max(0, $0) * 1e9) } ?? .max
        for s in snapshot.segments.indices {
            var r = try evaluate(query, segment: s)
            for d in snapshot.deleted[s] { r.removeValue(forKey: d) }
            if let scope { r = r.filter { scope.visible[s].contains($0.key) } }
            matched.append(Array(r.keys))
            total += r.count
            if boundedScores && !countsEverything {
                for (d, v) in r { bounds.append((v, s, d)) }
            } else {
                for (d, v) in r { top.insert((v, s, d)) }
            }
        }
        if !bounds.isEmpty { top = try refine(query, bounds: bounds, k: options.offset + options.limit) }
        var hits: [Hit] = []
        let highlightUnits = positiveUnits(query)
        for (score, s, d) in top.sorted().dropFirst(options.offset) {
            let stored: (document: StoredDocument, utf8: UnsafeRawBufferPointer)
            do { stored = try snapshot.segments[s].document(Int(d), text: options.includeText) } catch { throw SearchError.index(error) }
            let document = stored.document
            let snippets = makeSnippets(Array(stored.utf8), highlightUnits.flatMap(\.highlights), options: options)
            hits.append(Hit(score: score, document: document, snippets: snippets, segment: s, local: d))
        }
        var counted = try facets(matched, options.facets)
        for (field, byValue) in options.pathFacets where options.facets.contains(field) {
            var counts: [String: Int] = [:]
            do {
                for (s, docs) in matched.enumerated() where !docs.isEmpty {
                    let sources = try snapshot.segments[s].sources
                    for d in docs {
                        let path = sources[Int(d)].path
                        for (value, paths) in byValue where paths.contains(path) { counts[value, default: 0] += 1 }
                    }
                }
            } catch { throw SearchError.index(error) }
            counted[field] = counts
        }
        // A server keeps its searcher: the term lists of this search are not kept for the next.
        lists = [:]
        matchCache = [:]
        leafCache = [:]
        return SearchResult(total: total, hits: hits, facets: counted)
    }

    /// The best `k` by exact score, from every match's upper-bound score (a phrase counted as often
    /// as its rarest term): candidates are taken best bound first, in growing rounds, and counted
    /// exactly, until the k-th exact score beats every bound left. A dense phrase in thousands of
    /// documents is then counted in a few dozen, and the rest only checked for one occurrence.
    private func refine(_ query: Query, bounds: [TopK.Entry], k: Int) throws(SearchError) -> TopK {
        var top = TopK(k)
        guard k > 0 else { return top }
        var round = max(2 * k, 32)
        var boundary: TopK.Entry?
        while true {
            try checkDeadline()
            // The next `round` candidates after `boundary`, and the one after them.
            var next = TopK(round + 1)
            for e in bounds where boundary.map({ TopK.better($0, e) }) ?? true { next.insert(e) }
            let ordered = next.sorted()
            guard !ordered.isEmpty else { return top }
            let batch = ordered.prefix(round)
            var bySegment: [Int: [Int32]] = [:]
            for (_, s, d) in batch { bySegment[s, default: []].append(d) }
            for (s, docs) in bySegment {
                let sortedDocs = docs.sorted()
                let exact = try evaluate(query, segment: s, among: sortedDocs)
                for d in sortedDocs { top.insert((exact[d] ?? 0, s, d)) }
            }
            guard ordered.count > round else { return top }
            // An exact score is at most its bound: once the k-th is better than the best bound
            // left, nothing left can enter.
            if top.isFull, let worst = top.worst, TopK.better(worst, ordered[round]) { return top }
            boundary = batch.last
            round *= 4
        }
    }

    private func positiveUnits(_ q: Query) -> [Unit] {
        switch q {
        case .text(let t, let quoted): return (try? unit(t, quoted: quoted)).map { [$0] } ?? []
        case .and(let p), .or(let p): return p.flatMap { positiveUnits($0) }
        case .near(let a, let b, _): return positiveUnits(a) + positiveUnits(b)
        case .not, .filter, .dateRange: return []
        }
    }

    /// Counts over keyword fields of the matching documents, from each segment's keyword columns.
    /// `year` comes from the dates; a document counts once per value (two dates in one year: once).
    private func facets(_ matched: [[Int32]], _ fields: [String]) throws(SearchError) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for f in fields { out[f] = [:] }
        guard !fields.isEmpty else { return out }
        do {
            for (s, seg) in snapshot.segments.enumerated() where !matched[s].isEmpty {
                let columns = try seg.keywordColumns()
                // Ordinal → slot (field, value); several dates of one year share a slot. Keyword terms
                // are sorted, so each asked-for field is one range of ordinals, found by binary
                // search: the others (informants, …) are never looked at.
                var slots: [(field: String, value: String)] = []
                var slotOf = [Int32](repeating: -1, count: columns.terms.count)
                for field in fields {
                    let stored = field == "year" ? "date" : field
                    let prefix = Array((stored + "=").utf8)
                    let range = Self.prefixRange(columns.terms, prefix)
                    var lastValue = ""
                    for o in range {
                        var value = String(decoding: columns.terms[o].utf8.dropFirst(prefix.count), as: UTF8.self)
                        if field == "year" { value = String(value.prefix(4)) }
                        if value != lastValue || slots.isEmpty || slots[slots.count - 1].field != field {
                            slots.append((field, value))
                            lastValue = value
                        }
                        slotOf[o] = Int32(slots.count - 1)
                    }
                }
                guard !slots.isEmpty else { continue }
                var counts = [Int](repeating: 0, count: slots.count)
                var lastDoc = [Int32](repeating: -1, count: slots.count)
                let ordinalCount = slotOf.count
                for d in matched[s] {
                    for j in columns.start(Int(d))..<columns.start(Int(d) + 1) {
                        let o = columns.ordinal(j)
                        guard o < ordinalCount else { continue }
                        let k = Int(slotOf[o])
                        guard k >= 0, lastDoc[k] != d else { continue }
                        lastDoc[k] = d
                        counts[k] += 1
                    }
                }
                for (k, n) in counts.enumerated() where n > 0 { out[slots[k].field]![slots[k].value, default: 0] += n }
            }
        } catch {
            throw SearchError.index(error)
        }
        return out
    }

    /// The indices of the sorted `terms` that start with `prefix` (UTF-8 order, as the segment
    /// sorts them).
    static func prefixRange(_ terms: [String], _ prefix: [UInt8]) -> Range<Int> {
        func bound(_ goesRight: (String.UTF8View.SubSequence) -> Bool) -> Int {
            var lo = 0, hi = terms.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if goesRight(terms[mid].utf8.prefix(prefix.count)) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let lower = bound { $0.lexicographicallyPrecedes(prefix) }
        let upper = bound { !prefix.lexicographicallyPrecedes($0) }
        return lower..<max(lower, upper)
    }

    // MARK: Snippets

    /// Windows of the original text around occurrences of the normalised `sequences`.
    ///
    /// The text is normalised line by line and the scan stops once enough matches are found, so a
    /// long document costs only as much as its first matching lines (normalising whole documents
    /// was a third of query time).
    func makeSnippets(_ utf8: [UInt8], _ sequences: [[UInt32]], options: SearchOptions) -> [Snippet] {
        guard options.snippetsPerHit > 0 else { return [] }
        let wanted = options.snippetsPerHit * 2
        var spans = candidateSpans(utf8, sequences, wanted: wanted)
        var lineStart = spans.isEmpty ? 0 : utf8.count
        while lineStart < utf8.count && spans.count < wanted {
            var lineEnd = lineStart
            while lineEnd < utf8.count && utf8[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd > lineStart {
                let normalized = analyzer.normalize(String(decoding: utf8[lineStart..<lineEnd], as: UTF8.self))
                let scalars = normalized.scalars
                for seq in sequences where !seq.isEmpty && seq.count <= scalars.count {
                    var i = 0
                    while i + seq.count <= scalars.count {
                        if scalars[i] == seq[0] && scalars[i..<(i + seq.count)].elementsEqual(seq) {
                            spans.append((lineStart + Int(normalized.originalStart[i]), lineStart + Int(normalized.originalEnd[i + seq.count - 1])))
                            i += seq.count
                        } else {
                            i += 1
                        }
                    }
                }
            }
            lineStart = lineEnd + 1
        }
        spans.sort { $0.0 < $1.0 }
        var snippets: [Snippet] = []
        var i = 0
        while i < spans.count && snippets.count < options.snippetsPerHit {
            let start = Self.back(utf8, from: spans[i].0, characters: options.context)
            var end = Self.forward(utf8, from: spans[i].1, characters: options.context)
            var highlights: [[Int]] = []
            while i < spans.count && spans[i].0 < end {
                if let last = highlights.last, spans[i].0 - start < last[1] { i += 1; continue }  // overlapping matches
                end = max(end, min(utf8.count, Self.forward(utf8, from: spans[i].1, characters: options.context / 2)))
                highlights.append([spans[i].0 - start, spans[i].1 - start])
                i += 1
            }
            snippets.append(Snippet(text: String(decoding: utf8[start..<end], as: UTF8.self), start: start, end: end, highlights: highlights))
        }
        return snippets
    }

    /// Matches found by normalising only short windows that start at a raw character which folds
    /// (full-width, case, Traditional → Simplified) to a sequence's first character. Cheap where
    /// whole-line normalisation is not; whatever it misses (exotic compatibility forms) the
    /// line-by-line path finds, since it runs whenever this finds nothing.
    func candidateSpans(_ utf8: [UInt8], _ sequences: [[UInt32]], wanted: Int) -> [(Int, Int)] {
        // A handful of first characters: a linear scan beats hashing every scalar of the text.
        let firsts = Array(Set(sequences.compactMap(\.first)))
        let longest = sequences.map(\.count).max() ?? 0
        guard !firsts.isEmpty else { return [] }
        var spans: [(Int, Int)] = []
        var i = 0
        var resumeAfter = 0
        let table = Self.simplified
        while i < utf8.count && spans.count < wanted {
            let start = i
            // ASCII that cannot start a sequence is skipped without decoding.
            if utf8[i] < 0x80 && !firsts.contains(UInt32(utf8[i] >= 0x41 && utf8[i] <= 0x5A ? utf8[i] + 0x20 : utf8[i])) { i += 1; continue }
            guard let (first, next) = Self.foldedScalar(utf8, at: i, table) else { break }
            i = next
            guard start >= resumeAfter, firsts.contains(first) else { continue }
            // Most matches are plain text: compare folded raw characters directly.
            var undecided = false
            for seq in sequences where seq.first == first {
                var k = 1, at = next
                while k < seq.count, let (c, after) = Self.foldedScalar(utf8, at: at, table), c == seq[k] { k += 1; at = after }
                if k == seq.count {
                    spans.append((start, at))
                    resumeAfter = at
                    undecided = false
                    break
                }
                // A mismatch on a character normalisation could change (annotation, compatibility
                // form, combining mark) needs the real normaliser.
                if let (c, _) = Self.foldedScalar(utf8, at: at, table), !(Self.isHan(c) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)) { undecided = true }
            }
            guard undecided, resumeAfter <= start else { continue }
            var end = min(utf8.count, start + longest * 16 + 32)
            while end < utf8.count && utf8[end] & 0xC0 == 0x80 { end += 1 }
            let normalized = analyzer.normalize(String(decoding: utf8[start..<end], as: UTF8.self))
            let scalars = normalized.scalars
            for seq in sequences where seq.count <= scalars.count && scalars[0..<seq.count].elementsEqual(seq) {
                let span = (start + Int(normalized.originalStart[0]), start + Int(normalized.originalEnd[seq.count - 1]))
                spans.append(span)
                resumeAfter = span.1
                break
            }
        }
        return spans
    }

    /// The scalar at byte `i`, folded like the normaliser does for the common cases (full-width
    /// ASCII, upper case, Traditional), and where the next scalar starts.
    static let simplified = TraditionalSimplifiedTable.bmp

    @inline(__always)
    static func foldedScalar(_ utf8: [UInt8], at i: Int, _ table: [UInt16]) -> (UInt32, Int)? {
        guard i < utf8.count else { return nil }
        let b0 = utf8[i]
        var c: UInt32
        var next: Int
        if b0 < 0x80 { c = UInt32(b0); next = i + 1 }
        else if b0 < 0xE0, i + 1 < utf8.count { c = UInt32(b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F); next = i + 2 }
        else if b0 < 0xF0, i + 2 < utf8.count { c = UInt32(b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F); next = i + 3 }
        else if i + 3 < utf8.count { c = UInt32(b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F); next = i + 4 }
        else { return nil }
        if c >= 0xFF01 && c <= 0xFF5E { c -= 0xFEE0 }
        if c >= 0x41 && c <= 0x5A { c += 0x20 }
        if c >= 0x3400 && c < 0x10000, table[Int(c)] != 0 { c = UInt32(table[Int(c)]) }
        return (c, next)
    }

    /// `characters` scalars before byte `offset`, stopping at a line start.
    static func back(_ utf8: [UInt8], from offset: Int, characters: Int) -> Int {
        var o = offset, n = 0
        while o > 0 && n < characters {
            var p = o - 1
            while p > 0 && utf8[p] & 0xC0 == 0x80 { p -= 1 }
            if utf8[p] == 0x0A { break }
            o = p
            n += 1
        }
        return o
    }

    static func forward(_ utf8: [UInt8], from offset: Int, characters: Int) -> Int {
        var o = offset, n = 0
        while o < utf8.count && n < characters {
            if utf8[o] == 0x0A { break }
            o += 1
            while o < utf8.count && utf8[o] & 0xC0 == 0x80 { o += 1 }
            n += 1
        }
        return o
    }
}

/// Why a search failed.
public enum SearchError: Error, CustomStringConvertible, Sendable {
    case query(QueryError)
    case index(IndexError)
    case analysis(String)
    case emptyTerm(String)
    case unsupported(String)
    case timeLimit(Double)

    public var description: String {
        switch self {
        case .query(let e): return e.description
        case .index(let e): return e.description
        case .analysis(let s): return "analysis failed: \(s)"
        case .emptyTerm(let t): return "\"\(t)\" has nothing searchable in it (only punctuation or spaces)"
        case .unsupported(let s): return s
        case .timeLimit(let t): return "the query took longer than \(t) s; narrow it (more characters, a filter) and try again"
        }
    }
}

/// One term's positions in one document, decoded one at a time (``Searcher/holdsPhrase``).
struct PhraseStream {
    let base: UnsafePointer<UInt8>
    let end: Int
    var offset: Int
    var remaining: Int
    var last: Int32 = 0
    /// The position reached (-1 before the first).
    var value: Int32 = -1
    /// Advances to the first position ≥ `target`; nil when there is none.
    @inline(__always)
    mutating func seek(_ target: Int32) -> Int32? {
        while value < target {
            guard remaining > 0, let v = Varint.read(base, end, &offset) else { remaining = 0; return nil }
            remaining -= 1
            last &+= Int32(bitPattern: v)
            value = last
        }
        return value
    }
}

/// The best `k` (score, segment, local id) seen, by a heap with the worst at the top. Highest
/// score first; ties by segment and id, so results are stable.
struct TopK {
    typealias Entry = (Double, Int, Int32)
    let k: Int
    private var heap: [Entry] = []

    init(_ k: Int) { self.k = k }

    /// Whether `a` ranks before `b`.
    @inline(__always)
    static func better(_ a: Entry, _ b: Entry) -> Bool {
        a.0 != b.0 ? a.0 > b.0 : (a.1 != b.1 ? a.1 < b.1 : a.2 < b.2)
    }

    mutating func insert(_ e: Entry) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(e)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.better(heap[parent], heap[i]) else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        } else if Self.better(e, heap[0]) {
            heap[0] = e
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && Self.better(heap[worst], heap[l]) { worst = l }
                if r < heap.count && Self.better(heap[worst], heap[r]) { worst = r }
                if worst == i { break }
                heap.swapAt(i, worst)
                i = worst
            }
        }
    }

    func sorted() -> [Entry] { heap.sorted(by: Self.better) }

    var isFull: Bool { heap.count >= k }
    /// The entry that would be displaced next.
    var worst: Entry? { heap.first }
}
