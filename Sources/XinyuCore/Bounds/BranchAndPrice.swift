import XinyuMIP
import XinyuPack

/// Work limits of the branch-and-price after the Lagrangian root: nodes whose bound is computed
/// at most, and rounds of each node (deterministic: counts, not time).
let branchNodes = 40
let branchNodeRounds = 30

/// What the branch-and-price gives: the bound raised (nodes left open: the least of their
/// bounds), a cheaper schedule when some node's master was an integer schedule that keeps every
/// rule, and its work.
struct BranchAndPriceResult {
    var bound: LagrangianBound
    var schedule: [Placement]?
    var nodes = 0
    var open = 0
    var closed = false
    /// The node limit when the search stopped at it (nil: it stopped for time, a stop, no split).
    var nodeLimitReached: Int? = nil
}

private struct OpenNode {
    var id: Int
    var rules: [BranchRule]
    var outcome: NodeOutcome
}

/// Branch-and-price over the Lagrangian bound, after its root (`root`, the rounds' result):
/// while the least bound of the open nodes is more than `gap` below the schedule's cost, the
/// open node of least bound (best first, ties by creation) is split on a class-level decision its
/// pattern master leaves fractional (`branchRule`), and each child's bound is re-converged from
/// the node's prices with the rule kept in the class's model and in the master's patterns.
///
/// Why the result is a bound: the open nodes' rules split the schedules of the instance (each
/// split is a partition, `BranchRule`), so every schedule is in some node that is open, or in
/// a closed one — infeasible, or whose bound is at least the incumbent's cost (then it is no
/// cheaper than the incumbent). The least open bound, or the incumbent's cost, is therefore a
/// lower bound of every schedule, valid whenever the search stops.
func branchAndPrice(_ inst: Instance, root: LagrangianBound, shortfall: Int, counting: (total: Int, allowance: [[Int]]),
                    incumbent: [Placement], solver: MIPSolver, gap: Double, nodes: Int = branchNodes,
                    rounds: Int = branchNodeRounds, classNodes: Int? = lagrangianClassNodes, timeLimit: Double?,
                    stop: (@Sendable () -> Bool)? = nil, log: ((String) -> Void)? = nil) -> BranchAndPriceResult {
    let clock = Clock()
    var result = BranchAndPriceResult(bound: root)
    let upper0 = inst.score(incumbent).total
    func room(_ upper: Double) -> Double { max(gap * abs(upper), 1e-6 * max(1, abs(upper))) }
    guard upper0 - root.bound > room(upper0), nodes > 0 else { result.closed = true; return result }
    let rows = CouplingRows(inst)
    var pool = PatternPool()
    for p in root.patterns { pool.add(p) }
    var ctx = BranchContext(inst: inst, rows: rows, shortfall: shortfall,
                            subs: inst.classes.indices.map { ClassSubproblem(inst, $0, shortfall: shortfall, counting: counting, rows: rows) },
                            pool: pool, upper: upper0, priceCap: max(1, abs(upper0)) * 2, solver: solver,
                            classNodes: classNodes, clock: clock, deadline: timeLimit)
    var rootOutcome = NodeOutcome(bound: root.bound, prices: root.prices, converged: root.converged, classValues: root.classOptimum)
    rootOutcome.weights = ctx.masterWeights(rules: [])
    var open = [OpenNode(id: 0, rules: [], outcome: rootOutcome)]
    var stuck: [OpenNode] = []
    var created = 1
    while result.nodes + 2 <= nodes, !open.isEmpty {
        if let limit = timeLimit, clock.seconds >= limit { break }
        if stop?() ?? false { break }
        let least = min(open.map(\.outcome.bound).min() ?? .infinity, stuck.map(\.outcome.bound).min() ?? .infinity)
        if ctx.upper - least <= room(ctx.upper) { break }
        let pick = open.indices.min { (open[$0].outcome.bound, open[$0].id) < (open[$1].outcome.bound, open[$1].id) } ?? 0
        let node = open.remove(at: pick)
        guard let split = branchChildren(inst, ctx.pool.patterns, node.outcome.weights) else {
            // An integer master that keeps every rule it can check (or none): it stays open.
            stuck.append(node)
            continue
        }
        for side in split {
            let rules = (node.rules + side).sorted()
            let out = ctx.evaluate(rules: rules, changed: Set(side.map(\.classIndex)), from: node.outcome.prices,
                                   parent: (node.outcome.bound, node.outcome.classValues), rounds: rounds, stop: stop)
            result.nodes += 1
            if let better = integerSchedule(ctx, out.weights, shortfall: shortfall), inst.score(better).total < ctx.upper - 1e-9 {
                result.schedule = better
                ctx.upper = inst.score(better).total
                log?("node \(created): schedule \(fmt(ctx.upper))")
            }
            let what = side.map { "class \($0.classIndex) \($0.used ? "uses" : "not") \($0.lessons.count) lessons" }.joined(separator: ", ")
            log?("node \(created) (depth \(rules.count), \(what)): "
                 + "\(out.infeasible ? "infeasible" : fmt(out.bound))\(out.converged ? " converged" : ""), \(fmt(clock.seconds)) s")
            if !out.infeasible && out.bound < ctx.upper - ctx.tolerance {
                open.append(OpenNode(id: created, rules: rules, outcome: out))
            }
            created += 1
        }
        open.removeAll { $0.outcome.bound >= ctx.upper - ctx.tolerance }
    }
    let least = min(open.map(\.outcome.bound).min() ?? .infinity, stuck.map(\.outcome.bound).min() ?? .infinity)
    result.open = open.count + stuck.count
    result.closed = open.isEmpty && stuck.isEmpty
    if !result.closed, !open.isEmpty, result.nodes + 2 > nodes { result.nodeLimitReached = nodes }
    let final = min(ctx.upper, least)
    if final > result.bound.bound { result.bound.bound = final }
    result.bound.patterns = ctx.pool.patterns
    log?("branch-and-price: \(result.nodes) nodes, \(result.open) open, bound \(fmt(result.bound.bound)), \(fmt(clock.seconds)) s")
    return result
}

