import Foundation
import XinyuMIP
import XinyuPack
import XinyuVerify

/// How to re-plan a published schedule from a date on.
public struct ReplanOptions: Sendable {
    /// Lessons before this date stay exactly as published.
    public var from: CivilDate
    /// What moving (or dropping) a published lesson costs, against changing only its teacher.
    public var moveWeight: Double = 3
    public var teacherWeight: Double = 1
    public var plan: PlanOptions
    public init(from: CivilDate, plan: PlanOptions) {
        self.from = from
        self.plan = plan
    }
}

/// One change a dean announces: a published lesson moved, given by another teacher, dropped,
/// or a lesson added.
public struct LessonChange: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable { case moved, teacher, removed, added }
    public var school: String
    public var classID: String
    public var kind: Kind
    public var old: Lesson?
    public var new: Lesson?
    public var reason: Text
}

public struct ReplanResult: Sendable {
    public var result: DistrictResult
    public var changes: [LessonChange]
    /// Published lessons from the date on that stay as they were.
    public var unchanged: Int
    /// Published lessons before the date no longer valid under the changed pack (kept as given).
    public var pastInvalid: [Lesson]
}

/// Re-plans `baseline` under the changed `district` from `options.from` on: lessons before the
/// date stay exactly as published; from the date on, lexicographically, (1) the fewest missing
/// lessons, (2) the fewest changes to the published lessons — a moved or dropped lesson costs
/// `moveWeight`, a lesson kept at its time with another teacher `teacherWeight` — (3) the best
/// preferences. Each class keeps its published teacher where it can (same_teacher).
public func replanDistrict(_ district: District, baseline: [Lesson], options: ReplanOptions, jobs: Int,
                           solver: MIPSolver) -> ReplanResult {
    replanGroups(district, baseline: baseline, options: options, jobs: jobs, solver: solver) { d, g throws(Never) in
        Instance(district: d, schools: g)
    }
}

/// A lesson's identity for comparisons: school, class, date, period, teacher.
struct LessonKey: Hashable {
    var school: String, classID: String, date: CivilDate, period: Int, teacher: String
    init(_ l: Lesson) { (school, classID, date, period, teacher) = (l.school, l.classID, l.date, l.period, l.teacher) }
}

/// The published lessons as one group's instance sees them: past lessons that still fit (fixed),
/// past ones that do not (kept as given, their months credited), the worth of keeping each later
/// one where it is, and each class's published teacher.
struct PublishedLessons {
    var fixed = Set<Placement>(), pastInvalid: [Lesson] = [], gain: [Placement: Double] = [:]
    /// Lessons of class c in month m given outside the model (past lessons that no longer fit).
    var credit: [[Int]]
    /// Each class's published teacher: the one who gave most of its lessons.
    var teacherOf: [Int?]

    init(_ inst: Instance, baseline: [Lesson], options: ReplanOptions) {
        // Where each published lesson sits in the instance: (class, day, period) → candidate.
        var candidateAt: [[Int]: Int] = [:]
        for (ci, c) in inst.classes.enumerated() {
            for (k, cand) in c.candidates.enumerated() { candidateAt[[ci, cand.day, cand.period]] = k }
        }
        let dayIndex = Dictionary(uniqueKeysWithValues: inst.days.enumerated().map { ($1.date, $0) })
        let teacherIndex = Dictionary(uniqueKeysWithValues: inst.teachers.enumerated().map { ($1.id, $0) })
        let monthIndex = Dictionary(uniqueKeysWithValues: inst.months.enumerated().map { ($1, $0) })
        credit = inst.classes.map { _ in [Int](repeating: 0, count: inst.months.count) }
        var teacherCount: [[Int]: Int] = [:]
        for l in baseline {
            let ci = inst.classIndex(school: l.school, id: l.classID)
            let k = ci.flatMap { ci in dayIndex[l.date].flatMap { candidateAt[[ci, $0, l.period]] } }
            let t = teacherIndex[l.teacher]
            if let ci, let t { teacherCount[[ci, t], default: 0] += 1 }
            if l.date < options.from {
                if let ci, let k, let t, inst.classes[ci].candidates[k].options.contains(where: { $0.teacher == t }) {
                    fixed.insert(Placement(classIndex: ci, candidate: k, teacher: t))
                } else {
                    pastInvalid.append(l)
                    if let ci, let mi = monthIndex[l.date.monthKey] { credit[ci][mi] += 1 }
                }
            } else if let ci, let k {
                // Keeping the lesson where it is: worth a move; with another teacher, a move less a teacher change.
                for o in inst.classes[ci].candidates[k].options {
                    let p = Placement(classIndex: ci, candidate: k, teacher: o.teacher)
                    gain[p] = o.teacher == t ? options.moveWeight : max(0, options.moveWeight - options.teacherWeight)
                }
            }
        }
        teacherOf = inst.classes.indices.map { ci in
            inst.teachers.indices.filter { teacherCount[[ci, $0]] != nil }
                .max { (teacherCount[[ci, $0]] ?? 0, $1) < (teacherCount[[ci, $1]] ?? 0, $0) }
        }
    }

