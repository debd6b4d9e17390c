import XinyuMIP

// The preference stage with the regular slots chosen by the model, for runs that ask for proof.
//
// The preference rounds fix each class's regular slot (the rhythm plan's, then the one its
// lessons use most) and price every lesson off it: a small model, solved exactly, but a local
// search over the slots. Where it ends depends on which of a round's equal-cost optima the solver
// returns: solving the stage in blocks (StageBlocks.swift) changed that choice, and the rounds now
// end at 517 where they had found 511 (school-72-tight), 153 where 149 (school-36-tight).
//
// The stage with the slots chosen by the model (`addRhythm`: u[c,s] and on[c,k] columns) is the
// exact one: every fixed-slot model is a restriction of it. Its LP is strong (on school-36-tight
// it equals the optimum, 149) but far from integral (22 of 36 classes split their slot), and
// neither the LP's slots as a start for the rounds (153, 513) nor GLPK's first 200 nodes with
// either branching rule found better. Its branch-and-bound does: 149 on school-36-tight (proven,
// 24,000 simplex iterations), 491 on school-72-tight (150,000 iterations, minutes). That is too
// slow for every run, so it runs only where the run asked for proof (`--bound-rounds`), which
// costs minutes anyway, under a work limit, block by block when teachers are fixed (the cap split
// at the incumbent, as in the fixed-slot stage), warm-started from the rounds' schedule: it can
// only keep or lower the cost. The figures above are GLPK's defaults (cuts on); with cuts on, the
// 36-class school's stage ran 17 CPU minutes before it was stopped, so the stage runs without
// them (benchmarks/results/2026-12-01-slots.md has the figures at these limits).

/// The work limits of the model-chosen-slot preference stage: simplex iterations and nodes, split
/// over its blocks by columns (`solveByBlocks`).
public let slotStageIterations = 100_000
public let slotStageNodes = 500

extension Planner {
    /// The preference stage with teachers as given (`fixed`, nil: free) and each class's regular
    /// slot chosen by the model, warm-started from `best`. Returns a schedule only if it keeps the
    /// shortfall and costs less by `Instance.score`.
    func preferencesWithSlots(_ inst: Instance, best: [Placement], shortfall: Int, fixed: [Int?]?,
                              run: (String, MIPModel, Double, SolveOptions) -> SolveResult) -> [Placement]? {
        guard inst.preferences.rhythm > 0 else { return nil }
        let spec = TermModelSpec(fixedTeacher: fixed, preferences: true, preferredSlot: nil,
                                 shortfallWeight: 0, shortfallCap: Double(shortfall))
        let pref = TermModel(inst, spec, name: "preferences-slots")
        var search = SolveOptions(mipGap: options.mipGap)
        search.warmStart = pref.assignment(inst, best)
        search.iterationLimit = slotStageIterations
        search.nodeLimit = slotStageNodes
        // No cuts: a cut round can leave a node's LP stalling where no callback stops it (as in
        // the exactness stage), and then the iteration limit does not bind.
        search.cuts = false
        if fixed != nil { search.blocks = pref.blockSplit }
        let r = run("preferences-slots", pref.model, 0.5, search)
        guard r.hasSolution else { return nil }
        let found = pref.placements(r.values)
        guard inst.missing(found) <= shortfall, inst.score(found).total < inst.score(best).total - 1e-9 else { return nil }
        return found
    }
}
