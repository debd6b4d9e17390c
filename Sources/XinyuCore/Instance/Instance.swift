import XinyuPack

/// A group of schools that must be planned together: they share at least one teacher
/// (teacher ids are district-wide). Everything the formulation needs, indexed.
public struct Instance: Sendable {
    /// A class of one of the schools.
    public struct ClassInfo: Sendable {
        public var school: String
        public var id: String
        public var stage: Stage
        public var grade: Int
        /// Index into `months` → the month's minimum for this class (nil: no school day that month).
        public var minimum: [Int?]
        /// Candidate slots, in (day, period) order.
        public var candidates: [Candidate]
        /// Grade lectures this class has in each month (already counted out of `minimum`) and in
        /// each ISO week (index → count; they use up `max_per_week`).
        public var lecturesInMonth: [Int] = []
        public var lecturesInWeek: [Int: Int] = [:]
    }

    /// A psychology teacher who may teach in this group.
    public struct TeacherInfo: Sendable {
        public var id: String
        public var name: String
        public var role: PsychRole
        public var stages: [Stage]
        public var maxPerDay: Int?
        public var maxPerWeek: Int?
        /// Schools whose teachers.csv lists this teacher.
        public var schools: [String]
        /// Grade lectures the teacher gives on each day and ISO week (indices): they count
        /// against max_per_day and max_per_week.
        public var lecturesOnDay: [Int: Int] = [:]
        public var lecturesInWeek: [Int: Int] = [:]
    }

    /// A lesson day of the group (a school day without exams of at least one school).
    public struct Day: Sendable {
        public var date: CivilDate
        public var timetableWeekday: Int
        public var teachingWeek: Int
        public var month: Int
        public var isoWeek: Int
    }

    /// One way to staff a candidate slot.
    public struct Option: Sendable, Hashable {
        public var teacher: Int
        /// Other classes whose timetable row at this time names the teacher (a displaceable row):
        /// the teacher is free only if each of them has a mental-health lesson at this time too.
        public var requires: [Int]
    }

    /// A (date, period) at which a class may have a lesson: a displaceable or free period.
    public struct Candidate: Sendable {
        public var day: Int
        public var period: Int
        /// Displacement cost of the period (subject cost or free-period cost).
        public var cost: Double
        /// The replaced subject; empty for a free period.
        public var replaces: String
        public var options: [Option]
    }

    public var schools: [String]
    public var months: [String]
    /// Mondays of the ISO weeks, in order.
    public var isoWeeks: [CivilDate]
    public var days: [Day]
    public var classes: [ClassInfo]
    public var teachers: [TeacherInfo]
    public var policy: Policy
    public var preferences: PreferenceWeights
    public var periodsPerDay: Int
    /// First day of the term (teaching week 1 holds it).
    public var termStart: CivilDate

    /// Total required lessons (sum of all minimums).
    public var required: Int {
        classes.reduce(0) { $0 + $1.minimum.reduce(0) { $0 + ($1 ?? 0) } }
    }

    /// Lessons class `ci` may still have in ISO week `w` (max_per_week less its lectures).
    public func classWeekCap(_ ci: Int, _ w: Int) -> Int {
        max(0, policy.maxPerWeek - (classes[ci].lecturesInWeek[w] ?? 0))
    }
    /// Lessons teacher `t` may still give on day `d` (nil: no limit).
    public func teacherDayCap(_ t: Int, _ d: Int) -> Int? {
        teachers[t].maxPerDay.map { max(0, $0 - (teachers[t].lecturesOnDay[d] ?? 0)) }
    }
    /// Lessons teacher `t` may still give in ISO week `w` (nil: no limit).
    public func teacherWeekCap(_ t: Int, _ w: Int) -> Int? {
        teachers[t].maxPerWeek.map { max(0, $0 - (teachers[t].lecturesInWeek[w] ?? 0)) }
    }

    /// Index of each class by (school, class id).
    public func classIndex(school: String, id: String) -> Int? {
        classes.firstIndex { $0.school == school && $0.id == id }
    }
}

