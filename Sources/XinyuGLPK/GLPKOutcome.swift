// GLPK's return codes and solution statuses, and the one mapping from them to SolveStatus.

import CGLPK
import XinyuMIP

/// A return code of glp_simplex or glp_intopt (glpk.h lists all of them; the ones after
/// GLP_EMIPGAP come from other GLPK routines and are mapped for completeness).
enum GLPKReturnCode: Equatable {
    case success, badBasis, singular, illConditioned, badBounds, failed
    case objectiveLowerLimit, objectiveUpperLimit, iterationLimit, timeLimit
    case noPrimalFeasible, noDualFeasible, rootNotOptimal, stopped, mipGapReached
    case noFeasible, noConvergence, instability, badData, outOfRange
    case unknown(Int32)

    init(_ code: Int32) {
        switch code {
        case 0: self = .success
        case GLP_EBADB: self = .badBasis
        case GLP_ESING: self = .singular
        case GLP_ECOND: self = .illConditioned
        case GLP_EBOUND: self = .badBounds
        case GLP_EFAIL: self = .failed
        case GLP_EOBJLL: self = .objectiveLowerLimit
        case GLP_EOBJUL: self = .objectiveUpperLimit
        case GLP_EITLIM: self = .iterationLimit
        case GLP_ETMLIM: self = .timeLimit
        case GLP_ENOPFS: self = .noPrimalFeasible
        case GLP_ENODFS: self = .noDualFeasible
        case GLP_EROOT: self = .rootNotOptimal
        case GLP_ESTOP: self = .stopped
        case GLP_EMIPGAP: self = .mipGapReached
        case GLP_ENOFEAS: self = .noFeasible
        case GLP_ENOCVG: self = .noConvergence
        case GLP_EINSTAB: self = .instability
        case GLP_EDATA: self = .badData
        case GLP_ERANGE: self = .outOfRange
        default: self = .unknown(code)
        }
    }

    /// GLPK's name and what it means here.
    var description: String {
        switch self {
        case .success: return "0: solver finished"
        case .badBasis: return "GLP_EBADB: invalid initial basis"
        case .singular: return "GLP_ESING: basis matrix is singular"
        case .illConditioned: return "GLP_ECOND: basis matrix is ill-conditioned"
        case .badBounds: return "GLP_EBOUND: incorrect bounds (double-bounded or integer variable)"
        case .failed: return "GLP_EFAIL: solver failed"
        case .objectiveLowerLimit: return "GLP_EOBJLL: objective lower limit reached (not requested)"
        case .objectiveUpperLimit: return "GLP_EOBJUL: objective upper limit reached (not requested)"
        case .iterationLimit: return "GLP_EITLIM: iteration limit reached"
        case .timeLimit: return "GLP_ETMLIM: time limit reached"
        case .noPrimalFeasible: return "GLP_ENOPFS: no primal feasible solution (infeasible)"
        case .noDualFeasible: return "GLP_ENODFS: no dual feasible solution (unbounded, or infeasible)"
        case .rootNotOptimal: return "GLP_EROOT: optimal basis of the root LP not provided"
        case .stopped: return "GLP_ESTOP: search stopped by the application"
        case .mipGapReached: return "GLP_EMIPGAP: relative MIP gap tolerance reached"
        case .noFeasible: return "GLP_ENOFEAS: no primal or dual feasible solution"
        case .noConvergence: return "GLP_ENOCVG: no convergence"
        case .instability: return "GLP_EINSTAB: numerical instability"
        case .badData: return "GLP_EDATA: invalid data"
        case .outOfRange: return "GLP_ERANGE: result out of range"
        case .unknown(let code): return "GLPK return code \(code): unknown"
        }
    }
}

/// A solution status: glp_get_status (basic solution) or glp_mip_status (MIP solution).
enum GLPKSolutionStatus: Equatable {
    case undefined, feasible, infeasible, noFeasible, optimal, unbounded
    case unknown(Int32)

    init(_ status: Int32) {
        switch status {
        case GLP_UNDEF: self = .undefined
        case GLP_FEAS: self = .feasible
        case GLP_INFEAS: self = .infeasible
        case GLP_NOFEAS: self = .noFeasible
        case GLP_OPT: self = .optimal
        case GLP_UNBND: self = .unbounded
        default: self = .unknown(status)
        }
    }

