// Capacity and hiring advice, found by optimisation: for a school that misses lessons, the least
// extra psychology-teacher capacity that brings it down to what the calendar alone forces, and
// for the class-months the calendar forces, the smallest calendar or policy change that fixes them.

import XinyuCore
import XinyuMIP
import XinyuPack

/// One more psychology teacher for a stage, with the least weekly (then daily) limit that works.
public struct HireOption: Sendable, Hashable, Codable {
    public var stage: String
    /// The id the stand-in had in the probes (`NEW_<stage>`).
    public var teacher: String
    /// `full` when the stage has no full-time teacher (the staffing rule asks for one), else `part`.
    public var role: String
    /// Least max_per_week that reaches the target.
    public var maxPerWeek: Int
    /// Least max_per_day with that weekly limit.
    public var maxPerDay: Int
    /// Weekly slots the new teacher used in the schedule found: (timetable weekday, period), sorted.
    public var slots: [[Int]]
    /// Whether one less (max_per_week − 1) is proven not to reach the target.
    public var proven: Bool
}

/// Raising one existing teacher's weekly limit instead of hiring.
public struct RaiseOption: Sendable, Hashable, Codable {
    public var stage: String
    public var teacher: String
    public var from: Int
    /// Least max_per_week that reaches the target; nil when no weekly limit does (the teacher's
    /// timetable, daily limit or same_teacher block it).
    public var to: Int?
    public var proven: Bool
}

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
    /// Lessons its group of schools misses with an unlimited extra teacher for each short stage
    /// (the target of the capacity search).
    public var target: Int
    /// Lessons the school misses with an unlimited extra teacher per short stage.
    public var schoolTarget: Int
    public var hires: [HireOption]
    public var raises: [RaiseOption]
    public var fixes: [CalendarFix]
    /// Lessons the school misses with every hire of `hires` applied together (checked by a solve).
    public var withHires: Int?
}

/// How hard to try.
public struct AdviceOptions: Sendable {
    /// Wall-clock limit of each probe solve, seconds.
    public var probeTimeLimit: Double = 10
    public init(probeTimeLimit: Double = 10) { self.probeTimeLimit = probeTimeLimit }
}

/// A district with extra capacity for one school: new teachers per stage (weekly and daily limits,
/// nil = none) and raised weekly limits of existing teachers (in every school that lists them).
public func withCapacity(_ district: District, school: String, hires: [Stage: (week: Int?, day: Int?)],
                         raises: [String: Int?] = [:]) -> District {
    var d = district
    for si in d.schools.indices {
        for ti in d.schools[si].teachers.indices {
            if let r = raises[d.schools[si].teachers[ti].id] { d.schools[si].teachers[ti].maxPerWeek = r }
        }
        guard d.schools[si].id == school else { continue }
        for (stage, limits) in hires.sorted(by: { $0.key < $1.key }) {
            let hasFull = d.schools[si].teachers.contains { $0.psych == .full && $0.stages.contains(stage) }
            d.schools[si].teachers.append(Teacher(id: standInID(district, stage), name: "新增 \(stage.chinese)",
                                                  psych: hasFull ? .part : .full, stages: [stage],
                                                  maxPerDay: limits.day, maxPerWeek: limits.week))
        }
    }
    return d
}

/// `NEW_<stage>`, made unique in the district.
public func standInID(_ district: District, _ stage: Stage) -> String {
    var id = "NEW_\(stage.rawValue)"
    var n = 2
    while district.schools.contains(where: { $0.teacher(id) != nil }) { id = "NEW_\(stage.rawValue)_\(n)"; n += 1 }
    return id
}

