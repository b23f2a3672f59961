import Foundation
import Testing
@testable import Extraction

func fixture(_ name: String) -> URL {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
}

func extract(_ name: String) throws(ExtractionError) -> Document {
    try Extractor().extract(fileAt: fixture(name))
}

/// The error extracting a fixture gives (fails the test when there is none).
func failure(_ name: String) -> ExtractionError? {
    let result = Result { () throws(ExtractionError) -> Document in try extract(name) }
    guard case .failure(let error) = result else {
        Issue.record("\(name) should not extract")
        return nil
    }
    return error
}

@Suite struct TranscriptTests {
    @Test func headerFieldsAndTurnsWithSpeakers() throws {
        let d = try extract("transcript.txt")
        #expect(d.channel == .interview)
        #expect(d.title == "谈话记录")
        #expect(d.dates == ["2024-03-05"])
        #expect(d.metadata.interviewer == "刘明")
        #expect(d.metadata.informant == "陈晓燕（局办公室副主任）")
        #expect(d.metadata.recorder == "赵一鸣")
        #expect(d.metadata.location == "青川市交通运输局三楼会议室")
        #expect(d.metadata.realName == true)
        let turns = d.blocks.filter { $0.kind == .turn }
        #expect(turns.map(\.speaker) == ["刘明", "陈晓燕", "刘明", "陈晓燕", "刘明", "陈晓燕"])
        // 问/答 labels, then turns labelled by name: the header says who asks (谈话人) and who answers.
        #expect(turns.map(\.role) == ["question", "answer", "question", "answer", "question", "answer"])
        // An answer running over two lines stays one turn.
        #expect(d.text(of: turns[1]) == "答：王建国局长工作作风比较扎实，急难险重任务中表现突出。\n据反映，他在跨部门协调时遇到矛盾绕道走。")
        #expect(d.blocks.filter { $0.kind == .field }.count == 6)
        #expect(d.warnings.isEmpty)
    }

    @Test func theSameTranscriptInEveryEncodingAndInDOCX() throws {
        let reference = try extract("transcript.txt")
        let expected: [(String, String)] = [
            ("transcript-utf8-bom.txt", "UTF-8"), ("transcript-gbk.txt", "GB18030"),
            ("transcript-utf16le.txt", "UTF-16LE"), ("transcript.docx", "UTF-8"),
        ]
        for (name, encoding) in expected {
            let d = try extract(name)
            #expect(d.encoding == encoding, "\(name)")
            #expect(d.text == reference.text, "\(name)")
            #expect(d.blocks == reference.blocks, "\(name)")
            #expect(d.channel == .interview, "\(name)")
        }
    }
}

@Suite struct PlainTextTests {
    @Test func big5TraditionalIsDetectedAndKeptAsWritten() throws {
        let d = try extract("traditional-big5.txt")
        #expect(d.encoding == "Big5")
        #expect(d.text == "幹部考察談話記錄：該同志工作認真負責，群眾反映良好。負面清單制度落實到位。")
    }
}

@Suite struct EncodingTests {
    @Test func invalidBytesAreReplacedCountedAndLocated() throws {
        let d = try extract("gbk-invalid-byte.txt")
        #expect(d.encoding == "GB18030")
        #expect(d.text == "干部考察\u{FFFD} 谈话记录")
        #expect(d.warnings.map(\.code) == ["invalid-bytes"])
        #expect(d.warnings.first?.offset == 8)
    }

    @Test func binaryFileNamedTxtIsRefusedWithTheOffset() throws {
        let e = failure("binary.txt")
        #expect(e?.description == "\(fixture("binary.txt").path) at byte 0: binary content (NUL bytes) in a text file; check the file type; rename it if it is not text, or convert it to UTF-8")
    }

    @Test func emptyFileIsAnEmptyDocumentWithAWarning() throws {
        let d = try extract("empty.txt")
        #expect(d.text.isEmpty)
        #expect(d.blocks.isEmpty)
        #expect(d.warnings.map(\.code) == ["empty"])
        #expect(d.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func fiftyMegabyteSingleLineExtracts() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        let unit = "干部考察谈话记录，群众反映良好。"  // 48 bytes
        let repeats = 50 * 1_000_000 / unit.utf8.count
        try Data(String(repeating: unit, count: repeats).utf8).write(to: url)
        let d = try Extractor().extract(fileAt: url)
        #expect(d.text.utf8.count == repeats * unit.utf8.count)
        #expect(d.blocks.count == 1)
        #expect(d.warnings.isEmpty)
    }
}

