import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// Branch-and-price over the Lagrangian bound: on small schools whose optimum GLPK proves on the
/// full term model (an independent computation), its bound never exceeds the optimum, never
/// falls below the root's, and where the root's pattern LP is fractional, branching raises it.
final class BranchAndPriceTests: XCTestCase {
    /// The full model's optimal schedule at the least shortfall (nil: not proven in time).
    static func exactSchedule(_ inst: Instance, solver: GLPKSolver) -> (shortfall: Int, cost: Double, schedule: [Placement])? {
        guard let exact = LagrangianBoundTests.exactOptimum(inst, solver: solver) else { return nil }
        let full = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                                 shortfallWeight: 0, shortfallCap: Double(exact.shortfall)), name: "full")
        let r = solver.solve(full.model, options: SolveOptions(timeLimit: 60))
        guard r.status == .optimal else { return nil }
        let schedule = full.placements(r.values)
        guard abs(inst.score(schedule).total - exact.cost) < 1e-6 else { return nil }
        return (exact.shortfall, exact.cost, schedule)
    }

    /// The root converged, its bound and the branch-and-price result (nil: no converged root).
    static func run(_ inst: Instance, _ exact: (shortfall: Int, cost: Double, schedule: [Placement]), solver: GLPKSolver,
                    nodes: Int = 40) -> (root: LagrangianBound, bp: BranchAndPriceResult)? {
        let counting = countingShortfallBound(inst)
        guard let root = lagrangianBound(inst, shortfall: exact.shortfall, counting: counting, upper: exact.cost, solver: solver,
                                         rounds: 200, timeLimit: 120, incumbent: exact.schedule, stallRounds: nil),
              root.converged || root.bound >= exact.cost - 1e-6 else { return nil }
        let bp = branchAndPrice(inst, root: root, shortfall: exact.shortfall, counting: counting, incumbent: exact.schedule,
                                solver: solver, gap: 0, nodes: nodes, timeLimit: 120)
        return (root, bp)
    }

    func testNeverAboveTheOptimumAndRaisesFractionalRoots() {
        let solver = GLPKSolver()
        var checked = 0, fractional = 0, raised = 0, closed = 0
        for seed in 1...24 as ClosedRange<UInt64> {
            let d = ExactnessTests.randomDistrict(seed)
            let inst = Instance(district: d, schools: d.schools)
            guard let exact = Self.exactSchedule(inst, solver: solver), let r = Self.run(inst, exact, solver: solver) else { continue }
            let root = r.root, bp = r.bp
            checked += 1
            XCTAssertLessThanOrEqual(bp.bound.bound, exact.cost + 1e-6, "seed \(seed): a bound never exceeds the optimum")
            XCTAssertGreaterThanOrEqual(bp.bound.bound, root.bound - 1e-9, "seed \(seed): branching only raises it")
            if let s = bp.schedule {
                XCTAssertTrue(inst.keepsEveryRule(s, shortfall: exact.shortfall), "seed \(seed)")
                XCTAssertGreaterThanOrEqual(inst.score(s).total, exact.cost - 1e-6, "seed \(seed): nothing beats the optimum")
            }
            guard root.bound < exact.cost - 1e-6 else {
                XCTAssertEqual(bp.nodes, 0, "seed \(seed): a closed root needs no branching")
                continue
            }
            fractional += 1
            XCTAssertGreaterThan(bp.nodes, 0, "seed \(seed): an open root is branched")
            // The node limit is named only when the search stopped there with nodes still open.
            if let limit = bp.nodeLimitReached {
                XCTAssertEqual(limit, 40, "seed \(seed)")
                XCTAssertTrue(!bp.closed && bp.open > 0 && bp.nodes + 2 > limit, "seed \(seed)")
            } else {
                XCTAssertTrue(bp.closed || bp.nodes + 2 <= 40 || bp.open == 0, "seed \(seed)")
            }
            if bp.bound.bound > root.bound + 1e-6 { raised += 1 }
            if bp.bound.bound >= exact.cost - 1e-6 { closed += 1 }
        }
        XCTAssertGreaterThan(checked, 12, "most random schools are proven by GLPK and converge")
        XCTAssertGreaterThan(fractional, 0, "some school's root pattern LP is fractional (branching exercised)")
        XCTAssertGreaterThan(raised, 0, "branching raises a fractional root's bound")
        XCTAssertGreaterThan(closed, 0, "branching closes the gap on some school")
    }

    func testSameInputSameResult() throws {
        let solver = GLPKSolver()
        for seed in 1...40 as ClosedRange<UInt64> {
            let d = ExactnessTests.randomDistrict(seed)
            let inst = Instance(district: d, schools: d.schools)
            guard let exact = Self.exactSchedule(inst, solver: solver), let a = Self.run(inst, exact, solver: solver, nodes: 6),
                  a.root.bound < exact.cost - 1e-6 else { continue }
            let b = try XCTUnwrap(Self.run(inst, exact, solver: solver, nodes: 6))
            XCTAssertEqual(a.bp.bound.bound, b.bp.bound.bound)
            XCTAssertEqual(a.bp.nodes, b.bp.nodes)
            XCTAssertEqual(a.bp.open, b.bp.open)
            return
        }
        XCTFail("no school with a fractional root among the seeds")
    }

    /// The two sides of a rule split a class's patterns: each pattern is admitted by exactly one.
    func testTheTwoSidesOfARuleSplitThePatterns() {
        func pattern(_ ci: Int, _ lessons: [(Int, Int)]) -> Pattern {
            Pattern(classIndex: ci, cost: 0, rows: [], load: [], missing: 0,
                    placements: lessons.map { Placement(classIndex: ci, candidate: $0.0, teacher: $0.1) })
        }
        let set = [Placement(classIndex: 1, candidate: 2, teacher: 0), Placement(classIndex: 1, candidate: 5, teacher: 0)]
        let uses = BranchRule(classIndex: 1, lessons: set, used: true), not = BranchRule(classIndex: 1, lessons: set, used: false)
        let patterns = [pattern(1, []), pattern(1, [(2, 0)]), pattern(1, [(2, 1), (5, 1)]), pattern(1, [(3, 0), (5, 0)]), pattern(0, [(2, 0)])]
        for p in patterns where p.classIndex == 1 { XCTAssertNotEqual(uses.admits(p), not.admits(p)) }
        XCTAssertEqual(patterns.map(uses.admits), [false, true, false, true, true])
        XCTAssertTrue(not.admits(patterns[4]), "another class's pattern keeps every rule of this one")
    }
}
