// The whole-school 总课表: days (merged over their period columns, or written once and left blank
// over the rest) on the header line, period labels on the next line, bell times optionally on the
// line after; then one line per class, its name in a label position (the one headed 班级 when
// there is one), its lessons under the (day, period) columns — and teachers on the line below
// when a line of names follows a line of subjects. Other label positions (班主任) are info. The transposed form (one column per class) is the same code on the transposed view.

import Foundation

extension GridReader {
    struct TimeColumn { var pos: Int; var day: Int; var period: Int }

    /// The (day, period) columns when the line after the header labels periods under the days and
    /// some day has two or more of them; nil for a class grid.
    func wholeSchoolColumns(_ view: GridView, _ header: GridHeader) -> (line: Int, columns: [TimeColumn])? {
        // The period line is the next line, or the one after a 上午/下午 line.
        for k in [header.line + 1, header.line + 2] where k < view.lines {
            if let columns = timeColumns(view, header, periodLine: k) { return (k, columns) }
        }
        return nil
    }

    func timeColumns(_ view: GridView, _ header: GridHeader, periodLine: Int) -> [TimeColumn]? {
        let i = header.line
        guard let first = header.days.first?.pos else { return nil }
        var out: [TimeColumn] = []
        var day: Int?
        for j in first..<view.length {
            let top = view.text(i, j)
            if !top.isEmpty { day = GridLabels.weekday(top) }
            guard let d = day, let p = GridLabels.period(view.text(periodLine, j)) else { continue }
            out.append(TimeColumn(pos: j, day: d, period: p.number))
        }
        let perDay = Dictionary(grouping: out, by: \.day)
        guard out.count >= 2, perDay.values.contains(where: { $0.count >= 2 }) else { return nil }
        return out
    }

