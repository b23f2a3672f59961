import Foundation
import Testing

/// Runs the `yz` built beside the test bundle; returns exit status, standard output and error.
func yz(_ arguments: String...) throws -> (status: Int32, out: String, err: String) {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("yz").path) && dir.path != "/" {
        dir = dir.deletingLastPathComponent()
    }
    let process = Process()
    process.executableURL = dir.appendingPathComponent("yz")
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

struct JSONToken: Decodable, Equatable {
    var term: String
    var kind: String
    var position: Int
    var start: Int
    var end: Int
}

@Suite struct CLITests {
    @Test func analyzeJSONGivesTheSameTermsForTraditionalAndSimplified() throws {
        let traditional = try yz("analyze", "--json", "負面清單的民主測評")
        let simplified = try yz("analyze", "--json", "负面清单的民主测评")
        #expect(traditional.status == 0)
        let a = try JSONDecoder().decode([JSONToken].self, from: Data(traditional.out.utf8))
        let b = try JSONDecoder().decode([JSONToken].self, from: Data(simplified.out.utf8))
        #expect(a.map(\.term) == b.map(\.term))
        #expect(a.first == JSONToken(term: "负面", kind: "word", position: 0, start: 0, end: 6))
        // Spans point at the original characters.
        let original = Array("負面清單的民主測評".utf8)
        #expect(a.map { String(decoding: original[$0.start..<$0.end], as: UTF8.self) }.contains("清單"))
    }

    @Test func analyzeReadsAFileAndALexicon() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yz-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "推诿扯皮\tsignal\n".write(to: dir.appendingPathComponent("lexicon.txt"), atomically: true, encoding: .utf8)
        try "存在推諉扯皮問題".write(to: dir.appendingPathComponent("doc.txt"), atomically: true, encoding: .utf8)
        let r = try yz("analyze", "--json", "--lexicon", dir.appendingPathComponent("lexicon.txt").path, "--file", dir.appendingPathComponent("doc.txt").path)
        #expect(r.status == 0)
        let tokens = try JSONDecoder().decode([JSONToken].self, from: Data(r.out.utf8))
        #expect(tokens.contains(JSONToken(term: "推诿扯皮", kind: "lexicon", position: 1, start: 6, end: 18)))
    }

    @Test func missingFileIsNamedInTheError() throws {
        let r = try yz("analyze", "--file", "/nonexistent/doc.txt")
        #expect(r.status != 0)
        #expect(r.err.contains("/nonexistent/doc.txt: cannot read"))
    }

    @Test func textAndFileTogetherIsAUsageError() throws {
        let r = try yz("analyze", "--file", "x.txt", "干部")
        #expect(r.status != 0)
        #expect(r.err.contains("either TEXT or --file"))
    }
}

@Suite struct ExtractCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ExtractionTests/Fixtures").path

    struct Output: Decodable {
        struct Doc: Decodable { var path: String; var channel: String; var text: String }
        struct Failure: Decodable { var path: String; var error: String }
        var documents: [Doc]
        var errors: [Failure]
    }

    @Test func oneBadFileNeverStopsTheBatch() throws {
        let r = try yz("extract", "--json", Self.fixtures)
        #expect(r.status == 1)
        let out = try JSONDecoder().decode(Output.self, from: Data(r.out.utf8))
        let failed = Set(out.errors.map { URL(fileURLWithPath: $0.path).lastPathComponent })
        #expect(failed == ["billion-laughs.docx", "binary.txt", "bomb.docx", "deep.docx", "lying-bomb.docx", "no-document.docx", "truncated.docx", "talk.txt"])
        #expect(out.documents.count == 15)
        #expect(out.documents.contains { $0.path.hasSuffix("/transcript.docx") && $0.channel == "interview" })
    }

    @Test func allGoodFilesExitZero() throws {
        let r = try yz("extract", Self.fixtures + "/transcript.txt", Self.fixtures + "/notebook.txt")
        #expect(r.status == 0)
        #expect(r.out.contains("[entry 2024-04-15] 二〇二四年四月十五日"))
    }
}

@Suite struct SearchCLITests {
    @Test func searchingWhereThereIsNoIndexSaysSo() throws {
        let r = try yz("search", "--index", "/nonexistent/yz-index", "负面清单")
        #expect(r.status == 2)
        #expect(r.err.contains("/nonexistent/yz-index: no index here"))
    }

    @Test func malformedQueryGetsACaretUnderTheProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yz-q-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "负面清单".write(to: dir.appendingPathComponent("docs/a.txt"), atomically: true, encoding: .utf8)
        #expect(try yz("index", "--index", dir.appendingPathComponent("index").path, dir.appendingPathComponent("docs").path).status == 0)
        let r = try yz("search", "--index", dir.appendingPathComponent("index").path, "负面 (清单")
        #expect(r.status == 2)
        #expect(r.err.contains("query error at character 4: '(' is never closed"))
        #expect(r.err.contains("\n         ^"))  // 4 spaces of indent + 负面 (two wide characters) + a space
    }
}
