import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack

/// The solve job with a build deadline: a run whose instance build stops gives no schedule
/// (`SolveJobError.timeLimit`, nothing to write); one whose deadline is not reached is the
/// ordinary solve, lesson for lesson.
final class SolveTimeLimitTests: XCTestCase {
    /// Two schools, two groups (no shared teacher).
    func twoSchools() -> District {
        district(schools: [
            school("S01", classes: [("3-1", .primary), ("3-2", .primary)], rows: ["3-1,1,6,班会,", "3-2,2,6,班会,"], teachers: [psych("P")]),
            school("S02", classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("Q")]),
        ])
    }

    func testExpiredBuildDeadlineEndsTheJobWithNothingToWrite() {
        let d = twoSchools()
        do throws(SolveJobError) {
            _ = try SolveJob.run(d, packRoot: "/nonexistent", only: nil, jobs: 1, options: PlanOptions(timeLimit: 0.01),
                                 solver: GLPKSolver(), extrasTimeLimit: { nil },
                                 buildDeadline: BuildDeadline(secondsFromNow: -1, grace: 0))
            XCTFail("the job must stop")
        } catch {
            guard case .timeLimit(let stop) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(stop.stage, .building(schools: "S01"), "the first group stops; the second is never started")
        }
    }

    func testDeadlineNotReachedGivesTheOrdinarySolve() throws {
        let d = twoSchools()
        let plain = solveDistrict(d, jobs: 2, options: PlanOptions(), solver: GLPKSolver())
        let timed = try solveDistrict(d, jobs: 2, options: PlanOptions(), solver: GLPKSolver(),
                                      buildDeadline: BuildDeadline(secondsFromNow: 3600, grace: 0))
        XCTAssertEqual(timed.lessons, plain.lessons)
        XCTAssertEqual(timed.months, plain.months)
        XCTAssertNoThrow(try SolveJob.verify(timed))
    }
}
