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
        let firstMonday = district.termStart.weekMonday.dayNumber
        var days: [SchoolDay] = []
        if start <= end {
            for n in start.dayNumber...end.dayNumber {
                let date = CivilDate(dayNumber: n)
                let week = (date.weekMonday.dayNumber - firstMonday) / 7 + 1
                let entry = byDate[date]
                switch entry?.kind {
                case .holiday?, .closure?:
                    continue
                case .makeup?:
                    let wd = entry?.followsWeekday ?? date.weekday
                    days.append(SchoolDay(date: date, timetableWeekday: wd, teachingWeek: week, isExam: false))
                case .exam?:
                    // An exam on a day that is not otherwise a school day changes nothing.
                    if date.weekday <= daysPerWeek {
                        days.append(SchoolDay(date: date, timetableWeekday: date.weekday, teachingWeek: week, isExam: true))
                    }
                case .training?, nil:
                    // A training day is a school day; only psychology teachers are away (Instance).
                    if date.weekday <= daysPerWeek {
                        days.append(SchoolDay(date: date, timetableWeekday: date.weekday, teachingWeek: week, isExam: false))
                    }
                }
            }
        }
        schoolDays = days
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
