// One school of the sample district: subject teachers, 班主任, the weekly timetable, psychology
// teachers and their unavailability, as `XinyuPack` values.

import XinyuPack

/// A member of a school's staff while the school is being built.
struct Staff {
    var stage: Stage
    /// The one subject taught; "心理健康" for a full-time psychology teacher.
    var subject: String
    /// Classes taught (indices into the school's classes).
    var classes: [Int] = []
    /// Weekly periods in the timetable (an odd/even pair counts as a whole period: it holds the slot).
    var load: Int = 0
    /// The class this teacher is 班主任 of.
    var homeroomOf: Int? = nil
    var fullTimePsych: Bool { subject == SchoolBuilder.psychSubject }
}

struct SchoolBuilder {
    static let psychSubject = "心理健康"

    let index: Int
    let id: String
    let name: String
    let layout: SchoolLayout
    let plans: [StagePsychPlan]
    let seed: UInt64
    let tight: Bool
    let term: TermInfo
    /// Whether this school's first full-time primary teacher is shared with another school
    /// (巡回): such a teacher gets no weekly unavailable half-day.
    let sharesPrimaryTeacher: Bool

    private var classes: [SchoolClass] { layout.classes }
    private var periodsPerDay: Int { CoursePlan.periodsPerDay(layout.stages) }
    private let days = 5

    private func stream(_ purpose: Purpose, _ labels: UInt64...) -> SplitMix64 {
        var s = SplitMix64(seed: seed, UInt64(index), purpose.rawValue)
        for l in labels { s = SplitMix64(seed: s.next(), l) }
        return s
    }

    /// The school, and its full-time primary teacher if it is to be shared.
    func build() -> (school: School, shared: Teacher?) {
        let units = classUnits()
        // Try the timetable with teachers' maximum loads 18 (usual), then 16, 14 and 12 (more,
        // lighter-loaded teachers), a few random orders each. With loads ≤ 18 of 30–45 slots the
        // first tries practically always succeed; the rest only guarantees termination.
        for maxLoad in [18, 16, 14, 12] {
            var staff: [Staff] = []
            var teacherOf: [[String: Int]] = []
            assignTeachers(maxLoad: maxLoad, staff: &staff, teacherOf: &teacherOf)
            var rng = stream(.teachers, 2, UInt64(maxLoad))
            guard let homeroom = assignHomerooms(&staff, teacherOf: teacherOf, rng: &rng) else { continue }
            let classUnits = units.enumerated().map { c, list in
                list.map { spec -> LessonUnit in
                    var unit = LessonUnit(subject: spec.subject, periods: spec.periods,
                                          teacher: spec.subject == "自习" ? nil : teacherOf[c][spec.subject],
                                          academic: CoursePlan.academic.contains(spec.subject))
                    if let even = spec.evenSubject {
                        unit.evenSubject = even
                        unit.evenTeacher = teacherOf[c][even]
                    }
                    return unit
                }
            }
            let builder = TimetableBuilder(days: days, periods: periodsPerDay, grades: layout.grades,
                                           classGrades: classes.map(\.grade), units: classUnits,
                                           homeroom: homeroom, staffCount: staff.count)
            for attempt in 0..<10 {
                var trng = stream(.timetable, UInt64(maxLoad), UInt64(attempt))
                if let week = builder.build(rng: &trng, capRelax: attempt >= 5 ? 1 : 0) {
                    return finish(staff: staff, units: classUnits, homeroom: homeroom, week: week)
                }
            }
        }
        preconditionFailure("XinyuGenerate: no clash-free timetable for school \(id)")
    }

    // MARK: Course units per class

    /// A class's weekly units before teachers are known.
    struct UnitSpec {
        var subject: String
        var periods: Int
        var evenSubject: String?
    }

