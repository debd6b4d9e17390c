import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack

/// report.md for people: the outcome and the decisions (who, why, what to do, at what cost) come
/// first; the solver's figures are in the appendix at the very end.
final class ReportOrderTests: XCTestCase {
    /// S01 short of teacher time in December (one teacher at 1 a week for four classes); every
    /// school bound by a one-week January (S02 and S03 only by it).
    func shortDistrict() -> District {
        let cal = [CalendarEntry(date: date("2027-01-01"), kind: .holiday)]
            + (11...15).map { CalendarEntry(date: date("2027-01-\($0)"), kind: .exam) }
        let capacity = school("S01", classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary), ("3-4", .primary)],
                              rows: ["3-1,1,6,班会,", "3-2,2,6,班会,", "3-3,3,6,班会,", "3-4,4,6,班会,"],
                              teachers: [psych("T05", week: 1)])
        let calendar = school("S02", classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("P2")])
        let other = school("S03", classes: [("4-1", .primary)], rows: ["4-1,3,6,班会,"], teachers: [psych("P3")])
        return district(start: "2026-12-07", end: "2027-01-15", calendar: cal, schools: [capacity, calendar, other])
    }

    func headings(_ report: String) -> [String] {
        report.split(separator: "\n").map(String.init).filter { $0.hasPrefix("## ") || $0.hasPrefix("### ") }
    }

    func testDecisionsFirstSolverFiguresInTheAppendixAtTheEnd() throws {
        let r = solveAndVerify(shortDistrict())
        XCTAssertFalse(r.allMet)
        let extra = "## 年级专题讲座 / Grade lectures\n\nnone\n\n"
        let report = reportMarkdown(r, solverName: "GLPK", solverVersion: "5.0", packHash: "h", sections: [extra])
        let h = headings(report)
        func at(_ prefix: String) throws -> Int { try XCTUnwrap(h.firstIndex { $0.hasPrefix(prefix) }, "\(prefix) in \(h)") }
        let order = try ["## 结论", "## 需要决定", "## 学校", "## 未达标说明", "## 年级专题讲座", "## 附录", "### 偏好"].map(at)
        XCTAssertEqual(order, order.sorted(), "section order: \(h)")
        XCTAssertEqual(h.last, "### 偏好 / Preferences", "the appendix ends the report")
        // Nothing technical before the appendix: objective, bound, gap, model sizes.
        let appendix = try XCTUnwrap(report.range(of: "## 附录"))
        let body = String(report[..<appendix.lowerBound])
        for word in ["objective", "lower bound", "gap", "columns × rows", "pack hash"] {
            XCTAssertFalse(body.contains(word), "\(word) is in the appendix only")
            XCTAssertTrue(report[appendix.lowerBound...].contains(word), "\(word) is in the appendix")
        }
        // The worst school first, each with why, what to do and the cost.
        let decisions = h.filter { $0.hasPrefix("### S0") }
        XCTAssertEqual(decisions.map { String($0.dropFirst(4).prefix(3)) }, ["S01", "S02", "S03"], "worst first: \(decisions)")
        XCTAssertTrue(body.contains("心理教师课时不足"), body)
        XCTAssertTrue(body.contains("psychology teachers' capacity"), body)
        XCTAssertTrue(body.contains("month_minimum in district.toml: 2027-01 = 1"), body)
        XCTAssertTrue(body.contains("teacher-periods this term"), body)
        XCTAssertTrue(body.contains("cost no teacher time"), body)
    }

    func testASectionAddedLateGoesBeforeTheAppendix() {
        let r = solveAndVerify(shortDistrict())
        let report = reportMarkdown(r, solverName: "GLPK", solverVersion: "5.0", packHash: "h")
        let late = insertBeforeAppendix(report, "## 中断 / Interrupted\n\nstopped\n\n")
        let h = headings(late)
        XCTAssertEqual(h.firstIndex(of: "## 中断 / Interrupted").map { $0 + 1 }, h.firstIndex(of: reportAppendixHeading), "\(h)")
        XCTAssertEqual(late.replacingOccurrences(of: "## 中断 / Interrupted\n\nstopped\n\n", with: ""), report)
        XCTAssertTrue(insertBeforeAppendix("# r\n\n", "## x\n\n").hasSuffix("# r\n\n## x\n\n"))
    }

    func testShortfallCausesAreTyped() {
        let r = solveAndVerify(shortDistrict())
        let causes = Dictionary(grouping: r.shortfalls, by: \.school).mapValues { Set($0.map(\.cause)) }
        XCTAssertEqual(causes["S02"], [.calendar])
        XCTAssertTrue(causes["S01"]?.contains(.capacity) ?? false, "\(causes)")
        let shorts = schoolShorts(r)
        XCTAssertEqual(shorts.map(\.id), ["S01", "S02", "S03"], "the most missing first, then by id")
        XCTAssertEqual(shorts.map(\.missing), [r.shortfalls.filter { $0.school == "S01" }.reduce(0) { $0 + $1.required - $1.scheduled }, 1, 1])
        XCTAssertEqual(shorts[1].calendarMost["2027-01"], 1, "one teaching week at one lesson a week")
    }

    func testNothingToDecideWhenEveryMinimumIsMet() {
        let d = district(start: "2026-09-07", end: "2026-09-30",
                         schools: [school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("P")])])
        let r = solveAndVerify(d)
        XCTAssertTrue(r.allMet)
        let report = reportMarkdown(r, solverName: "GLPK", solverVersion: "5.0", packHash: "h")
        XCTAssertTrue(report.contains("Nothing to decide"))
        XCTAssertTrue(report.hasSuffix("| total | | | \(fmt(r.plans[0].instance.score(r.plans[0].placements).total)) |\n\n"), report)
    }
}
