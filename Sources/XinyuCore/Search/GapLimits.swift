import XinyuMIP

// Why a group's own gap stays open (issue 19: the benchmark says, per instance, by how much the
// 1% target is missed and what limits it). The note names the work limits that stopped the
// stages able to close the gap: the Lagrangian rounds, the branch-and-price nodes, the
// model-chosen-slot stage. English only: a benchmark and log field, not a dean's text.

/// What the bound stages of one group did, as the planner saw them.
struct BoundWork {
    /// Rounds asked for (`--bound-rounds`; 0: the Lagrangian was not asked for).
    var roundsAsked = 0
    /// The preference stages kept each class's teacher (same-teacher policy): their optimum is
    /// one among schedules with those teachers, not a bound.
    var teachersFixed = false
    var lagrangian: LagrangianBound?
    var branch: BranchAndPriceResult?
}

/// One line: "closed" when the gap is within `mipGap`, else the limits that held it open.
func gapLimitNote(gap: Double?, mipGap: Double, work: BoundWork, stages: [StageLog]) -> String {
    if let gap, gap <= max(mipGap, 1e-9) { return "closed" }
    var why: [String] = []
    if gap == nil { why.append("no bound") }
    if work.roundsAsked == 0 {
        why.append("Lagrangian not asked for (--bound-rounds 0): each class alone only")
    } else if let lr = work.lagrangian {
        let end = lr.converged ? "converged (pattern LP = bound: the relaxation's own gap)"
            : lr.stalled ? "stalled" : lr.roundsRun >= work.roundsAsked ? "round limit" : "time limit"
        why.append("Lagrangian \(lr.roundsRun) rounds, \(end)")
    } else {
        why.append("Lagrangian not run (time limit)")
    }
    if let bp = work.branch {
        let end = bp.closed ? "closed" : bp.nodeLimitReached.map { "node limit \($0)" }
            ?? "stopped before the node limit (time, or no node left to split)"
        why.append("branch-and-price \(bp.nodes) nodes, \(bp.open) open, \(end)")
    }
    if let slots = stages.last(where: { $0.name == "preferences-slots" }) {
        let end = slots.status == .optimal ? "optimal" : slots.workLimitReached ? "work limit" : "node or time limit"
        why.append("model-chosen slots\(work.teachersFixed ? " (teachers fixed)" : "") \(end)")
    }
    return why.joined(separator: "; ")
}