    /// The odd/even pair grades of this school: about 40% of schools run one period a week as
    /// 音乐 in odd weeks and 美术 in even weeks, in grades 3–4, 5–6 or 3–6 (and 10–11 in senior high,
    /// where it is their one 艺术 period).
    private func pairGrades() -> Set<Int> {
        var rng = stream(.teachers, 0)
        guard rng.chance(40) else { return [] }
        let primary = rng.pick([[3, 4], [5, 6], [3, 4, 5, 6]])
        return Set(primary + [10, 11])
    }

    /// The units (subject, periods) of every class; 班会 is placed separately by the 班主任.
    private func classUnits() -> [[UnitSpec]] {
        let pairs = pairGrades()
        return classes.map { cls in
            var specs = CoursePlan.lines(grade: cls.grade)
                .filter { $0.subject != "班会" }
                .map { UnitSpec(subject: $0.subject, periods: $0.periods) }
            if pairs.contains(cls.grade) {
                // One period of 音乐 (or, without one, 美术) becomes the 音乐/美术 单双周 pair.
                let take = specs.firstIndex { $0.subject == "音乐" } ?? specs.firstIndex { $0.subject == "美术" }
                if let i = take {
                    specs[i].periods -= 1
                    if specs[i].periods == 0 { specs.remove(at: i) }
                    specs.append(UnitSpec(subject: "音乐", periods: 1, evenSubject: "美术"))
                }
            }
            return specs
        }
    }

    // MARK: Teachers

    /// Splits a subject's classes (in grade order) into teachers of nearly equal load, each at most
    /// `maxLoad` periods and about `maxLoad - 3` on average, so each teacher gets a run of
    /// neighbouring classes and grades. Returns the teacher number (0-based) of each entry.
    static func chunk(_ hours: [Int], maxLoad: Int) -> [Int] {
        let total = hours.reduce(0, +)
        guard total > 0 else { return hours.map { _ in 0 } }
        let typical = maxLoad - 3
        var k = max((total + maxLoad - 1) / maxLoad, (2 * total + typical) / (2 * typical))
        k = min(max(k, 1), hours.count)
        while true {
            var groups: [Int] = []
            var before = 0
            for h in hours {
                // The group holding this entry's midpoint.
                groups.append(min(k - 1, (2 * before + h) * k / (2 * total)))
                before += h
            }
            var loads = Array(repeating: 0, count: k)
            for (g, h) in zip(groups, hours) { loads[g] += h }
            if loads.max()! <= maxLoad || k == hours.count {
                // Renumber without gaps, in order.
                var renumber: [Int] = []
                return groups.map { g in
                    if renumber.last != g { renumber.append(g) }
                    return renumber.count - 1
                }
            }
            k += 1
        }
    }

    /// Creates the subject teachers (each teaching one subject to neighbouring classes) and the
    /// full-time psychology teachers; `teacherOf[class][subject]` is the staff index.
    private func assignTeachers(maxLoad: Int, staff: inout [Staff], teacherOf: inout [[String: Int]]) {
        let units = classUnits()
        teacherOf = Array(repeating: [:], count: classes.count)
        // Classes whose 校本课程 a full-time psychology teacher teaches.
        var courseByPsych: [Int] = []
        var rng = stream(.teachers, 1)
        var psychStaffOfStage: [(Stage, Int)] = []
        for stage in layout.stages {
            let classIdx = classes.indices.filter { classes[$0].stage == stage }
            if let plan = plans.first(where: { $0.stage == stage }), plan.schoolCourseClasses > 0 {
                let k = plan.schoolCourseClasses
                let start = rng.below(classIdx.count - k + 1)
                courseByPsych += classIdx[start..<(start + k)]
            }
            // Subjects in first-appearance order over the stage's grades.
            var subjects: [String] = []
            for g in CoursePlan.grades(stage) {
                for line in CoursePlan.lines(grade: g) where !subjects.contains(line.subject) {
                    subjects.append(line.subject)
                }
            }
            for subject in subjects where subject != "班会" && subject != "自习" {
                var entries: [(cls: Int, hours: Int)] = []
                for c in classIdx {
                    if subject == "校本课程" && courseByPsych.contains(c) { continue }
                    var h = 0
                    for u in units[c] {
                        if u.subject == subject { h += u.periods }
                        if u.evenSubject == subject { h += u.periods }
                    }
                    if h > 0 { entries.append((c, h)) }
                }
                guard !entries.isEmpty else { continue }
                let groups = Self.chunk(entries.map(\.hours), maxLoad: maxLoad)
                let firstNew = staff.count
                for (entry, g) in zip(entries, groups) {
                    if firstNew + g == staff.count { staff.append(Staff(stage: stage, subject: subject)) }
                    staff[firstNew + g].classes.append(entry.cls)
                    staff[firstNew + g].load += entry.hours
                    teacherOf[entry.cls][subject] = firstNew + g
                }
            }
        }
        // Full-time psychology teachers after the subject teachers; the first of a stage teaches
        // the 校本课程 chosen above (their "few timetable rows").
        for plan in plans {
            for n in 0..<plan.fullTime {
                staff.append(Staff(stage: plan.stage, subject: Self.psychSubject))
                if n == 0 { psychStaffOfStage.append((plan.stage, staff.count - 1)) }
            }
        }
        for c in courseByPsych {
            guard let t = psychStaffOfStage.first(where: { $0.0 == classes[c].stage })?.1 else { continue }
            staff[t].classes.append(c)
            staff[t].load += 1
            teacherOf[c]["校本课程"] = t
        }
    }

