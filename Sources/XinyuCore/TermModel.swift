import XinyuMIP
import XinyuPack

/// A placed lesson inside an instance: class, candidate slot, teacher (all indices).
public struct Placement: Sendable, Hashable, Comparable {
    public var classIndex: Int
    public var candidate: Int
    public var teacher: Int
    public static func < (a: Placement, b: Placement) -> Bool {
        (a.classIndex, a.candidate, a.teacher) < (b.classIndex, b.candidate, b.teacher)
    }
}

/// A class's regular slot: timetable weekday and period, in odd (单周, parity 1) or even
/// (双周, parity 0) teaching weeks.
public struct WeeklySlot: Sendable, Hashable, Comparable {
    public var weekday: Int
    public var period: Int
    public var parity: Int
    public init(weekday: Int, period: Int, parity: Int) {
        self.weekday = weekday
        self.period = period
        self.parity = parity
    }
    /// The slot a lesson on `day` at `period` falls in.
    init(_ day: Instance.Day, _ period: Int) {
        self.init(weekday: day.timetableWeekday, period: period, parity: day.teachingWeek % 2)
    }
    public static func < (a: WeeklySlot, b: WeeklySlot) -> Bool {
        (a.weekday, a.period, a.parity) < (b.weekday, b.period, b.parity)
    }
}

/// What a term model contains and optimises.
struct TermModelSpec {
    /// nil: teachers are chosen by the model; otherwise the teacher of each class (nil = none).
    var fixedTeacher: [Int?]?
    /// Include the named preferences in the objective.
    var preferences: Bool
    /// With preferences: each class's regular slot, fixed in advance (nil: the model chooses it).
    var preferredSlot: [WeeklySlot?]?
    /// Weight of one missing lesson in the objective.
    var shortfallWeight: Double
    /// Upper limit on the total shortfall (lexicographic second stage).
    var shortfallCap: Double?
    /// Upper limit of each class's shortfall in each month (nil: its minimum).
    var shortfallUpper: [[Int]]? = nil
    /// Re-planning: lessons that must stay (already given), candidates before `firstDay` other
    /// than these are not used, and `credit[c][m]` lessons of a class-month are given outside
    /// the model (published lessons no longer valid under the changed pack).
    var fixedPlacements: Set<Placement> = []
    var firstDay: Int = 0
    var credit: [[Int]]? = nil
    /// Re-planning: what keeping a published lesson is worth, per placement; with
    /// `gainObjective` the model maximises it, with `gainFloor` it must reach it.
    var gain: [Placement: Double] = [:]
    var gainObjective = false
    var gainFloor: Double? = nil
}

/// The term model of an instance: one binary per (class, candidate slot, teacher option), one
/// shortfall per class and month, and, as asked, teacher choice and preference variables.
///
/// This is also the monolithic model that `--write-model` exports for other solvers.
struct TermModel {
    struct XVar { var classIndex: Int; var candidate: Int; var option: Int; var teacher: Int; var column: Int }
    var model: MIPModel
    var xs: [XVar]
    /// shortfall column per class and month (nil: no minimum that month).
    var shortfall: [[Int?]]
    /// The model's objective is this multiple of the preference cost, with every coefficient a
    /// whole number and every column with a cost integer (an integral objective).
    var objectiveScale: Double
    let spec: TermModelSpec
    var totalShortfallColumns: [Int] { shortfall.flatMap { $0.compactMap { $0 } } }

