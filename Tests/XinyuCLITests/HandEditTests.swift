import Foundation
import XCTest
import XinyuCore
import XinyuPack
import XinyuVerify

/// Hand edits and pins through the `xinyu` executable: verify tells broken rules from
/// out-of-date derived files, refresh rewrites them, pinned.csv is kept and checked.
final class HandEditTests: XCTestCase {
    /// Runs the built `xinyu` beside the test bundle.
    struct Runner {
        func xinyu(_ args: [String]) throws -> Run { try ChildProcess.xinyu(args) }
    }
    let cli = Runner()
    var tiny: String { CLITests.root + "/instances/tiny" }

    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-edit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Solves the tiny pack into a fresh folder; returns the folder and the pack as read.
    func solved() throws -> (out: String, district: District, lessons: [Lesson]) {
        let out = try tempDir() + "/out"
        let r = try cli.xinyu(["solve", tiny, "--out", out, "--quiet"])
        XCTAssertEqual(r.code, 0, r.err + r.out)
        return (out, try PackReader.load(path: tiny).district, try ScheduleFiles.read(directory: out).lessons)
    }

    /// The first move of one lesson to another period of its class in the same ISO week whose
    /// rules `accept` the whole edited schedule (the class and month limits stay as they were).
    func move(_ d: District, _ lessons: [Lesson], accept: ([Violation]) -> Bool) -> (from: Lesson, to: Lesson)? {
        guard let school = d.schools.first else { return nil }
        for (i, l) in lessons.enumerated() {
            for offset in -6...6 where offset != 0 {
                let day = l.date.adding(days: offset)
                guard day.weekMonday == l.date.weekMonday, day.monthKey == l.date.monthKey,
                      let sd = Verifier.schoolDay(d, school, day) else { continue }
                for p in 1...school.periodsPerDay {
                    let row = school.timetable.first { $0.classID == l.classID && $0.weekday == sd.weekday && $0.period == p && $0.weeks.applies(toWeek: sd.week) }
                    var moved = l
                    (moved.date, moved.weekday, moved.period, moved.replaces) = (day, sd.weekday, p, row?.subject ?? "")
                    var edited = lessons
                    edited[i] = moved
                    if accept(Verifier.check(d, edited.sorted(), allowShort: true)) { return (l, moved) }
                }
            }
        }
        return nil
    }

    /// schedule.csv with `from` replaced by `to`, written last (out of order, as a hand edit is).
    func write(_ out: String, _ lessons: [Lesson], replacing from: Lesson, with to: Lesson) throws {
        var text = ScheduleFiles.scheduleText(lessons.filter { $0 != from })
        text += [to.school, to.classID, to.date.iso, String(to.weekday), String(to.period), to.teacher, to.replaces].joined(separator: ",") + "\n"
        try text.write(toFile: out + "/schedule.csv", atomically: true, encoding: .utf8)
    }

    func testLegalHandMoveIsStaleOnlyAndVerifiesCleanAfterRefresh() throws {
        let (out, d, lessons) = try solved()
        let m = try XCTUnwrap(move(d, lessons) { $0.isEmpty }, "the tiny pack has a legal move")
        try write(out, lessons, replacing: m.from, with: m.to)
        let v = try cli.xinyu(["verify", tiny, out])
        XCTAssertEqual(v.code, 0, v.out)
        XCTAssertFalse(v.out.contains("["), "no broken rule: \(v.out)")
        XCTAssertTrue(v.out.contains("lessons.csv is out of date: run `xinyu refresh` / lessons.csv 已过期"), v.out)
        XCTAssertTrue(v.out.contains("schedule.csv rows are out of order"), v.out)
        XCTAssertTrue(v.out.contains("report.md is out of date"), v.out)
        let r = try cli.xinyu(["refresh", tiny, out])
        XCTAssertEqual(r.code, 0, r.err + r.out)
        let again = try cli.xinyu(["verify", tiny, out])
        XCTAssertEqual(again.code, 0, again.out)
        XCTAssertFalse(again.out.contains("out of date") || again.out.contains("out of order"), again.out)
        // The moved lesson is in every rewritten file, and the report says it was refreshed.
        let details = try XCTUnwrap(try LessonDetailsFile.read(directory: out))
        XCTAssertTrue(details.contains { $0.lesson.classID == m.to.classID && $0.lesson.date == m.to.date && $0.lesson.period == m.to.period })
        XCTAssertTrue(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("xinyu refresh"))
    }

