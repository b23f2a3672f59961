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

    static let snapshots = SnapshotCache()

    final class SnapshotCache: @unchecked Sendable {
        private let lock = NSLock()
        private var latest: [String: IndexSnapshot] = [:]

        func get(_ key: String) -> IndexSnapshot? {
            lock.lock()
            defer { lock.unlock() }
            return latest[key]
        }

        func set(_ key: String, _ snapshot: IndexSnapshot) {
            lock.lock()
            defer { lock.unlock() }
            latest[key] = snapshot
        }
    }
}
