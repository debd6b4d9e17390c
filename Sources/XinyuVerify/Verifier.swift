import XinyuPack

/// A finding of the verifier: which rule a schedule breaks, in a sentence.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var message: String
    public var description: String { "[\(rule)] \(message)" }
}

/// Re-checks a schedule against a pack from scratch: every hard rule of the pack, derived from
/// the input files alone (its own calendar, its own reading of timetables and limits), never
/// from the solver's model. Used by the tests on every solved instance and by `xinyu verify`.
public enum Verifier {
    /// A school day of `school` on `date`: the timetable weekday it runs and its teaching week;
    /// nil when there is no school that day. `exam` tells whether it is an exam day.
    public static func schoolDay(_ district: District, _ school: School, _ date: CivilDate)
        -> (weekday: Int, week: Int, exam: Bool)? {
        guard date >= district.termStart && date <= district.termEnd else { return nil }
        let entry = district.calendar.first { $0.date == date }
        let week = (date.dayNumber - district.termStart.dayNumber + district.termStart.weekday - 1) / 7 + 1
        switch entry?.kind {
        case .holiday?, .closure?: return nil
        case .makeup?: return (entry!.followsWeekday ?? date.weekday, week, false)
        case .exam?: return date.weekday <= school.daysPerWeek ? (date.weekday, week, true) : nil
        case .training?, nil: return date.weekday <= school.daysPerWeek ? (date.weekday, week, false) : nil
        }
    }

    /// The calendar months of the term in which `school` has at least one school day.
    static func months(_ district: District, _ school: School) -> [String] {
        var out: [String] = []
        var n = district.termStart.dayNumber
        while n <= district.termEnd.dayNumber {
            let d = CivilDate(dayNumber: n)
            if schoolDay(district, school, d) != nil && out.last != d.monthKey { out.append(d.monthKey) }
            n += 1
        }
        return out
    }

    public static func lectureKey(_ l: Lesson) -> String {
        l.school + "\u{1}" + l.date.iso + "\u{1}\(l.period)\u{1}" + l.teacher
    }

    /// The keys (school, date, period, teacher) of the schedule's grade lectures, each checked:
    /// a school that declares [lectures] for the grade, every class of the grade at once (lecture
    /// simultaneity), one lecture per grade in the term, one lecture at a time in the hall.
    static func lectureGroups(_ district: District, _ lessons: [Lesson], fail: (String, String) -> Void) -> Set<String> {
        var rows: [String: [Lesson]] = [:]
        for l in lessons { rows[lectureKey(l), default: []].append(l) }
        var keys = Set<String>()
        var perGrade: [String: [String]] = [:]   // school, grade → lecture times
        var hall: [String: Int] = [:]            // school, date, period → lectures
        for (key, ls) in rows.sorted(by: { $0.key < $1.key }) {
            let school = district.school(ls[0].school)
            guard ls.contains(where: \.lecture) || (ls.count > 1 && school?.lectures != nil) else { continue }
            keys.insert(key)
            let l = ls[0]
            let what = "\(l.school) lecture on \(l.date.iso) period \(l.period) by \(l.teacher)"
            guard let school, let plan = school.lectures else {
                fail("lecture", "\(what): the school declares no [lectures]"); continue
            }
            let grades = Set(ls.compactMap { r in school.classes.first { $0.id == r.classID }?.grade })
            guard grades.count == 1, let g = grades.first else {
                fail("lecture", "\(what): its classes are of grades \(grades.sorted().map(String.init).joined(separator: ", ")), not one grade"); continue
            }
            if !plan.grades.contains(g) { fail("lecture", "\(what): grade \(g) is not in [lectures] grades") }
            let all = Set(school.classes.filter { $0.grade == g }.map(\.id))
            let here = Set(ls.map(\.classID))
            if here != all {
                fail("lecture-simultaneity", "\(what): grade \(g) has classes \(all.sorted().joined(separator: ", ")) but the lecture has \(here.sorted().joined(separator: ", ")) — a lecture is for every class of the grade at once")
            }
            if ls.contains(where: { !$0.lecture }) && ls.contains(where: \.lecture) {
                fail("lecture", "\(what): some rows of it are marked lecture and some are not")
            }
            perGrade[l.school + " grade \(g)", default: []].append(l.date.iso + " period \(l.period)")
            hall[l.school + "\u{1}" + l.date.iso + "\u{1}\(l.period)", default: 0] += 1
        }
        for (grade, times) in perGrade.sorted(by: { $0.key < $1.key }) where times.count > 1 {
            fail("lecture", "\(grade) has \(times.count) lectures (\(times.joined(separator: "; "))); [lectures] asks for one a term")
        }
        for (key, n) in hall.sorted(by: { $0.key < $1.key }) where n > 1 {
            let parts = key.split(separator: "\u{1}").map(String.init)
            fail("hall", "\(parts[0]) has \(n) lectures in the hall at once on \(parts[1]) period \(parts[2])")
        }
        return keys
    }

