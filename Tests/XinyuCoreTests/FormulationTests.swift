import XCTest
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// Row tests of the term model, family by family, without a solver (in the manner of Timefold's
/// constraint tests): a hand-made two-class instance, the columns and ONE family built, and that
/// family's rows checked: how many, over which columns, with which bounds.
final class FormulationTests: XCTestCase {
    /// Two primary classes sharing the displaceable Monday period 6 (3-1 also has Wednesday 3),
    /// September 7 – October 30 2026 (eight teaching weeks, two months).
    func twoClasses(teachers: [Teacher] = [psych("P")], configure: (inout Policy) -> Void = { _ in }) -> Instance {
        let d = district(schools: [school(classes: [("3-1", .primary), ("3-2", .primary)],
                                          rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,1,6,班会,"],
                                          teachers: teachers)], configure: configure)
        return Instance(district: d, schools: d.schools)
    }

    func spec(preferences: Bool = false, credit: [[Int]]? = nil) -> TermModelSpec {
        var s = TermModelSpec(fixedTeacher: nil, preferences: preferences, preferredSlot: nil,
                              shortfallWeight: 1000, shortfallCap: nil)
        s.credit = credit
        return s
    }

    /// The builder with its columns and only `family` built; the rows the family added.
    func build(_ inst: Instance, _ spec: TermModelSpec, _ family: (inout TermModelBuilder) -> Void)
        -> (builder: TermModelBuilder, rows: [Constraint]) {
        var b = TermModelBuilder(inst, spec, name: "test")
        b.addLessonColumns()
        b.addShortfallColumns()
        b.groupColumns()
        XCTAssertEqual(b.m.constraintCount, 0, "columns alone add no rows")
        family(&b)
        return (b, b.m.constraints)
    }

    /// x columns of class `ci` (all candidates and teachers).
    func xColumns(_ b: TermModelBuilder, class ci: Int) -> Set<Int> {
        Set(b.cols.xs.filter { $0.classIndex == ci }.map(\.column))
    }

    func month(_ inst: Instance, _ b: TermModelBuilder, _ x: TermModel.XVar) -> Int {
        inst.days[inst.classes[x.classIndex].candidates[x.candidate].day].month
    }

    func testMonthlyMinimumOneRowPerClassAndMonth() {
        let inst = twoClasses()
        let (b, rows) = build(inst, spec()) { $0.addMonthlyMinimum() }
        XCTAssertEqual(rows.count, inst.classes.count * inst.months.count)
        for r in rows {
            XCTAssertTrue(r.name.hasPrefix("min_"))
            let s = r.variables.last!
            let (ci, mi) = b.shortfall.enumerated().lazy.compactMap { ci, row in row.firstIndex(of: s).map { (ci, $0) } }.first!
            XCTAssertEqual(r.lower, Double(inst.classes[ci].minimum[mi]!), "the class-month's minimum")
            let xs = Set(b.cols.xs.filter { $0.classIndex == ci && month(inst, b, $0) == mi }.map(\.column))
            XCTAssertEqual(Set(r.variables.dropLast()), xs, "every lesson of that class and month counts")
            XCTAssertTrue(r.coefficients.allSatisfy { $0 == 1 })
        }
    }

    func testMonthlyMinimumLessTheCredit() {
        let inst = twoClasses()
        let credit = inst.classes.map { c in c.minimum.map { $0 == nil ? 0 : 1 } }
        let (b, rows) = build(inst, spec(credit: credit)) { $0.addMonthlyMinimum() }
        XCTAssertEqual(rows.map(\.lower), b.required.flatMap { $0.compactMap { $0 } }.filter { $0 > 0 }.map(Double.init))
        for (ci, c) in inst.classes.enumerated() {
            for mi in inst.months.indices { XCTAssertEqual(b.required[ci][mi], c.minimum[mi].map { max(0, $0 - 1) }) }
        }
    }

    func testClassOncePerSlotCoversEveryTeacherOption() {
        let inst = twoClasses(teachers: [psych("P"), psych("Q")])
        let (b, rows) = build(inst, spec()) { $0.addClassOncePerSlot() }
        XCTAssertFalse(rows.isEmpty)
        XCTAssertEqual(rows.count, b.cols.atSlot.count, "one row per class and time (two teachers each)")
        for r in rows {
            XCTAssertEqual(r.variables.count, 2)
            XCTAssertEqual(r.upper, 1)
            XCTAssertEqual(Set(r.variables.map { b.cols.xs[$0].classIndex }).count, 1)
        }
    }

