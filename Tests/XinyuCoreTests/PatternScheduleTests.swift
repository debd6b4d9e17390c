import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// With the Lagrangian rounds on, the plan may take a schedule put together from the class
/// patterns the rounds saw: it must pass the independent verifier, miss no more lessons, never
/// cost more than the plan without the rounds, never less than GLPK's proven optimum, and its
/// bound must stay at or below that optimum.
final class PatternScheduleTests: XCTestCase {
    func testPatternSchedulesKeepEveryRuleAndNeverCostMore() {
        let solver = GLPKSolver()
        var compared = 0
        for seed in 1...16 as ClosedRange<UInt64> {
            let d = ExactnessTests.randomDistrict(seed)
            let plain = solveDistrict(d, jobs: 1, options: PlanOptions(timeLimit: 60), solver: solver)
            var options = PlanOptions(timeLimit: 60)
            options.lagrangianRounds = 50
            let r = solveDistrict(d, jobs: 1, options: options, solver: solver)
            XCTAssertEqual(Verifier.check(r.district, r.lessons, months: r.months, allowShort: true), [], "seed \(seed)")
            let (a, b) = (plain.plans[0], r.plans[0])
            XCTAssertEqual(b.shortfall, a.shortfall, "seed \(seed)")
            XCTAssertLessThanOrEqual(b.objective, a.objective + 1e-9, "seed \(seed)")
            let inst = Instance(district: d, schools: d.schools)
            guard let exact = LagrangianBoundTests.exactOptimum(inst, solver: solver), exact.shortfall == b.shortfall else { continue }
            XCTAssertGreaterThanOrEqual(b.objective, exact.cost - 1e-6, "seed \(seed): no schedule beats the optimum")
            if let bound = b.bound { XCTAssertLessThanOrEqual(bound, exact.cost + 1e-6, "seed \(seed)") }
            compared += 1
        }
        XCTAssertGreaterThan(compared, 10)
    }
}
