import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// The decomposition never loses a feasible schedule: on random small schools its shortfall
/// equals the least shortfall of the full term model solved to optimality, and every schedule
/// passes the independent verifier.
final class ExactnessTests: XCTestCase {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// A random small school: 3–6 classes, 1–3 psychology teachers with tight limits, a few
    /// displaceable rows (some odd/even), some teacher rows that block or couple.
    static func randomDistrict(_ seed: UInt64) -> District {
        var rng = RNG(state: seed)
        let nClasses = 3 + rng.int(4)
        let classes = (1...nClasses).map { ("c\($0)", Stage.primary) }
        let teachers = (1...(1 + rng.int(3))).map { i in
            psych("P\(i)", rng.int(3) == 0 ? .part : .full, day: 1 + rng.int(2), week: 1 + rng.int(3))
        }
        var rows: [String] = []
        var used = Set<String>()
        for (c, _) in classes {
            for _ in 0..<(1 + rng.int(3)) {
                let wd = 1 + rng.int(5), p = 1 + rng.int(4)
                guard used.insert("\(c),\(wd),\(p)").inserted else { continue }
                let subject = ["班会", "地方课程", "校本课程"][rng.int(3)]
                let parity = ["", "", "odd", "even"][rng.int(4)]
                let who = rng.int(3) == 0 ? teachers[rng.int(teachers.count)].id : ""
                rows.append("\(c),\(wd),\(p),\(subject),\(who),\(parity)")
            }
            // A lesson of a psychology teacher elsewhere: busy then.
            let wd = 1 + rng.int(5), p = 1 + rng.int(4)
            if used.insert("\(c),\(wd),\(p)").inserted {
                rows.append("\(c),\(wd),\(p),数学,\(teachers[rng.int(teachers.count)].id),")
            }
        }
        let cal = rng.int(2) == 0 ? [CalendarEntry(date: date("2026-10-01"), kind: .holiday), CalendarEntry(date: date("2026-10-02"), kind: .holiday)] : []
        return district(start: "2026-09-14", end: "2026-10-16", calendar: cal,
                        schools: [school(periods: 4, classes: classes, rows: rows, teachers: teachers)]) {
            $0.sameTeacher = rng.int(4) != 0
        }
    }

    /// When the exactness stage's work limit binds, the run still ends with a schedule the
    /// verifier accepts, the shortfall is not claimed least, and the report says why.
    func testWorkLimitOfTheExactStageIsReported() {
        var limited = 0
        for seed in 1...40 as ClosedRange<UInt64> {
            let d = Self.randomDistrict(seed)
            var options = PlanOptions(timeLimit: 60)
            options.exactIterations = 1
            let r = solveDistrict(d, jobs: 1, options: options, solver: GLPKSolver())
            XCTAssertEqual(Verifier.check(r.district, r.lessons, months: r.months, allowShort: true), [], "seed \(seed)")
            guard let exact = r.plans[0].stages.first(where: { $0.name == "exact" }), exact.status != .optimal else { continue }
            limited += 1
            XCTAssertTrue(exact.workLimitReached, "seed \(seed): \(exact.reason)")
            XCTAssertFalse(r.plans[0].shortfallProven, "seed \(seed)")
            let report = reportMarkdown(r, solverName: "GLPK", solverVersion: "5.0", packHash: "test")
            XCTAssertTrue(report.contains("Fewest missing lessons not proven"), "seed \(seed)")
            XCTAssertTrue(report.contains("缺课数未证明最少"), "seed \(seed)")
            XCTAssertTrue(report.contains("exact \(exact.variables)×\(exact.constraints) \(exact.status.rawValue) (work limit)"), "seed \(seed)")
        }
        XCTAssertGreaterThan(limited, 0, "some random school needs the exact stage")
    }

    func testDecompositionMatchesTheFullModelsLeastShortfall() {
        let solver = GLPKSolver()
        var shortCases = 0
        for seed in 1...40 as ClosedRange<UInt64> {
            let d = Self.randomDistrict(seed)
            if let dump = ProcessInfo.processInfo.environment["XINYU_DUMP"] { try? PackWriter.write(d, to: "\(dump)/seed\(seed)", overwrite: true) }
            let t0 = Date()
            let r = solveAndVerify(d)
            if ProcessInfo.processInfo.environment["XINYU_DEBUG"] != nil {
                print("seed \(seed): \(Date().timeIntervalSince(t0)) s, " + r.plans[0].stages.map { "\($0.name) \($0.status) \($0.seconds)" }.joined(separator: "; "))
            }
            let inst = Instance(district: d, schools: d.schools)
            let full = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: false, preferredSlot: nil,
                                                     shortfallWeight: 1, shortfallCap: nil), name: "full")
            let exact = solver.solve(full.model, options: SolveOptions(timeLimit: 30))
            XCTAssertEqual(exact.status, .optimal, "seed \(seed)")
            let least = Int((exact.objective ?? -1).rounded())
            XCTAssertEqual(r.shortfall, least, "seed \(seed): decomposition vs full model")
            // Both cheap bounds are bounds: never above the proven least shortfall.
            XCTAssertLessThanOrEqual(countingShortfallBound(inst).total, least, "seed \(seed): counting")
            XCTAssertLessThanOrEqual(flowShortfallBound(inst), least, "seed \(seed): flow")
            XCTAssertTrue(r.plans[0].shortfallProven, "seed \(seed)")
            if least > 0 { shortCases += 1 }
        }
        XCTAssertGreaterThan(shortCases, 3, "the random cases include short ones")
        XCTAssertLessThan(shortCases, 37, "and feasible ones")
    }
}
