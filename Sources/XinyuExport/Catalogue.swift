import Foundation
import XinyuPack

/// The language of an export: every label, message, date and weekday follows it.
public enum Language: String, CaseIterable, Sendable {
    /// Simplified Chinese (zh-CN), the default.
    case zh
    /// English.
    case en

    /// The BCP 47 tag written into HTML `lang` attributes.
    public var tag: String { self == .zh ? "zh-CN" : "en" }
}

/// Every user-facing label and message of the exports, keyed by message id. The one catalogue:
/// XLSX, iCalendar and HTML all take their words from here, so the two languages never drift.
public enum Msg: String, CaseIterable, Sendable {
    case lessonTitle, replaces, freePeriod, period, date, weekday, week, note, exam, makeup, total
    case classSheet, teacherSheet, monthSummary, klass, month, required, placed, short, status
    case statusOK, statusShort, school, schools, teacher, teachers, lessons, district, dashboard
    case schoolsByStatus, heatMap, heatMapNote, teacherLoad, teacherLoadNote, shortfalls, noShortfalls
    case explanationMissing, classGrids, loadPerWeek, term, generated, holiday, noSchool, backToDashboard
    case classesShort, lessonsShort, capacityPerWeek, location, description, lessonCount, calendarName
    case classCount, periodTimes, defaultTimes, psychFull, psychPart, legend, perWeekMax, contents
}

/// The catalogue: message id → (zh, en). Messages with `%1`, `%2` … take arguments.
enum Catalogue {
    static let entries: [Msg: (zh: String, en: String)] = [
        .lessonTitle: ("心理健康课", "Mental-health lesson"),
        .replaces: ("替换 %1", "replaces %1"),
        .freePeriod: ("空节", "free period"),
        .period: ("第%1节", "P%1"),
        .date: ("日期", "Date"),
        .weekday: ("星期", "Day"),
        .week: ("周次", "Week"),
        .note: ("备注", "Note"),
        .exam: ("考试", "exam"),
        .makeup: ("调休（按%1课表）", "make-up day (%1 timetable)"),
        .total: ("合计", "Total"),
        .classSheet: ("班级 %1", "Class %1"),
        .teacherSheet: ("教师 %1", "Teacher %1"),
        .monthSummary: ("月度汇总", "Month summary"),
        .klass: ("班级", "Class"),
        .month: ("月份", "Month"),
        .required: ("要求", "Required"),
        .placed: ("已排", "Placed"),
        .short: ("缺", "Short"),
        .status: ("状态", "Status"),
        .statusOK: ("达标", "met"),
        .statusShort: ("未达标", "short"),
        .school: ("学校", "School"),
        .schools: ("学校", "Schools"),
        .teacher: ("教师", "Teacher"),
        .teachers: ("心理教师", "Psychology teachers"),
        .lessons: ("课时", "Lessons"),
        .district: ("区域", "District"),
        .dashboard: ("%1 心理健康课排课总览", "%1 mental-health lessons: overview"),
        .schoolsByStatus: ("各校达标情况", "Schools by status"),
        .heatMap: ("月份 × 学校：已排 / 要求", "Month × school: placed / required"),
        .heatMapNote: ("绿色：达标；红色：未达标，颜色越深缺得越多。", "Green: met; red: short, the darker the more lessons missing."),
        .teacherLoad: ("心理教师课时量", "Psychology teacher load"),
        .teacherLoadNote: ("全学期已排课时；括号内为每周上限。", "Lessons placed over the term; weekly limit in brackets."),
        .shortfalls: ("未达标说明", "Shortfalls explained"),
        .noShortfalls: ("所有班级每月均达到最低课时。", "Every class meets every monthly minimum."),
        .explanationMissing: ("（未找到 report.md，无原因说明）", "(report.md not found: no explanation)"),
        .classGrids: ("各班学期课表", "Term grid of each class"),
        .loadPerWeek: ("心理教师每周课时", "Psychology teachers' lessons per week"),
        .term: ("学期 %1 至 %2", "Term %1 – %2"),
        .generated: ("由心育 Xinyu %1 生成", "Made by 心育 Xinyu %1"),
        .holiday: ("休", "off"),
        .noSchool: ("非上课日", "no school"),
        .backToDashboard: ("← 返回总览", "← Back to the overview"),
        .classesShort: ("%1 个班级-月份未达标", "%1 class-month(s) short"),
        .lessonsShort: ("共缺 %1 节", "%1 lesson(s) short"),
        .capacityPerWeek: ("每周上限 %1", "max %1/week"),
        .location: ("%1 %2班", "%1, class %2"),
        .description: ("教师：%1\n学校：%2\n第%3节（%4）", "Teacher: %1\nSchool: %2\nPeriod %3 (%4)"),
        .lessonCount: ("%1 节", "%1 lesson(s)"),
        .calendarName: ("心理健康课 %1", "Mental-health lessons %1"),
        .classCount: ("%1 个班", "%1 classes"),
        .periodTimes: ("作息时间", "Bell schedule"),
        .defaultTimes: ("（school.toml 未给 period_times，使用默认作息）", "(no period_times in school.toml: default bell schedule)"),
        .psychFull: ("专职", "full-time"),
        .psychPart: ("兼职", "part-time"),
        .legend: ("图例", "Legend"),
        .perWeekMax: ("每周", "per week"),
        .contents: ("目录", "Contents"),
    ]

