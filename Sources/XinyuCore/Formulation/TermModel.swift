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

    /// The lessons this model may use (its columns); the greedy start for it uses the same.
    var scope: LessonScope {
        LessonScope(fixedTeacher: fixedTeacher, fixedPlacements: fixedPlacements, firstDay: firstDay)
    }
}

/// The term model of an instance: one binary per (class, candidate slot, teacher option), one
/// shortfall per class and month, and, as asked, teacher choice and preference variables.
///
/// This is also the monolithic model that `--write-model` exports for other solvers. Each
/// constraint family is one function of `TermModelBuilder` (TermFamilies.swift,
/// TermPreferences.swift), each with its row test (Tests/XinyuCoreTests/FormulationTests.swift).
struct TermModel {
    struct XVar { var classIndex: Int; var candidate: Int; var option: Int; var teacher: Int; var column: Int }
    var model: MIPModel
    var xs: [XVar]
    /// shortfall column per class and month (nil: no minimum that month).
    var shortfall: [[Int?]]
    /// Lessons each class must have in each month within this model: its minimum less the
    /// credit given outside the model (nil: none required).
    var required: [[Int?]]
    /// The helper columns (teacher choice, rhythm, excess), by what they stand for.
    var helpers: HelperColumns
    /// The model's objective is this multiple of the preference cost, with every coefficient a
    /// whole number and every column with a cost integer (an integral objective).
    var objectiveScale: Double
    let spec: TermModelSpec
    var totalShortfallColumns: [Int] { shortfall.flatMap { $0.compactMap { $0 } } }

    /// Builds every family in a fixed order (the order of columns and rows is part of the
    /// output: the solver's path, and so the schedule, depends on it).
    init(_ inst: Instance, _ spec: TermModelSpec, name: String) {
        var b = TermModelBuilder(inst, spec, name: name)
        b.addLessonColumns()
        b.addShortfallColumns()
        b.groupColumns()
        b.addMonthlyMinimum()
        b.addClassOncePerSlot()
        b.addClassWeekCap()
        b.addTeacherOnePlace()
        b.addTeacherDayCap()
        b.addTeacherWeekCap()
        b.addReplacedRows()
        b.addSameTeacher()
        b.addKeepFloor()
        b.addShortfallCap()
        if spec.preferences {
            b.addRhythm()
            b.addSpread()
            b.addLoadBalance()
        }
        self.init(built: b)
    }

    init(built b: TermModelBuilder) {
        self.model = b.m
        self.objectiveScale = b.scale
        self.spec = b.spec
        self.xs = b.cols.xs
        self.shortfall = b.shortfall
        self.required = b.required
        self.helpers = b.helpers
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
                if let col, let need = required[ci][mi] { values[col] = Double(max(0, need - count[ci][mi])) }
            }
        }
        // Helper columns (z, u, on, v, e) follow from x: set each to the least value its rows allow.
        for x in xs where values[x.column] > 0.5 {
            if let z = helpers.teacherOfClass[x.classIndex * helpers.teacherCount + x.teacher] { values[z] = 1 }
        }
        setRhythmHelpers(inst, placements, &values)
        for e in helpers.excess {
            // v and e appear with coefficient -1 in a `≤` row: raise them until the row holds.
            let c = model.constraints[e.row]
            var s = 0.0
            for (k, j) in c.variables.enumerated() where j != e.column { s += c.coefficients[k] * values[j] }
            values[e.column] = max(0, s - c.upper)
        }
        return values
    }

    /// rhythm (model-chosen slot): the most frequent slot of each class, its lessons on it.
    private func setRhythmHelpers(_ inst: Instance, _ placements: [Placement], _ values: inout [Double]) {
        var bySlot: [Int: [WeeklySlot: [Placement]]] = [:]
        for p in placements {
            let cand = inst.classes[p.classIndex].candidates[p.candidate]
            bySlot[p.classIndex, default: [:]][WeeklySlot(inst.days[cand.day], cand.period), default: []].append(p)
        }
        for (ci, slots) in bySlot {
            guard let top = slots.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
                  let u = helpers.regularSlot[ci]?[top.key] else { continue }
            values[u] = 1
            for p in top.value {
                let cand = inst.classes[ci].candidates[p.candidate]
                if let on = helpers.onRegularSlot[helpers.slotKey(ci, cand.day, cand.period)] { values[on] = 1 }
            }
        }
    }
}
