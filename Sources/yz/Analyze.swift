import Analysis
import ArgumentParser
import Foundation

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze",
        abstract: "Print the tokens the analysis chain makes of a text.",
        discussion: """
            Each token has its normalised term, its kind (word, lexicon, bigram, unigram, number,
            latin), its position in its stream, and start/end as UTF-8 byte offsets into the
            original text.

            Examples:
              yz analyze 負面清單的民主測評
              yz analyze --json --lexicon terms.txt 推诿扯皮问题突出
              yz analyze --file report.txt
            """
    )

    @Argument(help: "The text to analyse (omit when using --file).")
    var text: String?

    @Option(name: .long, help: ArgumentHelp("Analyse this UTF-8 file instead of TEXT.", valueName: "path"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("A lexicon file: one term per line, optional TAB and tag.", valueName: "file"))
    var lexicon: String?

    @Flag(name: .long, help: "Print one JSON array of {term, kind, position, start, end}.")
    var json = false

    func validate() throws {
        if (text == nil) == (file == nil) {
            throw ValidationError("give either TEXT or --file PATH, not both and not neither")
        }
    }

    func run() throws {
        let analyzer = try makeAnalyzer(lexiconPath: lexicon)
        let bytes: [UInt8]
        if let file {
            bytes = try readInput(file)
        } else {
            bytes = Array(text!.utf8)
        }
        let tokens = try bytes.withUnsafeBufferPointer { try analyzer.analyze(utf8: $0) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
            print(String(decoding: try encoder.encode(tokens), as: UTF8.self))
        } else {
            for t in tokens {
                let original = String(decoding: bytes[t.start..<t.end], as: UTF8.self)
                print("\(t.position)\t\(t.kind.rawValue)\t\(t.term)\t\(t.start)..<\(t.end)\t\(original)")
            }
        }
    }
}

/// Builds an analyzer, loading the lexicon file if one is given.
func makeAnalyzer(lexiconPath: String?) throws -> Analyzer {
    let lexicon = try lexiconPath.map { try Lexicon(contentsOf: URL(fileURLWithPath: $0)) } ?? .empty
    return try Analyzer(lexicon: lexicon)
}

/// Reads a whole input file, with an error that names it.
func readInput(_ path: String) throws -> [UInt8] {
    do {
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw ValidationError("\(path): cannot read (\(error.localizedDescription)); check the path and permissions")
    }
}