    /// The term model's spec for the re-plan: published past lessons fixed, days before
    /// `firstDay` closed, months credited, keeping a lesson worth its gain.
    func spec(_ teachers: [Int?]?, firstDay: Int) -> TermModelSpec {
        var s = TermModelSpec(fixedTeacher: teachers, preferences: false, preferredSlot: nil, shortfallWeight: 1, shortfallCap: nil)
        s.fixedPlacements = fixed
        s.firstDay = firstDay
        s.credit = credit
        s.gain = gain
        return s
    }

    /// Missing lessons of `ps`, counting the published lessons given outside the model.
    func missing(_ ps: [Placement], _ inst: Instance) -> Int {
        var count: [[Int]: Int] = [:]
        for p in ps { count[[p.classIndex, inst.days[inst.classes[p.classIndex].candidates[p.candidate].day].month], default: 0] += 1 }
        var total = 0
        for (ci, c) in inst.classes.enumerated() {
            for (mi, minimum) in c.minimum.enumerated() {
                total += max(0, (minimum ?? 0) - credit[ci][mi] - count[[ci, mi], default: 0])
            }
        }
        return total
    }
}

/// Re-plans one group; returns its plan and the published past lessons it could not map.
/// Three stages: fewest missing lessons, then fewest changes to the published ones, then the
/// best preferences keeping that much.
func replanGroup(_ inst: Instance, baseline: [Lesson], options: ReplanOptions, solver: MIPSolver,
                 name: String) -> (GroupPlan, [Lesson]) {
    let clock = Clock()
    let log = options.plan.log ?? { _ in }
    let firstDay = inst.days.firstIndex { $0.date >= options.from } ?? inst.days.count
    let pub = PublishedLessons(inst, baseline: baseline, options: options)
    let (fixed, gain) = (pub.fixed, pub.gain)
    let keepTeachers = inst.policy.sameTeacher && pub.teacherOf.allSatisfy { $0 != nil }
    var stages: [StageLog] = []
    func run(_ label: String, _ tm: TermModel, _ warm: [Placement], _ share: Double) -> SolveResult {
        var o = SolveOptions(timeLimit: options.plan.timeLimit.map { max(0.05, ($0 - clock.seconds) * share) },
                             mipGap: 0, verbose: options.plan.verbose)
        o.warmStart = tm.assignment(inst, warm)
        let r = solver.solve(tm.model, options: o)
        stages.append(StageLog(name: label, variables: tm.model.variableCount, constraints: tm.model.constraintCount,
                               status: r.status, objective: r.objective, bound: r.bound, seconds: r.seconds, reason: r.reason))
        log("\(name) \(label): \(r.status.rawValue), \(tm.model.variableCount) columns, objective \(r.objective.map { fmt($0) } ?? "-")")
        return r
    }
    // The published schedule repaired where it no longer fits, as a first incumbent.
    // (It uses only the lessons the first model may: kept ones, and none before the date.)
    var teachers: [Int?]? = keepTeachers ? pub.teacherOf : nil
    let published = fixed.sorted() + gain.filter { $0.value == options.moveWeight }.keys.sorted()
    let warm = inst.greedySchedule(planned: published, teacherOf: keepTeachers ? pub.teacherOf : [Int?](repeating: nil, count: inst.classes.count),
                                   scope: pub.spec(teachers, firstDay: firstDay).scope)
    // (1) fewest missing lessons: teachers kept, and if lessons are missing, teachers free.
    var feas = TermModel(inst, pub.spec(teachers, firstDay: firstDay), name: "replan_feasibility")
    var r = run("replan-feasibility", feas, fixed.sorted() + warm.filter { !fixed.contains($0) }, 0.3)
    var best = r.hasSolution ? feas.placements(r.values) : fixed.sorted()
    var shortfall = pub.missing(best, inst)
    if shortfall > 0 && teachers != nil {
        teachers = nil
        feas = TermModel(inst, pub.spec(nil, firstDay: firstDay), name: "replan_exact")
        r = run("replan-exact", feas, best, 0.5)
        if r.hasSolution, pub.missing(feas.placements(r.values), inst) < shortfall {
            best = feas.placements(r.values)
            shortfall = pub.missing(best, inst)
        }
    }
    let proven = r.status == .optimal
    // (2) fewest changes to the published lessons with that shortfall.
    var keep = pub.spec(teachers, firstDay: firstDay)
    keep.shortfallWeight = 0
    keep.shortfallCap = Double(shortfall)
    keep.gainObjective = true
    let keepModel = TermModel(inst, keep, name: "replan_changes")
    let rk = run("replan-changes", keepModel, best, 0.6)
    if rk.hasSolution { best = keepModel.placements(rk.values) }
    let kept = best.reduce(0.0) { $0 + (gain[$1] ?? 0) }
    // (3) best preferences, keeping that much of the published schedule.
    var pref = pub.spec(teachers, firstDay: firstDay)
    pref.preferences = true
    pref.shortfallWeight = 0
    pref.shortfallCap = Double(shortfall)
    pref.gainFloor = kept
    pref.preferredSlot = inst.classes.indices.map { inst.mostFrequentSlot(best, $0) }
    let prefModel = TermModel(inst, pref, name: "replan_preferences")
    let rp = run("replan-preferences", prefModel, best, 1.0)
    if rp.hasSolution {
        let found = prefModel.placements(rp.values)
        if found.reduce(0.0, { $0 + (gain[$1] ?? 0) }) >= kept - 1e-6 { best = found }
    }
    let all = [r, rk, rp].allSatisfy { $0.status == .optimal }
    let plan = GroupPlan(instance: inst, placements: best.sorted(), shortfall: shortfall,
                         shortfallBound: proven ? shortfall : countingShortfallBound(inst).total,
                         quality: all && proven ? .optimal : .feasible, objective: inst.score(best).total,
                         bound: nil, boundNote: "re-plan: published lessons kept first", stages: stages, seconds: clock.seconds)
    return (plan, pub.pastInvalid)
}

