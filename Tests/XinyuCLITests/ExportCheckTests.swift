import Foundation
import XCTest

/// `xinyu export` verifies the schedule first: a schedule that breaks a rule is refused (exit 1,
/// the list, nothing written) unless `--force`, which marks every page and sheet.
final class ExportCheckTests: XCTestCase {
    func xinyu(_ args: [String]) throws -> Run { try ChildProcess.xinyu(args) }

    func testExportRefusesAScheduleTheVerifierRejectsUnlessForced() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-export-check-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let pack = CLITests.root + "/instances/tiny"
        XCTAssertEqual(try xinyu(["solve", pack, "--out", dir + "/s", "--quiet"]).code, 0)
        XCTAssertEqual(try xinyu(["export", pack, dir + "/s", "--format", "html", "--out", dir + "/ok"]).code, 0, "a clean schedule exports")

        // A hand move onto the National Day holiday.
        let path = dir + "/s/schedule.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let i = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("S01,3-1,") })
        var f = lines[i].components(separatedBy: ",")
        f[2] = "2026-10-01"
        lines[i] = f.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let refused = try xinyu(["export", pack, dir + "/s", "--out", dir + "/bad"])
        XCTAssertEqual(refused.code, 1, refused.err)
        XCTAssertTrue(refused.err.contains("[calendar 校历] S01 class 3-1 on 2026-10-01"), refused.err)
        XCTAssertTrue(refused.err.contains("nothing exported") && refused.err.contains("未导出"), "bilingual: \(refused.err)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/bad"), "nothing written")

        let forced = try xinyu(["export", pack, dir + "/s", "--format", "xlsx,html", "--out", dir + "/forced", "--force"])
        XCTAssertEqual(forced.code, 0, forced.err)
        XCTAssertTrue(forced.err.contains("--force"), forced.err)
        for page in ["index.html", "school-S01.html", "classes-S01.html", "teachers-S01.html", "overview-S01.html"] {
            let html = try String(contentsOfFile: dir + "/forced/html/" + page, encoding: .utf8)
            XCTAssertTrue(html.contains("未通过校验 / not verified"), page)
        }
        let clean = try String(contentsOfFile: dir + "/ok/html/classes-S01.html", encoding: .utf8)
        XCTAssertFalse(clean.contains("未通过校验"), "a verified export is not marked")
    }
}
