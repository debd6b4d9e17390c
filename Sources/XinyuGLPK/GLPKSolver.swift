// The GLPK backend of XinyuMIP: solves a MIPModel with glp_simplex / glp_intopt and writes it
// as free MPS or CPLEX LP. Everything GLPK would abort on is checked before the first GLPK
// call; each solve creates, solves and deletes its problem on the calling thread.

import CGLPK
import Foundation
import XinyuMIP

public struct GLPKSolver: MIPSolver {
    public init() {}

    public var name: String { "GLPK" }

    /// GLPK's version, e.g. "5.0".
    public var version: String { String(cString: glp_version()) }

    // MARK: Solving

    public func solve(_ model: MIPModel, options: SolveOptions) -> SolveResult {
        let stopwatch = Stopwatch()
        func result(_ status: SolveStatus, _ reason: String) -> SolveResult {
            SolveResult(status: status, termination: status == .infeasible ? .infeasible : .error,
                        objective: nil, bound: nil, values: [], reason: reason, seconds: stopwatch.seconds)
        }
        if let error = Self.argumentError(model, options) { return result(.error, error.message) }
        let columns = model.variables.map { ColumnShape($0, integrality: !options.relaxationOnly) }
        if let j = columns.firstIndex(where: { $0.lower > $0.upper }) {
            let v = model.variables[j]
            return result(.infeasible, "variable \(v.name): no integer value in [\(v.lower), \(v.upper)]")
        }
        return withTerminalOutput(verbose: options.verbose) {
            GLPKProblem.with { problem in
                // The model's constant stays out of GLPK, so GLPK's relative gap (compared with
                // `mipGap`) is the gap of the model's variable part; it is added back below.
                if let error = problem.load(model, columns: columns, objectiveConstant: 0) {
                    return result(.error, error.message)
                }
                let run = Run(problem: problem, model: model, options: options, stopwatch: stopwatch)
                // Without integer columns the MIP is its relaxation. glp_simplex alone also
                // avoids glp_intopt on degenerate problems: with cover cuts on, an empty problem
                // (no rows, no columns) makes GLPK 5.0 abort in glp_add_cols.
                let isLP = options.relaxationOnly || !columns.contains { $0.integer }
                return isLP ? run.solveRelaxation() : run.solveMIP()
            }
        }
    }

    /// Why `model` and `options` cannot be handed to GLPK, or nil. Covers everything GLPK
    /// aborts on: the model's own `validationError()` (finite numbers, ordered bounds, indices
    /// in range, no duplicate terms, names ≤ 255 bytes without control characters) plus sizes
    /// that fit GLPK's `int` and the options that become GLPK parameters.
    static func argumentError(_ model: MIPModel, _ options: SolveOptions) -> ModelError? {
        if let error = model.validationError() { return error }
        if let error = sizeError(model) { return error }
        if let limit = options.timeLimit, limit.isNaN || limit < 0 {
            return ModelError("time limit \(limit) must be a number ≥ 0")
        }
        if options.mipGap.isNaN || options.mipGap < 0 {
            return ModelError("MIP gap \(options.mipGap) must be a number ≥ 0")
        }
        if let stop = options.stopAtObjective, stop.isNaN {
            return ModelError("stopAtObjective is not a number")
        }
        if let limit = options.iterationLimit, limit < 1 {
            return ModelError("iteration limit \(limit) must be ≥ 1")
        }
        return nil
    }

    /// Counts must fit GLPK's `int` (with room for element 0 of its arrays).
    static func sizeError(_ model: MIPModel) -> ModelError? {
        let limit = Int(Int32.max) - 1
        if model.variableCount > limit || model.constraintCount > limit || model.nonZeroCount > limit {
            return ModelError("model too large for GLPK: \(model.variableCount) variables, "
                + "\(model.constraintCount) constraints, \(model.nonZeroCount) non-zeros")
        }
        return nil
    }

    // MARK: Writing

    /// Writes `model` as free MPS (GLP_MPS_FILE): minimisation, the objective constant as
    /// GLPK's c0, integer and binary columns with integral bounds. Atomic: written to a
    /// temporary file in the same directory, then renamed into place.
    /// GLPK writes c0 as the right-hand side of the objective row and reads it back as +c0;
    /// readers following CPLEX's convention (HiGHS among them) take that value as −constant,
    /// so a model with a non-zero constant reads back there shifted by −2·constant.
    public func writeMPS(_ model: MIPModel, to path: String) throws {
        try write(model, to: path, format: "MPS") { problem, file in
            glp_write_mps(problem.raw, GLP_MPS_FILE, nil, file)
        }
    }

    /// Writes `model` in CPLEX LP format, like `writeMPS`. GLPK writes a non-zero objective
    /// constant only as a comment, so the file's optimum lacks `objectiveConstant`.
    public func writeLP(_ model: MIPModel, to path: String) throws {
        try write(model, to: path, format: "CPLEX LP") { problem, file in
            glp_write_lp(problem.raw, nil, file)
        }
    }

