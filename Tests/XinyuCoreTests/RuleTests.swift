import XCTest
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// Each hard rule alone, on two or three hand-made classes: the solver keeps it, and the
/// verifier catches a schedule that breaks it.
final class RuleTests: XCTestCase {
    func lesson(_ cls: String, _ d: String, _ period: Int, _ teacher: String, _ replaces: String, school: String = "S01") -> Lesson {
        let day = date(d)
        return Lesson(school: school, classID: cls, date: day, weekday: day.weekday, period: period, teacher: teacher, replaces: replaces)
    }
    func rules(_ d: District, _ lessons: [Lesson]) -> Set<String> {
        Set(Verifier.check(d, lessons.sorted(), allowShort: true).map(\.rule))
    }

    // Lessons replace only displaceable periods (or free periods when allowed).
    func testOnlyDisplaceablePeriods() {
        let d = district(schools: [school(classes: [("3-1", .primary)],
                                          rows: ["3-1,1,6,班会,", "3-1,2,1,语文,T9"], teachers: [psych("P")])])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertTrue(r.lessons.allSatisfy { $0.weekday == 1 && $0.period == 6 && $0.replaces == "班会" })
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-08", 1, "P", "语文")]), ["displaceable"])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-09", 2, "P", "")]), ["free-period"])
    }

    // With use_free_periods, a period without a timetable row may take a lesson.
    func testFreePeriodsWhenAllowed() {
        let d = district(schools: [school(periods: 2, classes: [("3-1", .primary)],
                                          rows: ["3-1,1,1,语文,T9", "3-1,1,2,数学,T9", "3-1,2,1,语文,T9", "3-1,2,2,数学,T9",
                                                 "3-1,3,1,语文,T9", "3-1,3,2,数学,T9", "3-1,4,1,语文,T9", "3-1,4,2,数学,T9", "3-1,5,1,语文,T9"],
                                          teachers: [psych("P")])]) { $0.useFreePeriods = true; $0.freePeriodCost = 2 }
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertTrue(r.lessons.allSatisfy { $0.weekday == 5 && $0.period == 2 && $0.replaces == "" })
    }

    // A teacher is busy with their own (non-replaced) timetable rows.
    func testTeacherBusyWithOwnTimetable() {
        let d = district(schools: [school(classes: [("3-1", .primary), ("3-2", .primary)],
                                          rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,1,6,数学,P", "3-2,2,2,班会,"],
                                          teachers: [psych("P")])])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertFalse(r.lessons.contains { $0.classID == "3-1" && $0.weekday == 1 })
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "P", "班会")]), ["teacher-busy"])
    }

    // The teacher of a replaced row is free: a part-time homeroom teacher may replace their own 班会.
    func testReplacedRowFreesItsTeacher() {
        let d = district(schools: [school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,H"],
                                          teachers: [psych("H", .part)])])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertTrue(r.lessons.allSatisfy { $0.teacher == "H" })
    }

    // A teacher whose displaceable row is in another class is free only if that row is replaced too.
    func testTeacherFreedByAnotherClassLesson() {
        // Only P teaches primary; at 3-1's only slot (Monday 6) P has 班会 in junior class 7-1,
        // which only Q can take over: every 3-1 lesson needs a 7-1 lesson at the same time.
        let d = district(schools: [school(stages: [.primary, .junior], classes: [("3-1", .primary), ("7-1", .junior)],
                                          rows: ["3-1,1,6,地方课程,", "7-1,1,6,班会,P"],
                                          teachers: [psych("P", .part), psych("Q", .full, [.junior])])])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet, "the coupled schedule exists")
        let junior = Set(r.lessons.filter { $0.classID == "7-1" }.map(\.date))
        let primary = r.lessons.filter { $0.classID == "3-1" }
        XCTAssertFalse(primary.isEmpty)
        for l in primary {
            XCTAssertEqual(l.teacher, "P")
            XCTAssertTrue(junior.contains(l.date), "P teaches 3-1 on \(l.date) only when 7-1's 班会 is replaced that day")
        }
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "P", "地方课程")]), ["teacher-busy"])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "P", "地方课程"), lesson("7-1", "2026-09-07", 6, "Q", "班会")]), [])
    }

    // unavailable.csv: a date (whole day) and a weekday with periods.
    func testUnavailability() {
        let d = district(schools: [school(classes: [("3-1", .primary)], rows: ["3-1,3,3,班会,", "3-1,1,6,地方课程,"],
                                          teachers: [psych("P")],
                                          unavailable: [Unavailability(teacher: "P", when: .weekday(3), periods: [3, 4], reason: "教研"),
                                                        Unavailability(teacher: "P", when: .date(date("2026-09-14")), reason: "培训")])])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertFalse(r.lessons.contains { $0.weekday == 3 || $0.date == date("2026-09-14") })
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-09", 3, "P", "班会")]), ["unavailable"])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-14", 6, "P", "地方课程")]), ["unavailable"])
    }

    // max_per_day and max_per_week of a teacher.
    func testTeacherLimits() {
        let d = district(schools: [school(classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary)],
                                          rows: ["3-1,1,5,班会,", "3-2,1,6,班会,", "3-3,1,4,班会,"],
                                          teachers: [psych("P", day: 1, week: 2)])])
        let r = solveAndVerify(d)
        var perDay: [CivilDate: Int] = [:]
        for l in r.lessons { perDay[l.date, default: 0] += 1 }
        XCTAssertTrue(perDay.values.allSatisfy { $0 <= 1 })
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 5, "P", "班会"), lesson("3-2", "2026-09-07", 6, "P", "班会")]), ["teacher-day"])
        let weekly = district(schools: [school(classes: [("3-1", .primary), ("3-2", .primary)],
                                               rows: ["3-1,1,5,班会,", "3-2,2,6,班会,"], teachers: [psych("P", week: 1)])])
        XCTAssertEqual(rules(weekly, [lesson("3-1", "2026-09-07", 5, "P", "班会"), lesson("3-2", "2026-09-08", 6, "P", "班会")]), ["teacher-week"])
        XCTAssertTrue(solveAndVerify(weekly).allMet, "two classes, one lesson a week each other week: 2 a month each")
    }

    // At most max_per_week lessons per class in an ISO week.
    func testClassWeeklyLimit() {
        let d = district(schools: [school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,"],
                                          teachers: [psych("P")])]) { $0.lessonsPerMonth = 4 }
        let r = solveAndVerify(d)
        var perWeek: [CivilDate: Int] = [:]
        for l in r.lessons { perWeek[l.date.weekMonday, default: 0] += 1 }
        XCTAssertTrue(perWeek.values.allSatisfy { $0 <= 1 })
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "P", "班会"), lesson("3-1", "2026-09-09", 3, "P", "地方课程")]), ["class-week"])
    }

    // same_teacher: one teacher keeps a class all term; stages: only teachers of the class's stage.
    func testSameTeacherAndStage() {
        let d = district(schools: [school(stages: [.primary, .junior], classes: [("3-1", .primary), ("7-1", .junior)],
                                          rows: ["3-1,1,6,班会,", "7-1,2,6,班会,"],
                                          teachers: [psych("P", week: 1), psych("Q", week: 1), psych("J", .full, [.junior])])])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(Set(r.lessons.filter { $0.classID == "3-1" }.map(\.teacher)).count, 1)
        XCTAssertEqual(Set(r.lessons.filter { $0.classID == "7-1" }.map(\.teacher)), ["J"])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "P", "班会"), lesson("3-1", "2026-09-14", 6, "Q", "班会")]), ["same-teacher"])
        XCTAssertEqual(rules(d, [lesson("7-1", "2026-09-08", 6, "P", "班会")]), ["teacher"])
    }

    // A teacher shared by two schools is never in both at once.
    func testSharedTeacherAcrossSchools() {
        let d = district(schools: [
            school("S01", classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("P")]),
            school("S02", classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("P")]),
        ])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(r.plans.count, 1, "schools sharing a teacher are planned together")
        let days = r.lessons.map(\.date)
        XCTAssertEqual(days.count, Set(days).count)
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "P", "班会"), lesson("3-1", "2026-09-07", 6, "P", "班会", school: "S02")]), ["teacher-clash"])
    }

    // Exam days take no lesson; month_minimum overrides lessons_per_month.
    func testExamDaysAndMonthOverride() {
        let exams = ["2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23"].map { CalendarEntry(date: date($0), kind: .exam) }
        let d = district(calendar: exams, schools: [school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,"],
                                                           teachers: [psych("P")])]) { $0.monthMinimum = ["2026-10": 3] }
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(r.months.first { $0.month == "2026-10" }?.required, 3)
        XCTAssertGreaterThanOrEqual(r.months.first { $0.month == "2026-10" }?.scheduled ?? 0, 3)
        XCTAssertFalse(r.lessons.contains { exams.map(\.date).contains($0.date) })
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-10-19", 6, "P", "班会")]), ["calendar"])
    }

    // A short month is reported, never silently lowered: the verifier fails it without allowShort.
    func testShortMonthIsAViolation() {
        let d = district(schools: [school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("P")])])
        let v = Verifier.check(d, [lesson("3-1", "2026-09-07", 6, "P", "班会")])
        XCTAssertTrue(v.contains { $0.rule == "month-minimum" && $0.message.contains("2026-09") })
    }
}