/// Splits a district into groups of schools linked by a shared teacher id, in school order.
public func schoolGroups(_ district: District) -> [[School]] {
    var sets = UnionFind(count: district.schools.count)
    var owner: [String: Int] = [:]
    for (i, s) in district.schools.enumerated() {
        for t in s.teachers {
            if let j = owner[t.id] { sets.union(i, j) } else { owner[t.id] = i }
        }
    }
    var groups: [Int: [School]] = [:]
    var order: [Int] = []
    for (i, s) in district.schools.enumerated() {
        let r = sets.find(i)
        if groups[r] == nil { order.append(r) }
        groups[r, default: []].append(s)
    }
    return order.map { groups[$0]! }
}

extension Instance {
    /// Builds the instance of a group of schools of `district`.
    public init(district: District, schools group: [School]) {
        let policy = district.policy
        schools = group.map(\.id)
        termStart = district.termStart
        self.policy = policy
        preferences = district.preferences
        periodsPerDay = group.map(\.periodsPerDay).max() ?? 0

        // Calendars per school; the group's lesson days are the union.
        let calendars = group.map { TermCalendar(district: district, daysPerWeek: $0.daysPerWeek) }
        var monthKeys = Set<String>()
        var dayDates = Set<CivilDate>()
        for cal in calendars {
            monthKeys.formUnion(cal.months)
            for d in cal.lessonDays { dayDates.insert(d.date) }
        }
        months = monthKeys.sorted()
        let sortedDates = dayDates.sorted()
        var weekMondays: [CivilDate] = []
        for d in sortedDates where weekMondays.last != d.weekMonday { weekMondays.append(d.weekMonday) }
        isoWeeks = weekMondays
        let monthIndex = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        let weekIndex = Dictionary(uniqueKeysWithValues: weekMondays.enumerated().map { ($1, $0) })
        let firstMonday = district.termStart.weekMonday.dayNumber
        days = sortedDates.map { date in
            let entry = district.calendar.first { $0.date == date }
            let wd = entry?.kind == .makeup ? (entry?.followsWeekday ?? date.weekday) : date.weekday
            return Day(date: date, timetableWeekday: wd,
                       teachingWeek: (date.weekMonday.dayNumber - firstMonday) / 7 + 1,
                       month: monthIndex[date.monthKey]!, isoWeek: weekIndex[date.weekMonday]!)
        }
        let dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1.date, $0) })

        // Psychology teachers of the group (a teacher listed by several schools appears once).
        var teacherList: [TeacherInfo] = []
        var teacherIndex: [String: Int] = [:]
        for s in group {
            for t in s.teachers where t.psych.teaches {
                if let i = teacherIndex[t.id] { teacherList[i].schools.append(s.id); continue }
                teacherIndex[t.id] = teacherList.count
                teacherList.append(TeacherInfo(id: t.id, name: t.name, role: t.psych, stages: t.stages,
                                               maxPerDay: t.maxPerDay, maxPerWeek: t.maxPerWeek, schools: [s.id]))
            }
        }
        teachers = teacherList

        // Class indices.
        var classKey: [String: Int] = [:]  // "school\u{1}class"
        var classCount = 0
        for s in group { for c in s.classes { classKey[s.id + "\u{1}" + c.id] = classCount; classCount += 1 } }

        // Unavailability of each psychology teacher, from every school that lists it.
        var unavailable: [Int: [Unavailability]] = [:]
        for s in group { for u in s.unavailable { if let t = teacherIndex[u.teacher] { unavailable[t, default: []].append(u) } } }
        // District training days (calendar kind `training`): every psychology teacher is away all day.
        for e in district.calendar where e.kind == .training {
            for t in teacherList.indices {
                unavailable[t, default: []].append(Unavailability(teacher: teacherList[t].id, when: .date(e.date),
                                                                  reason: e.note.isEmpty ? "training" : e.note, training: true))
            }
        }

        // The rows of every school by (class, weekday, period); and rows naming each teacher.
        struct RowRef { var school: Int; var row: TimetableRow }
        var teacherRows: [Int: [RowRef]] = [:]
        for (si, s) in group.enumerated() {
            for r in s.timetable { for t in r.teachers { if let ti = teacherIndex[t] { teacherRows[ti, default: []].append(RowRef(school: si, row: r)) } } }
        }
        // Which dates are school days (any kind) of each school, with the timetable weekday.
        let schoolDayMaps: [[CivilDate: SchoolDay]] = calendars.map { cal in
            Dictionary(uniqueKeysWithValues: cal.schoolDays.map { ($0.date, $0) })
        }

        var classList: [ClassInfo] = []
        for (si, s) in group.enumerated() {
            var rowsAt: [String: [TimetableRow]] = [:]
            for r in s.timetable { rowsAt["\(r.classID)\u{1}\(r.weekday)\u{1}\(r.period)", default: []].append(r) }
            let cal = calendars[si]
            let lessonDays = cal.lessonDays
            for c in s.classes {
                var minimum = [Int?](repeating: nil, count: months.count)
                for m in cal.months { minimum[monthIndex[m]!] = policy.minimum(forMonth: m) }
                var cands: [Candidate] = []
                for sd in lessonDays {
                    let di = dayIndex[sd.date]!
                    for p in 1...max(1, s.periodsPerDay) where p <= s.periodsPerDay {
                        let row = rowsAt["\(c.id)\u{1}\(sd.timetableWeekday)\u{1}\(p)"]?
                            .first { $0.weeks.applies(toWeek: sd.teachingWeek) }
                        let cost: Double
                        let replaces: String
                        if let row {
                            guard let cst = policy.displaceable[row.subject] else { continue }
                            cost = cst
                            replaces = row.subject
                        } else {
                            guard policy.useFreePeriods else { continue }
                            cost = policy.freePeriodCost
                            replaces = ""
                        }
                        var options: [Option] = []
                        for t in s.teachers where t.canTeach(c.stage) {
                            let ti = teacherIndex[t.id]!
                            if (unavailable[ti] ?? []).contains(where: { u in
                                switch u.when {
                                case .date(let d): return d == sd.date && u.covers(period: p)
                                case .weekday(let w): return w == sd.timetableWeekday && u.covers(period: p)
                                }
                            }) { continue }
                            // The teacher's own timetable rows at this time, in every school of the group.
                            var requires: [Int] = []
                            var blocked = false
                            for ref in teacherRows[ti] ?? [] where ref.row.period == p {
                                guard let otherDay = schoolDayMaps[ref.school][sd.date] else { continue }
                                let other = group[ref.school]
                                guard ref.row.weekday == otherDay.timetableWeekday,
                                      ref.row.weeks.applies(toWeek: otherDay.teachingWeek) else { continue }
                                let rc = classKey[other.id + "\u{1}" + ref.row.classID]!
                                if other.id == s.id && ref.row.classID == c.id { continue }  // the row this lesson replaces
                                // Busy unless that row can be (and is) replaced too.
                                if policy.displaceable[ref.row.subject] == nil || otherDay.isExam {
                                    blocked = true
                                    break
                                }
                                if !requires.contains(rc) { requires.append(rc) }
                            }
                            if blocked { continue }
                            options.append(Option(teacher: ti, requires: requires.sorted()))
                        }
                        cands.append(Candidate(day: di, period: p, cost: cost, replaces: replaces, options: options))
                    }
                }
                classList.append(ClassInfo(school: s.id, id: c.id, stage: c.stage, grade: c.grade,
                                           minimum: minimum, candidates: cands,
                                           lecturesInMonth: [Int](repeating: 0, count: months.count)))
            }
        }
        // An option that needs another class's lesson at a time that class has no candidate can never be used.
        var hasCandidate = Set<[Int]>()
        for (ci, c) in classList.enumerated() { for k in c.candidates { hasCandidate.insert([ci, k.day, k.period]) } }
        for ci in classList.indices {
            for k in classList[ci].candidates.indices {
                let cand = classList[ci].candidates[k]
                classList[ci].candidates[k].options = cand.options.filter { o in
                    o.requires.allSatisfy { hasCandidate.contains([$0, cand.day, cand.period]) }
                }
            }
        }
        classes = classList
    }
}
