import XCTest
@testable import XinyuCore

/// The exactness stage's work grows with neither the school nor the machine: full iterations up to
/// `exactStageFullRows` rows, then fewer in proportion, none above `exactStageMaxRows`.
final class StageLimitsTests: XCTestCase {
    func testExactIterationsShrinkWithTheModelAndStopAboveTheMaximum() {
        XCTAssertEqual(exactIterationLimit(20_000, rows: 1), 20_000)
        XCTAssertEqual(exactIterationLimit(20_000, rows: exactStageFullRows), 20_000)
        XCTAssertEqual(exactIterationLimit(20_000, rows: 2 * exactStageFullRows), 10_000)
        XCTAssertEqual(exactIterationLimit(20_000, rows: exactStageMaxRows), 20_000 * exactStageFullRows / exactStageMaxRows)
        XCTAssertNil(exactIterationLimit(20_000, rows: exactStageMaxRows + 1))
        XCTAssertEqual(exactIterationLimit(1, rows: exactStageMaxRows), 1, "never below one iteration")
        // Iterations × rows, the stage's work, never grows past the full-size stage's.
        for rows in stride(from: 1_000, through: exactStageMaxRows, by: 997) {
            XCTAssertLessThanOrEqual((exactIterationLimit(20_000, rows: rows) ?? 0) * max(rows, exactStageFullRows),
                                     20_000 * exactStageFullRows + rows)
        }
    }
}
