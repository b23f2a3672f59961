import CChecksum
import Foundation
import Testing
@testable import Index

func tempDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("yz-index-\(UUID())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func doc(_ path: String, _ text: String) -> StoredDocument {
    StoredDocument(path: path, sha256: "sha-" + path, size: text.utf8.count, mtime: 1_700_000_000, channel: "interview", title: nil,
                   dates: ["2024-03-05"], unit: nil, subjects: [], informant: nil, text: text)
}

/// Adds `terms` (field, term) with positions 0, 1, 2, … to a document being added.
func add(_ sink: inout TermSink, _ terms: [(Field, String)]) {
    for (i, (field, term)) in terms.enumerated() {
        var t = term
        t.withUTF8 { sink.add(field, $0, position: i) }
    }
}

/// Adds `terms` (field, term) with positions 0, 1, 2, … to the current document.
func add(_ b: SegmentBuilder, _ terms: [(Field, String)]) {
    for (i, (field, term)) in terms.enumerated() {
        var t = term
        t.withUTF8 { b.addTerm(field, $0, position: i) }
    }
}

@Suite struct SegmentTests {
    @Test func writtenSegmentReadsBackTermsPostingsAndDocuments() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = SegmentBuilder()
        _ = b.startDocument(doc("a.txt", "负面清单"))
        add(b, [(.characters, "负面"), (.characters, "面清"), (.characters, "清单"), (.characters, "单")])
        b.addKeyword("channel=interview")
        _ = b.startDocument(doc("b.txt", "清单清单"))
        add(b, [(.characters, "清单"), (.characters, "单清"), (.characters, "清单"), (.characters, "单")])
        let url = dir.appendingPathComponent("seg-000001.yzs")
        _ = try b.write(to: url)
        let r = try SegmentReader(url: url)
        #expect(r.documentCount == 2)
        let info = try #require(try r.lookup(.characters, "清单"))
        #expect(info.docFreq == 2)
        let p = try r.postings(info)
        #expect(p.docs == [0, 1])
        #expect(Array(p.positions(at: 0)) == [2])
        #expect(Array(p.positions(at: 1)) == [0, 2])
        #expect(try r.lookup(.characters, "不在") == nil)
        #expect(try r.lookup(.words, "清单") == nil)
        #expect(try r.terms(.characters, prefix: "单").map(\.term) == ["单", "单清"])
        #expect(try r.document(1).path == "b.txt")
        #expect(try r.sources.map(\.path) == ["a.txt", "b.txt"])
        #expect(r.lengths[0].characters == 4)
        try r.verify()
    }

    @Test func aFlippedByteIsReportedNamingTheFile() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = SegmentBuilder()
        _ = b.startDocument(doc("a.txt", String(repeating: "负面清单", count: 50)))
        add(b, (0..<200).map { (.characters, ["负面", "面清", "清单", "单负"][$0 % 4]) })
        let url = dir.appendingPathComponent("seg-000001.yzs")
        _ = try b.write(to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        // Flip a byte in every region in turn: each must be caught by opening, reading or verify().
        for position in stride(from: 16, to: bytes.count - 8, by: 7) {
            bytes[position] ^= 0x5A
            try Data(bytes).write(to: url)
            let result = Result { () throws(IndexError) -> Void in
                let r = try SegmentReader(url: url)
                try r.verify()
            }
            var caught = false
            if case .failure(let e) = result { caught = e.file == url.path }
            #expect(caught, "flipped byte \(position) went unnoticed")
            bytes[position] ^= 0x5A
        }
    }
}

@Suite struct ReaderLifetimeTests {
    /// A reader whose keyword columns were read is freed when dropped (its cached columns once
    /// held it: every merged-away segment stayed mapped for the rest of an index run, 1.6 GB on
    /// an 800,000-file corpus); the columns handed out keep it alive while they are used.
    @Test func aReaderIsFreedOnceNothingUsesIt() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = SegmentBuilder()
        _ = b.startDocument(doc("a.txt", "清单"))
        b.addKeyword("channel=interview")
        let url = dir.appendingPathComponent("seg-000001.yzs")
        _ = try b.write(to: url)
        weak var dropped: SegmentReader?
        var columns: KeywordColumns?
        do {
            let r = try SegmentReader(url: url)
            _ = try r.keywordColumns()
            columns = try r.keywordColumns()
            dropped = r
        }
        #expect(dropped != nil)  // the columns handed out still hold it
        #expect(columns?.terms == ["channel=interview"])
        columns = nil
        #expect(dropped == nil)
    }
}

