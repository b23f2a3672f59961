import ArgumentParser
import Foundation
import Search
import Yinzheng

/// `--index DIR` shared by the index commands.
struct IndexOption: ParsableArguments {
    @Option(name: .customLong("index"), help: ArgumentHelp("The index directory (default: $YZ_INDEX, else indexes/default).", valueName: "dir"))
    var directory: String?

    var workspace: Workspace { Workspace(directory: Workspace.directory(option: directory)) }
}

/// `--taxonomy FILE` for the commands that detect signals.
struct TaxonomyOption: ParsableArguments {
    @Option(name: .customLong("taxonomy"), help: ArgumentHelp("A taxonomy file (default: taxonomy.yaml in the index directory, else the built-in one).", valueName: "file"))
    var file: String?

    func applied(to workspace: Workspace) -> Workspace {
        workspace.taxonomyFile = file.map { URL(fileURLWithPath: $0) }
        return workspace
    }
}

/// Progress on a terminal (one rewritten line), plain log lines otherwise.
struct ProgressPrinter {
    let terminal = isatty(STDERR_FILENO) == 1
    let started = Date()
    var lastLog = Date.distantPast

    mutating func show(_ p: Workspace.Progress) {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let mb = Double(p.bytesDone) / 1e6, total = Double(p.bytesTotal) / 1e6
        let rate = mb / elapsed
        let eta = rate > 0 ? (total - mb) / rate : 0
        let line = String(format: "%d/%d files  %.1f/%.1f MB  %.1f MB/s  ETA %.0fs", p.filesDone, p.filesTotal, mb, total, rate, eta)
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            if p.filesDone == p.filesTotal { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if Date().timeIntervalSince(lastLog) >= 5 || p.filesDone == p.filesTotal {
            FileHandle.standardError.write(Data((line + "\n").utf8))
            lastLog = Date()
        }
    }
}

func runIngest(_ workspace: Workspace, _ paths: [String], deleteMissing: Bool, json: Bool) throws {
    var printer = ProgressPrinter()
    // For tests and tuning: commit every N documents exactly, whatever their size.
    if let n = ProcessInfo.processInfo.environment["YZ_COMMIT_EVERY"].flatMap(Int.init), n > 0 {
        workspace.commitEvery = n
        workspace.commitBytes = 0
    }
    let report: Workspace.Report
    do {
        report = try workspace.sync(paths.map { URL(fileURLWithPath: $0) }, deleteMissing: deleteMissing) { printer.show($0) }
    } catch {
        FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
        throw ExitCode(2)
    }
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
        print("added \(report.added), changed \(report.changed), deleted \(report.deleted), unchanged \(report.unchanged), failed \(report.failed.count)")
        if !report.failed.isEmpty {
            print("failed files:")
            for f in report.failed { print("  \(f.error)") }
        }
    }
    if !report.failed.isEmpty { throw ExitCode(1) }
}

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add or update files (and folders, recursively) in the index.",
        discussion: """
            Extracts, analyses and indexes every file given; files already indexed with the same
            content are skipped. Commits every 500 documents, so an interrupted run keeps its work.

            Exit status: 0 all indexed, 1 some files failed (listed with their reasons), 2 nothing
            could be done (index locked or damaged, no such path).

            Example:
              yz index corpora/sample
            """
    )
    @OptionGroup var index: IndexOption
    @Argument(help: ArgumentHelp("Files or folders.", valueName: "path")) var paths: [String]
    @Flag(name: .long, help: "Print the report as JSON.") var json = false
    @OptionGroup var taxonomy: TaxonomyOption

    func run() throws {
        let workspace = taxonomy.applied(to: index.workspace)
        try runIngest(workspace, paths, deleteMissing: false, json: json)
    }
}

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "The nightly job: index new and changed files, delete vanished ones.",
        discussion: """
            Compares the files under each PATH with the index (size and mtime, then content hash):
            new and changed files are indexed, files that are gone are deleted, unchanged files are
            left alone, so a second run with nothing new writes nothing. Resumable: rerun after an
            interruption. A lock keeps two runs apart; the second says who holds it.

            Exit status as for `yz index`. With --json:
              {"added": n, "changed": n, "deleted": n, "unchanged": n, "failed": [{"path", "error"}]}
            """
    )
    @OptionGroup var index: IndexOption
    @Argument(help: ArgumentHelp("Folders (or files) to keep in sync.", valueName: "path")) var paths: [String]
    @Flag(name: .long, help: "Print the report as JSON.") var json = false

    @OptionGroup var taxonomy: TaxonomyOption

    func run() throws {
        let workspace = taxonomy.applied(to: index.workspace)
        try runIngest(workspace, paths, deleteMissing: true, json: json)
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index.",
        discussion: """
            Query language: terms and "phrases" (AND by juxtaposition), AND, OR, NOT or -term,
            parentheses, channel:interview, unit:交通运输局, date:2024-03-05, date:2024-01..2024-06,
            cadre:C001, and A NEAR/5 B. Traditional and Simplified find each other; Han text
            matches wherever its characters occur contiguously.

            Examples:
              yz search 负面清单
              yz search '推诿扯皮 channel:interview date:2024..'
              yz search --json --limit 5 '"收受礼金" NOT 没有'
            """
    )
    @OptionGroup var index: IndexOption
    @Argument(help: "The query.") var query: String
    @Option(name: .long, help: "Hits to show.") var limit = 10
    @Option(name: .long, help: "Hits to skip.") var offset = 0
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        var options = SearchOptions()
        options.limit = limit
        options.offset = offset
        // The JSON the server answers has the status facet too (it reads the catalog's claims).
        if json { options.facets.append("status") }
        let result: SearchResult
        do {
            result = try index.workspace.search(query, options: options)
        } catch {
            FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
            if case SearchError.query(let e) = error {
                // East Asian wide characters take two columns on a terminal.
                let width = query.prefix(e.position).reduce(0) { $0 + ($1.unicodeScalars.first.map { $0.value >= 0x1100 && ($0.properties.isIdeographic || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFF60).contains($0.value)) } == true ? 2 : 1) }
                FileHandle.standardError.write(Data("    \(query)\n    \(String(repeating: " ", count: width))^\n".utf8))
            }
            throw ExitCode(2)
        }
        if json {
            // The same JSON the server's /api/search answers.
            print(String(decoding: try JSON.encode(SearchResponse(result)), as: UTF8.self))
            return
        }
        let colour = isatty(STDOUT_FILENO) == 1
        print("\(result.total) document(s)")
        for (i, h) in result.hits.enumerated() {
            let date = h.document.dates.first.map { " " + $0 } ?? ""
            print("\(offset + i + 1). \(h.document.path)  [\(h.document.channel)\(date)]  score \(String(format: "%.3f", h.score))")
            if let t = h.document.title { print("   \(t)") }
            for s in h.snippets { print("   … " + Self.highlight(s, colour: colour).replacingOccurrences(of: "\n", with: " ") + " …") }
        }
        for (field, counts) in result.facets.sorted(by: { $0.key < $1.key }) where !counts.isEmpty {
            let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(8)
            print("\(field): " + top.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }

    static func highlight(_ s: Snippet, colour: Bool) -> String {
        let bytes = Array(s.text.utf8)
        var out = ""
        var at = 0
        for h in s.highlights where h[0] >= at && h[1] <= bytes.count {
            out += String(decoding: bytes[at..<h[0]], as: UTF8.self)
            let mark = String(decoding: bytes[h[0]..<h[1]], as: UTF8.self)
            out += colour ? "\u{1B}[1;31m\(mark)\u{1B}[0m" : "【\(mark)】"
            at = h[1]
        }
        return out + String(decoding: bytes[at...], as: UTF8.self)
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Documents, segments, terms and size of the index; the last run.")
    @OptionGroup var index: IndexOption
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let s: Workspace.Stats
        do { s = try index.workspace.stats() } catch {
            FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(s), as: UTF8.self))
        } else {
            print("\(s.directory): \(s.documents) documents (\(s.deleted) deleted awaiting merge) in \(s.segments) segment(s), \(s.terms) terms, \(s.bytes) bytes, commit generation \(s.generation)")
            if s.failedSources > 0 { print("\(s.failedSources) source file(s) failed to extract (yz sync lists them)") }
            if let r = s.lastRun { print("last run: \(r)") }
        }
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Merge the index into one segment, for query speed (after a large index or sync run).",
        discussion: "Takes the index lock like a sync; searches keep answering from the old segments until the new commit. Exit 0 done, 2 the index could not be compacted.")
    @OptionGroup var index: IndexOption

    func run() throws {
        let started = Date()
        do {
            let merged = try index.workspace.compact()
            print(merged == 0 ? "already one segment" : "merged \(merged) segments into one in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        } catch {
            FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify every checksum of the index; exit 1 naming each damaged file.")
    @OptionGroup var index: IndexOption

    func run() throws {
        let problems = index.workspace.check()
        if problems.isEmpty {
            print("ok")
        } else {
            for p in problems { print(p) }
            throw ExitCode(1)
        }
    }
}
