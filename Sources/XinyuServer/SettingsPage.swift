import Foundation
import XinyuCore
import XinyuPack

/// The settings page's values for settings.mustache: fields grouped as the page shows them, each
/// with its label in the page language and the reader's messages about it.
enum SettingsPage {
    /// Blank rows offered under each list (more are added by the page's script, or after a save).
    static let blankRows = 3

    static let labels: [String: (String, String)] = [
        "name": ("区名称", "District name"),
        "term.start": ("学期第一天（YYYY-MM-DD）", "First day of the term (YYYY-MM-DD)"),
        "term.end": ("学期最后一天（YYYY-MM-DD）", "Last day of the term (YYYY-MM-DD)"),
        "policy.lessons_per_month": ("每班每月不少于（课时）", "Lessons per class per month, at least"),
        "policy.max_per_week": ("每班每周至多（课时）", "Lessons per class per week, at most"),
        "policy.same_teacher": ("同一教师整学期任教一个班", "One teacher keeps a class all term"),
        "policy.use_free_periods": ("空节可排心理课", "Free periods may take a lesson"),
        "policy.free_period_cost": ("使用空节的代价", "Cost of using a free period"),
        "staffing.fulltime_max_per_week": ("专职教师每周课时上限", "Full-time teacher: periods a week, at most"),
        "staffing.fulltime_max_per_day": ("专职教师每日课时上限", "Full-time teacher: periods a day, at most"),
        "staffing.parttime_max_per_week": ("兼职教师每周课时上限", "Part-time teacher: periods a week, at most"),
        "staffing.parttime_max_per_day": ("兼职教师每日课时上限", "Part-time teacher: periods a day, at most"),
        "staffing.students_per_parttime": ("每名心理教师对应学生数", "Students per psychology teacher"),
        "staffing.counseling_min_hours": ("心理辅导室每周至少开放（小时）", "Counseling room: hours a week, at least"),
        "preferences.displacement": ("权重：替换科目的代价", "Weight: cost of displacing subjects"),
        "preferences.rhythm": ("权重：课时节奏均匀", "Weight: an even rhythm"),
        "preferences.spread": ("权重：分散到不同时段", "Weight: spread over the week"),
        "preferences.load_balance": ("权重：教师负担均衡", "Weight: balanced teacher loads"),
    ]
    static let groups: [(String, String, String)] = [
        ("name", "区与学期", "District and term"), ("term", "", ""), ("policy", "课时政策", "Lesson policy"),
        ("staffing", "心理教师配备与课时上限", "Staffing and load caps"), ("preferences", "排课偏好权重", "Preference weights"),
    ]
    static let kindLabels: [String: (String, String)] = [
        "holiday": ("法定节假日", "holiday"), "closure": ("停课（区定）", "closure"), "exam": ("考试日（不排心理课）", "exam day (no lessons)"),
        "makeup": ("调休上课日", "make-up school day (调休)"), "training": ("心理教师培训日", "teacher training day"),
    ]
    static let weekdays = [("周一", "Monday"), ("周二", "Tuesday"), ("周三", "Wednesday"), ("周四", "Thursday"),
                           ("周五", "Friday"), ("周六", "Saturday"), ("周日", "Sunday")]

    static func word(_ pair: (String, String), _ lang: Lang) -> String { lang == .zh ? pair.0 : pair.1 }

    static func data(_ form: SettingsForm, errors: SettingsErrors, lang: Lang) -> [String: Any] {
        var sections: [[String: Any]] = []
        for (group, zh, en) in groups {
            let fields: [[String: Any]] = SettingsForm.scalars.filter { $0.0 == group || $0.0.hasPrefix(group + ".") }.map { path, kind in
                let value = form.values[path] ?? ""
                return ["name": path, "id": path.replacingOccurrences(of: ".", with: "-"), "label": labels[path].map { word($0, lang) } ?? path,
                        "value": value, "boolean": kind == .boolean, "yes": value == "true", "no": value == "false",
                        "errors": errors.messages(path, lang), "hasErrors": errors.byField[path] != nil]
            }
            if zh.isEmpty, var last = sections.popLast() {   // the term joins the name's section
                last["fields"] = (last["fields"] as? [[String: Any]] ?? []) + fields
                sections.append(last)
            } else {
                sections.append(["title": lang == .zh ? zh : en, "fields": fields])
            }
        }
        return [
            "sections": sections,
            "displaceable": pairs(form.displaceable, group: "disp", errors: errors, lang: lang),
            "monthMinimum": pairs(form.monthMinimum, group: "month", errors: errors, lang: lang),
            "calendar": calendar(form.calendar, errors: errors, lang: lang),
            "general": errors.general.map { $0.text(lang.messages) }, "hasErrors": !errors.isEmpty,
        ]
    }

    static func pairs(_ rows: [SettingsForm.Pair], group: String, errors: SettingsErrors, lang: Lang) -> [[String: Any]] {
        let all = rows + Array(repeating: SettingsForm.Pair(key: "", value: ""), count: blankRows)
        return all.enumerated().map { i, row in
            let e = errors.messages("\(group).\(i)", lang)
            return ["n": i, "key": row.key, "value": row.value, "errors": e, "hasErrors": !e.isEmpty]
        }
    }

    static func calendar(_ rows: [SettingsForm.CalendarRow], errors: SettingsErrors, lang: Lang) -> [[String: Any]] {
        let blank = SettingsForm.CalendarRow(date: "", kind: "holiday", follows: "", note: "")
        let all = rows + Array(repeating: blank, count: blankRows)
        return all.enumerated().map { i, row in
            let e = errors.messages("cal.\(i)", lang)
            // A kind the reader does not know stays selectable, so the refused value is shown as sent.
            let known = SettingsForm.kinds.contains(row.kind) ? SettingsForm.kinds : SettingsForm.kinds + [row.kind]
            let kinds: [[String: Any]] = known.map { k in
                ["value": k, "label": kindLabels[k].map { word($0, lang) } ?? k, "selected": k == row.kind]
            }
            var follows: [[String: Any]] = [["value": "", "label": "—", "selected": row.follows.isEmpty]]
            for (d, names) in weekdays.enumerated() {
                follows.append(["value": String(d + 1), "label": "\(d + 1) " + word(names, lang), "selected": row.follows == String(d + 1)])
            }
            if !row.follows.isEmpty && Int(row.follows).map({ !(1...7).contains($0) }) ?? true {
                follows.append(["value": row.follows, "label": row.follows, "selected": true])
            }
            return ["n": i, "date": row.date, "kinds": kinds, "follows": follows, "note": row.note, "errors": e, "hasErrors": !e.isEmpty]
        }
    }

    /// Each month of the term with its school days (a Monday–Friday school), the days that may take
    /// a lesson (not exam days) and the month's minimum: the engine's own calendar (XinyuCore),
    /// so a saved holiday shows here as the engine will see it.
    static func months(_ district: District) -> [[String: Any]] {
        let calendar = TermCalendar(district: district, daysPerWeek: 5)
        return calendar.months.map { month in
            let days = calendar.schoolDays.filter { $0.monthKey == month }
            return ["month": month, "schoolDays": days.count, "lessonDays": days.filter { !$0.isExam }.count,
                    "minimum": district.policy.minimum(forMonth: month)]
        }
    }
}
