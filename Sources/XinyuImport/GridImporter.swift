// Timetable grids (课程表) as CSV, or XLSX (every worksheet is read like a CSV file): what Chinese
// timetabling software and hand-made spreadsheets export. A CSV file's encoding (UTF-8 with or
// without BOM, UTF-16, GB18030/GBK) is detected.
//
// Two layouts, told apart by the header:
// 1. Long form: a header naming class, weekday, period, subject and (optional) teacher and weeks
//    columns (class/班级, weekday/星期, period/节次, subject/科目/课程, teacher/教师/老师, weeks/单双周).
//    Weekdays are 1–7 or names (周一, 星期一, Mon, Monday); weeks all/odd/even or 单/双.
// 2. Blocks, one per class: a header row with weekday names (周一 … / Mon …) across, periods down.
//    The class is the header row's first cell when it is not a label like 节次/时间, else the
//    nearest non-empty row above (e.g. "高一(3)班课程表", "班级：初二3班"; the words 课程表/课表 and
//    a 班级： prefix are dropped). The period of a row is the number in its label (1, 第1节, 第一节);
//    a row without one takes the next number; rows without lessons (午休, 课间操) are skipped.
//    A block ends at an empty row or the next header.
// Cells: `语文`, `语文(张伟)`, `语文（张伟）`, or `语文` and `张伟` on two lines of one cell;
// several teachers are joined by 、 / ; or a space inside the brackets. Empty cells and - — are free periods.

import Foundation
import XinyuPack

public enum GridImporter {
    static let weekdayNames: [(String, Int)] = {
        var list: [(String, Int)] = []
        let han = ["一", "二", "三", "四", "五", "六", "日"]
        for (i, h) in han.enumerated() {
            for prefix in ["周", "星期", "礼拜"] { list.append((prefix + h, i + 1)) }
        }
        list += [("星期天", 7), ("周天", 7), ("礼拜天", 7)]
        let english = [["mon", "monday"], ["tue", "tues", "tuesday"], ["wed", "weds", "wednesday"], ["thu", "thur", "thurs", "thursday"],
                       ["fri", "friday"], ["sat", "saturday"], ["sun", "sunday"]]
        for (i, names) in english.enumerated() { for n in names { list.append((n, i + 1)) } }
        return list
    }()