    init(_ inst: Instance, _ spec: TermModelSpec, name: String) {
        var m = MIPModel(name: name)
        let nT = inst.teachers.count
        let nD = inst.days.count
        let P = max(1, inst.periodsPerDay + 1)
        let w = inst.preferences
        var xs: [XVar] = []
        // Weights with up to two decimals become whole numbers; fair shares need the capacity total.
        let caps = inst.teachers.map { Double($0.maxPerWeek ?? inst.periodsPerDay * 5) }
        let capTotal = caps.reduce(0, +)
        let balance = spec.preferences && w.loadBalance > 0 && nT > 1 && capTotal > 0
        let scale = spec.preferences ? 100 * (balance ? capTotal : 1) : 1
        func cost(_ v: Double) -> Double { (v * scale).rounded() }
        // Column of each class's lesson at (day, period): all options, for coupling rows.
        var atSlot: [Int: [Int]] = [:]          // key (class, day, period) → x columns
        func slotKey(_ c: Int, _ d: Int, _ p: Int) -> Int { (c * nD + d) * P + p }

        // Decision variables: x[c, k, t] = class c has its lesson at candidate k, taught by t.
        for (ci, c) in inst.classes.enumerated() {
            let fixed: Int?? = spec.fixedTeacher.map { $0[ci] }
            for (k, cand) in c.candidates.enumerated() {
                for (oi, o) in cand.options.enumerated() {
                    let here = Placement(classIndex: ci, candidate: k, teacher: o.teacher)
                    let mustStay = spec.fixedPlacements.contains(here)
                    if !mustStay {
                        if cand.day < spec.firstDay { continue }
                        if let fixed, fixed != o.teacher { continue }
                    }
                    var c = 0.0
                    if spec.preferences {
                        c += w.displacement * cand.cost
                        if let slots = spec.preferredSlot {
                            let day = inst.days[cand.day]
                            if slots[ci] != WeeklySlot(day, cand.period) { c += w.rhythm }
                        }
                    }
                    if spec.gainObjective { c -= spec.gain[here] ?? 0 }
                    let col = m.addVariable("x_c\(ci)_d\(cand.day)_p\(cand.period)_t\(o.teacher)", lower: mustStay ? 1 : 0,
                                            upper: 1, kind: .binary, objective: cost(c))
                    xs.append(XVar(classIndex: ci, candidate: k, option: oi, teacher: o.teacher, column: col))
                    atSlot[slotKey(ci, cand.day, cand.period), default: []].append(col)
                }
            }
        }

        // Shortfall of class c in month m (never more than the minimum).
        var shortfall: [[Int?]] = []
        for (ci, c) in inst.classes.enumerated() {
            shortfall.append(c.minimum.enumerated().map { mi, minimum0 in
                guard let minimum0 else { return nil }
                let minimum = max(0, minimum0 - (spec.credit?[ci][mi] ?? 0))
                guard minimum > 0 else { return nil }
                let upper = min(minimum, spec.shortfallUpper?[ci][mi] ?? minimum)
                return m.addVariable("s_c\(ci)_m\(mi)", lower: 0, upper: Double(upper), kind: .integer,
                                     objective: cost(spec.shortfallWeight))
            })
        }

        // Group the x columns.
        var byClassMonth: [Int: [Int]] = [:]   // c * months + m
        var byClassWeek: [Int: [Int]] = [:]    // c * weeks + w
        var byTeacherTime: [Int: [Int]] = [:]  // (t * nD + d) * P + p
        var byTeacherDay: [Int: [Int]] = [:]   // t * nD + d
        var byTeacherWeek: [Int: [Int]] = [:]  // t * weeks + w
        var byClassTeacherWeek: [Int: [Int]] = [:]
        let nM = inst.months.count, nW = inst.isoWeeks.count
        for x in xs {
            let cand = inst.classes[x.classIndex].candidates[x.candidate]
            let day = inst.days[cand.day]
            byClassMonth[x.classIndex * nM + day.month, default: []].append(x.column)
            byClassWeek[x.classIndex * nW + day.isoWeek, default: []].append(x.column)
            byTeacherTime[(x.teacher * nD + cand.day) * P + cand.period, default: []].append(x.column)
            byTeacherDay[x.teacher * nD + cand.day, default: []].append(x.column)
            byTeacherWeek[x.teacher * nW + day.isoWeek, default: []].append(x.column)
            byClassTeacherWeek[(x.classIndex * max(1, nT) + x.teacher) * nW + day.isoWeek, default: []].append(x.column)
        }
        func ones(_ cols: [Int]) -> [(Int, Double)] { cols.map { ($0, 1.0) } }

        // Each class and month: at least the minimum, or the shortfall says how many are missing.
        for (ci, c) in inst.classes.enumerated() {
            for mi in inst.months.indices {
                guard let s = shortfall[ci][mi] else { continue }
                let cols = byClassMonth[ci * nM + mi] ?? []
                m.addConstraint("min_c\(ci)_m\(mi)", ones(cols) + [(s, 1)],
                                lower: Double(max(0, c.minimum[mi]! - (spec.credit?[ci][mi] ?? 0))))
            }
        }
        // A class has at most one lesson at a time.
        for (key, cols) in atSlot.sorted(by: { $0.key < $1.key }) where cols.count > 1 {
            m.addConstraint("one_k\(key)", ones(cols), upper: 1)
        }
        // At most max_per_week lessons per class in an ISO week.
        let perWeek = inst.policy.maxPerWeek
        for (key, cols) in byClassWeek.sorted(by: { $0.key < $1.key }) {
            let cap = inst.classWeekCap(key / max(1, nW), key % max(1, nW))
            if cols.count > cap { m.addConstraint("cw_\(key)", ones(cols), upper: Double(cap)) }
        }
        // A teacher is in one place at a time.
        for (key, cols) in byTeacherTime.sorted(by: { $0.key < $1.key }) where cols.count > 1 {
            m.addConstraint("tt_\(key)", ones(cols), upper: 1)
        }
        // Teacher limits per date and per ISO week.
        for (key, cols) in byTeacherDay.sorted(by: { $0.key < $1.key }) {
            if let lim = inst.teacherDayCap(key / max(1, nD), key % max(1, nD)), cols.count > lim {
                m.addConstraint("td_\(key)", ones(cols), upper: Double(lim))
            }
        }
        for (key, cols) in byTeacherWeek.sorted(by: { $0.key < $1.key }) {
            if let lim = inst.teacherWeekCap(key / max(1, nW), key % max(1, nW)), cols.count > lim {
                m.addConstraint("tw_\(key)", ones(cols), upper: Double(lim))
            }
        }
        // A teacher whose own displaceable row is elsewhere is free only if that row is replaced too.
        for x in xs {
            let cand = inst.classes[x.classIndex].candidates[x.candidate]
            for other in cand.options[x.option].requires {
                let cols = atSlot[slotKey(other, cand.day, cand.period)] ?? []
                m.addConstraint("req_\(x.column)_c\(other)", [(x.column, 1)] + cols.map { ($0, -1.0) }, upper: 0)
            }
        }
        // same_teacher: one teacher keeps a class all term (only when the model chooses teachers).
        if inst.policy.sameTeacher && spec.fixedTeacher == nil {
            var zOf: [Int: Int] = [:]  // c * nT + t
            for x in xs where zOf[x.classIndex * nT + x.teacher] == nil {
                zOf[x.classIndex * nT + x.teacher] = m.addBinary("z_c\(x.classIndex)_t\(x.teacher)")
            }
            for ci in inst.classes.indices {
                let zs = (0..<nT).compactMap { zOf[ci * nT + $0] }
                if zs.count > 1 { m.addConstraint("zc_\(ci)", ones(zs), upper: 1) }
            }
            for (key, cols) in byClassTeacherWeek.sorted(by: { $0.key < $1.key }) {
                let ct = key / max(1, nW)
                m.addConstraint("zl_\(key)", ones(cols) + [(zOf[ct]!, -Double(min(perWeek, cols.count)))], upper: 0)
            }
        }
        // Keep at least this much of the published schedule (re-planning).
        if let floor = spec.gainFloor {
            let terms = xs.compactMap { x -> (Int, Double)? in
                let g = spec.gain[Placement(classIndex: x.classIndex, candidate: x.candidate, teacher: x.teacher)] ?? 0
                return g == 0 ? nil : (x.column, g)
            }
            if !terms.isEmpty { m.addConstraint("keep", terms, lower: floor - 1e-6) }
        }
        // Total shortfall cap (keeps the first stage's result while preferences are optimised).
        if let cap = spec.shortfallCap {
            let cols = shortfall.flatMap { $0.compactMap { $0 } }
            if !cols.isEmpty { m.addConstraint("shortcap", ones(cols), upper: cap + 1e-6) }
        }

        if spec.preferences {
            // rhythm (model-chosen slot): on[c,k] counts lessons in the class's one regular slot u[c,s].
            if spec.preferredSlot == nil && w.rhythm > 0 {
                for (ci, c) in inst.classes.enumerated() {
                    var slots: [WeeklySlot: Int] = [:]
                    var slotOrder: [WeeklySlot] = []
                    for cand in c.candidates {
                        let s = WeeklySlot(inst.days[cand.day], cand.period)
                        if slots[s] == nil { slots[s] = -1; slotOrder.append(s) }
                    }
                    guard !slotOrder.isEmpty else { continue }
                    for s in slotOrder.sorted() { slots[s] = m.addBinary("u_c\(ci)_w\(s.weekday)_p\(s.period)_q\(s.parity)") }
                    m.addConstraint("u1_c\(ci)", slotOrder.map { (slots[$0]!, 1.0) }, upper: 1)
                    for cand in c.candidates {
                        guard let cols = atSlot[slotKey(ci, cand.day, cand.period)], !cols.isEmpty else { continue }
                        let s = WeeklySlot(inst.days[cand.day], cand.period)
                        for col in cols { m.setObjective(col, m.variables[col].objective + cost(w.rhythm)) }
                        let on = m.addVariable("on_c\(ci)_d\(cand.day)_p\(cand.period)", lower: 0, upper: 1,
                                               kind: .integer, objective: -cost(w.rhythm))
                        m.addConstraint("onu_\(on)", [(on, 1), (slots[s]!, -1)], upper: 0)
                        m.addConstraint("onx_\(on)", [(on, 1)] + cols.map { ($0, -1.0) }, upper: 0)
                    }
                }
            }
            // spread: in any 7 consecutive days, each lesson beyond the first costs (per window).
            if w.spread > 0 {
                for (ci, c) in inst.classes.enumerated() {
                    var colsOnDay: [Int: [Int]] = [:]
                    for cand in c.candidates {
                        if let cols = atSlot[slotKey(ci, cand.day, cand.period)] { colsOnDay[cand.day, default: []] += cols }
                    }
                    let dayList = colsOnDay.keys.sorted()
                    guard dayList.count > 1 else { continue }
                    var windows: [[Int]: Int] = [:]
                    let first = inst.days[dayList.first!].date.dayNumber, last = inst.days[dayList.last!].date.dayNumber
                    var lo = 0
                    for a in (first - 6)...last {
                        while lo < dayList.count && inst.days[dayList[lo]].date.dayNumber < a { lo += 1 }
                        var set: [Int] = []
                        var j = lo
                        while j < dayList.count && inst.days[dayList[j]].date.dayNumber <= a + 6 { set.append(dayList[j]); j += 1 }
                        if set.count > 1 { windows[set, default: 0] += 1 }
                    }
                    for (set, count) in windows.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                        let v = m.addVariable("v_c\(ci)_d\(set[0])_n\(set.count)", lower: 0, upper: Double(set.count),
                                              kind: .integer, objective: cost(w.spread * Double(count)))
                        m.addConstraint("sp_\(v)", ones(set.flatMap { colsOnDay[$0]! }) + [(v, -1)], upper: 1)
                    }
                }
            }
            // load balance: each teacher's term load above their fair share (by weekly capacity) of
            // the group's required lessons R costs. Written times the capacity total C, so that all
            // is whole: e_t ≥ C·load_t − cap_t·R.
            if balance {
                let required = Double(inst.required)
                var byTeacher: [Int: [Int]] = [:]
                for x in xs { byTeacher[x.teacher, default: []].append(x.column) }
                for t in 0..<nT {
                    guard let cols = byTeacher[t] else { continue }
                    let e = m.addVariable("e_t\(t)", lower: 0, upper: capTotal * Double(cols.count), kind: .integer,
                                          objective: cost(w.loadBalance / capTotal))
                    m.addConstraint("lb_t\(t)", cols.map { ($0, capTotal) } + [(e, -1)], upper: (caps[t] * required).rounded())
                }
            }
        }
        self.model = m
        self.objectiveScale = scale
        self.spec = spec
        self.xs = xs
        self.shortfall = shortfall
    }

    /// The placements in a solution.
    func placements(_ values: [Double]) -> [Placement] {
        xs.filter { values[$0.column] > 0.5 }
            .map { Placement(classIndex: $0.classIndex, candidate: $0.candidate, teacher: $0.teacher) }
            .sorted()
    }

    /// A full assignment of this model's columns from placements (for a warm start): x from the
    /// placements, shortfalls as needed, other columns (z, preference helpers) at their best values.
    func assignment(_ inst: Instance, _ placements: [Placement]) -> [Double] {
        var values = [Double](repeating: 0, count: model.variableCount)
        let index = Dictionary(xs.map { (Placement(classIndex: $0.classIndex, candidate: $0.candidate, teacher: $0.teacher), $0.column) },
                               uniquingKeysWith: { a, _ in a })
        var count = [[Int]](repeating: [Int](repeating: 0, count: inst.months.count), count: inst.classes.count)
        for p in placements {
            guard let col = index[p] else { continue }
            values[col] = 1
            count[p.classIndex][inst.days[inst.classes[p.classIndex].candidates[p.candidate].day].month] += 1
        }
        for (ci, row) in shortfall.enumerated() {
            for (mi, col) in row.enumerated() {
                if let col {
                    values[col] = Double(max(0, inst.classes[ci].minimum[mi]! - (spec.credit?[ci][mi] ?? 0) - count[ci][mi]))
                }
            }
        }
        // Helper columns (z, u, on, v, e) follow from x: set each to the least value its rows allow.
        let nameIndex = Dictionary(uniqueKeysWithValues: model.variables.enumerated().map { ($1.name, $0) })
        for x in xs where values[x.column] > 0.5 {
            if let z = nameIndex["z_c\(x.classIndex)_t\(x.teacher)"] { values[z] = 1 }
        }
        // rhythm (model-chosen slot): the most frequent slot of each class, its lessons on it.
        var bySlot: [Int: [WeeklySlot: [Placement]]] = [:]
        for p in placements {
            let cand = inst.classes[p.classIndex].candidates[p.candidate]
            bySlot[p.classIndex, default: [:]][WeeklySlot(inst.days[cand.day], cand.period), default: []].append(p)
        }
        for (ci, slots) in bySlot {
            guard let top = slots.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
                  let u = nameIndex["u_c\(ci)_w\(top.key.weekday)_p\(top.key.period)_q\(top.key.parity)"] else { continue }
            values[u] = 1
            for p in top.value {
                let cand = inst.classes[ci].candidates[p.candidate]
                if let on = nameIndex["on_c\(ci)_d\(cand.day)_p\(cand.period)"] { values[on] = 1 }
            }
        }
        for c in model.constraints {
            // v and e appear with coefficient -1 in a `≤` row: raise them until the row holds.
            guard c.name.hasPrefix("sp_") || c.name.hasPrefix("lb_"), let helper = c.variables.last else { continue }
            var s = 0.0
            for (k, j) in c.variables.enumerated() where j != helper { s += c.coefficients[k] * values[j] }
            values[helper] = max(0, s - c.upper)
        }
        return values
    }
}
