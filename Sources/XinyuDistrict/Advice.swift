// Capacity and hiring advice, found by optimisation: for a school that misses lessons, the fewest
// new teachers at the district's hiring loads ([staffing]) that bring it down to what any staffing
// can reach; raising existing teachers within those loads instead; and for the class-months the
// calendar forces short, the smallest month_minimum or moving the exams. Each option is checked by
// a full solve of the school's group with the option applied (its `short_after`).

import XinyuCore
import XinyuMIP
import XinyuPack

/// Class-months the calendar forces short, per month, and what would fix them.
public struct CalendarFix: Sendable, Hashable, Codable {
    public var month: String
    public var classes: Int
    /// Lessons these class-months miss whatever the staffing.
    public var missing: Int
    public var required: Int
    /// The fewest lessons any of these classes can get in the month (the month_minimum that fixes them).
    public var most: Int
    /// Exam days of the month (calendar.csv `exam`), if any.
    public var examDays: [String]
    /// Whether making those exam days ordinary lesson days (moving the exams) would fix every one.
    public var examMoveFixes: Bool
}

/// The advice for one school.
public struct Advice: Sendable, Hashable, Codable {
    public var school: String
    /// Lessons the school misses in the district run.
    public var shortfall: Int
    /// Lessons it misses whatever the staffing (each class alone with an unlimited stand-in teacher).
    public var calendarBound: Int
    /// Lessons the school misses with one new teacher per class of each short stage at the hiring
    /// load (the target of the search: what staffing at these loads can reach).
    public var schoolTarget: Int
    /// The options, option 1 recommended.
    public var options: [AdviceOption]
    public var fixes: [CalendarFix]
    /// Existing teachers whose raise within the caps would not help (their timetable, daily limit or same_teacher block it).
    public var unhelpfulRaises: [String]
}

/// How hard to try.
public struct AdviceOptions: Sendable {
    /// Wall-clock limit of each probe solve, seconds.
    public var probeTimeLimit: Double = 10
    /// The options of the full solves that give each option's `short_after` (those of the district run).
    public var plan = PlanOptions()
    public init(probeTimeLimit: Double = 10) { self.probeTimeLimit = probeTimeLimit }
}

/// What the advice search shares between its steps.
struct AdviceSearch {
    let district: District
    let school: School
    let group: [School]
    let solver: MIPSolver
    let options: AdviceOptions

    /// The least shortfall of the school's group in `d` (the probe: no preference stages).
    func probe(_ d: District, goal: Int?) -> ShortfallProbe {
        let g = group.compactMap { s in d.school(s.id) }
        return probeShortfall(Instance(district: d, schools: g).withLectures(g).0, solver: solver,
                              timeLimit: options.probeTimeLimit, goal: goal)
    }

    /// Lessons the school misses in a full solve of its group (as `xinyu district` would solve it).
    func shortAfter(_ actions: [AdviceAction]) -> Int {
        var plan = options.plan
        plan.log = nil
        let d = applyAdvice(actions, school: school.id, to: district)
        let r = solveDistrict(d, only: [school.id], jobs: 1, options: plan, solver: solver)
        return r.months.filter { $0.school == school.id }.reduce(0) { $0 + max(0, $1.required - $1.scheduled) }
    }

    /// The hiring load of a role in this school: the district's caps, never above a day's or a week's periods.
    func caps(fulltime: Bool) -> (week: Int, day: Int) {
        district.staffing.caps(fulltime: fulltime, periodsPerDay: school.periodsPerDay, daysPerWeek: school.daysPerWeek)
    }

    func hire(_ stage: Stage, count: Int) -> AdviceAction {
        let full = !school.teachers.contains { $0.psych == .full && $0.stages.contains(stage) }
        let c = caps(fulltime: full)
        var a = AdviceAction(kind: full ? .hireFull : .hirePart)
        a.stage = stage.rawValue
        a.count = count
        a.maxPerWeek = c.week
        a.maxPerDay = c.day
        return a
    }
}