/// The children of a node: on a fractional master, a set of a class's lessons used or not
/// (`branchRule`); on an integer one, a replaced-row rule it breaks (`replacedRowSplit`). Nil
/// when neither applies.
func branchChildren(_ inst: Instance, _ patterns: [Pattern], _ weights: [(pattern: Int, y: Double)]) -> [[BranchRule]]? {
    if let rule = branchRule(inst, patterns, weights) {
        var uses = rule
        uses.used = true
        return [[rule], [uses]]
    }
    return replacedRowSplit(inst, weights.flatMap { patterns[$0.pattern].placements })
}

/// The rule the relaxation drops, split on: a lesson (class c, candidate k, teacher t) whose
/// option requires class o to have a lesson at the same time, in a schedule where o has none.
/// Every schedule that keeps the rule either has not that lesson, or has it and a lesson of o at
/// that time: the two children cover them all, and both exclude this schedule.
func replacedRowSplit(_ inst: Instance, _ placements: [Placement]) -> [[BranchRule]]? {
    var busy = Set<[Int]>()
    for l in placements {
        let cand = inst.classes[l.classIndex].candidates[l.candidate]
        busy.insert([l.classIndex, cand.day, cand.period])
    }
    for l in placements.sorted() {
        let cand = inst.classes[l.classIndex].candidates[l.candidate]
        guard let option = cand.options.first(where: { $0.teacher == l.teacher }) else { continue }
        for o in option.requires.sorted() where !busy.contains([o, cand.day, cand.period]) {
            let there = inst.classes[o].candidates.enumerated().flatMap { k, c in
                c.day == cand.day && c.period == cand.period
                    ? c.options.map { Placement(classIndex: o, candidate: k, teacher: $0.teacher) } : []
            }
            let lesson = [l]
            return [[BranchRule(classIndex: l.classIndex, lessons: lesson, used: false)],
                    [BranchRule(classIndex: l.classIndex, lessons: lesson, used: true),
                     BranchRule(classIndex: o, lessons: there.sorted(), used: true)]]
        }
    }
    return nil
}

