// From what the grid tables gave to an ImportSource: classes (a class read in two tables must have
// the same lessons in both, e.g. a 总课表 sheet beside one sheet per class), the grid's size, the
// bell times when they cover every period, the school's name from a title row.

import Foundation

enum GridSource {
    static func assemble(_ results: [GridSheetResult], files: [String]) throws(ImportError) -> ImportSource {
        let stem = ((files.first.map { ($0 as NSString).lastPathComponent } ?? "grid") as NSString).deletingPathExtension
        var classes: [String] = []
        var owner: [String: Int] = [:]
        var lessons: [GridLesson] = []
        var notes: [String] = []
        for (n, r) in results.enumerated() {
            for c in r.classes {
                guard let first = owner[c] else { owner[c] = n; classes.append(c); continue }
                if signature(results[first], c) != signature(r, c) {
                    let a = results[first].lessons.first { $0.classID == c }?.origin ?? "?", b = r.lessons.first { $0.classID == c }?.origin ?? "?"
                    throw .input(files.joined(separator: " "), "class \(c) is in two tables with different lessons (\(a) and \(b)); keep one / 班级 \(c) 在两个表中课程不同，请只保留一个")
                }
                notes.append("class \(c) is in two tables with the same lessons; read once / 班级 \(c) 在两个表中重复且相同，只读一次")
            }
            lessons += r.lessons.filter { owner[$0.classID] == n }
            notes += r.blocks.map { "block 课表块 \($0)" } + r.notes
        }
        // The days are those with lessons (at least Monday–Friday): an empty 周六 column is no school day.
        let maxDay = max(lessons.map(\.day).max() ?? 0, lessons.isEmpty ? 0 : 5)
        let periods = results.map(\.maxPeriod).max() ?? 0
        guard !lessons.isEmpty, maxDay > 0, periods > 0 else { throw .input(files.joined(separator: " "), "no lessons found / 未找到任何课程") }
        let titles = results.flatMap(\.allTitles)
        let schoolName = titles.lazy.compactMap(GridLabels.schoolName).first
        var source = ImportSource(format: .grid, files: files, schoolName: schoolName ?? stem, defaultSchoolID: stem,
                                  dayNames: Array(["周一", "周二", "周三", "周四", "周五", "周六", "周日"].prefix(max(maxDay, 5))),
                                  periodNames: (1...periods).map { "第\($0)节" })
        if let schoolName { notes.append("school name from the title 学校名称取自标题: \(schoolName)") }
        source.classes = classes.map { SourceClass(id: $0, stageHints: [$0]) }
        var teachers: [String] = [], seen = Set<String>()
        for l in lessons {
            for t in l.lesson.teachers where seen.insert(t).inserted { teachers.append(t) }
            source.lessons.append(SourceLesson(classID: l.classID, weekday: l.day, period: l.period, week: l.lesson.week,
                                               subject: l.lesson.subject, teachers: l.lesson.teachers, origin: l.origin))
        }
        source.teachers = teachers
        source.itemsPlaced = Set(lessons.map(\.origin)).count
        source.twoWeek = lessons.contains { $0.lesson.week != 0 }
        let (times, timeNotes) = bellTimes(results, periods: periods)
        source.periodTimes = times
        source.notes = notes + timeNotes
        source.warnings = results.flatMap(\.warnings)
        return source
    }

    /// A class's lessons as comparable text.
    static func signature(_ r: GridSheetResult, _ c: String) -> [String] {
        r.lessons.filter { $0.classID == c }.map { "\($0.day)-\($0.period)-\($0.lesson.week) \($0.lesson.subject) \($0.lesson.teachers.joined(separator: ";"))" }.sorted()
    }