@Suite struct DamageTests {
    /// Whatever byte is damaged, reading never answers differently from the undamaged file: it
    /// answers the same or fails naming the file (the terms section is checked block by block as
    /// lookups touch it, so a damaged key cannot steer a lookup away from a term).
    @Test func aDamagedSegmentNeverAnswersWrongly() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = SegmentBuilder()
        let words = (0..<600).map { "词\($0)" }
        for d in 0..<3 {
            _ = b.startDocument(doc("d\(d).txt", "文本\(d)"))
            add(b, words.enumerated().filter { $0.offset % 3 != d }.map { (.words, $0.element) })
        }
        let url = dir.appendingPathComponent("seg-000001.yzs")
        _ = try b.write(to: url)
        func answers() throws(IndexError) -> [String] {
            let r = try SegmentReader(url: url)
            var out: [String] = []
            for w in words {
                guard let info = try r.lookup(.words, w) else { out.append("\(w): none"); continue }
                let list = try r.postings(info)
                out.append("\(w): \(list.docs) \((0..<list.count).map { list.positions(at: $0) })")
            }
            for d in 0..<r.documentCount { out.append(try r.document(d).path) }
            return out
        }
        let expected = try answers()
        var bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes.count > 3 * TermBlocks.size)
        var caught = 0
        for position in stride(from: 16, to: bytes.count - 8, by: 37) {
            bytes[position] ^= 0x21
            try Data(bytes).write(to: url)
            switch Result(catching: answers) {
            case .success(let got):
                let wrong = zip(got, expected).first { $0 != $1 }
                #expect(got.count == expected.count && wrong == nil, "flipped byte \(position): \(String(describing: wrong))")
            case .failure(let e):
                #expect(e.file == url.path)
                caught += 1
            }
            bytes[position] ^= 0x21
        }
        #expect(caught > 0)
    }
}

@Suite struct CommitTests {
    @Test func commitsAreAtomicAndDeletionsAreTombstones() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let w = try IndexWriter(directory: dir)
            try w.add(doc("a.txt", "甲")) { add(&$0, [(.characters, "甲")]) }
            try w.add(doc("b.txt", "乙")) { add(&$0, [(.characters, "乙")]) }
            // Not committed: a reader sees nothing yet.
            #expect(try IndexSnapshot(directory: dir).liveDocuments == 0)
            try w.commit()
            #expect(try IndexSnapshot(directory: dir).liveDocuments == 2)
            try w.delete(path: "a.txt")
            try w.add(doc("c.txt", "丙")) { add(&$0, [(.characters, "丙")]) }
            let before = try IndexSnapshot(directory: dir)
            try w.commit()
            // An open snapshot keeps what it saw.
            #expect(before.liveDocuments == 2)
            #expect(Set(try before.liveSources().keys) == ["a.txt", "b.txt"])
        }
        let after = try IndexSnapshot(directory: dir)
        #expect(after.liveDocuments == 2)
        #expect(Set(try after.liveSources().keys) == ["b.txt", "c.txt"])
        #expect(after.commit.generation == 2)
    }

    @Test func secondWriterIsToldWhoHoldsTheLock() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try IndexWriter(directory: dir)
        #expect {
            _ = try IndexWriter(directory: dir)
        } throws: { error in
            "\(error)".contains("the index is locked by yz pid \(getpid())")
        }
        _ = first
    }

    @Test func leftoverFilesFromACrashAreRemovedAndTheCommitSurvives() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let w = try IndexWriter(directory: dir)
            try w.add(doc("a.txt", "甲")) { add(&$0, [(.characters, "甲")]) }
            try w.commit()
        }
        // A crashed run left a flushed but uncommitted segment and a temporary file.
        try Data("garbage".utf8).write(to: dir.appendingPathComponent("seg-000099.yzs"))
        try Data("partial".utf8).write(to: dir.appendingPathComponent("commit.json.tmp-123"))
        _ = try IndexWriter(directory: dir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains("seg-000099.yzs"))
        #expect(!names.contains("commit.json.tmp-123"))
        #expect(try IndexSnapshot(directory: dir).liveDocuments == 1)
    }
}

