// Tests of the GLPK backend: statuses, values and bounds on models with known answers,
// argument checks that keep GLPK from aborting, limits, warm start, progress, writing,
// threads and silence.

import Foundation
import XCTest
import XinyuMIP
@testable import XinyuGLPK

final class GLPKSolverTests: XCTestCase {
    let solver = GLPKSolver()

    func options(presolve: Bool = true, _ change: (inout SolveOptions) -> Void = { _ in }) -> SolveOptions {
        var o = SolveOptions()
        o.presolve = presolve
        change(&o)
        return o
    }

    func testNameAndVersion() {
        XCTAssertEqual(solver.name, "GLPK")
        XCTAssertEqual(solver.version, "5.0")
    }

    // MARK: Known optima

    func testKnapsackOptimum() {
        for presolve in [true, false] {
            let r = solver.solve(TestModels.knapsack(), options: options(presolve: presolve))
            XCTAssertEqual(r.status, .optimal, r.reason)
            XCTAssertEqual(r.objective ?? .nan, TestModels.knapsackOptimum, accuracy: 1e-9)
            XCTAssertEqual(r.bound ?? .nan, TestModels.knapsackOptimum, accuracy: 1e-9)
            XCTAssertEqual(r.values, TestModels.knapsackValues)
            XCTAssertEqual(r.gap, 0)
            XCTAssertNotEqual(r.termination, .timeLimit)
            XCTAssertTrue(r.reason.contains("GLP_OPT"), r.reason)
        }
    }

    func testAssignmentOptimumMatchesBothPresolveSettings() {
        let model = TestModels.assignment(agents: 4, jobs: 12, seed: 7)
        let on = solver.solve(model, options: options(presolve: true))
        let off = solver.solve(model, options: options(presolve: false))
        XCTAssertEqual(on.status, .optimal, on.reason)
        XCTAssertEqual(off.status, .optimal, off.reason)
        XCTAssertEqual(on.objective ?? .nan, off.objective ?? -1, accuracy: 1e-6)
        XCTAssertLessThanOrEqual(model.maxViolation(on.values), 1e-9)
        XCTAssertEqual(model.objectiveValue(on.values), on.objective ?? .nan, accuracy: 1e-6)
    }

    func testLPRelaxation() {
        for presolve in [true, false] {
            let r = solver.solve(TestModels.knapsack(), options: options(presolve: presolve) { $0.relaxationOnly = true })
            XCTAssertEqual(r.status, .optimal, r.reason)
            XCTAssertEqual(r.objective ?? .nan, TestModels.knapsackLP, accuracy: 1e-9)
            XCTAssertEqual(r.bound ?? .nan, TestModels.knapsackLP, accuracy: 1e-9)
            XCTAssertEqual(r.values.count, 5)
            XCTAssertEqual(r.values[1], 1.0 / 7, accuracy: 1e-9)
            XCTAssertTrue(r.reason.contains("GLP_OPT: LP optimal"), r.reason)
        }
    }

    func testEmptyModels() {
        var empty = MIPModel(name: "empty")
        empty.objectiveConstant = 5
        var noRows = MIPModel(name: "no_rows")
        noRows.addVariable("x", lower: 1.5, upper: 10, kind: .integer, objective: 1)
        noRows.addVariable("y", lower: 0.5, upper: 10, kind: .continuous, objective: 1)
        var noColumns = MIPModel(name: "no_columns")
        noColumns.addConstraint("zero", [], lower: -1, upper: 1)
        var continuous = MIPModel(name: "continuous")
        let x = continuous.addVariable("x", objective: 1)
        continuous.addConstraint("c", [(x, 2)], lower: 3)
        for presolve in [true, false] {
            for relax in [false, true] {
                let o = options(presolve: presolve) { $0.relaxationOnly = relax }
                let e = solver.solve(empty, options: o)
                XCTAssertEqual(e.status, .optimal, e.reason)
                XCTAssertEqual(e.objective, 5)
                XCTAssertEqual(e.values, [])
                let r = solver.solve(noRows, options: o)
                XCTAssertEqual(r.status, .optimal, r.reason)
                XCTAssertEqual(r.objective ?? .nan, relax ? 2 : 2.5, accuracy: 1e-9)
                let c = solver.solve(noColumns, options: o)
                XCTAssertEqual(c.status, .optimal, c.reason)
                let l = solver.solve(continuous, options: o)
                XCTAssertEqual(l.status, .optimal, l.reason)
                XCTAssertEqual(l.objective ?? .nan, 1.5, accuracy: 1e-9)
            }
        }
    }

