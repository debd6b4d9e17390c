import Foundation
import XinyuPack

/// Weekly grids of a school's classes for the templates: rows are periods, columns weekdays.
/// With a plan and a week, the week's 心理课 appear in their periods over the subject they replace.
enum Grid {
    static let dayNamesZh = ["一", "二", "三", "四", "五", "六", "日"]
    static let dayNamesEn = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// One grid per class. `week` (a Monday) and `lessons` (the plan) are nil for the import preview.
    static func classes(_ school: School, displaceable: Set<String>, lang: Lang, termStart: CivilDate? = nil,
                        week: CivilDate? = nil, lessons: [Lesson] = []) -> [[String: Any]] {
        let teacherNames = Dictionary(school.teachers.map { ($0.id, $0.name.isEmpty ? $0.id : $0.name) }, uniquingKeysWith: { a, _ in a })
        let teachingWeek = week.flatMap { w in termStart.map { (w.dayNumber - $0.weekMonday.dayNumber) / 7 + 1 } }
        let inWeek = lessons.filter { l in week.map { l.date >= $0 && l.date <= $0.adding(days: 6) } ?? false }
        let maxLessonDay = inWeek.map(\.weekday).max() ?? 0
        let days = max(school.daysPerWeek, maxLessonDay)
        let byClass = Dictionary(grouping: school.timetable, by: \.classID)
        return school.classes.map { c in
            var cells: [[String]] = Array(repeating: Array(repeating: "", count: days), count: school.periodsPerDay)
            var kinds: [[String]] = cells
            for row in byClass[c.id] ?? [] where row.period >= 1 && row.period <= school.periodsPerDay && row.weekday >= 1 && row.weekday <= days {
                if let tw = teachingWeek, !row.weeks.applies(toWeek: tw) { continue }
                let mark = teachingWeek == nil && row.weeks != .all ? (row.weeks == .odd ? "（单）" : "（双）") : ""
                let who = row.teachers.map { teacherNames[$0] ?? $0 }.joined(separator: "、")
                let text = row.subject + mark + (who.isEmpty ? "" : " " + who)
                let cell = cells[row.period - 1][row.weekday - 1]
                cells[row.period - 1][row.weekday - 1] = cell.isEmpty ? text : cell + " / " + text
                if displaceable.contains(row.subject) { kinds[row.period - 1][row.weekday - 1] = "disp" }
            }
            for l in inWeek where l.classID == c.id && l.period >= 1 && l.period <= school.periodsPerDay {
                let label = (lang == .zh ? "心理课 " : "Mental health ") + (teacherNames[l.teacher] ?? l.teacher)
                let replaced = l.replaces.isEmpty ? "" : (lang == .zh ? "（替换 \(l.replaces)）" : " (replaces \(l.replaces))")
                cells[l.period - 1][l.weekday - 1] = label + replaced + " " + l.date.iso
                kinds[l.period - 1][l.weekday - 1] = "psych"
            }
            let names = lang == .zh ? dayNamesZh : dayNamesEn
            let rows: [[String: Any]] = (0..<school.periodsPerDay).map { p in
                let time = p < school.periodTimes.count ? school.periodTimes[p] : ""
                return ["period": p + 1, "time": time,
                        "cells": (0..<days).map { d in ["text": cells[p][d], "kind": kinds[p][d]] }]
            }
            return ["id": c.id, "grade": c.grade, "stage": c.stage.rawValue,
                    "days": (0..<days).map { names[$0 % 7] }, "rows": rows]
        }
    }
}
