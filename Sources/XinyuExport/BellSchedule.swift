import XinyuPack

/// A time of day in minutes after midnight.
struct ClockTime: Hashable, Sendable, Comparable {
    var minutes: Int
    var hour: Int { minutes / 60 }
    var minute: Int { minutes % 60 }
    /// `08:05`.
    var text: String { two(hour) + ":" + two(minute) }
    /// `080500` (iCalendar local time).
    var icsText: String { two(hour) + two(minute) + "00" }
    static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }

    /// Parses `HH:MM`.
    init?(_ text: Substring) {
        let p = text.split(separator: ":")
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        minutes = h * 60 + m
    }
    init(minutes: Int) { self.minutes = minutes }
}

@inline(__always) func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

/// The start and end of each period of a school day: school.toml's `period_times` when given,
/// otherwise a default table (see docs/EXPORTS.md):
///
/// - primary-only schools: 40-minute periods from 08:20 — 08:20, 09:10, 10:20 (after the 30-minute
///   morning exercise break), 11:10, then afternoon 13:30, 14:20, 15:10, 16:00;
/// - any school with a junior or senior stage: 45-minute periods from 08:00 — 08:00, 08:55,
///   10:10 (after the 30-minute break), 11:05, then afternoon 13:30, 14:25, 15:20, 16:15;
/// - periods beyond the eighth follow on with 10-minute breaks (evening self-study of a senior school).
struct BellSchedule: Sendable {
    /// (start, end) of period 1, 2, … `periodsPerDay`.
    let periods: [(start: ClockTime, end: ClockTime)]
    /// True when school.toml gave no (usable) `period_times` and the default table is used.
    let isDefault: Bool

    static let primaryStarts = [8 * 60 + 20, 9 * 60 + 10, 10 * 60 + 20, 11 * 60 + 10, 13 * 60 + 30, 14 * 60 + 20, 15 * 60 + 10, 16 * 60]
    static let secondaryStarts = [8 * 60, 8 * 60 + 55, 10 * 60 + 10, 11 * 60 + 5, 13 * 60 + 30, 14 * 60 + 25, 15 * 60 + 20, 16 * 60 + 15]

    init(_ school: School) {
        let n = max(1, school.periodsPerDay)
        var given: [(start: ClockTime, end: ClockTime)] = []
        for t in school.periodTimes {
            let p = t.split(separator: "-")
            if p.count == 2, let a = ClockTime(p[0]), let b = ClockTime(p[1]), a < b { given.append((a, b)) }
        }
        if given.count >= n {
            periods = Array(given.prefix(n))
            isDefault = false
            return
        }
        let primary = school.stages.allSatisfy { $0 == .primary }
        let length = primary ? 40 : 45
        var starts = primary ? Self.primaryStarts : Self.secondaryStarts
        while starts.count < n { starts.append(starts.last! + length + 10) }
        periods = starts.prefix(n).map { (ClockTime(minutes: $0), ClockTime(minutes: min($0 + length, 23 * 60 + 59))) }
        isDefault = true
    }

    /// `08:00-08:45` for period `p` (1-based), or empty when out of range.
    func label(_ p: Int) -> String {
        guard p >= 1, p <= periods.count else { return "" }
        return periods[p - 1].start.text + "-" + periods[p - 1].end.text
    }
}