    // MARK: Infeasible and unbounded

    func testIntegerInfeasible() {
        var m = MIPModel(name: "odd")
        let x = m.addVariable("x", lower: 0, upper: 5, kind: .integer, objective: 1)
        let y = m.addVariable("y", lower: 0, upper: 5, kind: .integer, objective: 1)
        m.addConstraint("odd", [(x, 2), (y, 2)], lower: 3, upper: 3)
        for presolve in [true, false] {
            let r = solver.solve(m, options: options(presolve: presolve))
            XCTAssertEqual(r.status, .infeasible, r.reason)
            XCTAssertNil(r.objective)
            XCTAssertEqual(r.values, [])
        }
        // Its relaxation is feasible.
        XCTAssertEqual(solver.solve(m, options: options { $0.relaxationOnly = true }).status, .optimal)
    }

    func testLPInfeasible() {
        var m = MIPModel(name: "lp_infeasible")
        let x = m.addVariable("x", lower: 0, upper: 10, kind: .integer, objective: 1)
        let y = m.addVariable("y", lower: 0, upper: 10, kind: .continuous, objective: 1)
        m.addConstraint("at_least", [(x, 1), (y, 1)], lower: 3)
        m.addConstraint("at_most", [(x, 1), (y, 1)], upper: 2)
        for presolve in [true, false] {
            for relax in [false, true] {
                let r = solver.solve(m, options: options(presolve: presolve) { $0.relaxationOnly = relax })
                XCTAssertEqual(r.status, .infeasible, "presolve \(presolve) relax \(relax): \(r.reason)")
            }
        }
        let off = solver.solve(m, options: options(presolve: false))
        XCTAssertTrue(off.reason.hasPrefix("LP relaxation: "), off.reason)
    }

    func testNoIntegerInBounds() {
        var m = MIPModel(name: "gap_in_bounds")
        m.addVariable("x", lower: 0.2, upper: 0.8, kind: .integer, objective: 1)
        XCTAssertEqual(solver.solve(m, options: options()).status, .infeasible)
        XCTAssertEqual(solver.solve(m, options: options { $0.relaxationOnly = true }).status, .optimal)
    }

    func testUnbounded() {
        var m = MIPModel(name: "unbounded")
        let x = m.addVariable("x", lower: 0, kind: .integer, objective: -1)
        let y = m.addVariable("y", lower: 0, kind: .continuous, objective: 0)
        m.addConstraint("c", [(x, 1), (y, -1)], upper: 4)
        for presolve in [true, false] {
            for relax in [false, true] {
                let r = solver.solve(m, options: options(presolve: presolve) { $0.relaxationOnly = relax })
                XCTAssertEqual(r.status, .unbounded, "presolve \(presolve) relax \(relax): \(r.reason)")
                XCTAssertNil(r.objective)
            }
        }
    }

    // MARK: Rejected arguments

