import XinyuPack

/// Re-checks a counseling-room duty plan from scratch: every rule, derived from the district and
/// the lessons alone (its own reading of windows, calendar, timetables and limits), never from the
/// planner's model. Rules: duty-window, duty-teacher, duty-busy, duty-clash, duty-room,
/// duty-hours, duty-parents, duty-cap, duty-limit, duty-order.
public enum DutyVerifier {
    /// Every rule the shifts break (empty when they keep them all). With `allowShort`, weeks below
    /// their required minutes or parent slots are accepted (they are reported as short weeks).
    public static func check(_ district: District, lessons: [Lesson], shifts: [DutyShift], allowShort: Bool) -> [Violation] {
        var out: [Violation] = []
        func fail(_ rule: String, _ message: String) { out.append(Violation(rule: rule, message: message)) }
        func clock(_ m: Int) -> String { DutyWindow.clock(m) }
        func overlap(_ a: (Int, Int), _ b: (Int, Int)) -> Bool { a.0 < b.1 && b.0 < a.1 }

        var schools: [String: School] = [:]
        for s in district.schools { schools[s.id] = s }
        var calendar: [Int: CalendarEntry] = [:]
        for e in district.calendar where calendar[e.date.dayNumber] == nil { calendar[e.date.dayNumber] = e }
        var teacherDef: [String: Teacher] = [:]
        var unavailable: [String: [Unavailability]] = [:]
        var rowsOf: [String: [(School, TimetableRow)]] = [:]
        for s in district.schools {
            for t in s.teachers where teacherDef[t.id] == nil { teacherDef[t.id] = t }
            for u in s.unavailable { unavailable[u.teacher, default: []].append(u) }
            for r in s.timetable { for t in r.teachers { rowsOf[t, default: []].append((s, r)) } }
        }
        var lessonsOn: [String: [Lesson]] = [:]  // teacher \1 date
        var classHasLesson = Set<String>()        // school \1 class \1 date \1 period
        var lessonsInWeek: [String: Int] = [:]   // teacher \1 monday
        for l in lessons {
            lessonsOn[l.teacher + "\u{1}" + l.date.iso, default: []].append(l)
            classHasLesson.insert(l.school + "\u{1}" + l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)")
            lessonsInWeek[l.teacher + "\u{1}" + l.date.weekMonday.iso, default: 0] += 1
        }
        func hasWindows(_ s: School) -> Bool { !(s.counselingRoom?.windows.isEmpty ?? true) }

        /// The windows of `s` that open on `date`, with the weekday used to pick them.
        func windowsOn(_ s: School, _ date: CivilDate) -> (windows: [DutyWindow], weekday: Int) {
            let windows = s.counselingRoom?.windows ?? []
            if date < district.termStart || date > district.termEnd { return ([], date.weekday) }
            if let day = Verifier.schoolDay(district, s, date) {
                return (windows.filter { $0.weekdays.contains(day.weekday) }, day.weekday)
            }
            switch calendar[date.dayNumber]?.kind {
            case .holiday?, .closure?: return ([], date.weekday)
            default:
                guard date.weekday > s.daysPerWeek else { return ([], date.weekday) }
                return (windows.filter { $0.weekdays.contains(date.weekday) }, date.weekday)
            }
        }

        // Each shift alone: a declared window occurrence, an eligible teacher, free the whole window.
        var valid = [Bool](repeating: false, count: shifts.count)
        for (k, sh) in shifts.enumerated() {
            let what = "\(sh.school) on \(sh.date.iso) \(clock(sh.start))–\(clock(sh.end)) (\(sh.teacher))"
            guard let s = schools[sh.school] else { fail("duty-window", "\(what): school \(sh.school) is not in the pack"); continue }
            guard hasWindows(s) else { fail("duty-window", "\(what): \(s.id) declares no counseling-room window"); continue }
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
            // The teacher: a psychology teacher listed in the school's teachers.csv.
            guard let t = s.teacher(sh.teacher) else {
                fail("duty-teacher", "\(what): \(sh.teacher) is not in \(s.id)/teachers.csv"); continue
            }
            if !t.psych.teaches { fail("duty-teacher", "\(what): \(t.id) is not a psychology teacher") }
            // Free for the whole window: periods are compared by the duty school's bell times.
            let bells = s.periodMinutes
            func overlapsPeriod(_ p: Int) -> Bool { p >= 1 && p <= bells.count && overlap((bells[p - 1].start, bells[p - 1].end), (sh.start, sh.end)) }
            if calendar[sh.date.dayNumber]?.kind == .training {
                fail("duty-busy", "\(what): \(sh.date.iso) is a district training day for psychology teachers")
            }
            for u in unavailable[t.id] ?? [] {
                let day: Bool
                switch u.when {
                case .date(let d): day = d == sh.date
                case .weekday(let w): day = w == weekday
                }
                guard day else { continue }
                if let ps = u.periods {
                    if let p = ps.sorted().first(where: overlapsPeriod) {
                        fail("duty-busy", "\(what): \(t.id) is unavailable in period \(p)\(u.reason.isEmpty ? "" : " (\(u.reason))")")
                    }
                } else {
                    fail("duty-busy", "\(what): \(t.id) is unavailable that day\(u.reason.isEmpty ? "" : " (\(u.reason))")")
                }
            }
            for l in lessonsOn[t.id + "\u{1}" + sh.date.iso] ?? [] where overlapsPeriod(l.period) {
                fail("duty-busy", "\(what): \(t.id) gives a mental-health lesson to \(l.school) class \(l.classID) in period \(l.period)")
            }
            for (o, r) in rowsOf[t.id] ?? [] where overlapsPeriod(r.period) {
                guard let od = Verifier.schoolDay(district, o, sh.date), od.weekday == r.weekday, r.weeks.applies(toWeek: od.week),
                      !classHasLesson.contains(o.id + "\u{1}" + r.classID + "\u{1}" + sh.date.iso + "\u{1}\(r.period)") else { continue }
                fail("duty-busy", "\(what): \(t.id) teaches \(r.subject) in \(o.id) class \(r.classID) in period \(r.period)")
            }
        }

        // Pairs: no teacher on two overlapping duties; one teacher at a time in a school's room.
        var byTeacherDay: [String: [Int]] = [:], byRoomDay: [String: [Int]] = [:]
        for (k, sh) in shifts.enumerated() {
            byTeacherDay[sh.teacher + "\u{1}" + sh.date.iso, default: []].append(k)
            byRoomDay[sh.school + "\u{1}" + sh.date.iso, default: []].append(k)
        }
        for key in byTeacherDay.keys.sorted() {
            let ks = byTeacherDay[key]!
            for a in ks.indices { for b in ks.indices where b > a {
                let x = shifts[ks[a]], y = shifts[ks[b]]
                if overlap((x.start, x.end), (y.start, y.end)) {
                    fail("duty-clash", "\(x.teacher) is on duty on \(x.date.iso) at \(x.school) \(clock(x.start))–\(clock(x.end)) and at \(y.school) \(clock(y.start))–\(clock(y.end))")
                }
            } }
        }
        for key in byRoomDay.keys.sorted() {
            let ks = byRoomDay[key]!
            for a in ks.indices { for b in ks.indices where b > a {
                let x = shifts[ks[a]], y = shifts[ks[b]]
                if overlap((x.start, x.end), (y.start, y.end)) {
                    fail("duty-room", "the counseling room of \(x.school) is staffed twice on \(x.date.iso): \(clock(x.start))–\(clock(x.end)) by \(x.teacher) and \(clock(y.start))–\(clock(y.end)) by \(y.teacher)")
                }
            } }
        }

        // Per school and ISO week with school days: required minutes (pro-rated) and parent slots.
        if !allowShort {
            for s in district.schools.sorted(by: { $0.id < $1.id }) where hasWindows(s) {
                let room = s.counselingRoom!
                var days: [CivilDate: Int] = [:]
                var n = district.termStart.dayNumber
                while n <= district.termEnd.dayNumber {
                    let d = CivilDate(dayNumber: n)
                    if Verifier.schoolDay(district, s, d) != nil { days[d.weekMonday, default: 0] += 1 }
                    n += 1
                }
                for monday in days.keys.sorted() {
                    let full = room.hoursPerWeek * 60
                    let need = full <= 0 ? 0 : min(Int((full * Double(days[monday]!) / Double(max(1, s.daysPerWeek)) - 1e-9).rounded(.up)),
                                                   Int((full - 1e-9).rounded(.up)))
                    let mine = shifts.indices.filter { valid[$0] && shifts[$0].school == s.id && shifts[$0].date.weekMonday == monday }
                    // Minutes the room is open (overlapping shifts counted once).
                    var open = 0
                    var byDate: [CivilDate: [(Int, Int)]] = [:]
                    for k in mine { byDate[shifts[k].date, default: []].append((shifts[k].start, shifts[k].end)) }
                    for (_, iv) in byDate {
                        var reach = Int.min
                        for (a, b) in iv.sorted(by: { $0 < $1 }) {
                            if b > max(a, reach) { open += b - max(a, reach) }
                            reach = max(reach, b)
                        }
                    }
                    if open < need {
                        fail("duty-hours", "\(s.id): the counseling room is open \(open) minutes in the week of \(monday.iso) (\(days[monday]!) school days), fewer than the \(need) required")
                    }
                    let parents = Set(mine.filter { shifts[$0].audience.forParents }.map { "\(shifts[$0].date.iso) \(shifts[$0].start)" }).count
                    if parents < room.parentSlotsPerWeek {
                        fail("duty-parents", "\(s.id): \(parents) parent-friendly opening(s) in the week of \(monday.iso), fewer than the \(room.parentSlotsPerWeek) required")
                    }
                }
            }
        }

        // Per teacher and ISO week: the duty cap (the smallest max_teacher_hours_per_week of the
        // duty schools listing them as a psychology teacher).
        var capOf: [String: (minutes: Int, school: String)] = [:]
        for s in district.schools.sorted(by: { $0.id < $1.id }) where hasWindows(s) {
            guard let h = s.counselingRoom?.maxTeacherHoursPerWeek else { continue }
            let m = Int((h * 60 + 1e-9).rounded(.down))
            for t in s.teachers where t.psych.teaches && m < (capOf[t.id]?.minutes ?? Int.max) { capOf[t.id] = (m, s.id) }
        }
        var dutyWeek: [String: Int] = [:]
        for sh in shifts { dutyWeek[sh.teacher + "\u{1}" + sh.date.weekMonday.iso, default: 0] += sh.minutes }
        for key in dutyWeek.keys.sorted() {
            let parts = key.split(separator: "\u{1}").map(String.init)
            if let c = capOf[parts[0]], dutyWeek[key]! > c.minutes {
                fail("duty-cap", "\(parts[0]) has \(dutyWeek[key]!) minutes of duty in the week of \(parts[1]), more than the \(c.minutes) of max_teacher_hours_per_week (\(c.school))")
            }
        }

        // counts_toward_limits: each duty is one lesson against max_per_day and max_per_week.
        var countedDay: [String: Int] = [:], countedWeek: [String: Int] = [:]
        for sh in shifts where schools[sh.school]?.counselingRoom?.countsTowardLimits == true {
            countedDay[sh.teacher + "\u{1}" + sh.date.iso, default: 0] += 1
            countedWeek[sh.teacher + "\u{1}" + sh.date.weekMonday.iso, default: 0] += 1
        }
        for key in countedDay.keys.sorted() {
            let parts = key.split(separator: "\u{1}").map(String.init)
            let lessonsThatDay = lessonsOn[key]?.count ?? 0
            if let lim = teacherDef[parts[0]]?.maxPerDay, lessonsThatDay + countedDay[key]! > lim {
                fail("duty-limit", "\(parts[0]) has \(lessonsThatDay) lesson(s) and \(countedDay[key]!) counted duty shift(s) on \(parts[1]), more than max_per_day \(lim)")
            }
        }
        for key in countedWeek.keys.sorted() {
            let parts = key.split(separator: "\u{1}").map(String.init)
            let lessonsThatWeek = lessonsInWeek[key] ?? 0
            if let lim = teacherDef[parts[0]]?.maxPerWeek, lessonsThatWeek + countedWeek[key]! > lim {
                fail("duty-limit", "\(parts[0]) has \(lessonsThatWeek) lesson(s) and \(countedWeek[key]!) counted duty shift(s) in the week of \(parts[1]), more than max_per_week \(lim)")
            }
        }

        if shifts != shifts.sorted() { fail("duty-order", "duty rows are not sorted by school, date, start, teacher") }
        return out
    }
}
