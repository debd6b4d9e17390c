import XinyuPack

/// One school day of the term for one school.
public struct SchoolDay: Sendable, Hashable {
    public var date: CivilDate
    /// The timetable weekday that runs this day (a make-up day's `follows_weekday`).
    public var timetableWeekday: Int
    /// Teaching week, 1 for the Monday–Sunday week holding the term's start (decides 单双周 rows).
    public var teachingWeek: Int
    /// An exam day: a school day without mental-health lessons.
    public var isExam: Bool
    /// Monday of the ISO week (the key of per-week limits).
    public var isoWeek: CivilDate { date.weekMonday }
    public var monthKey: String { date.monthKey }
}

/// The term's school days for a school with `daysPerWeek` days, from the district calendar.
public struct TermCalendar: Sendable {
    public let start: CivilDate
    public let end: CivilDate
    /// Every school day (exam days included), in date order.
    public let schoolDays: [SchoolDay]
    /// Calendar entries by date.
    public let entries: [CivilDate: CalendarEntry]

    public init(district: District, daysPerWeek: Int) {
        start = district.termStart
        end = district.termEnd
        var byDate: [CivilDate: CalendarEntry] = [:]
        for e in district.calendar { byDate[e.date] = e }
        entries = byDate
        var days: [SchoolDay] = []
        if start <= end {
            for n in start.dayNumber...end.dayNumber {
                let date = CivilDate(dayNumber: n)
                if let day = Self.schoolDay(district, date, entry: byDate[date], daysPerWeek: daysPerWeek) { days.append(day) }
            }
        }
        schoolDays = days
    }

    /// The school day on `date` of a school with `daysPerWeek` days, nil when there is none: the
    /// one rule of the term's days (a calendar is this rule applied to each date of the term).
    public static func schoolDay(_ district: District, _ school: School, _ date: CivilDate) -> SchoolDay? {
        guard date >= district.termStart && date <= district.termEnd else { return nil }
        let entry = district.calendar.last { $0.date == date }
        return schoolDay(district, date, entry: entry, daysPerWeek: school.daysPerWeek)
    }

    private static func schoolDay(_ district: District, _ date: CivilDate, entry: CalendarEntry?, daysPerWeek: Int) -> SchoolDay? {
        let week = (date.weekMonday.dayNumber - district.termStart.weekMonday.dayNumber) / 7 + 1
        switch entry?.kind {
        case .holiday?, .closure?:
            return nil
        case .makeup?:
            return SchoolDay(date: date, timetableWeekday: entry?.followsWeekday ?? date.weekday, teachingWeek: week, isExam: false)
        case .exam?:
            // An exam on a day that is not otherwise a school day changes nothing.
            guard date.weekday <= daysPerWeek else { return nil }
            return SchoolDay(date: date, timetableWeekday: date.weekday, teachingWeek: week, isExam: true)
        case .training?, nil:
            // A training day is a school day; only psychology teachers are away (Instance).
            guard date.weekday <= daysPerWeek else { return nil }
            return SchoolDay(date: date, timetableWeekday: date.weekday, teachingWeek: week, isExam: false)
        }
    }

    /// School days that may take a mental-health lesson (not exam days).
    public var lessonDays: [SchoolDay] { schoolDays.filter { !$0.isExam } }

    /// Months (`YYYY-MM`) with at least one school day: each has a minimum.
    public var months: [String] {
        var seen: [String] = []
        for d in schoolDays where seen.last != d.monthKey { seen.append(d.monthKey) }
        return seen
    }

    /// The school day on a date, if it is one.
    public func day(on date: CivilDate) -> SchoolDay? {
        schoolDays.first { $0.date == date }
    }
}