@Suite struct MergeTests {
    @Test func tieredMergeBoundsTheSegmentCountKeepsLiveDocumentsAndDropsDeletedOnes() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let w = try IndexWriter(directory: dir)
        for i in 0..<12 {
            // Document i holds 文 at positions 0, 2, …, 2i (i + 1 times) and its own word.
            try w.add(doc("\(i).txt", "文\(i)")) { sink in
                add(&sink, (0...(2 * i)).map { $0 % 2 == 0 ? (.characters, "文") : (.words, "w\(i)") })
            }
            try w.commit()
        }
        try w.delete(path: "3.txt")
        try w.commit()
        #expect(w.current.segments.count == 11)
        // All eleven one-document segments are in the same tier, which holds more than 10.
        let merged = try w.merge(maxSegments: 10)
        #expect(merged == 11)
        let snap = try IndexSnapshot(directory: dir)
        #expect(snap.segments.count == 1)
        #expect(snap.liveDocuments == 11)
        #expect(Set(try snap.liveSources().keys) == Set((0..<12).filter { $0 != 3 }.map { "\($0).txt" }))
        #expect(snap.commit.segments.allSatisfy { $0.deleted == 0 })
        // Postings are merged, not rebuilt: each document keeps its positions, stored fields and
        // lengths; the deleted one is gone from every list; the merged file passes its checks.
        let seg = snap.segments[0]
        let list = try seg.postings(#require(try seg.lookup(.characters, "文")))
        #expect(list.count == 11)
        for k in 0..<list.count {
            let d = try seg.document(Int(list.docs[k]))
            let i = Int(d.path.dropLast(4))!
            #expect(Array(list.positions(at: k)) == (0...i).map { Int32(2 * $0) })
            #expect(d.text == "文\(i)")
            #expect(seg.lengths[Int(list.docs[k])].characters == UInt32(i + 1))
            #expect(seg.lengths[Int(list.docs[k])].words == UInt32(i))
        }
        #expect(try seg.lookup(.words, "w3") == nil)
        #expect(try seg.postings(#require(try seg.lookup(.words, "w5"))).count == 1)
        try seg.verify()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yzs") }
        #expect(files.count == 1)
        // A larger segment is left alone while its tier is not full.
        for i in 20..<25 {
            try w.add(doc("\(i).txt", "文")) { add(&$0, [(.characters, "文")]) }
            try w.commit()
        }
        #expect(try w.merge(maxSegments: 10) == 0)
        #expect(try IndexSnapshot(directory: dir).segments.count == 6)
    }
}

@Suite struct CRC32Tests {
    @Test func knownVectorsAndEveryLengthAgreeWithTheBytewiseDefinition() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        // Against a plain bit-by-bit CRC for lengths 0…40 (covers the 8-byte loop and the tail).
        func reference(_ b: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for x in b {
                c ^= UInt32(x)
                for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return c ^ 0xFFFF_FFFF
        }
        let data = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for n in 0...40 { #expect(CRC32.checksum(Array(data[0..<n])) == reference(Array(data[0..<n]))) }
    }

    /// The folded path (carry-less multiplication, 64 bytes and more) against zlib and the tables:
    /// random contents, every length up to 300 (each tail length after the 16-byte steps), long
    /// buffers, continuation from a previous CRC, and unaligned starts.
    @Test func foldedChecksumsAgreeWithZlibAndTheTables() {
        var rng = SystemRandomNumberGenerator()
        let data = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        data.withUnsafeBytes { all in
            for n in Array(0...300) + [1_000, 4_096, 65_536, 69_999] {
                for offset in [0, 1, 7] where offset + n <= all.count {
                    let slice = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + n)])
                    let folded = CRC32.update(0, slice)
                    #expect(folded == CRC32.zlibUpdate(0, slice), "length \(n) at \(offset)")
                    #expect(folded == CRC32.tableUpdate(0, slice), "length \(n) at \(offset)")
                    let seed: UInt32 = 0x1234_5678
                    #expect(CRC32.update(seed, slice) == CRC32.zlibUpdate(seed, slice), "continued, length \(n)")
                }
            }
            // On this machine the folding is used (every x86-64 CPU of the last decade has it).
            #if arch(x86_64)
            var c: UInt32 = 0
            #expect(yz_crc32_fold(&c, all.baseAddress!.assumingMemoryBound(to: UInt8.self), 100) == 96)
            #endif
        }
    }
}