    /// Picks each class's 班主任 among its teachers: the 语文 or 数学 teacher (英语 too in
    /// secondary) with the lightest load, else another of its subject teachers; one class each.
    /// Returns the staff index per class, or nil if some class has no possible 班主任.
    private func assignHomerooms(_ staff: inout [Staff], teacherOf: [[String: Int]],
                                 rng: inout SplitMix64) -> [Int]? {
        var homeroom = Array(repeating: -1, count: classes.count)
        for c in classes.indices {
            let preferred = classes[c].stage == .primary ? ["语文", "数学"] : ["语文", "数学", "英语"]
            let mine = teacherOf[c].keys.sorted().compactMap { teacherOf[c][$0] }
                .filter { !staff[$0].fullTimePsych }
            let tiers = [mine.filter { preferred.contains(staff[$0].subject) },
                         mine.filter { !preferred.contains(staff[$0].subject) }]
            var chosen: Int? = nil
            for tier in tiers {
                let free = tier.filter { staff[$0].homeroomOf == nil }
                guard let least = free.map({ staff[$0].load }).min() else { continue }
                chosen = rng.pick(free.filter { staff[$0].load == least })
                break
            }
            guard let t = chosen else { return nil }
            staff[t].homeroomOf = c
            staff[t].load += 1
            homeroom[c] = t
        }
        return homeroom
    }

    // MARK: Assembly