    /// The months table a schedule gives: one row per class and month with a school day.
    public static func monthsTable(_ district: District, _ lessons: [Lesson]) -> [MonthRow] {
        var count: [String: Int] = [:]
        for l in lessons { count[l.school + "\u{1}" + l.classID + "\u{1}" + l.date.monthKey, default: 0] += 1 }
        var rows: [MonthRow] = []
        for s in district.schools {
            let ms = months(district, s)
            for c in s.classes {
                for m in ms {
                    rows.append(MonthRow(school: s.id, classID: c.id, month: m,
                                         required: district.policy.minimum(forMonth: m),
                                         scheduled: count[s.id + "\u{1}" + c.id + "\u{1}" + m] ?? 0))
                }
            }
        }
        return rows
    }

    /// Every rule the schedule breaks (empty when it keeps them all). With `months`, the months
    /// table written beside the schedule is checked too.
    public static func check(_ district: District, _ lessons: [Lesson], months monthRows: [MonthRow]? = nil,
                             allowShort: Bool = false) -> [Violation] {
        var out: [Violation] = []
        func fail(_ rule: String, _ msg: String) { out.append(Violation(rule: rule, message: msg)) }
        let policy = district.policy
        var schools: [String: School] = [:]
        for s in district.schools { schools[s.id] = s }
        // Teachers across the district: the first definition, and every school that lists them.
        var teacherDef: [String: Teacher] = [:]
        var unavailable: [String: [Unavailability]] = [:]
        for s in district.schools {
            for t in s.teachers where teacherDef[t.id] == nil { teacherDef[t.id] = t }
            for u in s.unavailable { unavailable[u.teacher, default: []].append(u) }
        }
        // Every timetable row naming each teacher, with its school.
        var rowsOf: [String: [(School, TimetableRow)]] = [:]
        for s in district.schools { for r in s.timetable { for t in r.teachers { rowsOf[t, default: []].append((s, r)) } } }
        // Grade lectures: rows flagged as lectures, or several classes of a school that declares
        // [lectures] with one teacher at one time. A lecture is one lesson for its teacher.
        let lectureKeys = lectureGroups(district, lessons, fail: fail)
        func isLecture(_ l: Lesson) -> Bool { lectureKeys.contains(lectureKey(l)) }
        var lectureCounted = Set<String>()
        /// 1 for a lesson, and for the first row of each lecture; 0 for the other rows of a lecture.
        var teacherWeight: [Int] = []
        for l in lessons {
            if isLecture(l) { teacherWeight.append(lectureCounted.insert(lectureKey(l)).inserted ? 1 : 0) } else { teacherWeight.append(1) }
        }
        // The lesson of each class at each date and period.
        var classAt: [String: Int] = [:]
        var teacherAt: [String: Int] = [:]
        for (i, l) in lessons.enumerated() {
            classAt[l.school + "\u{1}" + l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)", default: 0] += 1
            teacherAt[l.teacher + "\u{1}" + l.date.iso + "\u{1}\(l.period)", default: 0] += teacherWeight[i]
        }
        var teacherDay: [String: Int] = [:], teacherWeek: [String: Int] = [:], classWeek: [String: Int] = [:]
        var teacherOfClass: [String: Set<String>] = [:]

        for (i, l) in lessons.enumerated() {
            let what = "\(l.school) class \(l.classID) on \(l.date.iso) period \(l.period)"
            guard let s = schools[l.school] else { fail("school", "\(what): school \(l.school) is not in the pack"); continue }
            guard let c = s.classes.first(where: { $0.id == l.classID }) else {
                fail("class", "\(what): class \(l.classID) is not in \(l.school)/classes.csv"); continue
            }
            guard let day = schoolDay(district, s, l.date) else {
                fail("calendar", "\(what): \(l.date.iso) is not a school day of \(l.school)"); continue
            }
            if day.exam { fail("calendar", "\(what): \(l.date.iso) is an exam day") }
            if l.weekday != day.weekday {
                fail("calendar", "\(what): the day runs the timetable of weekday \(day.weekday), not \(l.weekday)")
            }
            if l.period < 1 || l.period > s.periodsPerDay {
                fail("period", "\(what): period \(l.period) is not 1–\(s.periodsPerDay)")
            }
            // The replaced period: a displaceable subject, or a free period when allowed.
            let row = s.timetable.first {
                $0.classID == l.classID && $0.weekday == day.weekday && $0.period == l.period && $0.weeks.applies(toWeek: day.week)
            }
            if let row {
                if policy.displaceable[row.subject] == nil {
                    fail("displaceable", "\(what): replaces \(row.subject), which is not displaceable")
                } else if row.subject != l.replaces {
                    fail("displaceable", "\(what): says it replaces \"\(l.replaces)\" but the timetable has \(row.subject)")
                }
            } else {
                if !policy.useFreePeriods { fail("free-period", "\(what): is a free period and free periods may not be used") }
                if !l.replaces.isEmpty { fail("displaceable", "\(what): says it replaces \(l.replaces) but the period is free") }
            }
            if (classAt[l.school + "\u{1}" + l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)"] ?? 0) > 1 {
                fail("class-clash", "\(what): the class has two mental-health lessons at once")
            }
            // The teacher: a psychology teacher of this school and stage, free and within limits.
            guard let t = s.teachers.first(where: { $0.id == l.teacher }) else {
                fail("teacher", "\(what): teacher \(l.teacher) is not in \(l.school)/teachers.csv"); continue
            }
            let def = teacherDef[t.id] ?? t
            if !def.psych.teaches { fail("teacher", "\(what): \(t.id) is not a psychology teacher") }
            if !def.stages.contains(c.stage) { fail("teacher", "\(what): \(t.id) does not teach stage \(c.stage.rawValue)") }
            for u in unavailable[t.id] ?? [] where u.covers(period: l.period) {
                switch u.when {
                case .date(let d) where d == l.date:
                    fail("unavailable", "\(what): \(t.id) is unavailable that day (\(u.reason))")
                case .weekday(let w) where w == day.weekday:
                    fail("unavailable", "\(what): \(t.id) is unavailable on weekday \(w) (\(u.reason))")
                default: break
                }
            }
            if let training = district.calendar.first(where: { $0.kind == .training && $0.date == l.date }) {
                fail("training", "\(what): \(l.date.iso) is a district training day for psychology teachers (\(training.note))")
            }
            if (teacherAt[t.id + "\u{1}" + l.date.iso + "\u{1}\(l.period)"] ?? 0) > 1 {
                fail("teacher-clash", "\(what): \(t.id) gives two mental-health lessons at once")
            }
            // Busy with their own timetable rows (in any school) unless that row is replaced today.
            for (other, r) in rowsOf[t.id] ?? [] where r.period == l.period {
                guard let od = schoolDay(district, other, l.date), r.weekday == od.weekday, r.weeks.applies(toWeek: od.week) else { continue }
                do {
                    let replaced = (classAt[other.id + "\u{1}" + r.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)"] ?? 0) > 0
                    if !replaced {
                        fail("teacher-busy", "\(what): \(t.id) teaches \(r.subject) in \(other.id) class \(r.classID) at that time")
                    }
                }
            }
            teacherDay[t.id + "\u{1}" + l.date.iso, default: 0] += teacherWeight[i]
            teacherWeek[t.id + "\u{1}" + l.date.weekMonday.iso, default: 0] += teacherWeight[i]
            classWeek[l.school + "\u{1}" + l.classID + "\u{1}" + l.date.weekMonday.iso, default: 0] += 1
            // A lecture's teacher need not be the class's own teacher (same_teacher).
            if !isLecture(l) { teacherOfClass[l.school + "\u{1}" + l.classID, default: []].insert(t.id) }
        }
        for (key, n) in teacherDay.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{1}").map(String.init)
            if let lim = teacherDef[parts[0]]?.maxPerDay, n > lim {
                fail("teacher-day", "\(parts[0]) gives \(n) lessons on \(parts[1]), more than max_per_day \(lim)")
            }
        }
        for (key, n) in teacherWeek.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{1}").map(String.init)
            if let lim = teacherDef[parts[0]]?.maxPerWeek, n > lim {
                fail("teacher-week", "\(parts[0]) gives \(n) lessons in the week of \(parts[1]), more than max_per_week \(lim)")
            }
        }
        for (key, n) in classWeek.sorted(by: { $0.key < $1.key }) where n > policy.maxPerWeek {
            let parts = key.split(separator: "\u{1}").map(String.init)
            fail("class-week", "\(parts[0]) class \(parts[1]) has \(n) lessons in the week of \(parts[2]), more than max_per_week \(policy.maxPerWeek)")
        }
        if policy.sameTeacher {
            for (key, ts) in teacherOfClass.sorted(by: { $0.key < $1.key }) where ts.count > 1 {
                let parts = key.split(separator: "\u{1}").map(String.init)
                fail("same-teacher", "\(parts[0]) class \(parts[1]) has \(ts.count) teachers (\(ts.sorted().joined(separator: ", "))), not one")
            }
        }
        // Each grade that asks for a lecture has one.
        if !allowShort {
            for school in district.schools {
                guard let plan = school.lectures else { continue }
                for g in plan.grades where school.classes.contains(where: { $0.grade == g }) {
                    let given = lessons.contains { l in l.school == school.id && isLecture(l) && school.classes.first(where: { $0.id == l.classID })?.grade == g }
                    if !given { fail("lecture-missing", "\(school.id) grade \(g) asks for a lecture ([lectures]) and has none") }
                }
            }
        }
        // Monthly minimums and the months table.
        let derived = monthsTable(district, lessons)
        if !allowShort {
            for r in derived where r.scheduled < r.required {
                fail("month-minimum", "\(r.school) class \(r.classID) has \(r.scheduled) lessons in \(r.month), fewer than \(r.required)")
            }
        }
        if let monthRows {
            if monthRows != derived {
                let want = Set(derived), have = Set(monthRows)
                for r in derived where !have.contains(r) {
                    fail("months-table", "months.csv should have \(r.school),\(r.classID),\(r.month),\(r.required),\(r.scheduled)")
                }
                for r in monthRows where !want.contains(r) {
                    fail("months-table", "months.csv has \(r.school),\(r.classID),\(r.month),\(r.required),\(r.scheduled), which the schedule does not give")
                }
                if out.isEmpty { fail("months-table", "months.csv rows are not in the expected order") }
            }
        }
        // pinned.csv: kept lessons present exactly, nothing on a forbidden place.
        out += PinVerifier.check(district, lessons)
        if lessons != lessons.sorted() { fail("order", "schedule rows are not sorted by school, class, date, period") }
        return out
    }
}
