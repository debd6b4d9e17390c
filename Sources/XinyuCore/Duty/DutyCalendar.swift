import Foundation
import XinyuMIP
import XinyuPack

// MARK: - The duty calendar (shared by the planner and the sheets; the verifier derives its own)

/// One occurrence of a window: a date on which the room may open from `start` to `end`.
struct DutySlot: Hashable {
    var school: String
    var date: CivilDate
    var start: Int
    var end: Int
    var audience: DutyAudience
    /// The timetable weekday the school runs that day, or the calendar weekday on a day without school.
    var weekday: Int
    var minutes: Int { end - start }
    func overlaps(_ o: DutySlot) -> Bool { date == o.date && start < o.end && o.start < end }
}


enum DutyTerm {
    /// Whether the school gets duty: a counseling room with at least one window.
    static func hasDuty(_ s: School) -> Bool { !(s.counselingRoom?.windows.isEmpty ?? true) }

    /// The window occurrences of `s` on `date`, in time order (identical windows once).
    static func slots(_ d: District, _ s: School, on date: CivilDate) -> [DutySlot] {
        guard let room = s.counselingRoom, date >= d.termStart, date <= d.termEnd else { return [] }
        let weekday: Int
        if let day = TermCalendar.schoolDay(d, s, date) {
            // A school day opens the windows of the timetable weekday it runs.
            weekday = day.timetableWeekday
        } else {
            // Any other day of the term that is not a holiday or closure opens its weekend windows.
            let kind = d.calendar.first { $0.date == date }?.kind
            if kind == .holiday || kind == .closure || date.weekday <= s.daysPerWeek { return [] }
            weekday = date.weekday
        }
        var out = Set<DutySlot>()
        for w in room.windows where w.weekdays.contains(weekday) && w.start < w.end {
            out.insert(DutySlot(school: s.id, date: date, start: w.start, end: w.end, audience: w.audience, weekday: weekday))
        }
        return out.sorted { ($0.start, $0.end, $0.audience.rawValue) < ($1.start, $1.end, $1.audience.rawValue) }
    }

    /// The ISO weeks (Mondays) of the term with at least one school day of `s`, with their school days.
    static func weeks(_ d: District, _ s: School) -> [(monday: CivilDate, schoolDays: Int)] {
        var out: [(monday: CivilDate, schoolDays: Int)] = []
        var n = d.termStart.dayNumber
        while n <= d.termEnd.dayNumber {
            let date = CivilDate(dayNumber: n)
            if TermCalendar.schoolDay(d, s, date) != nil {
                if out.last?.monday == date.weekMonday { out[out.count - 1].schoolDays += 1 } else { out.append((date.weekMonday, 1)) }
            }
            n += 1
        }
        return out
    }

    /// Minutes the room must open in a week with `schoolDays` school days: the weekly hours
    /// pro-rated by school days, rounded up, at most the full week's.
    static func requiredMinutes(_ room: CounselingRoomPolicy, schoolDays: Int, daysPerWeek: Int) -> Int {
        let full = room.hoursPerWeek * 60
        guard full > 0, schoolDays > 0 else { return 0 }
        let prorated = full * Double(schoolDays) / Double(max(1, daysPerWeek))
        return min(Int((prorated - 1e-9).rounded(.up)), Int((full - 1e-9).rounded(.up)))
    }

    /// The most duty minutes a teacher takes in a week: the smallest `max_teacher_hours_per_week`
    /// of the duty schools listing them as a psychology teacher (nil: no cap).
    static func capMinutes(_ d: District) -> [String: Int] {
        var cap: [String: Int] = [:]
        for s in d.schools where hasDuty(s) {
            guard let h = s.counselingRoom?.maxTeacherHoursPerWeek else { continue }
            let m = Int((h * 60 + 1e-9).rounded(.down))
            for t in s.teachers where t.psych.teaches { cap[t.id] = min(cap[t.id] ?? m, m) }
        }
        return cap
    }

    /// Minutes covered by a set of intervals of one day (overlaps counted once).
    static func unionMinutes(_ intervals: [(Int, Int)]) -> Int {
        var total = 0, reach = Int.min
        for (a, b) in intervals.sorted(by: { $0 < $1 }) {
            let lo = max(a, reach)
            if b > lo { total += b - lo }
            reach = max(reach, b)
        }
        return total
    }

    /// Periods of `s` whose bell times overlap [start, end).
    static func periods(_ s: School, _ start: Int, _ end: Int) -> Set<Int> {
        var out = Set<Int>()
        for (i, p) in s.periodMinutes.enumerated() where p.start < end && start < p.end { out.insert(i + 1) }
        return out
    }
}
