// The searches behind capacity advice: the fewest hires per stage and the least raises. Every
// question is asked first of the cheap bounds (counting and the term-wide flow: no MIP, exact
// arithmetic), which often prove "fewer cannot reach it" outright; only what they leave open goes
// to a probe, and every probe is bounded by work (simplex iterations), never by the clock, and
// asked a yes/no question with a goal (it stops at the first schedule reaching the goal, or as
// soon as a proven bound shows the goal out of reach). So the same pack gives the same advice on
// a quiet or a loaded machine.

import Foundation
import XinyuCore
import XinyuMIP
import XinyuPack

/// How hard to try.
public struct AdviceOptions: Sendable {
    /// Work limits of each probe (simplex iterations per stage): what bounds the search.
    public var budget = ProbeBudget()
    /// Work limits of the second try of a probe the first left undecided (work limit reached, the
    /// goal neither reached nor refuted): a full solve's (nil: no second try).
    public var deepBudget: ProbeBudget? = .fullSolve
    /// A safety net only: wall-clock seconds of one probe. A probe it stops makes the advice of
    /// its school "not proven" (and possibly machine-dependent); with the default work limits it
    /// is not reached on the sample or the 60-school district.
    public var probeTimeLimit: Double = defaultProbeTimeLimit
    /// The options of the full solves that give each option's `short_after` (those of the district run).
    public var plan = PlanOptions()
    public init(probeTimeLimit: Double = defaultProbeTimeLimit) { self.probeTimeLimit = probeTimeLimit }
}

/// The safety net of one advice probe, seconds of wall clock (`--advice-time-limit`).
public let defaultProbeTimeLimit = 300.0

/// What one school's search did: counted for the log (--verbose) and docs/DISTRICT.md.
final class ProbeTally {
    var bounds = 0
    var byBounds = 0
    var solved = 0
    var iterations = 0
    var timedOut = false
    var seconds = 0.0

    func add(_ p: ShortfallProbe, seconds s: Double) {
        if p.decidedByBounds { byBounds += 1 } else { solved += 1 }
        iterations += p.iterations
        timedOut = timedOut || p.timedOut
        seconds += s
    }

    var line: String {
        "\(bounds) bound checks, \(solved + byBounds) probes (\(byBounds) decided by bounds, \(solved) solved, "
            + "\(iterations) simplex iterations, \(String(format: "%.2f", seconds)) s)" + (timedOut ? ", safety net hit" : "")
    }
}

/// The instances one school's search has built: the group's without changes (before pins and
/// lectures) and the last one asked for. One search runs on one thread.
final class BuiltInstances {
    var base: Instance?
    var last: (actions: [AdviceAction], instance: Instance)?
}

/// What the advice search shares between its steps. `district` holds only the school's group:
/// every question of the search is about that group (hires join the school, a raised teacher is
/// listed only by schools of the group), and on a province a copy of every school per
/// hypothetical hire was most of the search's bookkeeping; `usedIDs`, every teacher id of the
/// whole district, keeps the ids of new hires what they are in the whole district.
struct AdviceSearch {
    let district: District
    let school: School
    let group: [School]
    let usedIDs: Set<String>
    let solver: MIPSolver
    let options: AdviceOptions
    let tally = ProbeTally()
    let built = BuiltInstances()

    /// The group's district with `actions` applied to the school.
    func applied(_ actions: [AdviceAction]) -> District {
        applyAdvice(actions, school: school.id, to: district, usedIDs: usedIDs)
    }

    /// The school's group with `actions` applied, as the district run builds it (pins, then
    /// lectures). Hires and raises change the group's instance, built once, in place of a new
    /// build (`withNewTeachers`, `withTeacherLimits`: the same instance); the last one is kept,
    /// as a bound check and a probe often ask about the same actions in turn.
    func instance(_ actions: [AdviceAction]) -> Instance {
        if let last = built.last, last.actions == actions { return last.instance }
        let d = applied(actions)
        let g = group.compactMap { s in d.school(s.id) }
        let inst = (staffed(actions, d, g) ?? Instance(district: d, schools: g)).withPins(g).0.withLectures(g).0
        built.last = (actions, inst)
        return inst
    }

    /// The group's instance before pins and lectures with only hires and raises applied, from
    /// the one built without them; nil for other actions (built anew).
    private func staffed(_ actions: [AdviceAction], _ d: District, _ g: [School]) -> Instance? {
        guard actions.allSatisfy({ [.hireFull, .hirePart, .raise].contains($0.kind) }) else { return nil }
        let base = built.base ?? Instance(district: district, schools: group)
        built.base = base
        var inst = base
        for a in actions where a.kind == .raise {
            inst = inst.withTeacherLimits(a.teacher, maxPerWeek: a.maxPerWeek, maxPerDay: a.maxPerDay)
        }
        let added = Array((d.school(school.id)?.teachers ?? []).dropFirst(school.teachers.count))
        return inst.withNewTeachers(added, school: school.id, group: g, calendar: d.calendar)
    }

