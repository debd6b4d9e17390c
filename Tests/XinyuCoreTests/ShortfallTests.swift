import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// When a minimum cannot be met: the most lessons are still placed, the shortfall is proven
/// least, and each short class-month is explained in words a dean understands.
final class ShortfallTests: XCTestCase {
    // A January with one teaching week before exams cannot hold 2 lessons at 1 a week.
    func testOneWeekJanuaryIsCalendarBound() {
        let cal = [CalendarEntry(date: date("2027-01-01"), kind: .holiday)]
            + (11...15).map { CalendarEntry(date: date("2027-01-\($0)"), kind: .exam) }
        let d = district(start: "2026-12-07", end: "2027-01-15", calendar: cal,
                         schools: [school(classes: [("3-1", .primary), ("3-2", .primary)], rows: ["3-1,1,6,班会,", "3-2,2,6,班会,"],
                                          teachers: [psych("P")])])
        let r = solveAndVerify(d)
        XCTAssertFalse(r.allMet)
        XCTAssertEqual(r.shortfall, 2, "one lesson short per class in January")
        XCTAssertTrue(r.plans[0].shortfallProven)
        XCTAssertEqual(r.shortfalls.map(\.month), ["2027-01", "2027-01"])
        let reason = r.shortfalls[0].reasons[0]
        XCTAssertTrue(reason.en.contains("only 1 week"), reason.en)
        XCTAssertTrue(reason.en.contains("whatever the staffing"), reason.en)
        XCTAssertTrue(reason.zh.contains("与师资无关"), reason.zh)
        XCTAssertEqual(r.months.first { $0.classID == "3-1" && $0.month == "2027-01" }?.scheduled, 1, "the one possible lesson is still placed")
    }

    // One teacher at 1 lesson a week cannot give 4 classes 2 lessons each a month.
    func testStaffingShortageIsExplainedWithCapacity() {
        let d = district(start: "2026-09-07", end: "2026-09-30",
                         schools: [school(classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary), ("3-4", .primary)],
                                          rows: ["3-1,1,6,班会,", "3-2,2,6,班会,", "3-3,3,6,班会,", "3-4,4,6,班会,"],
                                          teachers: [psych("T05", week: 1)])])
        let r = solveAndVerify(d)
        XCTAssertEqual(r.lessons.count, 4, "one lesson a week for four weeks")
        XCTAssertEqual(r.shortfall, 4)
        XCTAssertTrue(r.plans[0].shortfallProven)
        let text = r.shortfalls.flatMap(\.reasons).map(\.en).joined(separator: " ")
        XCTAssertTrue(text.contains("can give at most 4"), text)
        XCTAssertTrue(text.contains("T05"), text)
    }

    // Three classes whose only period is Monday's 6th share one teacher there: in September's four
    // Mondays they get 4 of their 6 lessons. Counting the teacher's periods (8 a month, 8 needed)
    // cannot see it; the flow over the term's slots proves the 2 missing, with no exact search.
    func testClassesAtTheSameTimeCannotShareOneTeacher() {
        let d = district(start: "2026-09-07", end: "2026-09-30",
                         schools: [school(classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary), ("3-4", .primary)],
                                          rows: ["3-1,1,6,班会,", "3-2,1,6,班会,", "3-3,1,6,班会,", "3-4,2,6,班会,"],
                                          teachers: [psych("P")])])
        let inst = Instance(district: d, schools: d.schools)
        XCTAssertEqual(countingShortfallBound(inst).total, 0)
        XCTAssertEqual(flowShortfallBound(inst), 2)
        let r = solveAndVerify(d)
        XCTAssertEqual(r.shortfall, 2)
        XCTAssertEqual(r.lessons.count, 6, "one class on each of four Mondays, the fourth class on two Tuesdays")
        XCTAssertTrue(r.plans[0].shortfallProven)
        XCTAssertFalse(r.plans[0].stages.contains { $0.name == "exact" }, "proven by the flow, not by search")
    }

    func testNoTeacherForStageAndNoDisplaceablePeriod() {
        let d = district(start: "2026-09-07", end: "2026-09-30",
                         schools: [school(stages: [.primary, .junior], classes: [("3-1", .primary), ("7-1", .junior)],
                                          rows: ["3-1,1,1,语文,X", "7-1,2,6,班会,"], teachers: [psych("P")])])
        let r = solveAndVerify(d)
        let byClass = Dictionary(grouping: r.shortfalls, by: \.classID)
        XCTAssertTrue(byClass["7-1"]?[0].reasons[0].en.contains("no psychology teacher") ?? false)
        XCTAssertTrue(byClass["3-1"]?[0].reasons[0].en.contains("no displaceable period") ?? false)
        XCTAssertTrue(byClass["7-1"]?[0].reasons[0].zh.contains("初中") ?? false)
    }
}
