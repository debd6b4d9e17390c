// A class grid: one class, its days across a header line and its periods down the lines below
// (in the view: on the transposed table "lines" are columns, so days down and periods across is
// the same code). The label positions left of the first day hold period labels (1, 第1节, 一),
// bell times (8:00-8:40, in the period cell or a column of their own) and separators (上午, 午休);
// a line with no period label and lessons is the next period; numbering that starts again at 1
// (下午 第1节) continues after the last period. The block ends at another header over its
// positions, a title or info line, or a line of unrecognised labels with no lessons.

import Foundation

extension GridReader {
    /// Where the walk down a class grid's lines is.
    struct Walk {
        var lastPeriod = 0, offset = 0
        var freeInside: Int?
        var separatorSince = false
        var lastLine: Int
        var pending: [(line: Int, period: Int, teachers: Int?)] = []
    }

    mutating func readClassGrid(_ view: GridView, _ header: GridHeader, days: [(pos: Int, day: Int)], from lo: Int,
                                later: [GridHeader]) throws(ImportError) {
        guard let first = days.first?.pos, let last = days.last?.pos else { return }
        let i = header.line
        let dayPositions = Set(days.map(\.pos))
        let labelColumns = Array(lo..<first) + (first...last).filter { !dayPositions.contains($0) }
        for d in days { record(view, i, d.pos, .label(.day)); out.maxDay = max(out.maxDay, d.day) }
        var walk = Walk(lastLine: i)
        var k = i + 1
        while k < view.lines {
            if Self.isHeader(later, line: k, lo: lo, hi: last) { break }
            let everything = labelColumns + days.map(\.pos)
            if everything.allSatisfy({ view.text(k, $0).isEmpty }) {
                // Empty here but not on the whole line: a free period of this block beside a busy one.
                if !view.isBlankLine(k, from: 0, to: view.length - 1) && !walk.pending.isEmpty { walk.freeInside = k }
                k += 1
                continue
            }
            if startsTitleOrInfo(view, line: k, columns: everything) { break }
            guard try readLine(view, k, days: days, labelColumns: labelColumns, lo: lo, walk: &walk) else { break }
            walk.lastLine = k
            k += 1
        }
        try finishClassGrid(view, header, days: days, lo: lo, last: last, walk: walk)
    }

    /// One line of a class grid: a teacher line, a separator line, or a period (or a label-only
    /// line). False when the line ends the block.
    mutating func readLine(_ view: GridView, _ k: Int, days: [(pos: Int, day: Int)], labelColumns: [Int], lo: Int,
                           walk: inout Walk) throws(ImportError) -> Bool {
        let hasLessons = days.contains { d in
            let t = view.text(k, d.pos)
            return !t.isEmpty && !GridLabels.separator(t) && GridCell.lessons(view.value(k, d.pos)) != nil
        }
        if let prev = walk.pending.last, prev.line == walk.lastLine, isTeacherLine(view, k, above: prev.line, days: days),
           labelColumns.allSatisfy({ view.text(k, $0).isEmpty || view.originLine(k, $0) != k }) {
            walk.pending[walk.pending.count - 1].teachers = k
            return true
        }
        if let word = separatorLine(view, k, labelColumns: labelColumns) {
            // 早读, 午休, 晚自习 …: not a numbered period; its cells are accounted, not lessons.
            for d in days where !view.text(k, d.pos).isEmpty {
                record(view, k, d.pos, GridLabels.separator(view.text(k, d.pos)) ? .label(.separator) : .skipped("on a \(word) line, not a numbered period 非节次行"))
            }
            _ = readLabels(view, line: k, columns: labelColumns)
            walk.separatorSince = true
            if hasLessons { out.notes.append("\(table.place(view.origin(k, lo))): the \(word) line is not a numbered period; its cells are not lessons / \(word)行不是节次，其内容未作为课程导入") }
            return true
        }
        var labels = readLabels(view, line: k, columns: labelColumns)
        // An unrecognised label without a period number (任课教师, a second table) ends the block:
        // its cells are then judged on their own (a lesson-like one stops the import).
        if !labels.unknown.isEmpty && labels.number == nil { return false }
        if labels.number == nil, let shared = Self.labelToTheLeft(view, k, before: lo) {
            // Blocks side by side often share the period labels of the leftmost one.
            labels.number = shared.number
            labels.time = labels.time ?? shared.time
        }
        for j in labels.unknown { record(view, k, j, .unknown("a label that is neither a period, a time nor a separator / 无法识别的标签")) }
        let first = days.first?.pos ?? lo
        guard let period = try periodOf(view, k, labels: labels, hasLessons: hasLessons, first: first, lo: lo,
                                        labelColumns: labelColumns, walk: &walk) else {
            walk.separatorSince = true
            // Separator-only line (午休): its lesson-area cells are labels.
            for d in days where !view.text(k, d.pos).isEmpty {
                record(view, k, d.pos, GridLabels.separator(view.text(k, d.pos)) ? .label(.separator) : .unknown("a cell on a line without a period / 无节次行中的单元格"))
            }
            return true
        }
        if let time = labels.time { noteTime(period, time, at: table.place(view.origin(k, lo))) }
        guard (1...16).contains(period) else {
            throw .input(table.place(view.origin(k, first)), "period \(period): a pack allows 1–16 periods a day / 每天节数不能超过 16")
        }
        walk.pending.append((k, period, nil))
        walk.separatorSince = false
        walk.lastPeriod = period
        out.maxPeriod = max(out.maxPeriod, period)
        return true
    }

