// report.md's first section for people: who is short, why, what to do and at what cost, the
// worst school first. The solver's figures are in the appendix at the end (Report.swift).

import Foundation
import XinyuPack

/// One school below its monthly minimums: the lessons it misses, by cause and by month.
public struct SchoolShort: Sendable {
    public var id: String
    public var name: String
    public var missing: Int
    public var classMonths: Int
    /// Class-months and lessons missing per cause.
    public var byCause: [ShortfallCause: (classMonths: Int, lessons: Int, months: Set<String>, stages: Set<String>)] = [:]
    /// Lessons missing per month for the causes more teacher time would fix.
    public var teacherMonths: [String: Int] = [:]
    /// Lessons a calendar-bound month can hold at most, per month (for `month_minimum`).
    public var calendarMost: [String: Int] = [:]
}

/// The schools in trouble, the most missing lessons first.
public func schoolShorts(_ r: DistrictResult) -> [SchoolShort] {
    var bySchool: [String: SchoolShort] = [:]
    for f in r.shortfalls {
        let school = r.district.school(f.school)
        var s = bySchool[f.school] ?? SchoolShort(id: f.school, name: school?.name ?? "", missing: 0, classMonths: 0)
        let n = max(0, f.required - f.scheduled)
        s.missing += n
        s.classMonths += 1
        var c = s.byCause[f.cause] ?? (0, 0, [], [])
        c.classMonths += 1
        c.lessons += n
        c.months.insert(f.month)
        if let stage = school?.classes.first(where: { $0.id == f.classID })?.stage { c.stages.insert(stage.rawValue) }
        s.byCause[f.cause] = c
        if [.capacity, .busy, .clash].contains(f.cause) { s.teacherMonths[f.month, default: 0] += n }
        if f.cause == .calendar, let inst = r.plans.first(where: { $0.instance.schools.contains(f.school) })?.instance {
            s.calendarMost[f.month] = calendarMost(inst, month: f.month)
        }
        bySchool[f.school] = s
    }
    return bySchool.values.sorted { ($0.missing, $1.id) > ($1.missing, $0.id) }
}

/// Lessons per class the calendar allows in `month`: its teaching weeks times max_per_week.
func calendarMost(_ inst: Instance, month: String) -> Int {
    guard let mi = inst.months.firstIndex(of: month) else { return 0 }
    return Set(inst.days.filter { $0.month == mi }.map(\.isoWeek)).count * inst.policy.maxPerWeek
}

/// Teaching weeks of `month` in the instance holding `school` (at least 1).
func teachingWeeks(_ r: DistrictResult, school: String, month: String) -> Int {
    guard let inst = r.plans.first(where: { $0.instance.schools.contains(school) })?.instance,
          let mi = inst.months.firstIndex(of: month) else { return 1 }
    return max(1, Set(inst.days.filter { $0.month == mi }.map(\.isoWeek)).count)
}

extension ShortfallCause {
    /// The cause in a few words.
    public var label: Text {
        switch self {
        case .calendar: return Text(en: "calendar (too few teaching weeks)", zh: "日历所限（教学周太少）")
        case .noPeriods: return Text(en: "no displaceable or free period", zh: "没有可替换课时或空节")
        case .noTeacher: return Text(en: "no psychology teacher of the stage", zh: "没有该学段的心理教师")
        case .clash: return Text(en: "teachers not free at the class's periods", zh: "教师与班级可替换课时冲突")
        case .capacity: return Text(en: "psychology teachers' capacity", zh: "心理教师课时不足")
        case .busy: return Text(en: "teachers taken by other classes (same_teacher)", zh: "教师已被其他班占用（同一教师规则）")
        }
    }
}

