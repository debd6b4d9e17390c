import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// The Lagrangian bound is a bound: on small schools it never exceeds the optimum of the full
/// term model (teachers free, every preference, the least shortfall) that GLPK proves, and it is
/// at least as strong as pricing nothing (each class alone with its real teachers).
final class LagrangianBoundTests: XCTestCase {
    /// The full model's optimum at the least shortfall, solved exactly (nil: not proven in time).
    static func exactOptimum(_ inst: Instance, solver: GLPKSolver) -> (shortfall: Int, cost: Double)? {
        let feas = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: false, preferredSlot: nil,
                                                 shortfallWeight: 1, shortfallCap: nil), name: "least")
        let r1 = solver.solve(feas.model, options: SolveOptions(timeLimit: 30))
        guard r1.status == .optimal, let k = r1.objective else { return nil }
        let shortfall = Int(k.rounded())
        let full = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                                 shortfallWeight: 0, shortfallCap: Double(shortfall)), name: "full")
        let r2 = solver.solve(full.model, options: SolveOptions(timeLimit: 60))
        guard r2.status == .optimal, let obj = r2.objective else { return nil }
        return (shortfall, obj / full.objectiveScale)
    }

    func testNeverAboveTheExactOptimumOnRandomSmallSchools() {
        let solver = GLPKSolver()
        var checked = 0, raised = 0
        for seed in 1...24 as ClosedRange<UInt64> {
            let d = ExactnessTests.randomDistrict(seed)
            let inst = Instance(district: d, schools: d.schools)
            guard let exact = Self.exactOptimum(inst, solver: solver) else { continue }
            let counting = countingShortfallBound(inst)
            guard let zero = lagrangianBound(inst, shortfall: exact.shortfall, counting: counting, upper: exact.cost,
                                             solver: solver, rounds: 1, timeLimit: 60),
                  let lr = lagrangianBound(inst, shortfall: exact.shortfall, counting: counting, upper: exact.cost,
                                           solver: solver, rounds: 30, timeLimit: 60) else {
                XCTFail("seed \(seed): no bound"); continue
            }
            XCTAssertLessThanOrEqual(lr.bound, exact.cost + 1e-6, "seed \(seed): a bound never exceeds the optimum")
            XCTAssertGreaterThanOrEqual(lr.bound, zero.bound - 1e-9, "seed \(seed): the rounds only raise it")
            if lr.bound > zero.bound + 1e-6 { raised += 1 }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 15, "most random schools are proven by GLPK")
        XCTAssertGreaterThan(raised, 0, "pricing the coupling rows raises the bound on some school")
    }

    /// Two classes, one teacher, one cheap period they share: alone, each class takes it; the
    /// teacher's one-place row, once priced, makes one of them pay for another period.
    func testPricingTheTeacherRowSeesTheConflict() throws {
        let rows = ["c1,1,1,地方课程,,", "c2,1,1,地方课程,,", "c1,2,2,班会,,", "c2,3,2,班会,,"]
        let d = district(start: "2026-09-14", end: "2026-10-16",
                         schools: [school(periods: 4, classes: [("c1", .primary), ("c2", .primary)], rows: rows,
                                          teachers: [psych("P", week: 2)])]) { $0.sameTeacher = true }
        let inst = Instance(district: d, schools: d.schools)
        let solver = GLPKSolver()
        let exact = try XCTUnwrap(Self.exactOptimum(inst, solver: solver))
        let counting = countingShortfallBound(inst)
        let zero = try XCTUnwrap(lagrangianBound(inst, shortfall: exact.shortfall, counting: counting, upper: exact.cost,
                                                 solver: solver, rounds: 1, timeLimit: 60))
        let lr = try XCTUnwrap(lagrangianBound(inst, shortfall: exact.shortfall, counting: counting, upper: exact.cost,
                                               solver: solver, rounds: 40, timeLimit: 60))
        XCTAssertLessThan(zero.bound, exact.cost - 1e-6, "alone, both classes take the shared cheap period")
        XCTAssertLessThanOrEqual(lr.bound, exact.cost + 1e-6)
        XCTAssertGreaterThan(lr.bound, zero.bound + 1e-6, "the priced row raises the bound")
    }

    func testSameInputSameBound() throws {
        let d = ExactnessTests.randomDistrict(7)
        let inst = Instance(district: d, schools: d.schools)
        let solver = GLPKSolver()
        let exact = try XCTUnwrap(Self.exactOptimum(inst, solver: solver))
        func bound() -> LagrangianBound? {
            lagrangianBound(inst, shortfall: exact.shortfall, counting: countingShortfallBound(inst), upper: exact.cost,
                            solver: solver, rounds: 10, timeLimit: nil)
        }
        let a = try XCTUnwrap(bound()), b = try XCTUnwrap(bound())
        XCTAssertEqual(a.bound, b.bound)
        XCTAssertEqual(a.rounds, b.rounds)
        XCTAssertEqual(a.placements, b.placements)
    }

    /// Run to convergence, the bound is the LP of the pattern formulation, which is never weaker
    /// than the LP relaxation of the full term model (Geoffrion: each class's own rows are kept
    /// whole, not relaxed), with the rule the bound drops (replaced rows) dropped there too; and
    /// the LP's limit is never below the bound it limits.
    func testConvergedBoundIsAtLeastTheLPRelaxation() {
        let solver = GLPKSolver()
        var converged = 0, aboveLP = 0
        for seed in 1...16 as ClosedRange<UInt64> {
            let d = ExactnessTests.randomDistrict(seed)
            let inst = Instance(district: d, schools: d.schools)
            guard let exact = Self.exactOptimum(inst, solver: solver) else { continue }
            let counting = countingShortfallBound(inst)
            guard let lr = lagrangianBound(inst, shortfall: exact.shortfall, counting: counting, upper: exact.cost + 1_000,
                                           solver: solver, rounds: 200, timeLimit: 120, stallRounds: nil) else {
                XCTFail("seed \(seed): no bound"); continue
            }
            XCTAssertLessThanOrEqual(lr.bound, exact.cost + 1e-6, "seed \(seed)")
            if let limit = lr.limit { XCTAssertGreaterThanOrEqual(limit, lr.bound - 1e-6, "seed \(seed)") }
            guard lr.converged else { continue }
            converged += 1
            var open = inst
            open.classes = inst.classes.map { c in
                var c = c
                c.candidates = c.candidates.map { k in
                    var k = k
                    k.options = k.options.map { Instance.Option(teacher: $0.teacher, requires: []) }
                    return k
                }
                return c
            }
            let full = TermModel(open, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                                     shortfallWeight: 0, shortfallCap: Double(exact.shortfall)), name: "lp")
            var o = SolveOptions(timeLimit: 60)
            o.relaxationOnly = true
            let r = solver.solve(full.model, options: o)
            guard r.status == .optimal, let lp = r.objective else { XCTFail("seed \(seed): no LP"); continue }
            XCTAssertGreaterThanOrEqual(lr.bound, lp / full.objectiveScale - 1e-6, "seed \(seed): pattern LP ≥ compact LP")
            if lr.bound > lp / full.objectiveScale + 1e-6 { aboveLP += 1 }
        }
        XCTAssertGreaterThan(converged, 10, "most random schools converge in 200 rounds")
        XCTAssertGreaterThan(aboveLP, 0, "the pattern LP is stronger than the compact LP on some school")
    }
}
