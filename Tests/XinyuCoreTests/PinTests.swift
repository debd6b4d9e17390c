import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// pinned.csv: kept lessons stay exactly, forbidden places stay empty, a keep that breaks a hard
/// rule is refused at its line with the rule, the verifier checks both kinds, replan keeps them.
final class PinTests: XCTestCase {
    /// Two primary classes; 3-1 has a cheap 地方课程 on Wednesday and a dear 班会 on Monday;
    /// P also teaches 数学 in 3-2 on Monday period 6. National Day is a holiday week.
    func sample(_ pins: [Pin], rows extra: [String] = []) -> District {
        var s = school(classes: [("3-1", .primary), ("3-2", .primary)],
                       rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,2,2,班会,", "3-2,4,4,校本课程,", "3-2,1,6,数学,P"] + extra,
                       teachers: [psych("P"), psych("Q")])
        s.pins = pins
        let holidays = (1...7).map { CalendarEntry(date: date("2026-10-0\($0)"), kind: .holiday, note: "国庆节") }
        return district(calendar: holidays, schools: [s])
    }

    func keep(_ cls: String, _ d: String, _ p: Int, _ t: String, line: Int) -> Pin {
        Pin(classID: cls, when: .date(date(d)), period: p, teacher: t, kind: .keep, line: line)
    }

    func testKeptLessonStaysExactly() {
        // Monday's 班会 costs 3, Wednesday's 地方课程 1: unpinned, 3-1 has its lessons on Wednesdays.
        let free = solveAndVerify(sample([]))
        XCTAssertFalse(free.lessons.contains { $0.classID == "3-1" && $0.date == date("2026-09-14") })
        let d = sample([keep("3-1", "2026-09-14", 6, "Q", line: 2)])
        XCTAssertEqual(PinRules.check(d), [])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        let kept = r.lessons.filter { $0.classID == "3-1" && $0.date == date("2026-09-14") }
        XCTAssertEqual(kept.map { "\($0.period) \($0.teacher) \($0.replaces)" }, ["6 Q 班会"])
        // It counts toward the week (max_per_week 1) and same_teacher: no other 3-1 lesson that week, all by Q.
        XCTAssertFalse(r.lessons.contains { $0.classID == "3-1" && $0.date == date("2026-09-16") })
        XCTAssertEqual(Set(r.lessons.filter { $0.classID == "3-1" }.map(\.teacher)), ["Q"])
        // ... and toward the month: September has exactly the minimum, not one more.
        XCTAssertEqual(r.months.first { $0.classID == "3-1" && $0.month == "2026-09" }?.scheduled, 2)
    }

    func testForbiddenPlacesStayEmpty() {
        // Unpinned, both classes use their cheap slots (3-1 Wednesday, 3-2 Thursday).
        let d = sample([Pin(classID: "3-1", when: .weekday(3), period: nil, kind: .forbid, line: 2),
                        Pin(classID: "3-2", when: .weekday(4), period: 4, kind: .forbid, line: 3),
                        Pin(classID: "3-2", when: .date(date("2026-09-08")), period: 2, kind: .forbid, line: 4)])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertFalse(r.lessons.contains { $0.classID == "3-1" && $0.weekday == 3 })
        XCTAssertTrue(r.lessons.contains { $0.classID == "3-1" && $0.weekday == 1 })
        XCTAssertFalse(r.lessons.contains { $0.classID == "3-2" && $0.weekday == 4 })
        XCTAssertFalse(r.lessons.contains { $0.classID == "3-2" && $0.date == date("2026-09-08") })
        XCTAssertTrue(r.lessons.contains { $0.classID == "3-2" && $0.date == date("2026-09-15") })
    }

