// The advice in words (report.md, schools.csv `advice`, the terminal), Chinese and English.

import XinyuPack

extension AdviceAction {
    /// The action in one clause, Chinese and English.
    public var clause: (zh: String, en: String) {
        let stageZh = Stage(rawValue: stage)?.chinese ?? stage
        let week = maxPerWeek.map(String.init) ?? "-", day = maxPerDay.map(String.init) ?? "-"
        switch kind {
        case .hireFull, .hirePart:
            let full = kind == .hireFull
            return ("\(stageZh)增加\(count)名\(full ? "专职" : "兼职")心理教师（每人每周\(week)节、每天至多\(day)节）",
                    "\(stage): hire \(count) \(full ? "full-time" : "part-time") psychology teacher(s) at \(week) period(s) a week, at most \(day) a day")
        case .raise:
            let dz = maxPerDay.map { "，每天至多\($0)节" } ?? "", de = maxPerDay.map { ", at most \($0) a day" } ?? ""
            return ("将\(teacher)每周上限由\(from.map(String.init) ?? "-")提高到\(week)\(dz)",
                    "raise \(teacher)'s max_per_week from \(from.map(String.init) ?? "-") to \(week)\(de)")
        case .monthMinimum:
            return ("设 month_minimum \(month) = \(value)（全区政策）", "set month_minimum \(month) = \(value) (district policy)")
        case .moveExams:
            let days = value.replacingOccurrences(of: "..", with: " – ")
            return ("将\(month)的考试（\(days)）移出学期或推后", "move the exams of \(month) (\(days)) later")
        }
    }
}

extension AdviceOption {
    /// The option in one sentence: its actions, what is still missing, its cost.
    public var sentence: (zh: String, en: String) {
        let cs = actions.map(\.clause)
        var zh = "方案\(number)\(number == 1 ? "（推荐）" : "")：" + cs.map(\.zh).joined(separator: "；")
            + " → 仍缺\(shortAfter)节；每周增加\(cost)个教师课时"
        var en = "Option \(number)\(number == 1 ? " (recommended)" : ""): " + cs.map(\.en).joined(separator: "; ")
            + " → \(shortAfter) lesson(s) still missing; costs \(cost) teacher-period(s) a week"
        if !proven { zh += "（未证明最少）"; en += " (not proven least)" }
        return (zh, en)
    }
}

extension Advice {
    /// The advice in one bilingual line (schools.csv `advice`); empty when there is nothing to advise.
    public var oneLine: String {
        let (zh, en) = sentences
        if zh.isEmpty { return "" }
        return zh.joined(separator: "；") + " / " + en.joined(separator: "; ")
    }

    /// The advice as sentences, Chinese and English: calendar-bound months first, then each option.
    public var sentences: (zh: [String], en: [String]) {
        var zh: [String] = [], en: [String] = []
        for f in fixes {
            zh.append("\(f.month)受日历限制（\(f.classes)个班缺\(f.missing)节，与师资无关）")
            en.append("\(f.month) is calendar-bound (\(f.classes) class(es), \(f.missing) lesson(s), whatever the staffing)")
        }
        for o in options {
            let s = o.sentence
            zh.append(s.zh); en.append(s.en)
        }
        return (zh, en)
    }
}
