// The glp_intopt callback: warm start, early stop, progress reports and the best bound.
// GLPK calls it on the solving thread, inside glp_intopt, with `cb_info` pointing to a
// SearchContext (passed unretained: the context outlives the glp_intopt call).

import CGLPK
import XinyuMIP

/// A monotonic wall clock for `seconds` and the time budget.
struct Stopwatch {
    private let start = ContinuousClock.now

    var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Milliseconds left of `limit` seconds for GLPK's tm_lim: Int32.max (GLPK's "no limit")
    /// without a limit, otherwise clamped to 0...Int32.max.
    func remainingMilliseconds(of limit: Double?) -> Int32 {
        guard let limit, limit.isFinite else { return Int32.max }
        let ms = ((limit - seconds) * 1000).rounded()
        return Int32(min(max(ms, 0), Double(Int32.max)))
    }
}

/// State shared between `GLPKSolver.solve` and the intopt callback during one glp_intopt call.
final class SearchContext {
    private let stopwatch: Stopwatch
    private let objectiveConstant: Double
    private let stopAtObjective: Double?
    private let giveUpAbove: Double?
    private let progress: (@Sendable (SolveProgress) -> Void)?
    private let shouldStop: (@Sendable () -> Bool)?
    /// The warm start in GLPK's 1-based column order, offered once on the first GLP_IHEUR.
    private var warmStart: [Double]?
    /// Whether glp_ios_heur_sol accepted the warm start (nil: not offered yet).
    private(set) var warmStartAccepted: Bool?
    /// The best proven lower bound seen so far, without the objective constant.
    private(set) var bestBound: Double?
    /// When the last GLP_ISELECT progress report was made (reports there are throttled).
    private var lastSelectReport = -Double.infinity
    /// The incumbent objective in the last progress report (without the constant).
    private var lastReportedIncumbent: Double?
    /// The work limit: simplex iterations of the whole solve; the loaded problem and its
    /// iteration count before the solve (the presolver's copy counts from 0).
    private let iterationLimit: Int?
    private let nodeLimit: Int?
    private let problem: OpaquePointer
    private let iterationsBefore: Int
    /// Whether the search was stopped by the work limit.
    private(set) var iterationLimitReached = false
    /// Whether the search was stopped at `stopAtObjective`.
    private(set) var objectiveLimitReached = false
    /// Simplex iterations of the solve at the last callback.
    private(set) var iterationsSeen = 0

    init(stopwatch: Stopwatch, objectiveConstant: Double, options: SolveOptions,
         warmStart: [Double]?, rootBound: Double?, problem: OpaquePointer, iterationsBefore: Int) {
        self.stopwatch = stopwatch
        self.objectiveConstant = objectiveConstant
        self.stopAtObjective = options.stopAtObjective
        self.giveUpAbove = options.giveUpAbove
        self.progress = options.progress
        self.shouldStop = options.shouldStop
        self.warmStart = warmStart.map { OneBased.array($0, unused: 0) }
        self.bestBound = rootBound
        self.iterationLimit = options.iterationLimit
        self.nodeLimit = options.nodeLimit
        self.problem = problem
        self.iterationsBefore = iterationsBefore
    }

    /// Sets the callback and its context in `parm` for the duration of `body`.
    func install<R>(in parm: inout glp_iocp, _ body: (inout glp_iocp) -> R) -> R {
        parm.cb_func = { tree, info in
            guard let tree, let info else { return }
            Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue().handle(tree)
        }
        return withExtendedLifetime(self) {
            parm.cb_info = Unmanaged.passUnretained(self).toOpaque()
            return body(&parm)
        }
    }

    /// One callback: GLPK tells why through glp_ios_reason.
    private func handle(_ tree: OpaquePointer) {
        let reason = glp_ios_reason(tree)
        if reason == GLP_IHEUR, let x = warmStart {
            warmStart = nil
            // The tree's problem has the model's columns here (no MIP presolver with a warm
            // start); check anyway, as glp_ios_heur_sol reads n + 1 elements.
            if let prob = glp_ios_get_prob(tree), Int(glp_get_num_cols(prob)) == x.count - 1 {
                warmStartAccepted = glp_ios_heur_sol(tree, x) == 0
            } else {
                warmStartAccepted = false
            }
        }
        let incumbent = self.incumbent(tree)
        updateBound(tree, incumbent: incumbent)
        if let stop = stopAtObjective, let incumbent, incumbent + objectiveConstant <= stop {
            objectiveLimitReached = true
            glp_ios_terminate(tree)
        }
        // The proven bound passed the objective worth having: no solution found now would do.
        if let limit = giveUpAbove, let bound = bestBound, bound + objectiveConstant > limit {
            objectiveLimitReached = true
            glp_ios_terminate(tree)
        }
        if let shouldStop, shouldStop() { glp_ios_terminate(tree) }
        if let prob = glp_ios_get_prob(tree) {
            iterationsSeen = Int(glp_get_it_cnt(prob)) - (prob == problem ? iterationsBefore : 0)
        }
        if let limit = iterationLimit {
            if iterationsSeen >= limit {
                iterationLimitReached = true
                glp_ios_terminate(tree)
            }
        }
        if let limit = nodeLimit {
            var nodes: Int32 = 0
            glp_ios_tree_size(tree, nil, nil, &nodes)
            if Int(nodes) >= limit {
                iterationLimitReached = true
                glp_ios_terminate(tree)
            }
        }
        guard let progress else { return }
        // Report every new incumbent: GLP_IBINGO announces those found by branching, but GLPK's
        // own heuristics store theirs silently, so compare with the last one reported. Between
        // incumbents, report on GLP_ISELECT at most once a second.
        let now = stopwatch.seconds
        let improved = incumbent.map { $0 < (lastReportedIncumbent ?? .infinity) } ?? false
        let report: Bool
        switch reason {
        case GLP_IBINGO: report = true
        case GLP_ISELECT: report = improved || now - lastSelectReport >= 1
        default: report = improved
        }
        guard report else { return }
        if reason == GLP_ISELECT { lastSelectReport = now }
        if let incumbent { lastReportedIncumbent = incumbent }
        // glp_ios_mip_gap is GLPK's relative gap on the objective without the constant, the
        // one compared with `mipGap`; it is DBL_MAX without an incumbent.
        let gap = incumbent == nil ? nil : glp_ios_mip_gap(tree)
        progress(SolveProgress(
            incumbent: incumbent.map { $0 + objectiveConstant },
            bound: bestBound.map { $0 + objectiveConstant },
            gap: gap.flatMap { $0 < 1e300 ? $0 : nil },
            seconds: now))
    }

    /// The objective of the incumbent (without the constant), if there is one.
    private func incumbent(_ tree: OpaquePointer) -> Double? {
        guard let prob = glp_ios_get_prob(tree) else { return nil }
        let status = glp_mip_status(prob)
        guard status == GLP_FEAS || status == GLP_OPT else { return nil }
        return glp_mip_obj_val(prob)
    }

    /// Raises `bestBound` to the bound of the best active subproblem, capped by the incumbent.
    /// Before the root LP is solved GLPK gives -DBL_MAX: no bound yet.
    private func updateBound(_ tree: OpaquePointer, incumbent: Double?) {
        let best = glp_ios_best_node(tree)
        guard best != 0 else { return }
        var bound = glp_ios_node_bound(tree, best)
        guard bound.isFinite, bound > -1e300 else { return }
        if let incumbent { bound = min(bound, incumbent) }
        bestBound = max(bestBound ?? bound, bound)
    }
}
