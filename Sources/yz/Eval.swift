import Analysis
import ArgumentParser
import Foundation
import Linking
import Yinzheng

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval",
        abstract: "Evaluate parts of the pipeline against gold standards.",
        subcommands: [Segmentation.self, Linking.self, Names.self, Signals.self]
    )

    struct Signals: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "signals",
            abstract: "Precision and recall of evidence (document, cadre, dimension, polarity, status) against a ground truth.",
            discussion: "TRUTH is the generator's truth.json (corpora/SAMPLE.md). Also counts evidence reported where the truth says the document denies it (must be 0).")
        @OptionGroup var index: IndexOption
        @Flag(name: .long, help: "Print the score as JSON.") var json = false
        @Flag(name: .long, help: "Print every wrong and missed tuple (default: the first 20).") var all = false
        @Argument(help: ArgumentHelp("The truth file.", valueName: "truth")) var truth: String

        func run() throws {
            let score: Workspace.SignalScore
            do { score = try index.workspace.evaluateSignals(truth: URL(fileURLWithPath: truth)) } catch {
                FileHandle.standardError.write(Data("yz: \(truth): \(error)\n".utf8))
                throw ExitCode(2)
            }
            if json {
                print(#"{"precision": \#(score.precision), "recall": \#(score.recall), "truePositives": \#(score.truePositives), "falsePositives": \#(score.falsePositives), "falseNegatives": \#(score.falseNegatives), "deniedButReported": \#(score.deniedButReported), "documents": \#(score.documents), "corroborationAccuracy": \#(score.corroborationAccuracy), "corroborationCompared": \#(score.corroborationCompared)}"#)
                return
            }
            print(String(format: "signals: precision %.3f  recall %.3f  (%d documents; %d correct, %d wrong, %d missed; %d denied but reported)",
                         score.precision, score.recall, score.documents, score.truePositives, score.falsePositives, score.falseNegatives, score.deniedButReported))
            print(String(format: "corroboration status: accuracy %.3f  (%d of %d (cadre, dimension, polarity) groups agree)",
                         score.corroborationAccuracy, score.corroborationAgreeing, score.corroborationCompared))
            // Every denial reported as a claim, then the wrong and missed tuples.
            for e in score.denials + score.examples.prefix(all ? score.examples.count : 20) { print("  " + e) }
        }
    }

    struct Names: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "names",
            abstract: "Precision and recall of the unknown-person detector (yz roster suggest) on PKU 1998 person-name labels.",
            discussion: """
                GOLD is a People's Daily 1998 file in the PKU format (word/tag tokens, one paragraph per
                line, /nr = person name), e.g. ../shared/data/pku-199801-part/199801-test.txt. Per line,
                the detector's names are compared with the /nr tokens as multisets of strings.
                """)
        @Flag(name: .long, help: "Print the score as JSON.") var json = false
        @Argument(help: ArgumentHelp("The gold file.", valueName: "gold")) var gold: String

        func run() throws {
            let score: PersonNames.Score
            let analyzer = try Analyzer()
            do { score = try PersonNames.evaluatePKU(URL(fileURLWithPath: gold)) { Set((try? analyzer.analyze($0))?.filter { !$0.kind.isCharacterStream }.map(\.end) ?? []) } } catch {
                FileHandle.standardError.write(Data("yz: \(gold): \(error.localizedDescription); check the path\n".utf8))
                throw ExitCode(2)
            }
            if json {
                print(#"{"precision": \#(score.precision), "recall": \#(score.recall), "f1": \#(score.f1), "predicted": \#(score.predicted), "gold": \#(score.gold), "correct": \#(score.correct), "sentences": \#(score.sentences)}"#)
            } else {
                print(String(format: "person names: precision %.3f  recall %.3f  F1 %.3f  (%d predicted, %d labelled, %d correct, %d lines)",
                             score.precision, score.recall, score.f1, score.predicted, score.gold, score.correct, score.sentences))
            }
        }
    }

    struct Linking: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "linking",
            abstract: "Precision, recall and F1 of mention → cadre links against a ground-truth file.",
            discussion: """
                TRUTH is the generator's truth.json (format in corpora/SAMPLE.md): per document
                its path relative to the truth file's folder and its mentions, each {"cadre", "form",
                "text"}. Per document, linked mentions are compared with the truth as (cadre, text)
                pairs, repeats counted. Index the documents and import the roster first:
                  yz roster import corpora/sample/roster.csv && yz sync corpora/sample
                  yz eval linking corpora/sample/truth.json
                """)
        @OptionGroup var index: IndexOption
        @Flag(name: .long, help: "Print the score as JSON.") var json = false
        @Argument(help: ArgumentHelp("The truth file.", valueName: "truth")) var truth: String

        func run() throws {
            let score: Workspace.LinkingScore
            do { score = try index.workspace.evaluateLinking(truth: URL(fileURLWithPath: truth)) } catch {
                FileHandle.standardError.write(Data("yz: \(truth): \(error)\n".utf8))
                throw ExitCode(2)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(score), as: UTF8.self))
                return
            }
            print(String(format: "linking: precision %.3f  recall %.3f  F1 %.3f  (%d documents; %d correct, %d wrong, %d missed of which %d left ambiguous)",
                         score.precision, score.recall, score.f1, score.documents, score.truePositives, score.falsePositives, score.falseNegatives, score.ambiguous))
            for form in score.byForm.keys.sorted() {
                let v = score.byForm[form]!
                print("  \(form): \(v[0]) of \(v[1])")
            }
            for e in score.examples.prefix(15) { print("  " + e) }
        }
    }

    struct Segmentation: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "segmentation",
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