    mutating func readWholeSchool(_ view: GridView, _ header: GridHeader, periodLine: Int, columns: [TimeColumn],
                                  later: [GridHeader]) throws(ImportError) {
        let i = header.line
        guard let first = columns.first?.pos, let last = columns.last?.pos else { return }
        let block = rects.count
        let start = try readWholeSchoolHeader(view, header, periodLine: periodLine, columns: columns)
        let labelColumns = Array(0..<first)
        let classColumn = wholeSchoolClassColumn(view, header, labelColumns: labelColumns, firstLine: start)
        for k in i..<start {
            for j in labelColumns where !view.text(k, j).isEmpty {
                let t = view.text(k, j)
                record(view, k, j, GridLabels.timeRange(t) != nil ? .label(.time) : GridLabels.title(t) ? .label(.title) : .label(.header))
            }
        }
        var lastLine = start - 1
        var classes = 0
        var sawPatterned = false
        var skipLine = -1
        for k in start..<view.lines where k != skipLine {
            if Self.isHeader(later, line: k, lo: 0, hi: last) { break }
            let cells = labelColumns + columns.map(\.pos)
            if cells.allSatisfy({ view.text(k, $0).isEmpty }) { continue }
            if startsTitleOrInfo(view, line: k, columns: cells) { break }
            let raw = classColumn.map { view.value(k, $0) } ?? ""
            let hasLessons = columns.contains { !view.text(k, $0.pos).isEmpty }
            guard let classColumn, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                if hasLessons {
                    throw .input(table.place(view.origin(k, first)), "a line of lessons without a class name in the whole-school timetable / 总课表中有课程的行缺少班级名称")
                }
                break
            }
            if isTeacherTimetable(view, columns.map { (k, $0.pos) }) {
                record(view, k, classColumn, .label(.title))
                continue
            }
            if !hasLessons {
                // A line with a name and no lesson (a grade heading 七年级 between classes) is no class.
                record(view, k, classColumn, .label(.title))
                continue
            }
            // Once class names look like class names (一年级(1)班), a line whose name does not
            // (语文 in a teacher list below) is no class: the block ends there.
            let patterned = !GridLabels.classNames(in: raw).isEmpty
            if classes > 0 && sawPatterned && !patterned { break }
            sawPatterned = sawPatterned || patterned
            let id = try GridClassName.check(GridClassName.nameIn(raw), at: table.place(view.origin(k, classColumn)), titles: out.titles)
            record(view, k, classColumn, .label(.klass))
            for j in labelColumns where j != classColumn && !view.text(k, j).isEmpty { record(view, k, j, .label(.info)) }
            try recordClass(id, at: table.place(view.origin(k, classColumn)))
            // Teachers on the line below (its class cell empty or merged with this one).
            var teacherLine: Int?
            if k + 1 < view.lines, view.text(k + 1, classColumn).isEmpty || view.originLine(k + 1, classColumn) != k + 1,
               isTeacherLine(view, k + 1, above: k, days: columns.map { (pos: $0.pos, day: $0.day) }) {
                teacherLine = k + 1
                skipLine = k + 1
            }
            for c in columns {
                _ = try readCell(view, k, c.pos, classID: id, day: c.day, period: c.period, block: block, teacherLine: teacherLine)
            }
            classes += 1
            lastLine = teacherLine ?? k
        }
        rects.append(rect(view, lines: i, lastLine, positions: 0, last))
        out.blocks.append("\(table.place(view.origin(i, first))): whole-school timetable 总课表, \(classes) classes \(view.transposed ? "across 横向" : "down 纵向"), \(columns.count) (day, period) columns")
    }

    /// The header lines of a 总课表 (days, a 上午/下午 line, periods, bell times) recorded; the first
    /// class line returned.
    mutating func readWholeSchoolHeader(_ view: GridView, _ header: GridHeader, periodLine: Int,
                                        columns: [TimeColumn]) throws(ImportError) -> Int {
        let i = header.line
        guard let first = columns.first?.pos, let last = columns.last?.pos else { return periodLine + 1 }
        var seen = Set<String>()
        for c in columns where seen.insert("\(c.day)-\(c.period)").inserted == false {
            throw .input(table.place(view.origin(periodLine, c.pos)), "day \(c.day) period \(c.period) has two columns in the whole-school timetable / 总课表中同一节次出现两次")
        }
        for j in first...last where !view.text(i, j).isEmpty {
            record(view, i, j, GridLabels.weekday(view.text(i, j)) != nil ? .label(.day) : .unknown("\"\(view.text(i, j))\""))
        }
        for k in i + 1..<periodLine {
            for j in first...last where !view.text(k, j).isEmpty {
                record(view, k, j, GridLabels.separator(view.text(k, j)) ? .label(.separator) : .unknown("\"\(view.text(k, j))\""))
            }
        }
        for c in columns {
            record(view, periodLine, c.pos, .label(.period))
            if let t = GridLabels.period(view.text(periodLine, c.pos))?.time { noteTime(c.period, t, at: table.place(view.origin(periodLine, c.pos))) }
            out.maxDay = max(out.maxDay, c.day)
            out.maxPeriod = max(out.maxPeriod, c.period)
        }
        var start = periodLine + 1
        if start < view.lines, columns.filter({ GridLabels.timeRange(view.text(start, $0.pos)) != nil }).count >= 2 {
            for c in columns {
                if let t = GridLabels.timeRange(view.text(start, c.pos)) { noteTime(c.period, t, at: table.place(view.origin(start, c.pos))) }
                if !view.text(start, c.pos).isEmpty { record(view, start, c.pos, .label(.time)) }
            }
            start += 1
        }
        return start
    }

    /// The label position holding the class names: the one headed 班级/班别/class, else the first
    /// with text on the first class line.
    func wholeSchoolClassColumn(_ view: GridView, _ header: GridHeader, labelColumns: [Int], firstLine: Int) -> Int? {
        for j in labelColumns {
            for k in header.line..<firstLine {
                let s = GridLabels.squeezed(view.text(k, j))
                if s.contains("班级") || s.contains("班别") || s == "class" || s.hasPrefix("班级") { return j }
            }
        }
        guard firstLine < view.lines else { return labelColumns.first }
        let named = labelColumns.first { !GridLabels.classNames(in: view.value(firstLine, $0)).isEmpty }
        return named ?? labelColumns.first { j in
            let t = view.text(firstLine, j)
            return !t.isEmpty && !GridLabels.title(t) && view.originLine(firstLine, j) == firstLine
        }
    }
}