@Suite struct NotebookTests {
    @Test func datedEntriesInEveryFormat() throws {
        let d = try extract("notebook.txt")
        #expect(d.channel == .notebook)
        let entries = d.blocks.filter { $0.kind == .entry }
        #expect(entries.map(\.date) == ["2024-03-05", "2024-03-12", "2024-04-01", "2024-04-15"])
        #expect(d.text(of: entries[0]) == "2024年3月5日\n参加局党组理论学习中心组学习。\n会上强调要防止落实不到位。")
    }

    @Test func dateForms() {
        #expect(Dates.leading("2024年3月5日 周二", year: nil)?.iso == "2024-03-05")
        #expect(Dates.leading("2024-03-05", year: nil)?.iso == "2024-03-05")
        #expect(Dates.leading("3月5日", year: 2023)?.iso == "2023-03-05")
        #expect(Dates.leading("3月5日", year: nil) == nil)
        #expect(Dates.leading("二〇二四年十二月二十一日", year: nil)?.iso == "2024-12-21")
        #expect(Dates.leading("2024年13月5日", year: nil) == nil)
    }
}

@Suite struct HTMLTests {
    @Test func mainContentOnceWithoutPageFurniture() throws {
        let d = try extract("page.html")
        #expect(d.format == .html)
        #expect(d.title == "青川市开展干部政治素质考察")
        #expect(d.dates == ["2024-03-21"])
        #expect(d.metadata.source == "青川组工网")
        for furniture in ["首页", "您当前的位置", "分享到", "Copyright", "ICP", "青川召开组织工作会议", "不应出现的脚本文字", "关于我们"] {
            #expect(!d.text.contains(furniture), "\(furniture) survived")
        }
        // The page holds the article twice; it comes out once.
        #expect(d.text.components(separatedBy: "近年来，青川市坚持把政治标准放在首位").count == 2)
        #expect(d.text.components(separatedBy: "市交通运输局\t45").count == 2)
        let rows = d.blocks.filter { $0.kind == .tableRow }
        #expect(rows.count == 2)
        #expect(rows[1].cells?.count == 2)
        #expect(d.warnings.map(\.code) == ["duplicate-body"])
    }

    @Test func declaredCharsetIsOverriddenWhenTheBytesDisagree() throws {
        let d = try extract("page-declared-gbk-but-utf8.html")
        #expect(d.encoding == "UTF-8")
        #expect(d.warnings.map(\.code).contains("charset-overridden"))
        #expect(d.text.contains("对存在推诿扯皮、不担当不作为问题的干部及时提醒谈话。"))
    }

    @Test func declaredGBKIsHonoured() throws {
        let d = try extract("page-gbk.html")
        #expect(d.encoding == "GB18030")
        #expect(d.title == "青川市开展干部政治素质考察")
        #expect(d.text.contains("考察组深入一线，采取个别谈话、实地走访、民主测评等方式，多维印证干部表现。"))
        #expect(!d.warnings.map(\.code).contains("charset-overridden"))
    }
}

@Suite struct DOCXTests {
    @Test func paragraphsTablesSidePartsAndProperties() throws {
        let d = try extract("report.docx")
        #expect(d.format == .docx)
        #expect(d.title == "领导班子考察报告")
        #expect(d.metadata.author == "市委组织部考察组")
        #expect(d.metadata.created == "2024-03-20T09:00:00Z")
        #expect(d.metadata.modified == "2024-03-21T10:30:00Z")
        #expect(d.blocks.map(\.kind) == [.heading, .paragraph, .tableRow, .tableRow, .tableRow, .paragraph, .comment, .footer, .footnote, .header])
        let row = d.blocks[3]
        #expect(d.text(of: row) == "王建国\t局长\t38")
        let utf8 = Array(d.text.utf8)
        #expect(row.cells?.map { String(decoding: utf8[$0[0]..<$0[1]], as: UTF8.self) } == ["王建国", "局长", "38"])
        #expect(d.text(of: d.blocks[6]) == "请核实票数。")
        #expect(d.text(of: d.blocks[7]) == "第 1 页")
        #expect(d.text(of: d.blocks[8]) == "考察时间为2024年3月4日至8日。")
        #expect(d.text(of: d.blocks[9]) == "内部资料 注意保存")
    }

    @Test func truncatedDOCXIsAClearError() {
        #expect(failure("truncated.docx")?.reason.hasPrefix("not a readable DOCX: the zip container is damaged or truncated") == true)
    }