    private func finish(staff: [Staff], units: [[LessonUnit]], homeroom: [Int],
                        week: [[Placement]]) -> (School, Teacher?) {
        let width = max(3, String(staff.count).count)
        let ids = staff.indices.map { id + "T" + zeroPadded($0 + 1, width) }
        var nameRng = stream(.names, 1)
        var usedNames: Set<String> = []
        var teachers = staff.indices.map { i in Teacher(id: ids[i], name: Names.person(rng: &nameRng, used: &usedNames)) }

        let rows = timetableRows(units: units, homeroom: homeroom, week: week, ids: ids)

        // Psychology teachers: full-time ones exist already; part-time ones are 班主任 or 道德与法治
        // / 思想政治 teachers of the stage.
        var limitRng = stream(.psych, 1)
        var psychOrder: [Int] = []   // staff indices, for unavailability
        var shared: Teacher? = nil
        for plan in plans {
            let fulls = staff.indices.filter { staff[$0].fullTimePsych && staff[$0].stage == plan.stage }
            for t in fulls {
                let lim = PsychLimits.fullTime(rng: &limitRng, tight: tight)
                teachers[t].psych = .full
                teachers[t].stages = [plan.stage]
                teachers[t].maxPerDay = lim.perDay
                teachers[t].maxPerWeek = lim.perWeek
                psychOrder.append(t)
            }
            var candidates = staff.indices.filter {
                staff[$0].stage == plan.stage && !staff[$0].fullTimePsych
                    && (staff[$0].homeroomOf != nil || ["道德与法治", "思想政治"].contains(staff[$0].subject))
            }
            limitRng.shuffle(&candidates)
            let drawn = candidates.prefix(plan.partTime).map { ($0, PsychLimits.partTime(rng: &limitRng, tight: tight)) }
            // Tight: about half the part-time teachers (at least one).
            let kept = tight ? max(1, plan.partTime / 2) : plan.partTime
            for (t, lim) in drawn.prefix(kept) {
                teachers[t].psych = .part
                teachers[t].stages = [plan.stage]
                teachers[t].maxPerDay = lim.perDay
                teachers[t].maxPerWeek = lim.perWeek
                psychOrder.append(t)
            }
            if plan.stage == .primary && sharesPrimaryTeacher, let first = fulls.first {
                shared = teachers[first]
            }
        }

        let unavailable = unavailability(psychOrder.sorted(), shared: shared, ids: ids)

        let school = School(id: id, name: name, stages: layout.stages, daysPerWeek: days,
                            periodsPerDay: periodsPerDay, classes: classes, timetable: rows,
                            teachers: teachers, unavailable: unavailable)
        return (school, shared)
    }

    /// Timetable rows, by class, weekday, period (odd before even).
    private func timetableRows(units: [[LessonUnit]], homeroom: [Int], week: [[Placement]], ids: [String]) -> [TimetableRow] {
        var rows: [TimetableRow] = []
        for (c, placements) in week.enumerated() {
            let cls = classes[c].id
            for pl in placements {
                guard let u = pl.unit else {
                    rows.append(TimetableRow(classID: cls, weekday: pl.day + 1, period: pl.period + 1,
                                             subject: "班会", teachers: [ids[homeroom[c]]]))
                    continue
                }
                let unit = units[c][u]
                let odd = unit.teacher.map { [ids[$0]] } ?? []
                if let even = unit.evenSubject, let et = unit.evenTeacher {
                    rows.append(TimetableRow(classID: cls, weekday: pl.day + 1, period: pl.period + 1,
                                             subject: unit.subject, teachers: odd, weeks: .odd))
                    rows.append(TimetableRow(classID: cls, weekday: pl.day + 1, period: pl.period + 1,
                                             subject: even, teachers: [ids[et]], weeks: .even))
                } else {
                    rows.append(TimetableRow(classID: cls, weekday: pl.day + 1, period: pl.period + 1,
                                             subject: unit.subject, teachers: odd))
                }
            }
        }
        return rows
    }

    /// Unavailability: about a quarter of the psychology teachers (`psychOrder`, sorted) have a
    /// weekly half-day off (教研, 辅导室值班 or other duties), and all attend the district's training days.
    private func unavailability(_ psychOrder: [Int], shared: Teacher?, ids: [String]) -> [Unavailability] {
        var unRng = stream(.unavailable)
        var unavailable: [Unavailability] = []
        for t in psychOrder {
            let hasHalfDay = unRng.chance(25)
            let weekday = unRng.int(1...days)
            let morning = unRng.chance(50)
            let reason = unRng.pick(["区心理教研活动", "心理辅导室值班", "年级组工作"])
            let isShared = shared?.id == ids[t]
            if hasHalfDay && !isShared {
                let periods = morning ? Set(1...4) : Set(5...periodsPerDay)
                unavailable.append(Unavailability(teacher: ids[t], when: .weekday(weekday), periods: periods,
                                                  reason: reason))
            }
            for date in term.trainingDays {
                unavailable.append(Unavailability(teacher: ids[t], when: .date(date), reason: "区心理教师培训", training: true))
            }
        }
        return unavailable
    }
}
