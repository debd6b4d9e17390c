import XinyuMIP
import XinyuPack

/// One branching decision: class `classIndex` has at least one of `lessons` (`used`) or none of
/// them. The two sides split every schedule of the class in two (a pattern has ≥ 1 or 0 of a
/// set), so the children of a node together keep every schedule the node keeps.
struct BranchRule: Hashable, Comparable {
    var classIndex: Int
    /// Lesson options of the class (whole-instance indices), sorted.
    var lessons: [Placement]
    var used: Bool

    static func < (a: BranchRule, b: BranchRule) -> Bool {
        (a.classIndex, a.used ? 1 : 0) < (b.classIndex, b.used ? 1 : 0)
            || (a.classIndex, a.used ? 1 : 0) == (b.classIndex, b.used ? 1 : 0) && a.lessons.lexicographicallyPrecedes(b.lessons)
    }

    /// Whether a pattern keeps the rule (patterns of other classes always do).
    func admits(_ p: Pattern) -> Bool {
        guard p.classIndex == classIndex else { return true }
        let set = Set(lessons)
        return p.placements.contains(where: set.contains) == used
    }

    /// The rule in the class's own model: `used` adds Σ x ≥ 1 over the set's columns, the other
    /// side fixes each of them to 0. A set with no column in the model cannot be `used`.
    func apply(to sub: inout ClassSubproblem, name: String) {
        let set = Set(lessons.map { [$0.candidate, $0.teacher] })
        let cols = sub.lessonRows.filter { set.contains([$0.candidate, $0.teacher]) }.map(\.column)
        if used {
            sub.model.model.addConstraint(name, cols.map { ($0, 1.0) }, lower: 1, upper: .infinity)
        } else {
            for c in cols { sub.model.model.setBounds(c, lower: 0, upper: 0) }
        }
        sub.last = nil
    }
}

/// What a node's rounds give: its bound (never below its parent's, which holds for it too), the
/// prices of that bound, whether the node's pattern LP met it, and the master's pattern weights.
struct NodeOutcome {
    var bound: Double
    var prices: Prices
    var converged = false
    var infeasible = false
    /// Each class's priced optimum (or proven bound) at `prices`, with the node's rules.
    var classValues: [Double] = []
    /// The restricted master's LP solution: (pattern index in the pool, weight > 0).
    var weights: [(pattern: Int, y: Double)] = []
}

/// The context every node shares: the instance's coupling rows, the class models (without any
/// rule), the pool of every pattern seen at any node, the schedule to beat.
struct BranchContext {
    let inst: Instance
    let rows: CouplingRows
    let shortfall: Int
    let subs: [ClassSubproblem]
    var pool: PatternPool
    var upper: Double
    let priceCap: Double
    let solver: MIPSolver
    let classNodes: Int?
    let clock: Clock
    let deadline: Double?

    var tolerance: Double { 1e-6 * max(1, abs(upper)) }

    /// The node's bound, re-converged from its parent's prices in at most `rounds` rounds.
    ///
    /// Why it is a bound of every schedule the node keeps (its rules hold): for prices ≥ 0 (ν
    /// within its box), such a schedule costs at least Σ_c (its class-c part's priced cost) −
    /// Σ price × capacity, since the priced rows hold for it; each class-c part keeps the
    /// class's rules and the node's, so its priced cost is at least the optimum (or GLPK's proven
    /// bound) of the class model with the node's rules added. That is weak duality with the
    /// node's restrictions, whatever the prices; the parent's bound holds as well (fewer rules).
    /// The first round is at the parent's prices, where only the classes of the new rules
    /// (`changed`) can differ from the parent's class values (`parent`): the others are kept.
    mutating func evaluate(rules: [BranchRule], changed: Set<Int>, from start: Prices, parent: (bound: Double, classValues: [Double]),
                           rounds: Int, stop: (@Sendable () -> Bool)?) -> NodeOutcome {
        var subs = self.subs
        for (k, rule) in rules.enumerated() { rule.apply(to: &subs[rule.classIndex], name: "branch_\(k)") }
        var out = NodeOutcome(bound: parent.bound, prices: start, classValues: parent.classValues)
        var center = start, query = start
        var lp: PriceLP? = nil
        for round in 0..<rounds {
            if let limit = deadline, clock.seconds >= limit { break }
            if stop?() ?? false { break }
            var known: [Int: Double] = [:]
            if round == 0, parent.classValues.count == subs.count {
                for ci in subs.indices where !changed.contains(ci) { known[ci] = parent.classValues[ci] }
            }
            let priced = priceRound(&subs, query, known: known)
            if priced.infeasible { out.infeasible = true; out.bound = .infinity; return out }
            guard let found = priced.found else { break }
            if found.value > out.bound + 1e-9 || round == 0 && found.value >= out.bound - 1e-9 {
                out.bound = max(out.bound, found.value)
                out.prices = query; out.classValues = found.classValues; center = query
            }
            let cuts = lp.map { lp in found.patterns.contains { lp.mu[$0.classIndex] - $0.priced(lp.prices) > tolerance } } ?? true
            for p in found.patterns { pool.add(p) }
            if out.bound >= upper - tolerance { break }
            let admitted = pool.patterns.filter { p in rules.allSatisfy { $0.admits(p) } }
            guard let next = PriceLP(admitted, classes: inst.classes.count, rows: rows, shortfall: shortfall,
                                     priceCap: priceCap, balance: inst.preferences.loadBalance, solver: solver,
                                     timeLimit: deadline.map { max(0.01, $0 - clock.seconds) }) else { break }
            lp = next
            if next.value - out.bound <= tolerance { out.converged = true; break }
            query = Prices.mix(center, next.prices, cuts ? lagrangianSmoothing : 0)
        }
        if out.bound < upper - tolerance { out.weights = masterWeights(rules: rules) }
        return out
    }

