import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// The patterns added after the rounds (each class's next best schedules at the best prices):
/// each is a schedule of its class alone, none repeats one already known, each lies within the
/// room the schedule leaves above the bound, and they change neither the bound nor the rounds.
/// The stall rule ends the rounds only after a whole window of rounds with little gain.
final class PatternEnrichmentTests: XCTestCase {
    func testStallNeedsAWholeWindowOfLittleGain() {
        // (bound, LP limit) after each round; upper 100, gain 1% = 1.0 over 3 rounds.
        func trail(_ b: [Double], _ l: [Double]) -> [(bound: Double, limit: Double)] { Array(zip(b, l)).map { ($0.0, $0.1) } }
        XCTAssertFalse(stalled(trail([1, 1, 1], [9, 9, 9]), upper: 100, rounds: 3, gain: 0.01), "too few rounds to judge")
        XCTAssertTrue(stalled(trail([1, 1, 1, 1.5], [9, 9, 9, 8.5]), upper: 100, rounds: 3, gain: 0.01))
        XCTAssertFalse(stalled(trail([1, 1, 1, 2.5], [9, 9, 9, 9]), upper: 100, rounds: 3, gain: 0.01), "the bound rose")
        XCTAssertFalse(stalled(trail([1, 1, 1, 1], [9, 9, 9, 7]), upper: 100, rounds: 3, gain: 0.01), "the LP limit fell")
        XCTAssertTrue(stalled(trail([5, 5, 5, 5, 5], [9, 9, 9, 9, 9]), upper: 100, rounds: 3, gain: 0.01))
    }

    func testEnrichedPatternsAreClassSchedulesWithinTheRoom() {
        let solver = GLPKSolver()
        var checked = 0, grew = 0
        for seed in 1...12 as ClosedRange<UInt64> {
            let d = ExactnessTests.randomDistrict(seed)
            let inst = Instance(district: d, schools: d.schools)
            guard let exact = LagrangianBoundTests.exactOptimum(inst, solver: solver) else { continue }
            let counting = countingShortfallBound(inst)
            let upper = exact.cost + 4
            func bound(_ enrich: Int) -> LagrangianBound? {
                lagrangianBound(inst, shortfall: exact.shortfall, counting: counting, upper: upper, solver: solver,
                                rounds: 6, timeLimit: nil, enrich: enrich)
            }
            guard let plain = bound(0), let rich = bound(3) else { XCTFail("seed \(seed): no bound"); continue }
            XCTAssertEqual(plain.bound, rich.bound, "seed \(seed): the patterns added after the rounds leave the bound")
            XCTAssertEqual(plain.roundsRun, rich.roundsRun, "seed \(seed)")
            func key(_ p: Pattern) -> [Int] { [p.classIndex] + p.placements.flatMap { [$0.candidate, $0.teacher] } }
            let known = Set(plain.patterns.map(key))
            XCTAssertEqual(Set(rich.patterns.map(key)).count, rich.patterns.count, "seed \(seed): no pattern twice")
            XCTAssertTrue(known.isSubset(of: Set(rich.patterns.map(key))), "seed \(seed)")
            let rows = CouplingRows(inst)
            let room = upper - rich.bound + 1e-6
            for p in rich.patterns where !known.contains(key(p)) {
                let sub = ClassSubproblem(inst, p.classIndex, shortfall: exact.shortfall, counting: counting, rows: rows)
                XCTAssertNotNil(sub.pattern(of: p.placements), "seed \(seed): a pattern is a schedule of its class alone")
                XCTAssertLessThanOrEqual(p.priced(rich.prices) - rich.classOptimum[p.classIndex], room, "seed \(seed)")
            }
            if rich.patterns.count > plain.patterns.count { grew += 1 }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 6, "most random schools are proven by GLPK")
        XCTAssertGreaterThan(grew, 0, "some class has a next best schedule within the room")
    }
}

/// The pattern schedule over the patterns kept (enriched ones among them): when it returns a
/// schedule, that schedule keeps every rule, misses the same lessons, costs less than the one it
/// started from and no less than the bound (a schedule below a valid bound would prove a bug).
final class PatternMasterTests: XCTestCase {
    func testPatternScheduleKeepsRulesAndRespectsTheBound() {
        let solver = GLPKSolver()
        var checked = 0
        for seed in 1...12 as ClosedRange<UInt64> {
            let d = ExactnessTests.randomDistrict(seed)
            let inst = Instance(district: d, schools: d.schools)
            let plan = Planner(solver: solver, options: PlanOptions(timeLimit: 60)).plan(inst, name: "S")
            let counting = countingShortfallBound(inst)
            guard let lr = lagrangianBound(inst, shortfall: plan.shortfall, counting: counting, upper: plan.objective,
                                           solver: solver, rounds: 20, timeLimit: 60, incumbent: plan.placements) else { continue }
            checked += 1
            XCTAssertTrue(lr.useful(below: plan.objective).contains { $0.incumbent }, "seed \(seed): the incumbent's patterns are kept")
            guard let found = patternSchedule(inst, patterns: lr.useful(below: plan.objective), incumbent: plan.placements,
                                              shortfall: plan.shortfall, solver: solver, timeLimit: 60) else { continue }
            XCTAssertEqual(inst.missing(found), plan.shortfall, "seed \(seed)")
            XCTAssertTrue(inst.keepsEveryRule(found, shortfall: plan.shortfall), "seed \(seed)")
            XCTAssertLessThan(inst.score(found).total, plan.objective, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(inst.score(found).total, lr.bound - 1e-6, "seed \(seed): never below the bound")
        }
        XCTAssertGreaterThan(checked, 6)
    }
}