/// Computes the advice for school `schoolID`, whose class-months `short` (missing lessons) the
/// district run left short. Deterministic for a given pack (each probe is bounded in time).
public func advise(_ schoolID: String, district: District, short: [ClassMonth: Int], solver: MIPSolver,
                   options: AdviceOptions = AdviceOptions()) -> Advice {
    guard let school = district.school(schoolID) else {
        return Advice(school: schoolID, shortfall: 0, calendarBound: 0, schoolTarget: 0, options: [], fixes: [], unhelpfulRaises: [])
    }
    let group = schoolGroups(district).first { $0.contains { $0.id == schoolID } } ?? [school]
    let search = AdviceSearch(district: district, school: school, group: group, solver: solver, options: options)
    let cal = calendarBound(Instance(district: district, schools: [school]).withLectures([school]).0, solver: solver) ?? (missing: [:], most: [:])
    let calTotal = cal.missing.values.reduce(0, +)
    let stageOf = Dictionary(school.classes.map { ($0.id, $0.stage) }, uniquingKeysWith: { a, _ in a })
    let stages = Set(short.compactMap { cm, miss in miss > (cal.missing[cm] ?? 0) ? stageOf[cm.classID] : nil }).sorted()
    var found: [[AdviceAction]] = []
    var schoolTarget = calTotal
    var unhelpful: [String] = []
    var hires: [AdviceAction] = []
    if !stages.isEmpty {
        let h = leastHires(search, stages: stages, calendarBound: calTotal)
        hires = h.actions
        schoolTarget = h.schoolTarget
        found.append(hires)
        let r = leastRaises(search, stages: stages, current: short.values.reduce(0, +))
        if !r.actions.isEmpty { found.append(r.actions) }
        unhelpful = r.unhelpful
    }
    let fixes = calendarFixes(search, cal: cal)
    if !fixes.isEmpty {
        found.append(hires + fixes.map { f in
            var a = AdviceAction(kind: .monthMinimum)
            a.month = f.month
            a.value = String(f.most)
            return a
        })
        let moves = fixes.filter { $0.examMoveFixes }
        if !moves.isEmpty {
            found.append(hires + moves.map { f in
                var a = AdviceAction(kind: .moveExams)
                a.month = f.month
                a.value = "\(f.examDays.first ?? "")..\(f.examDays.last ?? "")"
                return a
            })
        }
    }
    let list = found.enumerated().map { i, actions in
        AdviceOption(number: i + 1, actions: actions, shortAfter: search.shortAfter(actions))
    }
    return Advice(school: schoolID, shortfall: short.values.reduce(0, +), calendarBound: calTotal, schoolTarget: schoolTarget,
                  options: list, fixes: fixes, unhelpfulRaises: unhelpful)
}

/// The fewest new teachers per short stage at the hiring load. The target is what staffing can
/// reach: the school's calendar-bound lessons (no staffing does better), else — when that is out
/// of reach — the group's shortfall with one new teacher per class of each short stage (more cannot
/// help: a class has one lesson at a time and then its own teacher). The counts double (1, 2, 4 …,
/// all stages together, so the models stay small) until the target is reached; then, stage by
/// stage, binary search for the least count that still reaches it, stages already decided keeping
/// theirs. Each step is a probe.
func leastHires(_ s: AdviceSearch, stages: [Stage], calendarBound: Int) -> (actions: [AdviceAction], schoolTarget: Int) {
    let most = Dictionary(uniqueKeysWithValues: stages.map { st in (st, max(1, s.school.classes.filter { $0.stage == st }.count)) })
    let single = s.group.count == 1
    func district(_ c: [Stage: Int]) -> District {
        applyAdvice(stages.map { s.hire($0, count: c[$0] ?? 0) }, school: s.school.id, to: s.district)
    }
    var scale = 1
    var counts: [Stage: Int] = [:]
    var top: ShortfallProbe
    // Every probe by its counts: the binary search reuses the doubling's probes.
    var history: [[Stage: Int]: ShortfallProbe] = [:]
    while true {
        counts = most.mapValues { min($0, scale) }
        // A single school cannot miss fewer than its calendar-bound lessons: stop there when reached.
        top = s.probe(district(counts), goal: single ? calendarBound : nil)
        history[counts] = top
        // (A probe refuted by counting lists no missing lessons: compare its total when single.)
        let reached = (single ? top.shortfall : top.shortfall(school: s.school.id)) <= calendarBound
        if reached || counts == most { break }
        scale *= 2
    }
    let target = top.shortfall
    var actions: [AdviceAction] = []
    for st in stages {
        let hi = counts[st] ?? 1
        func with(_ n: Int) -> [Stage: Int] { var c = counts; c[st] = n; return c }
        // At `hi` the state is the one already shown to reach the target (the last doubling
        // probe, or the previous stage's least count with this stage at `hi`).
        let n = leastTrue(1, hi) { n in
            if n == hi { return true }
            let p = history[with(n)] ?? s.probe(district(with(n)), goal: target)
            history[with(n)] = p
            return p.shortfall <= target
        } ?? hi
        var a = s.hire(st, count: n)
        a.proven = n == 1 || (history[with(n - 1)].map { $0.bound > target } ?? false)
        counts[st] = n
        actions.append(a)
    }
    return (actions, top.shortfall(school: s.school.id))
}

