import Foundation
import Index

/// Opens the latest commit and finds documents by path (for the document view).
struct IndexSnapshotHandle {
    let snapshot: IndexSnapshot

    init(directory: URL) throws {
        do { snapshot = try Workspace(directory: directory).openSnapshot() } catch { throw Workspace.WorkspaceError(description: error.description) }
    }

    func document(path: String) throws(IndexError) -> StoredDocument? {
        for (s, segment) in snapshot.segments.enumerated() {
            let sources = try segment.sources
            for (i, stamp) in sources.enumerated() where stamp.path == path && !snapshot.deleted[s].contains(Int32(i)) {
                return try segment.document(i)
            }
        }
        return nil
    }
}

extension Workspace {
    /// The latest commit, reusing the segment readers this process already has open for the
    /// directory: a long-running server checks each segment's dictionary once, when it first
    /// appears, not on every request (segment files never change once written). Deletions and
    /// the commit point are read every time, so a new commit is seen at once. `yz check`
    /// verifies everything afresh.
    public func openSnapshot() throws(IndexError) -> IndexSnapshot {
        let key = directory.standardizedFileURL.path
        let snapshot = try IndexSnapshot(directory: directory, reusing: Self.snapshots.get(key))
        Self.snapshots.set(key, snapshot)
        return snapshot
    }

    static let snapshots = Memo<IndexSnapshot>(limit: 8)
}

/// Process-wide values shared by the requests a server answers (open snapshots, analyzers,
/// claim assessments): the most recent `limit` keys, under a lock.
final class Memo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: String, value: Value)] = []
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func get(_ key: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return entries.last { $0.key == key }?.value
    }

    func set(_ key: String, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll { $0.key == key }
        entries.append((key, value))
        if entries.count > limit { entries.removeFirst() }
    }

    /// `body` on the value for `key` under the lock (for values not safe to use concurrently).
    func with<R>(_ key: String, _ body: (Value) throws -> R) rethrows -> R? {
        lock.lock()
        defer { lock.unlock() }
        guard let v = entries.last(where: { $0.key == key })?.value else { return nil }
        return try body(v)
    }
}
