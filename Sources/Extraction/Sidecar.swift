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
    static func load(for url: URL, cache: SidecarCache? = nil) throws(ExtractionError) -> Sidecar? {
        var merged: Sidecar?
        for file in files(for: url, cache: cache) {
            if file.lastPathComponent == "manifest.json" {
                let decoded: Manifest?
                if let cache { decoded = try cache.manifest(file) { () throws(ExtractionError) in try decode(file) } } else { decoded = try decode(file) }
                guard let manifest = decoded else { continue }
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
    public static func files(for url: URL, cache: SidecarCache? = nil) -> [URL] {
        // String work, not URL methods: this runs several times per file of a run.
        let path = url.path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let names = cache?.names(inFolder: folder)
        let exists = { (n: String) in names.map { $0.contains(n) } ?? FileManager.default.fileExists(atPath: folder + "/" + n) }
        var found: [URL] = []
        if exists("manifest.json") { found.append(URL(fileURLWithPath: folder + "/manifest.json")) }
        if let own = [name + ".meta.json", stem + ".meta.json"].first(where: exists) { found.append(URL(fileURLWithPath: folder + "/" + own)) }
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

/// What a run learns about folders once instead of once per file: the names in each folder, the
/// decoded manifest, sidecar bytes and modification times. Make one per run (it does not notice
/// later changes); thread-safe.
public final class SidecarCache: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String: Set<String>] = [:]
    private var manifests: [String: Result<Any?, ExtractionError>] = [:]
    private var contents: [String: Data?] = [:]
    private var mtimes: [String: Double?] = [:]

    public init() {}

    /// The sidecar names in `folder` (`manifest.json`, `….meta.json`; empty when it cannot be
    /// listed): all that is asked of a listing. Keeping every name held the names of a
    /// million-file corpus for the whole run.
    func names(inFolder folder: String) -> Set<String> {
        lock.lock()
        if let n = names[folder] { lock.unlock(); return n }
        lock.unlock()
        let all = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let listed = Set(all.lazy.filter { $0 == "manifest.json" || $0.hasSuffix(".meta.json") })
        lock.lock()
        names[folder] = listed
        lock.unlock()
        return listed
    }

    func manifest<T>(_ url: URL, decode: () throws(ExtractionError) -> T?) throws(ExtractionError) -> T? {
        lock.lock()
        let known = manifests[url.path]
        lock.unlock()
        let result: Result<Any?, ExtractionError>
        if let known {
            result = known
        } else {
            result = Result { () throws(ExtractionError) -> Any? in try decode() }
            lock.lock()
            manifests[url.path] = result
            lock.unlock()
        }
        return try result.get() as? T
    }

    /// The bytes of a sidecar file (nil when unreadable). Only folder manifests are kept: a file's
    /// own sidecar is read once or twice per run, and keeping every one held about a kilobyte per
    /// file for the whole run (1.6 GB of memory on an 800,000-file corpus).
    public func contents(of url: URL) -> Data? {
        guard url.lastPathComponent == "manifest.json" else { return FileManager.default.contents(atPath: url.path) }
        lock.lock()
        if let c = contents[url.path] { lock.unlock(); return c }
        lock.unlock()
        let data = FileManager.default.contents(atPath: url.path)
        lock.lock()
        contents[url.path] = data
        lock.unlock()
        return data
    }

    /// The modification time of a sidecar file (seconds since 1970), nil when it cannot be read.
    public func modificationTime(of url: URL) -> Double? {
        guard url.lastPathComponent == "manifest.json" else { return Self.mtime(url.path) }
        lock.lock()
        if let m = mtimes[url.path] { lock.unlock(); return m }
        lock.unlock()
        let m = Self.mtime(url.path)
        lock.lock()
        mtimes[url.path] = m
        lock.unlock()
        return m
    }

    private static func mtime(_ path: String) -> Double? {
        var st = stat()
        return stat(path, &st) == 0 ? Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9 : nil
    }
}
