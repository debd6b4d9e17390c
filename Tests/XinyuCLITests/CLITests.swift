import Foundation
import XCTest
import XinyuPack

/// The `xinyu` executable as a user runs it: exit codes, messages, files written or not.
final class CLITests: XCTestCase {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `xinyu` beside the test bundle.
    var binary: String { ChildProcess.binary }

    func xinyu(_ args: [String]) throws -> Run { try ChildProcess.xinyu(args) }

    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func copyPack(_ name: String) throws -> String {
        let dst = try tempDir() + "/" + name
        try FileManager.default.copyItem(atPath: CLITests.root + "/instances/" + name, toPath: dst)
        return dst
    }

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "xinyu is built beside the tests: \(binary)")
    }

    func testHelpMatchesSnapshot() throws {
        let r = try xinyu(["--help"])
        XCTAssertEqual(r.code, 0)
        let snapshot = try String(contentsOfFile: CLITests.root + "/Tests/XinyuCLITests/Snapshots/help.txt", encoding: .utf8)
        XCTAssertEqual(r.out, snapshot, "update Tests/XinyuCLITests/Snapshots/help.txt when the commands change on purpose")
    }

    func testValidGoodAndBadPacks() throws {
        XCTAssertEqual(try xinyu(["validate", CLITests.root + "/instances/tiny"]).code, 0)
        let bad = try copyPack("tiny")
        let tt = bad + "/schools/S01/timetable.csv"
        var text = try String(contentsOfFile: tt, encoding: .utf8)
        text = text.replacingOccurrences(of: "3-2,1,5,班会,T12,", with: "3-2,8,5,班会,T12,")
        text += "3-1,2,2,语文,T99,\n"
        try text.write(toFile: tt, atomically: true, encoding: .utf8)
        let r = try xinyu(["validate", bad])
        XCTAssertEqual(r.code, 65)
        XCTAssertTrue(r.err.contains("schools/S01/timetable.csv:7: weekday \"8\" is not 1–5"), r.err)
        XCTAssertTrue(r.err.contains("schools/S01/timetable.csv:16:") && r.err.contains("T99"), "every error is reported: \(r.err)")
        // Nothing is solved or written on invalid input.
        let out = try tempDir() + "/out"
        XCTAssertEqual(try xinyu(["solve", bad, "--out", out, "--quiet"]).code, 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testSolveVerifyAndTamper() throws {
        let out = try tempDir() + "/out"
        let r = try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", out, "--quiet"])
        XCTAssertEqual(r.code, 0, r.err + r.out)
        for f in ["schedule.csv", "months.csv", "lessons.csv", "report.md"] { XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + f)) }
        XCTAssertEqual(try xinyu(["verify", CLITests.root + "/instances/tiny", out]).code, 0)
        // Move a lesson onto the National Day holiday: verify names the rule and exits 1.
        let path = out + "/schedule.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        var f = lines[1].components(separatedBy: ",")
        f[2] = "2026-10-01"
        lines[1] = f.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let v = try xinyu(["verify", CLITests.root + "/instances/tiny", out])
        XCTAssertEqual(v.code, 1)
        XCTAssertTrue(v.out.contains("2026-10-01 is not a school day"), v.out)
    }

    // lessons.csv is written by solve and read by verify: a group form moved out of the activity
    // room is caught.
    func testVerifyChecksLessonsFile() throws {
        let dir = try tempDir()
        let pack = dir + "/pack"
        try FileManager.default.copyItem(atPath: CLITests.root + "/instances/tiny", toPath: pack)
        let toml = pack + "/schools/S01/school.toml"
        try (String(contentsOfFile: toml, encoding: .utf8) + "\n[activity_room]\nrooms = 1\nshare = 0.5\n").write(toFile: toml, atomically: true, encoding: .utf8)
        let out = dir + "/out"
        XCTAssertEqual(try xinyu(["solve", pack, "--out", out, "--quiet"]).code, 0)
        XCTAssertEqual(try xinyu(["verify", pack, out]).code, 0)
        // The exports show each lesson's topic, form and room from lessons.csv.
        XCTAssertEqual(try xinyu(["export", pack, out, "--format", "html", "--out", dir + "/site"]).code, 0)
        let page = try String(contentsOfFile: dir + "/site/html/school-S01.html", encoding: .utf8)
        XCTAssertTrue(page.contains("class=\"topic\">学习") && page.contains(" · 活动室"), String(page.prefix(300)))
        let path = out + "/lessons.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let i = try XCTUnwrap(lines.firstIndex { $0.contains(",classroom,") })
        var f = lines[i].components(separatedBy: ",")
        f[f.count - 1] = "团体辅导"
        lines[i] = f.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let v = try xinyu(["verify", pack, out])
        XCTAssertEqual(v.code, 1)
        XCTAssertTrue(v.out.contains("[form-room]"), v.out)
    }

    func testShortPackExitsThreeWithExplanation() throws {
        let out = try tempDir() + "/out"
        let r = try xinyu(["solve", CLITests.root + "/instances/tiny-january", "--out", out, "--quiet"])
        XCTAssertEqual(r.code, 3)
        XCTAssertEqual(r.out + r.err, "", "--quiet: the exit code tells, report.md explains")
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        XCTAssertTrue(report.contains("2027-01 has lesson days in only 1 week(s)"), report)
        XCTAssertTrue(report.contains("与师资无关"))
        let months = try String(contentsOfFile: out + "/months.csv", encoding: .utf8)
        XCTAssertTrue(months.contains("S01,5-1,2027-01,2,1"), "the month is reported, not lowered: \(months)")
    }

    func testSameInputSameBytes() throws {
        let a = try tempDir(), b = try tempDir()
        XCTAssertEqual(try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", a, "--quiet", "--jobs", "1"]).code, 0)
        XCTAssertEqual(try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", b, "--quiet", "--jobs", "2"]).code, 0)
        for f in ["schedule.csv", "months.csv", "lessons.csv", "report.md"] {
            XCTAssertEqual(FileManager.default.contents(atPath: a + "/" + f), FileManager.default.contents(atPath: b + "/" + f), f)
        }
    }

    func testBadUsageAndGenerate() throws {
        XCTAssertEqual(try xinyu(["solve", CLITests.root + "/instances/tiny"]).code, 64, "--out is required")
        XCTAssertEqual(try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", "/tmp/x", "--time-limit", "-1"]).code, 64)
        let dir = try tempDir() + "/gen"
        XCTAssertEqual(try xinyu(["generate", "--schools", "2", "--seed", "3", "--out", dir]).code, 0)
        XCTAssertEqual(try xinyu(["validate", dir]).code, 0)
        XCTAssertEqual(try xinyu(["generate", "--schools", "2", "--seed", "3", "--out", dir]).code, 64, "an existing pack is not overwritten")
    }

    func testSolveWithExportsAndImportErrors() throws {
        let out = try tempDir() + "/out"
        let r = try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", out, "--quiet", "--format", "ics,html"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/html/index.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/ics/teachers/T01.ics"))
        XCTAssertEqual(try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", out, "--format", "pdf"]).code, 64)
        // A truncated FET file: a clear error naming the file, exit 65, no pack written.
        let dir = try tempDir()
        let fet = dir + "/broken.fet"
        try "<?xml version=\"1.0\"?>\n<fet version=\"6.0\">\n<Days_List>\n<Day><Name>Mon".write(toFile: fet, atomically: true, encoding: .utf8)
        let i = try xinyu(["import", "fet", fet, "--out", dir + "/pack", "--stage", "junior"])
        XCTAssertEqual(i.code, 65, i.err)
        XCTAssertTrue(i.err.contains("broken.fet"), i.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/pack"))
    }
}
