import XinyuMIP
import XinyuPack

extension Instance {
    /// The instance of one class alone, with teachers relaxed away: a candidate is usable when
    /// any teacher could take it, by one unlimited stand-in teacher, with no coupled rows.
    func relaxedClass(_ ci: Int) -> Instance {
        var one = self
        var c = classes[ci]
        c.candidates = c.candidates.map { cand in
            var k = cand
            k.options = cand.options.isEmpty ? [] : [Option(teacher: 0, requires: [])]
            return k
        }
        one.classes = [c]
        one.teachers = [TeacherInfo(id: "any", name: "", role: .full, stages: Stage.allCases,
                                    maxPerDay: nil, maxPerWeek: nil, schools: [c.school])]
        return one
    }
}

/// A lower bound on the preference cost of every schedule of `inst` that misses at most
/// `shortfall` lessons: each class alone, teachers relaxed away, solved exactly (its regular slot,
/// spacing and displacement priced as in the full model); load balance bounded by 0.
///
/// Each class first gets its least shortfall alone, k_c. When `shortfall` = Σ k_c, every
/// schedule misses exactly k_c lessons of each class (none can miss fewer), so the bound is the
/// sum of the classes' least costs at k_c. When counting proves the shortfall, each class may miss
/// at most its pool's bound in each month; otherwise up to `shortfall` lessons (weaker). Nil if a class could not be solved to optimality in time.
func classDecomposedBound(_ inst: Instance, shortfall: Int, counting: (total: Int, allowance: [[Int]]),
                          solver: MIPSolver, timeLimit: Double?) -> Double? {
    let clock = Clock()
    let big = 10_000.0
    var least: [Int] = []
    var costAtLeast = 0.0
    var relaxed: [Instance] = []
    for ci in inst.classes.indices {
        let one = inst.relaxedClass(ci)
        relaxed.append(one)
        let tm = TermModel(one, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                              shortfallWeight: big, shortfallCap: nil), name: "bound_c\(ci)")
        if let limit = timeLimit, clock.seconds >= limit { return nil }
        let r = solver.solve(tm.model, options: SolveOptions(timeLimit: timeLimit.map { max(0.01, $0 - clock.seconds) }))
        guard r.status == .optimal, let obj = r.objective else { return nil }
        let k = tm.totalShortfallColumns.reduce(0.0) { $0 + r.values[$1] }.rounded()
        least.append(Int(k))
        costAtLeast += obj / tm.objectiveScale - big * k
    }
    if least.reduce(0, +) == shortfall { return costAtLeast }
    var total = 0.0
    for (ci, one) in relaxed.enumerated() {
        // When counting proves the shortfall, each class misses at most its pool's share per month.
        var spec = TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                 shortfallWeight: 0, shortfallCap: Double(min(shortfall, one.required)))
        if counting.total == shortfall { spec.shortfallUpper = [counting.allowance[ci]] }
        let tm = TermModel(one, spec, name: "bound_cap")
        if let limit = timeLimit, clock.seconds >= limit { return nil }
        let r = solver.solve(tm.model, options: SolveOptions(timeLimit: timeLimit.map { max(0.01, $0 - clock.seconds) }))
        guard r.status == .optimal || r.status == .feasible, let b = r.bound else { return nil }
        total += b / tm.objectiveScale
    }
    return total
}

/// A lower bound on the missing lessons of any schedule, by counting: in each month, classes
/// and the psychology teachers who could teach them fall into separate pools (connected by
/// "could teach"); a pool misses at least its demand minus its teachers' monthly capacity, and at
/// least what its classes miss alone (weeks with a staffed slot × max_per_week). Pools and months
/// are disjoint, so the bounds add up.
/// `allowance[c][m]` is the most a class can miss in a month of a schedule that meets the bound
/// exactly (each pool-month then misses exactly its own bound).
func countingShortfallBound(_ inst: Instance) -> (total: Int, allowance: [[Int]]) {
    var total = 0
    var allowance = inst.classes.map { c in c.minimum.map { $0 ?? 0 } }
    let cap = RhythmPlan.capacity(inst)
    for mi in inst.months.indices {
        for pool in monthPools(inst, month: mi, capacity: cap) {
            total += pool.bound
            for ci in pool.classes { allowance[ci][mi] = min(allowance[ci][mi], pool.bound) }
        }
    }
    return (total, allowance)
}

/// Classes and the psychology teachers who could teach them in one month, closed under "could
/// teach": no lesson of a pool's class can be given by a teacher outside it.
struct Pool {
    var classes: [Int]
    var teachers: [Int]
    /// Lessons the pool's classes need in the month.
    var demand: Int
    /// Lessons the pool's teachers can give in the month at most (RhythmPlan.capacity).
    var supply: Int
    /// Lessons the pool's classes miss even alone (weeks with a staffed slot × max_per_week).
    var alone: Int
    var bound: Int { max(demand - supply, alone, 0) }
}

/// `capacity` is `RhythmPlan.capacity(inst)` (computed once by the caller).
func monthPools(_ inst: Instance, month mi: Int, capacity cap: [[Int]]) -> [Pool] {
    let perWeek = inst.policy.maxPerWeek
    // Union-find over classes (0..<C) and teachers (C..<C+T) linked by a staffed candidate this month.
    let nC = inst.classes.count
    var sets = UnionFind(count: nC + inst.teachers.count)
    var weeks = [Set<Int>](repeating: [], count: nC)
    for (ci, c) in inst.classes.enumerated() {
        for cand in c.candidates where inst.days[cand.day].month == mi && !cand.options.isEmpty {
            weeks[ci].insert(inst.days[cand.day].isoWeek)
            for o in cand.options { sets.union(ci, nC + o.teacher) }
        }
    }
    var pools: [Int: Pool] = [:]
    for (ci, c) in inst.classes.enumerated() {
        guard let minimum = c.minimum[mi], minimum > 0 else { continue }
        let root = sets.find(ci)
        pools[root, default: Pool(classes: [], teachers: [], demand: 0, supply: 0, alone: 0)].classes.append(ci)
        pools[root]!.demand += minimum
        pools[root]!.alone += max(0, minimum - weeks[ci].count * perWeek)
    }
    for t in inst.teachers.indices {
        let root = sets.find(nC + t)
        guard pools[root] != nil else { continue }
        pools[root]!.teachers.append(t)
        pools[root]!.supply += cap[t][mi]
    }
    return pools.values.sorted { $0.classes[0] < $1.classes[0] }
}
