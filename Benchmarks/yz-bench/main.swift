// yz-bench: throughput of the analysis chain against ICU word segmentation alone, on the same
// text in the same process. Run through tools/bench-analysis (release build).
import Analysis
import Extraction
import Foundation
import ICU
import Index
import Search

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: yz-bench analysis [--repeat N] [--lexicon FILE] FILE...\n       yz-bench lexicon FILE\n       yz-bench handles ROUNDS\n       yz-bench extraction FILE...\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
if args.first == "lexicon", args.count == 2 {
    // Loading (reading, normalising and building the trie of) a lexicon file.
    let url = URL(fileURLWithPath: args[1])
    var best = Double.infinity
    var count = 0
    for _ in 0..<5 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        count = try Lexicon(contentsOf: url).count
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    print("lexicon-load".padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%8.1f ms  (%d terms, best of 5)", best * 1000, count))
    exit(0)
}
if args.first == "handles", args.count == 2, let rounds = Int(args[1]) {
    // Opens, uses and drops every ICU-owning type `rounds` times: run under valgrind to show that
    // each handle is closed (tools/leak-check).
    var tokens = 0
    for _ in 0..<rounds {
        let analyzer = try Analyzer(lexicon: Lexicon(terms: ["负面清单", "𠮷野家"]))
        let copy = try analyzer.copy()
        tokens += try copy.analyze("負面清單的民主測評，对(duì)组织２０２４年 ICP 𠮷野家").count
        tokens += try Transliterator(id: "Traditional-Simplified").transliterate("負面清單").count
        tokens += try CharsetDetector().detect(Array("干部考察谈话记录".utf8)).count
        tokens += try CharsetConverter.decode([0xB8, 0xC9, 0x81, 0x20], charset: "GB18030").invalidCount
        tokens += try WordBreaker(locale: "zh").copy().segment(Array("民主测评".utf16)).count
    }
    print("handles: \(rounds) rounds, \(tokens) items")
    exit(0)
}
if args.first == "search", args.count >= 3 {
    // Query latency in process on an existing index: each query once to warm up, then `repeat`
    // timed runs; prints hits per query and p50/p99 over all timed runs.
    let directory = URL(fileURLWithPath: args[1])
    let queries = (try String(contentsOfFile: args[2], encoding: .utf8)).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    let repeatCount = args.firstIndex(of: "--repeat").flatMap { args.count > $0 + 1 ? Int(args[$0 + 1]) : nil } ?? 20
    // --bare: top 10 ids and scores only (no snippets, no facets), what the peers' figures measure.
    let bare = args.contains("--bare")
    // --exhaustive: count every phrase occurrence in every matching document (no pruning), the
    // peer of the default in the same process.
    let exhaustive = args.contains("--exhaustive")
    let t0 = DispatchTime.now().uptimeNanoseconds
    let snapshot = try IndexSnapshot(directory: directory)
    let searcher = Searcher(snapshot: snapshot, analyzer: try Analyzer())
    print(String(format: "open-snapshot %.2f ms (%d segments, %d documents)", Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, snapshot.segments.count, snapshot.liveDocuments))
    var all: [Double] = []
    var options = SearchOptions()
    options.limit = 10
    if bare {
        options.snippetsPerHit = 0
        options.facets = []
    }
    options.exhaustive = exhaustive
    var checking = options
    checking.exhaustive = !exhaustive
    for q in queries {
        let query = try Query.parse(q)
        let first = try searcher.search(query, options: options)
        let total = first.total
        // Pruned and exhaustive ranking must agree on every hit and score.
        let other = try searcher.search(query, options: checking)
        if first.total != other.total || first.hits.map({ "\($0.document.path) \($0.score)" }) != other.hits.map({ "\($0.document.path) \($0.score)" }) {
            print("MISMATCH between pruned and exhaustive ranking for \(q)")
        }
        var times: [Double] = []
        for _ in 0..<repeatCount {
            let s = DispatchTime.now().uptimeNanoseconds
            _ = try searcher.search(query, options: options)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - s) / 1e3)
        }
        times.sort()
        all += times
        print("query \(q)\thits \(total)\tp50 \(Int(times[times.count / 2])) µs")
    }
    all.sort()
    print(String(format: "yz-search p50 %.0f µs  p99 %.0f µs  (%d queries × %d runs, top 10 ", all[all.count / 2], all[min(all.count - 1, all.count * 99 / 100)], queries.count, repeatCount) + (bare ? "ids and scores)" : "with snippets and facets)"))
    exit(0)
}
if args.first == "extraction" {
    // Extraction throughput per format, in process, files read from disk each round.
    // "@LIST" names a file holding one path per line (corpora too large for one command line).
    let paths = args.dropFirst().flatMap { a -> [String] in
        guard a.hasPrefix("@"), let list = try? String(contentsOfFile: String(a.dropFirst()), encoding: .utf8) else { return [a] }
        return list.split(separator: "\n").map(String.init)
    }
    let extractor = Extractor()
    var byFormat: [String: [URL]] = [:]
    for p in paths {
        let url = URL(fileURLWithPath: p)
        let ext = url.pathExtension.lowercased()
        let format = Extractor.htmlExtensions.contains(ext) ? "html" : Extractor.docxExtensions.contains(ext) ? "docx" : "text"
        byFormat[format, default: []].append(url)
    }
    for format in byFormat.keys.sorted() {
        let urls = byFormat[format]!
        let bytes = urls.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        var best = Double.infinity
        var failures = 0
        for _ in 0..<3 {
            failures = 0
            let t0 = DispatchTime.now().uptimeNanoseconds
            for url in urls {
                do { _ = try extractor.extract(fileAt: url) } catch { failures += 1 }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let mb = Double(bytes) / 1e6
        print("extract-\(format)".padding(toLength: 44, withPad: " ", startingAt: 0)
              + String(format: "%8.2f MB/s  %8.0f files/s  (%.3f s best of 3, %d files, %.1f MB, %d failed)", mb / best, Double(urls.count) / best, best, urls.count, mb, failures))
    }
    exit(0)
}
guard args.first == "analysis" else { usage() }
args.removeFirst()
var repeats = 3
var lexiconPath: String?
var files: [String] = []
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--repeat": repeats = Int(args.removeFirst()) ?? 3
    case "--lexicon": lexiconPath = args.removeFirst()
    default: files.append(a)
    }
}
guard !files.isEmpty else { usage() }

