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
///
/// Two shortcuts keep the answer and save most of the solves on a school whose shortfall comes
/// from its teachers, not its classes (every solve is one class, so the time is linear in the
/// classes; these make it smaller): the first pass is skipped when greedy schedules of the
/// classes alone already miss fewer than `shortfall` lessons in all (each misses at least k_c, so
/// Σ k_c < `shortfall` and the first pass could not give the bound); and in the second, a class
/// that may miss every lesson costs 0 without a solve (`freeAlone`).
func classDecomposedBound(_ inst: Instance, shortfall: Int, counting: (total: Int, allowance: [[Int]]),
                          solver: MIPSolver, timeLimit: Double?) -> Double? {
    let clock = Clock()
    let relaxed = inst.classes.indices.map(inst.relaxedClass)
    let greedyMisses = relaxed.reduce(0) { $0 + $1.missing($1.greedySchedule(planned: [], teacherOf: [nil])) }
    if greedyMisses >= shortfall {
        guard let first = leastAlone(relaxed, solver: solver, clock: clock, timeLimit: timeLimit) else { return nil }
        if first.least == shortfall { return first.cost }
    }
    var total = 0.0
    for (ci, one) in relaxed.enumerated() {
        // When counting proves the shortfall, each class misses at most its pool's share per month.
        let allowance = counting.total == shortfall ? counting.allowance[ci] : nil
        if freeAlone(one, shortfall: shortfall, allowance: allowance) { continue }
        var spec = TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                 shortfallWeight: 0, shortfallCap: Double(min(shortfall, one.required)))
        if let allowance { spec.shortfallUpper = [allowance] }
        let tm = TermModel(one, spec, name: "bound_cap")
        if let limit = timeLimit, clock.seconds >= limit { return nil }
        let r = solver.solve(tm.model, options: SolveOptions(timeLimit: timeLimit.map { max(0.01, $0 - clock.seconds) }))
        guard r.status == .optimal || r.status == .feasible, let b = r.bound else { return nil }
        total += b / tm.objectiveScale
    }
    return total
}

/// The first pass of `classDecomposedBound`: each class's least shortfall alone and the sum of
/// the classes' least costs at it (nil when a class is not solved to optimality in time).
private func leastAlone(_ relaxed: [Instance], solver: MIPSolver, clock: Clock, timeLimit: Double?) -> (least: Int, cost: Double)? {
    let big = 10_000.0
    var least = 0
    var costAtLeast = 0.0
    for (ci, one) in relaxed.enumerated() {
        let tm = TermModel(one, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                              shortfallWeight: big, shortfallCap: nil), name: "bound_c\(ci)")
        if let limit = timeLimit, clock.seconds >= limit { return nil }
        let r = solver.solve(tm.model, options: SolveOptions(timeLimit: timeLimit.map { max(0.01, $0 - clock.seconds) }))
        guard r.status == .optimal, let obj = r.objective else { return nil }
        let k = tm.totalShortfallColumns.reduce(0.0) { $0 + r.values[$1] }.rounded()
        least += Int(k)
        costAtLeast += obj / tm.objectiveScale - big * k
    }
    return (least, costAtLeast)
}

/// Whether the class of `one` (a `relaxedClass`) has least cost 0 under the second pass's
/// limits without solving: it may miss every lesson (the cap `min(shortfall, required)` is its
/// whole requirement and no month's `allowance` is below the month's minimum), so the empty
/// schedule is allowed, and it costs 0; and no schedule costs less, every term of the cost
/// being ≥ 0 (weights and displacement costs ≥ 0: a lesson's rhythm cost is paid back only by
/// an `on` column no larger than the lesson itself, and spread counts lessons beyond the first).
func freeAlone(_ one: Instance, shortfall: Int, allowance: [Int]?) -> Bool {
    guard let c = one.classes.first, one.classes.count == 1, shortfall >= one.required else { return false }
    if let allowance, zip(allowance, c.minimum).contains(where: { $0 < ($1 ?? 0) }) { return false }
    let w = one.preferences
    guard w.displacement >= 0, w.rhythm >= 0, w.spread >= 0, w.loadBalance >= 0 else { return false }
    return c.candidates.allSatisfy { $0.cost >= 0 }
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
