import XinyuCore
import XinyuPack

/// Labels of the weekly views (课程表, teacher weeks, term lists, overview), in both languages.
/// Kept beside the weekly views rather than in Catalogue so their wording stays in one place.
enum WeeklyMsg: String, CaseIterable, Sendable {
    case classWeek, teacherWeek, termList, overview, psych, free, odd, even, everyWeek, oddWeeks, evenWeeks
    case weeksRange, weeksOddRange, weeksEvenRange, weeksList, once, from, until, classroom, activity, hall
    case topic, form, room, slot, weeks, count, none, notVerified, schoolTitle, weeklyLinks, period
    case classPages, teacherPages, classroomShort
}

enum WeeklyCatalogue {
    static let entries: [WeeklyMsg: (zh: String, en: String)] = [
        .classWeek: ("%1 课程表", "Timetable of class %1"),
        .teacherWeek: ("%1 周课表", "Week of %1"),
        .termList: ("%1 学期课表", "Term list of %1"),
        .overview: ("%1 心理课总表", "%1: every class's mental-health lesson"),
        .psych: ("心理课", "Mental health"),
        .free: ("空节", "free"),
        .odd: ("单周", "odd weeks"),
        .even: ("双周", "even weeks"),
        .everyWeek: ("每周", "every week"),
        .oddWeeks: ("单周", "odd weeks"),
        .evenWeeks: ("双周", "even weeks"),
        .weeksRange: ("第%1–%2周", "weeks %1–%2"),
        .weeksOddRange: ("第%1–%2周单周", "odd weeks %1–%2"),
        .weeksEvenRange: ("第%1–%2周双周", "even weeks %1–%2"),
        .weeksList: ("第%1周", "week(s) %1"),
        .once: ("仅%1", "%1 only"),
        .from: ("自%1起", "from %1"),
        .until: ("（至%1）", " (until %1)"),
        .classroom: ("%1教室", "classroom %1"),
        .activity: ("团体活动室", "activity room"),
        .hall: ("礼堂", "hall"),
        .topic: ("主题", "Topic"),
        .form: ("形式", "Form"),
        .room: ("地点", "Room"),
        .slot: ("节次", "Period"),
        .weeks: ("周次", "Weeks"),
        .count: ("节数", "Lessons"),
        .none: ("（无）", "(none)"),
        .notVerified: ("未通过校验 / not verified", "未通过校验 / not verified"),
        .schoolTitle: ("%1 %2", "%1 %2"),
        .weeklyLinks: ("课程表（打印）", "Timetables (to print)"),
        .period: ("第%1节", "P%1"),
        .classPages: ("各班课程表", "Class timetables"),
        .teacherPages: ("心理教师课表", "Psychology teachers"),
        .classroomShort: ("教室", "classroom"),
    ]

    static func text(_ id: WeeklyMsg, _ lang: Language, _ args: [String]) -> String {
        guard let e = entries[id] else { return id.rawValue }
        var s = lang == .zh ? e.zh : e.en
        for (i, a) in args.enumerated().reversed() { s = s.replacingOccurrences(of: "%\(i + 1)", with: a) }
        return s
    }
}

extension Words {
    func weekly(_ id: WeeklyMsg, _ args: String...) -> String { WeeklyCatalogue.text(id, lang, args) }

    /// `第1、5、7–9周` / `week(s) 1, 5, 7–9`: runs of three or more consecutive weeks shortened.
    func weekList(_ weeks: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < weeks.count {
            var j = i
            while j + 1 < weeks.count, weeks[j + 1] == weeks[j] + 1 { j += 1 }
            if j - i >= 2 { parts.append("\(weeks[i])–\(weeks[j])") } else { parts += weeks[i...j].map(String.init) }
            i = j + 1
        }
        return weekly(.weeksList, parts.joined(separator: lang == .zh ? "、" : ", "))
    }

    /// A run's weeks with its "from"/"until" dates: `单周`, `自10月19日起第8–12周双周`, `第1–5周单周（至9月30日）`.
    func run(_ r: WeekRun) -> String {
        var s: String
        switch r.pattern {
        case .once(let d): s = weekly(.once, shortDate(d))
        case .every(nil): s = weekly(.everyWeek)
        case .every(let x?): s = weekly(.weeksRange, String(x.lowerBound), String(x.upperBound))
        case .odd(nil): s = weekly(.oddWeeks)
        case .odd(let x?): s = weekly(.weeksOddRange, String(x.lowerBound), String(x.upperBound))
        case .even(nil): s = weekly(.evenWeeks)
        case .even(let x?): s = weekly(.weeksEvenRange, String(x.lowerBound), String(x.upperBound))
        case .list(let ws): s = weekList(ws)
        }
        if r.from { s = weekly(.from, shortDate(r.first)) + (lang == .zh ? "" : " ") + s }
        if r.until { s += weekly(.until, shortDate(r.last)) }
        return s
    }

    /// All runs of a slot, separated.
    func runs(_ u: SlotUse) -> String { u.runs.map(run).joined(separator: lang == .zh ? "；" : "; ") }

    /// Where a lesson is held, for a class: `3-1教室` (no `班班`), the activity room, the hall.
    func room(_ r: RoomUse, classID: String) -> String {
        switch r {
        case .classroom: return weekly(.classroom, classID)
        case .activity: return weekly(.activity)
        case .hall: return weekly(.hall)
        }
    }
}