    // With no time to search, the greedy schedule alone: it keeps and avoids the same places.
    func testGreedyScheduleRespectsPins() {
        let d = sample([keep("3-1", "2026-09-14", 6, "Q", line: 2),
                        Pin(classID: "3-2", when: .weekday(4), period: nil, kind: .forbid, line: 3)])
        let r = solveDistrict(d, jobs: 1, options: PlanOptions(timeLimit: 0.001), solver: GLPKSolver())
        XCTAssertTrue(r.plans.allSatisfy { $0.stages.isEmpty }, "the greedy path ran")
        XCTAssertEqual(Verifier.check(r.district, r.lessons, months: r.months, allowShort: true), [])
        XCTAssertTrue(r.lessons.contains { $0.classID == "3-1" && $0.date == date("2026-09-14") && $0.teacher == "Q" })
        XCTAssertFalse(r.lessons.contains { $0.classID == "3-2" && $0.weekday == 4 })
        XCTAssertEqual(Set(r.lessons.filter { $0.classID == "3-1" }.map(\.teacher)), ["Q"])
    }

    func testKeepOnHolidayOrBusyTeacherIsRefusedWithLineAndRule() {
        let d = sample([keep("3-1", "2026-09-16", 3, "P", line: 2),   // fine
                        keep("3-1", "2026-10-05", 6, "P", line: 3),   // National Day
                        keep("3-2", "2026-09-22", 2, "Q", line: 4),   // fine
                        keep("3-1", "2026-09-28", 6, "P", line: 5)])  // P teaches 数学 in 3-2 then
        let found = PinRules.check(d)
        XCTAssertEqual(found.map { "\($0.location)" }, ["schools/S01/pinned.csv:3", "schools/S01/pinned.csv:5"])
        XCTAssertTrue(found[0].message.contains("[calendar]") && found[0].message.contains("holiday"), found[0].message)
        XCTAssertTrue(found[1].message.contains("[teacher-busy]") && found[1].message.contains("数学"), found[1].message)
        XCTAssertTrue(found.allSatisfy { $0.message.contains("固定课") })
    }

    func testOtherHardRulesOfKeeps() {
        func rules(_ pins: [Pin], _ configure: (inout District) -> Void = { _ in }) -> [String] {
            var d = sample(pins)
            configure(&d)
            return PinRules.check(d).map { m in String(m.message.split(separator: "[")[1].split(separator: "]")[0]) }
        }
        // 3-2's Monday period 6 is 数学: not displaceable.
        XCTAssertEqual(rules([keep("3-2", "2026-09-14", 6, "Q", line: 2)]), ["displaceable"])
        // Two keeps of one week (max_per_week 1), two teachers for one class (same_teacher).
        XCTAssertEqual(rules([keep("3-1", "2026-09-14", 6, "Q", line: 2), keep("3-1", "2026-09-16", 3, "Q", line: 3)]), ["class-week"])
        XCTAssertEqual(rules([keep("3-1", "2026-09-14", 6, "Q", line: 2), keep("3-1", "2026-09-23", 3, "P", line: 3)]), ["same-teacher"])
        // One teacher in two classes at once; a teacher not of the class's stage.
        XCTAssertEqual(rules([keep("3-1", "2026-09-16", 3, "Q", line: 2), keep("3-2", "2026-09-16", 3, "Q", line: 3)]) {
            $0.schools[0].timetable.append(TimetableRow(classID: "3-2", weekday: 3, period: 3, subject: "班会", teachers: []))
        }, ["teacher-clash"])
        XCTAssertEqual(rules([keep("3-1", "2026-09-14", 6, "Q", line: 2)]) { $0.schools[0].teachers[1].stages = [.junior] }, ["teacher"])
        // A keep where a forbid says no.
        XCTAssertEqual(rules([keep("3-1", "2026-09-16", 3, "Q", line: 2),
                              Pin(classID: "3-1", when: .weekday(3), period: 3, kind: .forbid, line: 3)]), ["pin"])
    }