    /// A proven lower bound on the group's missing lessons with `actions`: counting and flow, no MIP.
    func lowerBound(_ actions: [AdviceAction]) -> Int {
        tally.bounds += 1
        return shortfallBound(instance(actions))
    }

    /// A probe of the group in `d` (no preference stages), within the work budget; one left
    /// undecided by its work limit is asked again with a full solve's limits. Measured on the
    /// sample: S05 and S10 were advised 3 and 2 full-time hires from probes that found 1 lesson
    /// short with 2 and 1; a full solve with 2 and 1 misses none.
    func probe(_ actions: [AdviceAction], _ question: ProbeQuestion, _ what: String) -> ShortfallProbe {
        let first = probe(actions, question, what, options.budget)
        guard let deep = options.deepBudget, first.workLimitReached, !first.timedOut, undecided(first, question) else { return first }
        return probe(actions, question, what + " (deep)", deep)
    }

    /// Whether a probe neither reached its goal nor proved it out of reach.
    func undecided(_ p: ShortfallProbe, _ question: ProbeQuestion) -> Bool {
        switch question {
        case .reach(let goal): return p.shortfall > goal && p.bound <= goal
        case .least(let enough): return p.shortfall > max(enough, p.bound)
        }
    }

    private func probe(_ actions: [AdviceAction], _ question: ProbeQuestion, _ what: String, _ work: ProbeBudget) -> ShortfallProbe {
        var budget = work
        budget.timeLimit = options.probeTimeLimit
        let start = Date()
        let p = probeShortfall(instance(actions), solver: solver, budget: budget, question: question)
        let seconds = Date().timeIntervalSince(start)
        tally.add(p, seconds: seconds)
        options.plan.log?("\(school.id) advice probe \(what) \(question): found \(p.shortfall), bound \(p.bound), "
            + "\(p.iterations) iterations\(p.workLimitReached ? " (work limit)" : "")\(p.timedOut ? " (safety net)" : ""), "
            + String(format: "%.2f s", seconds))
        return p
    }

