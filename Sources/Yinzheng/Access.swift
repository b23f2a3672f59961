import Catalog
import Foundation
import Index
import Linking

/// What a caller may see: every unit, or only documents filed under some units (see
/// ``Workspace/units(of:cadreUnits:)``) and cadres of those units. Every read of the workspace
/// takes one; the server derives it from the request's token, the CLI uses ``everything``.
public struct Scope: Sendable, Equatable {
    /// nil: every unit.
    public var units: Set<String>?

    public init(units: Set<String>?) { self.units = units }

    public static let everything = Scope(units: nil)

    public var isEverything: Bool { units == nil }

    /// Whether a document filed under `documentUnits` is visible (an unfiled document only to an
    /// unscoped caller).
    public func allows(documentUnits: [String]?) -> Bool {
        guard let units else { return true }
        return (documentUnits ?? []).contains { units.contains($0) }
    }

    public func allows(cadreUnit: String) -> Bool { units?.contains(cadreUnit) ?? true }
}

extension Workspace {
    /// Paths of live documents visible in `scope` (nil: every document), from the index's `unit`
    /// keywords, the same source searches filter on.
    public func visiblePaths(_ scope: Scope) throws -> Set<String>? {
        guard let units = scope.units else { return nil }
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(IndexFiles.commitName).path) else { return [] }
        var out = Set<String>()
        do {
            let snapshot = try openSnapshot()
            for (s, segment) in snapshot.segments.enumerated() {
                var docs = Set<Int32>()
                for info in try segment.allTerms(.keywords) where info.term.hasPrefix("unit=") && units.contains(String(info.term.dropFirst(5))) {
                    for d in try segment.postings(info).docs { docs.insert(d) }
                }
                guard !docs.isEmpty else { continue }
                let sources = try segment.sources
                for d in docs where !snapshot.deleted[s].contains(d) { out.insert(sources[Int(d)].path) }
            }
        } catch { throw WorkspaceError(description: error.description) }
        return out
    }

    /// Evidence records matching the filters, only from documents visible in `scope`.
    public func signals(cadre: String? = nil, dimension: String? = nil, status: String? = nil, since: String? = nil,
                        scope: Scope = .everything) throws -> [Catalog.Evidence] {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path) else { return [] }
        let found = try Catalog(directory: directory).evidence(cadre: cadre, dimension: dimension, status: status, since: since)
        guard let visible = try visiblePaths(scope) else { return found }
        return found.filter { visible.contains($0.path) }
    }

    /// The roster's cadres in `scope` (cadres of other units are not listed).
    public func cadres(scope: Scope = .everything) throws -> [Linking.Cadre] {
        try roster().cadres.filter { scope.allows(cadreUnit: $0.unit) }
    }
}

extension Workspace {
    /// Units the index knows: the roster's and those documents are filed under. A token scoped
    /// to a unit outside this list would see nothing.
    public func knownUnits() throws -> Set<String> {
        var out = Set(try roster().cadres.map(\.unit))
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(IndexFiles.commitName).path) else { return out }
        do {
            let snapshot = try openSnapshot()
            for segment in snapshot.segments {
                for info in try segment.allTerms(.keywords) where info.term.hasPrefix("unit=") { out.insert(String(info.term.dropFirst(5))) }
            }
        } catch { throw WorkspaceError(description: error.description) }
        return out
    }
}