    func testVerifierChecksPins() {
        let d = sample([keep("3-1", "2026-09-14", 6, "Q", line: 2),
                        Pin(classID: "3-2", when: .weekday(2), period: nil, kind: .forbid, line: 3)])
        let r = solveAndVerify(d)
        XCTAssertEqual(PinVerifier.check(d, r.lessons), [])
        // The kept lesson dropped; a lesson put on a forbidden Tuesday.
        var edited = r.lessons.filter { !($0.classID == "3-1" && $0.date == date("2026-09-14")) }
        let tuesday = date("2026-09-08")
        edited.append(Lesson(school: "S01", classID: "3-2", date: tuesday, weekday: 2, period: 2, teacher: "P", replaces: "班会"))
        let found = PinVerifier.check(d, edited.sorted())
        XCTAssertEqual(found.count, 2, "\(found)")
        XCTAssertTrue(found.contains { $0.message.contains("pinned.csv:2") && $0.message.contains("missing") })
        XCTAssertTrue(found.contains { $0.message.contains("pinned.csv:3") && $0.message.contains("forbids") })
        XCTAssertTrue(Verifier.check(d, edited.sorted(), allowShort: true).contains { $0.rule == "pin" })
    }

    func testReplanKeepsPins() {
        // One class, one teacher: published on Wednesdays (cheaper); then the dean pins a Monday.
        var s = school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,"], teachers: [psych("Q")])
        let published = solveAndVerify(district(schools: [s])).lessons
        XCTAssertFalse(published.contains { $0.weekday == 1 })
        s.pins = [keep("3-1", "2026-10-12", 6, "Q", line: 2)]
        let pinned = district(schools: [s])
        XCTAssertEqual(PinRules.check(pinned), [])
        let r = replanDistrict(pinned, baseline: published, options: ReplanOptions(from: date("2026-10-09"), plan: PlanOptions(timeLimit: 60)),
                               jobs: 1, solver: GLPKSolver())
        XCTAssertTrue(r.result.lessons.contains { $0.date == date("2026-10-12") && $0.period == 6 && $0.teacher == "Q" })
        XCTAssertFalse(r.result.lessons.contains { $0.date == date("2026-10-14") })
        XCTAssertEqual(Verifier.check(pinned, r.result.lessons, months: r.result.months, allowShort: true), [])
    }
}

/// What `xinyu verify` tells apart: the schedule's own broken rules and derived files out of date.
final class ScheduleCheckTests: XCTestCase {
    func testMonthsOutOfDateIsOneStaleLineNotARule() throws {
        let s = school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,"], teachers: [psych("Q")])
        let d = district(schools: [s]) { $0.lessonsPerMonth = 1 }
        let r = solveAndVerify(d)
        let current = OutputFolder(lessons: r.lessons, months: r.months, details: nil, shifts: nil, files: ["months.csv", "report.md"])
        XCTAssertEqual(ScheduleCheck.run(d, current).stale, [])
        // Move a September lesson to a free Wednesday of October (still one a week, one a month).
        let taken = Set(r.lessons.map(\.date.weekMonday))
        let sept = try XCTUnwrap(r.lessons.first { $0.date.monthKey == "2026-09" })
        let target = try XCTUnwrap((0..<60).map { date("2026-10-01").adding(days: $0) }
            .first { $0.weekday == 3 && $0.monthKey == "2026-10" && !taken.contains($0.weekMonday) })
        var moved = sept
        (moved.date, moved.weekday, moved.period, moved.replaces) = (target, 3, 3, "地方课程")
        let edited = r.lessons.filter { $0 != sept } + [moved]
        let check = ScheduleCheck.run(d, OutputFolder(lessons: edited, months: r.months, details: nil, shifts: nil,
                                                      files: ["months.csv", "report.md"]), allowShort: true)
        XCTAssertEqual(check.broken, [])
        XCTAssertEqual(check.stale.map(\.file), ["schedule.csv", "months.csv", "report.md"])
        // Without allowShort, the emptied September is the one real rule.
        XCTAssertEqual(ScheduleCheck.run(d, OutputFolder(lessons: edited, months: r.months, details: nil, shifts: nil, files: []))
            .broken.map(\.rule), ["month-minimum"])
    }
}
