// The layout reader: on one table (a CSV file or a worksheet) it finds the header lines — a row,
// or a column, with two or more day names — and reads the block each one heads:
// - a class grid, days across and periods down (or, read on the transposed table, days down and
//   periods across); a header line with the days twice or three times holds blocks side by side;
//   headers further down hold stacked blocks;
// - a whole-school 总课表: the days (merged, or written once) over a line of period labels, then
//   one line per class (or its transposed form, one column per class).
// Every cell it reads is recorded in the accounting; GridClassName finds each class grid's class.

import Foundation

struct GridLesson: Sendable {
    var classID: String
    var day: Int
    var period: Int
    var lesson: CellLesson
    var origin: String
}

/// What one table gave.
struct GridSheetResult {
    var lessons: [GridLesson] = []
    var classes: [String] = []
    /// Period → bell time, first seen; conflicting times are listed.
    var times: [Int: String] = [:]
    var timeConflicts: [String] = []
    var maxDay = 0
    var maxPeriod = 0
    /// Title cells without a class name (a class id must not equal one).
    var titles: [String] = []
    /// Every title cell (the school's name is looked for in them).
    var allTitles: [String] = []
    var notes: [String] = []
    var warnings: [String] = []
    var blocks: [String] = []
}

struct GridHeader {
    var line: Int
    var days: [(pos: Int, day: Int)]
}

struct GridReader {
    let table: GridTable
    var accounting: GridAccounting
    var out = GridSheetResult()
    /// Lesson cell → the block that read it (two blocks reading one cell is an ambiguous layout).
    var claimed: [GridPosition: Int] = [:]
    /// Original rectangles (top, left, bottom, right) of the blocks read so far.
    var rects: [GridMerge] = []
    /// How many blocks the table holds (the sheet's name names a class only when it holds one).
    var blockCount = 0

    init(table: GridTable, accounting: GridAccounting) {
        self.table = table
        self.accounting = accounting
    }

    mutating func read() throws(ImportError) {
        for transposed in [false, true] {
            let view = GridView(table: table, transposed: transposed)
            for header in Self.headers(view) {
                blockCount += wholeSchoolColumns(view, header) != nil ? 1 : Self.groups(header.days).count
            }
        }
        for transposed in [false, true] {
            let view = GridView(table: table, transposed: transposed)
            let headers = Self.headers(view)
            for (n, header) in headers.enumerated() {
                let later = headers[(n + 1)...].map { $0 }
                if let found = wholeSchoolColumns(view, header) {
                    try readWholeSchool(view, header, periodLine: found.line, columns: found.columns, later: later)
                    continue
                }
                var previousEnd = -1
                for group in Self.groups(header.days) {
                    try readClassGrid(view, header, days: group, from: previousEnd + 1, later: later)
                    previousEnd = group.last?.pos ?? previousEnd
                }
            }
        }
    }

    /// The lines with two or more different day names; a header merged down over two lines once.
    static func headers(_ view: GridView) -> [GridHeader] {
        var out: [GridHeader] = []
        for i in 0..<view.lines {
            var days: [(Int, Int)] = []
            for j in 0..<view.length {
                let t = view.text(i, j)
                if !t.isEmpty, let d = GridLabels.weekday(t) { days.append((j, d)) }
            }
            // A day merged over several positions counts once (at its first) for a class grid;
            // the whole-school reader spreads it over its period columns itself.
            var origins = Set<GridPosition>()
            days = days.filter { origins.insert(view.origin(i, $0.0)).inserted }
            if Set(days.map(\.1)).count < 2 { days = bareDays(view, line: i) }
            guard Set(days.map(\.1)).count >= 2 else { continue }
            if days.allSatisfy({ view.originLine(i, $0.0) != i }) { continue }
            out.append(GridHeader(line: i, days: days.map { (pos: $0.0, day: $0.1) }))
        }
        return out
    }

    /// `星期 | 一 | 二 | 三 | 四 | 五`: bare numerals after a cell naming 星期 or 周 (each run of them
    /// after such a cell, so blocks side by side are found too).
    static func bareDays(_ view: GridView, line i: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var armed = false
        for j in 0..<view.length {
            let t = view.text(i, j)
            if t.isEmpty { continue }
            let s = GridLabels.squeezed(t)
            if s.contains("星期") || s == "周" || s.hasPrefix("周次") { armed = true; continue }
            if armed, let d = GridLabels.bareDay(t) { out.append((j, d)) } else { armed = false }
        }
        return out
    }

    /// The day cells of a header split into blocks side by side: a new block starts where the days
    /// start again (周一 … 周五 周一 … 周五).
    static func groups(_ days: [(pos: Int, day: Int)]) -> [[(pos: Int, day: Int)]] {
        var out: [[(pos: Int, day: Int)]] = []
        for d in days {
            if let last = out.last?.last, d.day > last.day { out[out.count - 1].append(d) } else { out.append([d]) }
        }
        return out
    }

    // MARK: Recording

    mutating func record(_ view: GridView, _ i: Int, _ j: Int, _ use: CellUse) {
        accounting.record(table.label, view.origin(i, j), use)
    }

    mutating func noteTime(_ period: Int, _ time: String, at place: String) {
        if let known = out.times[period] {
            if known != time { out.timeConflicts.append("period \(period): \(known) and \(time) (\(place))") }
        } else {
            out.times[period] = time
        }
    }

