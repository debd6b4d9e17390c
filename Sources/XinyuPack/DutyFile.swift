// duty.csv: the counseling-room duty plan (a Xinyu extension, docs/FORMAT.md), UTF-8 without BOM
// like schedule.csv. The weekly duty sheet for notice boards is written by XinyuCore.

import Foundation

/// One duty: one teacher keeps one window occurrence of a school's counseling room (one row of duty.csv).
public struct DutyShift: Sendable, Hashable, Comparable {
    public var school: String
    public var date: CivilDate
    /// Minutes after midnight.
    public var start: Int
    public var end: Int
    public var teacher: String
    public var audience: DutyAudience
    public init(school: String, date: CivilDate, start: Int, end: Int, teacher: String, audience: DutyAudience) {
        self.school = school
        self.date = date
        self.start = start
        self.end = end
        self.teacher = teacher
        self.audience = audience
    }
    public var minutes: Int { end - start }
    /// Order: school, date, start, teacher (then end and audience, for a total order).
    public static func < (a: DutyShift, b: DutyShift) -> Bool {
        (a.school, a.date.dayNumber, a.start, a.teacher, a.end, a.audience.rawValue)
            < (b.school, b.date.dayNumber, b.start, b.teacher, b.end, b.audience.rawValue)
    }
}

/// duty.csv: `school,date,start,end,teacher,audience`, times as `HH:MM`.
public enum DutyFiles {
    public static let header = ["school", "date", "start", "end", "teacher", "audience"]

    /// duty.csv: the header, then one row per shift in order.
    public static func dutyCSV(_ shifts: [DutyShift]) -> String {
        CSVText.document(header: header, rows: shifts.sorted().map {
            [$0.school, $0.date.iso, DutyWindow.clock($0.start), DutyWindow.clock($0.end), $0.teacher, $0.audience.rawValue]
        }, bom: false)
    }

    /// Reads `DIR/duty.csv`; nil when the file is absent. Every bad row is reported (file, line, field).
    public static func read(directory: String) throws(PackError) -> [DutyShift]? {
        guard FileManager.default.fileExists(atPath: directory + "/duty.csv") else { return nil }
        var log = DiagnosticLog()
        var shifts: [DutyShift] = []
        if let table = CSVTable.read(root: directory, "duty.csv", required: header, log: &log) {
            for r in table.records {
                func fail(_ field: String, en: String, zh: String) { log.error("duty.csv", line: r.line, field: field, en: en, zh: zh) }
                let before = log.items.count
                if r["school"].isEmpty { fail("school", en: "school must not be empty", zh: "school（学校）不能为空") }
                if r["teacher"].isEmpty { fail("teacher", en: "teacher must not be empty", zh: "teacher（教师）不能为空") }
                let date = CivilDate(iso: r["date"])
                if date == nil { fail("date", en: "date \(quoted(r["date"])) is not YYYY-MM-DD", zh: "日期 \(quoted(r["date"])) 不是 YYYY-MM-DD 格式") }
                let start = SchoolFile.clockTime(Substring(r["start"])), end = SchoolFile.clockTime(Substring(r["end"]))
                if start == nil { fail("start", en: "start \(quoted(r["start"])) is not a time HH:MM", zh: "开始时间 \(quoted(r["start"])) 不是 HH:MM 格式") }
                if end == nil { fail("end", en: "end \(quoted(r["end"])) is not a time HH:MM", zh: "结束时间 \(quoted(r["end"])) 不是 HH:MM 格式") }
                if let start, let end, start >= end { fail("end", en: "end \(r["end"]) is not after start \(r["start"])", zh: "结束时间 \(r["end"]) 不晚于开始时间 \(r["start"])") }
                let audience = DutyAudience(rawValue: r["audience"].lowercased())
                if audience == nil { fail("audience", en: "audience \(quoted(r["audience"])) is not students, parents or all",
                                              zh: "对象 audience \(quoted(r["audience"])) 不是 students（学生）、parents（家长）或 all（全部）") }
                guard log.items.count == before, let date, let start, let end, let audience else { continue }
                shifts.append(DutyShift(school: r["school"], date: date, start: start, end: end, teacher: r["teacher"], audience: audience))
            }
        }
        if log.hasErrors { throw PackError(log.sorted) }
        return shifts
    }
}
