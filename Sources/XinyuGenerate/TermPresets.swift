// The two term presets: dates, calendar.csv entries and the district policy.
//
// Holidays and 调休 make-up days are the State Council's, from the one holiday table the importer
// uses too (XinyuPack's HolidayTable, bundled as holidays-cn.csv); they agree with
// /work/shared/data/calendar/cn-public-holidays-2025-2026.csv (the tests check that when it is present).
// A make-up day runs the timetable of the weekday it compensates (the table's rule).

import XinyuPack

/// The term a generated district covers.
public enum TermPreset: String, CaseIterable, Sendable {
    /// 2026–2027 autumn term: 2026-09-01 … 2027-01-15.
    case autumn2026
    /// 2025–2026 spring term: 2026-03-02 … 2026-07-10.
    case spring2026
}

/// Builds a `CivilDate` from a literal known to be valid.
func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
    guard let date = CivilDate(year: y, month: m, day: d) else {
        preconditionFailure("invalid literal date \(y)-\(m)-\(d)")
    }
    return date
}

/// Consecutive dates `from`…`to` as entries of one kind.
private func run(_ from: CivilDate, _ to: CivilDate, _ kind: CalendarKind, _ note: String) -> [CalendarEntry] {
    (from.dayNumber...to.dayNumber).map { CalendarEntry(date: CivilDate(dayNumber: $0), kind: kind, note: note) }
}

/// The holiday table's days inside `start … end` as calendar.csv rows; a make-up day's note names
/// the date it compensates and the timetable it runs ("国庆节调休（补10月7日周三，按周三课表）").
private func holidays(from start: CivilDate, to end: CivilDate) -> [CalendarEntry] {
    HolidayTable.china.days(from: start, to: end).map { d in
        guard let c = d.compensates else { return CalendarEntry(date: d.date, kind: d.kind, note: d.name) }
        let weekday = chineseWeekday(c.weekday)
        return CalendarEntry(date: d.date, kind: .makeup, followsWeekday: d.followsWeekday,
                             note: "\(d.name)调休（补\(c.month)月\(c.day)日\(weekday)，按\(weekday)课表）")
    }
}

/// Everything about a term that does not depend on the schools.
struct TermInfo {
    var start: CivilDate
    var end: CivilDate
    /// calendar.csv rows, in date order, all inside the term.
    var calendar: [CalendarEntry]
    /// `policy.month_minimum` overrides for months with too few teaching weeks (left out when tight).
    var monthMinimum: [String: Int]
    /// District training days for psychology teachers (school days, not exam days).
    var trainingDays: [CivilDate]

    static func of(_ term: TermPreset) -> TermInfo {
        switch term {
        case .autumn2026:
            var cal = holidays(from: day(2026, 9, 1), to: day(2027, 1, 15))
            // A district closure in the style of Jilin's 冰雪假期 (2025-12-03 … 07 in the facts):
            // invented for the sample, two school days in early December.
            cal += run(day(2026, 12, 7), day(2026, 12, 8), .closure, "冰雪假期（区定）")
            // 元旦 2027: assumed to be 2027-01-01 (Fri); the 2027 notice is not in the data.
            cal.append(CalendarEntry(date: day(2027, 1, 1), kind: .holiday, note: "元旦（假定，2027年安排未发布）"))
            // Final exam week: no mental-health lessons.
            cal += run(day(2027, 1, 11), day(2027, 1, 15), .exam, "期末考试")
            return TermInfo(
                start: day(2026, 9, 1), end: day(2027, 1, 15), calendar: cal.sorted { $0.date < $1.date },
                // January has one teaching week (Jan 4–8): at most 1 lesson a class with max_per_week 1.
                monthMinimum: ["2027-01": 1],
                trainingDays: [day(2026, 10, 21), day(2026, 11, 25)])
        case .spring2026:
            var cal = holidays(from: day(2026, 3, 2), to: day(2026, 7, 10))
            // Mid-term exams.
            cal += run(day(2026, 4, 27), day(2026, 4, 28), .exam, "期中考试")
            // Final exam week: no mental-health lessons.
            cal += run(day(2026, 7, 6), day(2026, 7, 10), .exam, "期末考试")
            return TermInfo(
                start: day(2026, 3, 2), end: day(2026, 7, 10), calendar: cal.sorted { $0.date < $1.date },
                // July has three lesson days (Jul 1–3), all in one ISO week: at most 1 lesson.
                monthMinimum: ["2026-07": 1],
                trainingDays: [day(2026, 3, 25), day(2026, 5, 27)])
        }
    }
}

extension Policy {
    /// The sample district's policy: 2 lessons a month, at most 1 a week, one teacher per class,
    /// displacing 班会, 地方课程, 校本课程 or 自习, and free periods at cost 4 unless `tight`.
    static func sample(term: TermInfo, tight: Bool) -> Policy {
        var p = Policy()  // the defaults: 2 lessons a month, at most 1 a week, one teacher per class
        p.useFreePeriods = !tight
        p.freePeriodCost = 4
        p.displaceable = PolicyDefaults.importDisplaceable.merging(["自习": 2]) { a, _ in a }
        // Tight leaves the short month at the full minimum, so its shortfall shows.
        p.monthMinimum = tight ? [:] : term.monthMinimum
        return p
    }
}