    @Test func zipWithoutDocumentXMLIsAClearError() {
        #expect(failure("no-document.docx")?.reason == "no word/document.xml in the archive: a zip file, but not a Word document")
    }

    @Test func zipBombIsRefused() {
        #expect(failure("bomb.docx")?.reason == "DOCX entry word/document.xml expands 1024× (possible zip bomb)")
    }

    @Test func zipBombIsRefusedByTotalSizeToo() throws {
        var limits = ExtractionLimits()
        limits.maxCompressionRatio = 10_000
        limits.maxTotalUncompressed = 1 << 20
        let result = Result { () throws(ExtractionError) -> Document in try Extractor(limits: limits).extract(fileAt: fixture("bomb.docx")) }
        guard case .failure(let error) = result else {
            Issue.record("bomb.docx should not extract")
            return
        }
        #expect(error.reason.contains("over the 1048576-byte limit (possible zip bomb)"))
    }

    @Test func zipBombWhoseSizesLieIsStoppedWhileInflating() throws {
        var limits = ExtractionLimits()
        limits.maxTotalUncompressed = 4 << 20
        let result = Result { () throws(ExtractionError) -> Document in try Extractor(limits: limits).extract(fileAt: fixture("lying-bomb.docx")) }
        guard case .failure(let error) = result else {
            Issue.record("lying-bomb.docx should not extract")
            return
        }
        #expect(error.reason.contains("word/document.xml"))
        #expect(error.reason.contains("inflates past the 4194304-byte limit") || error.reason.contains("cannot be inflated"))
    }

    @Test func tooManyZipEntriesAreRefused() throws {
        var limits = ExtractionLimits()
        limits.maxEntries = 3
        let result = Result { () throws(ExtractionError) -> Document in try Extractor(limits: limits).extract(fileAt: fixture("report.docx")) }
        guard case .failure(let error) = result else {
            Issue.record("report.docx has more than 3 entries")
            return
        }
        #expect(error.reason == "DOCX has more than 3 zip entries (possible zip bomb)")
    }

    @Test func billionLaughsIsRefused() {
        let reason = failure("billion-laughs.docx")?.reason ?? ""
        #expect(reason.hasPrefix("word/document.xml declares a DTD"))
    }

    @Test func deepNestingIsRefused() {
        #expect(failure("deep.docx")?.reason == "word/document.xml nests elements deeper than 128 levels")
    }
}

@Suite struct SidecarTests {
    @Test func ownSidecarAndFolderManifestApply() throws {
        let talk = try extract("sidecar/talk.txt")
        #expect(talk.metadata.subjects == ["C001"])
        #expect(talk.metadata.unit == "青川市交通运输局")
        #expect(talk.dates.first == "2024-03-06")
        #expect(talk.channel == .visit)  // the manifest's default
        #expect(talk.metadata.realName == false)  // the manifest's default beats the header line
        let other = try extract("sidecar/other.txt")
        #expect(other.metadata.informant == "邻居张某")
        #expect(other.channel == .visit)
    }

    @Test func brokenSidecarNamesItselfAndTheField() {
        let e = failure("sidecar-bad/talk.txt")
        #expect(e?.path.hasSuffix("sidecar-bad/talk.txt.meta.json") == true)
    }
}

@Suite struct BoilerplateTests {
    @Test func transcriptsAreNeverCleanedAsWebPages() {
        let lines: [Substring] = ["举报信", "问：你反映的情况属实吗？", "答：属实。", "答：属实。"]
        #expect(!Boilerplate.looksScraped(lines))
    }

    @Test func scrapedTextLosesNavigationFooterAndSecondCopy() {
        let lines: [Substring] = [
            "您当前的位置:首页", ">地市动态>金华", "金华开展干部考察", "去年以来，金华市建立健全干部政治表现考察办法。",
            "分享到:", "Copyright © 1999-2017 Zjol. All Rights Reserved", "浙江在线版权所有 浙ICP备10053157号-5", "浙江组织工作网",
            "金华开展干部考察", "去年以来，金华市建立健全干部政治表现考察办法。", "Produced By 大汉网络",
        ]
        #expect(Boilerplate.looksScraped(lines))
        let cleaned = Boilerplate.clean(lines)
        #expect(cleaned.lines == ["金华开展干部考察", "去年以来，金华市建立健全干部政治表现考察办法。"])
    }
}
