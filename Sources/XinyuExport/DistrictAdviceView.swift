// The advice options of one school (advice.csv rows) as the dashboard shows them.

import XinyuPack

extension DistrictDashboard {
    /// One action in words.
    static func actionText(_ a: DistrictFiles.Action, t: (String, String) -> String) -> String {
        let stage = Stage(rawValue: a.stage).map { t($0.chinese, $0.rawValue) } ?? a.stage
        let week = a.maxPerWeek.map(String.init) ?? "-", day = a.maxPerDay.map(String.init) ?? "-"
        switch a.kind {
        case "hire_full", "hire_part":
            let full = a.kind == "hire_full"
            return t("\(stage)新聘\(a.count)名\(full ? "专职" : "兼职")心理教师，每人每周\(week)节、每天至多\(day)节",
                     "\(stage): hire \(a.count) \(full ? "full-time" : "part-time") psychology teacher(s) at \(week) a week, at most \(day) a day")
        case "raise":
            return t("将\(a.teacher)每周上限提高到\(week)节" + (a.maxPerDay.map { "、每天至多\($0)节" } ?? ""),
                     "raise \(a.teacher)'s max_per_week to \(week)" + (a.maxPerDay.map { ", at most \($0) a day" } ?? ""))
        case "month_minimum":
            return t("将\(a.month)的每月最少课时设为\(a.value)（全区政策）", "set month_minimum \(a.month) = \(a.value) (district policy)")
        case "move_exams":
            let days = a.value.replacingOccurrences(of: "..", with: " – ")
            return t("将\(a.month)的考试（\(days)）推后", "move the exams of \(a.month) (\(days)) later")
        default:
            return a.kind
        }
    }

    /// Teacher-periods a week an action adds: hires count × weekly load; a raise its new weekly
    /// limit less the teacher's present one (from the pack); calendar changes none.
    static func cost(_ a: DistrictFiles.Action, _ district: District) -> Int {
        switch a.kind {
        case "hire_full", "hire_part": return a.count * (a.maxPerWeek ?? 0)
        case "raise":
            let from = district.schools.lazy.compactMap { $0.teacher(a.teacher)?.maxPerWeek }.first ?? 0
            return max(0, (a.maxPerWeek ?? 0) - from)
        default: return 0
        }
    }

    /// The options table: option (1 recommended), actions, lessons still missing, hiring cost, proven.
    static func adviceTable(_ rows: [DistrictFiles.Action], school s: DistrictFiles.School, district: District, w: Words,
                            t: (String, String) -> String) -> String {
        var b = "<h4>\(Site.esc(t("建议（由优化求得）", "Advice (found by optimisation)")))</h4>"
        let options = Array(Set(rows.map(\.option))).sorted()
        if options.isEmpty {
            let line = s.advice.isEmpty ? t("无可计算的建议。", "No advice could be computed.") : s.advice
            return b + "<p class=\"advice-line\">\(Site.esc(line))</p>"
        }
        b += "<div class=\"scroll\"><table class=\"advice\"><thead><tr>"
        for h in [t("方案", "Option"), t("做法（同一方案一并实施）", "Actions (applied together)"), t("实施后仍缺", "Still missing"),
                  t("新增教师课时/周", "New teacher-periods/week"), t("已证明最少", "Proven least")] {
            b += "<th>\(Site.esc(h))</th>"
        }
        b += "</tr></thead><tbody>"
        for o in options {
            let acts = rows.filter { $0.option == o }
            let label = o == 1 ? t("1（推荐）", "1 (recommended)") : String(o)
            b += "<tr data-option=\"\(o)\"><td>\(Site.esc(label))</td><td><ul>"
            b += acts.map { "<li data-kind=\"\(Site.esc($0.kind))\">\(Site.esc(actionText($0, t: t)))</li>" }.joined()
            b += "</ul></td><td class=\"num\">\(acts.first?.shortAfter ?? 0)</td>"
            b += "<td class=\"num\">\(acts.reduce(0) { $0 + cost($1, district) })</td>"
            b += "<td>\(Site.esc(acts.allSatisfy(\.proven) ? t("是", "yes") : t("否（未证明最少）", "no (not proven least)")))</td></tr>"
        }
        b += "</tbody></table></div>"
        return b
    }
}