    /// One round at `prices`: every class's model (with the node's rules) solved; nil `found`
    /// when a model gave neither optimum nor proven bound (time, stop).
    private func priceRound(_ subs: inout [ClassSubproblem], _ prices: Prices, known: [Int: Double])
        -> (found: (value: Double, patterns: [Pattern], classValues: [Double])?, infeasible: Bool) {
        var value = prices.constant(rows, shortfall: shortfall)
        var patterns: [Pattern] = []
        var classValues: [Double] = []
        for ci in subs.indices {
            if let z = known[ci] { value += z; classValues.append(z); continue }
            if let limit = deadline, clock.seconds >= limit { return (nil, false) }
            subs[ci].price(prices)
            var o = SolveOptions(timeLimit: deadline.map { max(0.01, $0 - clock.seconds) })
            o.warmStart = subs[ci].last
            o.nodeLimit = classNodes
            let r = solver.solve(subs[ci].model.model, options: o)
            // No schedule of this class keeps the node's rules: the node holds no schedule.
            if r.status == .infeasible { return (nil, true) }
            guard let z = r.status == .optimal ? r.objective : r.bound, z.isFinite else { return (nil, false) }
            value += z / subs[ci].model.objectiveScale
            classValues.append(z / subs[ci].model.objectiveScale)
            if r.hasSolution, r.values.count == subs[ci].model.model.variableCount {
                subs[ci].last = r.values
                patterns.append(subs[ci].pattern(r.values))
            }
        }
        return ((value, patterns, classValues), false)
    }

    /// The primal of the node's pattern LP (the restricted master with its integrality dropped):
    /// pattern weights y ≥ 0, one unit per class, the priced rows kept (each with a slack at the
    /// price cap, the dual's box), a teacher's load above share at the load-balance weight.
    /// Used only to choose what to branch on, and as a schedule when it happens to be integer.
    func masterWeights(rules: [BranchRule]) -> [(pattern: Int, y: Double)] {
        let ids = pool.patterns.indices.filter { k in rules.allSatisfy { $0.admits(pool.patterns[k]) } }
        var m = MIPModel(name: "branch_master")
        let ys = ids.map { m.addVariable("y_p\($0)", lower: 0, upper: 1, objective: pool.patterns[$0].cost) }
        var byClass = [[(Int, Double)]](repeating: [], count: inst.classes.count)
        var byRow: [Int: [(Int, Double)]] = [:], byTeacher: [Int: [(Int, Double)]] = [:]
        var missing: [(Int, Double)] = []
        for (j, k) in ids.enumerated() {
            let p = pool.patterns[k]
            byClass[p.classIndex].append((ys[j], 1))
            for r in p.rows { byRow[r.row, default: []].append((ys[j], r.count)) }
            for l in p.load { byTeacher[l.teacher, default: []].append((ys[j], l.count)) }
            if p.missing > 0 { missing.append((ys[j], p.missing)) }
        }
        guard byClass.allSatisfy({ !$0.isEmpty }) else { return [] }
        for (ci, terms) in byClass.enumerated() { m.addConstraint("one_c\(ci)", terms, lower: 1, upper: 1) }
        for (row, terms) in byRow.sorted(by: { $0.key < $1.key }) {
            let s = m.addVariable("s_r\(row)", lower: 0, upper: .infinity, objective: priceCap)
            m.addConstraint("row_\(row)", terms + [(s, -1)], upper: rows.capacity[row])
        }
        if !missing.isEmpty {
            let s = m.addVariable("s_short", lower: 0, upper: .infinity, objective: priceCap)
            m.addConstraint("short", missing + [(s, -1)], upper: Double(shortfall))
        }
        for (t, terms) in byTeacher.sorted(by: { $0.key < $1.key }) where !rows.share.isEmpty {
            let e = m.addVariable("e_t\(t)", lower: 0, upper: .infinity, objective: inst.preferences.loadBalance)
            m.addConstraint("lb_t\(t)", terms + [(e, -1)], upper: rows.share[t])
        }
        let r = solver.solve(m, options: SolveOptions(timeLimit: deadline.map { max(0.01, $0 - clock.seconds) }))
        guard r.status == .optimal, r.values.count == m.variableCount else { return [] }
        return ids.indices.compactMap { j in r.values[ys[j]] > 1e-7 ? (ids[j], r.values[ys[j]]) : nil }
    }
}