    /// The period of a line: its label's number (numbering may start again at 1 after a
    /// separator), else the next period for a line of lessons or a bell time; nil for neither.
    mutating func periodOf(_ view: GridView, _ k: Int, labels: LineLabels, hasLessons: Bool, first: Int, lo: Int,
                           labelColumns: [Int], walk: inout Walk) throws(ImportError) -> Int? {
        if let n = labels.number {
            var p = n + walk.offset
            if p <= walk.lastPeriod {
                guard n == 1, walk.separatorSince || labels.separator else {
                    throw .input(table.place(view.origin(k, labelColumns.first { !view.text(k, $0).isEmpty } ?? lo)),
                                 "period \(n) comes after period \(walk.lastPeriod): the period labels of this block repeat or go backwards (numbering may start again at 1 only after 下午, 午休 or another separator) / 节次重复或倒序（只有在“下午”“午休”等之后才能重新从1开始）")
                }
                walk.offset = walk.lastPeriod
                p = 1 + walk.offset
                out.notes.append("\(table.place(view.origin(k, lo))): period numbering starts again at 1; read as period \(p) onwards / 节次重新从1开始，按第\(p)节起计")
            }
            return p
        }
        guard hasLessons || labels.time != nil else { return nil }
        if let free = walk.freeInside {
            throw .input(table.place(view.origin(k, first)), "lines without period labels after a line that is empty in this block (\(table.place(view.origin(free, first)))): which period each line is cannot be told; number the periods (第1节 …) / 该课表块无节次标签且中间有空行，无法确定节次，请标明“第1节”等")
        }
        out.notes.append("\(table.place(view.origin(k, first))): lessons without a period label; read as period \(walk.lastPeriod + 1) / 该行无节次标签，按第\(walk.lastPeriod + 1)节读取")
        return walk.lastPeriod + 1
    }

