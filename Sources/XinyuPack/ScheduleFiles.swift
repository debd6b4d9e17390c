import Foundation

/// A placed mental-health lesson: one row of schedule.csv.
public struct Lesson: Sendable, Hashable, Comparable {
    public var school: String
    public var classID: String
    public var date: CivilDate
    /// The timetable weekday used that day (a make-up day's `follows_weekday`).
    public var weekday: Int
    public var period: Int
    public var teacher: String
    /// The replaced subject; empty for a free period.
    public var replaces: String
    /// Displacement cost of the replaced period (not part of the file).
    public var cost: Double
    /// A grade lecture (专题讲座): all classes of a grade at once with one teacher (lessons.csv
    /// `kind` = `lecture`; not part of schedule.csv).
    public var lecture: Bool = false

    public init(school: String, classID: String, date: CivilDate, weekday: Int, period: Int,
                teacher: String, replaces: String, cost: Double = 0) {
        self.school = school
        self.classID = classID
        self.date = date
        self.weekday = weekday
        self.period = period
        self.teacher = teacher
        self.replaces = replaces
        self.cost = cost
    }

    /// The contract's order: school, class, date, period (teacher last, for a total order).
    public static func < (a: Lesson, b: Lesson) -> Bool {
        (a.school, a.classID, a.date.dayNumber, a.period, a.teacher) < (b.school, b.classID, b.date.dayNumber, b.period, b.teacher)
    }
}

/// One row of months.csv: a class's required and scheduled lessons in a calendar month.
public struct MonthRow: Sendable, Hashable {
    public var school: String
    public var classID: String
    public var month: String
    public var required: Int
    public var scheduled: Int
    public init(school: String, classID: String, month: String, required: Int, scheduled: Int) {
        self.school = school
        self.classID = classID
        self.month = month
        self.required = required
        self.scheduled = scheduled
    }
}

/// schedule.csv and months.csv, as the contract defines them (UTF-8, header row, no BOM).
public enum ScheduleFiles {
    public static let scheduleHeader = ["school", "class", "date", "weekday", "period", "teacher", "replaces"]
    public static let monthsHeader = ["school", "class", "month", "required", "scheduled"]

    public static func scheduleText(_ lessons: [Lesson]) -> String {
        CSVText.document(header: scheduleHeader, rows: lessons.sorted().map {
            [$0.school, $0.classID, $0.date.iso, String($0.weekday), String($0.period), $0.teacher, $0.replaces]
        }, bom: false)
    }

    public static func monthsText(_ rows: [MonthRow]) -> String {
        CSVText.document(header: monthsHeader, rows: rows.map {
            [$0.school, $0.classID, $0.month, String($0.required), String($0.scheduled)]
        }, bom: false)
    }

    /// The lesson of a row with schedule.csv's columns (schedule.csv, lessons.csv); nil after
    /// logging what is wrong with it.
    static func lesson(_ r: CSVRecord, file: String, log: inout DiagnosticLog) -> Lesson? {
        func fail(_ field: String, en: String, zh: String) { log.error(file, line: r.line, field: field, en: en, zh: zh) }
        guard let date = CivilDate(iso: r["date"]) else { fail("date", en: "date \(quoted(r["date"])) is not YYYY-MM-DD", zh: "日期 \(quoted(r["date"])) 不是 YYYY-MM-DD 格式"); return nil }
        guard let wd = wholeNumber(r["weekday"], in: 1...7) else { fail("weekday", en: "weekday \(quoted(r["weekday"])) is not 1–7", zh: "星期 \(quoted(r["weekday"])) 不是 1–7"); return nil }
        guard let p = wholeNumber(r["period"], in: 1...99) else { fail("period", en: "period \(quoted(r["period"])) is not a period number", zh: "节次 \(quoted(r["period"])) 不是节次号"); return nil }
        if r["school"].isEmpty || r["class"].isEmpty || r["teacher"].isEmpty {
            fail("school", en: "school, class and teacher must not be empty", zh: "school（学校）、class（班级）、teacher（教师）不能为空"); return nil
        }
        return Lesson(school: r["school"], classID: r["class"], date: date, weekday: wd, period: p,
                      teacher: r["teacher"], replaces: r["replaces"])
    }

    /// Reads `DIR/schedule.csv` and, when present, `DIR/months.csv`; every bad row is reported.
    public static func read(directory: String) throws(PackError) -> (lessons: [Lesson], months: [MonthRow]?) {
        var log = DiagnosticLog()
        var lessons: [Lesson] = []
        if let table = CSVTable.read(root: directory, "schedule.csv", required: scheduleHeader, log: &log) {
            for r in table.records {
                if let lesson = lesson(r, file: "schedule.csv", log: &log) { lessons.append(lesson) }
            }
        }
        var months: [MonthRow]?
        if FileManager.default.fileExists(atPath: directory + "/months.csv"),
           let table = CSVTable.read(root: directory, "months.csv", required: monthsHeader, log: &log) {
            var rows: [MonthRow] = []
            for r in table.records {
                guard let req = wholeNumber(r["required"]), let sch = wholeNumber(r["scheduled"]) else {
                    log.error("months.csv", line: r.line, field: "required", en: "required and scheduled must be whole numbers",
                              zh: "required（应排）与 scheduled（已排）必须是整数"); continue
                }
                rows.append(MonthRow(school: r["school"], classID: r["class"], month: r["month"], required: req, scheduled: sch))
            }
            months = rows
        }
        if log.hasErrors { throw PackError(log.sorted) }
        return (lessons, months)
    }
}
