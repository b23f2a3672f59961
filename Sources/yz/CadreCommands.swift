import ArgumentParser
import Catalog
import Foundation
import Linking
import Yinzheng

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "roster", abstract: "The roster of cadres: import, list.",
                                                    subcommands: [Import.self, List.self, Suggest.self])

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "suggest",
            abstract: "Person names in the indexed documents that the roster lacks, most frequent first (for roster upkeep).",
            discussion: "Names are found by surname plus a cue (同志, a title, 说, 表示 …); `yz eval names` measures the detector. Check each suggestion before adding it to the roster.")
        @OptionGroup var index: IndexOption
        @Flag(name: .long, help: "Print JSON.") var json = false
        @Option(name: .long, help: "How many to list.") var limit = 30

        func run() throws {
            let found: [Workspace.NameSuggestion]
            do { found = try index.workspace.suggestNames(limit: limit) } catch {
                FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
                throw ExitCode(2)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(found), as: UTF8.self))
                return
            }
            if found.isEmpty { print("no person names outside the roster found") }
            for s in found {
                print("\(s.name)  \(s.count)× in \(s.documents) document(s)  cues: \(s.cues.joined(separator: " "))")
                print("    …\(s.example)…  (\(s.examplePath))")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import",
            abstract: "Replace the roster with a CSV or JSON file (id,name,aliases,unit,position,level[,tenure_start,tenure_end]).",
            discussion: "Reports what was added, changed and removed. A bad row is reported with its line and the good rows still load (exit 1). Run `yz sync` afterwards: documents are linked again with the new roster.")
        @OptionGroup var index: IndexOption
        @Flag(name: .long, help: "Print JSON.") var json = false
        @Argument(help: "The roster file.") var file: String

        func run() throws {
            let result: (change: Catalog.RosterChange, issues: [RosterIssue])
            do { result = try index.workspace.importRoster(URL(fileURLWithPath: file)) } catch {
                FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
                throw ExitCode(2)
            }
            for issue in result.issues { FileHandle.standardError.write(Data("yz: \(issue)\n".utf8)) }
            let c = result.change
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var out = try JSONSerialization.jsonObject(with: encoder.encode(c)) as! [String: Any]
                out["issues"] = result.issues.map(\.description)
                print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
            } else {
                print("roster: \(c.added.count) added, \(c.changed.count) changed, \(c.removed.count) removed, \(c.unchanged) unchanged"
                      + (result.issues.isEmpty ? "" : ", \(result.issues.count) row(s) with problems (above)"))
                for (label, ids) in [("added", c.added), ("changed", c.changed), ("removed", c.removed)] where !ids.isEmpty {
                    print("  \(label): \(ids.joined(separator: " "))")
                }
                if !c.added.isEmpty || !c.changed.isEmpty || !c.removed.isEmpty { print("run `yz sync` to link documents with the new roster") }
            }
            if !result.issues.isEmpty { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the roster.")
        @OptionGroup var index: IndexOption
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() throws {
            let roster = try index.workspace.roster()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(roster.cadres), as: UTF8.self))
                return
            }
            if roster.cadres.isEmpty { print("no roster; import one with `yz roster import FILE`") }
            for c in roster.cadres {
                print([c.id, c.name, c.aliases.isEmpty ? "" : "(\(c.aliases.joined(separator: "、")))", c.unit, c.position, c.level ?? ""].filter { !$0.isEmpty }.joined(separator: "  "))
            }
        }
    }
}

struct CadreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadre",
        abstract: "Who a cadre is, the documents about them by channel and date, mention counts, and ambiguous mentions awaiting review.",
        discussion: "NAME may be shared by several cadres: each is listed with their own documents.")
    @OptionGroup var index: IndexOption
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Argument(help: "A cadre id, name or alias.") var query: String

    func run() throws {
        let reports: [Workspace.CadreReport]
        do { reports = try index.workspace.cadres(matching: query) } catch {
            FileHandle.standardError.write(Data("yz: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        }
        guard !reports.isEmpty else {
            if !json { FileHandle.standardError.write(Data("yz: no cadre with id, name or alias \(query) in the roster; `yz roster list` shows it\n".utf8)) }
            throw ExitCode(1)
        }
        if json { return }
        if reports.count > 1 { print("\(reports.count) cadres match \(query):\n") }
        for r in reports {
            let c = r.cadre
            print("\(c.id) \(c.name)  \(c.unit) \(c.position)\(c.level.map { " (\($0))" } ?? "")\(c.aliases.isEmpty ? "" : "  aliases: \(c.aliases.joined(separator: "、"))")")
            let byChannel = Dictionary(grouping: r.documents, by: { $0.channel ?? "other" })
            print("  \(r.documents.count) document(s): " + byChannel.keys.sorted().map { "\($0) \(byChannel[$0]!.count)" }.joined(separator: ", "))
            for d in r.documents.sorted(by: { ($0.dates ?? "") < ($1.dates ?? "") }) {
                print("    \(d.dates?.split(separator: ",").first.map(String.init) ?? "          ")  \(d.channel ?? "other")  \(d.path)  (\(d.mentions) mention\(d.mentions == 1 ? "" : "s"))")
            }
            print("  mentions: " + r.mentionsByForm.keys.sorted().map { "\($0) \(r.mentionsByForm[$0]!)" }.joined(separator: ", "))
            if !r.ambiguous.isEmpty {
                print("  \(r.ambiguous.count) ambiguous mention(s) naming \(c.id) among the candidates:")
                for a in r.ambiguous.prefix(20) { print("    \(a.path) @\(a.start): \(a.text) → \(a.candidates.joined(separator: " / ")) (\(a.evidence))") }
            }
            print("")
        }
    }
}
