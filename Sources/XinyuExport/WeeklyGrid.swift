import XinyuCore
import XinyuPack

/// How the weeks of one recurring 心理课 read on a weekly 课程表.
enum WeekPattern: Hashable, Sendable {
    /// One lesson only, on this date.
    case once(CivilDate)
    /// Every week the slot's day is a lesson day, over these teaching weeks (nil: the whole term).
    case every(ClosedRange<Int>?)
    /// Every odd (单周) or even (双周) week the slot's day is a lesson day, over these weeks (nil: the whole term).
    case odd(ClosedRange<Int>?)
    case even(ClosedRange<Int>?)
    /// No rhythm: the teaching weeks themselves.
    case list([Int])
}

/// One stretch of a slot's lessons that follows one pattern, with the dates it starts and ends.
struct WeekRun: Hashable, Sendable {
    var pattern: WeekPattern
    var first: CivilDate
    var last: CivilDate
    /// The pattern starts here during the term (after a holiday, a closure or a re-plan): "from first".
    var from = false
    /// Another pattern follows: "until last".
    var until = false
}

/// The 心理课 of one class with one teacher in one weekly slot (weekday of the timetable, period).
struct SlotUse: Hashable, Sendable {
    var weekday: Int
    var period: Int
    var classID: String
    var teacher: String
    /// Its lessons in date order.
    var lessons: [Lesson]
    /// The teaching weeks of its lessons, ascending.
    var weeks: [Int]
    var runs: [WeekRun]
    /// The subjects it replaces (empty string: a free period), in order of first use.
    var replaces: [String] {
        var out: [String] = []
        for l in lessons where !out.contains(l.replaces) { out.append(l.replaces) }
        return out
    }
}

/// The derivation of weekly patterns from dated lessons: pure data, no formatting.
///
/// A lesson's slot is its timetable weekday (a make-up day runs another weekday's timetable) and
/// period. The weeks a slot *could* hold a lesson are the teaching weeks in which that timetable
/// weekday is a lesson day (not a holiday, closure or exam day), so a holiday week never breaks a
/// 单周 rhythm. A slot's weeks are cut, greedily from the first, into the longest stretches that
/// read as every week, 单周 or 双周; when every stretch holds at least three lessons (a rhythm a
/// reader can follow) they are printed as such, otherwise the weeks are listed.
enum WeeklyGrid {
    /// Teaching week of `date` (1 = the Monday–Sunday week holding the term's start), as TermCalendar counts.
    static func week(_ date: CivilDate, termStart: CivilDate) -> Int {
        (date.weekMonday.dayNumber - termStart.weekMonday.dayNumber) / 7 + 1
    }

    /// Timetable weekday → the teaching weeks in which it runs on a lesson day, ascending.
    static func available(_ calendar: TermCalendar) -> [Int: [Int]] {
        var out: [Int: Set<Int>] = [:]
        for d in calendar.lessonDays { out[d.timetableWeekday, default: []].insert(d.teachingWeek) }
        return out.mapValues { $0.sorted() }
    }

    /// The slot uses of `lessons` (one school's), one per (class, teacher, weekday, period), in
    /// weekday, period, class, teacher order; runs marked "from"/"until" where a class's pattern changes.
    static func uses(_ lessons: [Lesson], termStart: CivilDate, available: [Int: [Int]]) -> [SlotUse] {
        var groups: [String: [Lesson]] = [:]
        for l in lessons { groups[[String(l.weekday), String(l.period), l.classID, l.teacher].joined(separator: "\u{1}"), default: []].append(l) }
        var out: [SlotUse] = []
        for ls in groups.values {
            let sorted = ls.sorted { ($0.date, $0.period) < ($1.date, $1.period) }
            let l = sorted[0]
            let weeks = Array(Set(sorted.map { week($0.date, termStart: termStart) })).sorted()
            let runs = self.runs(sorted, weeks: weeks, available: available[l.weekday] ?? [], termStart: termStart)
            out.append(SlotUse(weekday: l.weekday, period: l.period, classID: l.classID, teacher: l.teacher,
                               lessons: sorted, weeks: weeks, runs: runs))
        }
        out.sort { ($0.weekday, $0.period, $0.classID, $0.teacher) < ($1.weekday, $1.period, $1.classID, $1.teacher) }
        markPhases(&out)
        return out
    }