    func testClassWeekCapAtMaxPerWeek() {
        let inst = twoClasses()
        let (b, rows) = build(inst, spec()) { $0.addClassWeekCap() }
        // Only 3-1 has two candidate times a week; 3-2's one never exceeds the cap of 1.
        XCTAssertFalse(rows.isEmpty)
        for r in rows {
            XCTAssertEqual(r.upper, 1)
            XCTAssertEqual(r.variables.count, 2)
            XCTAssertTrue(Set(r.variables).isSubset(of: xColumns(b, class: 0)))
        }
    }

    func testTeacherOnePlaceAcrossClasses() {
        let inst = twoClasses()
        let (b, rows) = build(inst, spec()) { $0.addTeacherOnePlace() }
        XCTAssertFalse(rows.isEmpty)
        for r in rows {
            XCTAssertEqual(r.upper, 1)
            XCTAssertEqual(Set(r.variables.map { b.cols.xs[$0].classIndex }), [0, 1], "both classes' Monday-6 lessons")
        }
        let mondays = inst.days.indices.filter { d in b.cols.xs.contains { inst.classes[$0.classIndex].candidates[$0.candidate].day == d && $0.classIndex == 1 } }
        XCTAssertEqual(rows.count, mondays.count)
    }

    func testTeacherDayAndWeekCaps() {
        let inst = twoClasses(teachers: [psych("P", day: 1, week: 1)])
        let day = build(inst, spec()) { $0.addTeacherDayCap() }
        XCTAssertFalse(day.rows.isEmpty)
        XCTAssertTrue(day.rows.allSatisfy { $0.upper == 1 && $0.variables.count == 2 && $0.name.hasPrefix("td_") })
        let week = build(inst, spec()) { $0.addTeacherWeekCap() }
        XCTAssertFalse(week.rows.isEmpty)
        XCTAssertTrue(week.rows.allSatisfy { $0.upper == 1 && $0.variables.count == 3 && $0.name.hasPrefix("tw_") },
                      "a full week holds 3-1's two times and 3-2's one")
        let free = build(twoClasses(), spec()) { $0.addTeacherDayCap(); $0.addTeacherWeekCap() }
        XCTAssertTrue(free.rows.isEmpty, "no limit, no row")
    }

    func testReplacedRowCouplesTheOtherClass() {
        // P has 班会 in 7-1 at 3-1's only time; P teaches 3-1 there only if 7-1's row is replaced.
        let d = district(schools: [school(stages: [.primary, .junior], classes: [("3-1", .primary), ("7-1", .junior)],
                                          rows: ["3-1,1,6,地方课程,", "7-1,1,6,班会,P"],
                                          teachers: [psych("P", .part), psych("Q", .full, [.junior])])])
        let inst = Instance(district: d, schools: d.schools)
        let (b, rows) = build(inst, spec()) { $0.addReplacedRows() }
        XCTAssertFalse(rows.isEmpty)
        for r in rows {
            XCTAssertEqual(r.upper, 0)
            let x = b.cols.xs[r.variables[0]]
            XCTAssertEqual(r.coefficients[0], 1)
            XCTAssertEqual(inst.teachers[x.teacher].id, "P")
            let others = r.variables.dropFirst().map { b.cols.xs[$0] }
            XCTAssertFalse(others.isEmpty)
            XCTAssertTrue(others.allSatisfy { $0.classIndex != x.classIndex }, "the other class's lessons at that time")
            XCTAssertTrue(r.coefficients.dropFirst().allSatisfy { $0 == -1 })
        }
    }

    func testSameTeacherLinksLessonsToOneChoice() {
        let inst = twoClasses(teachers: [psych("P"), psych("Q")])
        let (b, rows) = build(inst, spec()) { $0.addSameTeacher() }
        XCTAssertEqual(b.helpers.teacherOfClass.count, 4, "a z per class and teacher")
        let choose = rows.filter { $0.name.hasPrefix("zc_") }
        XCTAssertEqual(choose.count, 2)
        XCTAssertTrue(choose.allSatisfy { $0.upper == 1 && $0.variables.count == 2 })
        for r in rows where r.name.hasPrefix("zl_") {
            let z = r.variables.last!
            XCTAssertEqual(r.coefficients.last, -1, "max_per_week 1 lesson per week under z")
            let teachers = Set(r.variables.dropLast().map { b.cols.xs[$0].teacher })
            XCTAssertEqual(teachers.count, 1)
            let ci = b.cols.xs[r.variables[0]].classIndex
            XCTAssertEqual(b.helpers.teacherOfClass[ci * 2 + teachers.first!], z)
        }
        let fixed = build(inst, TermModelSpec(fixedTeacher: [0, 0], preferences: false, preferredSlot: nil,
                                              shortfallWeight: 1, shortfallCap: nil)) { $0.addSameTeacher() }
        XCTAssertTrue(fixed.rows.isEmpty, "teachers given in advance need no choice")
    }

