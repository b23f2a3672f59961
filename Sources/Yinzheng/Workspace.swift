import Analysis
import Catalog
import Crypto
import Extraction
import Foundation
import Index
import Search

/// An index directory and everything done with it: ingest and sync source files, search, stats
/// and checks. The CLI and the server are thin skins over this type.
///
/// ```swift
/// let workspace = Workspace(directory: URL(fileURLWithPath: "indexes/default"))
/// let report = try workspace.sync([URL(fileURLWithPath: "corpora/sample")])
/// let result = try workspace.search("负面清单 channel:interview")
/// ```
public final class Workspace {
    public let directory: URL
    /// Commit after this many changed documents, so an interrupted run keeps what it did.
    public var commitEvery = 500
    /// Merge the smallest segments when a commit holds more than this many.
    public var maxSegments = 10

    public init(directory: URL) {
        self.directory = directory
    }

    /// `--index DIR`, else `YZ_INDEX`, else `indexes/default`.
    public static func directory(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: option ?? environment["YZ_INDEX"] ?? "indexes/default")
    }

    /// What an ingest run did. `failed` lists each file that could not be read, with why.
    public struct Report: Codable, Sendable, Equatable {
        public struct Failure: Codable, Sendable, Equatable {
            public var path: String
            public var error: String
        }
        public var added = 0
        public var changed = 0
        public var deleted = 0
        public var unchanged = 0
        public var failed: [Failure] = []
    }

    /// Progress of an ingest run, for a progress bar or log lines.
    public struct Progress: Sendable {
        public var filesDone: Int
        public var filesTotal: Int
        public var bytesDone: Int
        public var bytesTotal: Int
        public var currentPath: String
    }

    /// Failures of the run as a whole (not of one file).
    public struct WorkspaceError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Brings the index in line with the files under `roots`: new and changed files (by content
    /// hash) are indexed, files gone from disk are deleted when `deleteMissing`, unchanged files
    /// are left alone (a run with nothing new writes nothing). Commits every ``commitEvery``
    /// documents; an interrupted run is finished by running it again. Holds the index lock.
    public func sync(_ roots: [URL], deleteMissing: Bool = true, progress: ((Progress) -> Void)? = nil) throws -> Report {
        let writer: IndexWriter
        do { writer = try IndexWriter(directory: directory) } catch { throw WorkspaceError(description: error.description) }
        let catalog = try Catalog(directory: directory)
        let run = try catalog.startRun(kind: deleteMissing ? "sync" : "index")
        let analyzer = try Analyzer()
        let extractor = Extractor()
        var report = Report()
        var sources: [Catalog.Source] = []
        var removed: [String] = []

        var files: [(URL, Int, Double)] = []
        var missingRoots: [String] = []
        for root in roots {
            guard FileManager.default.fileExists(atPath: root.path) else { missingRoots.append(root.path); continue }
            let urls = Extractor.files(under: root) ?? [root]
            for url in urls {
                let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
                let size = (attributes?[.size] as? Int) ?? 0
                // A sidecar or manifest edited later counts as a change of the file it describes.
                let mtime = ([url] + Sidecar.files(for: url)).compactMap {
                    ((try? FileManager.default.attributesOfItem(atPath: $0.path))?[.modificationDate] as? Date)?.timeIntervalSince1970
                }.max() ?? 0
                files.append((url.standardizedFileURL, size, mtime))
            }
        }
        if !missingRoots.isEmpty && files.isEmpty && roots.count == missingRoots.count {
            throw WorkspaceError(description: "\(missingRoots.joined(separator: ", ")): no such file or folder; check the path")
        }
        for path in missingRoots { report.failed.append(.init(path: path, error: "\(path): no such file or folder; check the path")) }
        files.sort { $0.0.path < $1.0.path }
        let bytesTotal = files.reduce(0) { $0 + $1.1 }
        var bytesDone = 0
        var live = writer.current.liveSources()
        var pendingCommit = 0

        // Files whose size or mtime changed are read and analysed in batches on every core; the
        // writer then takes each batch's results in file order on this thread.
        // Workers get analyzers of their own: `analyzer` stays with this thread (merges re-analyse
        // while the next batch is being prepared).
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let workers = Workers(analyzers: try (0..<cores).map { _ in try analyzer.copy() }, extractor: extractor)
        var batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)] = []

        // While the writer adds one batch, the workers prepare the next.
        var inFlight: (batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)], future: Workers.Future)?

        // The workers' analyzers serve one batch at a time: the previous batch's preparation
        // finishes before the next one starts, then the writer adds the previous batch meanwhile.
        func submit(_ batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)]) throws {
            let previous = inFlight.map { ($0.batch, $0.future.wait()) }
            inFlight = (batch, workers.prepareInBackground(batch))
            if let (done, results) = previous { try build(done, results) }
        }

        func build(_ batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)], _ prepared: [Prepared]) throws {
            for (item, result) in zip(batch, prepared) {
                let path = item.url.path
                switch result {
                case .failed(let message):
                    report.failed.append(.init(path: path, error: message))
                    sources.append(.init(path: path, sha256: nil, size: item.size, mtime: item.mtime, channel: nil, dates: nil, status: "failed", error: message, runID: run.id ?? 0))
                case .unchanged:
                    report.unchanged += 1
                case .document(let stored, let sha256, let terms):
                    if item.existing != nil {
                        writer.delete(path: path)
                        report.changed += 1
                    } else {
                        report.added += 1
                    }
                    do {
                        try writer.add(stored) { builder in terms.add(to: builder, keywordsOf: stored) }
                    } catch {
                        throw WorkspaceError(description: error.description)
                    }
                    sources.append(.init(path: path, sha256: sha256, size: item.size, mtime: item.mtime, channel: stored.channel,
                                         dates: stored.dates.joined(separator: ","), status: "indexed", error: nil, runID: run.id ?? 0))
                    pendingCommit += 1
                    if pendingCommit >= commitEvery {
                        do {
                            try writer.commit()
                            try writer.merge(maxSegments: maxSegments) { d, b in Self.addTerms(of: d, analyzer: analyzer, to: b) }
                        } catch { throw WorkspaceError(description: error.description) }
                        pendingCommit = 0
                    }
                }
            }
        }

        for (i, (url, size, mtime)) in files.enumerated() {
            let path = url.path
            progress?(Progress(filesDone: i, filesTotal: files.count, bytesDone: bytesDone, bytesTotal: bytesTotal, currentPath: path))
            bytesDone += size
            let existing = live.removeValue(forKey: path)
            if let existing, existing.stamp.size == size, existing.stamp.mtime == mtime {
                report.unchanged += 1
                continue
            }
            batch.append((url, size, mtime, existing?.stamp))
            if batch.count >= 64 {
                try submit(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try submit(batch)
        if let last = inFlight {
            inFlight = nil
            try build(last.batch, last.future.wait())
        }
        if deleteMissing {
            let rootPaths = roots.map { $0.standardizedFileURL.path }
            for (path, _) in live where rootPaths.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
                writer.delete(path: path)
                removed.append(path)
                report.deleted += 1
            }
        }
        do {
            try writer.commit()
            try writer.merge(maxSegments: maxSegments) { d, b in Self.addTerms(of: d, analyzer: analyzer, to: b) }
        } catch { throw WorkspaceError(description: error.description) }
        progress?(Progress(filesDone: files.count, filesTotal: files.count, bytesDone: bytesTotal, bytesTotal: bytesTotal, currentPath: ""))
        var finished = run
        finished.added = report.added
        finished.changed = report.changed
        finished.deleted = report.deleted
        finished.unchanged = report.unchanged
        finished.failed = report.failed.count
        finished.report = String(data: (try? JSONEncoder().encode(report)) ?? Data(), encoding: .utf8)
        try catalog.finish(finished, sources: sources, removed: removed)
        return report
    }

    /// What happened to one file off the writer's thread.
    enum Prepared: Sendable {
        case unchanged
        case failed(String)
        case document(StoredDocument, sha256: String, terms: AnalysedTerms)
    }

    /// A document's analysed terms, held until the writer adds them.
    struct AnalysedTerms: Sendable {
        var bytes: [UInt8] = []
        /// (field, start in `bytes`, length, position) per token.
        var tokens: [(UInt8, Int32, Int32, Int32)] = []

        /// The word and character streams of `text`, as the analysis chain makes them.
        init(_ text: String, analyzer: Analyzer) {
            var text = text
            text.withUTF8 { utf8 in
                try? analyzer.forEachToken(utf8: utf8) { view in
                    let start = Int32(bytes.count)
                    bytes.append(contentsOf: view.termUTF8)
                    tokens.append(((view.kind.isCharacterStream ? Field.characters : Field.words).rawValue, start, Int32(view.termUTF8.count), Int32(view.position)))
                }
            }
        }

        func add(to builder: SegmentBuilder, keywordsOf document: StoredDocument) {
            bytes.withUnsafeBufferPointer { b in
                for (field, start, length, position) in tokens {
                    builder.addTerm(Field(rawValue: field)!, UnsafeBufferPointer(rebasing: b[Int(start)..<Int(start + length)]), position: Int(position))
                }
            }
            Workspace.addKeywords(of: document, to: builder)
        }
    }

    /// One analyzer per core and the shared (stateless) extractor.
    final class Workers: @unchecked Sendable {
        let analyzers: [Analyzer]
        let extractor: Extractor

        init(analyzers: [Analyzer], extractor: Extractor) {
            self.analyzers = analyzers
            self.extractor = extractor
        }

        /// Results of a batch being prepared on a background thread.
        final class Future: @unchecked Sendable {
            private let done = DispatchSemaphore(value: 0)
            fileprivate var results: [Prepared] = []

            fileprivate func fulfil(_ r: [Prepared]) {
                results = r
                done.signal()
            }

            func wait() -> [Prepared] {
                done.wait()
                return results
            }
        }

        /// Starts ``prepare(_:)`` on a background thread.
        func prepareInBackground(_ batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)]) -> Future {
            let future = Future()
            DispatchQueue.global().async { future.fulfil(self.prepare(batch)) }
            return future
        }

        /// Extracts and analyses `batch`, each worker taking every n-th file; results in order.
        func prepare(_ batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)]) -> [Prepared] {
            // Each worker writes only its own slots.
            final class Slots: @unchecked Sendable {
                var values: [Prepared]
                init(_ n: Int) { values = Array(repeating: .unchanged, count: n) }
            }
            let slots = Slots(batch.count)
            let n = analyzers.count
            slots.values.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let results = buffer
                DispatchQueue.concurrentPerform(iterations: n) { w in
                    var k = w
                    while k < batch.count {
                        results[k] = self.prepare(batch[k], analyzer: self.analyzers[w])
                        k += n
                    }
                }
            }
            return slots.values
        }

        private func prepare(_ item: (url: URL, size: Int, mtime: Double, existing: SourceStamp?), analyzer: Analyzer) -> Prepared {
            let document: Document
            do {
                document = try extractor.extract(fileAt: item.url)
            } catch {
                return .failed(error.description)
            }
            // The stamp covers the file's bytes and its sidecars' bytes.
            let stamp = Workspace.stamp(document.sha256, sidecarsOf: item.url)
            if let existing = item.existing, existing.sha256 == stamp { return .unchanged }
            let stored = StoredDocument(path: item.url.path, sha256: stamp, size: item.size, mtime: item.mtime, channel: document.channel.rawValue,
                                        title: document.title, dates: document.dates, unit: document.metadata.unit,
                                        subjects: document.metadata.subjects, informant: document.metadata.informant, text: document.text)
            return .document(stored, sha256: document.sha256, terms: AnalysedTerms(stored.text, analyzer: analyzer))
        }
    }

    /// The content hash sync compares: the file's SHA-256 alone, or with its sidecars' bytes.
    static func stamp(_ sha256: String, sidecarsOf url: URL) -> String {
        let extra = Sidecar.files(for: url).compactMap { FileManager.default.contents(atPath: $0.path) }
        guard !extra.isEmpty else { return sha256 }
        var hasher = SHA256()
        hasher.update(data: Data(sha256.utf8))
        for d in extra { hasher.update(data: d) }
        return sha256 + "+" + hasher.finalize().map { String(format: "%02x", $0) }.joined().prefix(16)
    }

    /// The terms of a stored document: word and character streams from the analysis chain, and
    /// keyword terms for filters and facets.
    static func addTerms(of document: StoredDocument, analyzer: Analyzer, to builder: SegmentBuilder) {
        AnalysedTerms(document.text, analyzer: analyzer).add(to: builder, keywordsOf: document)
    }

    /// Keyword terms for filters and facets.
    static func addKeywords(of document: StoredDocument, to builder: SegmentBuilder) {
        builder.addKeyword("channel=" + document.channel)
        if let unit = document.unit { builder.addKeyword("unit=" + unit) }
        for date in Set(document.dates) { builder.addKeyword("date=" + date) }
        for cadre in Set(document.subjects) { builder.addKeyword("cadre=" + cadre) }
        if let informant = document.informant { builder.addKeyword("informant=" + informant) }
    }

    /// Parses and runs a query on the latest commit.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        let query: Query
        do { query = try Query.parse(text) } catch { throw SearchError.query(error) }
        // A directory that exists but has no commit yet is an empty index (a first run still going).
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw SearchError.index(IndexError(file: directory.path, reason: "no index here", hint: "build one with `yz index --index \(directory.path) PATH`, or point --index / YZ_INDEX at an existing index"))
        }
        let snapshot: IndexSnapshot
        do { snapshot = try IndexSnapshot(directory: directory) } catch { throw SearchError.index(error) }
        let searcher = Searcher(snapshot: snapshot, analyzer: try Analyzer())
        return try searcher.search(query, options: options)
    }

    public struct Stats: Codable, Sendable {
        public var directory: String
        public var generation: Int
        public var segments: Int
        public var documents: Int
        public var deleted: Int
        public var terms: Int
        public var bytes: Int
        public var failedSources: Int
        public var lastRun: String?
    }

    public func stats() throws -> Stats {
        let snapshot: IndexSnapshot
        do { snapshot = try IndexSnapshot(directory: directory) } catch { throw WorkspaceError(description: error.description) }
        let bytes = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).reduce(0) { sum, name in
            sum + (((try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path))?[.size] as? Int) ?? 0)
        }
        var failed = 0
        var lastRun: String?
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path) {
            let catalog = try Catalog(directory: directory)
            failed = try catalog.failedSources().count
            if let r = try catalog.runs(limit: 1).first {
                lastRun = "\(r.kind) #\(r.id ?? 0) \(ISO8601DateFormatter().string(from: r.started)): +\(r.added) ~\(r.changed) -\(r.deleted) =\(r.unchanged) !\(r.failed)"
            }
        }
        return Stats(directory: directory.path, generation: snapshot.commit.generation, segments: snapshot.segments.count,
                     documents: snapshot.liveDocuments, deleted: snapshot.commit.segments.reduce(0) { $0 + $1.deleted },
                     terms: snapshot.segments.reduce(0) { $0 + $1.termCount }, bytes: bytes, failedSources: failed, lastRun: lastRun)
    }

    /// Verifies every checksum of every file the commit refers to; returns the damage found.
    public func check() -> [String] {
        var problems: [String] = []
        do {
            let snapshot = try IndexSnapshot(directory: directory)
            for seg in snapshot.segments {
                do { try seg.verify() } catch { problems.append(error.description) }
            }
        } catch {
            problems.append(error.description)
        }
        return problems
    }
}
