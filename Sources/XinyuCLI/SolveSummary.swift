// The end of `xinyu solve` on the terminal: at most about 15 lines — the totals, the schools in
// trouble (the worst first, each with its causes counted, then "and N more"), the other
// requirements not met (each kind one line with counts), and where the files are. Every detail
// is in report.md.

import Foundation
import XinyuCore
import XinyuPack

enum SolveSummary {
    /// Schools listed by name before "and N more".
    static let schoolsShown = 5

    static func lines(_ r: DistrictResult, extras: PolicyExtras, out: String, files: [String],
                      language: ConsoleLanguage) -> [String] {
        var lines: [String] = []
        let required = r.months.reduce(0) { $0 + $1.required }
        let shorts = schoolShorts(r)
        if shorts.isEmpty {
            lines.append(Say("已排 \(r.lessons.count) 节，每个班每月都达到最低课时（共需 \(required) 节）。",
                             "\(r.lessons.count) lessons placed; every class meets every monthly minimum (\(required) required).").text(language))
        } else {
            let missing = shorts.reduce(0) { $0 + $1.missing }
            let classMonths = shorts.reduce(0) { $0 + $1.classMonths }
            lines.append(Say("已排 \(r.lessons.count) 节；\(shorts.count) 所学校 \(classMonths) 个班级-月份共缺 \(missing) 节。",
                             "\(r.lessons.count) lessons placed; \(missing) lesson(s) short in \(classMonths) class-month(s) at \(shorts.count) school(s).").text(language))
            lines.append(Say("未达标的学校（最严重的在前）：", "Schools short, worst first:").text(language))
            for s in shorts.prefix(schoolsShown) {
                lines.append("  " + "\(s.id) \(s.name)".trimmingCharacters(in: .whitespaces) + ": " + schoolLine(s).text(language))
            }
            if shorts.count > schoolsShown {
                let more = shorts.count - schoolsShown
                lines.append("  " + Say("……另有 \(more) 所", "… and \(more) more").text(language))
            }
        }
        if r.plans.contains(where: { !$0.shortfallProven }) {
            lines.append(Say("缺课数未证明最少（见 report.md）。", "The fewest missing lessons is not proven (see report.md).").text(language))
        }
        lines += extrasLines(extras, language: language)
        let where_ = files.joined(separator: ", ")
        lines.append(Say("文件：\(out)/ — \(where_)", "Files in \(out)/: \(where_)").text(language))
        return lines
    }

    /// "252 short in 139 class-month(s): psychology teachers' capacity 248, calendar 4" (after the school).
    static func schoolLine(_ s: SchoolShort) -> Say {
        let causes = s.byCause.sorted { ($0.value.lessons, $1.key.rawValue) > ($1.value.lessons, $0.key.rawValue) }
        let zh = causes.map { "\($0.key.label.zh) \($0.value.lessons)" }.joined(separator: "，")
        let en = causes.map { "\($0.key.label.en) \($0.value.lessons)" }.joined(separator: ", ")
        return Say("缺 \(s.missing) 节（\(s.classMonths) 个班级-月份）：\(zh)", "\(s.missing) short in \(s.classMonths) class-month(s): \(en)")
    }

    /// One line per kind of unmet extra requirement, counted by school.
    static func extrasLines(_ extras: PolicyExtras, language: ConsoleLanguage) -> [String] {
        var lines: [String] = []
        let lectures = extras.missingLectures
        if !lectures.isEmpty {
            let list = bySchool(lectures.map(\.school))
            lines.append(Say("\(lectures.count) 个年级讲座未能安排（\(list)）", "\(lectures.count) grade lecture(s) not placed (\(list))").text(language))
        }
        let rooms = extras.details.roomShorts
        if !rooms.isEmpty {
            let list = bySchool(rooms.map(\.school))
            lines.append(Say("\(rooms.count) 个班活动室课时不足（\(list)）", "\(rooms.count) class(es) short of activity-room lessons (\(list))").text(language))
        }
        let areas = extras.details.areaShorts
        if !areas.isEmpty {
            let list = bySchool(areas.map(\.school))
            lines.append(Say("\(areas.count) 个班未覆盖五个领域（\(list)）", "\(areas.count) class(es) do not cover the five areas (\(list))").text(language))
        }
        let weeks = extras.duty?.shortWeeks ?? []
        if !weeks.isEmpty {
            var schoolsByWeek: [String: Int] = [:]
            for w in weeks { schoolsByWeek[w.week.iso, default: 0] += 1 }
            let byWeek = schoolsByWeek.sorted { $0.key < $1.key }
            let zh = byWeek.prefix(4).map { "\($0.key) 起一周 \($0.value) 所" }.joined(separator: "，") + (byWeek.count > 4 ? "，…" : "")
            let en = byWeek.prefix(4).map { "week of \($0.key): \($0.value) school(s)" }.joined(separator: ", ") + (byWeek.count > 4 ? ", …" : "")
            lines.append(Say("心理咨询室开放 \(weeks.count) 个学校-周未达要求（\(zh)）",
                             "counseling room short in \(weeks.count) school-week(s) (\(en))").text(language))
        }
        return lines
    }

    /// "S05 36, S10 3, S04 1" — keys by count (most first), at most four, then "…".
    static func bySchool(_ keys: [String]) -> String {
        var counts: [String: Int] = [:]
        for k in keys { counts[k, default: 0] += 1 }
        let ranked = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let shown = ranked.prefix(4).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return ranked.count > 4 ? shown + ", …" : shown
    }
}
