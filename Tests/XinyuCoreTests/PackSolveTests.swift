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
