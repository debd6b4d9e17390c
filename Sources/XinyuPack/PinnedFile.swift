// pinned.csv (optional, a Xinyu extension): `class,when,period,teacher,kind` — lessons the dean
// fixed (`keep`, like FET's locked activities) and places where no mental-health lesson may go
// (`forbid`). This reader checks each row on its own and against the school's files; whether a
// pin breaks a hard rule of the term (a holiday, a busy teacher, a limit) needs the calendar and
// is checked in XinyuCore (`PinRules`).

/// One row of pinned.csv.
public struct Pin: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A lesson the dean fixed: the schedule has exactly this lesson (class, date, period, teacher).
        case keep
        /// No mental-health lesson of the class at this place (a date or every such weekday).
        case forbid
    }
    public var classID: String
    /// A date, or a timetable weekday 1–7 (every day that runs that weekday's timetable, as in
    /// unavailable.csv). A `keep` always has a date.
    public var when: Unavailability.When
    /// The period; nil (only for `forbid`) is the whole day.
    public var period: Int?
    /// The teacher of a `keep`; empty for a `forbid`.
    public var teacher: String
    public var kind: Kind
    /// Line in pinned.csv (for messages); 0 when built in code.
    public var line: Int
    public init(classID: String, when: Unavailability.When, period: Int?, teacher: String = "", kind: Kind, line: Int = 0) {
        self.classID = classID
        self.when = when
        self.period = period
        self.teacher = teacher
        self.kind = kind
        self.line = line
    }

    /// The date of a `keep` (nil for a weekday pin).
    public var date: CivilDate? {
        if case .date(let d) = when { return d }
        return nil
    }

    /// Whether a lesson of this pin's class at `date` (running the timetable of `weekday`) in
    /// `period` is at the pinned place.
    public func covers(date: CivilDate, weekday: Int, period p: Int) -> Bool {
        guard period.map({ $0 == p }) ?? true else { return false }
        switch when {
        case .date(let d): return d == date
        case .weekday(let w): return w == weekday
        }
    }
}

enum PinnedFile {
    static let header = ["class", "when", "period", "teacher", "kind"]

    struct Context {
        var classIDs: Set<String>?
        var teacherIDs: Set<String>?
        var periodsPerDay: Int?
        var term: (start: CivilDate, end: CivilDate)?
    }

    static func read(root: String, folder: String, context: Context, log: inout DiagnosticLog) -> [Pin] {
        let path = folder + "/pinned.csv"
        guard PackText.fileExists(root: root, path) else { return [] }
        guard let table = CSVTable.read(root: root, path, required: header, log: &log) else { return [] }
        var result: [Pin] = []
        for row in table.records {
            if let pin = pin(row, path: path, context: context, log: &log) { result.append(pin) }
        }
        return result
    }

    /// The pin of one row, or nil after logging every problem of it (bilingual: the dean reads it).
    static func pin(_ row: CSVRecord, path: String, context: Context, log: inout DiagnosticLog) -> Pin? {
        var ok = true
        func fail(_ field: String, en: String, zh: String) {
            log.error(path, line: row.line, field: field, en: en, zh: zh)
            ok = false
        }
        let kindText = row["kind"].lowercased()
        let kind = Pin.Kind(rawValue: kindText)
        if kind == nil { fail("kind", en: "kind \(quoted(row["kind"])) is not keep or forbid", zh: "kind \(quoted(row["kind"])) 应为 keep（固定）或 forbid（禁排）") }
        let classID = row["class"]
        if let problem = idProblem(classID) {
            fail("class", en: "class id \(quoted(classID)) \(problem.en)", zh: "班级编号 \(quoted(classID)) \(problem.zh)")
        } else if let known = context.classIDs, !known.contains(classID) {
            fail("class", en: "unknown class \(quoted(classID)) (not in classes.csv)", zh: "classes.csv 中没有班级 \(quoted(classID))")
        }
        // when: a date inside the term, or a weekday 1–7 (forbid only).
        let whenText = row["when"]
        var when: Unavailability.When?
        if let weekday = wholeNumber(whenText, in: 1...7), !whenText.contains("-") {
            when = .weekday(weekday)
            if kind == .keep {
                fail("when", en: "a keep pin needs a date like 2026-10-20, not weekday \(weekday)", zh: "固定课须写具体日期（如 2026-10-20），不能只写星期")
            }
        } else if let date = CivilDate(iso: whenText) {
            if let term = context.term, date < term.start || date > term.end {
                fail("when", en: "date \(quoted(date.iso)) is outside the term \(termText(term.start, term.end))", zh: "日期 \(quoted(date.iso)) 不在学期 \(termText(term.start, term.end)) 内")
            }
            when = .date(date)
        } else {
            fail("when", en: "when \(quoted(whenText)) is not a date like 2026-10-20 or a weekday 1–7", zh: "when \(quoted(whenText)) 应为日期（如 2026-10-20）或星期 1–7")
        }
        // period: one period; a forbid may leave it empty (the whole day).
        var period: Int?
        let maxPeriod = context.periodsPerDay ?? SchoolFile.periodsRange.upperBound
        if row["period"].isEmpty {
            if kind == .keep { fail("period", en: "a keep pin needs a period", zh: "固定课须写节次") }
        } else if let p = wholeNumber(row["period"], in: 1...maxPeriod) {
            period = p
        } else {
            fail("period", en: "period \(quoted(row["period"])) is not 1–\(maxPeriod)", zh: "节次 \(quoted(row["period"])) 应为 1–\(maxPeriod)")
        }
        // teacher: the keep's teacher (a teacher of teachers.csv); a forbid has none.
        let teacher = row["teacher"]
        if kind == .keep {
            if let problem = idProblem(teacher) {
                fail("teacher", en: "teacher id \(quoted(teacher)) \(problem.en)", zh: "固定课须写授课教师编号：教师编号 \(quoted(teacher)) \(problem.zh)")
            } else if let known = context.teacherIDs, !known.contains(teacher) {
                fail("teacher", en: "unknown teacher \(quoted(teacher)) (not in teachers.csv)", zh: "teachers.csv 中没有教师 \(quoted(teacher))")
            }
        } else if kind == .forbid && !teacher.isEmpty {
            fail("teacher", en: "a forbid pin has no teacher (it keeps every lesson of the class away); leave teacher empty",
                 zh: "禁排对该班所有心理课生效，teacher 应留空")
        }
        guard ok, let kind, let when else { return nil }
        return Pin(classID: classID, when: when, period: period, teacher: kind == .keep ? teacher : "", kind: kind, line: row.line)
    }
}
