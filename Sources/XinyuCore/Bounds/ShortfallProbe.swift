import XinyuMIP
import XinyuPack

/// The least number of missing lessons of a group of schools, found without the preference
/// stages (used by capacity advice, which asks "how short would this school be if …?" many times).
public struct ShortfallProbe: Sendable {
    /// Missing lessons of the schedule found, per class: (school, class id, month) → missing.
    public var missing: [ClassMonth: Int]
    /// Missing lessons of the schedule found (sum of `missing`).
    public var shortfall: Int
    /// A proven lower bound on the missing lessons of any schedule.
    public var bound: Int
    /// The lessons of the schedule found.
    public var lessons: [Lesson]
    /// Whether the shortfall is proven least (`shortfall == bound`).
    public var proven: Bool { shortfall == bound }

    /// Missing lessons of one school's classes.
    public func shortfall(school: String) -> Int {
        missing.reduce(0) { $0 + ($1.key.school == school ? $1.value : 0) }
    }
}

/// A class in a calendar month.
public struct ClassMonth: Sendable, Hashable, Comparable, Codable {
    public var school: String
    public var classID: String
    public var month: String
    public init(school: String, classID: String, month: String) {
        self.school = school
        self.classID = classID
        self.month = month
    }
    public static func < (a: ClassMonth, b: ClassMonth) -> Bool {
        (a.school, a.classID, a.month) < (b.school, b.classID, b.month)
    }
}

/// Fewest missing lessons of `inst`: rhythm plan, term model with teachers fixed, counting bound,
/// and, only when they disagree, the full term model (teachers free) warm-started — the same
/// stages as `Planner` up to its exactness step, without the preference stages.
/// With a `goal`, the search stops as soon as a schedule missing at most `goal` lessons is found,
/// and returns at once (no schedule, shortfall = all required lessons) when counting proves that
/// every schedule misses more than `goal`.
public func probeShortfall(_ inst: Instance, solver: MIPSolver, timeLimit: Double?, goal: Int? = nil) -> ShortfallProbe {
    let clock = Clock()
    let counting = shortfallLowerBound(inst)
    if let goal, counting > goal {
        return ShortfallProbe(missing: [:], shortfall: inst.required, bound: counting, lessons: [])
    }
    func remaining(_ share: Double) -> Double? {
        guard let limit = timeLimit else { return nil }
        return max(0.05, (limit - clock.seconds) * share)
    }
    let least = leastShortfall(inst, solver: solver, counting: counting, goal: goal, remaining: remaining, stop: nil,
                               verbose: false) { _, model, share, search in
        var o = search
        o.timeLimit = remaining(share)
        return solver.solve(model, options: o)
    }
    let best = least.placements
    let shortfall = least.shortfall
    let bound = least.bound
    return ShortfallProbe(missing: missingByClassMonth(inst, best), shortfall: shortfall, bound: bound,
                          lessons: inst.lessons(best).sorted())
}

/// Missing lessons per class-month of a set of placements (only class-months that miss some).
func missingByClassMonth(_ inst: Instance, _ placements: [Placement]) -> [ClassMonth: Int] {
    var count: [[Int]: Int] = [:]
    for p in placements { count[[p.classIndex, inst.days[inst.classes[p.classIndex].candidates[p.candidate].day].month], default: 0] += 1 }
    var out: [ClassMonth: Int] = [:]
    for (ci, c) in inst.classes.enumerated() {
        for (mi, minimum) in c.minimum.enumerated() {
            let miss = max(0, (minimum ?? 0) - count[[ci, mi], default: 0])
            if miss > 0 { out[ClassMonth(school: c.school, classID: c.id, month: inst.months[mi])] = miss }
        }
    }
    return out
}

/// The lessons each class misses whatever the staffing: the class alone, with an unlimited
/// stand-in psychology teacher of its stage free at every displaceable or free period of every
/// lesson day (so only the calendar, the timetable and `max_per_week` limit it). Solved exactly
/// per class; the result is (school, class, month) → lessons missed, and the most lessons the
/// class can get in that month alone. Nil when a class could not be solved to optimality.
public func calendarBound(_ inst: Instance, solver: MIPSolver) -> (missing: [ClassMonth: Int], most: [ClassMonth: Int])? {
    var missing: [ClassMonth: Int] = [:]
    var most: [ClassMonth: Int] = [:]
    for ci in inst.classes.indices {
        var one = inst.relaxedClass(ci)
        one.classes[0].candidates = one.classes[0].candidates.map { cand in
            var k = cand
            k.options = [Instance.Option(teacher: 0, requires: [])]
            return k
        }
        // Most lessons per month alone: maximise each month separately (no minimum elsewhere).
        let c = one.classes[0]
        let tm = TermModel(one, TermModelSpec(fixedTeacher: nil, preferences: false, preferredSlot: nil,
                                              shortfallWeight: 1, shortfallCap: nil), name: "calendar_c\(ci)")
        let r = solver.solve(tm.model, options: SolveOptions())
        guard r.status == .optimal else { return nil }
        let found = tm.placements(r.values)
        for (key, miss) in missingByClassMonth(one, found) { missing[key] = miss }
        for (mi, minimum) in c.minimum.enumerated() where minimum != nil {
            // Raise this month's minimum to every candidate of the month: what is missed tells the most possible.
            var alone = one
            let candidatesInMonth = c.candidates.filter { one.days[$0.day].month == mi }.count
            alone.classes[0].minimum = c.minimum.indices.map { $0 == mi ? candidatesInMonth : nil }
            let key = ClassMonth(school: c.school, classID: c.id, month: one.months[mi])
            guard missing[key] != nil else { continue }
            let t2 = TermModel(alone, TermModelSpec(fixedTeacher: nil, preferences: false, preferredSlot: nil,
                                                    shortfallWeight: 1, shortfallCap: nil), name: "calendar_m")
            let r2 = solver.solve(t2.model, options: SolveOptions())
            guard r2.status == .optimal else { return nil }
            most[key] = t2.placements(r2.values).filter { alone.days[alone.classes[0].candidates[$0.candidate].day].month == mi }.count
        }
    }
    return (missing, most)
}

/// What the calendar allows a class in a month if the listed exam days were ordinary lesson
/// days: used to suggest moving an exam week. A copy of `district` with those days' `exam`
/// entries removed.
public func districtWithoutExams(_ district: District, month: String) -> District {
    var d = district
    d.calendar = d.calendar.filter { !($0.kind == .exam && $0.date.monthKey == month) }
    return d
}
