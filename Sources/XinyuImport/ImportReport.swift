// What an import understood, for `--dry-run` and the summary after writing.

import Foundation
import XinyuPack

public struct ImportReport: Sendable {
    public struct ClassLine: Sendable, Hashable {
        public var id: String
        public var stage: Stage
        public var grade: Int
        /// True when the stage came from the class's name; false when from --stage.
        public var stageFromName: Bool
        /// Busy periods per week (a two-week cycle counts week A and week B apart: A + B over 2).
        public var periodsA: Int
        public var periodsB: Int
    }
    public var format: ImportFormat
    public var files: [String]
    public var schoolID: String = ""
    public var schoolName: String = ""
    public var days: [String] = []
    public var periods: [String] = []
    public var periodTimes: [String] = []
    public var twoWeek = false
    public var classes: [ClassLine] = []
    /// Teacher id → lesson-periods per week (an average over weeks A and B).
    public var teacherLoad: [(id: String, periods: Double)] = []
    /// Subject → class-periods per week (an average over weeks A and B).
    public var subjects: [(name: String, periods: Double)] = []
    /// Lesson-periods placed: (class, weekday, period) busy, summed over the cycle's weeks.
    public var lessonPeriods = 0
    /// Timetable rows written.
    public var rows = 0
    public var itemsPlaced = 0
    public var skipped: [SkippedItem] = []
    public var clashes: [String] = []
    public var renamed: [String] = []
    public var notes: [String] = []
    public var warnings: [String] = []
    public var psychTeachers: [String] = []
    /// Grids: how every non-empty cell was used.
    public var cellAccounting: [String] = []
    /// Grids: each class's weekly timetable as read (ClassGridText).
    public var classGrids: [String] = []

    /// The report as text (English with Chinese headings).
    public func text() -> String {
        var out: [String] = []
        out.append("Import 导入 \(format.rawValue): \(files.joined(separator: " "))")
        out.append("School 学校: \(schoolID) — \(schoolName)")
        out.append("Grid 课表: \(days.count) days (\(days.joined(separator: ", "))) × \(periods.count) periods" + (twoWeek ? "; two-week cycle (week A → odd weeks 单周, week B → even weeks 双周)" : ""))
        if !periodTimes.isEmpty { out.append("Bell times 作息时间: \(periodTimes.joined(separator: ", "))") }
        out.append("Classes 班级 (\(classes.count)):")
        for c in classes {
            let per = twoWeek ? "\(c.periodsA)/\(c.periodsB) busy periods (week A/B) 有课节数（单/双周）" : "\(c.periodsA) busy periods a week 每周有课节数"
            out.append("  \(c.id)  \(c.stage.rawValue) grade \(c.grade)\(c.stageFromName ? "" : " (from --stage)")  \(per)")
        }
        out.append("Teachers 教师 (\(teacherLoad.count)):")
        for t in teacherLoad { out.append("  \(t.id)  \(Self.number(t.periods)) periods a week" + (psychTeachers.contains(t.id) ? "  [psychology 心理]" : "")) }
        out.append("Subjects 科目 (\(subjects.count)), class-periods a week:")
        for s in subjects { out.append("  \(s.name)  \(Self.number(s.periods))") }
        out.append("Lessons placed 已导入: \(lessonPeriods) lesson-periods from \(itemsPlaced) source items, \(rows) timetable rows")
        out += cellAccounting
        if !classGrids.isEmpty {
            out.append("Timetables read 读到的课表:")
            out += classGrids
        }
        out += skippedLines()
        out.append("Clashes in the source 源数据冲突 (\(clashes.count)):")
        for c in clashes { out.append("  - \(c)") }
        if !renamed.isEmpty {
            out.append("Ids changed 已修改的标识 (the pack forbids commas, semicolons and control characters):")
            for r in renamed { out.append("  - \(r)") }
        }
        if !warnings.isEmpty {
            out.append("Warnings 警告 (\(warnings.count)):")
            for w in warnings { out.append("  - \(w)") }
        }
        if !notes.isEmpty {
            out.append("Notes 说明:")
            for n in notes { out.append("  - \(n)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func skippedLines() -> [String] {
        var out = ["Skipped 未导入 (\(skipped.count)):"]
        var byReason: [SkipReason: Int] = [:]
        for s in skipped { byReason[s.reason, default: 0] += 1 }
        for r in SkipReason.allCases { if let n = byReason[r] { out.append("  \(r.rawValue) \(r.chinese): \(n)") } }
        for s in skipped { out.append("  - \(s)") }
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }
}

/// Each class's weekly timetable as text: one line per period, one column per day; a 单双周
/// period shows `odd|even`.
enum ClassGridText {
    static func lines(_ school: School, dayNames: [String]) -> [String] {
        var out: [String] = []
        for c in school.classes {
            let rows = school.timetable.filter { $0.classID == c.id }
            out.append("  \(c.id) (\(rows.count) rows 行):")
            out.append("    节次 | " + dayNames.joined(separator: " | "))
            for p in 1...max(school.periodsPerDay, 1) {
                var cells: [String] = []
                for d in 1...max(school.daysPerWeek, 1) {
                    let here = rows.filter { $0.weekday == d && $0.period == p }
                    let odd = here.first { $0.weeks == .odd }, even = here.first { $0.weeks == .even }
                    if let all = here.first(where: { $0.weeks == .all }) { cells.append(show(all)) }
                    else if odd != nil || even != nil { cells.append("\(odd.map(show) ?? "·")|\(even.map(show) ?? "·")") }
                    else { cells.append("·") }
                }
                let time = p <= school.periodTimes.count ? " " + school.periodTimes[p - 1] : ""
                out.append("    \(p)\(time) | " + cells.joined(separator: " | "))
            }
        }
        return out
    }

    static func show(_ r: TimetableRow) -> String {
        r.teachers.isEmpty ? r.subject : "\(r.subject)(\(r.teachers.joined(separator: "、")))"
    }
}
