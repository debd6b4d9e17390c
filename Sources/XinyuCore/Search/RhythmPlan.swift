import XinyuMIP
import XinyuPack

/// Stage 1: a rhythm a school can announce. Each class gets one psychology teacher and one
/// weekly slot in odd or even teaching weeks (单双周): "7-3: 周三第6节, 单周, T05". Teachers'
/// weekly and daily limits hold per parity, and each teacher's monthly capacity must cover the
/// monthly minimums of the classes given to them (a necessary condition of any schedule with
/// `same_teacher`, so it cuts off no feasible schedule; it is soft only to survive understaffing).
struct RhythmPlan {
    struct Pattern: Hashable {
        var classIndex: Int
        var teacher: Int
        var slot: WeeklySlot
        var odd: Bool
        /// The candidates the pattern uses, at most `max_per_week` per ISO week.
        var candidates: [Int]
        /// Lessons the pattern cannot give against the monthly minimums (to place elsewhere).
        var misses: Int
        var cost: Double
    }

    var teacherOf: [Int?]
    var slotOf: [WeeklySlot?]
    var planned: [Placement]
    var result: SolveResult
    var modelSize: (variables: Int, constraints: Int)

    /// Lessons teacher `t` can give at most in month `m`: per ISO week the smaller of the weekly
    /// limit and the sum over its days of min(daily limit, periods the teacher could teach)
    /// (`weekParts`, summed over the weeks of each month).
    static func capacity(_ inst: Instance) -> [[Int]] {
        weekParts(inst).map { weeks in
            var cap = [Int](repeating: 0, count: inst.months.count)
            for part in weeks { for (mi, n) in part { cap[mi] += n } }
            return cap
        }
    }

