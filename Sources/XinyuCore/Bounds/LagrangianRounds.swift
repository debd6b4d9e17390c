import XinyuMIP
import XinyuPack

/// How far the prices of a round move from the best bound's prices towards the pattern LP's:
/// the next prices are `lagrangianSmoothing` × best + (1 − it) × LP (0: plain cutting planes).
/// Chosen on the 36- and 72-class schools (benchmarks/results/2026-12-01-bound-2.md).
let lagrangianSmoothing = 0.5

/// The Lagrangian bound (see `LagrangianBound`) in at most `rounds` rounds; each round prices
/// every class's model once. `incumbent`, a schedule that keeps every rule, gives the first
/// patterns (so the LP sees a whole schedule from the start); `upper` is its cost: the rounds
/// stop when the bound reaches it. Nil when no round finished.
func lagrangianBound(_ inst: Instance, shortfall: Int, counting: (total: Int, allowance: [[Int]]), upper: Double,
                     solver: MIPSolver, rounds: Int, timeLimit: Double?, incumbent: [Placement] = [],
                     smoothing: Double = lagrangianSmoothing, enrich: Int = enrichmentPerClass,
                     stallRounds: Int? = lagrangianStallRounds, classNodes: Int? = lagrangianClassNodes, stop: (@Sendable () -> Bool)? = nil,
                     log: ((String) -> Void)? = nil) -> LagrangianBound? {
    let clock = Clock()
    let rows = CouplingRows(inst)
    var subs = inst.classes.indices.map { ClassSubproblem(inst, $0, shortfall: shortfall, counting: counting, rows: rows) }
    var pool = PatternPool()
    for sub in subs {
        if var p = sub.pattern(of: incumbent) { p.incumbent = true; pool.add(p) }
    }
    // Prices are never worth more than the whole schedule's cost (a box that keeps the LP bounded).
    let priceCap = max(1, abs(upper)) * 2
    let tolerance = 1e-6 * max(1, abs(upper))
    var center = Prices.zero(rows), query = center
    var best: LagrangianBound? = nil
    var lp: PriceLP? = nil
    var trail: [(bound: Double, limit: Double)] = []
    func left() -> Double? { timeLimit.map { max(0.01, $0 - clock.seconds) } }
    for round in 0..<rounds {
        if let limit = timeLimit, clock.seconds >= limit { break }
        if stop?() ?? false { break }
        guard let found = priceClasses(&subs, query, rows: rows, shortfall: shortfall, solver: solver,
                                       nodes: classNodes, deadline: timeLimit, clock: clock) else { break }
        log?("round \(round + 1): \(fmt(found.value))\(lp.map { ", limit \(fmt($0.value))" } ?? ""), \(fmt(clock.seconds)) s")
        if found.value > (best?.bound ?? -.infinity) + 1e-9 {
            best = LagrangianBound(bound: found.value, rounds: round + 1, limit: best?.limit,
                                   placements: found.patterns.flatMap(\.placements), prices: query,
                                   classOptimum: found.classValues)
            center = query
        }
        best?.roundsRun = round + 1
        // A round whose patterns do not cut off the LP's prices learnt nothing new about them:
        // look at the LP's own prices next (they then give the LP's value, or a new pattern).
        let cuts = lp.map { lp in found.patterns.contains { lp.mu[$0.classIndex] - $0.priced(lp.prices) > tolerance } } ?? true
        for p in found.patterns { pool.add(p) }
        guard let b = best?.bound, upper - b > tolerance else { break }
        guard let next = PriceLP(pool.patterns, classes: inst.classes.count, rows: rows, shortfall: shortfall,
                                 priceCap: priceCap, balance: inst.preferences.loadBalance, solver: solver,
                                 timeLimit: left()) else { break }
        lp = next
        let limit = min(best?.limit ?? .infinity, next.value)
        best?.limit = limit
        if next.value - b <= tolerance { best?.converged = true; break }
        query = Prices.mix(center, next.prices, cuts ? smoothing : 0)
        trail.append((b, limit))
        if let window = stallRounds, stalled(trail, upper: upper, rounds: window) {
            best?.stalled = true
            log?("stalled: less than \(fmt(lagrangianStallGain * 100))% of the cost gained in \(stallRounds ?? 0) rounds")
            break
        }
    }
    if let b = best, upper - b.bound > tolerance {
        let before = pool.patterns.count
        enrichPatterns(&subs, &pool, best: b, room: upper - b.bound, solver: solver, perClass: enrich, deadline: timeLimit, clock: clock, stop: stop)
        log?("enrichment: \(pool.patterns.count - before) patterns more, \(fmt(clock.seconds)) s")
    }
    best?.patterns = pool.patterns
    return best
}

