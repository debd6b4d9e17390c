// The steps of Instance.init, one function each: the group's lesson days, its psychology
// teachers, its classes, the teachers' unavailability, the timetable rows naming each teacher,
// then each class's candidate slots and who can staff them, and last the options no schedule
// can use. Every list is built in school, class, date and period order (the order of columns,
// rows and so of the schedules depends on it).

import XinyuPack

/// The lookups the steps share while one group's instance is built.
struct InstanceBuilder {
    /// A timetable row of school `school` (index in the group).
    struct RowRef { var school: Int; var row: TimetableRow }

    let district: District
    let group: [School]
    let policy: Policy
    /// Each school's own calendar (days per week differ).
    let calendars: [TermCalendar]
    var months: [String] = []
    var monthIndex: [String: Int] = [:]
    var isoWeeks: [CivilDate] = []
    var days: [Instance.Day] = []
    var dayIndex: [CivilDate: Int] = [:]
    var teachers: [Instance.TeacherInfo] = []
    var teacherIndex: [String: Int] = [:]
    /// "school\u{1}class" → class index in the group.
    var classKey: [String: Int] = [:]
    var unavailable: [Int: [Unavailability]] = [:]
    var teacherRows: [Int: [RowRef]] = [:]
    /// Each school's days (any kind) by date, with the timetable weekday and teaching week.
    var schoolDayMaps: [[CivilDate: SchoolDay]] = []

    init(district: District, group: [School]) {
        self.district = district
        self.group = group
        policy = district.policy
        calendars = group.map { TermCalendar(district: district, daysPerWeek: $0.daysPerWeek) }
    }