    func testRhythmCountsLessonsInTheRegularSlot() {
        let inst = twoClasses()
        let (b, rows) = build(inst, spec(preferences: true)) { $0.addRhythm() }
        XCTAssertEqual(rows.filter { $0.name.hasPrefix("u1_") }.count, 2, "one regular slot per class")
        XCTAssertEqual(b.helpers.regularSlot[0]?.count, 4, "3-1: Monday 6 and Wednesday 3, in odd and even weeks")
        XCTAssertEqual(b.helpers.regularSlot[1]?.count, 2, "3-2: Monday 6, in odd and even weeks")
        let onRows = rows.filter { $0.name.hasPrefix("onx_") }
        XCTAssertEqual(onRows.count, b.helpers.onRegularSlot.count, "an `on` per class and lesson time")
        for r in onRows {
            XCTAssertEqual(r.upper, 0)
            XCTAssertEqual(r.coefficients.dropFirst().count, 1, "one teacher: on ≤ the one x at that time")
        }
        for r in rows where r.name.hasPrefix("onu_") {
            XCTAssertEqual(r.coefficients, [1, -1], "on ≤ u of its weekly slot")
        }
        let w = inst.preferences
        for x in b.cols.xs {
            let displacement = b.cost(w.displacement * inst.classes[x.classIndex].candidates[x.candidate].cost)
            XCTAssertEqual(b.m.variables[x.column].objective, displacement + b.cost(w.rhythm), "each lesson costs rhythm; its `on` earns it back")
        }
    }

    func testSpreadChargesSevenDayWindows() {
        let inst = twoClasses()
        let (b, rows) = build(inst, spec(preferences: true)) { $0.addSpread() }
        // Only 3-1 has two lesson days within seven days (Monday and Wednesday).
        XCTAssertFalse(rows.isEmpty)
        XCTAssertEqual(rows.count, b.helpers.excess.count)
        for (r, e) in zip(rows, b.helpers.excess) {
            XCTAssertEqual(r.variables.last, e.column)
            XCTAssertEqual(r.coefficients.last, -1)
            XCTAssertEqual(r.upper, 1, "the first lesson in a window is free")
            XCTAssertTrue(Set(r.variables.dropLast()).isSubset(of: xColumns(b, class: 0)))
        }
    }

    func testLoadBalanceRowPerTeacher() {
        let inst = twoClasses(teachers: [psych("P", week: 2), psych("Q", week: 6)])
        let (b, rows) = build(inst, spec(preferences: true)) { $0.addLoadBalance() }
        XCTAssertEqual(rows.count, 2)
        let capTotal = 8.0
        for (t, r) in rows.enumerated() {
            XCTAssertEqual(Set(r.variables.dropLast()), Set(b.cols.xs.filter { $0.teacher == t }.map(\.column)))
            XCTAssertTrue(r.coefficients.dropLast().allSatisfy { $0 == capTotal })
            XCTAssertEqual(r.upper, (Double([2, 6][t]) * Double(inst.required)).rounded(), "fair share × C")
        }
        let solo = build(twoClasses(), spec(preferences: true)) { $0.addLoadBalance() }
        XCTAssertTrue(solo.rows.isEmpty, "one teacher: nothing to balance")
    }

    /// The warm start sets every helper column by its handle: the assignment of any placements
    /// violates no row of the whole model (shortfalls absorb what is missing).
    func testAssignmentSatisfiesEveryRow() {
        let inst = twoClasses(teachers: [psych("P"), psych("Q", week: 3)])
        let tm = TermModel(inst, spec(preferences: true), name: "test")
        var used: Set<Int> = []
        var placements: [Placement] = []
        // 3-1 with P, at most one lesson a week (3-2 left short: its shortfalls take the rest).
        for x in tm.xs where x.teacher == 0 && x.classIndex == 0 {
            let week = inst.days[inst.classes[0].candidates[x.candidate].day].isoWeek
            guard used.insert(week).inserted else { continue }
            placements.append(Placement(classIndex: x.classIndex, candidate: x.candidate, teacher: x.teacher))
        }
        let values = tm.assignment(inst, placements)
        XCTAssertEqual(tm.placements(values), placements.sorted())
        XCTAssertLessThanOrEqual(tm.model.maxViolation(values), 1e-9)
    }
}
