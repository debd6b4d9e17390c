// Capacity and hiring advice, found by optimisation: for a school that misses lessons, the fewest
// new teachers at the district's hiring loads ([staffing]) that bring it down to what any staffing
// can reach; raising existing teachers within those loads instead; and for the class-months the
// calendar forces short, the smallest month_minimum or moving the exams. Each option is checked by
// a full solve of the school's group with the option applied (its `short_after`). The searches
// are in AdviceSearch.swift: bounds first, then probes bounded by work, never by the clock.

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

/// What the advice of every short school of a district shares, worked out once: the district's
/// groups (each school's search runs on its group alone) and every teacher id (new hires avoid them).
public struct AdviceScope: Sendable {
    public let district: District
    let groups: [[School]]
    let groupOf: [String: Int]
    let usedIDs: Set<String>

    public init(_ district: District) {
        self.district = district
        groups = schoolGroups(district)
        var of: [String: Int] = [:]
        for (i, g) in groups.enumerated() { for s in g { of[s.id] = i } }
        groupOf = of
        usedIDs = teacherIDs(district)
    }
}

/// Computes the advice for school `schoolID`, whose class-months `short` (missing lessons) the
/// district run left short. Deterministic for a given pack: every probe is bounded by work (simplex
/// iterations); only the wall-clock safety net (`probeTimeLimit`), if it is ever hit, can change that, and
/// then the advice says "not proven".
public func advise(_ schoolID: String, district: District, short: [ClassMonth: Int], solver: MIPSolver,
                   options: AdviceOptions = AdviceOptions()) -> Advice {
    advise(schoolID, scope: AdviceScope(district), short: short, solver: solver, options: options)
}

/// `advise` with the district's groups and teacher ids worked out once (`AdviceScope`).
public func advise(_ schoolID: String, scope: AdviceScope, short: [ClassMonth: Int], solver: MIPSolver,
                   options: AdviceOptions = AdviceOptions()) -> Advice {
    guard let gi = scope.groupOf[schoolID], let school = scope.groups[gi].first(where: { $0.id == schoolID }) else {
        return Advice(school: schoolID, shortfall: 0, calendarBound: 0, schoolTarget: 0, options: [], fixes: [], unhelpfulRaises: [])
    }
    var district = scope.district
    district.schools = scope.groups[gi]
    let search = AdviceSearch(district: district, school: school, group: scope.groups[gi], usedIDs: scope.usedIDs,
                              solver: solver, options: options)
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
        let r = leastRaises(search, stages: stages, current: short.values.reduce(0, +), calendarBound: calTotal)
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
    options.plan.log?("\(schoolID) advice search: \(search.tally.line); \(list.count) full solves for short_after")
    return Advice(school: schoolID, shortfall: short.values.reduce(0, +), calendarBound: calTotal, schoolTarget: schoolTarget,
                  options: list, fixes: fixes, unhelpfulRaises: unhelpful)
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
