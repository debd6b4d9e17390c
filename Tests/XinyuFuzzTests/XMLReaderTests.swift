// The XML reader against the trial's findings, in child processes (issue 17 items 2, 4, 9):
// processing instructions without data, hundreds of thousands of attributes, documents past
// 10,000,000 bytes, duplicate attributes, entities — in FET, XHSTT and inside an XLSX part.

import Foundation
import XCTest

final class XMLReaderTests: XCTestCase {
    private func run(_ target: Target, _ name: String, _ bytes: [UInt8]) -> ChildRun {
        let dir = Paths.temporaryDirectory("xml")
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path: String
        if target == .xlsx {
            path = dir + "/timetable.xlsx"
            _ = FileManager.default.createFile(atPath: path, contents: Data(XLSXParts.workbook(replacing: name, with: bytes)))
        } else {
            path = dir + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        let kind = target == .xlsx ? "grid" : target.rawValue
        return Child.run(Paths.binary, ["import", kind, path, "--dry-run"], timeout: Fuzzer.timeout)
    }

    private func fixture(_ path: String) throws -> String {
        try String(contentsOfFile: Paths.fixtures + "/" + path, encoding: .utf8)
    }

    /// `<?x?>` (a PI with no data) crashed FoundationXML (strlen of NULL): in every reader, in
    /// the prolog and inside elements, the document must read as without it.
    func testProcessingInstructionsWithoutDataAreSkipped() throws {
        let fet = try fixture("fet/school.fet"), xhstt = try fixture("xhstt/twoweek.xml")
        let plain = run(.fet, "a.fet", Array(fet.utf8))
        for pi in ["<?x?>", "<?x ?>", "<?x-y  data ?>"] {
            let withPI = fet.replacingOccurrences(of: "<Days_List>", with: "\(pi)<Days_List>\(pi)")
            let r = run(.fet, "a.fet", Array((pi + "\n" + withPI).utf8.dropFirst(0)))
            XCTAssertEqual(r.exitCode, plain.exitCode, "\(pi): \(r.summary) \(r.stderr)")
            XCTAssertEqual(r.stdout, plain.stdout, pi)
            let x = run(.xhstt, "a.xml", Array(xhstt.replacingOccurrences(of: "<Times>", with: "<Times>\(pi)").utf8))
            XCTAssertEqual(x.exitCode, 0, "\(pi): \(x.summary) \(x.stderr)")
            let sheet = String(decoding: XLSXParts.seedParts["xl/worksheets/sheet1.xml"] ?? [], as: UTF8.self)
            let g = run(.xlsx, "xl/worksheets/sheet1.xml", Array(sheet.replacingOccurrences(of: "<sheetData>", with: "<sheetData>\(pi)").utf8))
            XCTAssertEqual(g.exitCode, 0, "\(pi): \(g.summary) \(g.stderr)")
        }
    }

    /// 400,000 attributes on one element took libxml2 two minutes (quadratic): refused at once,
    /// at its line, in FET and in an XLSX part; a duplicate attribute is found in linear time.
    func testHugeAttributeCountsAreRefusedQuickly() throws {
        let many = (0..<400_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let fet = run(.fet, "a.fet", Array("<?xml version=\"1.0\"?>\n<fet \(many)></fet>\n".utf8))
        XCTAssertEqual(fet.exitCode, 65, fet.summary)
        XCTAssertTrue(fet.stderr.contains("a.fet:2") && fet.stderr.contains("attributes"), fet.stderr)
        XCTAssertLessThan(fet.seconds, 5)
        let sheet = run(.xlsx, "xl/worksheets/sheet1.xml", Array("<worksheet \(many)/>".utf8))
        XCTAssertEqual(sheet.exitCode, 65, sheet.summary)
        XCTAssertLessThan(sheet.seconds, 5)
        let dup = (0..<200).map { "a\($0)=\"1\"" }.joined(separator: " ") + " a7=\"2\""
        let d = run(.fet, "a.fet", Array("<fet \(dup)></fet>".utf8))
        XCTAssertEqual(d.exitCode, 65, d.summary)
        XCTAssertTrue(d.stderr.contains("a7") && d.stderr.contains("twice"), d.stderr)
    }

    /// libxml2 refused any document of 10,000,000 bytes or more as "not well-formed"; the
    /// documented limit is 64 MiB. A real FET file padded past 10 MB reads as before.
    func testDocumentsPastTenMillionBytesAreRead() throws {
        let fet = try fixture("fet/school.fet")
        let plain = run(.fet, "a.fet", Array(fet.utf8))
        let padding = "<!--" + String(repeating: "心理健康教育 padding ", count: 420_000) + "-->\n"
        let padded = fet.replacingOccurrences(of: "<Days_List>", with: padding + "<Days_List>")
        XCTAssertGreaterThan(padded.utf8.count, 10_500_000)
        let r = run(.fet, "a.fet", Array(padded.utf8))
        XCTAssertEqual(r.exitCode, plain.exitCode, "\(r.summary) \(r.stderr)")
        XCTAssertEqual(r.stdout, plain.stdout)
        XCTAssertLessThan(r.maxRSS, 200 * 1024 * 1024, "\(r.maxRSS / 1_048_576) MB")
    }

    /// Entities are never expanded: a declared internal entity, an external one and an unknown
    /// reference are refused naming the reference; the five predefined ones and character
    /// references are read.
    func testEntitiesAreNeverExpanded() throws {
        for doc in ["<!DOCTYPE fet [<!ENTITY a \"x\">]><fet>&a;</fet>",
                    "<!DOCTYPE fet [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><fet><Institution_Name>&e;</Institution_Name></fet>"] {
            let r = run(.fet, "a.fet", Array(doc.utf8))
            XCTAssertEqual(r.exitCode, 65, r.summary)
            XCTAssertTrue(r.stderr.contains("a.fet:1") && r.stderr.contains("entity"), r.stderr)
            XCTAssertFalse(r.stderr.contains("root:"), "no file content leaks")
        }
        let ok = run(.fet, "a.fet", Array("<fet><Institution_Name>&lt;&#x5FC3;&#32;&amp;</Institution_Name></fet>".utf8))
        XCTAssertEqual(ok.exitCode, 65, "refused for its missing days, not its text")
        XCTAssertFalse(ok.stderr.contains("XML"), ok.stderr)
    }
}
