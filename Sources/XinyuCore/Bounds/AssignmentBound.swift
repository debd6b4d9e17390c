// The one-teacher bound: with `same_teacher`, every class is kept all term by one teacher (or by
// none), so a teacher's month capacity is used by whole classes. The counting and flow bounds
// and the LP split a class between teachers; on the tight districts they stop one lesson short
// of the truth (S28 of the tight 60-school district: 20 classes, a full-time teacher and one of 1
// a week; the counting, flow and LP bounds all say 41, the best schedule misses 42).
//
// The bound is the optimum of a small MIP over that choice only: y[c,t] = 1 when t keeps class c
// (at most one t per class), g[t,w,m] the lessons t gives in the part of ISO week w in month m,
// at most t's periods there (daily limits), the parts of a week within t's weekly limit, and per
// month at most what t's classes can take from t in m alone; it maximises
// Σ g. Every schedule gives such a choice, so required − max Σ g is a lower bound on its missing
// lessons; GLPK's proven bound of the small MIP is used when its work limit stops it.

import XinyuMIP

/// A proven lower bound on the missing lessons under `same_teacher` (0 without it).
func assignmentShortfallBound(_ inst: Instance, solver: MIPSolver, iterations: Int = exactStageIterations,
                              nodes: Int = exactStageNodes, timeLimit: Double? = nil) -> Int {
    guard inst.policy.sameTeacher, !inst.teachers.isEmpty else { return 0 }
    let nM = inst.months.count
    let required = inst.classes.map { c in (0..<nM).map { mi in mi < c.minimum.count ? (c.minimum[mi] ?? 0) : 0 } }
    let total = required.reduce(0) { $0 + $1.reduce(0, +) }
    let alone = aloneSupply(inst, required: required)
    var m = MIPModel(name: "assignment_bound")
    m.objectiveConstant = Double(total)
    var y: [[Int: Int]] = Array(repeating: [:], count: inst.classes.count)  // class → teacher → column
    for ci in inst.classes.indices {
        for t in alone[ci].keys.sorted() where alone[ci][t]?.contains(where: { $0 > 0 }) ?? false {
            y[ci][t] = m.addBinary("y_c\(ci)_t\(t)")
        }
        if y[ci].count > 1 { m.addConstraint("one_c\(ci)", y[ci].keys.sorted().compactMap { y[ci][$0] }.map { ($0, 1.0) }, upper: 1) }
    }
    // g[t, week, month]: lessons t gives in the part of an ISO week that falls in a month (a
    // week across a month's end has two parts, which share the teacher's weekly limit).
    let parts = weekParts(inst)
    for t in inst.teachers.indices {
        var inMonth = [[(Int, Double)]](repeating: [], count: nM)
        for (w, byMonth) in parts[t].enumerated() where !byMonth.isEmpty {
            var week: [(Int, Double)] = []
            for (mi, periods) in byMonth.sorted(by: { $0.key < $1.key }) where periods > 0 {
                let g = m.addVariable("g_t\(t)_w\(w)_m\(mi)", lower: 0, upper: Double(periods), kind: .integer, objective: -1)
                week.append((g, 1))
                inMonth[mi].append((g, 1))
            }
            let weekTotal = byMonth.values.reduce(0, +)
            if let cap = inst.teachers[t].maxPerWeek, cap < weekTotal, week.count > 0 {
                m.addConstraint("week_t\(t)_w\(w)", week, upper: Double(cap))
            }
        }
        for mi in 0..<nM where !inMonth[mi].isEmpty {
            let take: [(Int, Double)] = inst.classes.indices.compactMap { ci in
                guard let col = y[ci][t], let a = alone[ci][t]?[mi], a > 0 else { return nil }
                return (col, -Double(a))
            }
            m.addConstraint("take_t\(t)_m\(mi)", inMonth[mi] + take, upper: 0)
        }
    }
    guard m.variableCount > 0 else { return total }
    var o = SolveOptions(timeLimit: timeLimit)
    o.iterationLimit = iterations
    o.nodeLimit = nodes
    let r = solver.solve(m, options: o)
    guard let b = r.status == .optimal ? r.objective : r.bound, r.status != .error else { return 0 }
    return max(0, min(total, Int((b - 1e-6).rounded(.up))))
}

/// For each class, teacher and month: the lessons the class could take from that teacher in the
/// month if it had the teacher to itself (its weeks with a slot the teacher can staff, at most the
/// class's weekly cap each), never more than it needs.
func aloneSupply(_ inst: Instance, required: [[Int]]) -> [[Int: [Int]]] {
    let nM = max(1, inst.months.count)
    return inst.classes.enumerated().map { ci, c in
        var slots: [Int: [Int: Int]] = [:]  // teacher → (ISO week × months + month) → candidate slots
        for cand in c.candidates {
            let day = inst.days[cand.day]
            for t in Set(cand.options.map(\.teacher)) { slots[t, default: [:]][day.isoWeek * nM + day.month, default: 0] += 1 }
        }
        return slots.mapValues { byWeek in
            var inMonth = [Int](repeating: 0, count: inst.months.count)
            for (key, n) in byWeek { inMonth[key % nM] += min(n, inst.classWeekCap(ci, key / nM)) }
            return inMonth.enumerated().map { mi, n in min(n, required[ci][mi]) }
        }
    }
}

/// For each teacher and ISO week: the periods the teacher could teach in each month's part of the
/// week (each day's distinct periods with a class that has the teacher as an option, at most the
/// daily limit, at most the weekly limit per part). `RhythmPlan.capacity` sums them per month.
func weekParts(_ inst: Instance) -> [[[Int: Int]]] {
    var periodsAt: [[Int]: Set<Int>] = [:]  // [teacher, day] → periods
    for c in inst.classes {
        for cand in c.candidates { for o in cand.options { periodsAt[[o.teacher, cand.day], default: []].insert(cand.period) } }
    }
    let nW = (inst.days.map(\.isoWeek).max() ?? -1) + 1
    return inst.teachers.enumerated().map { t, teacher in
        var parts = [[Int: Int]](repeating: [:], count: nW)
        for (d, day) in inst.days.enumerated() {
            let n = periodsAt[[t, d]]?.count ?? 0
            guard n > 0 else { continue }
            parts[day.isoWeek][day.month, default: 0] += min(teacher.maxPerDay ?? n, n)
        }
        return parts.map { $0.mapValues { min(teacher.maxPerWeek ?? $0, $0) } }
    }
}
