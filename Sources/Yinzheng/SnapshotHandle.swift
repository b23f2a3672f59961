import Foundation
import Index

/// Opens the latest commit and finds documents by path (for the document view).
struct IndexSnapshotHandle {
    let snapshot: IndexSnapshot

    init(directory: URL) throws {
        do { snapshot = try IndexSnapshot(directory: directory) } catch { throw Workspace.WorkspaceError(description: error.description) }
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
