// The rules of each duty shift alone, in the order `DutyVerifier.check` reports them:
// duty-window, duty-teacher, duty-busy (training day, unavailable, a lesson, a timetable row).

import XinyuPack

extension DutyAudit {
    /// Every rule of shift `k`; a shift of an unknown school or teacher is not checked further.
    mutating func checkShift(_ k: Int) {
        let sh = shifts[k]
        let what = "\(sh.school) on \(sh.date.iso) \(Self.clock(sh.start))–\(Self.clock(sh.end)) (\(sh.teacher))"
        guard let s = schools[sh.school] else { fail("duty-window", "\(what): school \(sh.school) is not in the pack"); return }
        guard hasWindows(s) else { fail("duty-window", "\(what): \(s.id) declares no counseling-room window"); return }
        let weekday = checkWindow(k, s, what)
        guard let t = checkDutyTeacher(sh, s, what) else { return }
        // Free for the whole window: periods are compared by the duty school's bell times.
        let bells = s.periodMinutes
        let overlapsPeriod = { (p: Int) -> Bool in
            p >= 1 && p <= bells.count && Self.overlap((bells[p - 1].start, bells[p - 1].end), (sh.start, sh.end))
        }
        checkTrainingDay(sh, what)
        checkUnavailable(sh, t, weekday, overlapsPeriod, what)
        checkLessons(sh, t, overlapsPeriod, what)
        checkTimetableRows(sh, t, overlapsPeriod, what)
    }

    // duty-window: the shift is an occurrence of a declared window (times and audience) on
    // that date; returns the weekday whose windows apply.
    mutating func checkWindow(_ k: Int, _ s: School, _ what: String) -> Int {
        let sh = shifts[k]
        let (open, weekday) = windowsOn(s, sh.date)
        if open.contains(where: { $0.start == sh.start && $0.end == sh.end && $0.audience == sh.audience }) {
            valid[k] = true
        } else if let w = open.first(where: { $0.start == sh.start && $0.end == sh.end }) {
            fail("duty-window", "\(what): the window is for \(w.audience.rawValue), not \(sh.audience.rawValue)")
        } else if open.isEmpty {
            fail("duty-window", "\(what): the counseling room of \(s.id) has no window on \(sh.date.iso) (not in the term, a holiday, or no window that weekday)")
        } else {
            fail("duty-window", "\(what): no window of \(s.id) opens then (that day: \(open.map(\.text).joined(separator: ", ")))")
        }
        return weekday
    }

    // duty-teacher: a psychology teacher listed in the school's teachers.csv.
    mutating func checkDutyTeacher(_ sh: DutyShift, _ s: School, _ what: String) -> Teacher? {
        guard let t = s.teacher(sh.teacher) else {
            fail("duty-teacher", "\(what): \(sh.teacher) is not in \(s.id)/teachers.csv"); return nil
        }
        if !t.psych.teaches { fail("duty-teacher", "\(what): \(t.id) is not a psychology teacher") }
        return t
    }

    // duty-busy: no duty on a district training day (psychology teachers are away).
    mutating func checkTrainingDay(_ sh: DutyShift, _ what: String) {
        if calendar[sh.date.dayNumber]?.kind == .training {
            fail("duty-busy", "\(what): \(sh.date.iso) is a district training day for psychology teachers")
        }
    }

    // duty-busy: the teacher is not unavailable during the window (a whole day, or a period it overlaps).
    mutating func checkUnavailable(_ sh: DutyShift, _ t: Teacher, _ weekday: Int, _ overlapsPeriod: (Int) -> Bool, _ what: String) {
        for u in unavailable[t.id] ?? [] {
            let day: Bool
            switch u.when {
            case .date(let d): day = d == sh.date
            case .weekday(let w): day = w == weekday
            }
            guard day else { continue }
            let reason = u.reason.isEmpty ? "" : " (\(u.reason))"
            if let ps = u.periods {
                if let p = ps.sorted().first(where: overlapsPeriod) {
                    fail("duty-busy", "\(what): \(t.id) is unavailable in period \(p)\(reason)")
                }
            } else {
                fail("duty-busy", "\(what): \(t.id) is unavailable that day\(reason)")
            }
        }
    }

    // duty-busy: the teacher gives no mental-health lesson in a period the window overlaps.
    mutating func checkLessons(_ sh: DutyShift, _ t: Teacher, _ overlapsPeriod: (Int) -> Bool, _ what: String) {
        for l in lessonsOn[t.id + "\u{1}" + sh.date.iso] ?? [] where overlapsPeriod(l.period) {
            fail("duty-busy", "\(what): \(t.id) gives a mental-health lesson to \(l.school) class \(l.classID) in period \(l.period)")
        }
    }

    // duty-busy: the teacher's own timetable rows in overlapped periods (any school) are replaced.
    mutating func checkTimetableRows(_ sh: DutyShift, _ t: Teacher, _ overlapsPeriod: (Int) -> Bool, _ what: String) {
        for (o, r) in rowsOf[t.id] ?? [] where overlapsPeriod(r.period) {
            guard let od = Verifier.schoolDay(district, o, sh.date), od.weekday == r.weekday, r.weeks.applies(toWeek: od.week),
                  !classHasLesson.contains(o.id + "\u{1}" + r.classID + "\u{1}" + sh.date.iso + "\u{1}\(r.period)") else { continue }
            fail("duty-busy", "\(what): \(t.id) teaches \(r.subject) in \(o.id) class \(r.classID) in period \(r.period)")
        }
    }
}