    /// The text of `id` in `lang`, with `%1`, `%2` … replaced by `args`.
    static func text(_ id: Msg, _ lang: Language, _ args: [String] = []) -> String {
        guard let e = entries[id] else { return id.rawValue }
        var s = lang == .zh ? e.zh : e.en
        // Replace from the highest index down so %1 does not eat the start of %10.
        for (i, a) in args.enumerated().reversed() { s = s.replacingOccurrences(of: "%\(i + 1)", with: a) }
        return s
    }

    static let weekdaysZH = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    static let weekdaysEN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthsEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// Words for one language: a thin view of the catalogue plus local dates.
public struct Words: Sendable {
    public let lang: Language
    public init(_ lang: Language) { self.lang = lang }

    public func callAsFunction(_ id: Msg, _ args: String...) -> String { Catalogue.text(id, lang, args) }

    /// Weekday 1 (Monday) … 7 (Sunday): 周一 / Mon.
    public func weekday(_ wd: Int) -> String {
        let i = max(1, min(7, wd)) - 1
        return lang == .zh ? Catalogue.weekdaysZH[i] : Catalogue.weekdaysEN[i]
    }

    /// A date in the local style: `2026年10月12日 周一` / `Mon 12 Oct 2026`.
    public func date(_ d: CivilDate) -> String {
        lang == .zh ? "\(d.year)年\(d.month)月\(d.day)日 \(weekday(d.weekday))"
                    : "\(weekday(d.weekday)) \(d.day) \(Catalogue.monthsEN[d.month - 1]) \(d.year)"
    }

    /// A short date without the year: `10月12日` / `12 Oct`.
    public func shortDate(_ d: CivilDate) -> String {
        lang == .zh ? "\(d.month)月\(d.day)日" : "\(d.day) \(Catalogue.monthsEN[d.month - 1])"
    }

    /// A month key `2026-10` as `2026年10月` / `Oct 2026`.
    public func month(_ key: String) -> String {
        let p = key.split(separator: "-")
        guard p.count == 2, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m) else { return key }
        return lang == .zh ? "\(y)年\(m)月" : "\(Catalogue.monthsEN[m - 1]) \(y)"
    }

    /// The SUMMARY of a lesson: `心理健康课 7-3（替换 班会）` / `Mental-health lesson 7-3 (replaces 班会)`.
    public func lessonSummary(classID: String, replaces: String) -> String {
        let what = replaces.isEmpty ? self(.freePeriod) : self(.replaces, replaces)
        return lang == .zh ? "\(self(.lessonTitle)) \(classID)（\(what)）" : "\(self(.lessonTitle)) \(classID) (\(what))"
    }
}
