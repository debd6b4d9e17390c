import XinyuMIP
import XinyuPack

/// A Lagrangian lower bound on the preference cost of every schedule of `inst` that misses at
/// most `shortfall` lessons.
///
/// The rows that tie classes together are priced instead of kept: a teacher at one place per
/// time, the teacher's day and week caps, the total shortfall, and the load balance (a teacher's
/// lessons above their fair share). What is left falls apart into one small model per class (its
/// real teacher options, regular slot, spacing, same-teacher rule), each solved exactly by GLPK.
/// For any prices ≥ 0 (load-balance prices at most its weight), Σ class optima − Σ price × row
/// capacity is a lower bound (weak duality), whatever way the prices were found. The cross-class
/// "replaced row" requirement is dropped (a relaxation: still a bound).
///
/// The prices come from the pattern LP (`PriceLP`): every class optimum found is a pattern, and
/// the LP over the patterns seen gives the best prices for them (column generation seen from the
/// dual side). Its prices are smoothed towards those of the best bound so far (Wentges), which
/// keeps the first rounds, when few patterns are known, from jumping about. The LP's value is an
/// upper limit of what prices can reach; when the best bound meets it, the bound has converged
/// (the LP of the pattern formulation is solved). A fixed number of rounds and GLPK's
/// deterministic simplex: the same input gives the same bound.
/// Patterns per class the pattern schedule chooses from at most (besides the incumbent's).
/// At least 12, more on small schools: about `patternBudget` patterns in all (besides the
/// incumbent's). Measured: school-36-tight's optimum (149) needs more than 12 a class; GLPK's
/// search on a master of all 2,542 patterns of school-72-tight ran for minutes in a phase with
/// no callback (so past its work limit), one of ~900 took 0.4 s.
let patternsPerClass = 12
let patternBudget = 1_000
func patternsPerClass(classes: Int) -> Int { max(patternsPerClass, patternBudget / max(1, classes)) }

struct LagrangianBound {
    /// The best lower bound found and the round that found it.
    var bound: Double
    var rounds: Int
    /// Rounds run, and the least upper limit the pattern LP gave (nil: no LP solved): no prices
    /// give a bound above it once the patterns are all known; `converged` when the bound met it.
    var roundsRun = 0
    var limit: Double? = nil
    var converged = false
    /// The rounds stopped because the bound gained too little (`stalled(history:upper:)`).
    var stalled = false
    /// Each class's lessons in its priced optimum at the best prices (a hint for repair).
    var placements: [Placement]
    /// The prices of the best bound and each class's priced optimum (or proven bound) at them.
    var prices: Prices
    var classOptimum: [Double]
    /// Every class pattern seen (the incumbent's among them): what `patternSchedule` picks from.
    var patterns: [Pattern] = []
    /// The Lagrangian's value at `prices` when `bound` was raised past it by branching
    /// (`branchAndPrice`): reduced costs at `prices` are measured from this value, not `bound`.
    var pricedBound: Double? = nil

    /// The patterns that can be part of a schedule cheaper than `upper`: any schedule costs at
    /// least the bound plus each of its patterns' reduced cost at the best prices (priced cost
    /// less its class's priced optimum), so a pattern whose reduced cost exceeds `upper` − bound
    /// is of no use (reduced-cost fixing). Of the rest, each class keeps its `perClass` patterns
    /// of least reduced cost and its incumbent one: a bounded master, whatever the pool's size.
    func useful(below upper: Double, perClass: Int? = nil) -> [Pattern] {
        let perClass = perClass ?? patternsPerClass(classes: classOptimum.count)
        let room = upper - (pricedBound ?? bound) + 1e-6 * max(1, abs(upper))
        var byClass = [[(rc: Double, k: Int)]](repeating: [], count: classOptimum.count)
        for (k, p) in patterns.enumerated() {
            let rc = p.priced(prices) - classOptimum[p.classIndex]
            if rc <= room || p.incumbent { byClass[p.classIndex].append((rc, k)) }
        }
        var keep: [Int] = []
        for list in byClass {
            let sorted = list.sorted { ($0.rc, $0.k) < ($1.rc, $1.k) }
            keep += sorted.prefix(perClass).map(\.k) + sorted.dropFirst(perClass).filter { patterns[$0.k].incumbent }.map(\.k)
        }
        return keep.sorted().map { patterns[$0] }
    }
}

/// The coupling rows of an instance: each dualized row's capacity, and for every lesson option
/// (class, candidate, teacher) the rows it counts in.
struct CouplingRows {
    var capacity: [Double] = []
    /// key (class, candidate, teacher) → row indices.
    var rowsOf: [Placement: [Int]] = [:]
    /// Fair share of each teacher (lessons), when load balance is priced.
    var share: [Double] = []

