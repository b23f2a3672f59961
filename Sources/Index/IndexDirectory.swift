import Foundation

// commit.json, format version 1: one JSON object (CommitPoint) on the first line, then a line
// "crc32 XXXXXXXX" with the CRC-32 of the first line's bytes. Written to a temporary file, fsynced
// and renamed over the previous commit, so a reader sees the old set of segments or the new one.
//
// SEGMENT.del: deletions (tombstones) of one segment: "YZDEL001", u32 document count, the bitset
// (bit i set = local document i deleted), u32 CRC-32 of everything before it. Never modified in
// place: each commit that adds deletions writes a new file whose name the commit records.

/// One segment as a commit point lists it.
public struct SegmentRef: Codable, Sendable, Equatable {
    public var name: String
    public var documents: Int
    public var footerCRC: UInt32
    public var deletions: String?
    public var deleted: Int
}

/// The set of segments that make up the index at one moment.
public struct CommitPoint: Codable, Sendable, Equatable {
    public var format = 1
    public var generation = 0
    public var segments: [SegmentRef] = []
    public var nextSegment = 1

    public init() {}

    public var liveDocuments: Int { segments.reduce(0) { $0 + $1.documents - $1.deleted } }
}

/// An open index directory: its commit point and segments, read-only. A snapshot: later commits
/// by a writer do not change what it sees (segment files are immutable; unlinked files stay
/// readable while mapped).
public final class IndexSnapshot: @unchecked Sendable {
    public let directory: URL
    public let commit: CommitPoint
    public let segments: [SegmentReader]
    /// Per segment, the deleted local ids.
    public let deleted: [Set<Int32>]

    /// Opens the newest commit in `directory`; an index that was never committed is empty.
    /// Segments that `previous` has open (same file, same footer checksum) are shared, not
    /// reopened: segment files never change, and reopening verifies every dictionary again.
    public init(directory: URL, reusing previous: IndexSnapshot? = nil) throws(IndexError) {
        self.directory = directory
        let commit = try IndexFiles.readCommit(directory) ?? CommitPoint()
        self.commit = commit
        var open: [String: SegmentReader] = [:]
        if let previous {
            for (ref, reader) in zip(previous.commit.segments, previous.segments) { open[ref.name + "/\(ref.footerCRC)"] = reader }
        }
        var segments: [SegmentReader] = []
        var deleted: [Set<Int32>] = []
        for ref in commit.segments {
            let reader: SegmentReader
            if let known = open[ref.name + "/\(ref.footerCRC)"] { reader = known } else { reader = try SegmentReader(url: directory.appendingPathComponent(ref.name)) }
            guard reader.documentCount == ref.documents else {
                throw IndexError(file: reader.url.path, reason: "holds \(reader.documentCount) documents, the commit says \(ref.documents)")
            }
            segments.append(reader)
            if let name = ref.deletions {
                deleted.append(try IndexFiles.readDeletions(directory.appendingPathComponent(name), documents: ref.documents))
            } else {
                deleted.append([])
            }
        }
        self.segments = segments
        self.deleted = deleted
    }

    public var liveDocuments: Int { commit.liveDocuments }

    /// Every live source stamp with its location, for sync.
    /// Where each live document is, by path: what finding documents by path needs, without their
    /// stamps (800,000 stamps and a map holding them were most of the memory at the end of a
    /// large build). Reads the paths without keeping the segments' stamp tables.
    public func livePaths() throws(IndexError) -> [String: (segment: Int32, local: Int32)] {
        var map: [String: (segment: Int32, local: Int32)] = [:]
        map.reserveCapacity(liveDocuments)
        for (s, seg) in segments.enumerated() {
            try seg.forEachSourcePath { i, path in
                if !deleted[s].contains(Int32(i)) { map[path] = (Int32(s), Int32(i)) }
            }
        }
        return map
    }

    public func liveSources() throws(IndexError) -> [String: (segment: Int, local: Int32, stamp: SourceStamp)] {
        var map: [String: (Int, Int32, SourceStamp)] = [:]
        map.reserveCapacity(liveDocuments)
        for (s, seg) in segments.enumerated() {
            try seg.forEachSource { i, stamp in
                if !deleted[s].contains(Int32(i)) { map[stamp.path] = (s, Int32(i), stamp) }
            }
        }
        return map
    }
}

/// Reading and writing commit points and deletion files.
public enum IndexFiles {
    public static let commitName = "commit.json"