    /// `period_times` when the tables give a time for every period, in order and not overlapping.
    static func bellTimes(_ results: [GridSheetResult], periods: Int) -> ([String], [String]) {
        var times: [Int: String] = [:]
        var notes: [String] = []
        for r in results {
            for (p, t) in r.times {
                if let known = times[p], known != t { notes.append("period \(p) has two bell times, \(known) and \(t); the first is kept / 第\(p)节有两个时间，取第一个") } else { times[p] = t }
            }
            notes += r.timeConflicts.map { "bell times differ 作息时间不一致: \($0); the first is kept" }
        }
        guard !times.isEmpty else { return ([], []) }
        let list = (1...periods).compactMap { times[$0] }
        guard list.count == periods else {
            let missing = (1...periods).filter { times[$0] == nil }.map(String.init).joined(separator: ", ")
            return ([], notes + ["bell times found for some periods only (missing: \(missing)); period_times not set / 部分节次缺少时间，未写入作息时间"])
        }
        var previousEnd = -1
        for t in list {
            let parts = t.split(separator: "-").map(String.init)
            guard parts.count == 2, let a = GridLabels.minutes(parts[0]), let b = GridLabels.minutes(parts[1]), a >= previousEnd else {
                return ([], notes + ["bell times overlap or go backwards (\(list.joined(separator: ", "))); period_times not set / 作息时间重叠或倒序，未写入"])
            }
            previousEnd = b
        }
        return (list, notes + ["bell times 作息时间: \(list.joined(separator: ", "))"])
    }
}

/// The cells no block read: labels by their look, or unknown. A lesson-like cell here stops the
/// import: its lesson would be lost. Lines of a teacher roster (`任课教师 | 语文 | 张三 | …`) and
/// `语文组：张三 李四` notes are info, not lessons.
enum GridLoose {
    static let rosterWords = ["任课教师", "科任教师", "任课老师", "科任老师", "教师名单", "任课", "科任"]

    /// A line that starts (at its first non-empty cell) with a roster word.
    static func rosterLine(_ table: GridTable, _ r: Int) -> Bool {
        guard r < table.rows.count, let c = table.rows[r].indices.first(where: { !table.text(r, $0).isEmpty }) else { return false }
        let s = GridLabels.squeezed(table.text(r, c))
        return rosterWords.contains { s.hasPrefix($0) }
    }

    /// `语文组：张三 李四`: a short key and a colon.
    static func colonNote(_ t: String) -> Bool {
        guard let colon = t.firstIndex(of: ":") else { return false }
        return t.distance(from: t.startIndex, to: colon) <= 6
    }

    /// A table with no block and fewer than two period labels (a teaching-assignment sheet
    /// 任课安排表 beside the timetables) is no timetable: its subject cells are unknown, not lost
    /// lessons. A table with blocks, or with period labels, holds a timetable: a lesson-like cell
    /// no block read stops the import.
    static func classify(_ table: GridTable, _ filled: [GridPosition], hasBlocks: Bool,
                         accounting: inout GridAccounting) throws(ImportError) {
        let timetableLike = hasBlocks || filled.filter({ GridLabels.period(table.text($0.row, $0.column)) != nil }).count >= 2
        for p in filled where accounting.use(table.label, p) == nil {
            let raw = table.value(p.row, p.column)
            let t = GridLabels.normal(raw)
            let use: CellUse
            if GridLabels.title(t) { use = .label(.title) }
            else if GridLabels.info(t) != nil || rosterLine(table, p.row) || colonNote(t) { use = .label(.info) }
            else if GridLabels.separator(t) { use = .label(.separator) }
            else if GridLabels.timeRange(t) != nil { use = .label(.time) }
            else if GridLabels.corner(t) { use = .label(.header) }
            else if GridLabels.weekday(t) != nil { use = .label(.day) }
            else if !GridLabels.classNames(in: raw).isEmpty { use = .label(.klass) }
            else if GridLabels.schoolName(in: raw) != nil { use = .label(.title) }
            else if GridCell.lessons(raw) == nil { use = .skipped("free-period mark outside a block 块外空课标记") }
            else if !timetableLike, GridCell.lessons(raw)?.contains(where: { GridCell.isKnownSubject($0.subject) }) ?? false {
                use = .unknown("\"\(t)\" (a sheet without a timetable 非课表工作表)")
            } else if let lessons = GridCell.lessons(raw), lessons.contains(where: { GridCell.isKnownSubject($0.subject) }) {
                throw .input(table.place(p), "\"\(t)\" looks like a lesson but lies outside every timetable block (no day header above it or beside it), so its class, day and period are unknown / 该单元格像是课程，但不在任何课表块内（上方或左侧没有星期标题），无法确定班级、星期和节次")
            } else if GridLabels.period(t) != nil { use = .label(.period) }
            else { use = .unknown("\"\(t)\"") }
            accounting.record(table.label, p, use)
        }
    }
}
