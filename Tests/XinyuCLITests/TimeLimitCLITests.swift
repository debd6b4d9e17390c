import Foundation
import XCTest

/// `--time-limit` reached while the instance is built (issue 17 item 11): exit 124, said in both
/// languages, nothing written, `--out` as it was.
final class TimeLimitCLITests: XCTestCase {
    func xinyu(_ args: [String]) throws -> Run { try ChildProcess.xinyu(args) }

    func testTimeLimitDuringInstanceBuilding() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-limit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        // A generated school of about 150 classes: its build takes far longer than the limit
        // (0.001 s, with a grace of a tenth of it), which reading the pack has already used up.
        let gen = try xinyu(["generate", "--schools", "1", "--classes", "150", "--seed", "4", "--out", dir + "/pack"])
        XCTAssertEqual(gen.code, 0, gen.err)
        let r = try xinyu(["solve", dir + "/pack", "--out", dir + "/out", "--time-limit", "0.001", "--jobs", "1"])
        XCTAssertEqual(r.code, 124, r.err)
        XCTAssertTrue(r.err.contains("time limit reached during instance building of S01"), r.err)
        XCTAssertTrue(r.err.contains("时间上限"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out"), "nothing written")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".xinyu-new") || $0.contains(".tmp-") }
        XCTAssertEqual(left, [])
        let district = try xinyu(["district", dir + "/pack", "--out", dir + "/office", "--time-limit", "0.001", "--jobs", "1", "--no-advice"])
        XCTAssertEqual(district.code, 124, district.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/office"))
    }

    /// `xinyu replan` counts its instance builds in `--time-limit` as `solve` does: exit 124, said in
    /// both languages, `--out` not created.
    func testReplanTimeLimitDuringInstanceBuilding() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-replan-limit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/published", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let gen = try xinyu(["generate", "--schools", "1", "--classes", "150", "--seed", "4", "--out", dir + "/pack"])
        XCTAssertEqual(gen.code, 0, gen.err)
        // A published schedule with no lessons yet: the re-plan would add every one.
        try "school,class,date,weekday,period,teacher,replaces\n".write(toFile: dir + "/published/schedule.csv", atomically: true, encoding: .utf8)
        let replan = ["replan", dir + "/pack", "--baseline", dir + "/published", "--from", "2026-10-08", "--out", dir + "/out", "--jobs", "1"]
        let r = try xinyu(replan + ["--time-limit", "0.001"])
        XCTAssertEqual(r.code, 124, r.err)
        XCTAssertTrue(r.err.contains("time limit reached during instance building of S01"), r.err)
        XCTAssertTrue(r.err.contains("时间上限"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out"), "nothing written")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".xinyu-new") || $0.contains(".tmp-") }
        XCTAssertEqual(left, [])
        // In Chinese only with --lang zh.
        let zh = try xinyu(replan + ["--time-limit", "0.001", "--lang", "zh"])
        XCTAssertEqual(zh.code, 124, zh.err)
        XCTAssertTrue(zh.err.contains("时间上限") && !zh.err.contains("time limit reached"), zh.err)
    }
}