    private func write(_ model: MIPModel, to path: String, format: String,
                       _ writer: (GLPKProblem, String) -> Int32) throws {
        if let error = model.validationError() ?? Self.sizeError(model) ?? Self.nameClash(model) {
            throw error
        }
        let columns = model.variables.map { ColumnShape($0, integrality: true) }
        if let j = columns.firstIndex(where: { $0.lower > $0.upper }) {
            throw ModelError("variable \(model.variables[j].name): no integer value within its bounds")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
            .path
        let failure: ModelError? = withTerminalOutput(verbose: false) {
            GLPKProblem.with { problem in
                if let error = problem.load(model, columns: columns, objectiveConstant: model.objectiveConstant) {
                    return error
                }
                return writer(problem, temporary) == 0 ? nil : ModelError("GLPK could not write \(format) to \(temporary)")
            }
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        if rename(temporary, path) != 0 {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw ModelError("cannot rename \(temporary) to \(path): \(message)")
        }
    }

    /// Two variables or two constraints with the same name would be one in a written file.
    static func nameClash(_ model: MIPModel) -> ModelError? {
        var seen = Set<String>()
        for v in model.variables where !v.name.isEmpty && !seen.insert(v.name).inserted {
            return ModelError("two variables are named \(v.name)")
        }
        seen = []
        for c in model.constraints where !c.name.isEmpty && !seen.insert(c.name).inserted {
            return ModelError("two constraints are named \(c.name)")
        }
        return nil
    }
}

extension SolveStatus {
    /// Whether GLPK holds a solution to return (as `SolveResult.hasSolution`).
    fileprivate var hasValues: Bool { self == .optimal || self == .feasible }
}

/// One solve of a loaded problem.
private struct Run {
    let problem: GLPKProblem
    let model: MIPModel
    let options: SolveOptions
    let stopwatch: Stopwatch

    private var messageLevel: Int32 { options.verbose ? GLP_MSG_ON : GLP_MSG_OFF }

    /// The LP relaxation alone (`relaxationOnly`): glp_simplex, with its presolver if asked.
    func solveRelaxation() -> SolveResult {
        let (code, status) = simplex(presolve: options.presolve)
        let solved = solveStatus(code, status, phase: .lp)
        let objective = solved.hasValues ? glp_get_obj_val(problem.raw) + model.objectiveConstant : nil
        return SolveResult(
            status: solved, termination: termination(code, solved, workLimit: false),
            objective: objective, bound: solved == .optimal ? objective : nil,
            values: solved.hasValues ? problem.columnValues(mip: false) : [],
            reason: glpkReason(code, status, phase: .lp), seconds: stopwatch.seconds)
    }

    /// The MIP: glp_intopt, with its own presolver, or after glp_simplex when the presolver is
    /// off or a warm start is given (the callback sees the presolved problem otherwise, whose
    /// columns are not the model's, so a warm start could not be offered).
    func solveMIP() -> SolveResult {
        var notes: [String] = []
        let warmStart = usableWarmStart(&notes)
        let usePresolver = options.presolve && warmStart == nil
        var rootBound: Double?
        let iterationsBefore = Int(glp_get_it_cnt(problem.raw))
        if !usePresolver {
            let (code, status) = simplex(presolve: false)
            guard code == .success, status == .optimal else {
                let workLimit = code == .iterationLimit && options.iterationLimit != nil
                if workLimit { notes.append("work limit of \(options.iterationLimit!) simplex iterations reached") }
                let solved = solveStatus(code, status, phase: .rootLP)
                return SolveResult(
                    status: solved, termination: termination(code, solved, workLimit: workLimit), objective: nil, bound: nil,
                    values: [], reason: ([glpkReason(code, status, phase: .rootLP)] + notes).joined(separator: "; "),
                    seconds: stopwatch.seconds)
            }
            rootBound = glp_get_obj_val(problem.raw)
        }

        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = messageLevel
        parm.presolve = usePresolver ? GLP_ON : GLP_OFF
        parm.tm_lim = stopwatch.remainingMilliseconds(of: options.timeLimit)
        parm.mip_gap = options.mipGap
        Self.tune(&parm)
        if !options.cuts { parm.clq_cuts = GLP_OFF; parm.cov_cuts = GLP_OFF; parm.mir_cuts = GLP_OFF }
        if options.branching == .mostFractional { parm.br_tech = GLP_BR_MFV }
        // A work limit is checked in the callback, between LPs, so no LP may run away: with the
        // long-step ratio test (GLPK's default) the search of the tight 60-school benchmark's
        // school S11 sent no callback for 400 s after its warm start (the log: one node's LP
        // re-solved for 80,000 iterations, the objective moving in the sixth decimal); with the
        // textbook test it made nodes steadily.
        if options.iterationLimit != nil { parm.flip = GLP_OFF }
        let context = SearchContext(stopwatch: stopwatch, objectiveConstant: model.objectiveConstant,
                                    options: options, warmStart: warmStart, rootBound: rootBound,
                                    problem: problem.raw, iterationsBefore: iterationsBefore)
        let code = GLPKReturnCode(context.install(in: &parm) { glp_intopt(problem.raw, &$0) })
        let status = GLPKSolutionStatus(glp_mip_status(problem.raw))
        let solved = solveStatus(code, status, phase: .mip)

        switch context.warmStartAccepted {
        case true?: notes.append("warm start accepted")
        case false?: notes.append("warm start rejected by GLPK")
        case nil where warmStart != nil: notes.append("warm start not used (no heuristic call)")
        case nil: break
        }
        if context.iterationLimitReached, let limit = options.iterationLimit {
            notes.append("work limit of \(limit) simplex iterations reached")
        }
        let objective = solved.hasValues ? glp_mip_obj_val(problem.raw) + model.objectiveConstant : nil
        let bound: Double?
        switch solved {
        case .optimal where code == .success: bound = objective
        case .optimal, .feasible, .noSolution:
            bound = context.bestBound.map { $0 + model.objectiveConstant }
        case .infeasible, .unbounded, .error: bound = nil
        }
        var result = SolveResult(
            status: solved,
            termination: termination(code, solved, workLimit: context.iterationLimitReached,
                                     objectiveLimit: context.objectiveLimitReached),
            objective: objective, bound: bound,
            values: solved.hasValues ? problem.columnValues(mip: true) : [],
            reason: ([glpkReason(code, status, phase: .mip)] + notes).joined(separator: "; "),
            seconds: stopwatch.seconds)
        // The presolver's copy is gone: its count as last seen by the callback.
        result.iterations = usePresolver ? context.iterationsSeen : Int(glp_get_it_cnt(problem.raw)) - iterationsBefore
        return result
    }

    /// glp_simplex within what is left of the time limit; its return code and basic status.
    private func simplex(presolve: Bool) -> (GLPKReturnCode, GLPKSolutionStatus) {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = messageLevel
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        parm.tm_lim = stopwatch.remainingMilliseconds(of: options.timeLimit)
        if let limit = options.iterationLimit { parm.it_lim = Int32(min(limit, Int(Int32.max))) }
        let code = GLPKReturnCode(glp_simplex(problem.raw, &parm))
        return (code, GLPKSolutionStatus(glp_get_status(problem.raw)))
    }

    /// The warm start if it is a feasible assignment of the model (integer columns rounded, as
    /// glp_ios_heur_sol wants exact integers); otherwise nil, with a note why it is ignored.
    private func usableWarmStart(_ notes: inout [String]) -> [Double]? {
        guard let values = options.warmStart else { return nil }
        guard values.count == model.variableCount, values.allSatisfy(\.isFinite) else {
            notes.append("warm start ignored: needs \(model.variableCount) finite values, got \(values.count)")
            return nil
        }
        let violation = model.maxViolation(values)
        guard violation <= 1e-6 else {
            notes.append("warm start ignored: infeasible (violation \(violation))")
            return nil
        }
        return zip(model.variables, values).map { $0.kind == .continuous ? $1 : $1.rounded() }
    }

    /// Search settings of glp_intopt beyond GLPK's defaults, measured with glpsol 5.0 (10 s
    /// limit, 2 cores) on five generalized-assignment instances of "type D" (costs inversely
    /// correlated with weights, capacities at 80%: 5×20, 5×30, 8×24, 10×30, 5×40 binaries),
    /// the assignment structure of timetabling:
    /// - clique + cover + MIR cuts: 3 of 5 solved to optimality (0.4, 1.6, 4.2 s) against 1 of 5
    ///   with GLPK's defaults (no cuts, 2.2 s); the other two ended with the smallest gaps.
    /// - Gomory cuts (alone or with the others) made every instance slower or worse: off.
    /// - Feasibility pump and proximity search found no better incumbents and used time: off.
    /// - Pseudocost branching (GLP_BR_PCH) was worse than the default Driebeck–Tomlin
    ///   (GLP_BR_DTH); best-local-bound backtracking (GLP_BT_BLB) stays as well.
    ///   DTH prices every fractional column (glp_eval_tab_row) at each node: on a 15,062 × 10,516
    ///   term model that is ~1 s a node, so large searches ask for `.mostFractional` (GLP_BR_MFV).
    /// All of these are deterministic: the same input gives the same search.
    static func tune(_ parm: inout glp_iocp) {
        parm.clq_cuts = GLP_ON
        parm.cov_cuts = GLP_ON
        parm.mir_cuts = GLP_ON
        parm.gmi_cuts = GLP_OFF
        parm.fp_heur = GLP_OFF
        parm.ps_heur = GLP_OFF
        parm.br_tech = GLP_BR_DTH
        parm.bt_tech = GLP_BT_BLB
    }
}