    /// Lessons the school misses in a full solve of its group (as `xinyu district` would solve
    /// it; the global bound is skipped, as it changes no lesson).
    func shortAfter(_ actions: [AdviceAction]) -> Int {
        var plan = options.plan
        plan.log = nil
        plan.globalBound = false
        let d = applied(actions)
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

/// The fewest new teachers per short stage at the hiring load. The goal is what staffing can
/// reach: the school's calendar-bound lessons (no staffing does better), and no less than the
/// bounds allow with one new teacher per class of each short stage (`most`: more cannot help, a
/// class has one lesson at a time and then its own teacher).
///
/// 1. Bounds first: per stage, the least count whose counting/flow bound (the other stages at
///    `most`) does not exceed the goal, by bisection — fewer is proven not to reach it.
/// 2. A probe at those counts; while it misses the goal, the counts above the bounds double
///    (+1, +2, +4 … each stage, capped at `most`). If even `most` misses it, the target becomes the
///    least shortfall found at `most` (and step 1 is redone for it).
/// 3. Stage by stage, bisection between the bound's count and the count that reached the target,
///    stages already decided keeping theirs.
func leastHires(_ s: AdviceSearch, stages: [Stage], calendarBound: Int) -> (actions: [AdviceAction], schoolTarget: Int) {
    let most = Dictionary(uniqueKeysWithValues: stages.map { st in (st, max(1, s.school.classes.filter { $0.stage == st }.count)) })
    func hired(_ c: [Stage: Int]) -> [AdviceAction] { stages.map { s.hire($0, count: c[$0] ?? 0) } }
    var bounds: [[Stage: Int]: Int] = [:]
    func bound(_ c: [Stage: Int]) -> Int {
        if let b = bounds[c] { return b }
        let b = s.lowerBound(hired(c))
        bounds[c] = b
        return b
    }
    var asked: [[Stage: Int]: [Int: ShortfallProbe]] = [:]
    func reach(_ c: [Stage: Int], _ goal: Int) -> ShortfallProbe {
        if let p = asked[c]?[goal] { return p }
        let p = s.probe(hired(c), .reach(goal: goal), describe(c))
        asked[c, default: [:]][goal] = p
        return p
    }
    func leastByBound(_ goal: Int) -> [Stage: Int] {
        Dictionary(uniqueKeysWithValues: stages.map { st in
            (st, leastTrue(1, most[st] ?? 1) { n in var c = most; c[st] = n; return bound(c) <= goal } ?? (most[st] ?? 1))
        })
    }
    var target = max(calendarBound, bound(most))
    var lb = leastByBound(target)
    var counts = lb
    // In a group, the goal counts the other schools too, whose own staffing may keep them short:
    // the school itself at its calendar bound is reached, and the group's total then the target.
    func reached(_ p: ShortfallProbe) -> Bool {
        p.shortfall <= target || (s.group.count > 1 && !p.decidedByBounds && p.shortfall(school: s.school.id) <= calendarBound)
    }
    var top = reach(counts, target)
    var step = 1
    while !reached(top) && counts != most {
        counts = Dictionary(uniqueKeysWithValues: stages.map { st in (st, min(most[st] ?? 1, (lb[st] ?? 1) + step)) })
        step *= 2
        top = reach(counts, target)
    }
    if reached(top) && top.shortfall > target {
        target = top.shortfall
        lb = leastByBound(target)
        asked[counts, default: [:]][target] = top
    } else if top.shortfall > target {
        // Out of reach even at `most`: the target is the least found there.
        top = s.probe(hired(most), .least(enough: target), describe(most))
        target = top.shortfall
        lb = leastByBound(target)
        counts = most
        asked[most, default: [:]][target] = top
    }
    var actions: [AdviceAction] = []
    for st in stages {
        let low = lb[st] ?? 1, hi = counts[st] ?? 1
        func with(_ n: Int) -> [Stage: Int] { var c = counts; c[st] = n; return c }
        // At `hi` the counts are the ones already shown to reach the target (step 2, or the
        // previous stage's least count with this stage at `hi`).
        let n = leastTrue(min(low, hi), hi) { n in n == hi || reach(with(n), target).shortfall <= target } ?? hi
        var a = s.hire(st, count: n)
        // Proven when one fewer is refuted: by the bounds (n is the bounds' least) or by a probe's proven bound.
        a.proven = n == 1 || n == low || (asked[with(n - 1)]?[target].map { $0.bound > target } ?? false)
        counts[st] = n
        actions.append(a)
    }
    if s.tally.timedOut { actions = actions.map { var b = $0; b.proven = false; return b } }
    return (actions, top.shortfall(school: s.school.id))
}

/// `primary×2 junior×1`: the hires of a probe, for the log.
private func describe(_ c: [Stage: Int]) -> String {
    c.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)×\($0.value)" }.joined(separator: " ")
}

/// Raising the school's psychology teachers of the short stages within the caps of their role
/// instead of hiring: all raised to the caps first (a probe for the least shortfall); if that
/// helps, each teacher in turn (id order) to the least weekly limit that keeps what all-at-the-caps
/// reached — bounds first, then bisection by probes from the bounds' least.
func leastRaises(_ s: AdviceSearch, stages: [Stage], current: Int, calendarBound: Int) -> (actions: [AdviceAction], unhelpful: [String]) {
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
    let floor = max(s.group.count == 1 ? calendarBound : 0, s.lowerBound(raised))
    let all = s.probe(raised, .least(enough: floor), "all raised")
    guard all.shortfall(school: s.school.id) < current else { return ([], raised.map(\.teacher)) }
    let target = all.shortfall
    for i in raised.indices {
        let from = raised[i].from ?? 0, cap = raised[i].maxPerWeek ?? from
        func at(_ v: Int) -> [AdviceAction] {
            var r = raised
            r[i].maxPerWeek = v
            return r
        }
        let low = leastTrue(from, cap) { v in v == cap || s.lowerBound(at(v)) <= target } ?? cap
        var seen: [Int: ShortfallProbe] = [:]
        let least = leastTrue(low, cap) { v in
            if v == cap { return true }
            let p = s.probe(at(v), .reach(goal: target), "\(raised[i].teacher) at \(v)")
            seen[v] = p
            return p.shortfall <= target
        } ?? cap
        raised[i].maxPerWeek = least
        raised[i].proven = (least == low && low > from) || (seen[least - 1].map { $0.bound > target } ?? false)
    }
    // Proven only when one teacher is raised: with several, the split between them is not searched.
    let kept = raised.filter { ($0.maxPerWeek ?? 0) > ($0.from ?? 0) }
    let timedOut = s.tally.timedOut
    return (kept.map { a in var b = a; if kept.count > 1 || timedOut { b.proven = false }; return b }, [])
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