/// What to split on: of the sets of a class's lessons — those with one teacher, those at one
/// weekly slot, each lesson alone — the one whose share of the class's master weight is nearest
/// ½; a teacher's or slot's set first when it is at least 0.1 from integer (a split that moves
/// many lessons at once). Nil when the master is integer (each class one pattern). Deterministic:
/// ties go to the smaller class, then the kind, then the set.
func branchRule(_ inst: Instance, _ patterns: [Pattern], _ weights: [(pattern: Int, y: Double)]) -> BranchRule? {
    // share[kind][class, key] = Σ y of the patterns with at least one lesson of the set.
    var share: [[[Int]: Double]] = [[:], [:], [:]]
    for (k, y) in weights {
        let p = patterns[k]
        var seen = Set<[Int]>()
        for l in p.placements {
            let cand = inst.classes[l.classIndex].candidates[l.candidate]
            let slot = WeeklySlot(inst.days[cand.day], cand.period)
            for key in [[0, l.classIndex, l.teacher], [1, l.classIndex, slot.weekday, slot.period, slot.parity],
                        [2, l.classIndex, l.candidate, l.teacher]] where seen.insert(key).inserted {
                share[key[0]][Array(key.dropFirst()), default: 0] += y
            }
        }
    }
    func fractional(_ kind: Int) -> (key: [Int], score: Double)? {
        share[kind].map { (key: $0.key, score: min($0.value, 1 - $0.value)) }
            .filter { $0.score > 1e-6 }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.key.lexicographicallyPrecedes($1.key) }
            .first
    }
    let choice = [0, 1].compactMap { k in fractional(k).map { (k, $0) } }.first { $0.1.score >= 0.1 }
        ?? fractional(2).map { (2, $0) }
    guard let (kind, found) = choice else { return nil }
    let ci = found.key[0]
    let lessons = inst.classes[ci].candidates.enumerated().flatMap { k, cand in
        cand.options.map { Placement(classIndex: ci, candidate: k, teacher: $0.teacher) }.filter { l in
            let slot = WeeklySlot(inst.days[cand.day], cand.period)
            switch kind {
            case 0: return l.teacher == found.key[1]
            case 1: return [slot.weekday, slot.period, slot.parity] == Array(found.key.dropFirst())
            default: return [l.candidate, l.teacher] == Array(found.key.dropFirst())
            }
        }
    }
    return BranchRule(classIndex: ci, lessons: lessons.sorted(), used: false)
}

/// The master's solution as a schedule when it is integer (one pattern a class at weight 1) and
/// keeps every rule of the full model with the incumbent's shortfall; nil otherwise.
private func integerSchedule(_ ctx: BranchContext, _ weights: [(pattern: Int, y: Double)], shortfall: Int) -> [Placement]? {
    guard !weights.isEmpty, weights.allSatisfy({ $0.y > 1 - 1e-6 }), weights.count == ctx.inst.classes.count else { return nil }
    let found = weights.flatMap { ctx.pool.patterns[$0.pattern].placements }.sorted()
    guard ctx.inst.missing(found) == shortfall, ctx.inst.keepsEveryRule(found, shortfall: shortfall) else { return nil }
    return found
}

/// The Planner's step after the Lagrangian rounds: when the root converged and leaves more than
/// `gap` between `best` and its bound, branch-and-price raises `lr`'s bound and may replace
/// `best` by a cheaper schedule (which keeps every rule: `integerSchedule`).
@discardableResult
func branchIfOpen(_ lr: inout LagrangianBound?, _ best: inout [Placement], _ inst: Instance, shortfall: Int,
                  counting: (total: Int, allowance: [[Int]]), solver: MIPSolver, gap: Double, timeLimit: Double?,
                  stop: (@Sendable () -> Bool)?, log: ((String) -> Void)?) -> BranchAndPriceResult? {
    guard let root = lr, root.converged else { return nil }
    let bp = branchAndPrice(inst, root: root, shortfall: shortfall, counting: counting, incumbent: best, solver: solver,
                            gap: gap, timeLimit: timeLimit, stop: stop, log: log)
    var raised = bp.bound
    if raised.bound > root.bound { raised.pricedBound = root.pricedBound ?? root.bound }
    lr = raised
    if let cheaper = bp.schedule { best = cheaper }
    return bp
}