// Documents as they would arrive: one UTF-8 buffer per file.
let documents: [[UInt8]] = files.map { [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: $0))) ?? Data()) }
let totalBytes = documents.reduce(0) { $0 + $1.count }
let mb = Double(totalBytes) / 1_000_000

// Every variant runs once per round, round-robin, and keeps its best round: on a shared machine
// the variants see the same noise, so their ratios hold even when absolute figures drift.
var variants: [(name: String, body: () throws -> Int)] = []

let breaker = try WordBreaker(locale: "zh")
let noLexicon = try Analyzer()
let withLexicon = try lexiconPath.map { try Analyzer(lexicon: Lexicon(contentsOf: URL(fileURLWithPath: $0))) }

// ICU alone: UTF-8 → UTF-16 and the word break iterator over every document.
variants.append(("icu-segmentation-alone", {
    var segments = 0
    for doc in documents {
        let units = Array(String(decoding: doc, as: UTF8.self).utf16)
        try units.withUnsafeBufferPointer { (b) throws(ICUError) in try breaker.forEachBoundary(b) { _, _ in segments += 1 } }
    }
    return segments
}))
variants.append(("normalise-only", {
    var n = 0
    for doc in documents { n += noLexicon.normalize(String(decoding: doc, as: UTF8.self)).count }
    return n
}))
@MainActor func chainVariant(_ name: String, _ analyzer: Analyzer) {
    variants.append((name, {
        var tokens = 0
        for doc in documents {
            try doc.withUnsafeBufferPointer { (b) throws(ICUError) in try analyzer.forEachToken(utf8: b) { _ in tokens += 1 } }
        }
        return tokens
    }))
    variants.append((name + " (Token values)", {
        var tokens = 0
        for doc in documents {
            tokens += try doc.withUnsafeBufferPointer { (b) throws(ICUError) in try analyzer.analyze(utf8: b) }.count
        }
        return tokens
    }))
}
chainVariant("whole-chain", noLexicon)
if let withLexicon { chainVariant("whole-chain+lexicon(\(withLexicon.lexicon.count))", withLexicon) }

var best = [Double](repeating: .infinity, count: variants.count)
var items = [Int](repeating: 0, count: variants.count)
for _ in 0..<repeats {
    for (i, v) in variants.enumerated() {
        let t0 = DispatchTime.now().uptimeNanoseconds
        items[i] = try v.body()
        best[i] = min(best[i], Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
}
let floor = mb / best[0]
for (i, v) in variants.enumerated() {
    let rate = mb / best[i]
    let name = v.name.padding(toLength: 44, withPad: " ", startingAt: 0)
    print(name + String(format: "%8.2f MB/s  %5.1f%% of ICU alone  (%.3f s best of %d, %.1f MB, %d items)",
                        rate, 100 * rate / floor, best[i], repeats, mb, items[i]))
}