    init(_ inst: Instance) {
        let nD = max(1, inst.days.count), nW = max(1, inst.isoWeeks.count), P = inst.periodsPerDay + 1
        // Keys: 0 = teacher-time, 1 = teacher-day, 2 = teacher-week; only rows that can bind.
        var members: [[Int]: [Placement]] = [:]
        for (ci, c) in inst.classes.enumerated() {
            for (k, cand) in c.candidates.enumerated() {
                for o in cand.options {
                    let p = Placement(classIndex: ci, candidate: k, teacher: o.teacher)
                    let t = o.teacher, d = cand.day, w = inst.days[d].isoWeek
                    members[[0, (t * nD + d) * P + cand.period], default: []].append(p)
                    members[[1, t * nD + d], default: []].append(p)
                    members[[2, t * nW + w], default: []].append(p)
                }
            }
        }
        for key in members.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let ps = members[key] ?? []
            let t = key[0] == 0 ? key[1] / (nD * P) : key[0] == 1 ? key[1] / nD : key[1] / nW
            let cap: Int?
            switch key[0] {
            case 0: cap = 1
            case 1: cap = inst.teacherDayCap(t, key[1] % nD)
            default: cap = inst.teacherWeekCap(t, key[1] % nW)
            }
            guard let cap, ps.count > cap else { continue }
            let row = capacity.count
            capacity.append(Double(cap))
            for p in ps { rowsOf[p, default: []].append(row) }
        }
        let caps = inst.teachers.indices.map(inst.weeklyCapacity)
        let capTotal = caps.reduce(0, +)
        let balances = inst.preferences.loadBalance > 0 && inst.teachers.count > 1 && capTotal > 0
        share = balances ? caps.map { $0 * Double(inst.required) / capTotal } : []
    }
}

extension Instance {
    /// Class `ci` alone with its real teacher options (teachers keep their indices), the rule
    /// that ties it to another class's replaced row dropped, and no load balance (priced apart).
    func classAlone(_ ci: Int) -> Instance {
        var one = self
        var c = classes[ci]
        c.candidates = c.candidates.map { cand in
            var k = cand
            k.options = cand.options.map { Option(teacher: $0.teacher, requires: []) }
            return k
        }
        one.classes = [c]
        one.preferences.loadBalance = 0
        return one
    }
}

/// One class's priced model: its term model, the objective without prices, and for each lesson
/// column the coupling rows it counts in.
struct ClassSubproblem {
    let classIndex: Int
    let alone: Instance
    var model: TermModel
    let base: [Double]
    let lessonRows: [(column: Int, rows: [Int], teacher: Int, candidate: Int)]
    let shortfallColumns: [Int]
    var last: [Double]? = nil

    init(_ inst: Instance, _ ci: Int, shortfall: Int, counting: (total: Int, allowance: [[Int]]), rows: CouplingRows) {
        classIndex = ci
        alone = inst.classAlone(ci)
        var spec = TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                 shortfallWeight: 0, shortfallCap: Double(min(shortfall, alone.required)))
        // Counting proves the shortfall: a class then misses at most its pool's share per month.
        if counting.total == shortfall { spec.shortfallUpper = [counting.allowance[ci]] }
        model = TermModel(alone, spec, name: "lagrange_c\(ci)")
        base = model.model.variables.map(\.objective)
        lessonRows = model.xs.map { x in
            (x.column, rows.rowsOf[Placement(classIndex: ci, candidate: x.candidate, teacher: x.teacher)] ?? [],
             x.teacher, x.candidate)
        }
        shortfallColumns = model.totalShortfallColumns
    }

    /// Sets the objective to the base cost plus the prices (scaled like the model's objective).
    mutating func price(_ p: Prices) {
        let scale = model.objectiveScale
        for l in lessonRows {
            var v = l.rows.reduce(0.0) { $0 + p.lambda[$1] }
            if !p.nu.isEmpty { v += p.nu[l.teacher] }
            model.model.setObjective(l.column, base[l.column] + scale * v)
        }
        for s in shortfallColumns { model.model.setObjective(s, base[s] + scale * p.rho) }
    }

    /// The pattern of a solution of this model (integer columns read rounded).
    func pattern(_ values: [Double]) -> Pattern {
        var cost = 0.0
        for (j, v) in model.model.variables.enumerated() where base[j] != 0 {
            cost += base[j] * (v.kind == .continuous ? values[j] : values[j].rounded())
        }
        var use: [Int: Double] = [:], load: [Int: Double] = [:]
        var lessons: [Placement] = []
        for l in lessonRows where values[l.column] > 0.5 {
            for row in l.rows { use[row, default: 0] += 1 }
            load[l.teacher, default: 0] += 1
            lessons.append(Placement(classIndex: classIndex, candidate: l.candidate, teacher: l.teacher))
        }
        return Pattern(classIndex: classIndex, cost: cost / model.objectiveScale,
                       rows: use.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                       load: load.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                       missing: shortfallColumns.reduce(0.0) { $0 + values[$1].rounded() }, placements: lessons.sorted())
    }

    /// The pattern of this class's lessons in a schedule of the whole instance (nil: none fits).
    func pattern(of schedule: [Placement]) -> Pattern? {
        let mine = schedule.filter { $0.classIndex == classIndex }
            .map { Placement(classIndex: 0, candidate: $0.candidate, teacher: $0.teacher) }
        let values = model.assignment(alone, mine)
        guard model.model.maxViolation(values) < 1e-6 else { return nil }
        return pattern(values)
    }
}