    func testInvalidModelsAreRejected() {
        func rejected(_ m: MIPModel, _ o: SolveOptions = SolveOptions(), _ what: String,
                      line: UInt = #line) {
            let r = solver.solve(m, options: o)
            XCTAssertEqual(r.status, .error, what, line: line)
            XCTAssertFalse(r.reason.isEmpty, line: line)
            XCTAssertEqual(r.values, [], line: line)
        }
        let good = TestModels.knapsack()

        var nan = good
        nan.addConstraint("nan", [(0, .nan)], upper: 1)
        rejected(nan, SolveOptions(), "NaN coefficient")

        var infinite = good
        infinite.addConstraint("inf", [(0, .infinity)], upper: 1)
        rejected(infinite, SolveOptions(), "infinite coefficient")

        var crossed = good
        crossed.setBounds(0, lower: 2, upper: 1)
        rejected(crossed, SolveOptions(), "lower > upper")

        var crossedRow = good
        crossedRow.addConstraint("crossed", [(0, 1)], lower: 1, upper: 0)
        rejected(crossedRow, SolveOptions(), "row lower > upper")

        var outOfRange = good
        outOfRange.addConstraint("far", [(5, 1)], upper: 1)
        rejected(outOfRange, SolveOptions(), "index out of range")

        var negative = good
        negative.addConstraint("negative", [(-1, 1)], upper: 1)
        rejected(negative, SolveOptions(), "negative index")

        var longName = good
        longName.addVariable(String(repeating: "n", count: 300))
        rejected(longName, SolveOptions(), "300-byte name")

        var control = good
        control.addConstraint("tab\there", [(0, 1)], upper: 1)
        rejected(control, SolveOptions(), "control character in a name")

        var nanObjective = good
        nanObjective.setObjective(1, .nan)
        rejected(nanObjective, SolveOptions(), "NaN objective")

        rejected(good, SolveOptions(timeLimit: -1), "negative time limit")
        rejected(good, SolveOptions(timeLimit: .nan), "NaN time limit")
        rejected(good, SolveOptions(mipGap: -0.1), "negative MIP gap")
        rejected(good, options { $0.stopAtObjective = .nan }, "NaN stopAtObjective")
        var relaxed = options { $0.relaxationOnly = true }
        relaxed.timeLimit = -5
        rejected(good, relaxed, "negative time limit for the relaxation")
    }

    /// A Constraint built through its memberwise init can list a variable twice; a MIPModel
    /// only takes terms through addConstraint, which merges them, so GLPK (which aborts on a
    /// duplicate (row, column)) never sees one. validationError also checks for them.
    func testDuplicateTermsNeverReachGLPK() {
        let duplicate = Constraint(name: "dup", variables: [0, 0], coefficients: [1, 2], lower: 0, upper: 3)
        var m = MIPModel(name: "dup")
        m.addVariable("x", lower: 0, upper: 5, kind: .integer, objective: -1)
        m.addConstraint(duplicate.name, Array(zip(duplicate.variables, duplicate.coefficients)),
                        lower: duplicate.lower, upper: duplicate.upper)
        XCTAssertEqual(m.constraints[0].variables, [0])
        let r = solver.solve(m, options: SolveOptions())
        XCTAssertEqual(r.status, .optimal, r.reason)
        XCTAssertEqual(r.values, [1])  // 3x ≤ 3
    }

    /// The loader checks the matrix with glp_check_dup before glp_load_matrix (which aborts),
    /// even for a model that skipped validation.
    func testLoaderRejectsBadMatrixWithoutAborting() {
        var m = MIPModel(name: "bad")
        m.addVariable("x")
        m.addConstraint("far", [(3, 1)], upper: 1)
        let error = GLPKProblem.with { problem in
            problem.load(m, columns: m.variables.map { ColumnShape($0, integrality: true) }, objectiveConstant: 0)
        }
        XCTAssertNotNil(error)
    }

    // MARK: Limits, warm start, progress

    func testTimeLimitOnHardModel() {
        let model = TestModels.marketSplit(rows: 6, columns: 50, seed: 3)
        for presolve in [true, false] {
            let r = solver.solve(model, options: options(presolve: presolve) { $0.timeLimit = 0.2 })
            XCTAssertTrue(r.status == .feasible || r.status == .noSolution, r.reason)
            XCTAssertEqual(r.termination, .timeLimit, r.reason)
            XCTAssertTrue(r.reason.hasPrefix("GLP_ETMLIM"), r.reason)
            XCTAssertLessThan(r.seconds, 2)
            if r.status == .feasible {
                XCTAssertLessThanOrEqual(model.maxViolation(r.values), 1e-6)
                XCTAssertEqual(model.objectiveValue(r.values), r.objective ?? .nan, accuracy: 1e-6)
                if let bound = r.bound { XCTAssertLessThanOrEqual(bound, r.objective! + 1e-9) }
            } else {
                XCTAssertEqual(r.values, [])
            }
        }
        let zero = solver.solve(model, options: options { $0.timeLimit = 0 })
        XCTAssertEqual(zero.termination, .timeLimit, zero.reason)
    }

