import Foundation
import XCTest
import XinyuCore
import XinyuDistrict
import XinyuGLPK
import XinyuPack

/// Advice is bounded by work, not by the clock: the same district gives the same advice.csv bytes
/// alone, with other advice runs competing for the cores, and with work limits so small that the
/// probes stop at them.
final class AdviceDeterminismTests: XCTestCase {
    /// An understaffed school, a nine-year school without a full-time teacher, and two schools
    /// sharing a 巡回 teacher (advised as one group).
    static func mixed() -> District {
        let nine = school("N1", stages: [.primary, .junior], classes: [("3-1", .primary), ("3-2", .primary), ("7-1", .junior), ("7-2", .junior)],
                          rows: ["3-1,1,6,班会,", "3-2,2,6,班会,", "7-1,3,6,班会,", "7-2,4,6,班会,"],
                          teachers: [psych("NP", .part, [.primary], day: 1, week: 1)])
        let b1 = school("B1", stages: [.junior], classes: [("7-1", .junior)], rows: ["7-1,1,5,地方课程,"],
                        teachers: [psych("XB", .full, [.junior], week: 1)])
        let b2 = school("B2", stages: [.junior], classes: [("7-1", .junior), ("7-2", .junior), ("7-3", .junior)],
                        rows: ["7-1,2,5,地方课程,", "7-2,3,5,地方课程,", "7-3,4,5,地方课程,"],
                        teachers: [psych("XB", .full, [.junior], week: 1)])
        var d = district(start: "2026-09-07", end: "2026-09-30", schools: [understaffedSchool("A1"), nine, b1, b2])
        d.staffing.parttimeMaxPerWeek = 1
        d.staffing.parttimeMaxPerDay = 1
        return d
    }

    static func adviceCSV(_ d: District, _ short: [String: [ClassMonth: Int]], _ options: AdviceOptions) -> String {
        AdviceCSV.text(short.keys.sorted().map { advise($0, district: d, short: short[$0] ?? [:], solver: GLPKSolver(), options: options) })
    }

    func testTwoAdviceRunsGiveIdenticalAdviceCSV() throws {
        let d = Self.mixed()
        let r = solve(d)
        var short: [String: [ClassMonth: Int]] = [:]
        for id in d.schools.map(\.id) where !shortOf(r, id).isEmpty { short[id] = shortOf(r, id) }
        XCTAssertTrue(short.keys.contains("A1") && short.keys.contains("N1"), "\(short.keys.sorted())")
        let quiet = Self.adviceCSV(d, short, AdviceOptions())
        XCTAssertTrue(quiet.contains("hire_"), quiet)
        // The same, three at once on the shared cores (a loaded machine).
        let runs = Slots<String>(3)
        let fixed = short
        DispatchQueue.concurrentPerform(iterations: 3) { i in runs[i] = Self.adviceCSV(d, fixed, AdviceOptions()) }
        for i in 0..<3 { XCTAssertEqual(runs[i], quiet, "run \(i) under load") }
        // Work limits small enough to bind: still the same bytes twice, and every action checked by a full solve.
        var tiny = AdviceOptions()
        tiny.budget = ProbeBudget(rhythmIterations: 40, fixedIterations: 40, exactIterations: 40)
        let a = Self.adviceCSV(d, short, tiny), b = Self.adviceCSV(d, short, tiny)
        XCTAssertEqual(a, b)
        let rows = try AdviceCSV.parse(a)
        for id in Set(rows.map(\.school)).sorted() {
            let one = rows.filter { $0.school == id && $0.option == 1 }
            XCTAssertEqual(missed(applyAdvice(one.map(\.action), school: id, to: d), id), one.first?.shortAfter, id)
        }
    }
}
