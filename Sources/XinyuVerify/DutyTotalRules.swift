// The rules over pairs and sums of duty shifts, in the order `DutyVerifier.check` reports them:
// duty-clash, duty-room, duty-hours and duty-parents (per school and week), duty-cap,
// duty-limit, duty-order. Keys are sorted: the order of violations is part of the output.

import XinyuPack

extension DutyAudit {
    /// Indices of the shifts grouped by `key`, the groups in key order.
    private func grouped(_ key: (DutyShift) -> String) -> [[Int]] {
        var groups: [String: [Int]] = [:]
        for (k, sh) in shifts.enumerated() { groups[key(sh), default: []].append(k) }
        return groups.keys.sorted().compactMap { groups[$0] }
    }

    /// Every pair of overlapping shifts within each group, in order.
    private func overlappingPairs(_ groups: [[Int]]) -> [(DutyShift, DutyShift)] {
        var pairs: [(DutyShift, DutyShift)] = []
        for ks in groups {
            for a in ks.indices { for b in ks.indices where b > a {
                let x = shifts[ks[a]], y = shifts[ks[b]]
                if Self.overlap((x.start, x.end), (y.start, y.end)) { pairs.append((x, y)) }
            } }
        }
        return pairs
    }

    // duty-clash: no teacher on two overlapping duties.
    mutating func checkTeacherClashes() {
        for (x, y) in overlappingPairs(grouped { $0.teacher + "\u{1}" + $0.date.iso }) {
            fail("duty-clash", "\(x.teacher) is on duty on \(x.date.iso) at \(x.school) \(Self.clock(x.start))–\(Self.clock(x.end)) and at \(y.school) \(Self.clock(y.start))–\(Self.clock(y.end))")
        }
    }

    // duty-room: one teacher at a time in a school's counseling room.
    mutating func checkRoomClashes() {
        for (x, y) in overlappingPairs(grouped { $0.school + "\u{1}" + $0.date.iso }) {
            fail("duty-room", "the counseling room of \(x.school) is staffed twice on \(x.date.iso): \(Self.clock(x.start))–\(Self.clock(x.end)) by \(x.teacher) and \(Self.clock(y.start))–\(Self.clock(y.end)) by \(y.teacher)")
        }
    }

    // duty-hours, duty-parents: each ISO week with school days of `s` has the room open its
    // required minutes (pro-rated to the week's school days) and its parent-friendly openings.
    mutating func checkWeeks(of s: School) {
        guard let room = s.counselingRoom else { return }
        var days: [CivilDate: Int] = [:]
        var n = district.termStart.dayNumber
        while n <= district.termEnd.dayNumber {
            let d = CivilDate(dayNumber: n)
            if Verifier.schoolDay(district, s, d) != nil { days[d.weekMonday, default: 0] += 1 }
            n += 1
        }
        for (monday, count) in days.sorted(by: { $0.key < $1.key }) {
            let full = room.hoursPerWeek * 60
            let need = full <= 0 ? 0 : min(Int((full * Double(count) / Double(max(1, s.daysPerWeek)) - 1e-9).rounded(.up)),
                                           Int((full - 1e-9).rounded(.up)))
            let mine = shifts.indices.filter { valid[$0] && shifts[$0].school == s.id && shifts[$0].date.weekMonday == monday }
            let open = openMinutes(mine)
            if open < need {
                fail("duty-hours", "\(s.id): the counseling room is open \(open) minutes in the week of \(monday.iso) (\(count) school days), fewer than the \(need) required")
            }
            let parents = Set(mine.filter { shifts[$0].audience.forParents }.map { "\(shifts[$0].date.iso) \(shifts[$0].start)" }).count
            if parents < room.parentSlotsPerWeek {
                fail("duty-parents", "\(s.id): \(parents) parent-friendly opening(s) in the week of \(monday.iso), fewer than the \(room.parentSlotsPerWeek) required")
            }
        }
    }

    /// Minutes the room is open during shifts `ks` (overlapping shifts counted once).
    private func openMinutes(_ ks: [Int]) -> Int {
        var open = 0
        var byDate: [CivilDate: [(Int, Int)]] = [:]
        for k in ks { byDate[shifts[k].date, default: []].append((shifts[k].start, shifts[k].end)) }
        for (_, iv) in byDate {
            var reach = Int.min
            for (a, b) in iv.sorted(by: { $0 < $1 }) {
                if b > max(a, reach) { open += b - max(a, reach) }
                reach = max(reach, b)
            }
        }
        return open
    }

    // duty-cap: a teacher's duty minutes in an ISO week stay within the smallest
    // max_teacher_hours_per_week of the duty schools listing them as a psychology teacher.
    mutating func checkDutyCaps() {
        var capOf: [String: (minutes: Int, school: String)] = [:]
        for s in district.schools.sorted(by: { $0.id < $1.id }) where hasWindows(s) {
            guard let h = s.counselingRoom?.maxTeacherHoursPerWeek else { continue }
            let m = Int((h * 60 + 1e-9).rounded(.down))
            for t in s.teachers where t.psych.teaches && m < (capOf[t.id]?.minutes ?? Int.max) { capOf[t.id] = (m, s.id) }
        }
        var dutyWeek: [String: Int] = [:]
        for sh in shifts { dutyWeek[sh.teacher + "\u{1}" + sh.date.weekMonday.iso, default: 0] += sh.minutes }
        for (key, minutes) in dutyWeek.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{1}").map(String.init)
            if let c = capOf[parts[0]], minutes > c.minutes {
                fail("duty-cap", "\(parts[0]) has \(minutes) minutes of duty in the week of \(parts[1]), more than the \(c.minutes) of max_teacher_hours_per_week (\(c.school))")
            }
        }
    }

    // duty-limit: with counts_toward_limits, each duty is one lesson against the teacher's
    // max_per_day and max_per_week.
    mutating func checkLimits() {
        var countedDay: [String: Int] = [:], countedWeek: [String: Int] = [:]
        for sh in shifts where schools[sh.school]?.counselingRoom?.countsTowardLimits == true {
            countedDay[sh.teacher + "\u{1}" + sh.date.iso, default: 0] += 1
            countedWeek[sh.teacher + "\u{1}" + sh.date.weekMonday.iso, default: 0] += 1
        }
        for (key, duties) in countedDay.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{1}").map(String.init)
            let taught = lessonsOn[key]?.count ?? 0
            if let lim = teacherDef[parts[0]]?.maxPerDay, taught + duties > lim {
                fail("duty-limit", "\(parts[0]) has \(taught) lesson(s) and \(duties) counted duty shift(s) on \(parts[1]), more than max_per_day \(lim)")
            }
        }
        for (key, duties) in countedWeek.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{1}").map(String.init)
            let taught = lessonsInWeek[key] ?? 0
            if let lim = teacherDef[parts[0]]?.maxPerWeek, taught + duties > lim {
                fail("duty-limit", "\(parts[0]) has \(taught) lesson(s) and \(duties) counted duty shift(s) in the week of \(parts[1]), more than max_per_week \(lim)")
            }
        }
    }

    // duty-order: duty.csv rows are sorted by school, date, start, teacher.
    mutating func checkOrder() {
        if shifts != shifts.sorted() { fail("duty-order", "duty rows are not sorted by school, date, start, teacher") }
    }
}
