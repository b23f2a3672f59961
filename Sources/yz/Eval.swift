import Analysis
import ArgumentParser
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate parts of the pipeline against gold standards.",
        subcommands: [Segmentation.self]
    )

    struct Segmentation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Word-level precision, recall and F1 of the word segmentation on a SIGHAN gold file.",
            discussion: """
                GOLD holds one sentence per line with words separated by spaces (SIGHAN bakeoff
                format, UTF-8). The spaces are removed, the text is segmented by the analysis chain
                (ICU, plus the lexicon if given), and each predicted word counts as correct when both
                of its boundaries match a gold word. Punctuation counts as words, as in the bakeoff.

                Example:
                  yz eval segmentation ../shared/data/icwb2/gold/pku_test_gold.utf8 \\
                     --lexicon /tmp/pku-words.txt --json
                """
        )

        @Argument(help: ArgumentHelp("The gold file.", valueName: "gold"))
        var gold: String

        @Option(name: .long, help: ArgumentHelp("A lexicon file of forced terms.", valueName: "file"))
        var lexicon: String?

        @Flag(name: .long, help: "Print the score as JSON.")
        var json = false

        func run() throws {
            let analyzer = try makeAnalyzer(lexiconPath: lexicon)
            let score = try analyzer.evaluateSegmentation(goldFile: URL(fileURLWithPath: gold))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(score), as: UTF8.self))
            } else {
                print("sentences \(score.sentences)  gold words \(score.goldWords)  predicted \(score.predictedWords)  correct \(score.correctWords)")
                print(String(format: "precision %.4f  recall %.4f  F1 %.4f", score.precision, score.recall, score.f1))
            }
        }
    }
}