    /// The weekday 1–7 a header cell names, or nil.
    static func weekday(_ cell: String) -> Int? {
        let s = cell.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: ".", with: "")
        for (name, d) in weekdayNames where s == name { return d }
        return nil
    }

    /// A weekday in a long-form cell: a number 1–7 or a name.
    static func weekdayValue(_ cell: String) -> Int? {
        if let n = Int(cell.trimmingCharacters(in: .whitespaces)), (1...7).contains(n) { return n }
        return weekday(cell)
    }

    /// The period number in a row label: "3", "第3节", "第三节", "3节", "Period 3", "P3".
    static func periodNumber(_ label: String) -> Int? {
        var s = Substring(label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        for prefix in ["第", "period ", "period", "p", "lesson "] where s.hasPrefix(prefix) { s = s.dropFirst(prefix.count); break }
        guard let n = StageDetection.leadingNumber(s) else { return nil }
        let rest = s.dropFirst(n.length).trimmingCharacters(in: .whitespaces)
        guard rest.isEmpty || rest == "节" || rest == "节课" || rest.hasPrefix("节") || rest.hasPrefix("(") || rest.hasPrefix("（") || rest.hasPrefix("\n") else { return nil }
        return (1...16).contains(n.value) ? n.value : nil
    }

    /// Subject and teachers of a cell; nil for an empty cell (a free period).
    static func cell(_ raw: String) -> (subject: String, teachers: [String])? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || ["-", "—", "－", "/", "无", "空"].contains(text) { return nil }
        var subject = text
        var teacherText = ""
        if let open = text.firstIndex(where: { $0 == "(" || $0 == "（" }),
           let close = text.lastIndex(where: { $0 == ")" || $0 == "）" }), open < close {
            subject = String(text[..<open])
            teacherText = String(text[text.index(after: open)..<close])
        } else {
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if lines.count >= 2 {
                subject = lines[0]
                teacherText = lines[1...].joined(separator: "、")
            }
        }
        subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        let teachers = teacherText.split(whereSeparator: { "、/;；,， ".contains($0) }).map(String.init).filter { !$0.isEmpty }
        if subject.isEmpty { return nil }
        return (subject, teachers)
    }

    static let labelWords = ["节次", "时间", "节", "星期", "课节", "时段", "period", "time", "class", "班级", ""]

    /// The class name in a title cell: "高一(3)班课程表" → "高一(3)班", "班级：初二3班" → "初二3班".
    static func className(_ title: String) -> String {
        var s = title.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["班级：", "班级:", "班级 ", "Class:", "Class "] where s.hasPrefix(prefix) { s = String(s.dropFirst(prefix.count)) }
        for suffix in ["课程表", "课表", "作息表", " timetable", " Timetable"] where s.hasSuffix(suffix) { s = String(s.dropLast(suffix.count)) }
        return s.trimmingCharacters(in: .whitespaces)
    }

    public static func read(files: [String]) throws(ImportError) -> (ImportSource, encodings: [String]) {
        var days = 0, periods = 0
        var classes: [String] = []
        var teachers: [String] = []
        var classSet: Set<String> = [], teacherSet: Set<String> = []
        var lessons: [SourceLesson] = []
        var skipped: [SkippedItem] = []
        var notes: [String] = []
        var placed = 0
        var encodings: [String] = []
        for path in files {
            let data = try ImportLimits.read(path)
            // The tables of the file: one for a CSV file, one per worksheet of an XLSX file.
            var tables: [(label: String, rows: [[String]])] = []
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                for sheet in try XLSXReader.sheets(path) { tables.append(("\(path)[\(sheet.name)]", sheet.rows)) }
                notes.append("\((path as NSString).lastPathComponent): XLSX, \(tables.count) sheet(s)")
            } else {
                guard let decoded = TextDecoding.decode(data) else {
                    throw .input(path, "is not text in UTF-8, UTF-16 or GB18030/GBK / 无法识别文件编码")
                }
                encodings.append("\(path): \(decoded.encoding.rawValue)")
                notes.append("\((path as NSString).lastPathComponent): encoding \(decoded.encoding.rawValue)")
                do { tables.append((path, try CSVParse.parse(decoded.text))) } catch { throw .input("\(path):\(error.line)", "\(error.message) / CSV 格式错误") }
            }
            var tablesWithBlocks = 0
            for (path, rows) in tables {
                if rows.count > ImportLimits.maxRows {
                    throw .input("\(path):\(ImportLimits.maxRows + 1)", "more than \(ImportLimits.maxRows) rows; a timetable has far fewer / 行数超过 \(ImportLimits.maxRows)")
                }
                // Sets beside the ordered lists keep these linear on big files.
                func addClass(_ c: String) throws(ImportError) {
                    guard classSet.insert(c).inserted else { return }
                    classes.append(c)
                    if classes.count > ImportLimits.maxClasses {
                        throw .input(path, "more than \(ImportLimits.maxClasses) classes; one school has far fewer / 班级数超过 \(ImportLimits.maxClasses)")
                    }
                }
                func addTeachers(_ ts: [String]) throws(ImportError) {
                    for t in ts where teacherSet.insert(t).inserted {
                        teachers.append(t)
                        if teachers.count > ImportLimits.maxTeachers {
                            throw .input(path, "more than \(ImportLimits.maxTeachers) teachers; one school has far fewer / 教师数超过 \(ImportLimits.maxTeachers)")
                        }
                    }
                }

                // Long form?
                let headerIndex = rows.firstIndex { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
                if let h = headerIndex, let columns = longFormColumns(rows[h]) {
                    for (i, row) in rows.enumerated() where i > h {
                        func field(_ k: Int?) -> String { guard let k, k < row.count else { return "" }; return row[k].trimmingCharacters(in: .whitespacesAndNewlines) }
                        if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                        let line = i + 1
                        let origin = "\((path as NSString).lastPathComponent) line \(line)"
                        let cls = field(columns.klass)
                        guard !cls.isEmpty else { throw .input("\(path):\(line)", "empty class / 班级为空") }
                        guard let d = weekdayValue(field(columns.weekday)) else {
                            throw .input("\(path):\(line)", "weekday \"\(field(columns.weekday))\" is not 1–7 or a weekday name / 星期无效")
                        }
                        guard let p = periodNumber(field(columns.period)) else {
                            throw .input("\(path):\(line)", "period \"\(field(columns.period))\" is not 1–16 / 节次无效")
                        }
                        var week = 0
                        switch field(columns.weeks).lowercased() {
                        case "", "all", "每周", "全部": week = 0
                        case "odd", "单", "单周", "a": week = 1
                        case "even", "双", "双周", "b": week = 2
                        default: throw .input("\(path):\(line)", "weeks \"\(field(columns.weeks))\" is not all, odd, even, 单 or 双 / 单双周无效")
                        }
                        try addClass(cls)
                        let subject = field(columns.subject)
                        if subject.isEmpty { skipped.append(SkippedItem(.unreadable, origin, periods: 0, "empty subject")); continue }
                        let ts = field(columns.teacher).split(whereSeparator: { "、/;；,，".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        try addTeachers(ts)
                        days = max(days, d); periods = max(periods, p)
                        lessons.append(SourceLesson(classID: cls, weekday: d, period: p, week: week, subject: subject, teachers: ts, origin: origin))
                        placed += 1
                    }
                    tablesWithBlocks += 1
                    continue
                }

                // Blocks.
                var i = 0
                var blocks = 0
                while i < rows.count {
                    let row = rows[i]
                    let dayColumns = row.enumerated().compactMap { c -> (Int, Int)? in weekday(c.element).map { (c.offset, $0) } }
                    guard dayColumns.count >= 2 else { i += 1; continue }
                    // The class: the header's first cell, else the nearest non-empty row above.
                    let firstDayColumn = dayColumns[0].0
                    var name = row[..<firstDayColumn].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty } ?? ""
                    if labelWords.contains(name.lowercased()) || name.contains("节次") || name.contains("星期") { name = "" }
                    var k = i - 1
                    while name.isEmpty && k >= 0 {
                        if let title = rows[k].map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }).first(where: { !$0.isEmpty }) {
                            name = title
                        }
                        k -= 1
                        if !name.isEmpty || i - k > 3 { break }
                    }
                    name = className(name)
                    guard !name.isEmpty else { throw .input("\(path):\(i + 1)", "a timetable block without a class name (put the class above the weekday header or in its first cell) / 课表块缺少班级名称") }
                    try addClass(name)
                    blocks += 1
                    for (_, d) in dayColumns { days = max(days, d) }
                    var period = 0
                    var j = i + 1
                    while j < rows.count {
                        let r = rows[j]
                        if r.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { break }
                        if r.enumerated().filter({ weekday($0.element) != nil }).count >= 2 { break }
                        let labels = r[..<min(firstDayColumn, r.count)]
                        let number = labels.lazy.compactMap(periodNumber).first
                        let cells = dayColumns.map { (column, d) in (d, column < r.count ? cell(r[column]) : nil, column < r.count ? r[column] : "") }
                        if cells.allSatisfy({ $0.1 == nil }) {
                            // A row without lessons: a break (午休) or an empty period.
                            if let number { period = number }
                            j += 1
                            continue
                        }
                        period = number ?? period + 1
                        guard (1...16).contains(period) else {
                            throw .input("\(path):\(j + 1)", "period \(period) of class \(name): a pack allows 1–16 periods / 节次超过 16")
                        }
                        periods = max(periods, period)
                        for (d, parsed, _) in cells {
                            guard let parsed else { continue }
                            try addTeachers(parsed.teachers)
                            lessons.append(SourceLesson(classID: name, weekday: d, period: period, subject: parsed.subject,
                                                        teachers: parsed.teachers, origin: "\((path as NSString).lastPathComponent) line \(j + 1) \(name) \(d)-\(period)"))
                            placed += 1
                        }
                        j += 1
                    }
                    i = j
                }
                if blocks > 0 { tablesWithBlocks += 1 }
            }
            if tablesWithBlocks == 0 {
                throw .input(path, "neither a long-form header (class, weekday, period, subject[, teacher]) nor a timetable grid (a row of weekday names 周一…/Mon…) was found / 未找到课表：既无长表表头也无星期标题行")
            }
        }
        guard days > 0, periods > 0 else { throw .input(files.joined(separator: " "), "no lessons found / 未找到任何课程") }
        let dayNames = Array(["周一", "周二", "周三", "周四", "周五", "周六", "周日"].prefix(max(days, 5)))
        let stem = ((files[0] as NSString).lastPathComponent as NSString).deletingPathExtension
        var source = ImportSource(format: .grid, files: files, schoolName: stem, defaultSchoolID: stem,
                                  dayNames: dayNames, periodNames: (1...periods).map { "第\($0)节" })
        source.classes = classes.map { SourceClass(id: $0, stageHints: [$0]) }
        source.teachers = teachers
        source.lessons = lessons
        source.skipped = skipped
        source.notes = notes
        source.itemsPlaced = placed
        source.twoWeek = lessons.contains { $0.week != 0 }
        return (source, encodings)
    }

    struct LongColumns { var klass: Int; var weekday: Int; var period: Int; var subject: Int; var teacher: Int?; var weeks: Int? }

    /// The long form's columns, when `header` names at least class, weekday, period and subject.
    static func longFormColumns(_ header: [String]) -> LongColumns? {
        func find(_ names: [String]) -> Int? {
            header.firstIndex { h in names.contains(h.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()) }
        }
        guard let c = find(["class", "班级", "班"]), let d = find(["weekday", "day", "星期", "周几", "日"]),
              let p = find(["period", "节次", "节", "课节"]), let s = find(["subject", "科目", "课程", "学科"]) else { return nil }
        return LongColumns(klass: c, weekday: d, period: p, subject: s, teacher: find(["teacher", "teachers", "教师", "老师", "任课教师"]),
                           weeks: find(["weeks", "week", "单双周", "周次"]))
    }
}

/// A small RFC 4180 reader: quoted fields with "" escapes and line breaks, CRLF, LF or CR rows.
enum CSVParse {
    struct Failure: Error { var line: Int; var message: String }

    static func parse(_ text: String) throws(Failure) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var atStart = true
        var line = 1
        var quoteLine = 1
        var it = Array(text.unicodeScalars)
        if it.first == "\u{FEFF}" { it.removeFirst() }
        var i = 0
        while i < it.count {
            let c = it[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < it.count && it[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 2; continue }
                    quoted = false
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where atStart:
                quoted = true
                quoteLine = line
                atStart = false
            case ",":
                row.append(field); field = ""; atStart = true
            case "\r" where i + 1 < it.count && it[i + 1] == "\n":
                break
            case "\n", "\r":  // LF, CRLF (above) or a lone CR (old Mac files) ends a row
                row.append(field); rows.append(row); row = []; field = ""; atStart = true
                line += 1
            default:
                field.unicodeScalars.append(c)
                atStart = false
            }
            i += 1
        }
        if quoted { throw Failure(line: quoteLine, message: "a quoted field is never closed (a truncated file?)") }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