    // The group's lesson days: the union of its schools' lesson days, with months and ISO weeks.
    mutating func indexDays() {
        var monthKeys = Set<String>()
        var dayDates = Set<CivilDate>()
        for cal in calendars {
            monthKeys.formUnion(cal.months)
            for d in cal.lessonDays { dayDates.insert(d.date) }
        }
        months = monthKeys.sorted()
        let sortedDates = dayDates.sorted()
        for d in sortedDates where isoWeeks.last != d.weekMonday { isoWeeks.append(d.weekMonday) }
        monthIndex = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        let weekIndex = Dictionary(uniqueKeysWithValues: isoWeeks.enumerated().map { ($1, $0) })
        let firstMonday = district.termStart.weekMonday.dayNumber
        let calendar = district.calendar
        days = sortedDates.map { date in
            let entry = calendar.first { $0.date == date }
            let wd = entry?.kind == .makeup ? (entry?.followsWeekday ?? date.weekday) : date.weekday
            return Instance.Day(date: date, timetableWeekday: wd,
                                teachingWeek: (date.weekMonday.dayNumber - firstMonday) / 7 + 1,
                                month: monthIndex[date.monthKey] ?? 0, isoWeek: weekIndex[date.weekMonday] ?? 0)
        }
        dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1.date, $0) })
    }

    // Psychology teachers of the group: a teacher listed by several schools appears once.
    mutating func indexTeachers() {
        for s in group {
            for t in s.teachers where t.psych.teaches {
                if let i = teacherIndex[t.id] { teachers[i].schools.append(s.id); continue }
                teacherIndex[t.id] = teachers.count
                teachers.append(Instance.TeacherInfo(id: t.id, name: t.name, role: t.psych, stages: t.stages,
                                                     maxPerDay: t.maxPerDay, maxPerWeek: t.maxPerWeek, schools: [s.id]))
            }
        }
    }

    // Class indices, in school and classes.csv order.
    mutating func indexClasses() {
        var count = 0
        for s in group { for c in s.classes { classKey[s.id + "\u{1}" + c.id] = count; count += 1 } }
    }

    // Unavailability of each psychology teacher, from every school that lists it, and the
    // district's training days (calendar kind `training`: every psychology teacher away all day).
    mutating func collectUnavailability() {
        for s in group {
            for u in s.unavailable { if let t = teacherIndex[u.teacher] { unavailable[t, default: []].append(u) } }
        }
        for e in district.calendar where e.kind == .training {
            for t in teachers.indices {
                unavailable[t, default: []].append(Unavailability(teacher: teachers[t].id, when: .date(e.date),
                                                                  reason: e.note.isEmpty ? "training" : e.note, training: true))
            }
        }
    }

    // The timetable rows naming each psychology teacher (in every school of the group), and
    // which dates are school days of each school.
    mutating func indexTeacherRows() {
        for (si, s) in group.enumerated() {
            for r in s.timetable {
                for t in r.teachers { if let ti = teacherIndex[t] { teacherRows[ti, default: []].append(RowRef(school: si, row: r)) } }
            }
        }
        schoolDayMaps = calendars.map { cal in Dictionary(uniqueKeysWithValues: cal.schoolDays.map { ($0.date, $0) }) }
    }

    // Every class of school `si`, with its monthly minimums and candidate slots; `check` before each.
    func addClasses<E: Error>(ofSchool si: Int, to list: inout [Instance.ClassInfo], check: () throws(E) -> Void) throws(E) {
        let s = group[si]
        var rowsAt: [String: [TimetableRow]] = [:]
        for r in s.timetable { rowsAt["\(r.classID)\u{1}\(r.weekday)\u{1}\(r.period)", default: []].append(r) }
        let cal = calendars[si]
        let lessonDays = cal.lessonDays
        for c in s.classes {
            try check()
            var minimum = [Int?](repeating: nil, count: months.count)
            for m in cal.months { if let i = monthIndex[m] { minimum[i] = policy.minimum(forMonth: m) } }
            var cands: [Instance.Candidate] = []
            for sd in lessonDays {
                guard let di = dayIndex[sd.date] else { continue }
                for p in 1...max(1, s.periodsPerDay) where p <= s.periodsPerDay {
                    let row = rowsAt["\(c.id)\u{1}\(sd.timetableWeekday)\u{1}\(p)"]?.first { $0.weeks.applies(toWeek: sd.teachingWeek) }
                    guard let taken = replacement(row) else { continue }
                    cands.append(Instance.Candidate(day: di, period: p, cost: taken.cost, replaces: taken.subject,
                                                    options: options(si, c, sd, p)))
                }
            }
            list.append(Instance.ClassInfo(school: s.id, id: c.id, stage: c.stage, grade: c.grade, minimum: minimum,
                                           candidates: cands, lecturesInMonth: [Int](repeating: 0, count: months.count)))
        }
    }

    // A period may take a lesson if its subject is displaceable, or it is free and free periods
    // may be used: its cost and the replaced subject ("" for a free period), else nil.
    func replacement(_ row: TimetableRow?) -> (cost: Double, subject: String)? {
        if let row {
            guard let cost = policy.displaceable[row.subject] else { return nil }
            return (cost, row.subject)
        }
        guard policy.useFreePeriods else { return nil }
        return (policy.freePeriodCost, "")
    }

    // Who can staff class `c` at (day, period): a teacher of the class's school and stage, not
    // unavailable, whose own timetable rows then are all displaceable (they become `requires`).
    func options(_ si: Int, _ c: SchoolClass, _ sd: SchoolDay, _ p: Int) -> [Instance.Option] {
        var options: [Instance.Option] = []
        for t in group[si].teachers where t.canTeach(c.stage) {
            guard let ti = teacherIndex[t.id], !isUnavailable(ti, sd, p),
                  let requires = requiredClasses(ti, si, c, sd, p) else { continue }
            options.append(Instance.Option(teacher: ti, requires: requires.sorted()))
        }
        return options
    }

    // Teacher `ti` is unavailable at (day, period) (unavailable.csv or a training day).
    func isUnavailable(_ ti: Int, _ sd: SchoolDay, _ p: Int) -> Bool {
        (unavailable[ti] ?? []).contains { u in
            switch u.when {
            case .date(let d): return d == sd.date && u.covers(period: p)
            case .weekday(let w): return w == sd.timetableWeekday && u.covers(period: p)
            }
        }
    }

    // The teacher's own timetable rows at this time, in every school of the group: the other
    // classes whose rows must be replaced too, or nil when a row cannot be (not displaceable,
    // or an exam day of that school). The row this lesson itself replaces does not count.
    func requiredClasses(_ ti: Int, _ si: Int, _ c: SchoolClass, _ sd: SchoolDay, _ p: Int) -> [Int]? {
        let s = group[si]
        var requires: [Int] = []
        for ref in teacherRows[ti] ?? [] where ref.row.period == p {
            guard let otherDay = schoolDayMaps[ref.school][sd.date] else { continue }
            let other = group[ref.school]
            guard ref.row.weekday == otherDay.timetableWeekday,
                  ref.row.weeks.applies(toWeek: otherDay.teachingWeek) else { continue }
            guard let rc = classKey[other.id + "\u{1}" + ref.row.classID] else { continue }
            if other.id == s.id && ref.row.classID == c.id { continue }
            if policy.displaceable[ref.row.subject] == nil || otherDay.isExam { return nil }
            if !requires.contains(rc) { requires.append(rc) }
        }
        return requires
    }

    // An option that needs another class's lesson at a time that class has no candidate can
    // never be used: dropped. `check` before each class.
    static func dropUnusableOptions<E: Error>(_ classes: inout [Instance.ClassInfo], check: () throws(E) -> Void) throws(E) {
        var hasCandidate = Set<[Int]>()
        for (ci, c) in classes.enumerated() { for k in c.candidates { hasCandidate.insert([ci, k.day, k.period]) } }
        for ci in classes.indices {
            try check()
            for k in classes[ci].candidates.indices {
                let cand = classes[ci].candidates[k]
                classes[ci].candidates[k].options = cand.options.filter { o in
                    o.requires.allSatisfy { hasCandidate.contains([$0, cand.day, cand.period]) }
                }
            }
        }
    }
}
