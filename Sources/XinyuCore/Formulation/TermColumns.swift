import XinyuMIP
import XinyuPack

/// The x columns of a term model, grouped once by what the families count over. Keys are
/// integers (the limits' keys are `LessonRules.key`'s, the others documented beside them);
/// families sort them before making rows.
struct TermColumns {
    /// The rules whose limits the groups follow (the greedy start counts the same keys).
    let rules: LessonRules
    let nT: Int, nM: Int
    var nD: Int { rules.nD }
    var nW: Int { rules.nW }
    /// Periods per day plus one, so that (day, period) keys never collide.
    var P: Int { rules.P }
    var xs: [TermModel.XVar] = []
    /// Each limit's key → the x columns that use it, by `LessonRules.Limit.rawValue`.
    private(set) var byLimit: [[Int: [Int]]] = LessonRules.Limit.allCases.map { _ in [:] }
    var byClassMonth: [Int: [Int]] = [:]   // c * nM + m
    var byClassTeacherWeek: [Int: [Int]] = [:]  // (c * nT + t) * nW + w

    init(_ inst: Instance) {
        rules = LessonRules(inst)
        nT = inst.teachers.count
        nM = inst.months.count
    }

    func slotKey(_ c: Int, _ d: Int, _ p: Int) -> Int { rules.key(.classSlot, classIndex: c, day: d, period: p, teacher: 0) }

    /// The x columns of each key of `limit`.
    func columns(_ limit: LessonRules.Limit) -> [Int: [Int]] { byLimit[limit.rawValue] }
    /// (class, day, period) → x columns of every teacher option (`slotKey`).
    var atSlot: [Int: [Int]] { columns(.classSlot) }

    /// Fills the groups from `xs` (after every x column is made).
    mutating func group(_ inst: Instance) {
        for x in xs {
            let cand = inst.classes[x.classIndex].candidates[x.candidate]
            let day = inst.days[cand.day]
            byClassMonth[x.classIndex * nM + day.month, default: []].append(x.column)
            for limit in LessonRules.Limit.allCases {
                let key = rules.key(limit, classIndex: x.classIndex, day: cand.day, period: cand.period, teacher: x.teacher)
                byLimit[limit.rawValue][key, default: []].append(x.column)
            }
            byClassTeacherWeek[(x.classIndex * max(1, nT) + x.teacher) * nW + day.isoWeek, default: []].append(x.column)
        }
    }
}

/// Typed handles of the helper columns, so a warm start sets them by meaning, not by name.
struct HelperColumns {
    var teacherCount = 0
    var nD = 0, P = 1
    /// same_teacher: z column of (class c, teacher t) at key c * teacherCount + t.
    var teacherOfClass: [Int: Int] = [:]
    /// rhythm: u column of each class's candidate regular slot.
    var regularSlot: [Int: [WeeklySlot: Int]] = [:]
    /// rhythm: `on` column of a class's lesson time, at `slotKey(c, d, p)`.
    var onRegularSlot: [Int: Int] = [:]
    /// spread and load balance: an excess column and its `≤` row, where it has coefficient −1.
    var excess: [(column: Int, row: Int)] = []
    /// The shortfall cap's one row over every class (`addShortfallCap`), which a block solve
    /// splits (Search/StageBlocks.swift).
    var shortfallCapRow: Int?

    func slotKey(_ c: Int, _ d: Int, _ p: Int) -> Int { (c * nD + d) * P + p }
}

/// Builds a term model family by family. `TermModel.init` calls every family in order; a row
/// test builds the columns and one family.
struct TermModelBuilder {
    let inst: Instance
    let spec: TermModelSpec
    var m: MIPModel
    /// Weights with up to two decimals become whole numbers; load balance needs the capacity total.
    let scale: Double
    /// Each teacher's weekly capacity and their sum (load balance's fair shares).
    let caps: [Double]
    let capTotal: Double
    var cols: TermColumns
    /// Lessons required of class c in month m within this model: minimum − credit (nil: none).
    let required: [[Int?]]
    var shortfall: [[Int?]] = []
    var helpers = HelperColumns()

    init(_ inst: Instance, _ spec: TermModelSpec, name: String) {
        self.inst = inst
        self.spec = spec
        m = MIPModel(name: name)
        caps = inst.teachers.indices.map(inst.weeklyCapacity)
        capTotal = caps.reduce(0, +)
        scale = spec.preferences ? 100 * (Self.balances(inst, spec, capTotal) ? capTotal : 1) : 1
        cols = TermColumns(inst)
        helpers.teacherCount = cols.nT
        helpers.nD = cols.nD
        helpers.P = cols.P
        required = inst.classes.enumerated().map { ci, c in
            c.minimum.enumerated().map { mi, minimum in
                minimum.map { max(0, $0 - (spec.credit?[ci][mi] ?? 0)) }
            }
        }
    }

    /// Load balance is in the objective only with preferences, a weight, and teachers to share.
    static func balances(_ inst: Instance, _ spec: TermModelSpec, _ capTotal: Double) -> Bool {
        spec.preferences && inst.preferences.loadBalance > 0 && inst.teachers.count > 1 && capTotal > 0
    }

    func cost(_ v: Double) -> Double { (v * scale).rounded() }
    func ones(_ cols: [Int]) -> [(Int, Double)] { cols.map { ($0, 1.0) } }

    /// Adds a `≤` row whose last term is an excess column, and remembers the pair.
    mutating func addExcessRow(_ name: String, _ terms: [(Int, Double)], excess: Int, upper: Double) {
        helpers.excess.append((excess, m.constraintCount))
        m.addConstraint(name, terms + [(excess, -1)], upper: upper)
    }

    /// Decision variables: x[c, k, t] = class c has its lesson at candidate k, taught by t, for
    /// each option the spec's scope admits (`LessonScope`, shared with the greedy start).
    mutating func addLessonColumns() {
        let w = inst.preferences
        let scope = spec.scope
        for (ci, c) in inst.classes.enumerated() {
            for (k, cand) in c.candidates.enumerated() {
                for (oi, o) in cand.options.enumerated() {
                    let here = Placement(classIndex: ci, candidate: k, teacher: o.teacher)
                    guard scope.admits(here, day: cand.day) else { continue }
                    let mustStay = spec.fixedPlacements.contains(here)
                    var c = 0.0
                    if spec.preferences {
                        c += w.displacement * cand.cost
                        if let slots = spec.preferredSlot, slots[ci] != WeeklySlot(inst.days[cand.day], cand.period) { c += w.rhythm }
                    }
                    if spec.gainObjective { c -= spec.gain[here] ?? 0 }
                    let col = m.addVariable("x_c\(ci)_d\(cand.day)_p\(cand.period)_t\(o.teacher)", lower: mustStay ? 1 : 0,
                                            upper: 1, kind: .binary, objective: cost(c))
                    cols.xs.append(TermModel.XVar(classIndex: ci, candidate: k, option: oi, teacher: o.teacher, column: col))
                }
            }
        }
    }

    /// Shortfall of class c in month m (never more than what is required).
    mutating func addShortfallColumns() {
        shortfall = required.enumerated().map { ci, row in
            row.enumerated().map { mi, need in
                guard let need, need > 0 else { return nil }
                let upper = min(need, spec.shortfallUpper?[ci][mi] ?? need)
                return m.addVariable("s_c\(ci)_m\(mi)", lower: 0, upper: Double(upper), kind: .integer,
                                     objective: cost(spec.shortfallWeight))
            }
        }
    }

    mutating func groupColumns() { cols.group(inst) }
}
