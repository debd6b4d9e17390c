import Foundation
import XCTest
import XinyuCore
import XinyuDistrict
import XinyuGLPK
import XinyuPack

/// Lessons school `id` misses in a full solve.
func missed(_ d: District, _ id: String) -> Int {
    shortOf(solve(d), id).values.reduce(0, +)
}

/// Every advised load within the district's caps, a day's periods and a week's.
func assertLoadsWithinCaps(_ a: Advice, _ d: District, file: StaticString = #filePath, line: UInt = #line) {
    let s = d.school(a.school)!
    for o in a.options {
        for x in o.actions where x.kind == .hireFull || x.kind == .hirePart || x.kind == .raise {
            let full = x.kind == .hireFull || (x.kind == .raise && s.teacher(x.teacher)?.psych == .full)
            let capWeek = full ? d.staffing.fulltimeMaxPerWeek : d.staffing.parttimeMaxPerWeek
            let capDay = full ? d.staffing.fulltimeMaxPerDay : d.staffing.parttimeMaxPerDay
            let week = x.maxPerWeek ?? 0
            XCTAssertLessThanOrEqual(week, capWeek, "\(x)", file: file, line: line)
            XCTAssertLessThanOrEqual(week, s.periodsPerDay * s.daysPerWeek, "\(x)", file: file, line: line)
            let day = x.maxPerDay ?? Int.max
            XCTAssertLessThanOrEqual(day, min(capDay, s.periodsPerDay), "\(x)", file: file, line: line)
            XCTAssertLessThanOrEqual(week, day * s.daysPerWeek, "\(x)", file: file, line: line)
        }
    }
}

final class AdviceTests: XCTestCase {
    // Part-time teachers are hired at one lesson a week: the advice needs several; option 1 gives
    // exactly its short_after; one hire fewer misses more, proven by the solver.
    func testFewestHiresAtTheCapsReachShortAfterAndOneFewerDoesNot() throws {
        var d = district(start: "2026-09-07", end: "2026-09-30", schools: [understaffedSchool()])
        d.staffing.parttimeMaxPerWeek = 1
        d.staffing.parttimeMaxPerDay = 1
        let r = solve(d)
        XCTAssertGreaterThan(r.shortfall, 0)
        let a = advise("S01", district: d, short: shortOf(r, "S01"), solver: GLPKSolver())
        assertLoadsWithinCaps(a, d)
        let one = try XCTUnwrap(a.options.first)
        XCTAssertEqual(one.number, 1)
        let hire = try XCTUnwrap(one.actions.first)
        XCTAssertEqual(hire.kind, .hirePart, "the stage has a full-time teacher: part-time hires")
        XCTAssertEqual(hire.maxPerWeek, 1)
        XCTAssertGreaterThanOrEqual(hire.count, 2)
        XCTAssertEqual(one.cost, hire.count)
        XCTAssertEqual(missed(applyAdvice(one.actions, school: "S01", to: d), "S01"), one.shortAfter)
        XCTAssertEqual(one.shortAfter, a.calendarBound, "enough part-time teachers reach what the calendar allows")
        XCTAssertTrue(hire.proven)
        var fewer = hire
        fewer.count -= 1
        let rf = solve(applyAdvice([fewer], school: "S01", to: d))
        XCTAssertGreaterThan(shortOf(rf, "S01").values.reduce(0, +), one.shortAfter, "one hire fewer misses more")
        XCTAssertTrue(rf.plans[0].shortfallProven)
        // Raising T05 (full-time, 1 a week) within the full-time caps is the alternative.
        let raise = try XCTUnwrap(a.options.first { $0.actions.contains { $0.kind == .raise } })
        let up = try XCTUnwrap(raise.actions.first)
        XCTAssertEqual(up.teacher, "T05")
        XCTAssertEqual(up.from, 1)
        XCTAssertEqual(raise.cost, (up.maxPerWeek ?? 0) - 1)
        XCTAssertEqual(missed(applyAdvice(raise.actions, school: "S01", to: d), "S01"), raise.shortAfter)
        if up.proven, let w = up.maxPerWeek {
            var less = up
            less.maxPerWeek = w - 1
            XCTAssertGreaterThan(missed(applyAdvice([less], school: "S01", to: d), "S01"), raise.shortAfter)
        }
        XCTAssertTrue(a.oneLine.contains("hire \(hire.count) part-time psychology teacher(s) at 1 period(s) a week"), a.oneLine)
    }

    // A stage with no full-time teacher gets full-time hires, never above a day's periods even when
    // the district's caps are higher.
    func testFullTimeHireWhereTheStageHasNoneAndCapsClippedToTheDay() throws {
        let s = school("S01", classes: (1...6).map { ("3-\($0)", .primary) },
                       rows: (1...6).map { "3-\($0),\(($0 - 1) % 5 + 1),\($0 <= 5 ? 6 : 5),班会," },
                       teachers: [psych("P1", .part, week: 1)])
        var d = district(start: "2026-09-07", end: "2026-09-30", schools: [s])
        d.staffing.fulltimeMaxPerWeek = 40
        d.staffing.fulltimeMaxPerDay = 9
        let r = solve(d)
        let a = advise("S01", district: d, short: shortOf(r, "S01"), solver: GLPKSolver())
        assertLoadsWithinCaps(a, d)
        let hire = try XCTUnwrap(a.options.first?.actions.first)
        XCTAssertEqual(hire.kind, .hireFull)
        XCTAssertEqual(hire.maxPerDay, 6, "a day has 6 periods")
        XCTAssertEqual(hire.maxPerWeek, 30, "5 days of 6 periods")
        XCTAssertEqual(hire.count, 1)
        XCTAssertEqual(missed(applyAdvice(a.options[0].actions, school: "S01", to: d), "S01"), a.options[0].shortAfter)
        XCTAssertEqual(a.options[0].shortAfter, 0)
    }

