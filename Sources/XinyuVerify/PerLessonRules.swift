// The rules of each lesson alone (and against the lessons at the same time), in the order
// `Verifier.check` reports them: school, class, calendar, period, displaceable / free-period,
// class-clash, teacher, unavailable, training, teacher-clash, teacher-busy.

import XinyuPack

/// One verification of a schedule: the pack's lookups, the counts the rules share, and the
/// violations found so far (in the order found).
struct ScheduleAudit {
    let district: District
    let lessons: [Lesson]
    let policy: Policy
    var out: [Violation] = []
    var schools: [String: School] = [:]
    /// Teachers across the district: the first definition.
    var teacherDef: [String: Teacher] = [:]
    /// unavailable.csv rows of every school that lists the teacher.
    var unavailable: [String: [Unavailability]] = [:]
    /// Every timetable row naming each teacher, with its school.
    var rowsOf: [String: [(School, TimetableRow)]] = [:]
    /// Keys of the grade lectures (`Verifier.lectureKey`).
    var lectureKeys = Set<String>()
    /// 1 for a lesson, and for the first row of each lecture; 0 for the other rows of a lecture
    /// (a lecture is one lesson for its teacher).
    var teacherWeight: [Int] = []
    var classAt: [String: Int] = [:]
    var teacherAt: [String: Int] = [:]
    var teacherDay: [String: Int] = [:], teacherWeek: [String: Int] = [:], classWeek: [String: Int] = [:]
    var teacherOfClass: [String: Set<String>] = [:]

    /// The lookups, and the grade lectures checked first (lecture, lecture-simultaneity, hall).
    init(_ district: District, _ lessons: [Lesson]) {
        self.district = district
        self.lessons = lessons
        policy = district.policy
        for s in district.schools { schools[s.id] = s }
        for s in district.schools {
            for t in s.teachers where teacherDef[t.id] == nil { teacherDef[t.id] = t }
            for u in s.unavailable { unavailable[u.teacher, default: []].append(u) }
        }
        for s in district.schools { for r in s.timetable { for t in r.teachers { rowsOf[t, default: []].append((s, r)) } } }
        var found: [Violation] = []
        lectureKeys = Verifier.lectureGroups(district, lessons) { found.append(Violation(rule: $0, message: $1)) }
        out = found
        countTimes()
    }

    mutating func fail(_ rule: String, _ message: String) { out.append(Violation(rule: rule, message: message)) }

    func isLecture(_ l: Lesson) -> Bool { lectureKeys.contains(Verifier.lectureKey(l)) }

    /// Lessons of each class, and of each teacher, at each date and period.
    private mutating func countTimes() {
        var lectureCounted = Set<String>()
        for l in lessons {
            teacherWeight.append(isLecture(l) ? (lectureCounted.insert(Verifier.lectureKey(l)).inserted ? 1 : 0) : 1)
        }
        for (i, l) in lessons.enumerated() {
            classAt[l.school + "\u{1}" + l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)", default: 0] += 1
            teacherAt[l.teacher + "\u{1}" + l.date.iso + "\u{1}\(l.period)", default: 0] += teacherWeight[i]
        }
    }

    /// Every rule of lesson `i`; a lesson whose school, class, day or teacher is unknown is not
    /// checked further.
    mutating func checkLesson(_ i: Int) {
        let l = lessons[i]
        let what = "\(l.school) class \(l.classID) on \(l.date.iso) period \(l.period)"
        guard let place = checkPlace(l, what) else { return }
        let (s, c, day) = place
        checkDay(l, s, day, what)
        checkReplaced(l, s, day, what)
        checkClassClash(l, what)
        guard let t = checkTeacher(l, s, c, what) else { return }
        checkUnavailable(l, t, day, what)
        checkTraining(l, what)
        checkTeacherClash(l, t, what)
        checkTeacherBusy(l, t, what)
        tally(i, l, t)
    }

    // school, class, calendar: the lesson's school and class exist and its date is a school day.
    mutating func checkPlace(_ l: Lesson, _ what: String) -> (School, SchoolClass, (weekday: Int, week: Int, exam: Bool))? {
        guard let s = schools[l.school] else { fail("school", "\(what): school \(l.school) is not in the pack"); return nil }
        guard let c = s.classes.first(where: { $0.id == l.classID }) else {
            fail("class", "\(what): class \(l.classID) is not in \(l.school)/classes.csv"); return nil
        }
        guard let day = Verifier.schoolDay(district, s, l.date) else {
            fail("calendar", "\(what): \(l.date.iso) is not a school day of \(l.school)"); return nil
        }
        return (s, c, day)
    }

