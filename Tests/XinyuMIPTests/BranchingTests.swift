// The branching rule of a search (`SolveOptions.branching`): both rules prove the same optima,
// and the choice reaches GLPK (the searches differ).

import XCTest
import XinyuMIP
import XinyuGLPK

final class BranchingTests: XCTestCase {
    let solver = GLPKSolver()

    func solve(_ model: MIPModel, _ branching: Branching, presolve: Bool = false) -> SolveResult {
        var o = SolveOptions()
        o.presolve = presolve
        o.branching = branching
        return solver.solve(model, options: o)
    }

    func testBothRulesProveTheSameOptima() {
        for seed in UInt64(1)...4 {
            let model = TestModels.assignmentTypeD(agents: 4, jobs: 14, seed: seed)
            let tuned = solve(model, .tuned), mfv = solve(model, .mostFractional)
            XCTAssertEqual(tuned.status, .optimal, tuned.reason)
            XCTAssertEqual(mfv.status, .optimal, mfv.reason)
            XCTAssertEqual(tuned.objective ?? .nan, mfv.objective ?? -1, accuracy: 1e-6, "seed \(seed)")
            XCTAssertLessThanOrEqual(model.maxViolation(mfv.values), 1e-9)
        }
        let k = solve(TestModels.knapsack(), .mostFractional)
        XCTAssertEqual(k.objective ?? .nan, TestModels.knapsackOptimum, accuracy: 1e-9)
    }

    func testTheRuleReachesTheSolver() {
        // Same models, same limits: if the option were dropped, every search would be the same.
        let differs = (UInt64(1)...6).contains { seed in
            let model = TestModels.marketSplit(rows: 4, columns: 30, seed: seed)
            var o = SolveOptions()
            o.presolve = false
            o.iterationLimit = 2_000
            var m = o
            m.branching = .mostFractional
            let a = solver.solve(model, options: o), b = solver.solve(model, options: m)
            return a.iterations != b.iterations || a.values != b.values || a.bound != b.bound
        }
        XCTAssertTrue(differs, "most-fractional branching searched exactly as Driebeck–Tomlin on all six models")
    }
}
