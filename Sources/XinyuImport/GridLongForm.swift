// The long form: a header naming class, weekday, period, subject and (optional) teacher and weeks
// columns (class/班级, weekday/星期, period/节次, subject/科目/课程, teacher/教师/老师, weeks/单双周),
// then one line per lesson. Weekdays are 1–7 or names (周一, 星期一, Mon, Monday); weeks
// all/odd/even or 单/双. Every cell is accounted: the subject is the lesson, the others labels.

import Foundation

enum GridLongForm {
    struct Columns { var klass: Int; var weekday: Int; var period: Int; var subject: Int; var teacher: Int?; var weeks: Int? }

    /// The long form's columns, when `header` names at least class, weekday, period and subject.
    static func columns(_ header: [String]) -> Columns? {
        func find(_ names: [String]) -> Int? {
            header.firstIndex { h in names.contains(GridLabels.normal(h).lowercased()) }
        }
        guard let c = find(["class", "班级", "班"]), let d = find(["weekday", "day", "星期", "周几", "日"]),
              let p = find(["period", "节次", "节", "课节"]), let s = find(["subject", "科目", "课程", "学科"]) else { return nil }
        return Columns(klass: c, weekday: d, period: p, subject: s, teacher: find(["teacher", "teachers", "教师", "老师", "任课教师"]),
                       weeks: find(["weeks", "week", "单双周", "周次"]))
    }

    /// A weekday in a long-form cell: a number 1–7 or a name.
    static func weekday(_ cell: String) -> Int? {
        if let n = Int(GridLabels.normal(cell)), (1...7).contains(n) { return n }
        return GridLabels.weekday(GridLabels.normal(cell))
    }

    /// Reads `table` as the long form when its first non-empty line is a long-form header.
    static func read(_ table: GridTable, accounting: inout GridAccounting) throws(ImportError) -> GridSheetResult? {
        guard let h = table.rows.firstIndex(where: { !$0.allSatisfy { GridLabels.normal($0).isEmpty } }),
              let columns = columns(table.rows[h]) else { return nil }
        var out = GridSheetResult()
        for (c, text) in table.rows[h].enumerated() where !GridLabels.normal(text).isEmpty {
            accounting.record(table.label, GridPosition(row: h, column: c), .label(.header))
        }
        for (i, row) in table.rows.enumerated() where i > h {
            func field(_ k: Int?) -> String { guard let k, k < row.count else { return "" }; return row[k].trimmingCharacters(in: .whitespacesAndNewlines) }
            if row.allSatisfy({ GridLabels.normal($0).isEmpty }) { continue }
            let line = "\(table.label):\(i + 1)"
            let cls = try GridClassName.check(field(columns.klass), at: line, titles: [])
            guard let d = weekday(field(columns.weekday)) else {
                throw .input(line, "weekday \"\(field(columns.weekday))\" is not 1–7 or a weekday name / 星期无效")
            }
            guard let p = GridLabels.period(field(columns.period))?.number else {
                throw .input(line, "period \"\(field(columns.period))\" is not 1–16 / 节次无效")
            }
            var week = 0
            switch GridLabels.normal(field(columns.weeks)).lowercased() {
            case "", "all", "每周", "全部": week = 0
            case "odd", "单", "单周", "a": week = 1
            case "even", "双", "双周", "b": week = 2
            default: throw .input(line, "weeks \"\(field(columns.weeks))\" is not all, odd, even, 单 or 双 / 单双周无效")
            }
            let kinds: [(Int?, CellUse)] = [(columns.klass, .label(.klass)), (columns.weekday, .label(.day)), (columns.period, .label(.period)),
                                            (columns.teacher, .label(.info)), (columns.weeks, .label(.info))]
            for (k, use) in kinds where !field(k).isEmpty { accounting.record(table.label, GridPosition(row: i, column: k ?? 0), use) }
            for (c, text) in row.enumerated() where !GridLabels.normal(text).isEmpty && ![columns.klass, columns.weekday, columns.period, columns.subject, columns.teacher, columns.weeks].contains(c) {
                accounting.record(table.label, GridPosition(row: i, column: c), .label(.info))
            }
            if !out.classes.contains(cls) { out.classes.append(cls) }
            let subject = field(columns.subject)
            guard !subject.isEmpty else { continue }  // a line with no lesson: its cells are labels
            accounting.record(table.label, GridPosition(row: i, column: columns.subject), .lesson(1))
            let teachers = GridCell.names(field(columns.teacher))
            out.maxDay = max(out.maxDay, d)
            out.maxPeriod = max(out.maxPeriod, p)
            out.lessons.append(GridLesson(classID: cls, day: d, period: p, lesson: CellLesson(subject: subject, teachers: teachers, week: week),
                                          origin: "\((table.label as NSString).lastPathComponent) line \(i + 1)"))
        }
        out.blocks.append("\(table.label): long form 长表, \(out.lessons.count) lessons")
        return out
    }
}
