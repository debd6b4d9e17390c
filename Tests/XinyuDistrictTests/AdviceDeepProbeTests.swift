import Foundation
import XCTest
import XinyuCore
import XinyuDistrict
import XinyuGLPK
import XinyuPack

/// A probe its work limit leaves undecided (the goal neither reached nor refuted) is asked again
/// with a full solve's limits, so the advice does not hire more than needed because a probe was
/// cut short (the sample's S05 and S10 were advised one full-time teacher too many).
final class AdviceDeepProbeTests: XCTestCase {
    /// Advice for every short school of `d` under `options`, with the log lines of its probes.
    func advice(_ d: District, _ options: AdviceOptions) -> (csv: String, log: [String]) {
        let r = solve(d)
        let lines = Lines()
        var o = options
        o.plan.log = { lines.add($0) }
        var short: [String: [ClassMonth: Int]] = [:]
        for id in d.schools.map(\.id) where !shortOf(r, id).isEmpty { short[id] = shortOf(r, id) }
        let csv = AdviceCSV.text(short.keys.sorted().map { advise($0, district: d, short: short[$0] ?? [:], solver: GLPKSolver(), options: o) })
        return (csv, lines.all)
    }

    func testUndecidedProbesAreAskedAgainAndNeverAdviseMoreHires() throws {
        let d = AdviceDeterminismTests.mixed()
        var shallow = AdviceOptions()
        shallow.budget = ProbeBudget(rhythmIterations: 5, fixedIterations: 5, exactIterations: 5, nodes: 1)
        shallow.deepBudget = nil
        var deep = shallow
        deep.deepBudget = .fullSolve
        let a = advice(d, shallow), b = advice(d, deep)
        XCTAssertFalse(a.log.contains { $0.contains("(deep)") }, "no second try without a deep budget")
        XCTAssertTrue(b.log.contains { $0.contains("(deep)") }, "the 5-iteration probes leave some question undecided:\n" + b.log.joined(separator: "\n"))
        let rowsA = try AdviceCSV.parse(a.csv), rowsB = try AdviceCSV.parse(b.csv)
        func hires(_ rows: [AdviceCSV.Row], _ id: String) -> Int {
            rows.filter { $0.school == id && $0.option == 1 }.reduce(0) { $0 + $1.action.count }
        }
        for id in Set(rowsB.map(\.school)).sorted() {
            XCTAssertLessThanOrEqual(hires(rowsB, id), hires(rowsA, id), id)
            let one = rowsB.filter { $0.school == id && $0.option == 1 }
            XCTAssertEqual(missed(applyAdvice(one.map(\.action), school: id, to: d), id), one.first?.shortAfter, id)
        }
    }
}

/// Log lines collected from the advice's threads.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
