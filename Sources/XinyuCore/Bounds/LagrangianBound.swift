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
/// capacity is a lower bound (weak duality); subgradient steps with a fixed rule and a fixed
/// number of rounds raise it, so the same input gives the same bound. The cross-class
/// "replaced row" requirement is dropped (a relaxation: still a bound).
struct LagrangianBound {
    /// The best lower bound found and the rounds it took.
    var bound: Double
    var rounds: Int
    /// Each class's lessons in its priced optimum at the best prices (a hint for repair).
    var placements: [Placement]
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
    var model: TermModel
    let base: [Double]
    let lessonRows: [(column: Int, rows: [Int], teacher: Int, candidate: Int)]
    let shortfallColumns: [Int]
    var last: [Double]? = nil

    init(_ inst: Instance, _ ci: Int, shortfall: Int, counting: (total: Int, allowance: [[Int]]), rows: CouplingRows) {
        let one = inst.classAlone(ci)
        var spec = TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                 shortfallWeight: 0, shortfallCap: Double(min(shortfall, one.required)))
        // Counting proves the shortfall: a class then misses at most its pool's share per month.
        if counting.total == shortfall { spec.shortfallUpper = [counting.allowance[ci]] }
        model = TermModel(one, spec, name: "lagrange_c\(ci)")
        base = model.model.variables.map(\.objective)
        lessonRows = model.xs.map { x in
            (x.column, rows.rowsOf[Placement(classIndex: ci, candidate: x.candidate, teacher: x.teacher)] ?? [],
             x.teacher, x.candidate)
        }
        shortfallColumns = model.totalShortfallColumns
    }

    /// Sets the objective to the base cost plus the prices (scaled like the model's objective).
    mutating func price(lambda: [Double], nu: [Double], rho: Double) {
        let scale = model.objectiveScale
        for l in lessonRows {
            var p = l.rows.reduce(0.0) { $0 + lambda[$1] }
            if !nu.isEmpty { p += nu[l.teacher] }
            model.model.setObjective(l.column, base[l.column] + scale * p)
        }
        for s in shortfallColumns { model.model.setObjective(s, base[s] + scale * rho) }
    }
}

/// Subgradient rounds (Polyak steps towards `upper`, the cost of a known schedule; the step
/// factor halves after 3 rounds without a better bound). Nil when no round finished.
func lagrangianBound(_ inst: Instance, shortfall: Int, counting: (total: Int, allowance: [[Int]]), upper: Double,
                     solver: MIPSolver, rounds: Int, timeLimit: Double?, log: ((String) -> Void)? = nil) -> LagrangianBound? {
    let clock = Clock()
    let rows = CouplingRows(inst)
    var subs = inst.classes.indices.map { ClassSubproblem(inst, $0, shortfall: shortfall, counting: counting, rows: rows) }
    var lambda = [Double](repeating: 0, count: rows.capacity.count)
    var nu = [Double](repeating: 0, count: rows.share.count)
    var rho = 0.0
    var best: LagrangianBound? = nil
    var theta = 1.0, stall = 0
    for round in 0..<rounds {
        // The constant part of the Lagrangian: − Σ price × capacity.
        var value = -zip(lambda, rows.capacity).reduce(0.0) { $0 + $1.0 * $1.1 } - rho * Double(shortfall)
            - zip(nu, rows.share).reduce(0.0) { $0 + $1.0 * $1.1 }
        var usage = [Double](repeating: 0, count: rows.capacity.count)
        var load = [Double](repeating: 0, count: rows.share.count)
        var missing = 0.0
        var placements: [Placement] = []
        for ci in subs.indices {
            if let limit = timeLimit, clock.seconds >= limit { return best }
            subs[ci].price(lambda: lambda, nu: nu, rho: rho)
            var o = SolveOptions(timeLimit: timeLimit.map { max(0.01, $0 - clock.seconds) })
            o.warmStart = subs[ci].last
            let r = solver.solve(subs[ci].model.model, options: o)
            // A valid bound of the class's priced model: its optimum, or GLPK's proven bound.
            guard r.hasSolution, let z = r.status == .optimal ? r.objective : r.bound else { return best }
            subs[ci].last = r.values
            value += z / subs[ci].model.objectiveScale
            for l in subs[ci].lessonRows where r.values[l.column] > 0.5 {
                for row in l.rows { usage[row] += 1 }
                if !load.isEmpty { load[l.teacher] += 1 }
                placements.append(Placement(classIndex: ci, candidate: l.candidate, teacher: l.teacher))
            }
            missing += subs[ci].shortfallColumns.reduce(0.0) { $0 + r.values[$1].rounded() }
        }
        log?("round \(round + 1): \(fmt(value)), shortfall price \(fmt(rho)), \(fmt(clock.seconds)) s")
        if value > (best?.bound ?? -.infinity) + 1e-9 {
            best = LagrangianBound(bound: value, rounds: round + 1, placements: placements)
            stall = 0
        } else {
            stall += 1
            if stall >= 3 { theta /= 2; stall = 0 }
        }
        // Subgradient: each priced row's use less its capacity.
        let gLambda = zip(usage, rows.capacity).map { $0 - $1 }
        let gNu = zip(load, rows.share).map { $0 - $1 }
        let gRho = missing - Double(shortfall)
        // Only directions that can move a price (a price at 0 with slack stays at 0).
        var norm2 = gRho > 0 || rho > 0 ? gRho * gRho : 0
        for (i, g) in gLambda.enumerated() where g > 0 || lambda[i] > 0 { norm2 += g * g }
        for (i, g) in gNu.enumerated() where (g > 0 && nu[i] < inst.preferences.loadBalance) || (g < 0 && nu[i] > 0) { norm2 += g * g }
        guard let b = best?.bound, norm2 > 1e-12, upper - b > 1e-6 * max(1, abs(upper)) else { break }
        let step = theta * max(upper - value, 1e-3 * max(1, abs(upper))) / norm2
        for i in lambda.indices { lambda[i] = max(0, lambda[i] + step * gLambda[i]) }
        for i in nu.indices { nu[i] = min(inst.preferences.loadBalance, max(0, nu[i] + step * gNu[i])) }
        rho = max(0, rho + step * gRho)
    }
    return best
}
