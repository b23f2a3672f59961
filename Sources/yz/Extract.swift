import Analysis
import ArgumentParser
import Extraction
import Foundation

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract",
        abstract: "Read files into structured documents: text, blocks, channel, dates, metadata.",
        discussion: """
            Reads plain text (UTF-8, UTF-16, GB18030/GBK, Big5), HTML (main content only) and DOCX.
            Folders are read recursively. Sidecar metadata (FILE.meta.json, manifest.json) is applied.
            A file that cannot be read is listed with its reason; the others still come out.

            Exit status: 0 when every file was extracted, 1 when some failed, 2 on a usage error.

            Examples:
              yz extract corpora/sample/interviews/talk-001.txt
              yz extract --json ../shared/seeds/*.txt
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to read.", valueName: "path"))
    var paths: [String]

    @Flag(name: .long, help: "Print {\"documents\": [...], \"errors\": [{\"path\", \"error\"}]} as JSON.")
    var json = false

    @Flag(name: .long, help: "With --json, add each document's analysedText: the text as the analysis chain sees it (NFKC, case-folded, Simplified, pinyin annotations removed).")
    var analysed = false

    @Flag(name: .long, help: "One line per document (channel, format, encoding, blocks, title) instead of its text.")
    var brief = false

    @Flag(name: .long, help: "Also list clusters of exact and near-duplicate documents (MinHash over character shingles).")
    var duplicates = false

    struct Failure: Encodable {
        var path: String
        var error: String
    }

    struct Output: Encodable {
        var documents: [Document]
        var errors: [Failure]
        var duplicates: [[String]]?
    }

    func run() throws {
        let extractor = Extractor()
        var documents: [Document] = []
        var errors: [Failure] = []
        for url in expand(paths) {
            do {
                documents.append(try extractor.extract(fileAt: url))
            } catch {
                errors.append(Failure(path: url.path, error: error.description))
            }
        }
        let clusters = duplicates
            ? DuplicateClusters.cluster(documents.map { .init(id: $0.path, contentHash: $0.sha256, fingerprint: Fingerprint(text: $0.text)) })
            : nil
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys, .prettyPrinted]
            var data = try encoder.encode(Output(documents: documents, errors: errors, duplicates: clusters))
            if analysed {
                // Add analysedText beside each document's fields.
                let analyzer = try Analyzer()
                var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
                object["documents"] = zip(object["documents"] as! [[String: Any]], documents).map { entry, document in
                    var entry = entry
                    entry["analysedText"] = analyzer.normalize(document.text).string
                    return entry
                }
                data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            }
            print(String(decoding: data, as: UTF8.self))
        } else {
            for d in documents {
                if brief {
                    let warnings = d.warnings.isEmpty ? "" : "  [\(d.warnings.map(\.code).joined(separator: ","))]"
                    print("\(d.channel.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(d.format.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) \(d.encoding.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(d.blocks.count).padding(toLength: 3, withPad: " ", startingAt: 0)) \(d.path)  \(d.title ?? "")\(warnings)")
                } else {
                    printDocument(d)
                }
            }
            if let clusters {
                print("== \(clusters.count) cluster(s) of duplicate or near-duplicate documents")
                for c in clusters { print("   " + c.joined(separator: "  ")) }
            }
            if !errors.isEmpty {
                var stderr = StandardError()
                print("\(errors.count) file(s) failed:", to: &stderr)
                for e in errors { print("  \(e.error)", to: &stderr) }
            }
        }
        if !errors.isEmpty { throw ExitCode(1) }
    }

    private func printDocument(_ d: Document) {
        print("== \(d.path)")
        print("   \(d.format.rawValue), \(d.encoding), \(d.byteCount) bytes, sha256 \(d.sha256.prefix(16))…, channel \(d.channel.rawValue)")
        if let t = d.title { print("   title: \(t)") }
        if !d.dates.isEmpty { print("   dates: \(d.dates.joined(separator: ", "))") }
        let m = d.metadata
        let facts = [("unit", m.unit), ("informant", m.informant), ("interviewer", m.interviewer), ("recorder", m.recorder),
                     ("location", m.location), ("author", m.author), ("source", m.source)]
            .compactMap { k, v in v.map { "\(k) \($0)" } }
        if !facts.isEmpty { print("   " + facts.joined(separator: "; ")) }
        if !m.subjects.isEmpty { print("   subjects: \(m.subjects.joined(separator: ", "))") }
        for w in d.warnings { print("   warning: \(w)") }
        for block in d.blocks {
            var label = block.kind.rawValue
            if let s = block.speaker { label += " " + s }
            if let date = block.date { label += " " + date }
            print("   [\(label)] \(d.text(of: block).replacingOccurrences(of: "\n", with: "⏎"))")
        }
    }
}

/// Files named, and the files under folders named, in a stable order.
func expand(_ paths: [String]) -> [URL] {
    paths.flatMap { path in Extractor.files(under: URL(fileURLWithPath: path)) ?? [URL(fileURLWithPath: path)] }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