    /// GLPK's name and what it means for the solution of `phase`.
    func description(_ phase: GLPKPhase) -> String {
        let of = phase == .mip ? "integer" : "LP"
        switch self {
        case .undefined: return "GLP_UNDEF: no \(of) solution"
        case .feasible: return "GLP_FEAS: \(of) feasible"
        case .infeasible: return "GLP_INFEAS: \(of) solution infeasible (intermediate)"
        case .noFeasible: return "GLP_NOFEAS: no \(of) feasible solution exists"
        case .optimal: return "GLP_OPT: \(of) optimal"
        case .unbounded: return "GLP_UNBND: \(of) unbounded"
        case .unknown(let status): return "GLPK status \(status): unknown"
        }
    }
}

/// Which GLPK run a code and status come from.
enum GLPKPhase: Equatable {
    /// glp_simplex on the LP relaxation, which is the answer (`relaxationOnly`).
    case lp
    /// glp_simplex on the LP relaxation before glp_intopt (presolve off): only an optimal LP
    /// lets the integer search start, and an LP solution is never an integer answer.
    case rootLP
    /// glp_intopt; the status is glp_mip_status.
    case mip
}

/// The SolveStatus of a GLPK run: every return code and every status, in one switch.
/// The return code decides when GLPK stopped abnormally; otherwise the solution status does.
func solveStatus(_ code: GLPKReturnCode, _ status: GLPKSolutionStatus, phase: GLPKPhase) -> SolveStatus {
    switch (code, status) {
    // Failures, and limits we never set (objective limits of the dual simplex).
    case (.badBasis, _), (.singular, _), (.illConditioned, _), (.badBounds, _), (.failed, _),
         (.objectiveLowerLimit, _), (.objectiveUpperLimit, _), (.rootNotOptimal, _),
         (.noFeasible, _), (.noConvergence, _), (.instability, _), (.badData, _),
         (.outOfRange, _), (.unknown, _):
        return .error
    // The presolver proved it (ENODFS: the relaxation has no dual feasible solution).
    case (.noPrimalFeasible, _): return .infeasible
    case (.noDualFeasible, _): return .unbounded
    // Finished, or stopped by a limit or by us: the solution status tells what exists.
    case (.success, .optimal), (.iterationLimit, .optimal), (.timeLimit, .optimal),
         (.stopped, .optimal), (.mipGapReached, .optimal):
        return phase == .rootLP ? .noSolution : .optimal
    case (.mipGapReached, .feasible):
        return phase == .rootLP ? .noSolution : .optimal  // optimal within the requested gap
    case (.success, .feasible), (.iterationLimit, .feasible), (.timeLimit, .feasible),
         (.stopped, .feasible):
        return phase == .rootLP ? .noSolution : .feasible
    case (.success, .noFeasible), (.iterationLimit, .noFeasible), (.timeLimit, .noFeasible),
         (.stopped, .noFeasible), (.mipGapReached, .noFeasible):
        return .infeasible
    case (.success, .unbounded), (.iterationLimit, .unbounded), (.timeLimit, .unbounded),
         (.stopped, .unbounded), (.mipGapReached, .unbounded):
        return .unbounded
    // Finished without a solution and without a proof: a contradiction, so an error.
    case (.success, .undefined), (.success, .infeasible), (.success, .unknown):
        return .error
    // Stopped before any solution was found.
    case (.iterationLimit, .undefined), (.iterationLimit, .infeasible),
         (.timeLimit, .undefined), (.timeLimit, .infeasible),
         (.stopped, .undefined), (.stopped, .infeasible),
         (.mipGapReached, .undefined), (.mipGapReached, .infeasible):
        return .noSolution
    case (.iterationLimit, .unknown), (.timeLimit, .unknown), (.stopped, .unknown),
         (.mipGapReached, .unknown):
        return .error
    }
}

/// Why a GLPK run stopped. `workLimit`: the work limit (ours) stopped it; `objectiveLimit`:
/// `stopAtObjective` did (both end the search with GLP_ESTOP, as the caller's stop does).
func termination(_ code: GLPKReturnCode, _ solved: SolveStatus, workLimit: Bool, objectiveLimit: Bool = false) -> TerminationStatus {
    if workLimit { return .iterationLimit }
    switch code {
    case .timeLimit: return .timeLimit
    case .iterationLimit: return .iterationLimit
    case .stopped: return objectiveLimit ? .objectiveLimit : .interrupted
    default: break
    }
    switch solved {
    case .optimal: return .optimal
    case .infeasible: return .infeasible
    case .unbounded: return .unbounded
    case .feasible, .noSolution, .error: return .error
    }
}

/// GLPK's own words for a run, e.g. "GLP_ETMLIM: time limit reached; GLP_FEAS: integer feasible".
func glpkReason(_ code: GLPKReturnCode, _ status: GLPKSolutionStatus, phase: GLPKPhase) -> String {
    let what = phase == .rootLP ? "LP relaxation: " : ""
    return what + code.description + "; " + status.description(phase)
}
