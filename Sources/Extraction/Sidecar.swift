import Foundation

/// Metadata given beside a file, which adds to or overrides what extraction found:
/// `FILE.meta.json` (e.g. `talk-001.txt.meta.json`, or `talk-001.meta.json`), and a per-folder
/// `manifest.json` with `defaults` for every file in the folder and `files` keyed by file name.
/// A file's own sidecar wins over the manifest's entry, which wins over the defaults.
///
/// ```json
/// {"channel": "interview", "date": "2024-03-05", "unit": "青川市交通运输局",
///  "subjects": ["C001"], "informant": "陈晓燕", "interviewer": "刘明", "realName": true}
/// ```
public struct Sidecar: Codable, Sendable, Equatable {
    public var channel: Channel?
    public var title: String?
    public var date: String?
    public var dates: [String]?
    public var unit: String?
    public var subjects: [String]?
    public var informant: String?
    public var interviewer: String?
    public var realName: Bool?

    public init() {}

    struct Manifest: Codable {
        var defaults: Sidecar?
        var files: [String: Sidecar]?
    }

    /// The merged sidecar metadata for the file at `url`, or nil when there is none.
    /// A sidecar that cannot be parsed is an error naming it.
    static func load(for url: URL) throws(ExtractionError) -> Sidecar? {
        var merged: Sidecar?
        for file in files(for: url) {
            if file.lastPathComponent == "manifest.json" {
                guard let manifest: Manifest = try decode(file) else { continue }
                merged = manifest.defaults
                if let own = manifest.files?[url.lastPathComponent] { merged = (merged ?? Sidecar()).overlaid(with: own) }
            } else if let own: Sidecar = try decode(file) {
                merged = (merged ?? Sidecar()).overlaid(with: own)
            }
        }
        return merged
    }

    /// The sidecar files that apply to `url`, in the order they are applied: the folder's
    /// `manifest.json`, then the file's own `NAME.meta.json` or else `STEM.meta.json`.
    public static func files(for url: URL) -> [URL] {
        let folder = url.deletingLastPathComponent()
        let exists = { (u: URL) in FileManager.default.fileExists(atPath: u.path) }
        var found = [folder.appendingPathComponent("manifest.json")].filter(exists)
        let own = [folder.appendingPathComponent(url.lastPathComponent + ".meta.json"),
                   folder.appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".meta.json")]
        if let first = own.first(where: exists) { found.append(first) }
        return found
    }

    private static func decode<T: Decodable>(_ url: URL) throws(ExtractionError) -> T? {
        guard FileManager.default.fileExists(atPath: url.path), let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw ExtractionError(path: url.path, reason: "not valid JSON (\(context.debugDescription))", hint: "fix the sidecar file; see README, Sidecar metadata")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ExtractionError(path: url.path, reason: "field \(field): \(context.debugDescription)", hint: "fix the sidecar file; see README, Sidecar metadata")
        } catch {
            throw ExtractionError(path: url.path, reason: "\(error)", hint: "fix the sidecar file; see README, Sidecar metadata")
        }
    }

    /// `self` with every field `other` sets replaced.
    func overlaid(with other: Sidecar) -> Sidecar {
        var s = self
        if let v = other.channel { s.channel = v }
        if let v = other.title { s.title = v }
        if let v = other.date { s.date = v }
        if let v = other.dates { s.dates = v }
        if let v = other.unit { s.unit = v }
        if let v = other.subjects { s.subjects = v }
        if let v = other.informant { s.informant = v }
        if let v = other.interviewer { s.interviewer = v }
        if let v = other.realName { s.realName = v }
        return s
    }

    /// Applies the sidecar to a document.
    func apply(to document: inout Document) {
        if let v = channel { document.channel = v }
        if let v = title { document.title = v }
        if let v = dates { document.dates = v } else if let v = date { document.dates = [v] + document.dates.filter { $0 != v } }
        if let v = unit { document.metadata.unit = v }
        if let v = subjects { document.metadata.subjects = v }
        if let v = informant { document.metadata.informant = v }
        if let v = interviewer { document.metadata.interviewer = v }
        if let v = realName { document.metadata.realName = v }
    }
}