    /// A work limit in simplex iterations stops the search the same way on every run (it does
    /// not depend on the machine), says so, and keeps the incumbent or reports none.
    func testIterationLimitStopsDeterministically() {
        let model = TestModels.marketSplit(rows: 6, columns: 50, seed: 3)
        for presolve in [true, false] {
            let runs = (0..<2).map { _ in solver.solve(model, options: options(presolve: presolve) { $0.iterationLimit = 300 }) }
            for r in runs {
                XCTAssertTrue(r.status == .feasible || r.status == .noSolution, r.reason)
                XCTAssertTrue(r.reason.contains("work limit of 300 simplex iterations reached"), r.reason)
                XCTAssertEqual(r.termination, .iterationLimit)
                XCTAssertNotEqual(r.termination, .timeLimit)
                XCTAssertGreaterThanOrEqual(r.iterations ?? 0, 300, "stopped at the first check past the limit")
            }
            XCTAssertEqual(runs[0].iterations, runs[1].iterations)
            XCTAssertEqual(runs[0].values, runs[1].values)
            XCTAssertEqual(runs[0].bound, runs[1].bound)
        }
        // A limit the root LP cannot meet: no solution, and the reason says which limit.
        let root = solver.solve(model, options: options(presolve: false) { $0.iterationLimit = 1 })
        XCTAssertEqual(root.status, .noSolution, root.reason)
        XCTAssertTrue(root.reason.contains("work limit of 1 simplex iterations reached"), root.reason)
        XCTAssertEqual(root.termination, .iterationLimit)
        // An easy model ends before the limit, optimal.
        let easy = solver.solve(TestModels.knapsack(), options: options { $0.iterationLimit = 10_000 })
        XCTAssertEqual(easy.status, .optimal, easy.reason)
        XCTAssertFalse(easy.reason.contains("work limit"), easy.reason)
        XCTAssertNotEqual(easy.termination, .iterationLimit)
        // Zero is refused before GLPK sees it.
        XCTAssertEqual(solver.solve(model, options: options { $0.iterationLimit = 0 }).status, .error)
    }

    /// A time-limited search that has an incumbent reports the best bound seen in the callback.
    func testTimeLimitedBound() {
        let model = TestModels.assignmentTypeD(agents: 10, jobs: 30, seed: 4)
        let r = solver.solve(model, options: options { $0.timeLimit = 0.5 })
        XCTAssertEqual(r.termination, .timeLimit, r.reason)
        XCTAssertLessThan(r.seconds, 2)
        guard r.status == .feasible else { return XCTAssertEqual(r.status, .noSolution, r.reason) }
        let bound = try! XCTUnwrap(r.bound)
        XCTAssertLessThanOrEqual(bound, r.objective! + 1e-9)
        XCTAssertGreaterThan(bound, 0)
        XCTAssertNotNil(r.gap)
    }

