import XinyuPack

/// Whether the pins of pinned.csv keep the hard rules of the term, before anything is solved.
/// A `keep` pin is a lesson the schedule will have whatever else happens, so one that breaks a
/// rule (a holiday, a period that may not be displaced, a busy or unqualified teacher, a limit,
/// a clash with another keep) makes the pack invalid: every such pin is an error at its line of
/// pinned.csv, naming the rule (the verifier's rule names) in English and Chinese.
/// A `forbid` pin only takes places away, so it breaks a rule only by contradicting a `keep`.
public enum PinRules {
    /// A keep pin with where it is written.
    struct Keep {
        var school: School
        var pin: Pin
        var date: CivilDate
        var period: Int
        var file: String { "schools/\(school.id)/pinned.csv" }
    }

    /// Every rule the pins of `district` break, in file and line order (empty when none).
    public static func check(_ district: District) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var keeps: [Keep] = []
        for s in district.schools {
            for pin in s.pins where pin.kind == .keep {
                guard let d = pin.date, let p = pin.period else { continue }  // the reader refuses these
                keeps.append(Keep(school: s, pin: pin, date: d, period: p))
            }
        }
        func fail(_ k: Keep, _ rule: String, _ en: String, _ zh: String) {
            out.append(Diagnostic(.error, SourceLocation(file: k.file, line: k.pin.line, field: "when"),
                                  Bilingual(en: "keep pin breaks [\(rule)]: \(en)", zh: "固定课违反规则 [\(rule)]：\(zh)")))
        }
        var index = TeacherIndex(replaced: Set(keeps.map { "\($0.school.id)\u{1}\($0.pin.classID)\u{1}\($0.date.iso)\u{1}\($0.period)" }))
        let named = Set(keeps.map(\.pin.teacher))
        for s in district.schools {
            for u in s.unavailable where named.contains(u.teacher) { index.unavailable[u.teacher, default: []].append(u) }
            for r in s.timetable { for t in r.teachers where named.contains(t) { index.rows[t, default: []].append((s, r)) } }
        }
        for k in keeps { checkPlace(district, k, index, fail: fail) }
        checkTogether(district, keeps, fail: fail)
        return out.sorted { ($0.location.file, $0.location.line ?? 0) < ($1.location.file, $1.location.line ?? 0) }
    }

    /// The keeps' teachers' unavailability and timetable rows in every school, and the rows the
    /// keeps replace ("school, class, date, period"), read once.
    struct TeacherIndex {
        var replaced: Set<String>
        var unavailable: [String: [Unavailability]] = [:]
        var rows: [String: [(School, TimetableRow)]] = [:]
    }

    /// The rules of one keep on its own: calendar, the period it replaces, its teacher.
    static func checkPlace(_ district: District, _ k: Keep, _ index: TeacherIndex,
                           fail: (Keep, String, String, String) -> Void) {
        let s = k.school, d = k.date, p = k.period
        guard let c = s.classes.first(where: { $0.id == k.pin.classID }) else { return }
        let entry = district.calendar.first { $0.date == d }
        guard let day = Verifier.schoolDay(district, s, d) else {
            let what = entry.map { "\($0.kind.rawValue)\($0.note.isEmpty ? "" : " (\($0.note))")" } ?? "a weekend or rest day"
            fail(k, "calendar", "\(d.iso) is not a school day of \(s.id): \(what)", "\(d.iso) 不是上课日（节假日、停课或休息日）")
            return
        }
        if day.exam { fail(k, "calendar", "\(d.iso) is an exam day", "\(d.iso) 是考试日") }
        if entry?.kind == .training {
            fail(k, "training", "\(d.iso) is a district training day for psychology teachers", "\(d.iso) 是全区心理教师培训日")
        }
        if p > s.periodsPerDay { fail(k, "period", "period \(p) is not 1–\(s.periodsPerDay)", "节次超出 1–\(s.periodsPerDay)") }
        let row = s.timetable.first {
            $0.classID == c.id && $0.weekday == day.weekday && $0.period == p && $0.weeks.applies(toWeek: day.week)
        }
        if let row, district.policy.displaceable[row.subject] == nil {
            fail(k, "displaceable", "period \(p) of \(c.id) that day is \(row.subject), which may not be displaced",
                 "\(c.id) 该节为\(row.subject)，不可替换")
        } else if row == nil && !district.policy.useFreePeriods {
            fail(k, "free-period", "period \(p) of \(c.id) that day is free and use_free_periods is false",
                 "该节为空课，而 use_free_periods = false")
        }
        checkTeacher(district, k, class: c, weekday: day.weekday, index, fail: fail)
    }

    /// The keep's teacher: a psychology teacher of the class's stage, available, not busy with a
    /// timetable row of their own (unless that row is replaced by another keep at that time).
    static func checkTeacher(_ district: District, _ k: Keep, class c: SchoolClass, weekday: Int, _ index: TeacherIndex,
                             fail: (Keep, String, String, String) -> Void) {
        let id = k.pin.teacher, d = k.date, p = k.period
        guard let t = k.school.teacher(id) else { return }
        if !t.canTeach(c.stage) {
            fail(k, "teacher", "\(id) is not a psychology teacher of stage \(c.stage.rawValue)",
                 "\(id) 不是\(c.stage.chinese)心理教师")
        }
        for u in index.unavailable[id] ?? [] where u.covers(period: p) {
            switch u.when {
            case .date(let ud) where ud == d:
                fail(k, "unavailable", "\(id) is unavailable on \(d.iso) (\(u.reason))", "\(id) 当天不能上课（\(u.reason)）")
            case .weekday(let w) where w == weekday:
                fail(k, "unavailable", "\(id) is unavailable on weekday \(w) (\(u.reason))", "\(id) 每周\(w)不能上课（\(u.reason)）")
            default: break
            }
        }
        for (s, r) in index.rows[id] ?? [] where r.period == p {
            guard let od = Verifier.schoolDay(district, s, d), r.weekday == od.weekday, r.weeks.applies(toWeek: od.week) else { continue }
            if s.id == k.school.id && r.classID == c.id { continue }  // the row this lesson replaces
            if !index.replaced.contains("\(s.id)\u{1}\(r.classID)\u{1}\(d.iso)\u{1}\(p)") {
                fail(k, "teacher-busy", "\(id) teaches \(r.subject) in \(s.id) class \(r.classID) at that time",
                     "\(id) 该节要在 \(s.id) \(r.classID) 上\(r.subject)")
            }
        }
    }

    /// The rules keeps break together: clashes, contradicting forbids, limits, same_teacher.
    static func checkTogether(_ district: District, _ keeps: [Keep], fail: (Keep, String, String, String) -> Void) {
        var seen: [String: Keep] = [:]
        var count: [String: Int] = [:]
        var teacherOf: [String: Keep] = [:]
        for k in keeps {
            let classKey = "\(k.school.id)\u{1}\(k.pin.classID)"
            let at = "\(k.date.iso)\u{1}\(k.period)"
            if let o = seen["c\u{1}" + classKey + "\u{1}" + at] {
                fail(k, "class-clash", "\(k.pin.classID) has another keep at that time (line \(o.pin.line))", "该班同一节已有固定课（第 \(o.pin.line) 行）")
            } else { seen["c\u{1}" + classKey + "\u{1}" + at] = k }
            if let o = seen["t\u{1}" + k.pin.teacher + "\u{1}" + at] {
                fail(k, "teacher-clash", "\(k.pin.teacher) has another keep at that time (\(o.file):\(o.pin.line))", "\(k.pin.teacher) 同一节已有固定课（\(o.file):\(o.pin.line)）")
            } else { seen["t\u{1}" + k.pin.teacher + "\u{1}" + at] = k }
            for f in k.school.pins where f.kind == .forbid && f.classID == k.pin.classID {
                let wd = Verifier.schoolDay(district, k.school, k.date)?.weekday ?? k.date.weekday
                if f.covers(date: k.date, weekday: wd, period: k.period) {
                    fail(k, "pin", "a forbid pin (line \(f.line)) forbids this place", "与第 \(f.line) 行的禁排矛盾")
                }
            }
            let def = k.school.teacher(k.pin.teacher)
            func limit(_ key: String, _ lim: Int?, _ rule: String, _ en: String, _ zh: String) {
                count[key, default: 0] += 1
                if let lim, count[key]! > lim { fail(k, rule, en + " \(lim)", zh + " \(lim)") }
            }
            limit("td\u{1}\(k.pin.teacher)\u{1}\(k.date.iso)", def?.maxPerDay, "teacher-day",
                  "the keeps give \(k.pin.teacher) more lessons on \(k.date.iso) than max_per_day", "固定课使该教师当天课时超过 max_per_day")
            limit("tw\u{1}\(k.pin.teacher)\u{1}\(k.date.weekMonday.iso)", def?.maxPerWeek, "teacher-week",
                  "the keeps give \(k.pin.teacher) more lessons in the week of \(k.date.weekMonday.iso) than max_per_week", "固定课使该教师该周课时超过 max_per_week")
            limit("cw\u{1}\(classKey)\u{1}\(k.date.weekMonday.iso)", district.policy.maxPerWeek, "class-week",
                  "the keeps give \(k.pin.classID) more lessons in the week of \(k.date.weekMonday.iso) than max_per_week", "固定课使该班该周课时超过 max_per_week")
            if district.policy.sameTeacher, let o = teacherOf[classKey], o.pin.teacher != k.pin.teacher {
                fail(k, "same-teacher", "\(k.pin.classID) is kept with \(o.pin.teacher) at line \(o.pin.line); same_teacher asks for one teacher",
                     "该班第 \(o.pin.line) 行固定由 \(o.pin.teacher) 授课，same_teacher 要求同一教师")
            } else if teacherOf[classKey] == nil { teacherOf[classKey] = k }
        }
    }
}
