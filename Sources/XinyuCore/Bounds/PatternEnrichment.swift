import XinyuMIP
import XinyuPack

/// Patterns each class gets beyond its priced optimum at the best prices, at most (the k best).
let enrichmentPerClass = 4

/// Work limit of each enrichment solve, branch-and-bound nodes: a solve stopped there still
/// gives a schedule of the class (a pattern), only perhaps not its next best.
let enrichmentNodes = 200

extension ClassSubproblem {
    /// The lesson columns of a pattern of this class, and those not in it.
    func columns(of p: Pattern) -> (inside: [Int], outside: [Int]) {
        let mine = Set(p.placements.map { [$0.candidate, $0.teacher] })
        var inside: [Int] = [], outside: [Int] = []
        for l in lessonRows {
            if mine.contains([l.candidate, l.teacher]) { inside.append(l.column) } else { outside.append(l.column) }
        }
        return (inside, outside)
    }

    /// A row that every schedule of this class keeps but `p`'s lessons (a "no-good" cut):
    /// Σ_{in p} x − Σ_{not in p} x ≤ |p| − 1.
    func excluding(_ p: Pattern, in m: inout MIPModel, name: String) {
        let (inside, outside) = columns(of: p)
        m.addConstraint(name, inside.map { ($0, 1.0) } + outside.map { ($0, -1.0) }, upper: Double(inside.count) - 1)
    }
}

/// More patterns for the pattern schedule: each class's next best schedules at the best prices
/// (its priced model with the patterns known so far cut off, solved again), as long as their
/// reduced cost (priced cost less the class's priced optimum) stays within `room`, the gap
/// between the schedule and the bound. A schedule cheaper than the incumbent uses only patterns
/// of reduced cost within that gap (reduced-cost fixing), so these are the columns an integer
/// combination may lack when the rounds found only each class's optimum at each price. Work is
/// bounded (`perClass` solves per class, `enrichmentNodes` nodes each): deterministic.
func enrichPatterns(_ subs: inout [ClassSubproblem], _ pool: inout PatternPool, best: LagrangianBound, room: Double,
                    solver: MIPSolver, perClass: Int = enrichmentPerClass, deadline: Double?, clock: Clock,
                    stop: (@Sendable () -> Bool)? = nil) {
    guard perClass > 0, room > 0 else { return }
    let known = Dictionary(grouping: pool.patterns, by: \.classIndex)
    for ci in subs.indices {
        if let limit = deadline, clock.seconds >= limit { return }
        if stop?() ?? false { return }
        subs[ci].price(best.prices)
        var m = subs[ci].model.model
        let near = (known[ci] ?? []).filter { $0.priced(best.prices) - best.classOptimum[ci] <= room }
        for (k, p) in near.enumerated() { subs[ci].excluding(p, in: &m, name: "known_\(k)") }
        for found in 0..<perClass {
            var o = SolveOptions(timeLimit: deadline.map { max(0.01, $0 - clock.seconds) })
            o.nodeLimit = enrichmentNodes
            let r = solver.solve(m, options: o)
            guard r.hasSolution, r.values.count == m.variableCount else { break }
            let p = subs[ci].pattern(r.values)
            guard p.priced(best.prices) - best.classOptimum[ci] <= room else { break }
            pool.add(p)
            subs[ci].excluding(p, in: &m, name: "next_\(found)")
        }
    }
}
