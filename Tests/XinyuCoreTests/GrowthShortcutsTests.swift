import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// The growth work of 2026-12-01 (benchmarks/results/2026-12-01-growth-2.md): the rhythm plan
/// model's blocks (one per pool of classes and eligible teachers), and the "each class alone" bound without
/// the solves that cannot change it. Both must give what the whole computation gives.
final class GrowthShortcutsTests: XCTestCase {
    /// Three primary classes for P (one lesson a week at most) and two junior classes for Q.
    func twoPoolInstance() -> Instance {
        let d = district(schools: [school(stages: [.primary, .junior],
                                          classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary), ("7-1", .junior), ("7-2", .junior)],
                                          rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,1,6,班会,", "3-2,2,2,地方课程,", "3-3,1,6,班会,",
                                                 "7-1,2,6,班会,", "7-1,4,3,地方课程,", "7-2,2,6,班会,", "7-2,5,1,地方课程,"],
                                          teachers: [psych("P", .full, [.primary], week: 1), psych("Q", .full, [.junior])])])
        return Instance(district: d, schools: d.schools)
    }

    func testRhythmPlanInBlocksEqualsTheWholeModel() throws {
        let inst = twoPoolInstance()
        let built = RhythmPlan.model(inst)
        let blocks = built.model.blocks()
        XCTAssertEqual(blocks.count, 2, "one block per pool: P's primary classes, Q's junior classes")
        // No block holds the z columns of both teachers.
        for b in blocks {
            let cols = Set(b.columns)
            let teachers = Set(built.z.flatMap { zs in zs.filter { cols.contains($0.value) }.map(\.key) })
            XCTAssertEqual(teachers.count, 1)
        }
        let solver = GLPKSolver()
        let whole = solver.solve(built.model, options: SolveOptions(timeLimit: 30))
        var o = SolveOptions(timeLimit: 30)
        o.blocks = BlockSplit()
        let parts = solver.solveByBlocks(built.model, options: o)
        XCTAssertEqual(whole.status, .optimal)
        XCTAssertEqual(parts.status, .optimal, parts.reason)
        XCTAssertEqual(parts.blocks, 2)
        XCTAssertEqual(parts.objective ?? .nan, whole.objective ?? 0, accuracy: 1e-6)
        XCTAssertLessThanOrEqual(built.model.maxViolation(parts.values), 1e-6)

        // The plan itself (solved whole): every class has a teacher of its stage.
        let plan = RhythmPlan(inst, solver: solver, options: SolveOptions(timeLimit: 30))
        XCTAssertEqual(plan.result.objective ?? .nan, whole.objective ?? 0, accuracy: 1e-6)
        for (ci, c) in inst.classes.enumerated() {
            let t = try XCTUnwrap(plan.teacherOf[ci])
            XCTAssertEqual(inst.teachers[t].id, c.stage == .primary ? "P" : "Q")
        }
    }

    /// The bound as computed before the shortcuts: both passes, every class solved.
    func unshortened(_ inst: Instance, shortfall: Int, counting: (total: Int, allowance: [[Int]]), solver: MIPSolver) -> Double? {
        let big = 10_000.0
        var least = 0, costAtLeast = 0.0
        let relaxed = inst.classes.indices.map(inst.relaxedClass)
        for one in relaxed {
            let tm = TermModel(one, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                                  shortfallWeight: big, shortfallCap: nil), name: "ref")
            let r = solver.solve(tm.model, options: SolveOptions(timeLimit: 30))
            guard r.status == .optimal, let obj = r.objective else { return nil }
            let k = tm.totalShortfallColumns.reduce(0.0) { $0 + r.values[$1] }.rounded()
            least += Int(k)
            costAtLeast += obj / tm.objectiveScale - big * k
        }
        if least == shortfall { return costAtLeast }
        var total = 0.0
        for (ci, one) in relaxed.enumerated() {
            var spec = TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                     shortfallWeight: 0, shortfallCap: Double(min(shortfall, one.required)))
            if counting.total == shortfall { spec.shortfallUpper = [counting.allowance[ci]] }
            let tm = TermModel(one, spec, name: "ref_cap")
            let r = solver.solve(tm.model, options: SolveOptions(timeLimit: 30))
            guard r.status == .optimal, let b = r.bound else { return nil }
            total += b / tm.objectiveScale
        }
        return total
    }

    func testClassBoundShortcutsKeepTheBound() throws {
        let inst = twoPoolInstance()
        let solver = GLPKSolver()
        let counting = countingShortfallBound(inst)
        XCTAssertGreaterThan(counting.total, 0, "P's one lesson a week cannot serve three classes")
        let requiredMost = inst.classes.indices.map { inst.relaxedClass($0).required }.max() ?? 0
        // At the counted shortfall (allowances per month), one above it, at each class's whole
        // requirement and beyond (every class may miss everything: cost 0 without a solve).
        var seen: Set<Double> = []
        for shortfall in [0, counting.total, counting.total + 1, requiredMost, inst.required] {
            let fast = try XCTUnwrap(classDecomposedBound(inst, shortfall: shortfall, counting: counting, solver: solver, timeLimit: 30))
            let slow = try XCTUnwrap(unshortened(inst, shortfall: shortfall, counting: counting, solver: solver))
            XCTAssertEqual(fast, slow, accuracy: 1e-6, "shortfall \(shortfall)")
            seen.insert((slow * 1000).rounded())
        }
        XCTAssertGreaterThan(seen.count, 1, "the cases give different bounds (the test can tell them apart)")
        XCTAssertGreaterThan(try XCTUnwrap(classDecomposedBound(inst, shortfall: 0, counting: counting, solver: solver, timeLimit: 30)), 0)
        XCTAssertEqual(try XCTUnwrap(classDecomposedBound(inst, shortfall: inst.required, counting: counting, solver: solver, timeLimit: 30)), 0)
    }

    func testFreeAloneOnlyWhenTheEmptyScheduleIsAllowed() {
        let inst = twoPoolInstance()
        let one = inst.relaxedClass(0)
        let minimum = one.classes[0].minimum.map { $0 ?? 0 }
        XCTAssertGreaterThan(one.required, 0)
        XCTAssertTrue(freeAlone(one, shortfall: one.required, allowance: nil))
        XCTAssertTrue(freeAlone(one, shortfall: one.required, allowance: minimum))
        XCTAssertFalse(freeAlone(one, shortfall: one.required - 1, allowance: nil))
        var short = minimum
        if let m = short.firstIndex(where: { $0 > 0 }) { short[m] -= 1 }
        XCTAssertFalse(freeAlone(one, shortfall: one.required, allowance: short))
        XCTAssertFalse(freeAlone(inst, shortfall: inst.required, allowance: nil), "a whole school is not one class")
    }
}
