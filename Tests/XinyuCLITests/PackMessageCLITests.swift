import Foundation
import XCTest

/// `xinyu solve` and `validate` on a bad pack: every reader message names file and line, in both
/// languages by default, in the one asked for with `--lang`; exit 65 and nothing written.
final class PackMessageCLITests: XCTestCase {
    func badPack() throws -> (pack: String, dir: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-pack-msg-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let pack = dir + "/tiny"
        try FileManager.default.copyItem(atPath: CLITests.root + "/instances/tiny", toPath: pack)
        let tt = pack + "/schools/S01/timetable.csv"
        let text = try String(contentsOfFile: tt, encoding: .utf8)
            .replacingOccurrences(of: "3-2,1,5,班会,T12,", with: "3-2,8,5,班会,T12,")
        try (text + "3-1,2,2,语文,T99,\n").write(toFile: tt, atomically: true, encoding: .utf8)
        try "name = \"长邑区\"\n[term]\nstart = 2026-09-01\nend = \"soon\"\n".write(toFile: pack + "/district.toml", atomically: true, encoding: .utf8)
        return (pack, dir)
    }

    func testBadPackMessagesInBothLanguagesAndInTheOneAsked() throws {
        let (pack, dir) = try badPack()
        let both = try ChildProcess.xinyu(["solve", pack, "--out", dir + "/out", "--quiet"], environment: ["LANG": "C.UTF-8", "LC_ALL": nil])
        XCTAssertEqual(both.code, 65, both.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out"))
        XCTAssertTrue(both.err.contains("schools/S01/timetable.csv:7: weekday \"8\" is not 1–5 / 星期 \"8\" 不是 1–5 之一"), both.err)
        XCTAssertTrue(both.err.contains("schools/S01/timetable.csv:16: unknown teacher \"T99\""), both.err)
        XCTAssertTrue(both.err.contains("未知教师 \"T99\""), both.err)
        XCTAssertTrue(both.err.contains("district.toml:4: term.end \"soon\" is not a date"), both.err)
        XCTAssertTrue(both.err.contains("不是日期"), both.err)

        let zh = try ChildProcess.xinyu(["solve", pack, "--out", dir + "/out", "--quiet", "--lang", "zh"])
        XCTAssertEqual(zh.code, 65, zh.err)
        let zhLines = zh.err.split(separator: "\n").filter { $0.contains(".csv:") || $0.contains(".toml:") }
        XCTAssertEqual(zhLines.count, 3, zh.err)
        for line in zhLines { XCTAssertFalse(line.contains(" is not ") || line.contains("unknown"), "Chinese only: \(line)") }
        XCTAssertTrue(zh.err.contains("schools/S01/timetable.csv:7: 星期 \"8\" 不是 1–5 之一"), zh.err)

        let en = try ChildProcess.xinyu(["validate", pack], environment: ["LANG": "en_US.UTF-8", "LC_ALL": nil, "LC_MESSAGES": nil])
        XCTAssertEqual(en.code, 65, en.err)
        let enLines = en.err.split(separator: "\n").filter { $0.contains(".csv:") || $0.contains(".toml:") }
        XCTAssertEqual(enLines.count, 3, en.err)
        for line in enLines { XCTAssertFalse(line.contains("星期") || line.contains("未知") || line.contains("日期"), "English only: \(line)") }
    }
}
