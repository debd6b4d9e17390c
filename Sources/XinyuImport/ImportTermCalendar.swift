// The term and calendar an imported pack starts with. Dates given on the command line are used
// as they are; without them the pack gets the autumn 2026 term (2026-09-01 … 2027-01-15), marked
// in district.toml as a default to edit.
//
// calendar.csv gets China's public holidays that fall in the term, from the holiday table the
// generator uses too (XinyuPack's HolidayTable, bundled as holidays-cn.csv). Years outside the
// table get no holidays: a term reaching into 2027 gets no 2027 holidays (the report says so).

import XinyuPack

enum ImportTermCalendar {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        guard let date = CivilDate(year: y, month: m, day: d) else { preconditionFailure("bad literal date") }
        return date
    }

    /// The default term when no dates are given: autumn 2026.
    static let defaultStart = date(2026, 9, 1)
    static let defaultEnd = date(2027, 1, 15)

    /// A calendar.csv row of a holiday table's day: a make-up day's note names the date it
    /// compensates ("国庆节调休（补10月6日周二）").
    static func entry(_ d: HolidayTable.Day) -> CalendarEntry {
        guard let c = d.compensates else { return CalendarEntry(date: d.date, kind: d.kind, note: d.name) }
        return CalendarEntry(date: d.date, kind: .makeup, followsWeekday: d.followsWeekday,
                             note: "\(d.name)调休（补\(c.month)月\(c.day)日\(chineseWeekday(c.weekday))）")
    }

    /// The known holidays and make-up days inside `start … end`, and whether the term reaches
    /// into a year the table does not know.
    static func entries(from start: CivilDate, to end: CivilDate) -> (entries: [CalendarEntry], unknownYears: [Int]) {
        let table = HolidayTable.china
        let unknown = (start.year...end.year).filter { !table.years.contains($0) }
        return (table.days(from: start, to: end).map(entry), unknown)
    }
}