    func testIllegalHandMoveReportsTheOneRealRule() throws {
        let (out, d, lessons) = try solved()
        // A move onto a subject that may not be displaced, breaking nothing else.
        let m = try XCTUnwrap(move(d, lessons) { $0.map(\.rule) == ["displaceable"] })
        try write(out, lessons, replacing: m.from, with: m.to)
        let before = try String(contentsOfFile: out + "/lessons.csv", encoding: .utf8)
        let v = try cli.xinyu(["verify", tiny, out])
        XCTAssertEqual(v.code, 1, v.out)
        let ruleLines = v.out.split(separator: "\n").filter { $0.hasPrefix("[") }
        XCTAssertEqual(ruleLines.count, 1, v.out)
        XCTAssertTrue(ruleLines[0].hasPrefix("[displaceable]") && ruleLines[0].contains(m.to.date.iso), v.out)
        XCTAssertTrue(v.out.contains("1 broken rule(s)"), v.out)
        // refresh refuses it and rewrites nothing.
        let r = try cli.xinyu(["refresh", tiny, out])
        XCTAssertEqual(r.code, 1, r.out)
        XCTAssertTrue(r.out.contains("[displaceable]"), r.out)
        XCTAssertEqual(try String(contentsOfFile: out + "/lessons.csv", encoding: .utf8), before)
    }

    func testPinsThroughTheCommands() throws {
        let pack = try tempDir() + "/tiny"
        try FileManager.default.copyItem(atPath: tiny, toPath: pack)
        let pins = pack + "/schools/S01/pinned.csv"
        // 2026-10-05 is National Day; T11 gives 语文 in 4-2 on Tuesdays period 4.
        try """
            class,when,period,teacher,kind
            4-2,2026-09-23,6,T01,keep
            3-1,2026-10-05,6,T01,keep
            3-2,2026-09-22,4,T11,keep
            """.write(toFile: pins, atomically: true, encoding: .utf8)
        let bad = try cli.xinyu(["validate", pack])
        XCTAssertEqual(bad.code, 65, bad.err)
        XCTAssertTrue(bad.err.contains("schools/S01/pinned.csv:3: keep pin breaks [calendar]"), bad.err)
        XCTAssertTrue(bad.err.contains("schools/S01/pinned.csv:4: keep pin breaks [teacher-busy]"), bad.err)
        XCTAssertTrue(bad.err.contains("固定课违反规则"), bad.err)
        XCTAssertFalse(bad.err.contains("pinned.csv:2:"), bad.err)
        // A keep and a forbid that hold: solve keeps one and avoids the other; verify checks both.
        try """
            class,when,period,teacher,kind
            3-2,2026-09-21,5,T01,keep
            3-1,3,,,forbid
            """.write(toFile: pins, atomically: true, encoding: .utf8)
        let out = try tempDir() + "/out"
        let r = try cli.xinyu(["solve", pack, "--out", out, "--quiet"])
        XCTAssertEqual(r.code, 0, r.err + r.out)
        let lessons = try ScheduleFiles.read(directory: out).lessons
        XCTAssertTrue(lessons.contains { $0.classID == "3-2" && $0.date.iso == "2026-09-21" && $0.period == 5 && $0.teacher == "T01" })
        XCTAssertFalse(lessons.contains { $0.classID == "3-1" && $0.weekday == 3 })
        XCTAssertEqual(try cli.xinyu(["verify", pack, out]).code, 0)
    }
}