    /// The block's class, then its lessons.
    mutating func finishClassGrid(_ view: GridView, _ header: GridHeader, days: [(pos: Int, day: Int)], lo: Int, last: Int,
                                  walk: Walk) throws(ImportError) {
        let i = header.line
        let first = days.first?.pos ?? lo
        let block = rects.count
        let area = rect(view, lines: i, walk.lastLine, positions: lo, last)
        let cells = walk.pending.flatMap { p in days.map { (p.line, $0.pos) } }
        if isTeacherTimetable(view, cells) {
            rects.append(area)
            return
        }
        recordNotes(view, header, last: last, lastLine: walk.lastLine)
        let name = try GridClassName.find(self, view, header: header, labelColumns: Array(lo..<first), area: area)
        rects.append(area)
        try recordClass(name.id, at: table.place(view.origin(i, first)))
        for place in name.cells { accounting.record(table.label, place.0, .label(place.1)) }
        var lessons = 0
        for p in walk.pending {
            for d in days {
                lessons += try readCell(view, p.line, d.pos, classID: name.id, day: d.day, period: p.period, block: block, teacherLine: p.teachers)
            }
        }
        out.blocks.append("\(table.place(view.origin(i, first))): class grid 班级课表 \(name.id), days \(view.transposed ? "down 纵向" : "across 横向"), \(walk.pending.count) periods, \(lessons) lessons")
    }

    /// A teacher's timetable (most lesson cells name a class: `一年级(1)班 语文`) is not a class's:
    /// its cells are accounted as skipped, noted, and no class is made of it.
    mutating func isTeacherTimetable(_ view: GridView, _ cells: [(Int, Int)]) -> Bool {
        let filled = cells.filter { !view.text($0.0, $0.1).isEmpty }
        let naming = filled.filter { !GridLabels.classNames(in: view.value($0.0, $0.1)).isEmpty }
        guard !filled.isEmpty, naming.count * 2 > filled.count else { return false }
        for (k, j) in filled { record(view, k, j, .skipped("a teacher's timetable, not read 教师课表（未读取）")) }
        if let (k, j) = filled.first {
            out.notes.append("\(table.place(view.origin(k, j))): a teacher's timetable (its cells name classes) is not read; the classes' timetables are / 教师课表未读取，以班级课表为准")
        }
        return true
    }

    /// A 备注/说明 column right of the days holds notes: its cells are info.
    mutating func recordNotes(_ view: GridView, _ header: GridHeader, last: Int, lastLine: Int) {
        var j = last + 1
        while j < view.length {
            let s = GridLabels.squeezed(view.text(header.line, j))
            guard ["备注", "说明", "附注", "remark", "remarks", "note", "notes"].contains(s) else { j += 1; if s.isEmpty { continue } else { break } }
            for k in header.line...lastLine where !view.text(k, j).isEmpty { record(view, k, j, .label(.info)) }
            break
        }
    }

    /// The period label nearest to the left of position `lo` on line k (read, not recorded: it
    /// belongs to the block on the left).
    static func labelToTheLeft(_ view: GridView, _ k: Int, before lo: Int) -> (number: Int, time: String?)? {
        var j = lo - 1
        while j >= 0 {
            let t = view.text(k, j)
            if !t.isEmpty, GridLabels.weekday(t) == nil, let p = GridLabels.period(t) { return p }
            j -= 1
        }
        return nil
    }

    /// The separator word labelling line k on its own (not a merged 上午 copy, not with a period
    /// label beside it), or nil.
    func separatorLine(_ view: GridView, _ k: Int, labelColumns: [Int]) -> String? {
        var word: String?
        for j in labelColumns {
            let t = view.text(k, j)
            if t.isEmpty { continue }
            if GridLabels.period(t) != nil { return nil }
            if view.originLine(k, j) == k, GridLabels.lineLabel(t), !GridLabels.halfDayWords.contains(GridLabels.squeezed(t)) { word = t }
        }
        return word
    }

    /// A class read by a second block of the same table is refused: its lessons would be merged.
    mutating func recordClass(_ id: String, at place: String) throws(ImportError) {
        guard !out.classes.contains(id) else {
            throw .input(place, "class \(id) has a second timetable on this sheet; two blocks cannot be one class (check the class names) / 班级 \(id) 在同一工作表中出现两次，请检查班级名称")
        }
        out.classes.append(id)
    }
}
