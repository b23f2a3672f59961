import Analysis
import Catalog
import Crypto
import Extraction
import Foundation
import Index
import Linking
import Search
import Signals

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
    /// Commit after this many changed documents, so an interrupted run keeps what it did…
    public var commitEvery = 500
    /// …once they hold this many bytes of source files, or ``commitInterval`` has passed since the
    /// last commit. Each commit writes a segment per lane: a commit every 500 files of 1 KB made
    /// a 1 GB corpus into 3,200 tiny segments, and merging them cost more than indexing them.
    /// 0 commits every ``commitEvery`` documents whatever their size.
    public var commitBytes = 32 << 20
    /// Seconds after which pending documents are committed even when they hold fewer bytes.
    public var commitInterval: TimeInterval = 30
    /// Merge the smallest segments when a commit holds more than this many.
    public var maxSegments = 10
    /// A taxonomy file given at run time; else `taxonomy.yaml` in the index directory; else the default.
    public var taxonomyFile: URL?

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

    /// Part of every stamp: a change in what indexing derives from a file (units filed under,
    /// since "/u"; roles of turns labelled by name, header units in linking and the detection rules
    /// of the seventh session, since "/v") makes the next sync redo every document once.
    static let pipelineVersion = "/v"

    /// Brings the index in line with the files under `roots`: new and changed files (by content
    /// hash) are indexed, files gone from disk are deleted when `deleteMissing`, unchanged files
    /// are left alone (a run with nothing new writes nothing). Commits every ``commitEvery``
    /// documents holding ``commitBytes`` (or after ``commitInterval``); an interrupted run is
    /// finished by running it again. Holds the index lock.
    public func sync(_ roots: [URL], deleteMissing: Bool = true, progress: ((Progress) -> Void)? = nil) throws -> Report {
        let writer: IndexWriter
        // One in-memory segment (lane) per core: workers extract, analyse and invert in parallel.
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        do { writer = try IndexWriter(directory: directory, lanes: cores) } catch { throw WorkspaceError(description: error.description) }
        let catalog = try Catalog(directory: directory)
        let run = try catalog.startRun(kind: deleteMissing ? "sync" : "index")
        // The roster, when there is one, feeds the lexicon (names, aliases and units come out of
        // segmentation whole) and the linker; documents linked with another roster are redone.
        let roster = try roster(catalog)
        let analyzer = try Self.analyzer(roster: roster)
        let linker = roster.cadres.isEmpty ? nil : Linker(roster: roster, analyzer: analyzer)
        let taxonomy = try taxonomy()
        let detector = SignalDetector(taxonomy: taxonomy, analyzer: analyzer)
        // Evidence found with another roster or taxonomy is found again.
        let rosterStamp = (roster.cadres.isEmpty ? "" : "@" + roster.digest) + "#" + taxonomy.digest + Self.pipelineVersion
        var mentions: [String: [Catalog.Mention]] = [:]
        var evidence: [String: [Catalog.Evidence]] = [:]
        // Folder listings, manifests and sidecar bytes are read once per run, not once per file.
        let sidecars = SidecarCache()
        let extractor = Extractor(sidecars: sidecars)
        var report = Report()
        var sources: [Catalog.Source] = []
        var removed: [String] = []
        // Claims ("cadre indicator") whose evidence this run changes.
        var touched = Set<String>()

        // Paths as strings: a run over a million files keeps this list for its whole length.
        var files: [(path: String, size: Int, mtime: Double)] = []
        var missingRoots: [String] = []
        for root in roots {
            guard FileManager.default.fileExists(atPath: root.path) else { missingRoots.append(root.path); continue }
            let paths = Extractor.paths(under: root) ?? [root.standardizedFileURL.path]
            files.reserveCapacity(files.count + paths.count)
            for path in paths {
                var st = stat()
                let found = stat(path, &st) == 0
                let size = found ? Int(st.st_size) : 0
                // A sidecar or manifest edited later counts as a change of the file it describes.
                let own = found ? Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9 : 0
                let mtime = Sidecar.files(for: URL(fileURLWithPath: path), cache: sidecars).compactMap { sidecars.modificationTime(of: $0) }.reduce(own, max)
                files.append((path, size, mtime))
            }
        }
        if !missingRoots.isEmpty && files.isEmpty && roots.count == missingRoots.count {
            throw WorkspaceError(description: "\(missingRoots.joined(separator: ", ")): no such file or folder; check the path")
        }
        for path in missingRoots { report.failed.append(.init(path: path, error: "\(path): no such file or folder; check the path")) }
        files.sort { $0.path < $1.path }
        let bytesTotal = files.reduce(0) { $0 + $1.1 }
        var bytesDone = 0
        var live: [String: (segment: Int, local: Int32, stamp: SourceStamp)]
        do { live = try writer.current.liveSources() } catch { throw WorkspaceError(description: error.description) }
        var pendingCommit = 0
        var pendingBytes = 0
        var lastCommit = Date()

        // Files whose size or mtime changed are read, analysed and added to the writer's lanes in
        // batches, each worker with its own analyzer and lane. Between batches this thread
        // records the results in file order, marks replaced versions deleted, and commits.
        let workers = Workers(analyzers: try (0..<writer.lanes).map { _ in try analyzer.copy() }, extractor: extractor, writer: writer,
                              linker: linker, detector: detector, rosterStamp: rosterStamp,
                              cadreUnits: Dictionary(roster.cadres.map { ($0.id, $0.unit) }, uniquingKeysWith: { a, _ in a }))
        var batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)] = []
        var batchBytes = 0

        /// Records the rows of what is about to be committed (and of `removed` paths), noting the
        /// claims they change; the pending rows are then cleared.
        func recordPending(removed: [String]) throws {
            try touched.formUnion(Self.changedClaims(catalog: catalog, evidence: evidence, removed: removed))
            try catalog.record(sources, mentions: mentions, evidence: evidence, removed: removed)
            sources.removeAll(keepingCapacity: true)
            mentions.removeAll(keepingCapacity: true)
            evidence.removeAll(keepingCapacity: true)
        }

        /// `last`: the run's final batch, whose lanes the workers write (in parallel) whether or not
        /// a commit is due, rather than the final commit writing them one after the other.
        func submit(_ batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)], bytes batchBytes: Int, last: Bool = false) throws {
            guard !batch.isEmpty else { return }
            // Each worker writes its own lane when a commit is due or the lane is full, the two
            // lanes' segments in parallel, instead of this thread writing them one by one.
            let commitDue = pendingCommit + batch.count >= commitEvery
                && (pendingBytes + batchBytes >= commitBytes || Date().timeIntervalSince(lastCommit) >= commitInterval)
            pendingBytes += batchBytes
            let (prepared, flushError) = workers.prepare(batch, flushLanes: commitDue || last)
            if let flushError { throw WorkspaceError(description: flushError.description) }
            try build(batch, prepared)
            if commitDue && pendingCommit > 0 {
                // What the commit will hold goes to the catalog first, not at the end of the run;
                // the claims its evidence belonged to and belongs to now are reassessed at the
                // end. First, because a run killed between the two must leave the catalog ahead
                // of the index, which the next run repairs (those files are not live, so they are
                // done again): the other way round, committed files would look unchanged to the
                // next run and never get their catalog rows (sources, mentions, evidence).
                try recordPending(removed: [])
                do {
                    try writer.commit()
                    try writer.merge(maxSegments: maxSegments)
                } catch { throw WorkspaceError(description: error.description) }
                pendingCommit = 0
                pendingBytes = 0
                lastCommit = Date()
            }
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
                case .document(let stored, let sha256, let found, let signals):
                    evidence[path] = signals.map { e in
                        Catalog.Evidence(path: path, cadre: e.cadre, indicator: e.indicator, dimension: e.dimension, polarity: e.polarity.rawValue,
                                         status: e.status.rawValue, start: e.start, end: e.end, quote: e.quote, triggerStart: e.triggerStart,
                                         triggerEnd: e.triggerEnd, informant: e.informant, channel: stored.channel, date: stored.dates.first,
                                         attribution: e.attribution)
                    }
                    mentions[path] = found.map { m in
                        Catalog.Mention(path: path, start: m.start, end: m.end, text: m.text, form: m.form.rawValue, status: m.status.rawValue, cadre: m.cadre,
                                        candidates: m.candidates.joined(separator: ","), passageStart: m.passageStart, passageEnd: m.passageEnd, evidence: m.evidence)
                    }
                    // The new version is in a lane already; the committed old one is tombstoned.
                    if item.existing != nil {
                        try writer.delete(path: path)
                        report.changed += 1
                    } else {
                        report.added += 1
                    }
                    sources.append(.init(path: path, sha256: sha256, size: item.size, mtime: item.mtime, channel: stored.channel,
                                         dates: stored.dates.joined(separator: ","), status: "indexed", error: nil, runID: run.id ?? 0))
                    pendingCommit += 1
                }
            }
        }

        for (i, (path, size, mtime)) in files.enumerated() {
            progress?(Progress(filesDone: i, filesTotal: files.count, bytesDone: bytesDone, bytesTotal: bytesTotal, currentPath: path))
            bytesDone += size
            let existing = live.removeValue(forKey: path)
            // Unchanged on disk and indexed with this roster and taxonomy: nothing to do.
            if let existing, existing.stamp.size == size, existing.stamp.mtime == mtime, existing.stamp.sha256.hasSuffix(rosterStamp) {
                report.unchanged += 1
                continue
            }
            batch.append((URL(fileURLWithPath: path), size, mtime, existing?.stamp))
            batchBytes += size
            // A batch ends at 4 MB of files or 512 files (or ``commitEvery``, so commits still
            // come that often): each batch ends with a wait for the slower worker and a pass on
            // this thread, which batches of 64 one-kilobyte files paid 12,500 times over a
            // million-file corpus.
            if batchBytes >= 4 << 20 || batch.count >= min(512, commitEvery) {
                try submit(batch, bytes: batchBytes)
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }
        }
        try submit(batch, bytes: batchBytes, last: true)
        if deleteMissing {
            let rootPaths = roots.map { $0.standardizedFileURL.path }
            for (path, _) in live where rootPaths.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
                try writer.delete(path: path)
                removed.append(path)
                report.deleted += 1
            }
        }
        // The catalog before the commit, as above.
        try recordPending(removed: removed)
        do {
            try writer.commit()
            try writer.merge(maxSegments: maxSegments)
        } catch { throw WorkspaceError(description: error.description) }
        progress?(Progress(filesDone: files.count, filesTotal: files.count, bytesDone: bytesTotal, bytesTotal: bytesTotal, currentPath: ""))
        var finished = run
        finished.added = report.added
        finished.changed = report.changed
        finished.deleted = report.deleted
        finished.unchanged = report.unchanged
        finished.failed = report.failed.count
        finished.report = String(data: (try? JSONEncoder().encode(report)) ?? Data(), encoding: .utf8)
        try catalog.finish(finished, sources: [], removed: [])
        // A claim's corroboration depends on every document holding evidence of it: the claims
        // this run changed are assessed again once its evidence is in (status: filters, facets).
        try updateClaims(catalog: catalog, touched: touched)
        return report
    }

    /// Claims ("cadre indicator") whose assessment may change when `evidence` replaces what the
    /// catalog holds for those paths and `removed` paths go: a claim whose evidence in a document
    /// differs (status, informant, channel), or whose evidence there names no informant (the
    /// document's text changed, so whether it is a copy of another may have too).
    static func changedClaims(catalog: Catalog, evidence: [String: [Catalog.Evidence]], removed: [String]) throws -> Set<String> {
        func key(_ e: Catalog.Evidence) -> String? { e.cadre.map { "\($0) \(e.indicator)" } }
        func signature(_ e: Catalog.Evidence) -> String { "\(e.status)|\(e.informant ?? "")|\(e.channel)" }
        var out = Set<String>()
        let held = try catalog.evidence(paths: Array(evidence.keys) + removed)
        for (path, new) in evidence {
            let old = held[path] ?? []
            var before: [String: Set<String>] = [:], after: [String: Set<String>] = [:]
            for e in old { if let k = key(e) { before[k, default: []].insert(signature(e)); if (e.informant ?? "").isEmpty { out.insert(k) } } }
            for e in new { if let k = key(e) { after[k, default: []].insert(signature(e)); if (e.informant ?? "").isEmpty { out.insert(k) } } }
            for k in Set(before.keys).union(after.keys) where before[k] != after[k] { out.insert(k) }
        }
        for path in removed { for e in held[path] ?? [] { if let k = key(e) { out.insert(k) } } }
        return out
    }

    /// What happened to one file off the writer's thread.
    enum Prepared: Sendable {
        case unchanged
        case failed(String)
        /// Added to the worker's lane (without its text, which the lane holds), with its mentions.
        case document(StoredDocument, sha256: String, mentions: [Mention], evidence: [Evidence])
    }

    /// One analyzer and one writer lane per core, and the shared (stateless) extractor.
    final class Workers: @unchecked Sendable {
        let analyzers: [Analyzer]
        let extractor: Extractor
        let writer: IndexWriter
        let linker: Linker?
        let detector: SignalDetector
        let rosterStamp: String
        /// Cadre id → unit, for filing documents under units.
        let cadreUnits: [String: String]

        init(analyzers: [Analyzer], extractor: Extractor, writer: IndexWriter, linker: Linker?, detector: SignalDetector, rosterStamp: String,
             cadreUnits: [String: String]) {
            self.cadreUnits = cadreUnits
            self.analyzers = analyzers
            self.extractor = extractor
            self.writer = writer
            self.linker = linker
            self.detector = detector
            self.rosterStamp = rosterStamp
        }

        /// Extracts, analyses and adds `batch`, worker w to lane w, each taking the next file not
        /// yet taken; results in batch order. A worker with nothing left to take writes its lane
        /// to disk when `flushLanes` or when the lane is full; the first error doing so is returned.
        func prepare(_ batch: [(url: URL, size: Int, mtime: Double, existing: SourceStamp?)], flushLanes: Bool = false) -> ([Prepared], IndexError?) {
            // Each worker writes only the slots it took.
            final class Slots: @unchecked Sendable {
                var values: [Prepared]
                let lock = NSLock()
                var next = 0
                var flushError: IndexError?
                init(_ n: Int) { values = Array(repeating: .unchanged, count: n) }
                func take() -> Int {
                    lock.lock()
                    defer { lock.unlock() }
                    next += 1
                    return next - 1
                }
            }
            let slots = Slots(batch.count)
            let n = analyzers.count
            slots.values.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let results = buffer
                DispatchQueue.concurrentPerform(iterations: n) { w in
                    while true {
                        let k = slots.take()
                        guard k < batch.count else { break }
                        results[k] = self.prepare(batch[k], worker: w)
                    }
                    guard flushLanes || self.writer.laneIsFull(w) else { return }
                    do throws(IndexError) { try self.writer.flush(lane: w) } catch {
                        slots.lock.lock()
                        if slots.flushError == nil { slots.flushError = error }
                        slots.lock.unlock()
                    }
                }
            }
            return (slots.values, slots.flushError)
        }

        private func prepare(_ item: (url: URL, size: Int, mtime: Double, existing: SourceStamp?), worker: Int) -> Prepared {
            let document: Document
            do {
                document = try extractor.extract(fileAt: item.url)
            } catch {
                return .failed(error.description)
            }
            // The stamp covers the file's bytes and its sidecars' bytes.
            let stamp = Workspace.stamp(document.sha256, sidecarsOf: item.url, cache: extractor.sidecars) + rosterStamp
            if let existing = item.existing, existing.sha256 == stamp { return .unchanged }
            var stored = StoredDocument(path: item.url.path, sha256: stamp, size: item.size, mtime: item.mtime, channel: document.channel.rawValue,
                                        title: document.title, dates: document.dates, unit: document.metadata.unit,
                                        subjects: document.metadata.subjects, informant: document.metadata.informant, text: document.text)
            let analyzer = analyzers[worker]
            var mentions: [Mention] = []
            var evidence: [Evidence] = []
            // One analysis: its tokens go to the lane, its normalised text to the linker and the
            // detector (each normalised the whole text again before), and what they find decides
            // the document's cadre, unit and signal keywords and stored fields.
            writer.add(lane: worker) { sink in
                var normalized = NormalizedText()
                Workspace.addTokens(of: document.text, analyzer: analyzer, to: &sink, normalizedInto: &normalized)
                mentions = linker?.link(document, analyzer: analyzer, normalized: normalized) ?? []
                if linker != nil { stored.cadres = Array(Set(mentions.compactMap(\.cadre))).sorted() }
                stored.units = Workspace.units(of: stored, cadreUnits: cadreUnits)
                evidence = detector.detect(document, mentions: mentions, analyzer: analyzer, normalized: normalized)
                // Indicators and dimensions found (and not denied) are keywords for signal: filters.
                let found = evidence.filter { $0.status != .negated }
                stored.signals = Array(Set(found.map(\.indicator) + found.map(\.dimension))).sorted()
                Workspace.addKeywords(of: stored, to: &sink)
                return stored
            }
            stored.text = ""
            return .document(stored, sha256: document.sha256, mentions: mentions, evidence: evidence)
        }
    }

    /// The units a document is filed under, which access scopes check: its own unit (a header
    /// field 单位, a sidecar or manifest "unit") when it has one; else the units of its subjects
    /// (sidecar "subjects", cadre ids); else the units of every cadre linked in its text. Material
    /// about a cadre is filed with the cadre's unit. Empty: only unscoped tokens see it.
    static func units(of document: StoredDocument, cadreUnits: [String: String]) -> [String]? {
        if let unit = document.unit, !unit.isEmpty { return [unit] }
        let subjects = Set(document.subjects.compactMap { cadreUnits[$0] })
        if !subjects.isEmpty { return subjects.sorted() }
        let linked = Set((document.cadres ?? []).compactMap { cadreUnits[$0] })
        return linked.isEmpty ? nil : linked.sorted()
    }

    /// The content hash sync compares: the file's SHA-256 alone, or with its sidecars' bytes.
    static func stamp(_ sha256: String, sidecarsOf url: URL, cache: SidecarCache? = nil) -> String {
        let extra = Sidecar.files(for: url, cache: cache).compactMap { cache?.contents(of: $0) ?? FileManager.default.contents(atPath: $0.path) }
        guard !extra.isEmpty else { return sha256 }
        var hasher = SHA256()
        hasher.update(data: Data(sha256.utf8))
        for d in extra { hasher.update(data: d) }
        return sha256 + "+" + hasher.finalize().map { String(format: "%02x", $0) }.joined().prefix(16)
    }

    /// The word and character streams of `text` from the analysis chain, with its normalised
    /// text in `normalized`.
    static func addTokens(of text: String, analyzer: Analyzer, to builder: inout TermSink, normalizedInto normalized: inout NormalizedText) {
        var text = text
        text.withUTF8 { utf8 in
            try? analyzer.forEachToken(utf8: utf8, normalizedInto: &normalized) { view in
                builder.add(view.kind.isCharacterStream ? .characters : .words, view.termUTF8, position: view.position)
            }
        }
    }

    /// Keyword terms for filters and facets.
    static func addKeywords(of document: StoredDocument, to builder: inout TermSink) {
        builder.addKeyword("channel=" + document.channel)
        for unit in Set((document.units ?? []) + [document.unit].compactMap { $0 }) { builder.addKeyword("unit=" + unit) }
        for date in Set(document.dates) { builder.addKeyword("date=" + date) }
        for cadre in Set(document.subjects + (document.cadres ?? [])) { builder.addKeyword("cadre=" + cadre) }
        for signal in document.signals ?? [] { builder.addKeyword("signal=" + signal) }
        if let informant = document.informant { builder.addKeyword("informant=" + informant) }
    }

    /// Parses and runs a query on the latest commit.
    /// In a scope, documents outside it do not exist for the search: not matched, not counted,
    /// not in facets.
    public func search(_ text: String, options: SearchOptions = SearchOptions(), scope: Scope = .everything) throws -> SearchResult {
        let query: Query
        do { query = try Query.parse(text) } catch { throw SearchError.query(error) }
        // A directory that exists but has no commit yet is an empty index (a first run still going).
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw SearchError.index(IndexError(file: directory.path, reason: "no index here", hint: "build one with `yz index --index \(directory.path) PATH`, or point --index / YZ_INDEX at an existing index"))
        }
        let snapshot: IndexSnapshot
        do { snapshot = try openSnapshot() } catch { throw SearchError.index(error) }
        // The roster only adds lexicon words (the word-level ranking bonus); matching does not
        // depend on it. A catalog that cannot be read right now (a sync killed while creating it)
        // must not make every search fail.
        let searcher = Searcher(snapshot: snapshot, analyzer: try Self.analyzer(roster: (try? roster()) ?? Roster(cadres: [])))
        var options = options
        options.units = scope.units
        let needsClaims = query.filters.contains { Query.pathFields.contains($0.field) } || options.facets.contains("status")
        if needsClaims {
            let byStatus = try documentsByCorroboration(scope: scope)
            for (field, value) in query.filters where field == "status" {
                _ = try Self.corroborationStatus(value)
                options.pathFilters["\(field):\(value)"] = byStatus[value] ?? []
            }
            if options.facets.contains("status") { options.pathFacets["status"] = byStatus }
        }
        return try searcher.search(query, options: options)
    }

    // MARK: Roster

    /// The roster in the catalog (empty when none was imported or there is no catalog yet).
    public func roster(_ catalog: Catalog? = nil) throws -> Roster {
        let rows = try catalog?.roster() ?? Catalog.roster(readingFrom: directory)
        return Roster(cadres: rows.map { r in
            Cadre(id: r.id, name: r.name, aliases: r.aliases.split(separator: "|").map(String.init), unit: r.unit, position: r.position,
                  level: r.level, tenureStart: r.tenureStart, tenureEnd: r.tenureEnd)
        })
    }

    /// The analyzer for this index: with the roster's names, aliases and units as forced lexicon
    /// terms (the same at index and query time).
    static func analyzer(roster: Roster) throws -> Analyzer {
        // Building the roster lexicon normalises every name: once per roster per process (a
        // server answers each request with a copy), not once per search.
        let key = roster.cadres.isEmpty ? "" : roster.digest
        // Copies are made under the lock: one ICU clone at a time from a prototype nobody
        // analyses with.
        if let copy = try analyzerCache.with(key, { try $0.copy() }) { return copy }
        let built = try buildAnalyzer(roster: roster)
        analyzerCache.set(key, built)
        return try built.copy()
    }

    static let analyzerCache = Memo<Analyzer>(limit: 4)

    static func buildAnalyzer(roster: Roster) throws -> Analyzer {
        guard !roster.cadres.isEmpty else { return try Analyzer() }
        var terms = Set<String>()
        for c in roster.cadres {
            terms.insert(c.name)
            for a in c.aliases { terms.insert(a) }
            for u in Linker.unitNames(c.unit) { terms.insert(u) }
        }
        return try Analyzer(lexicon: Lexicon(terms.sorted().map { Lexicon.Entry(term: $0, tag: "roster") }))
    }

    /// The taxonomy in force: ``taxonomyFile``, else `taxonomy.yaml` in the index directory, else
    /// the default. A file with problems is an error listing each with its line.
    public func taxonomy() throws -> Taxonomy {
        let local = directory.appendingPathComponent("taxonomy.yaml")
        if let file = taxonomyFile ?? (FileManager.default.fileExists(atPath: local.path) ? local : nil) {
            do { return try Taxonomy.load(file) } catch { throw WorkspaceError(description: error.description) }
        }
        return .default
    }

    /// Replaces the roster with the one in `file`. Rows with problems are reported and left out;
    /// the next sync links every document again.
    public func importRoster(_ file: URL) throws -> (change: Catalog.RosterChange, issues: [RosterIssue]) {
        let (roster, issues) = try Roster.load(file)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let catalog = try Catalog(directory: directory)
        let change = try catalog.replaceRoster(roster.cadres.map {
            Catalog.Cadre(id: $0.id, name: $0.name, aliases: $0.aliases.joined(separator: "|"), unit: $0.unit, position: $0.position,
                          level: $0.level, tenureStart: $0.tenureStart, tenureEnd: $0.tenureEnd)
        })
        return (change, issues)
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

    /// Merges the index into one segment (holding the index lock): what a nightly job does after a
    /// large sync, for query speed. Returns how many segments were merged.
    public func compact() throws -> Int {
        do {
            let writer = try IndexWriter(directory: directory)
            return try writer.mergeAll()
        } catch { throw WorkspaceError(description: error.description) }
    }

    public func stats() throws -> Stats {
        let snapshot: IndexSnapshot
        do { snapshot = try openSnapshot() } catch { throw WorkspaceError(description: error.description) }
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
