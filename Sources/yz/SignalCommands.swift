import ArgumentParser
import Catalog
import Foundation
import Signals
import Yinzheng

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "taxonomy", abstract: "The negative/positive list: check a file, print the default.",
                                                    subcommands: [Check.self, Default.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a taxonomy file; every problem is listed with its line (exit 1).")
        @Argument(help: "The taxonomy YAML file.") var file: String

        func run() throws {
            do {
                let t = try Taxonomy.load(URL(fileURLWithPath: file))
                print("\(file): ok, \(t.dimensions.count) dimensions, \(t.indicators.count) indicators (\(t.indicators.filter { $0.polarity == .negative }.count) negative, \(t.indicators.filter(\.veto).count) veto)")
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "default", abstract: "Print the default taxonomy (a starting point for your own file).")
        func run() throws { print(Taxonomy.defaultYAML) }
    }
}

struct SignalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Evidence found in the indexed documents: indicator, status, cadre, quote, informant, channel, date.",
        discussion: """
            Statuses: asserted; negated (denied: exculpatory, never counted against anyone); hearsay
            (听说, 据反映 …: kept, weighed less). Evidence is found at sync time with the taxonomy in
            force (--taxonomy on sync, else taxonomy.yaml in the index directory, else the default).
            --dimension takes a dimension or an indicator id.
            """)
    @OptionGroup var index: IndexOption
    @Option(name: .long, help: "A cadre id.") var cadre: String?
    @Option(name: .long, help: "A dimension or indicator id.") var dimension: String?
    @Option(name: .long, help: "Only evidence dated on or after this day (YYYY-MM-DD).") var since: String?
    @Option(name: .long, help: "asserted, negated or hearsay.") var status: String?
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        if let status, Evidence.Status(rawValue: status) == nil {
            FileHandle.standardError.write(Data("yz: --status \(status): use asserted, negated or hearsay\n".utf8))
            throw ExitCode(2)
        }
        let found: [Catalog.Evidence]
        do { found = try Catalog(directory: index.workspace.directory).evidence(cadre: cadre, dimension: dimension, status: status, since: since) } catch {
            FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            print(String(decoding: try JSON.encode(found.map(SignalResponse.init)), as: UTF8.self))
            return
        }
        if found.isEmpty { print("no evidence matches") }
        for e in found {
            let mark = e.status == "negated" ? "✗" : e.status == "hearsay" ? "?" : (e.polarity == "negative" ? "−" : "+")
            print("\(mark) \(e.cadre ?? "(unattributed)")  \(e.dimension)/\(e.indicator)  \(e.status)  \(e.date ?? "")  \(e.channel)  \(e.informant ?? "")")
            print("    「\(e.quote)」  \(e.path)@\(e.start)")
        }
    }
}

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "A cadre's dossier: dimension by dimension, claims with their quotes, sources, corroboration and score; contested claims side by side; suggestions with reasons.",
        discussion: "Formats: md (default), html (printable, no external assets), json.")
    @OptionGroup var index: IndexOption
    @Option(name: .long, help: "md, html or json.") var format = "md"
    @OptionGroup var taxonomy: TaxonomyOption
    @Argument(help: "A cadre id (or a name or alias that only one cadre has).") var cadre: String

    func run() throws {
        guard ["md", "html", "json"].contains(format) else {
            FileHandle.standardError.write(Data("yz: --format \(format): use md, html or json\n".utf8))
            throw ExitCode(2)
        }
        let workspace = taxonomy.applied(to: index.workspace)
        let d: Workspace.Dossier
        do { d = try workspace.dossier(cadre) } catch {
            FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
            throw ExitCode(1)
        }
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            print(String(decoding: try encoder.encode(d), as: UTF8.self))
        case "html": print(Workspace.html(d))
        default: print(Workspace.markdown(d))
        }
    }
}
