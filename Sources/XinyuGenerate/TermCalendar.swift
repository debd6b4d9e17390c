// The two term presets: dates, calendar.csv entries and the district policy.
//
// Holidays and 调休 make-up days are the State Council's (国务院办公厅关于2026年部分节假日安排的通知,
// 2025-11-04), embedded here as a small table per term; they agree with
// ../shared/data/calendar/cn-public-holidays-2025-2026.csv (the tests check that when it is present).
// The notice does not say which weekday's timetable a school runs on a make-up day; each choice
// below says why it was made.

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
            var cal: [CalendarEntry] = []
            // 国庆节调休: Sunday 2026-09-20 is a working day. Like the importer's calendar (one rule
            // for every default), it runs the timetable of the holiday it compensates, Wednesday 10-07.
            cal.append(CalendarEntry(date: day(2026, 9, 20), kind: .makeup, followsWeekday: 3,
                                     note: "国庆节调休（补10月7日周三，按周三课表）"))
            // 中秋节 2026-09-25 (Fri) … 09-27 (notice of 2025-11-04).
            cal += run(day(2026, 9, 25), day(2026, 9, 27), .holiday, "中秋节")
            // 国庆节 2026-10-01 (Thu) … 10-07 (notice of 2025-11-04).
            cal += run(day(2026, 10, 1), day(2026, 10, 7), .holiday, "国庆节")
            // 国庆节调休: Saturday 2026-10-10 is a working day: it compensates Tuesday 10-06 and runs
            // Tuesday's timetable (as the importer's calendar does).
            cal.append(CalendarEntry(date: day(2026, 10, 10), kind: .makeup, followsWeekday: 2,
                                     note: "国庆节调休（补10月6日周二，按周二课表）"))
            // A district closure in the style of Jilin's 冰雪假期 (2025-12-03 … 07 in the facts):
            // invented for the sample, two school days in early December.
            cal += run(day(2026, 12, 7), day(2026, 12, 8), .closure, "冰雪假期（区定）")
            // 元旦 2027: assumed to be 2027-01-01 (Fri); the 2027 notice is not in the data.
            cal.append(CalendarEntry(date: day(2027, 1, 1), kind: .holiday, note: "元旦（假定，2027年安排未发布）"))
            // Final exam week: no mental-health lessons.
            cal += run(day(2027, 1, 11), day(2027, 1, 15), .exam, "期末考试")
            return TermInfo(
                start: day(2026, 9, 1), end: day(2027, 1, 15), calendar: cal,
                // January has one teaching week (Jan 4–8): at most 1 lesson a class with max_per_week 1.
                monthMinimum: ["2027-01": 1],
                trainingDays: [day(2026, 10, 21), day(2026, 11, 25)])
        case .spring2026:
            var cal: [CalendarEntry] = []
            // 清明节 2026-04-04 (Sat) … 04-06 (Mon) (notice of 2025-11-04).
            cal += run(day(2026, 4, 4), day(2026, 4, 6), .holiday, "清明节")
            // Mid-term exams.
            cal += run(day(2026, 4, 27), day(2026, 4, 28), .exam, "期中考试")
            // 劳动节 2026-05-01 (Fri) … 05-05 (Tue) (notice of 2025-11-04).
            cal += run(day(2026, 5, 1), day(2026, 5, 5), .holiday, "劳动节")
            // 劳动节调休: Saturday 2026-05-09 is a working day. It compensates 05-05, the Tuesday
            // beyond the statutory days (05-02, a Saturday, is compensated by Monday 05-04), so it
            // runs the Tuesday timetable.
            cal.append(CalendarEntry(date: day(2026, 5, 9), kind: .makeup, followsWeekday: 2,
                                     note: "劳动节调休（按周二课表）"))
            // 端午节 2026-06-19 (Fri) … 06-21 (notice of 2025-11-04).
            cal += run(day(2026, 6, 19), day(2026, 6, 21), .holiday, "端午节")
            // Final exam week: no mental-health lessons.
            cal += run(day(2026, 7, 6), day(2026, 7, 10), .exam, "期末考试")
            return TermInfo(
                start: day(2026, 3, 2), end: day(2026, 7, 10), calendar: cal,
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
        var p = Policy()
        p.lessonsPerMonth = 2
        p.maxPerWeek = 1
        p.sameTeacher = true
        p.useFreePeriods = !tight
        p.freePeriodCost = 4
        p.displaceable = ["班会": 3, "地方课程": 1, "校本课程": 1, "自习": 2]
        // Tight leaves the short month at the full minimum, so its shortfall shows.
        p.monthMinimum = tight ? [:] : term.monthMinimum
        return p
    }
}
