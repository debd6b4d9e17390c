import XinyuPack

/// Re-checks a counseling-room duty plan from scratch: every rule, derived from the district and
/// the lessons alone (its own reading of windows, calendar, timetables and limits), never from the
/// planner's model. Rules: duty-window, duty-teacher, duty-busy, duty-clash, duty-room,
/// duty-hours, duty-parents, duty-cap, duty-limit, duty-order.
public enum DutyVerifier {
    /// Every rule the shifts break (empty when they keep them all). With `allowShort`, weeks below
    /// their required minutes or parent slots are accepted (they are reported as short weeks).
    /// Each rule is one function of `DutyAudit` (DutyShiftRules.swift, DutyTotalRules.swift); the
    /// order of the calls is the order of the violations.
    public static func check(_ district: District, lessons: [Lesson], shifts: [DutyShift], allowShort: Bool) -> [Violation] {
        var audit = DutyAudit(district, lessons: lessons, shifts: shifts)
        for k in shifts.indices { audit.checkShift(k) }
        audit.checkTeacherClashes()
        audit.checkRoomClashes()
        if !allowShort {
            for s in district.schools.sorted(by: { $0.id < $1.id }) where audit.hasWindows(s) { audit.checkWeeks(of: s) }
        }
        audit.checkDutyCaps()
        audit.checkLimits()
        audit.checkOrder()
        return audit.out
    }
}

/// One verification of a duty plan: the pack's lookups, the lessons by teacher and time, which
/// shifts sit on a declared window, and the violations found so far (in the order found).
struct DutyAudit {
    let district: District
    let shifts: [DutyShift]
    var out: [Violation] = []
    var schools: [String: School] = [:]
    /// The first calendar entry of each day (by day number).
    var calendar: [Int: CalendarEntry] = [:]
    var teacherDef: [String: Teacher] = [:]
    var unavailable: [String: [Unavailability]] = [:]
    var rowsOf: [String: [(School, TimetableRow)]] = [:]
    /// teacher \1 date → that day's lessons.
    var lessonsOn: [String: [Lesson]] = [:]
    /// school \1 class \1 date \1 period of every lesson.
    var classHasLesson = Set<String>()
    /// teacher \1 monday → lessons that week.
    var lessonsInWeek: [String: Int] = [:]
    /// Shifts on a declared window occurrence (only they count towards a week's hours).
    var valid: [Bool]

    init(_ district: District, lessons: [Lesson], shifts: [DutyShift]) {
        self.district = district
        self.shifts = shifts
        valid = [Bool](repeating: false, count: shifts.count)
        for s in district.schools { schools[s.id] = s }
        for e in district.calendar where calendar[e.date.dayNumber] == nil { calendar[e.date.dayNumber] = e }
        for s in district.schools {
            for t in s.teachers where teacherDef[t.id] == nil { teacherDef[t.id] = t }
            for u in s.unavailable { unavailable[u.teacher, default: []].append(u) }
            for r in s.timetable { for t in r.teachers { rowsOf[t, default: []].append((s, r)) } }
        }
        for l in lessons {
            lessonsOn[l.teacher + "\u{1}" + l.date.iso, default: []].append(l)
            classHasLesson.insert(l.school + "\u{1}" + l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)")
            lessonsInWeek[l.teacher + "\u{1}" + l.date.weekMonday.iso, default: 0] += 1
        }
    }

    mutating func fail(_ rule: String, _ message: String) { out.append(Violation(rule: rule, message: message)) }

    static func clock(_ m: Int) -> String { DutyWindow.clock(m) }
    static func overlap(_ a: (Int, Int), _ b: (Int, Int)) -> Bool { a.0 < b.1 && b.0 < a.1 }

    func hasWindows(_ s: School) -> Bool { !(s.counselingRoom?.windows.isEmpty ?? true) }

    /// The windows of `s` that open on `date`, with the weekday used to pick them: on a school
    /// day those of the weekday it runs; on a day off that is not a holiday or closure, those of
    /// a weekend weekday the school does not teach.
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
}
