import CXLSXWriter
import Foundation

/// An XLSX workbook written with libxlsxwriter, as Excel or WPS would save it.
final class Book {
    let wb: UnsafeMutablePointer<lxw_workbook>
    init(_ path: String) { wb = workbook_new(path) }
    func sheet(_ name: String) -> Sheet { Sheet(ws: workbook_add_worksheet(wb, name)) }
    func close() { workbook_close(wb) }
}

/// Where a layout is drawn: a worksheet, or a CSV file (a merged range keeps its text in its
/// first cell only, as a CSV export of a sheet does).
protocol Canvas {
    func put(_ r: Int, _ c: Int, _ s: String)
    func merge(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ s: String)
}

final class CSVCanvas: Canvas {
    var cells: [Int: [Int: String]] = [:]
    func put(_ r: Int, _ c: Int, _ s: String) { if !s.isEmpty { cells[r, default: [:]][c] = s } }
    func merge(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ s: String) { put(r1, c1, s) }
    var text: String {
        let rows = (cells.keys.max() ?? 0) + 1
        let cols = (cells.values.flatMap(\.keys).max() ?? 0) + 1
        return (0..<rows).map { r in
            (0..<cols).map { c -> String in
                let v = cells[r]?[c] ?? ""
                return v.contains(where: { ",\"\n".contains($0) }) ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}

struct Sheet: Canvas {
    let ws: UnsafeMutablePointer<lxw_worksheet>
    func put(_ r: Int, _ c: Int, _ s: String) {
        if !s.isEmpty { worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), s, nil) }
    }
    func merge(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ s: String) {
        worksheet_merge_range(ws, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), s, nil)
    }
}

/// How a class grid is drawn.
struct GridStyle {
    var form: Known.Form = .newline
    var dayNames = ["周一", "周二", "周三", "周四", "周五"]
    var periodLabel: (Int) -> String = { "第\($0)节" }
    var corner = "节次"
    /// A 时间 column (across) or row (down) beside the period labels.
    var timeLine = false
    /// The bell time inside the period label (`第1节\n8:00-8:40`).
    var timeInLabel = false
    /// A merged 上午/下午 column (across) or row (down) before the period labels.
    var halfDays = false
    /// A 午休 line between periods 4 and 5 (merged over the lessons when `mergeBreak`).
    var breakLine: String?
    var mergeBreak = true
    /// The double period merged over its two cells.
    var mergeDouble = true
    /// Afternoon periods labelled 1, 2 again.
    var restartAfternoon = false
}

enum Layout {
    static func label(_ p: Int, _ s: GridStyle) -> String {
        let n = s.restartAfternoon && p > 4 ? p - 4 : p
        let l = s.periodLabel(n)
        return s.timeInLabel ? "\(l)\n\(Known.times[p - 1].replacingOccurrences(of: "-", with: "～"))" : l
    }

    /// The lines of the grid: period numbers, with nil for the break line.
    static func lines(_ s: GridStyle) -> [Int?] {
        s.breakLine == nil ? Array(1...6) : [1, 2, 3, 4, nil, 5, 6]
    }

    /// A class grid with days across from (r0, c0); returns the next free row.
    @discardableResult
    static func across(_ sh: Canvas, _ r0: Int, _ c0: Int, cls: Int, _ s: GridStyle) -> Int {
        var col = c0
        let half = s.halfDays ? col : -1
        if s.halfDays { col += 1 }
        let labelCol = col
        col += 1
        let timeCol = s.timeLine ? col : -1
        if s.timeLine { col += 1 }
        let firstDay = col
        sh.put(r0, s.halfDays ? half : labelCol, s.corner)
        if s.timeLine { sh.put(r0, timeCol, "时间") }
        for d in 0..<Known.days { sh.put(r0, firstDay + d, s.dayNames[d]) }
        let ls = lines(s)
        for (i, p) in ls.enumerated() {
            let r = r0 + 1 + i
            guard let p else {
                if s.mergeBreak { sh.merge(r, labelCol, r, firstDay + Known.days - 1, s.breakLine ?? "") } else { sh.put(r, labelCol, s.breakLine ?? "") }
                continue
            }
            sh.put(r, labelCol, label(p, s))
            if s.timeLine { sh.put(r, timeCol, Known.times[p - 1]) }
            for d in 1...Known.days {
                let text = Known.text(Known.slot(cls, d, p), s.form)
                if s.mergeDouble && cls == 0 && d == 1 && p == 2 { continue }
                if s.mergeDouble && cls == 0 && d == 1 && p == 1 { sh.merge(r, firstDay, r + 1, firstDay, text); continue }
                sh.put(r, firstDay + d - 1, text)
            }
        }
        if s.halfDays {
            let amEnd = r0 + 4, pmStart = r0 + 1 + (s.breakLine == nil ? 4 : 5)
            sh.merge(r0 + 1, half, amEnd, half, "上午")
            sh.merge(pmStart, half, pmStart + 1, half, "下午")
        }
        return r0 + 1 + ls.count
    }