    mutating func claim(_ view: GridView, _ i: Int, _ j: Int, block: Int) throws(ImportError) {
        let o = view.origin(i, j)
        if let other = claimed[o], other != block {
            throw .input(table.place(o), "this cell is read by two timetable blocks (their headers overlap); the layout is ambiguous — leave a blank row or column between the blocks / 该单元格同时属于两个课表块，版式有歧义，请在课表块之间留空行或空列")
        }
        claimed[o] = block
    }

    /// Labels in a line's label cells: the period (number and time), the rest recorded.
    /// A line's labels: its period number and bell time, unrecognised label positions, and whether
    /// a separator word (下午, 午休) starts on this line.
    struct LineLabels { var number: Int?; var time: String?; var unknown: [Int]; var separator = false }

    mutating func readLabels(_ view: GridView, line k: Int, columns: [Int]) -> LineLabels {
        var number: Int?, time: String?
        var unknown: [Int] = []
        var separator = false
        for j in columns {
            let t = view.text(k, j)
            guard !t.isEmpty else { continue }
            let copy = view.originLine(k, j) != k
            if let p = GridLabels.period(t) {
                if !copy {
                    number = number ?? p.number
                    time = time ?? p.time
                }
                record(view, k, j, .label(.period))
            } else if let r = GridLabels.timeRange(t) {
                time = time ?? r
                record(view, k, j, .label(.time))
            } else if GridLabels.lineLabel(t) {
                if !copy { separator = true }
                record(view, k, j, .label(.separator))
            } else if GridLabels.corner(t) {
                record(view, k, j, .label(.header))
            } else if !copy {
                unknown.append(j)
            }
        }
        return LineLabels(number: number, time: time, unknown: unknown, separator: separator)
    }

    /// A line of teachers' names under a line of subjects (a layout that gives each period two
    /// lines): no cell names a known subject here, some do on the line above.
    func isTeacherLine(_ view: GridView, _ k: Int, above: Int, days: [(pos: Int, day: Int)]) -> Bool {
        func subjects(_ line: Int) -> [Bool] {
            days.compactMap { d -> Bool? in
                let t = view.text(line, d.pos)
                guard !t.isEmpty, view.originLine(line, d.pos) == line, let l = GridCell.lessons(view.value(line, d.pos)) else { return nil }
                return l.contains { GridCell.isKnownSubject($0.subject) }
            }
        }
        let here = subjects(k), before = subjects(above)
        return !here.isEmpty && !here.contains(true) && before.contains(true)
    }

    /// A line where a title or an info line starts ends a block (it belongs to what follows).
    func startsTitleOrInfo(_ view: GridView, line k: Int, columns: [Int]) -> Bool {
        columns.contains { j in
            let t = view.text(k, j)
            return !t.isEmpty && view.originLine(k, j) == k && (GridLabels.title(t) || GridLabels.info(t) != nil)
        }
    }

    /// The lessons of one cell at (class, day, period); separators, times and free marks recorded.
    /// Returns the number of lessons read.
    mutating func readCell(_ view: GridView, _ k: Int, _ j: Int, classID: String, day: Int, period: Int, block: Int,
                           teacherLine: Int? = nil) throws(ImportError) -> Int {
        let t = view.text(k, j)
        var raw = view.value(k, j)
        if let tl = teacherLine, !view.text(tl, j).isEmpty, view.origin(tl, j) != view.origin(k, j) {
            // Teachers on the line below the subjects: one cell of two lines.
            raw += "\n" + view.value(tl, j)
            record(view, tl, j, .label(.teacher))
        }
        guard !t.isEmpty else { return 0 }
        if GridLabels.separator(t) { record(view, k, j, .label(.separator)); return 0 }
        if let r = GridLabels.timeRange(t), GridLabels.normal(t).count <= 13 {
            noteTime(period, r, at: table.place(view.origin(k, j)))
            record(view, k, j, .label(.time))
            return 0
        }
        guard let lessons = GridCell.lessons(raw) else {
            record(view, k, j, .skipped("free-period mark 空课标记"))
            return 0
        }
        try claim(view, k, j, block: block)
        let place = table.place(view.origin(k, j))
        for l in lessons {
            if GridCell.ambiguous(l) {
                out.warnings.append("\(place) \"\(l.subject)\": neither side of the colon is a known subject; kept as the subject / 冒号两侧均不是已知科目，整体作为科目")
            }
            out.lessons.append(GridLesson(classID: classID, day: day, period: period, lesson: l, origin: place))
        }
        record(view, k, j, .lesson(1))
        out.maxPeriod = max(out.maxPeriod, period)
        return lessons.count
    }

    /// The original rectangle of view lines a…b, positions c…d.
    func rect(_ view: GridView, lines a: Int, _ b: Int, positions c: Int, _ d: Int) -> GridMerge {
        view.transposed ? GridMerge(top: c, left: a, bottom: d, right: b) : GridMerge(top: a, left: c, bottom: b, right: d)
    }

    /// True when another header line at `line` has day cells within positions lo…hi.
    static func isHeader(_ later: [GridHeader], line: Int, lo: Int, hi: Int) -> Bool {
        later.contains { $0.line == line && $0.days.contains { (lo...hi).contains($0.pos) } }
    }
}
