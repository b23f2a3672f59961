import ArgumentParser
import Foundation
import Server
import Yinzheng

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: a JSON API on loopback (search, documents, cadres, dossiers, signals, stats, health, metrics).",
        discussion: """
            Routes: GET /api/search?q=…&limit=&offset=   /api/document?path=…   /api/cadres   /api/cadres/ID
            /api/cadres/ID/dossier?format=json|html|md   /api/signals?cadre=&dimension=&status=&since=
            /api/stats   /api/health   /metrics. Every request reads the latest commit: a nightly
            `yz sync` is served without a restart. Only loopback addresses are served (API tokens,
            needed for anything else, are not implemented yet).
            """)
    @OptionGroup var index: IndexOption
    @Option(name: .long, help: "The address to listen on (loopback only for now).") var host = "127.0.0.1"
    @Option(name: .long, help: "The port.") var port = 8080

    func run() async throws {
        guard APIServer.isLoopback(host) else {
            FileHandle.standardError.write(Data("yz: refusing to serve on \(host): without API tokens only loopback (127.0.0.1, ::1) is allowed\n".utf8))
            throw ExitCode(2)
        }
        let directory = index.workspace.directory
        print("yz: serving \(directory.path) at http://\(host):\(port)/api/ — anonymous access on loopback only; stop with Ctrl-C")
        try await APIServer.application(directory: directory, host: host, port: port).runService()
    }
}