@Suite struct KeywordColumnTests {
    /// Keyword ordinals per document, derived the slow way from the keyword postings.
    func fromPostings(_ seg: SegmentReader) throws -> [[String]] {
        var perDoc = [[String]](repeating: [], count: seg.documentCount)
        for info in try seg.allTerms(.keywords) {
            for d in try seg.postings(info).docs { perDoc[Int(d)].append(info.term) }
        }
        return perDoc.map { $0.sorted() }
    }

    func fromColumns(_ seg: SegmentReader) throws -> [[String]] {
        let columns = try seg.keywordColumns()
        return (0..<seg.documentCount).map { d in columns.ordinals(of: d).map { columns.terms[Int($0)] }.sorted() }
    }

    @Test func compactingMergesEverySegmentIntoOneAndDropsDeletedDocuments() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let w = try IndexWriter(directory: dir)
        for i in 0..<5 {
            try w.add(doc("\(i).txt", "文\(i)")) { sink in add(&sink, [(.characters, "文"), (.words, "w\(i)")]) }
            try w.commit()
        }
        try w.delete(path: "2.txt")
        try w.commit()
        // Five segments in one tier: the tiered policy leaves them; compacting does not.
        #expect(try w.merge(maxSegments: 10) == 0)
        let before = w.current.segments.count
        #expect(before >= 4)
        #expect(try w.mergeAll() == before)
        let snap = try IndexSnapshot(directory: dir)
        #expect(snap.segments.count == 1 && snap.commit.segments[0].deleted == 0)
        #expect(Set(try snap.liveSources().keys) == ["0.txt", "1.txt", "3.txt", "4.txt"])
        let list = try snap.segments[0].postings(#require(try snap.segments[0].lookup(.characters, "文")))
        #expect(list.count == 4)
        #expect(try w.mergeAll() == 0)
    }

    @Test func writtenAndMergedColumnsAgreeWithThePostings() throws {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let w = try IndexWriter(directory: dir)
        // Twelve one-document segments with overlapping keywords; 3.txt is deleted before merging.
        for i in 0..<12 {
            try w.add(doc("\(i).txt", "文")) { sink in
                add(&sink, [(.characters, "文")])
                sink.addKeyword("channel=" + (i % 2 == 0 ? "interview" : "visit"))
                sink.addKeyword("date=2024-0\(i % 3 + 1)-01")
                if i % 4 == 0 { sink.addKeyword("cadre=C00\(i)") }
                sink.addKeyword("channel=" + (i % 2 == 0 ? "interview" : "visit"))  // repeated: counted once
            }
            try w.commit()
        }
        for seg in w.current.segments {
            #expect(seg.version == SegmentReader.currentVersion)
            #expect(try fromColumns(seg) == fromPostings(seg))
        }
        try w.delete(path: "3.txt")
        try w.commit()
        #expect(try w.merge(maxSegments: 10) == 11)
        let merged = try #require(IndexSnapshot(directory: dir).segments.first)
        #expect(merged.documentCount == 11)
        #expect(try fromColumns(merged) == fromPostings(merged))
        #expect(try merged.keywordColumns().terms.contains("cadre=C008"))
        try merged.verify()
    }
}