    /// The mapping of GLPK's outcomes, including the rows of the measured table in glpk-facts.
    func testStatusMapping() {
        let cases: [(GLPKReturnCode, GLPKSolutionStatus, GLPKPhase, SolveStatus)] = [
            (.success, .optimal, .mip, .optimal),
            (.success, .noFeasible, .mip, .infeasible),
            (.noPrimalFeasible, .noFeasible, .mip, .infeasible),
            (.noDualFeasible, .undefined, .mip, .unbounded),
            (.timeLimit, .feasible, .mip, .feasible),
            (.timeLimit, .undefined, .mip, .noSolution),
            (.mipGapReached, .feasible, .mip, .optimal),
            (.stopped, .feasible, .mip, .feasible),
            (.stopped, .undefined, .mip, .noSolution),
            (.rootNotOptimal, .undefined, .mip, .error),
            (.success, .noFeasible, .rootLP, .infeasible),
            (.success, .unbounded, .rootLP, .unbounded),
            (.timeLimit, .feasible, .rootLP, .noSolution),
            (.timeLimit, .feasible, .lp, .feasible),
            (.timeLimit, .infeasible, .lp, .noSolution),
            (.singular, .undefined, .lp, .error),
            (.success, .undefined, .lp, .error),
            (.unknown(99), .optimal, .mip, .error),
            (.success, .unknown(42), .mip, .error),
        ]
        for (code, status, phase, expected) in cases {
            XCTAssertEqual(solveStatus(code, status, phase: phase), expected, "\(code) \(status) \(phase)")
        }
        XCTAssertEqual(GLPKReturnCode(9), .timeLimit)
        XCTAssertEqual(GLPKSolutionStatus(2), .feasible)
        XCTAssertEqual(glpkReason(.timeLimit, .feasible, phase: .mip),
                       "GLP_ETMLIM: time limit reached; GLP_FEAS: integer feasible")
    }

    func testMIPGapStopsEarlyWithOptimalStatus() {
        let model = TestModels.assignment(agents: 5, jobs: 30, seed: 11)
        let r = solver.solve(model, options: options { $0.mipGap = 0.5 })
        XCTAssertEqual(r.status, .optimal, r.reason)
        XCTAssertNotNil(r.objective)
    }

    /// A feasible warm start with stopAtObjective equal to its objective: GLPK takes it as the
    /// incumbent at the root and stops at once with it (or something better).
    func testWarmStartAccepted() {
        let model = TestModels.assignment(agents: 5, jobs: 30, seed: 5, slack: 0.7)
        let reference = solver.solve(model, options: options { $0.timeLimit = 10 })
        XCTAssertTrue(reference.hasSolution, reference.reason)
        // Offer a known solution and ask for exactly its objective.
        let start = reference.values
        let target = model.objectiveValue(start)
        let r = solver.solve(model, options: options {
            $0.warmStart = start
            $0.stopAtObjective = target
        })
        XCTAssertTrue(r.status == .feasible || r.status == .optimal, r.reason)
        XCTAssertTrue(r.reason.contains("warm start accepted"), r.reason)
        XCTAssertLessThanOrEqual(r.objective ?? .infinity, target + 1e-9)
        XCTAssertLessThanOrEqual(model.maxViolation(r.values), 1e-6)
    }

    func testWarmStartGreedyStop() {
        // Knapsack: the empty knapsack is feasible with objective 0 (100 with the constant).
        let model = TestModels.randomKnapsack(items: 40, seed: 9)
        let start = Array(repeating: 0.0, count: 40)
        let r = solver.solve(model, options: options {
            $0.warmStart = start
            $0.stopAtObjective = 0
        })
        XCTAssertEqual(r.status, .feasible, r.reason)
        XCTAssertEqual(r.termination, .objectiveLimit, "why it stopped")
        XCTAssertEqual(r.primal, .feasiblePoint, "what it holds")
        XCTAssertTrue(r.reason.contains("GLP_ESTOP"), r.reason)
        XCTAssertTrue(r.reason.contains("warm start accepted"), r.reason)
        XCTAssertLessThanOrEqual(r.objective ?? .infinity, 0)
    }

    /// Termination and primal status apart: finished with a solution, finished without one, and
    /// stopped by the caller before any solution.
    func testTerminationApartFromPrimalStatus() {
        let done = solver.solve(TestModels.knapsack(), options: options(presolve: true))
        XCTAssertEqual(done.termination, .optimal)
        XCTAssertEqual(done.primal, .feasiblePoint)
        var none = MIPModel(name: "none")
        let x = none.addVariable("x", lower: 0, upper: 1, kind: .integer)
        none.addConstraint("r", [(x, 2)], lower: 1, upper: 1)
        let infeasible = solver.solve(none, options: options(presolve: false))
        XCTAssertEqual(infeasible.primal, .noSolution)
        XCTAssertEqual(infeasible.status, .infeasible, infeasible.reason)
        XCTAssertEqual(infeasible.termination, .infeasible, "the search finished: no integer solution")
        let stopped = solver.solve(TestModels.assignment(agents: 5, jobs: 30, seed: 5, slack: 0.7),
                                   options: options { $0.presolve = false; $0.shouldStop = { true } })
        XCTAssertEqual(stopped.termination, .interrupted, stopped.reason)
    }

