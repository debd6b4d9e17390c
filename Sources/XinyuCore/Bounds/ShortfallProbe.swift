import XinyuMIP
import XinyuPack

/// How much work one probe may do. Every stage is bounded by simplex iterations, so a probe
/// ends the same way on a quiet or a loaded machine (same input, same advice, byte for byte);
/// the wall-clock `timeLimit` is only a safety net, and a probe it stops says so (`timedOut`).
public struct ProbeBudget: Sendable, Hashable {
    /// Simplex iterations of the rhythm plan (stage 1).
    public var rhythmIterations: Int
    /// Simplex iterations of the search with each class's teacher fixed (stage 2).
    public var fixedIterations: Int
    /// Simplex iterations of the full model, teachers free (stage 3).
    public var exactIterations: Int
    /// Branch-and-bound nodes of each stage (GLPK's branching heuristic works without simplex
    /// iterations, so iterations alone do not bound a stage's work).
    public var nodes: Int
    /// Safety net, seconds of wall clock for the whole probe (nil: none).
    public var timeLimit: Double?

    public init(rhythmIterations: Int = probeRhythmIterations, fixedIterations: Int = probeFixedIterations,
                exactIterations: Int = probeExactIterations, nodes: Int = probeNodes, timeLimit: Double? = nil) {
        self.nodes = nodes
        self.rhythmIterations = rhythmIterations
        self.fixedIterations = fixedIterations
        self.exactIterations = exactIterations
        self.timeLimit = timeLimit
    }
}

extension ProbeBudget {
    /// The work limits of a full solve's stages (`exactStageIterations`, `exactStageNodes`) for
    /// every stage of a probe: a second try of a probe the defaults left undecided.
    public static let fullSolve = ProbeBudget(rhythmIterations: exactStageIterations, fixedIterations: exactStageIterations,
                                              exactIterations: exactStageIterations, nodes: exactStageNodes)
}

/// The default work limits of a probe's stages (simplex iterations); docs/DISTRICT.md gives the
/// measurements they come from.
public let probeRhythmIterations = 3_000
public let probeFixedIterations = 3_000
public let probeExactIterations = 3_000
public let probeNodes = 200

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
    /// Simplex iterations the probe's solves took (0 when the bounds decided it).
    public var iterations: Int = 0
    /// Whether a stage stopped at its work limit.
    public var workLimitReached = false
    /// Whether the wall-clock safety net stopped a stage (then the result may depend on the machine).
    public var timedOut = false
    /// Whether the cheap bounds (counting, flow) decided the probe without a solve.
    public var decidedByBounds = false
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

/// What a probe is asked.
public enum ProbeQuestion: Sendable, Hashable {
    /// The fewest missing lessons; the search may stop at a schedule missing at most `enough`
    /// (a proven lower bound: nothing better exists).
    case least(enough: Int)
    /// Can a schedule miss at most `goal` lessons? The search stops at the first that does, and
    /// gives up as soon as a proven bound exceeds `goal` (the answer is then a proven no).
    case reach(goal: Int)
}

/// Fewest missing lessons of `inst`: rhythm plan, term model with teachers fixed, counting bound,
/// and, only when they disagree, the full term model (teachers free) warm-started — the same
/// stages as `Planner` up to its exactness step, without the preference stages, each bounded by
/// `budget` (work, not time). With `.reach(goal)` it returns at once (no schedule, shortfall = all
/// required lessons) when the counting or flow bound proves every schedule misses more than `goal`.
public func probeShortfall(_ inst: Instance, solver: MIPSolver, budget: ProbeBudget, question: ProbeQuestion) -> ShortfallProbe {
    let clock = Clock()
    let lower = shortfallLowerBound(inst)
    let goal: Int
    switch question {
    case .least(let enough): goal = enough
    case .reach(let g):
        goal = g
        if lower > g {
            var p = ShortfallProbe(missing: [:], shortfall: inst.required, bound: lower, lessons: [])
            p.decidedByBounds = true
            return p
        }
    }
    func remaining(_ share: Double) -> Double? {
        budget.timeLimit.map { max(0.05, ($0 - clock.seconds) * share) }
    }
    var iterations = 0, workLimit = false, timedOut = false
    func tally(_ r: SolveResult) {
        iterations += r.iterations ?? 0
        workLimit = workLimit || r.termination == .iterationLimit
        timedOut = timedOut || r.termination == .timeLimit
    }
    let least = leastShortfall(inst, solver: solver, counting: lower, goal: goal, exactIterations: budget.exactIterations,
                               rhythm: StageWork(iterations: budget.rhythmIterations, nodes: budget.nodes), remaining: remaining, stop: nil,
                               verbose: false) { label, model, share, search in
        var o = search
        o.timeLimit = remaining(share)
        if label != "exact" { o.iterationLimit = budget.fixedIterations; o.cuts = false }
        o.nodeLimit = budget.nodes
        // A bound above the goal answers "no" at once: no need to search on.
        if case .reach(let g) = question { o.giveUpAbove = Double(g) + 0.5 }
        let r = solver.solve(model, options: o)
        tally(r)
        return r
    }
    tally(least.rhythm.result)
    var p = ShortfallProbe(missing: missingByClassMonth(inst, least.placements), shortfall: least.shortfall, bound: least.bound,
                           lessons: inst.lessons(least.placements).sorted())
    p.iterations = iterations
    p.workLimitReached = workLimit
    p.timedOut = timedOut
    return p
}

/// `probeShortfall` asking for the least shortfall, with only a wall-clock limit on top of the
/// default work limits (tests and tools).
public func probeShortfall(_ inst: Instance, solver: MIPSolver, timeLimit: Double?) -> ShortfallProbe {
    probeShortfall(inst, solver: solver, budget: ProbeBudget(timeLimit: timeLimit), question: .least(enough: 0))
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

/// A proven lower bound on the missing lessons of any schedule of `inst`, without a solve: the
/// larger of the counting and the term-wide flow bounds (what a probe checks before solving).
public func shortfallBound(_ inst: Instance) -> Int {
    shortfallLowerBound(inst)
}