    // calendar, period: not an exam day, the weekday the day runs, a period of the school day.
    mutating func checkDay(_ l: Lesson, _ s: School, _ day: (weekday: Int, week: Int, exam: Bool), _ what: String) {
        if day.exam { fail("calendar", "\(what): \(l.date.iso) is an exam day") }
        if l.weekday != day.weekday {
            fail("calendar", "\(what): the day runs the timetable of weekday \(day.weekday), not \(l.weekday)")
        }
        if l.period < 1 || l.period > s.periodsPerDay {
            fail("period", "\(what): period \(l.period) is not 1–\(s.periodsPerDay)")
        }
    }

    // displaceable, free-period: the replaced period is a displaceable subject (the one the
    // lesson names), or a free period when free periods may be used.
    mutating func checkReplaced(_ l: Lesson, _ s: School, _ day: (weekday: Int, week: Int, exam: Bool), _ what: String) {
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
    }

    // class-clash: a class has one mental-health lesson at a time.
    mutating func checkClassClash(_ l: Lesson, _ what: String) {
        if (classAt[l.school + "\u{1}" + l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)"] ?? 0) > 1 {
            fail("class-clash", "\(what): the class has two mental-health lessons at once")
        }
    }

    // teacher: a psychology teacher listed by the school, teaching the class's stage.
    mutating func checkTeacher(_ l: Lesson, _ s: School, _ c: SchoolClass, _ what: String) -> Teacher? {
        guard let t = s.teachers.first(where: { $0.id == l.teacher }) else {
            fail("teacher", "\(what): teacher \(l.teacher) is not in \(l.school)/teachers.csv"); return nil
        }
        let def = teacherDef[t.id] ?? t
        if !def.psych.teaches { fail("teacher", "\(what): \(t.id) is not a psychology teacher") }
        if !def.stages.contains(c.stage) { fail("teacher", "\(what): \(t.id) does not teach stage \(c.stage.rawValue)") }
        return t
    }

    // unavailable: the teacher is not unavailable then (unavailable.csv, by date or weekday).
    mutating func checkUnavailable(_ l: Lesson, _ t: Teacher, _ day: (weekday: Int, week: Int, exam: Bool), _ what: String) {
        for u in unavailable[t.id] ?? [] where u.covers(period: l.period) {
            switch u.when {
            case .date(let d) where d == l.date:
                fail("unavailable", "\(what): \(t.id) is unavailable that day (\(u.reason))")
            case .weekday(let w) where w == day.weekday:
                fail("unavailable", "\(what): \(t.id) is unavailable on weekday \(w) (\(u.reason))")
            default: break
            }
        }
    }

    // training: no lesson on a district training day (every psychology teacher is away).
    mutating func checkTraining(_ l: Lesson, _ what: String) {
        if let training = district.calendar.first(where: { $0.kind == .training && $0.date == l.date }) {
            fail("training", "\(what): \(l.date.iso) is a district training day for psychology teachers (\(training.note))")
        }
    }

    // teacher-clash: a teacher gives one mental-health lesson at a time (a lecture counts once).
    mutating func checkTeacherClash(_ l: Lesson, _ t: Teacher, _ what: String) {
        if (teacherAt[t.id + "\u{1}" + l.date.iso + "\u{1}\(l.period)"] ?? 0) > 1 {
            fail("teacher-clash", "\(what): \(t.id) gives two mental-health lessons at once")
        }
    }

    // teacher-busy: the teacher's own timetable rows then (in any school) are replaced too.
    mutating func checkTeacherBusy(_ l: Lesson, _ t: Teacher, _ what: String) {
        for (other, r) in rowsOf[t.id] ?? [] where r.period == l.period {
            guard let od = Verifier.schoolDay(district, other, l.date), r.weekday == od.weekday, r.weeks.applies(toWeek: od.week) else { continue }
            let replaced = (classAt[other.id + "\u{1}" + r.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)"] ?? 0) > 0
            if !replaced {
                fail("teacher-busy", "\(what): \(t.id) teaches \(r.subject) in \(other.id) class \(r.classID) at that time")
            }
        }
    }

    /// Counts for the totals: the teacher's day and week, the class's week, the class's teachers
    /// (a lecture's teacher need not be the class's own teacher: same_teacher skips it).
    mutating func tally(_ i: Int, _ l: Lesson, _ t: Teacher) {
        teacherDay[t.id + "\u{1}" + l.date.iso, default: 0] += teacherWeight[i]
        teacherWeek[t.id + "\u{1}" + l.date.weekMonday.iso, default: 0] += teacherWeight[i]
        classWeek[l.school + "\u{1}" + l.classID + "\u{1}" + l.date.weekMonday.iso, default: 0] += 1
        if !isLecture(l) { teacherOfClass[l.school + "\u{1}" + l.classID, default: []].insert(t.id) }
    }
}