    /// A class grid with days down from (r0, c0): periods across; returns the next free row.
    @discardableResult
    static func down(_ sh: Canvas, _ r0: Int, _ c0: Int, cls: Int, _ s: GridStyle) -> Int {
        let ls = lines(s)
        var row = r0
        if s.halfDays {
            sh.merge(row, c0 + 1, row, c0 + 4, "上午")
            let pm = c0 + 1 + (s.breakLine == nil ? 4 : 5)
            sh.merge(row, pm, row, pm + 1, "下午")
            row += 1
        }
        sh.put(row, c0, s.corner)
        let timeRow = s.timeLine ? row + 1 : -1
        if s.timeLine { sh.put(timeRow, c0, "时间") }
        let firstDayRow = row + 1 + (s.timeLine ? 1 : 0)
        for (i, p) in ls.enumerated() {
            let c = c0 + 1 + i
            guard let p else {
                if s.mergeBreak { sh.merge(row, c, firstDayRow + Known.days - 1, c, s.breakLine ?? "") } else { sh.put(row, c, s.breakLine ?? "") }
                continue
            }
            sh.put(row, c, label(p, s))
            if s.timeLine { sh.put(timeRow, c, Known.times[p - 1]) }
        }
        for d in 1...Known.days {
            let r = firstDayRow + d - 1
            sh.put(r, c0, s.dayNames[d - 1])
            for (i, p) in ls.enumerated() {
                guard let p else { continue }
                let text = Known.text(Known.slot(cls, d, p), s.form)
                if s.mergeDouble && cls == 0 && d == 1 && p == 2 { continue }
                if s.mergeDouble && cls == 0 && d == 1 && p == 1 { sh.merge(r, c0 + 1 + i, r, c0 + 2 + i, text); continue }
                sh.put(r, c0 + 1 + i, text)
            }
        }
        return firstDayRow + Known.days
    }

    /// The whole-school 总课表: one line per class, days merged (or written once) over periods.
    static func wholeSchool(_ sh: Canvas, form: Known.Form, merged: Bool, timeRow: Bool) {
        sh.merge(0, 0, 0, 2 + Known.days * Known.periods - 1, "\(Known.school)2026年秋季学期总课表")
        if merged { sh.merge(1, 0, 2, 0, "班级"); sh.merge(1, 1, 2, 1, "班主任") } else { sh.put(1, 0, "班级"); sh.put(1, 1, "班主任") }
        for d in 0..<Known.days {
            let c = 2 + d * Known.periods
            let name = ["星期一", "星期二", "星期三", "星期四", "星期五"][d]
            if merged { sh.merge(1, c, 1, c + Known.periods - 1, name) } else { sh.put(1, c, name) }
            for p in 1...Known.periods {
                sh.put(2, c + p - 1, String(p))
                if timeRow { sh.put(3, c + p - 1, Known.times[p - 1]) }
            }
        }
        let first = timeRow ? 4 : 3
        for (k, name) in Known.classes.enumerated() {
            let r = first + k
            sh.put(r, 0, name)
            sh.put(r, 1, ["王老师", "李老师", "赵老师"][k])
            for d in 1...Known.days {
                for p in 1...Known.periods {
                    let c = 2 + (d - 1) * Known.periods + p - 1
                    let text = Known.text(Known.slot(k, d, p), form)
                    if merged && k == 0 && d == 1 && p == 2 { continue }
                    if merged && k == 0 && d == 1 && p == 1 { sh.merge(r, c, r, c + 1, text); continue }
                    sh.put(r, c, text)
                }
            }
        }
    }

    /// The transposed 总课表: one column per class, days merged down over their periods.
    static func wholeSchoolDown(_ sh: Canvas, form: Known.Form) {
        sh.merge(0, 0, 0, 1 + Known.classes.count, "\(Known.school)总课表")
        sh.put(1, 0, "星期")
        sh.put(1, 1, "节次")
        for (k, name) in Known.classes.enumerated() { sh.put(1, 2 + k, name) }
        for d in 1...Known.days {
            let r = 2 + (d - 1) * Known.periods
            sh.merge(r, 0, r + Known.periods - 1, 0, ["周一", "周二", "周三", "周四", "周五"][d - 1])
            for p in 1...Known.periods {
                sh.put(r + p - 1, 1, "第\(p)节 \(Known.times[p - 1])")
                for k in Known.classes.indices {
                    let text = Known.text(Known.slot(k, d, p), form)
                    if k == 0 && d == 1 && p == 2 { continue }
                    if k == 0 && d == 1 && p == 1 { sh.merge(r, 2 + k, r + 1, 2 + k, text); continue }
                    sh.put(r + p - 1, 2 + k, text)
                }
            }
        }
    }
}