    public static func readCommit(_ directory: URL) throws(IndexError) -> CommitPoint? {
        let url = directory.appendingPathComponent(commitName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[1].hasPrefix("crc32 "), let crc = UInt32(lines[1].dropFirst(6), radix: 16) else {
            throw IndexError(file: url.path, reason: "commit point is truncated or damaged (no checksum line)")
        }
        guard CRC32.checksum(Array(lines[0].utf8)) == crc else {
            throw IndexError(file: url.path, reason: "commit point checksum mismatch (the file is damaged)")
        }
        do {
            let commit = try JSONDecoder().decode(CommitPoint.self, from: Data(lines[0].utf8))
            guard commit.format == 1 else { throw IndexError(file: url.path, reason: "commit format \(commit.format), this yz reads 1", hint: "use a matching yz") }
            return commit
        } catch let e as IndexError {
            throw e
        } catch {
            throw IndexError(file: url.path, reason: "commit point cannot be decoded (\(error))")
        }
    }

    public static func writeCommit(_ commit: CommitPoint, to directory: URL) throws(IndexError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json: [UInt8]
        do { json = Array(try encoder.encode(commit)) } catch { throw IndexError(file: commitName, reason: "cannot encode commit: \(error)", hint: "report this as a bug") }
        let line = json + Array("\ncrc32 \(String(format: "%08x", CRC32.checksum(json)))\n".utf8)
        try DurableFile.write(line, to: directory.appendingPathComponent(commitName))
    }

    static func readDeletions(_ url: URL, documents: Int) throws(IndexError) -> Set<Int32> {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw IndexError(file: url.path, reason: "deletions file is missing") }
        let bytes = [UInt8](data)
        guard bytes.count >= 16, Array(bytes[0..<8]) == Array("YZDEL001".utf8) else { throw IndexError(file: url.path, reason: "not a deletions file") }
        let body = Array(bytes[0..<(bytes.count - 4)])
        let crc = bytes[(bytes.count - 4)...].withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        guard CRC32.checksum(body) == crc else { throw IndexError(file: url.path, reason: "deletions checksum mismatch (the file is damaged)") }
        var set = Set<Int32>()
        for i in 0..<documents {
            let byte = 12 + i / 8
            guard byte < body.count else { break }
            if body[byte] & (1 << UInt8(i % 8)) != 0 { set.insert(Int32(i)) }
        }
        return set
    }

    static func writeDeletions(_ deleted: Set<Int32>, documents: Int, to url: URL) throws(IndexError) {
        var w = ByteWriter()
        w.append(Array("YZDEL001".utf8))
        w.u32(UInt32(documents))
        var bits = [UInt8](repeating: 0, count: (documents + 7) / 8)
        for d in deleted where Int(d) < documents { bits[Int(d) / 8] |= 1 << UInt8(Int(d) % 8) }
        w.append(bits)
        w.u32(CRC32.checksum(w.bytes))
        try DurableFile.write(w.bytes, to: url)
    }
}

/// The one writer of an index directory, holding its lock (`write.lock`, flock) until closed.
///
/// Documents added go to an in-memory segment, flushed to disk when it grows past
/// ``flushBytes``; deletions are tombstones. Nothing is visible to readers until ``commit()``
/// writes a new commit point; a crash before that leaves the previous commit intact, and files
/// the crash left behind are removed by the next writer.
public final class IndexWriter {
    public let directory: URL
    private var state: CommitPoint
    /// One lane's in-memory segment. A class, so a lane's thread can replace its builder
    /// without writing to an array another lane's thread reads.
    private final class Lane: @unchecked Sendable {
        var builder = SegmentBuilder()
    }
    /// In-memory segments, one per lane: lanes let several threads add documents at once.
    private let builders: [Lane]
    /// Guards segment names and the list of flushed segments while lanes flush in parallel.
    private let flushLock = NSLock()
    private var pendingDeletes: [String: Set<Int32>] = [:]
    private var snapshot: IndexSnapshot
    private let lockFD: Int32
    /// Flush the in-memory segment past this many bytes (bounds the writer's memory).
    public var flushBytes = 64 << 20

