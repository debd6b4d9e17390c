import Foundation
import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack

/// End to end on the committed hand-checkable packs: read, solve, verify, and the same bytes twice.
final class PackSolveTests: XCTestCase {
    func load(_ name: String) throws -> District {
        try PackReader.load(path: repoRoot + "/instances/" + name).district
    }

    func testTinyPackMeetsEveryMinimumAndIsDeterministic() throws {
        let d = try load("tiny")
        let a = solveAndVerify(d)
        XCTAssertTrue(a.allMet)
        XCTAssertEqual(a.months.count, 8)
        // The calendar: no lesson on holidays, the closure, the exam days or T01's training day.
        let banned = ["2026-09-25", "2026-10-01", "2026-10-12", "2026-10-29", "2026-10-30"]
        XCTAssertFalse(a.lessons.contains { banned.contains($0.date.iso) })
        XCTAssertFalse(a.lessons.contains { $0.teacher == "T01" && $0.date.iso == "2026-09-16" })
        let b = solveDistrict(d, jobs: 2, options: PlanOptions(), solver: GLPKSolver())
        XCTAssertEqual(ScheduleFiles.scheduleText(a.lessons), ScheduleFiles.scheduleText(b.lessons), "same input, same schedule")
        XCTAssertEqual(reportMarkdown(a, solverName: "GLPK", solverVersion: "5.0", packHash: "x"),
                       reportMarkdown(b, solverName: "GLPK", solverVersion: "5.0", packHash: "x"))
    }
}

/// The full term model prices a schedule exactly as the documented preferences do.
final class ObjectiveTests: XCTestCase {
    func testFullModelObjectiveEqualsTheScoreOfASchedule() throws {
        let d = try PackReader.load(path: repoRoot + "/instances/tiny").district
        let r = solveAndVerify(d)
        let plan = r.plans[0]
        let full = TermModel(plan.instance, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                                         shortfallWeight: 0, shortfallCap: Double(plan.shortfall)), name: "term")
        let values = full.assignment(plan.instance, plan.placements)
        XCTAssertLessThanOrEqual(full.model.maxViolation(values), 1e-9, "the schedule is a solution of the full model")
        let score = plan.instance.score(plan.placements)
        XCTAssertEqual(full.model.objectiveValue(values) / full.objectiveScale, score.total, accuracy: 0.01)
        XCTAssertGreaterThan(score.total, 0)
        XCTAssertLessThanOrEqual(plan.bound ?? .infinity, score.total + 1e-9)
    }
}
