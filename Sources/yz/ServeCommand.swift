import ArgumentParser
import Catalog
import Foundation
import Server
import Yinzheng

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: a JSON API and a web page for analysts.",
        discussion: """
            Routes: GET /api/search?q=…&limit=&offset=   /api/document?path=…   /api/cadres   /api/cadres/ID
            /api/cadres/ID/dossier?format=json|html|md   /api/signals?cadre=&dimension=&status=&since=
            /api/stats   /api/health   /metrics; admin: POST|GET /api/sync, GET|POST /api/tokens,
            DELETE /api/tokens/ID, GET /api/audit. docs/openapi.yaml describes them.
            Access: with no API token (`yz token create`), anonymous reads on loopback only; with
            tokens, every request needs `Authorization: Bearer …`, a token's units limit what it sees,
            and a non-loopback --host is allowed. Every data request is recorded in the audit trail
            (`yz audit`). Every request reads the latest commit: a nightly `yz sync` is served
            without a restart.
            """)
    @OptionGroup var index: IndexOption
    @Option(name: .long, help: "The address to listen on; beyond loopback only once API tokens exist.") var host = "127.0.0.1"
    @Option(name: .long, help: "The port.") var port = 8080
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Folders an admin's POST /api/sync brings the index in line with.", valueName: "dir"))
    var sources: [String] = []

    func run() async throws {
        let directory = index.workspace.directory
        let catalogPath = directory.appendingPathComponent("catalog.sqlite").path
        let all = FileManager.default.fileExists(atPath: catalogPath) ? try Catalog(directory: directory).tokens() : []
        let tokens = all.filter { $0.revoked == nil }
        let loopback = APIServer.isLoopback(host)
        guard loopback || !tokens.isEmpty else {
            FileHandle.standardError.write(Data("yz: refusing to serve on \(host): with no API tokens only loopback (127.0.0.1, ::1) is allowed; create one with `yz token create --index \(directory.path) --role analyst`\n".utf8))
            throw ExitCode(2)
        }
        let access = all.isEmpty
            ? "no API tokens: anonymous reads allowed on loopback only (`yz token create` to require tokens)"
            : tokens.isEmpty
                ? "every API token is revoked: every request is refused until `yz token create` makes a new one"
                : "\(tokens.count) API token(s): every request needs Authorization: Bearer …; anonymous access is off"
        print("yz: serving \(directory.path) at http://\(host):\(port)/ (open it in a browser; the API is under /api/)")
        print("yz: \(access); requests are recorded in the audit trail (`yz audit`); stop with Ctrl-C")
        let roots = sources.map { URL(fileURLWithPath: $0).standardizedFileURL }
        try await APIServer.application(directory: directory, host: host, port: port,
                                        access: .init(anonymousAllowed: loopback, sources: roots)).runService()
    }
}