    /// Opens (creating if needed) `directory` for writing. Throws, naming the holder, when another
    /// writer has it.
    public init(directory: URL, lanes: Int = 1) throws(IndexError) {
        self.directory = directory
        builders = (0..<max(1, lanes)).map { _ in Lane() }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw IndexError(file: directory.path, reason: "cannot create the index directory (\(error.localizedDescription))", hint: "check the path and permissions")
        }
        let lockPath = directory.appendingPathComponent("write.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw IndexError(file: lockPath, reason: "cannot open the lock file", hint: "check permissions") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = pread(fd, &buffer, 255, 0)
            close(fd)
            let holder = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "another process"
            throw IndexError(file: lockPath, reason: "the index is locked by \(holder)", hint: "wait for that run to finish; the lock is released when it exits")
        }
        let owner = "yz pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))\n"
        ftruncate(fd, 0)
        _ = owner.withCString { pwrite(fd, $0, strlen($0), 0) }
        lockFD = fd
        do {
            snapshot = try IndexSnapshot(directory: directory)
            state = snapshot.commit
        } catch {
            flock(fd, LOCK_UN)
            close(fd)
            throw error
        }
        removeUnreferencedFiles()
    }

    deinit {
        flock(lockFD, LOCK_UN)
        close(lockFD)
    }

    /// The committed state this writer started from (and has committed since).
    public var current: IndexSnapshot { snapshot }

    /// Starts a new document in the in-memory segment; add its terms to the builder. Flushes the
    /// segment when it has grown past ``flushBytes``.
    public func add(_ document: StoredDocument, terms: (inout TermSink) -> Void) throws(IndexError) {
        add(document, lane: 0, terms: terms)
        try flushFullLanes()
    }

    /// Adds a document to lane `lane`'s in-memory segment. Calls for different lanes may run at
    /// the same time on different threads; nothing else on this writer may run meanwhile. Does
    /// not flush: call ``flushFullLanes()`` between rounds of parallel adds.
    public func add(_ document: StoredDocument, lane: Int, terms: (inout TermSink) -> Void) {
        builders[lane].builder.addDocument(document, terms: terms)
    }

    /// Like ``add(_:lane:terms:)``, with the stored document returned by `terms` after its
    /// tokens are added (see ``SegmentBuilder/addDocument(terms:)``).
    public func add(lane: Int, terms: (inout TermSink) -> StoredDocument) {
        builders[lane].builder.addDocument(terms: terms)
    }

    /// The number of lanes (parallel in-memory segments).
    public var lanes: Int { builders.count }

    /// Writes each lane's in-memory segment that has grown past its share of ``flushBytes``
    /// (not yet visible): all lanes together stay within ``flushBytes``.
    public func flushFullLanes() throws(IndexError) {
        for lane in builders.indices where laneIsFull(lane) { try flush(lane: lane) }
    }

    /// Whether lane `lane`'s in-memory segment has grown past its share of ``flushBytes``.
    public func laneIsFull(_ lane: Int) -> Bool {
        builders[lane].builder.estimatedBytes > flushBytes / builders.count
    }

    /// Live committed documents by path, built on first use after each commit.
    private var locations: [String: [(segment: Int, local: Int32)]]?

    /// Marks the committed document with this path deleted (no-op if there is none).
    public func delete(path: String) throws(IndexError) {
        if locations == nil {
            var map: [String: [(Int, Int32)]] = [:]
            for (s, seg) in snapshot.segments.enumerated() {
                try seg.forEachSourcePath { i, path in
                    if !snapshot.deleted[s].contains(Int32(i)) { map[path, default: []].append((s, Int32(i))) }
                }
            }
            locations = map
        }
        for (s, local) in locations?[path] ?? [] {
            pendingDeletes[state.segments[s].name, default: []].insert(local)
        }
    }

    private var flushed: [SegmentRef] = []

    /// Writes every lane's in-memory segment to disk (not yet visible).
    public func flush() throws(IndexError) {
        for lane in builders.indices { try flush(lane: lane) }
    }

    /// Writes lane `lane`'s in-memory segment to disk (not yet visible). Different lanes may
    /// flush at the same time, each from the thread that adds to it (so the workers write their
    /// own segments in parallel instead of waiting for one thread to write them all); nothing
    /// else on this writer may run meanwhile.
    public func flush(lane: Int) throws(IndexError) {
        let builder = builders[lane].builder
        guard builder.count > 0 else { return }
        flushLock.lock()
        let name = String(format: "seg-%06d.yzs", state.nextSegment)
        state.nextSegment += 1
        flushLock.unlock()
        let crc = try builder.write(to: directory.appendingPathComponent(name))
        flushLock.lock()
        flushed.append(SegmentRef(name: name, documents: builder.count, footerCRC: crc, deletions: nil, deleted: 0))
        flushLock.unlock()
        // The old builder is freed here too, on the lane's thread.
        builders[lane].builder = SegmentBuilder()
    }

    /// Whether anything would change on commit.
    public var hasChanges: Bool { builders.contains { $0.builder.count > 0 } || !flushed.isEmpty || !pendingDeletes.isEmpty }

    /// Makes everything added and deleted so far visible at once.
    public func commit() throws(IndexError) {
        guard hasChanges else { return }
        try flush()
        var next = state
        next.generation += 1
        for (s, ref) in next.segments.enumerated() {
            guard let add = pendingDeletes[ref.name], !add.isEmpty else { continue }
            let all = snapshot.deleted[s].union(add)
            let delName = ref.name.replacingOccurrences(of: ".yzs", with: "") + ".del-\(next.generation)"
            try IndexFiles.writeDeletions(all, documents: ref.documents, to: directory.appendingPathComponent(delName))
            next.segments[s].deletions = delName
            next.segments[s].deleted = all.count
        }
        // Segments with every document deleted are dropped.
        next.segments.removeAll { $0.deleted >= $0.documents }
        next.segments += flushed.sorted { $0.name < $1.name }
        try IndexFiles.writeCommit(next, to: directory)
        state = next
        flushed = []
        pendingDeletes = [:]
        snapshot = try IndexSnapshot(directory: directory, reusing: snapshot)
        locations = nil
        removeUnreferencedFiles()
    }

    /// Keeps the segment count bounded with a tiered policy: segments are grouped by the order of
    /// magnitude of their live documents, and when one tier holds more than `maxSegments`
    /// segments they are rewritten as one (deleted documents dropped on the way). Each document
    /// is rewritten about once per tier, so merging costs O(n log n) over an index's life; the
    /// count stays below `maxSegments` per tier. Postings are merged directly (``SegmentMerger``),
    /// nothing is re-analysed, and memory stays bounded by the merged dictionary. Commits;
    /// returns how many segments were merged. Call with nothing pending.
    @discardableResult
    public func merge(maxSegments: Int = 10) throws(IndexError) -> Int {
        guard !hasChanges else { return 0 }
        func tier(_ ref: SegmentRef) -> Int {
            var live = max(ref.documents - ref.deleted, 1), t = 0
            while live >= 10 { live /= 10; t += 1 }
            return t
        }
        var tiers: [Int: [Int]] = [:]
        for (i, ref) in state.segments.enumerated() { tiers[tier(ref), default: []].append(i) }
        guard let (_, members) = tiers.filter({ $0.value.count > maxSegments }).min(by: { $0.key < $1.key }) else { return 0 }
        return try mergeSegments(Set(members))
    }

    /// Merges every segment into one (deleted documents dropped): fewer segments mean fewer term
    /// lookups and postings lists per query. Returns the number of segments merged.
    @discardableResult
    public func mergeAll() throws(IndexError) -> Int {
        guard !hasChanges, state.segments.count > 1 || state.segments.contains(where: { $0.deleted > 0 }) else { return 0 }
        return try mergeSegments(Set(state.segments.indices))
    }

    /// Replaces the segments at `chosen` (indices into the commit) by one merged segment (none
    /// when all their documents are deleted) and commits. Returns how many were merged.
    private func mergeSegments(_ chosen: Set<Int>) throws(IndexError) -> Int {
        var next = state
        next.generation += 1
        next.segments = state.segments.enumerated().filter { !chosen.contains($0.offset) }.map(\.element)
        let inputs = chosen.sorted().map { (segment: snapshot.segments[$0], deleted: snapshot.deleted[$0]) }
        if inputs.contains(where: { $0.segment.documentCount > $0.deleted.count }) {
            let name = String(format: "seg-%06d.yzs", next.nextSegment)
            next.nextSegment += 1
            let (documents, crc) = try SegmentMerger.merge(inputs, to: directory.appendingPathComponent(name))
            next.segments.append(SegmentRef(name: name, documents: documents, footerCRC: crc, deletions: nil, deleted: 0))
        }
        try IndexFiles.writeCommit(next, to: directory)
        state = next
        snapshot = try IndexSnapshot(directory: directory, reusing: snapshot)
        locations = nil
        removeUnreferencedFiles()
        return chosen.count
    }

    /// Segment and deletion files no commit refers to (left by a crash or superseded).
    private func removeUnreferencedFiles() {
        let referenced = Set(state.segments.flatMap { [$0.name] + ($0.deletions.map { [$0] } ?? []) } + flushed.map(\.name))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where (name.hasPrefix("seg-") || name.contains(".tmp-")) && !referenced.contains(name) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}