    static func patterns(_ inst: Instance) -> [Pattern] {
        let w = inst.preferences
        var result: [Pattern] = []
        for (ci, c) in inst.classes.enumerated() {
            var groups: [[Int]: [Int]] = [:]  // [teacher, weekday, period, odd] → candidates
            for (k, cand) in c.candidates.enumerated() {
                let day = inst.days[cand.day]
                for o in cand.options where o.requires.isEmpty {
                    groups[[o.teacher, day.timetableWeekday, cand.period, day.teachingWeek % 2], default: []].append(k)
                }
            }
            let required = c.minimum.reduce(0) { $0 + ($1 ?? 0) }
            for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                var perWeek: [Int: Int] = [:]
                var used: [Int] = []
                var inMonth = [Int](repeating: 0, count: inst.months.count)
                for k in groups[key]! {
                    let day = inst.days[c.candidates[k].day]
                    if perWeek[day.isoWeek, default: 0] >= inst.classWeekCap(ci, day.isoWeek) { continue }
                    perWeek[day.isoWeek, default: 0] += 1
                    used.append(k)
                    inMonth[day.month] += 1
                }
                var misses = 0
                for (mi, minimum) in c.minimum.enumerated() { misses += max(0, (minimum ?? 0) - inMonth[mi]) }
                let avgCost = used.reduce(0.0) { $0 + c.candidates[$1].cost } / Double(max(1, used.count))
                let cost = w.displacement * avgCost * Double(required - misses) + max(w.rhythm, 0.01) * Double(misses)
                result.append(Pattern(classIndex: ci, teacher: key[0], slot: WeeklySlot(weekday: key[1], period: key[2], parity: key[3]),
                                      odd: key[3] == 1, candidates: used, misses: misses, cost: cost))
            }
        }
        return result
    }

    /// The rhythm model: a binary y per pattern, a z per (class, eligible teacher), and the rows.
    struct Model {
        var model: MIPModel
        var patterns: [Pattern]
        var y: [Int]
        var z: [[Int: Int]]
    }

    static func model(_ inst: Instance) -> Model {
        var m = MIPModel(name: "rhythm")
        let pats = RhythmPlan.patterns(inst)
        var y: [Int] = []
        for (i, p) in pats.enumerated() { y.append(m.addBinary("y\(i)", objective: p.cost)) }
        let (z, eligible) = Self.addTeacherChoice(&m, inst)
        Self.addPatternRows(&m, inst, pats, y: y, z: z, eligible: eligible)
        Self.addTeacherSlotRows(&m, inst, pats, y: y)
        if inst.policy.sameTeacher { Self.addCapacityRows(&m, inst, z: z, cap: RhythmPlan.capacity(inst)) }
        if inst.preferences.loadBalance > 0 && inst.teachers.count > 1 { Self.addLoadBalanceRows(&m, inst, z: z) }
        return Model(model: m, patterns: pats, y: y, z: z)
    }

    init(_ inst: Instance, solver: MIPSolver, options: SolveOptions) {
        let built = RhythmPlan.model(inst)
        let (m, pats, y, z) = (built.model, built.patterns, built.y, built.z)
        // The model falls apart into one block per pool of classes and eligible teachers
        // (GrowthShortcutsTests), but solved so (solveByBlocks, each block to 1%) it took other
        // plans (other teachers at 200 classes) and was not faster on the growth packs, and the
        // costs rose (measured together with another change, not apart;
        // benchmarks/results/2026-12-01-growth-2.md): solved whole, as before.
        let res = solver.solve(m, options: options)
        var teacherOf = [Int?](repeating: nil, count: inst.classes.count)
        var slotOf = [WeeklySlot?](repeating: nil, count: inst.classes.count)
        var planned: [Placement] = []
        if res.hasSolution {
            for (ci, zs) in z.enumerated() {
                teacherOf[ci] = zs.keys.sorted().first { zs[$0].map { res.values[$0] > 0.5 } ?? false }
            }
            for (i, p) in pats.enumerated() where res.values[y[i]] > 0.5 {
                slotOf[p.classIndex] = p.slot
                planned += p.candidates.map { Placement(classIndex: p.classIndex, candidate: $0, teacher: p.teacher) }
            }
        }
        self.teacherOf = teacherOf
        self.slotOf = slotOf
        self.planned = planned.sorted()
        self.result = res
        self.modelSize = (m.variableCount, m.constraintCount)
    }

    // z[c,t]: exactly one teacher for the term per class, among those who may teach it.
    static func addTeacherChoice(_ m: inout MIPModel, _ inst: Instance) -> (z: [[Int: Int]], eligible: [[Int]]) {
        let eligible: [[Int]] = inst.classes.map { c in
            Array(Set(c.candidates.flatMap { $0.options.map(\.teacher) })).sorted()
        }
        var z: [[Int: Int]] = []
        for ci in inst.classes.indices {
            var zs: [Int: Int] = [:]
            for t in eligible[ci] { zs[t] = m.addBinary("z_c\(ci)_t\(t)") }
            z.append(zs)
            if !zs.isEmpty { m.addConstraint("one_c\(ci)", zs.sorted { $0.key < $1.key }.map { ($0.value, 1.0) }, lower: 1, upper: 1) }
        }
        return (z, eligible)
    }

    // Per class: one pattern at most, by its teacher; no pattern costs each required lesson.
    static func addPatternRows(_ m: inout MIPModel, _ inst: Instance, _ pats: [Pattern], y: [Int], z: [[Int: Int]], eligible: [[Int]]) {
        var byClassTeacher: [[Int]: [Int]] = [:]
        for (i, p) in pats.enumerated() { byClassTeacher[[p.classIndex, p.teacher], default: []].append(y[i]) }
        for (ci, c) in inst.classes.enumerated() {
            let required = Double(c.minimum.reduce(0) { $0 + ($1 ?? 0) })
            for t in eligible[ci] {
                guard let zt = z[ci][t] else { continue }
                let ys = byClassTeacher[[ci, t]] ?? []
                // np = z − Σy ≥ 0: the class has this teacher but no regular slot.
                let np = m.addVariable("np_c\(ci)_t\(t)", lower: 0, upper: 1, kind: .continuous,
                                       objective: max(inst.preferences.rhythm, 0.01) * required + 1)
                m.addConstraint("pat_c\(ci)_t\(t)", ys.map { ($0, 1.0) } + [(zt, -1), (np, 1)], lower: 0, upper: 0)
            }
        }
    }

    // A teacher holds a weekly slot of one parity for one class only; weekly and daily limits per parity.
    static func addTeacherSlotRows(_ m: inout MIPModel, _ inst: Instance, _ pats: [Pattern], y: [Int]) {
        var bySlot: [[Int]: [Int]] = [:], byWeek: [[Int]: [Int]] = [:], byDay: [[Int]: [Int]] = [:]
        for (i, p) in pats.enumerated() {
            let q = p.odd ? 1 : 0
            bySlot[[p.teacher, p.slot.weekday, p.slot.period, q], default: []].append(y[i])
            byWeek[[p.teacher, q], default: []].append(y[i])
            byDay[[p.teacher, p.slot.weekday, q], default: []].append(y[i])
        }
        let ordered = { (d: [[Int]: [Int]]) in d.sorted { $0.key.lexicographicallyPrecedes($1.key) } }
        for (key, ys) in ordered(bySlot) where ys.count > 1 {
            m.addConstraint("slot_\(key.map(String.init).joined(separator: "_"))", ys.map { ($0, 1.0) }, upper: 1)
        }
        for (key, ys) in ordered(byWeek) {
            if let lim = inst.teachers[key[0]].maxPerWeek, ys.count > lim {
                m.addConstraint("wk_\(key[0])_\(key[1])", ys.map { ($0, 1.0) }, upper: Double(lim))
            }
        }
        for (key, ys) in ordered(byDay) {
            if let lim = inst.teachers[key[0]].maxPerDay, ys.count > lim {
                m.addConstraint("dy_\(key[0])_\(key[1])_\(key[2])", ys.map { ($0, 1.0) }, upper: Double(lim))
            }
        }
    }

    // Monthly capacity of each teacher covers the minimums of their classes (same_teacher).
    static func addCapacityRows(_ m: inout MIPModel, _ inst: Instance, z: [[Int: Int]], cap: [[Int]]) {
        let overWeight = 1000.0
        for t in inst.teachers.indices {
            for mi in inst.months.indices {
                var terms: [(Int, Double)] = []
                for (ci, c) in inst.classes.enumerated() {
                    if let zc = z[ci][t], let minimum = c.minimum[mi], minimum > 0 { terms.append((zc, Double(minimum))) }
                }
                guard !terms.isEmpty, terms.reduce(0.0, { $0 + $1.1 }) > Double(cap[t][mi]) else { continue }
                let over = m.addVariable("over_t\(t)_m\(mi)", lower: 0, upper: .infinity, kind: .continuous, objective: overWeight)
                m.addConstraint("cap_t\(t)_m\(mi)", terms + [(over, -1)], upper: Double(cap[t][mi]))
            }
        }
    }

    // Load balance: each teacher's required lessons above their fair share of the total.
    static func addLoadBalanceRows(_ m: inout MIPModel, _ inst: Instance, z: [[Int: Int]]) {
        let caps = inst.teachers.indices.map(inst.weeklyCapacity)
        let total = caps.reduce(0, +)
        let allRequired = Double(inst.required)
        for t in inst.teachers.indices where total > 0 {
            var terms: [(Int, Double)] = []
            for (ci, c) in inst.classes.enumerated() {
                if let zc = z[ci][t] { terms.append((zc, Double(c.minimum.reduce(0) { $0 + ($1 ?? 0) }))) }
            }
            guard !terms.isEmpty else { continue }
            let e = m.addVariable("e_t\(t)", lower: 0, upper: .infinity, kind: .continuous, objective: inst.preferences.loadBalance)
            m.addConstraint("lb_t\(t)", terms + [(e, -1)], upper: allRequired * caps[t] / total)
        }
    }
}
