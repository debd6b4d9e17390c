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
        case .makeup?: return (entry?.followsWeekday ?? date.weekday, week, false)
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
    /// table written beside the schedule is checked too. Each rule is one function of
    /// `ScheduleAudit` (PerLessonRules.swift, TotalRules.swift); the order of the calls is the order
    /// of the violations: lectures, then each lesson in turn, then the totals.
    public static func check(_ district: District, _ lessons: [Lesson], months monthRows: [MonthRow]? = nil,
                             allowShort: Bool = false) -> [Violation] {
        var audit = ScheduleAudit(district, lessons)
        for i in lessons.indices { audit.checkLesson(i) }
        audit.checkTeacherDays()
        audit.checkTeacherWeeks()
        audit.checkClassWeeks()
        audit.checkSameTeacher()
        let derived = monthsTable(district, lessons)
        if !allowShort {
            audit.checkLecturesGiven()
            audit.checkMonthMinimums(derived)
        }
        if let monthRows { audit.checkMonthsTable(monthRows, derived: derived) }
        audit.out += PinVerifier.check(district, lessons)
        audit.checkOrder()
        return audit.out
    }
}
