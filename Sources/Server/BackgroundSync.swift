import Foundation
import Yinzheng

/// An admin-triggered `yz sync` of the server's configured source folders, run on its own
/// thread so requests keep being answered (and served from the old commit until the new one
/// lands). One at a time per server; the index lock keeps it from colliding with a nightly run.
final class BackgroundSync: @unchecked Sendable {
    struct Status: Codable, Sendable {
        var running: Bool
        var sources: [String]
        var started: Date?
        var finished: Date?
        var report: Workspace.Report?
        var error: String?
    }

    let directory: URL
    let sources: [URL]
    private let lock = NSLock()
    private var state: Status

    init(directory: URL, sources: [URL]) {
        self.directory = directory
        self.sources = sources
        state = Status(running: false, sources: sources.map(\.path))
    }

    func status() -> Status {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    /// Starts a sync; 409 when this server has no source folders or one is already running.
    func start() throws -> Status {
        guard !sources.isEmpty else {
            throw APIError(.conflict, "no_sources", "this server was started without --sources: it does not know which folders to sync; run `yz sync` on the machine, or restart with `yz serve --sources DIR`")
        }
        lock.lock()
        guard !state.running else {
            let s = state
            lock.unlock()
            throw APIError(.conflict, "sync_running", "a sync started at \(s.started.map { ISO8601DateFormatter().string(from: $0) } ?? "?") is still running; GET /api/sync says when it ends")
        }
        state = Status(running: true, sources: sources.map(\.path), started: Date())
        let snapshot = state
        lock.unlock()
        let directory = directory, sources = sources
        Thread.detachNewThread { [self] in
            var report: Workspace.Report?
            var failure: String?
            do { report = try Workspace(directory: directory).sync(sources) } catch { failure = "\(error)" }
            lock.lock()
            state.running = false
            state.finished = Date()
            state.report = report
            state.error = failure
            lock.unlock()
        }
        return snapshot
    }
}