    // A January with one teaching week before exams is short whatever the staffing: option 1 is the
    // smallest month_minimum, option 2 moving the exams; each gives its short_after.
    func testCalendarBoundMonthGetsCalendarOptions() throws {
        let cal = [CalendarEntry(date: date("2027-01-01"), kind: .holiday)]
            + (11...15).map { CalendarEntry(date: date("2027-01-\($0)"), kind: .exam) }
        let s = school("S01", classes: [("3-1", .primary), ("3-2", .primary)], rows: ["3-1,1,6,班会,", "3-2,2,6,班会,"],
                       teachers: [psych("P")])
        let d = district(start: "2026-12-07", end: "2027-01-15", calendar: cal, schools: [s])
        let r = solve(d)
        XCTAssertEqual(r.shortfall, 2)
        let a = advise("S01", district: d, short: shortOf(r, "S01"), solver: GLPKSolver())
        XCTAssertEqual(a.calendarBound, 2)
        XCTAssertEqual(a.options.map { $0.actions.map(\.kind) }, [[.monthMinimum], [.moveExams]], "no teacher helps a calendar-bound month")
        let mm = a.options[0].actions[0]
        XCTAssertEqual(mm.month, "2027-01")
        XCTAssertEqual(mm.value, "1")
        XCTAssertEqual(a.options[1].actions[0].value, "2027-01-11..2027-01-15")
        for o in a.options {
            XCTAssertEqual(o.shortAfter, 0)
            XCTAssertEqual(missed(applyAdvice(o.actions, school: "S01", to: d), "S01"), o.shortAfter)
            XCTAssertEqual(o.cost, 0)
        }
        // One more lesson than the advised minimum stays impossible, proven.
        var tooMany = d
        tooMany.policy.monthMinimum["2027-01"] = 2
        let rt = solve(tooMany)
        XCTAssertGreaterThan(rt.shortfall, 0)
        XCTAssertTrue(rt.plans[0].shortfallProven)
    }

    // The whole path a district office takes: run, write advice.csv, apply each school's option 1
    // to the pack folder, read the pack back, solve, and get short_after.
    func testOptionOneFromAdviceCSVAppliedToThePackGivesShortAfter() throws {
        let nine = school("N1", stages: [.primary, .junior], classes: [("3-1", .primary), ("3-2", .primary), ("7-1", .junior), ("7-2", .junior)],
                          rows: ["3-1,1,6,班会,", "3-2,2,6,班会,", "7-1,3,6,班会,", "7-2,4,6,班会,"],
                          teachers: [psych("NP", .part, [.primary], day: 1, week: 1)])
        var d = district(start: "2026-09-07", end: "2026-09-30", schools: [understaffedSchool("A1"), nine])
        d.staffing.parttimeMaxPerWeek = 1
        d.staffing.parttimeMaxPerDay = 1
        let dir = NSTemporaryDirectory() + "xinyu-advice-\(UUID().uuidString)"
        try PackWriter.write(d, to: dir + "/pack", overwrite: true)
        let loaded = try PackReader.load(path: dir + "/pack").district
        XCTAssertEqual(loaded.staffing, d.staffing, "[staffing] round-trips through the pack")
        let out = try runDistrict(loaded, packHash: "x", options: DistrictRunOptions(), solver: GLPKSolver())
        try writeDistrict(out, to: dir + "/out")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/out/advice.csv"))
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "advice.csv starts with a BOM")
        let rows = try AdviceCSV.parse(String(decoding: data, as: UTF8.self))
        XCTAssertEqual(Set(rows.map(\.school)), ["A1", "N1"])
        XCTAssertEqual(Set(rows.filter { $0.school == "N1" && $0.option == 1 }.map(\.action.kind)), [.hireFull], "N1 has no full-time teacher")
        for id in ["A1", "N1"] {
            let one = rows.filter { $0.school == id && $0.option == 1 }
            XCTAssertFalse(one.isEmpty)
            try applyAdvice(rows: rows, school: id, option: 1, pack: dir + "/pack", out: dir + "/applied-\(id)")
            let applied = try PackReader.load(path: dir + "/applied-\(id)").district
            XCTAssertEqual(missed(applied, id), one[0].shortAfter, id)
            for r in one where r.action.proven && r.action.count > 0 {
                var fewer = r.action
                fewer.count -= 1
                let others = one.map(\.action).filter { $0 != r.action }
                XCTAssertGreaterThan(missed(applyAdvice(others + [fewer], school: id, to: loaded), id), r.shortAfter, "\(id): one hire fewer")
            }
        }
        for a in out.outcome.schools.compactMap(\.advice) { assertLoadsWithinCaps(a, loaded) }
    }
}