/// The changes between the published lessons and the re-planned ones (both from the date on):
/// same time, other teacher → `teacher`; a dropped lesson paired with a new one of its class
/// (same month first, then in date order) → `moved`; the rest `removed` or `added`. Each old
/// lesson's reason is the rule it now breaks, if any.
func describeChanges(_ district: District, baseline: [Lesson], now: [Lesson]) -> [LessonChange] {
    var changes: [LessonChange] = []
    let nowKeys = Set(now.map(LessonKey.init)), oldKeys = Set(baseline.map(LessonKey.init))
    var byClass: [String: (old: [Lesson], new: [Lesson])] = [:]
    for l in baseline where !nowKeys.contains(LessonKey(l)) { byClass[l.school + "\u{1}" + l.classID, default: ([], [])].old.append(l) }
    for l in now where !oldKeys.contains(LessonKey(l)) { byClass[l.school + "\u{1}" + l.classID, default: ([], [])].new.append(l) }
    // One lesson alone is checked; the kept pins are other lessons (a forbid pin is a reason).
    var alone = district
    for i in alone.schools.indices { alone.schools[i].pins.removeAll { $0.kind == .keep } }
    func why(_ l: Lesson) -> Text {
        if let v = Verifier.check(alone, [l], allowShort: true).first {
            return Text(en: v.message, zh: "原安排已不可行：" + v.message)
        }
        return Text(en: "moved to make room for the changes", zh: "为配合其他调整而调换")
    }
    for key in byClass.keys.sorted() {
        var (old, new) = byClass[key]!
        old.sort(); new.sort()
        // Same date and period, other teacher.
        for o in old {
            if let j = new.firstIndex(where: { $0.date == o.date && $0.period == o.period }) {
                changes.append(LessonChange(school: o.school, classID: o.classID, kind: .teacher, old: o, new: new[j], reason: why(o)))
                new.remove(at: j)
                old.removeAll { $0 == o }
            }
        }
        for pass in 0..<2 {
            for o in old {
                guard let j = new.firstIndex(where: { pass == 1 || $0.date.monthKey == o.date.monthKey }) else { continue }
                changes.append(LessonChange(school: o.school, classID: o.classID, kind: .moved, old: o, new: new[j], reason: why(o)))
                new.remove(at: j)
                old.removeAll { $0 == o }
            }
        }
        for o in old { changes.append(LessonChange(school: o.school, classID: o.classID, kind: .removed, old: o, new: nil, reason: why(o))) }
        for n in new {
            changes.append(LessonChange(school: n.school, classID: n.classID, kind: .added, old: nil, new: n,
                                        reason: Text(en: "needed for the monthly minimum", zh: "为达到每月最低课时而增加")))
        }
    }
    return changes.sorted { ($0.school, $0.classID, ($0.old ?? $0.new!).date.dayNumber) < ($1.school, $1.classID, ($1.old ?? $1.new!).date.dayNumber) }
}

/// changes.csv: what a dean announces (UTF-8 with BOM: opened in Excel/WPS).
public func changesCSV(_ changes: [LessonChange]) -> String {
    CSVText.document(
        header: ["school", "class", "change", "from_date", "from_period", "from_teacher", "to_date", "to_period", "to_teacher", "reason", "原因"],
        rows: changes.map { c in
            [c.school, c.classID, c.kind.rawValue, c.old?.date.iso ?? "", c.old.map { String($0.period) } ?? "", c.old?.teacher ?? "",
             c.new?.date.iso ?? "", c.new.map { String($0.period) } ?? "", c.new?.teacher ?? "", c.reason.en, c.reason.zh]
        }, bom: true)
}
