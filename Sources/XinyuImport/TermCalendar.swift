// The term and calendar an imported pack starts with. Dates given on the command line are used
// as they are; without them the pack gets the autumn 2026 term (2026-09-01 … 2027-01-15), marked
// in district.toml as a default to edit.
//
// calendar.csv gets China's public holidays that fall in the term, from the State Council's notice
// on the 2026 holidays (国务院办公厅关于2026年部分节假日安排的通知, 国办发明电, published
// 2025-11-04). The notice names the make-up working days (调休上班) but not which weekday's timetable
// a school runs on them; a make-up day here runs the timetable of the weekday of the holiday it
// compensates (the comment at each says which). Dates outside 2026 are not in this table: a term
// reaching into 2027 gets no 2027 holidays (the report says so).

import XinyuPack

enum TermCalendar {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        guard let date = CivilDate(year: y, month: m, day: d) else { preconditionFailure("bad literal date") }
        return date
    }

    /// The default term when no dates are given: autumn 2026.
    static let defaultStart = date(2026, 9, 1)
    static let defaultEnd = date(2027, 1, 15)

    /// The years this table knows.
    static let knownYears: Set<Int> = [2026]

    /// 2026 holidays and make-up days (国办发明电, 2025-11-04).
    static let entries2026: [CalendarEntry] = {
        var e: [CalendarEntry] = []
        func run(_ from: CivilDate, _ to: CivilDate, _ note: String) {
            for n in from.dayNumber...to.dayNumber { e.append(CalendarEntry(date: CivilDate(dayNumber: n), kind: .holiday, note: note)) }
        }
        func makeup(_ d: CivilDate, _ weekday: Int, _ note: String) {
            e.append(CalendarEntry(date: d, kind: .makeup, followsWeekday: weekday, note: note))
        }
        // 元旦: 1月1日至3日放假; 1月4日（周日）上班 — compensates Friday 01-02: runs Friday's timetable.
        run(date(2026, 1, 1), date(2026, 1, 3), "元旦")
        makeup(date(2026, 1, 4), 5, "元旦调休（补1月2日周五）")
        // 春节: 2月15日至23日放假; 2月14日（周六）、2月28日（周六）上班 — they compensate Monday 02-23
        // and Friday 02-20 (the days beyond the statutory four): 02-14 runs Monday's, 02-28 Friday's.
        makeup(date(2026, 2, 14), 1, "春节调休（补2月23日周一）")
        run(date(2026, 2, 15), date(2026, 2, 23), "春节")
        makeup(date(2026, 2, 28), 5, "春节调休（补2月20日周五）")
        // 清明节: 4月4日至6日放假 (no make-up day).
        run(date(2026, 4, 4), date(2026, 4, 6), "清明节")
        // 劳动节: 5月1日至5日放假; 5月9日（周六）上班 — compensates Tuesday 05-05: Tuesday's timetable.
        run(date(2026, 5, 1), date(2026, 5, 5), "劳动节")
        makeup(date(2026, 5, 9), 2, "劳动节调休（补5月5日周二）")
        // 端午节: 6月19日至21日放假 (no make-up day).
        run(date(2026, 6, 19), date(2026, 6, 21), "端午节")
        // 中秋节: 9月25日至27日放假 (no make-up day).
        run(date(2026, 9, 25), date(2026, 9, 27), "中秋节")
        // 国庆节: 10月1日至7日放假; 9月20日（周日）、10月10日（周六）上班 — they compensate Wednesday
        // 10-07 and Tuesday 10-06: 09-20 runs Wednesday's timetable, 10-10 Tuesday's.
        makeup(date(2026, 9, 20), 3, "国庆节调休（补10月7日周三）")
        run(date(2026, 10, 1), date(2026, 10, 7), "国庆节")
        makeup(date(2026, 10, 10), 2, "国庆节调休（补10月6日周二）")
        return e
    }()

    /// The known holidays and make-up days inside `start … end`, and whether the term reaches
    /// into a year the table does not know.
    static func entries(from start: CivilDate, to end: CivilDate) -> (entries: [CalendarEntry], unknownYears: [Int]) {
        let inside = entries2026.filter { $0.date >= start && $0.date <= end }
        let unknown = (start.year...end.year).filter { !knownYears.contains($0) }
        return (inside, unknown)
    }
}
