import XinyuMIP
import XinyuPack

/// Work limit of the pattern schedule's search, simplex iterations (deterministic, unlike time).
let patternScheduleIterations = 50_000

/// A schedule put together from the class patterns the Lagrangian rounds saw: one pattern per
/// class, chosen by GLPK so that the rows the rounds priced hold again (a teacher at one place per
/// time, day and week caps, the total shortfall), at the least cost with load balance counted
/// (the restricted pattern master solved with integers: "price and branch"). The patterns come
/// from classes alone, so the rule the rounds dropped (a teacher's replaced row elsewhere) is
/// checked on the result with the full model's rows. Warm-started from `incumbent`'s patterns;
/// nil unless it finds a schedule that keeps every rule, misses `shortfall` lessons like
/// `incumbent` and costs less.
func patternSchedule(_ inst: Instance, patterns: [Pattern], incumbent: [Placement], shortfall: Int,
                     solver: MIPSolver, timeLimit: Double?, stop: (@Sendable () -> Bool)? = nil) -> [Placement]? {
    let rows = CouplingRows(inst)
    var m = MIPModel(name: "pattern_master")
    let ys = patterns.indices.map { m.addBinary("y_p\($0)", objective: patterns[$0].cost) }
    var byClass = [[Int]](repeating: [], count: inst.classes.count)
    var byRow: [Int: [(Int, Double)]] = [:], byTeacher: [Int: [(Int, Double)]] = [:]
    var missing: [(Int, Double)] = []
    for (k, p) in patterns.enumerated() {
        byClass[p.classIndex].append(ys[k])
        for r in p.rows { byRow[r.row, default: []].append((ys[k], r.count)) }
        for l in p.load { byTeacher[l.teacher, default: []].append((ys[k], l.count)) }
        if p.missing > 0 { missing.append((ys[k], p.missing)) }
    }
    guard byClass.allSatisfy({ !$0.isEmpty }) else { return nil }
    for (ci, cols) in byClass.enumerated() { m.addConstraint("one_c\(ci)", cols.map { ($0, 1.0) }, lower: 1, upper: 1) }
    for (row, terms) in byRow.sorted(by: { $0.key < $1.key }) {
        m.addConstraint("row_\(row)", terms, upper: rows.capacity[row])
    }
    if !missing.isEmpty { m.addConstraint("short", missing, upper: Double(shortfall)) }
    addReplacedRows(inst, patterns, ys, &m)
    var excess: [Int: Int] = [:]
    for (t, terms) in byTeacher.sorted(by: { $0.key < $1.key }) where !rows.share.isEmpty {
        // e_t ≥ load_t − share_t, at the load-balance weight per lesson above the share.
        let e = m.addVariable("e_t\(t)", lower: 0, upper: .infinity, objective: inst.preferences.loadBalance)
        excess[t] = e
        m.addConstraint("lb_t\(t)", terms + [(e, -1)], upper: rows.share[t])
    }
    var o = SolveOptions(timeLimit: timeLimit)
    o.iterationLimit = patternScheduleIterations
    // No cut rounds: a cut round can stall a node's LP with no callback to stop it (see leastShortfall).
    o.cuts = false
    o.shouldStop = stop
    o.warmStart = masterStart(patterns, incumbent: incumbent, model: m, excess: excess, share: rows.share)
    let r = solver.solve(m, options: o)
    guard r.hasSolution else { return nil }
    let found = patterns.indices.filter { r.values[ys[$0]] > 0.5 }.flatMap { patterns[$0].placements }.sorted()
    guard inst.missing(found) == shortfall, inst.score(found).total < inst.score(incumbent).total - 1e-9,
          inst.keepsEveryRule(found, shortfall: shortfall) else { return nil }
    return found
}

/// The rule the rounds dropped, kept here: a lesson whose teacher's own row is in another class
/// (`requires`) is chosen only with a pattern of that class that has a lesson at the same time.
private func addReplacedRows(_ inst: Instance, _ patterns: [Pattern], _ ys: [Int], _ m: inout MIPModel) {
    var holders: [Placement: [Int]] = [:]
    var atSlot: [[Int]: [Int]] = [:]
    for (k, p) in patterns.enumerated() {
        for l in p.placements {
            let cand = inst.classes[l.classIndex].candidates[l.candidate]
            holders[l, default: []].append(ys[k])
            atSlot[[l.classIndex, cand.day, cand.period], default: []].append(ys[k])
        }
    }
    for (l, cols) in holders.sorted(by: { $0.key < $1.key }) {
        let cand = inst.classes[l.classIndex].candidates[l.candidate]
        guard let option = cand.options.first(where: { $0.teacher == l.teacher }) else { continue }
        for other in option.requires {
            let there = atSlot[[other, cand.day, cand.period]] ?? []
            m.addConstraint("req_c\(l.classIndex)_k\(l.candidate)_t\(l.teacher)_c\(other)",
                            cols.map { ($0, 1.0) } + there.map { ($0, -1.0) }, upper: 0)
        }
    }
}

/// The master's columns of the incumbent: its patterns chosen, each teacher's excess as needed.
private func masterStart(_ patterns: [Pattern], incumbent: [Placement], model: MIPModel, excess: [Int: Int],
                         share: [Double]) -> [Double]? {
    var values = [Double](repeating: 0, count: model.variableCount)
    var byClass: [Int: [Placement]] = [:]
    for p in incumbent { byClass[p.classIndex, default: []].append(p) }
    var load: [Int: Double] = [:]
    for (k, p) in patterns.enumerated() where p.placements == (byClass[p.classIndex] ?? []).sorted() {
        values[k] = 1
        for l in p.load { load[l.teacher, default: 0] += l.count }
    }
    for (t, e) in excess { values[e] = max(0, (load[t] ?? 0) - share[t]) }
    return model.maxViolation(values) < 1e-6 ? values : nil
}

extension Instance {
    /// Whether placements keep every rule of the full term model (teachers free, preferences
    /// on, at most `shortfall` lessons missing): its rows, checked on the placements.
    func keepsEveryRule(_ placements: [Placement], shortfall: Int) -> Bool {
        let full = TermModel(self, TermModelSpec(fixedTeacher: nil, preferences: false, preferredSlot: nil,
                                                  shortfallWeight: 0, shortfallCap: Double(shortfall)), name: "check")
        let values = full.assignment(self, placements)
        guard full.placements(values) == placements.sorted() else { return false }
        return full.model.maxViolation(values) < 1e-6
    }
}