    func testInfeasibleWarmStartIsIgnored() {
        let model = TestModels.knapsack()
        let r = solver.solve(model, options: options { $0.warmStart = [1, 1, 1, 1, 1] })
        XCTAssertEqual(r.status, .optimal, r.reason)
        XCTAssertEqual(r.objective ?? .nan, TestModels.knapsackOptimum, accuracy: 1e-9)
        XCTAssertTrue(r.reason.contains("warm start ignored"), r.reason)
        let short = solver.solve(model, options: options { $0.warmStart = [1] })
        XCTAssertEqual(short.status, .optimal, short.reason)
        XCTAssertTrue(short.reason.contains("warm start ignored"), short.reason)
    }

    func testProgressIsReported() {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var reports: [SolveProgress] = []
            func add(_ p: SolveProgress) { lock.lock(); reports.append(p); lock.unlock() }
        }
        let log = Log()
        let model = TestModels.randomKnapsack(items: 60, seed: 4)
        for presolve in [true, false] {
            log.reports = []
            let r = solver.solve(model, options: options(presolve: presolve) { $0.progress = { log.add($0) } })
            XCTAssertEqual(r.status, .optimal, r.reason)
            XCTAssertFalse(log.reports.isEmpty, "presolve \(presolve)")
            for p in log.reports {
                if let i = p.incumbent { XCTAssertGreaterThanOrEqual(i, r.objective! - 1e-6) }
                if let b = p.bound { XCTAssertLessThanOrEqual(b, r.objective! + 1e-6) }
                XCTAssertGreaterThanOrEqual(p.seconds, 0)
            }
            XCTAssertTrue(log.reports.contains { $0.incumbent != nil })
        }
    }

    // MARK: Writing

    func testWriteMPSReadsBackInGlpsol() throws {
        let glpsol = "/usr/bin/glpsol"
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("xinyu-glpk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = [TestModels.knapsack(), TestModels.assignment(agents: 3, jobs: 9, seed: 2)]
        for model in models {
            let mps = directory.appendingPathComponent("\(model.name).mps").path
            let lp = directory.appendingPathComponent("\(model.name).lp").path
            try solver.writeMPS(model, to: mps)
            try solver.writeLP(model, to: lp)
            // Only the written files are left: the temporary ones were renamed.
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            XCTAssertFalse(files.contains { $0.hasSuffix(".tmp") }, "\(files)")
            let text = try String(contentsOfFile: mps, encoding: .utf8)
            XCTAssertTrue(text.contains("capacity") || text.contains("job_0"))
            guard FileManager.default.isExecutableFile(atPath: glpsol) else { continue }
            let optimum = solver.solve(model, options: SolveOptions()).objective!
            // GLPK's LP writer keeps the objective constant only as a comment.
            for (flag, file, expected) in [("--freemps", mps, optimum),
                                           ("--lp", lp, optimum - model.objectiveConstant)] {
                let out = directory.appendingPathComponent("out.txt").path
                let p = Process()
                p.executableURL = URL(fileURLWithPath: glpsol)
                p.arguments = [flag, file, "-o", out]
                p.standardOutput = FileHandle.nullDevice
                try p.run()
                p.waitUntilExit()
                XCTAssertEqual(p.terminationStatus, 0)
                let report = try String(contentsOfFile: out, encoding: .utf8)
                let line = report.split(separator: "\n").first { $0.hasPrefix("Objective:") } ?? ""
                // "Objective:  obj = 77 (MINimum)"
                let value = line.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) }
                XCTAssertEqual(value ?? .nan, expected, accuracy: 1e-6, "\(flag): \(line)")
            }
        }
    }

    func testWriteFailuresThrow() {
        XCTAssertThrowsError(try solver.writeMPS(TestModels.knapsack(), to: "/nonexistent-dir/x.mps"))
        var bad = TestModels.knapsack()
        bad.setBounds(0, lower: 1, upper: 0)
        XCTAssertThrowsError(try solver.writeMPS(bad, to: "/tmp/never-written.mps"))
        var clash = TestModels.knapsack()
        clash.addBinary("a")
        XCTAssertThrowsError(try solver.writeLP(clash, to: "/tmp/never-written.lp"))
    }

    // MARK: Threads and output

    func testConcurrentSolvesMatchSequential() {
        let models = (0..<8).map { i in
            i % 2 == 0 ? TestModels.randomKnapsack(items: 40, seed: UInt64(i))
                       : TestModels.assignment(agents: 4, jobs: 14, seed: UInt64(i))
        }
        let sequential = models.map { solver.solve($0, options: SolveOptions()) }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var items: [Int: SolveResult] = [:]
            func set(_ i: Int, _ r: SolveResult) { lock.lock(); items[i] = r; lock.unlock() }
        }
        let results = Results()
        let shared = solver
        DispatchQueue.concurrentPerform(iterations: models.count) { i in
            results.set(i, shared.solve(models[i], options: SolveOptions()))
        }
        for i in models.indices {
            let s = sequential[i], c = results.items[i]!
            XCTAssertEqual(s.status, .optimal, s.reason)
            XCTAssertEqual(c.status, s.status)
            XCTAssertEqual(c.objective, s.objective)
            XCTAssertEqual(c.values, s.values)
        }
    }

    /// With verbose off nothing reaches stdout or stderr; with verbose on GLPK's log goes to
    /// stderr only. Captures file descriptors 1 and 2 into files while solving.
    func testSilenceUnlessVerbose() throws {
        let model = TestModels.randomKnapsack(items: 30, seed: 1)
        let directory = FileManager.default.temporaryDirectory.path
        let path = "\(directory)/xinyu-glpk-mps-\(UUID().uuidString).mps"
        defer { unlink(path) }
        let quiet = try captureOutput {
            _ = solver.solve(model, options: SolveOptions())
            _ = solver.solve(model, options: options(presolve: false))
            _ = solver.solve(model, options: options { $0.relaxationOnly = true })
            _ = solver.solve(TestModels.marketSplit(rows: 4, columns: 30, seed: 1),
                             options: options { $0.timeLimit = 0.05 })
            try solver.writeMPS(model, to: path)
        }
        XCTAssertEqual(quiet.stdout, "")
        XCTAssertEqual(quiet.stderr, "")
        let loud = try captureOutput { _ = solver.solve(model, options: SolveOptions(verbose: true)) }
        XCTAssertEqual(loud.stdout, "")
        XCTAssertFalse(loud.stderr.isEmpty)
        // Terminal output is back to GLPK's default (on) after the solves... and still silent
        // for the next quiet solve.
        let again = try captureOutput { _ = solver.solve(model, options: SolveOptions()) }
        XCTAssertEqual(again.stdout + again.stderr, "")
    }

    private func captureOutput(_ body: () throws -> Void) throws -> (stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory.path
        let paths = ["out", "err"].map { "\(directory)/xinyu-capture-\($0)-\(UUID().uuidString)" }
        defer { paths.forEach { unlink($0) } }
        fflush(nil)
        var saved: [Int32] = []
        for (fd, path) in zip([Int32(1), 2], paths) {
            saved.append(dup(fd))
            let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            dup2(file, fd)
            close(file)
        }
        defer {
            fflush(nil)
            for (fd, copy) in zip([Int32(1), 2], saved) { dup2(copy, fd); close(copy) }
        }
        try body()
        fflush(nil)
        let texts = try paths.map { try String(contentsOfFile: $0, encoding: .utf8) }
        return (texts[0], texts[1])
    }
}