/// `## 需要决定 / Decisions`: one block per school in trouble, the worst first.
func decisionsMarkdown(_ r: DistrictResult) -> [String] {
    var out = ["## 需要决定 / Decisions", ""]
    let shorts = schoolShorts(r)
    if shorts.isEmpty {
        out += ["无需决定：每个班每月都达到最低课时。 Nothing to decide: every class meets its minimum in every month.", ""]
        return out
    }
    out.append("按缺课多少排序；每所学校：原因、怎么办、代价（教师课时）。 Worst first; for each school: why, what to do, at what cost (teacher-periods).")
    out.append("")
    for s in shorts {
        out.append("### \(s.id) \(s.name) — 缺 \(s.missing) 节（\(s.classMonths) 个班级-月份） / \(s.missing) lesson(s) short in \(s.classMonths) class-month(s)")
        out.append("")
        let causes = ShortfallCause.allCases.filter { s.byCause[$0] != nil }
        let why = causes.compactMap { c -> (String, String)? in
            guard let v = s.byCause[c] else { return nil }
            let months = v.months.sorted().joined(separator: ", ")
            return ("\(c.label.zh) \(v.lessons) 节（\(months)）", "\(c.label.en): \(v.lessons) lesson(s) (\(months))")
        }
        out.append("- 原因 / Why: " + why.map(\.0).joined(separator: "；") + "。 " + why.map(\.1).joined(separator: "; ") + ".")
        out.append("- 怎么办 / What to do:")
        for c in causes { out += actionLines(c, s) }
        out.append("- 代价 / Cost: " + costLine(s, r).trimmingCharacters(in: .whitespaces))
        out.append("")
    }
    return out
}

/// The change that would fix the class-months of one cause, in both languages.
private func actionLines(_ cause: ShortfallCause, _ s: SchoolShort) -> [String] {
    let stages = (s.byCause[cause]?.stages ?? []).sorted()
    let stageZh = stages.compactMap { Stage(rawValue: $0)?.chinese }.joined(separator: "、")
    let stageEn = stages.joined(separator: ", ")
    switch cause {
    case .calendar:
        let mins = s.calendarMost.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
        return ["  - 降低该月最低课时（district.toml 的 month_minimum：\(mins)）或把考试日移出该月。 Lower the month's minimum (month_minimum in district.toml: \(mins)) or move exam days out of the month."]
    case .noPeriods:
        return ["  - 允许更多可替换科目或使用空节（district.toml 的 displaceable、use_free_periods）。 Allow more displaceable subjects or free periods (displaceable, use_free_periods in district.toml)."]
    case .noTeacher:
        return ["  - 为\(stageZh)学段配备心理教师（teachers.csv 的 psych 与 stages）。 Give stage \(stageEn) a psychology teacher (psych and stages in teachers.csv)."]
    case .clash:
        return ["  - 把心理教师自己的课或不可用时间移出这些班的可替换课时（timetable.csv、unavailable.csv）。 Move the psychology teachers' own lessons or unavailability away from these classes' displaceable periods (timetable.csv, unavailable.csv)."]
    case .capacity:
        return ["  - 增加\(stageZh)学段心理教师课时：提高现有教师每周上限（teachers.csv 的 max_per_week）或增配教师；`xinyu district` 按全区配备负荷求出最少招聘人数。 Add psychology-teacher time for stage \(stageEn): raise existing teachers' max_per_week (teachers.csv) or hire; `xinyu district` computes the fewest hires at the district's loads."]
    case .busy:
        return ["  - 让更多心理教师能教这些班（teachers.csv 的 stages），或放宽同一教师规则（same_teacher）。 Let more psychology teachers take these classes (stages in teachers.csv) or relax same_teacher."]
    }
}

/// Teacher-periods the missing lessons need at least (each lesson is one period of a teacher), in
/// the month that needs the most per teaching week.
private func costLine(_ s: SchoolShort, _ r: DistrictResult) -> String {
    let calendarZh = s.byCause[.calendar] == nil ? "" : "日历所限的课时不需要教师课时，只需改最低课时或考试日。"
    let calendarEn = s.byCause[.calendar] == nil ? "" : "The calendar-bound lessons cost no teacher time, only a lower minimum or moved exam days."
    guard !s.teacherMonths.isEmpty else {
        let other = s.byCause[.noTeacher] != nil || s.byCause[.noPeriods] != nil
        return other ? "配备或政策改变，见上。 \(calendarZh) A staffing or policy change, above. \(calendarEn)" : "\(calendarZh) \(calendarEn)"
    }
    let term = s.teacherMonths.values.reduce(0, +)
    let perWeek = s.teacherMonths.map { m, n in (m, (n + teachingWeeks(r, school: s.id, month: m) - 1) / teachingWeeks(r, school: s.id, month: m)) }
        .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
    let worst = perWeek[0]
    return "本学期至少再需 \(term) 个教师课时，最多的 \(worst.0) 每周约 \(worst.1) 个（每节缺课需一名教师的一个课时）。\(calendarZh)"
        + " At least \(term) more teacher-periods this term, about \(worst.1) a week in \(worst.0), the month that needs the most (each missing lesson takes one period of a teacher). \(calendarEn)"
}
