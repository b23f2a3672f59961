import ArgumentParser
import Catalog
import Foundation
import Yinzheng

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API tokens for `yz serve`: create, list, revoke.",
        discussion: """
            Once a token exists, every API request needs `Authorization: Bearer <token>`; with none,
            the server answers anonymous requests on loopback only. An analyst reads; an admin also
            triggers syncs (POST /api/sync), manages tokens and reads the audit trail. --units limits
            a token to documents filed under those units and to their cadres, on every route.
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token; its secret is printed once and only its hash is kept.")
        @OptionGroup var index: IndexOption
        @Option(name: .long, help: "analyst (reads) or admin (also syncs and manages tokens).") var role: String
        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Units the token may see (names as in the roster, separated by spaces or commas); default: every unit.", valueName: "unit"))
        var units: [String] = []
        @Option(name: .long, help: "A label for lists and the audit trail, e.g. who holds it.") var name: String?
        @Flag(name: .long, help: "Accept units the index does not know yet.") var allowUnknownUnits = false
        @Flag(name: .long, help: "Print the token as JSON.") var json = false

        func run() throws {
            guard ["analyst", "admin"].contains(role) else { throw ValidationError("--role is analyst or admin") }
            let workspace = index.workspace
            let unitList = units.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "，" }) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !unitList.isEmpty && !allowUnknownUnits {
                let known = try workspace.knownUnits()
                let unknown = unitList.filter { !known.contains($0) }
                if !unknown.isEmpty {
                    let hint = known.isEmpty ? "the index knows no units yet (import a roster, index documents)" : "known units: " + known.sorted().prefix(20).joined(separator: "、")
                    throw ValidationError("unknown unit(s): \(unknown.joined(separator: "、")) — a token scoped to them would see nothing; \(hint); or pass --allow-unknown-units")
                }
            }
            try FileManager.default.createDirectory(at: workspace.directory, withIntermediateDirectories: true)
            let catalog = try Catalog(directory: workspace.directory)
            let (token, secret) = try catalog.createToken(role: role, units: unitList.isEmpty ? nil : unitList, name: name)
            try catalog.audit(token: "cli:" + NSUserName(), role: "admin", action: "token_create",
                              detail: ["id": token.id, "role": role, "units": unitList.joined(separator: ","), "name": name ?? ""], results: nil, status: 0)
            if json {
                struct Out: Encodable { var id: String; var role: String; var units: [String]?; var name: String?; var secret: String }
                print(String(data: try JSON.encode(Out(id: token.id, role: role, units: token.unitList, name: name, secret: secret)), encoding: .utf8)!)
            } else {
                print(secret)
                FileHandle.standardError.write(Data("yz: token \(token.id) (\(role), \(unitList.isEmpty ? "every unit" : unitList.joined(separator: "、"))) created; the line above is its secret, shown this once — send it as Authorization: Bearer …\n".utf8))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never their secrets).")
        @OptionGroup var index: IndexOption
        @Flag(name: .long) var json = false

        func run() throws {
            let dir = index.workspace.directory
            let tokens = FileManager.default.fileExists(atPath: dir.appendingPathComponent("catalog.sqlite").path) ? try Catalog(directory: dir).tokens() : []
            if json {
                struct Out: Encodable { var id: String; var name: String?; var role: String; var units: [String]?; var created: Date; var revoked: Date? }
                print(String(data: try JSON.encode(tokens.map { Out(id: $0.id, name: $0.name, role: $0.role, units: $0.unitList, created: $0.created, revoked: $0.revoked) }), encoding: .utf8)!)
                return
            }
            if tokens.isEmpty { print("no tokens: `yz serve` answers anonymous requests on loopback only"); return }
            let f = ISO8601DateFormatter()
            for t in tokens {
                print("\(t.id)  \(t.role.padding(toLength: 7, withPad: " ", startingAt: 0))  \(t.unitList?.joined(separator: "、") ?? "every unit")  created \(f.string(from: t.created))\(t.revoked.map { "  REVOKED " + f.string(from: $0) } ?? "")\(t.name.map { "  " + $0 } ?? "")")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by id; a running server refuses it from the next request.")
        @OptionGroup var index: IndexOption
        @Argument(help: "The token's id (from `yz token list`).") var id: String

        func run() throws {
            let catalog = try Catalog(directory: index.workspace.directory)
            guard try catalog.revokeToken(id: id) else {
                FileHandle.standardError.write(Data("yz: no live token \(id); `yz token list` shows them\n".utf8))
                throw ExitCode(1)
            }
            try catalog.audit(token: "cli:" + NSUserName(), role: "admin", action: "token_revoke", detail: ["id": id], results: nil, status: 0)
            print("revoked \(id)")
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail of the server: who searched, viewed documents and dossiers, and when.",
        discussion: """
            Entries are append-only and hash-chained. --verify recomputes the chain and compares its
            end with audit.head: an edited, deleted, inserted or cut entry is reported with its
            number, and the exit status is 1. Exit 0: intact.
            """)
    @OptionGroup var index: IndexOption
    @Option(name: .long, help: ArgumentHelp("Entries from this date or time on (ISO: 2026-11-22 or 2026-11-22T08:00).", valueName: "date")) var since: String?
    @Option(name: .long, help: "At most this many entries.") var limit: Int?
    @Flag(name: .long, help: "Check the hash chain instead of listing.") var verify = false
    @Option(name: .long, help: ArgumentHelp("With --verify: an entry's number and hash recorded elsewhere (from an earlier --verify), which must still match; repeatable.", valueName: "seq:hash"))
    var anchor: [String] = []
    @Flag(name: .long) var json = false

    func run() throws {
        let dir = index.workspace.directory
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("catalog.sqlite").path) else {
            FileHandle.standardError.write(Data("yz: no catalog in \(dir.path); point --index at an index directory\n".utf8))
            throw ExitCode(2)
        }
        let catalog = try Catalog(directory: dir)
        if verify {
            var anchors: [(seq: Int64, hash: String)] = []
            for a in anchor {
                let parts = a.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let seq = Int64(parts[0]), parts[1].count == 64 else {
                    throw ValidationError("--anchor is SEQ:HASH (a number and 64 hex digits), as `yz audit --verify` prints them; got \(a)")
                }
                anchors.append((seq, String(parts[1])))
            }
            let v = try catalog.verifyAudit(anchors: anchors)
            if json {
                struct Out: Encodable { var entries: Int; var head: String?; var intact: Bool; var problems: [String] }
                print(String(data: try JSON.encode(Out(entries: v.entries, head: v.head, intact: v.problems.isEmpty, problems: v.problems)), encoding: .utf8)!)
            } else if v.problems.isEmpty {
                print("audit trail intact: \(v.entries) entries\(v.head.map { "; anchor (keep it elsewhere, check later with --anchor): \(v.entries):\($0)" } ?? "")")
            } else {
                print("audit trail DAMAGED (\(v.entries) entries read):")
                for p in v.problems { print("  " + p) }
            }
            if !v.problems.isEmpty { throw ExitCode(1) }
            return
        }
        let entries = try catalog.auditEntries(since: since, limit: limit)
        if json {
            print(String(data: try JSON.encode(entries), encoding: .utf8)!)
            return
        }
        for e in entries {
            print("\(e.seq)\t\(e.time)\t\(e.token)\(e.role.map { "(\($0))" } ?? "")\t\(e.action)\t\(e.status)\t\(e.results.map(String.init) ?? "-")\t\(e.detail)")
        }
    }
}