/// Work limit of each class's priced model in a round, branch-and-bound nodes: far from the
/// LP's prices a class's model can take GLPK many nodes to prove, and the round is then worth
/// little (its value far below the best); stopped there, GLPK's proven bound keeps the round's
/// value a valid bound and the schedule found is still a pattern. Deterministic, unlike time.
let lagrangianClassNodes = 200

/// Rounds without enough gain end the rounds: when over the last `lagrangianStallRounds` rounds
/// the bound rose by less than `lagrangianStallGain` × the schedule's cost and the pattern LP's
/// limit fell by less than that too, the rounds are neither raising the bound nor learning
/// patterns that bring the limit down. Deterministic: it counts rounds and compares values.
let lagrangianStallRounds = 20
let lagrangianStallGain = 0.001

func stalled(_ trail: [(bound: Double, limit: Double)], upper: Double, rounds: Int = lagrangianStallRounds,
             gain: Double = lagrangianStallGain) -> Bool {
    guard rounds > 0, trail.count > rounds else { return false }
    let now = trail[trail.count - 1], then = trail[trail.count - 1 - rounds]
    let enough = gain * max(1, abs(upper))
    return now.bound - then.bound < enough && then.limit - now.limit < enough
}

/// One round: every class's model solved at `prices`. The Lagrangian's value (each class's
/// optimum, or GLPK's proven bound of it, plus the constant) and each class's pattern found.
private func priceClasses(_ subs: inout [ClassSubproblem], _ prices: Prices, rows: CouplingRows, shortfall: Int,
                          solver: MIPSolver, nodes: Int?, deadline: Double?, clock: Clock)
    -> (value: Double, patterns: [Pattern], classValues: [Double])? {
    var value = prices.constant(rows, shortfall: shortfall)
    var patterns: [Pattern] = []
    var classValues: [Double] = []
    for ci in subs.indices {
        if let limit = deadline, clock.seconds >= limit { return nil }
        subs[ci].price(prices)
        var o = SolveOptions(timeLimit: deadline.map { max(0.01, $0 - clock.seconds) })
        o.warmStart = subs[ci].last
        o.nodeLimit = nodes
        let r = solver.solve(subs[ci].model.model, options: o)
        // A valid bound of the class's priced model: its optimum, or GLPK's proven bound (a
        // search stopped at the node limit); the schedule found, if any, is a pattern either way.
        guard let z = r.status == .optimal ? r.objective : r.bound, z.isFinite else { return nil }
        value += z / subs[ci].model.objectiveScale
        classValues.append(z / subs[ci].model.objectiveScale)
        if r.hasSolution, r.values.count == subs[ci].model.model.variableCount {
            subs[ci].last = r.values
            patterns.append(subs[ci].pattern(r.values))
        }
    }
    return (value, patterns, classValues)
}

/// The patterns seen, each once per class (the cheaper copy kept).
struct PatternPool {
    private(set) var patterns: [Pattern] = []
    private var index: [[Int]: Int] = [:]

    mutating func add(_ p: Pattern) {
        let key = [p.classIndex] + p.placements.flatMap { [$0.candidate, $0.teacher] }
        if let k = index[key] {
            let mark = patterns[k].incumbent || p.incumbent
            if p.cost < patterns[k].cost { patterns[k] = p }
            patterns[k].incumbent = mark
        } else {
            index[key] = patterns.count
            patterns.append(p)
        }
    }
}