/// Computes the advice for school `schoolID`, whose class-months `short` (missing lessons) the
/// district run left short. Deterministic for a given pack (each probe is bounded in time).
public func advise(_ schoolID: String, district: District, short: [ClassMonth: Int], solver: MIPSolver,
                   options: AdviceOptions = AdviceOptions()) -> Advice {
    let group = schoolGroups(district).first { $0.contains { $0.id == schoolID } } ?? []
    let school = district.school(schoolID)!
    let shortfall = short.values.reduce(0, +)
    let cal = calendarBound(Instance(district: district, schools: [school]).withLectures([school]).0, solver: solver) ?? (missing: [:], most: [:])
    let calTotal = cal.missing.values.reduce(0, +)
    let stageOf = Dictionary(school.classes.map { ($0.id, $0.stage) }, uniquingKeysWith: { a, _ in a })
    let stages = Set(short.compactMap { cm, miss in miss > (cal.missing[cm] ?? 0) ? stageOf[cm.classID] : nil }).sorted()

    func probe(_ d: District, goal: Int?) -> ShortfallProbe {
        let g = group.compactMap { s in d.school(s.id) }
        return probeShortfall(Instance(district: d, schools: g).withLectures(g).0, solver: solver, timeLimit: options.probeTimeLimit, goal: goal)
    }
    var hires: [HireOption] = []
    var raises: [RaiseOption] = []
    var target = 0
    var schoolTarget = calTotal
    var withHires: Int?
    if !stages.isEmpty {
        let unlimited = Dictionary(uniqueKeysWithValues: stages.map { ($0, (week: Int?.none, day: Int?.none)) })
        let top = probe(withCapacity(district, school: schoolID, hires: unlimited), goal: nil)
        target = top.shortfall
        schoolTarget = top.shortfall(school: schoolID)
        var chosen = unlimited
        for st in stages {
            let classes = school.classes.filter { $0.stage == st }.count
            let kMax = max(1, classes * district.policy.maxPerWeek)
            // reaches(k, d): the group misses no more than the target.
            var seen: [[Int]: ShortfallProbe] = [:]
            func reaches(_ k: Int, _ day: Int?) -> Bool {
                var h = chosen
                h[st] = (week: k, day: day)
                let p = probe(withCapacity(district, school: schoolID, hires: h), goal: target)
                seen[[k, day ?? 0]] = p
                return p.shortfall <= target
            }
            let k = leastTrue(1, kMax) { reaches($0, nil) } ?? kMax
            let periods = school.periodsPerDay
            let dMax = min(k, periods)
            let day = leastTrue(1, dMax) { reaches(k, $0) } ?? dMax
            let proven = k == 1 || (seen[[k - 1, 0]].map { $0.bound > target } ?? false)
            let final = seen[[k, day]] ?? {
                var h = chosen; h[st] = (week: k, day: day)
                return probe(withCapacity(district, school: schoolID, hires: h), goal: target)
            }()
            let id = standInID(district, st)
            // The new teacher's most used weekly slots, as many as the weekly limit.
            var uses: [[Int]: Int] = [:]
            for l in final.lessons where l.teacher == id { uses[[l.weekday, l.period], default: 0] += 1 }
            let slots = uses.sorted { ($1.value, $0.key[0], $0.key[1]) < ($0.value, $1.key[0], $1.key[1]) }
                .prefix(k).map(\.key).sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
            let hasFull = school.teachers.contains { $0.psych == .full && $0.stages.contains(st) }
            hires.append(HireOption(stage: st.rawValue, teacher: id, role: hasFull ? "part" : "full", maxPerWeek: k,
                                    maxPerDay: day, slots: slots, proven: proven))
            chosen[st] = (week: k, day: day)
        }
        withHires = probe(withCapacity(district, school: schoolID, hires: chosen), goal: nil).shortfall(school: schoolID)
        // Raising an existing teacher's weekly limit, each stage alone (other short stages get their stand-in).
        for st in stages {
            var others = unlimited
            others[st] = nil
            let classes = school.classes.filter { $0.stage == st }.count
            for t in school.psychTeachers where t.canTeach(st) {
                guard let from = t.maxPerWeek else { continue }
                let hi = from + max(1, classes * district.policy.maxPerWeek)
                var seen: [Int: ShortfallProbe] = [:]
                func reaches(_ v: Int) -> Bool {
                    let p = probe(withCapacity(district, school: schoolID, hires: others, raises: [t.id: v]), goal: target)
                    seen[v] = p
                    return p.shortfall <= target
                }
                let to = leastTrue(from + 1, hi, reaches)
                let proven = to.map { v in v == from + 1 || (seen[v - 1].map { $0.bound > target } ?? false) } ?? (seen[hi].map { $0.bound > target } ?? false)
                raises.append(RaiseOption(stage: st.rawValue, teacher: t.id, from: from, to: to, proven: proven))
            }
        }
    }
    // Calendar-bound months: the month_minimum that fixes them, and whether moving the exams would.
    var fixes: [CalendarFix] = []
    for month in Set(cal.missing.keys.map(\.month)).sorted() {
        let keys = cal.missing.keys.filter { $0.month == month }
        let exams = district.calendar.filter { $0.kind == .exam && $0.date.monthKey == month }.map(\.date.iso).sorted()
        var moveFixes = false
        if !exams.isEmpty, let moved = calendarBound(Instance(district: districtWithoutExams(district, month: month), schools: [school]).withLectures([school]).0, solver: solver) {
            moveFixes = !moved.missing.keys.contains { $0.month == month }
        }
        fixes.append(CalendarFix(month: month, classes: keys.count, missing: keys.reduce(0) { $0 + cal.missing[$1]! },
                                 required: district.policy.minimum(forMonth: month),
                                 most: keys.map { cal.most[$0] ?? 0 }.min() ?? 0, examDays: exams, examMoveFixes: moveFixes))
    }
    return Advice(school: schoolID, shortfall: shortfall, calendarBound: calTotal, target: target, schoolTarget: schoolTarget,
                  hires: hires, raises: raises, fixes: fixes, withHires: withHires)
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

let weekdayZh = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"]
let weekdayEn = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

extension Advice {
    /// The advice in one bilingual line (schools.csv `advice`); empty when nothing is short.
    public var oneLine: String {
        let (zh, en) = sentences
        if zh.isEmpty { return "" }
        return zh.joined(separator: "；") + " / " + en.joined(separator: "; ")
    }

    /// The advice as sentences, Chinese and English.
    public var sentences: (zh: [String], en: [String]) {
        var zh: [String] = [], en: [String] = []
        for h in hires {
            let sz = h.slots.map { "\(weekdayZh[$0[0]])第\($0[1])节" }.joined(separator: "、")
            let se = h.slots.map { "\(weekdayEn[$0[0]]) p\($0[1])" }.joined(separator: ", ")
            let stage = Stage(rawValue: h.stage)!
            var z = "\(stage.chinese)：增加1名\(h.role == "full" ? "专职" : "兼职")心理教师，每周\(h.maxPerWeek)节、每天至多\(h.maxPerDay)节（如\(sz)）"
            var e = "\(h.stage): one more \(h.role == "full" ? "full-time" : "part-time") psychology teacher, \(h.maxPerWeek) lesson(s) a week, at most \(h.maxPerDay) a day (e.g. \(se))"
            for r in raises where r.stage == h.stage {
                if let to = r.to {
                    z += "，或将\(r.teacher)每周上限由\(r.from)提高到\(to)"
                    e += ", or raise \(r.teacher)'s max_per_week from \(r.from) to \(to)"
                }
            }
            if !h.proven { z += "（未证明最少）"; e += " (not proven least)" }
            zh.append(z); en.append(e)
        }
        if let withHires, withHires > calendarBound {
            zh.append("另有\(withHires - calendarBound)节即使增加上述教师仍缺（排课时间冲突）")
            en.append("\(withHires - calendarBound) more lesson(s) stay short even so (timetable clashes)")
        }
        for f in fixes {
            var z = "\(f.month)受日历限制（\(f.classes)个班缺\(f.missing)节，与师资无关）：设 month_minimum \(f.month) = \(f.most)"
            var e = "\(f.month) is calendar-bound (\(f.classes) class(es), \(f.missing) lesson(s), whatever the staffing): set month_minimum \(f.month) = \(f.most)"
            if f.examMoveFixes, let first = f.examDays.first, let last = f.examDays.last {
                z += "，或将\(first)至\(last)的考试推后"
                e += ", or move the exams of \(first) – \(last) later"
            }
            zh.append(z); en.append(e)
        }
        return (zh, en)
    }
}