    /// The runs of one slot (see the type's comment).
    static func runs(_ lessons: [Lesson], weeks: [Int], available: [Int], termStart: CivilDate) -> [WeekRun] {
        guard let first = lessons.first, let last = lessons.last else { return [] }
        if lessons.count == 1 { return [WeekRun(pattern: .once(first.date), first: first.date, last: first.date)] }
        var segments: [[Int]] = []
        var i = 0
        while i < weeks.count {
            var j = i
            while j + 1 < weeks.count, pattern(Array(weeks[i...(j + 1)]), available) != nil { j += 1 }
            segments.append(Array(weeks[i...j]))
            i = j + 1
        }
        let rhythmic = segments.count == 1 ? segments[0].count >= 2 : segments.allSatisfy { $0.count >= 3 }
        guard rhythmic else { return [WeekRun(pattern: .list(weeks), first: first.date, last: last.date)] }
        return segments.enumerated().map { k, seg in
            let inSeg = lessons.filter { seg.contains(week($0.date, termStart: termStart)) }
            return WeekRun(pattern: pattern(seg, available) ?? .list(seg), first: inSeg.first?.date ?? first.date,
                           last: inSeg.last?.date ?? last.date, from: k > 0, until: k < segments.count - 1)
        }
    }

    /// `weeks` (ascending, at least two) as every week / 单周 / 双周 of the available weeks
    /// between its ends, or nil when it is neither. The range is nil when it spans the whole term.
    static func pattern(_ weeks: [Int], _ available: [Int]) -> WeekPattern? {
        guard let lo = weeks.first, let hi = weeks.last, weeks.count >= 2 else { return nil }
        let inRange = available.filter { $0 >= lo && $0 <= hi }
        if weeks == inRange {
            return .every(weeks == available ? nil : lo...hi)
        }
        let parity = lo % 2
        guard weeks.allSatisfy({ $0 % 2 == parity }), weeks == inRange.filter({ $0 % 2 == parity }) else { return nil }
        let whole = weeks == available.filter { $0 % 2 == parity }
        return parity == 1 ? .odd(whole ? nil : lo...hi) : .even(whole ? nil : lo...hi)
    }

    /// Where a class moves from one recurring slot to another during the term, the earlier slot
    /// reads "until" its last lesson and the later one "from" its first. One-off lessons do not count.
    static func markPhases(_ uses: inout [SlotUse]) {
        let recurring = uses.indices.filter { uses[$0].lessons.count >= 2 }
        for a in recurring {
            guard let aFirst = uses[a].lessons.first?.date, let aLast = uses[a].lessons.last?.date else { continue }
            for b in recurring where b != a && uses[b].classID == uses[a].classID {
                guard let bFirst = uses[b].lessons.first?.date, let bLast = uses[b].lessons.last?.date else { continue }
                if bLast < aFirst, !uses[a].runs.isEmpty { uses[a].runs[0].from = true }
                if bFirst > aLast, !uses[a].runs.isEmpty { uses[a].runs[uses[a].runs.count - 1].until = true }
            }
        }
    }

    /// The timetable rows of one class by (weekday, period), 单双周 rows in all, odd, even order.
    static func base(_ school: School, classID: String) -> [Int: [TimetableRow]] {
        var out: [Int: [TimetableRow]] = [:]
        for r in school.timetable where r.classID == classID { out[r.weekday * 1000 + r.period, default: []].append(r) }
        let order: [WeekParity: Int] = [.all: 0, .odd: 1, .even: 2]
        return out.mapValues { $0.sorted { (order[$0.weeks] ?? 0, $0.subject) < (order[$1.weeks] ?? 0, $1.subject) } }
    }

    /// Columns of a school's weekly grid: its days, or more when a lesson runs a later weekday's timetable.
    static func weekdays(_ school: School, _ lessons: [Lesson]) -> Int {
        max(1, min(7, max(school.daysPerWeek, lessons.map(\.weekday).max() ?? 1)))
    }
}
