import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack

/// The one-teacher bound (`assignmentShortfallBound`): with same_teacher a teacher's month is
/// used by whole classes, which counting, the flow and the LP cannot see.
final class AssignmentBoundTests: XCTestCase {
    /// Three weeks, three classes at three different times, two teachers of one lesson a week:
    /// 6 lessons needed, 6 teacher-periods, so counting and the flow see no shortfall. But with one
    /// teacher per class, one teacher keeps two classes (4 lessons in 3 weeks): one is missed.
    func threeClassesTwoTeachers(sameTeacher: Bool) -> District {
        district(start: "2026-09-07", end: "2026-09-25",
                 schools: [school(classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary)],
                                  rows: ["3-1,1,6,班会,", "3-2,2,6,班会,", "3-3,3,6,班会,"],
                                  teachers: [psych("A", week: 1), psych("B", week: 1)])]) { $0.sameTeacher = sameTeacher }
    }

    func testWholeClassesPerTeacherProveOneMissing() {
        let d = threeClassesTwoTeachers(sameTeacher: true)
        let inst = Instance(district: d, schools: d.schools)
        XCTAssertEqual(inst.required, 6)
        XCTAssertEqual(countingShortfallBound(inst).total, 0)
        XCTAssertEqual(flowShortfallBound(inst), 0)
        XCTAssertEqual(assignmentShortfallBound(inst, solver: GLPKSolver()), 1)
        let r = solveAndVerify(d)
        XCTAssertEqual(r.shortfall, 1)
        XCTAssertTrue(r.plans[0].shortfallProven)
        XCTAssertFalse(r.plans[0].stages.contains { $0.name == "exact" }, "proven by the bound, not by search")
    }

    func testWithoutSameTeacherTheBoundIsZeroAndNothingIsMissed() {
        let d = threeClassesTwoTeachers(sameTeacher: false)
        let inst = Instance(district: d, schools: d.schools)
        XCTAssertEqual(assignmentShortfallBound(inst, solver: GLPKSolver()), 0)
        XCTAssertEqual(solveAndVerify(d).shortfall, 0)
    }

    /// A class no teacher can take misses all its lessons; the bound counts them.
    func testAClassWithoutATeacherMissesEverything() {
        let d = district(start: "2026-09-07", end: "2026-09-25",
                         schools: [school(classes: [("3-1", .primary), ("7-1", .junior)], rows: ["3-1,1,6,班会,", "7-1,2,6,班会,"],
                                          teachers: [psych("A", week: 1)])])
        let inst = Instance(district: d, schools: d.schools)
        XCTAssertEqual(assignmentShortfallBound(inst, solver: GLPKSolver()), inst.classes[1].minimum.reduce(0) { $0 + ($1 ?? 0) })
    }

    /// One week across a month's end (Tue 29 September, Thu 1 October) and a teacher of one lesson
    /// a week: one lesson in all, though each month's part alone has room for one.
    func testAWeekAcrossTwoMonthsSharesTheWeeklyLimit() {
        let d = district(start: "2026-09-28", end: "2026-10-02",
                         schools: [school(classes: [("3-1", .primary), ("3-2", .primary)], rows: ["3-1,2,6,班会,", "3-2,4,6,班会,"],
                                          teachers: [psych("A", week: 1)])]) { $0.monthMinimum = ["2026-09": 1, "2026-10": 1] }
        let inst = Instance(district: d, schools: d.schools)
        XCTAssertEqual(inst.required, 4)
        XCTAssertEqual(assignmentShortfallBound(inst, solver: GLPKSolver()), 3, "one lesson in the week, four needed")
        XCTAssertEqual(solveAndVerify(d).shortfall, 3)
    }
}