/// Raising the school's psychology teachers of the short stages within the caps of their role
/// instead of hiring: all raised to the caps first; if that helps, each teacher in turn (id order)
/// to the least weekly limit that keeps what all-at-the-caps reached.
func leastRaises(_ s: AdviceSearch, stages: [Stage], current: Int) -> (actions: [AdviceAction], unhelpful: [String]) {
    var raised: [AdviceAction] = []
    for t in s.school.psychTeachers where stages.contains(where: t.canTeach) {
        guard let from = t.maxPerWeek else { continue }
        let c = s.caps(fulltime: t.psych == .full)
        guard from < c.week else { continue }
        var a = AdviceAction(kind: .raise)
        a.stage = stages.first(where: t.canTeach)?.rawValue ?? ""
        a.teacher = t.id
        a.from = from
        a.maxPerWeek = c.week
        // The daily limit is set to the role's daily cap, so no advised load is above the caps.
        a.maxPerDay = c.day
        raised.append(a)
    }
    guard !raised.isEmpty else { return ([], []) }
    let all = s.probe(applyAdvice(raised, school: s.school.id, to: s.district), goal: nil)
    guard all.shortfall(school: s.school.id) < current else { return ([], raised.map(\.teacher)) }
    let target = all.shortfall
    for i in raised.indices {
        var seen: [Int: ShortfallProbe] = [:]
        let from = raised[i].from ?? 0, cap = raised[i].maxPerWeek ?? from
        let least = leastTrue(from, cap) { v in
            if v == cap { return true }
            var r = raised
            r[i].maxPerWeek = v
            let p = s.probe(applyAdvice(r, school: s.school.id, to: s.district), goal: target)
            seen[v] = p
            return p.shortfall <= target
        } ?? cap
        raised[i].maxPerWeek = least
        raised[i].proven = seen[least - 1].map { $0.bound > target } ?? false
    }
    // Proven only when one teacher is raised: with several, the split between them is not searched.
    let kept = raised.filter { ($0.maxPerWeek ?? 0) > ($0.from ?? 0) }
    return (kept.map { a in var b = a; if kept.count > 1 { b.proven = false }; return b }, [])
}

/// Calendar-bound months: the month_minimum that fixes them, and whether moving the exams would.
func calendarFixes(_ s: AdviceSearch, cal: (missing: [ClassMonth: Int], most: [ClassMonth: Int])) -> [CalendarFix] {
    var fixes: [CalendarFix] = []
    for month in Set(cal.missing.keys.map(\.month)).sorted() {
        let keys = cal.missing.keys.filter { $0.month == month }
        let exams = s.district.calendar.filter { $0.kind == .exam && $0.date.monthKey == month }.map(\.date.iso).sorted()
        var moveFixes = false
        if !exams.isEmpty, let moved = calendarBound(Instance(district: districtWithoutExams(s.district, month: month), schools: [s.school])
            .withLectures([s.school]).0, solver: s.solver) {
            moveFixes = !moved.missing.keys.contains { $0.month == month }
        }
        fixes.append(CalendarFix(month: month, classes: keys.count, missing: keys.reduce(0) { $0 + (cal.missing[$1] ?? 0) },
                                 required: s.district.policy.minimum(forMonth: month),
                                 most: keys.map { cal.most[$0] ?? 0 }.min() ?? 0, examDays: exams, examMoveFixes: moveFixes))
    }
    return fixes
}

/// The least v in lo...hi with test(v) true, assuming test is monotone (false … false true … true);
/// nil when test(hi) is false. Binary search: about log2(hi − lo) calls.
func leastTrue(_ lo: Int, _ hi: Int, _ test: (Int) -> Bool) -> Int? {
    guard lo <= hi, test(hi) else { return nil }
    var lo = lo, hi = hi
    while lo < hi {
        let mid = (lo + hi) / 2
        if test(mid) { hi = mid } else { lo = mid + 1 }
    }
    return lo
}
