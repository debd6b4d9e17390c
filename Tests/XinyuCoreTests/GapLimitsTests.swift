import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// The note that says why a group's own gap stays open (benchmarks: "what limits it").
final class GapLimitsTests: XCTestCase {
    func lagrangian(rounds: Int, converged: Bool = false, stalled: Bool = false) -> LagrangianBound {
        var lr = LagrangianBound(bound: 10, rounds: rounds, placements: [], prices: Prices(lambda: [], nu: [], rho: 0),
                                 classOptimum: [])
        (lr.roundsRun, lr.converged, lr.stalled) = (rounds, converged, stalled)
        return lr
    }

    func slots(_ status: SolveStatus, workLimit: Bool) -> StageLog {
        StageLog(name: "preferences-slots", variables: 1, constraints: 1, status: status, objective: nil, bound: nil,
                 seconds: 0, reason: "", workLimitReached: workLimit)
    }

    /// A gap within the solver's gap is closed, whatever ran.
    func testClosedGap() {
        XCTAssertEqual(gapLimitNote(gap: 0, mipGap: 1e-4, work: BoundWork(), stages: []), "closed")
        XCTAssertNotEqual(gapLimitNote(gap: 0.02, mipGap: 1e-4, work: BoundWork(), stages: []), "closed")
    }

    /// Each limit is named: rounds not asked, round limit, convergence, stall, branch-and-price nodes, slot stage.
    func testEachLimitIsNamed() {
        XCTAssertTrue(gapLimitNote(gap: 0.05, mipGap: 0, work: BoundWork(), stages: []).contains("not asked for"))
        var work = BoundWork(roundsAsked: 5, teachersFixed: true)
        XCTAssertTrue(gapLimitNote(gap: 0.05, mipGap: 0, work: work, stages: []).contains("not run (time limit)"))
        work.lagrangian = lagrangian(rounds: 5)
        XCTAssertTrue(gapLimitNote(gap: 0.05, mipGap: 0, work: work, stages: []).contains("5 rounds, round limit"))
        work.lagrangian = lagrangian(rounds: 2, stalled: true)
        XCTAssertTrue(gapLimitNote(gap: 0.05, mipGap: 0, work: work, stages: []).contains("2 rounds, stalled"))
        work.lagrangian = lagrangian(rounds: 3, converged: true)
        var bp = BranchAndPriceResult(bound: lagrangian(rounds: 3, converged: true))
        (bp.nodes, bp.open, bp.nodeLimitReached) = (branchNodes - 1, 4, branchNodes)
        work.branch = bp
        let note = gapLimitNote(gap: 0.05, mipGap: 0, work: work, stages: [slots(.feasible, workLimit: true)])
        XCTAssertTrue(note.contains("3 rounds, converged"), note)
        XCTAssertTrue(note.contains("branch-and-price \(branchNodes - 1) nodes, 4 open, node limit \(branchNodes)"), note)
        XCTAssertTrue(note.hasSuffix("model-chosen slots (teachers fixed) work limit"), note)
        (bp.nodes, bp.open, bp.nodeLimitReached) = (6, 1, nil)
        work.branch = bp
        XCTAssertTrue(gapLimitNote(gap: 0.05, mipGap: 0, work: work, stages: []).contains("stopped before the node limit"))
    }

    /// A planned group's note agrees with its gap: "closed" exactly when the gap is within the
    /// solver's, and it names the Lagrangian when the rounds were asked for.
    func testPlannedGroupsNoteAgreesWithItsGap() {
        for seed in 1...4 as ClosedRange<UInt64> {
            var options = PlanOptions(timeLimit: 60)
            options.lagrangianRounds = 20
            let r = solveDistrict(ExactnessTests.randomDistrict(seed), jobs: 1, options: options, solver: GLPKSolver())
            let plan = r.plans[0]
            XCTAssertEqual(plan.gapLimit == "closed", (plan.gap ?? 1) <= options.mipGap, "seed \(seed): \(plan.gapLimit)")
            if plan.gapLimit != "closed" { XCTAssertTrue(plan.gapLimit.contains("Lagrangian"), plan.gapLimit) }
            XCTAssertEqual(r.worstGapLimit, plan.gapLimit)
        }
    }
}
