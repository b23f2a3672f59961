import Foundation

/// A fresh directory under the system's temporary folder, removed when the test process exits
/// (fixtures shared by a suite cannot remove their own, and each run left dozens behind).
public func scratchDirectory(_ prefix: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())")
    ScratchDirectories.shared.add(url)
    return url
}

final class ScratchDirectories: @unchecked Sendable {
    static let shared: ScratchDirectories = {
        atexit { ScratchDirectories.shared.removeAll() }
        return ScratchDirectories()
    }()
    private let lock = NSLock()
    private var urls: [URL] = []

    func add(_ url: URL) {
        lock.lock()
        urls.append(url)
        lock.unlock()
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for u in urls { try? FileManager.default.removeItem(at: u) }
        urls = []
    }
}
