import Foundation
import XinyuMIP
import XinyuPack

// MARK: - Files

/// The weekly duty sheet for schools (duty.csv itself: XinyuPack's DutyFiles).
extension DutyFiles {
    static let weekdayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    static let audienceNames: [DutyAudience: String] = [.students: "", .parents: " 家长", .all: " 全体"]

    /// Hours for people: "4", "2.5", "2.67".
    static func hours(_ minutes: Int) -> String {
        let hundredths = (minutes * 100 + 30) / 60
        var s = "\(hundredths / 100)"
        let frac = hundredths % 100
        if frac != 0 { s += "." + (frac % 10 == 0 ? "\(frac / 10)" : (frac < 10 ? "0\(frac)" : "\(frac)")) }
        return s
    }

    /// The weekly duty sheet (UTF-8 with BOM, for Excel/WPS): one row per duty school and week of
    /// the term with school days: required and open hours, required and open parent slots, then
    /// one line per teacher ("张老师 (T01): 周一 12:10-13:00, 周三 16:30-17:30 全体"), and why a short week is short.
    public static func weeklySheet(_ district: District, _ plan: DutyPlan) -> String {
        let head = ["学校 school", "周 week (Monday)", "要求时长 required hours", "开放时长 open hours",
                    "家长时段要求 parent slots required", "家长时段 parent slots", "值班 duty", "说明 note"]
        var shiftsOf: [String: [DutyShift]] = [:]
        for s in plan.shifts { shiftsOf[s.school + "\u{1}" + s.date.weekMonday.iso, default: []].append(s) }
        var shortOf: [String: DutyShortWeek] = [:]
        for w in plan.shortWeeks { shortOf[w.school + "\u{1}" + w.week.iso] = w }
        var names: [String: String] = [:]
        for s in district.schools { for t in s.teachers where names[t.id] == nil { names[t.id] = t.name } }
        var rows: [[String]] = []
        for s in district.schools.sorted(by: { $0.id < $1.id }) where DutyTerm.hasDuty(s) {
            let room = s.counselingRoom!
            // Monday → required minutes and parent slots (none in a week without school days).
            var weeks: [CivilDate: (minutes: Int, parents: Int)] = [:]
            for w in DutyTerm.weeks(district, s) {
                weeks[w.monday] = (DutyTerm.requiredMinutes(room, schoolDays: w.schoolDays, daysPerWeek: s.daysPerWeek), room.parentSlotsPerWeek)
            }
            for sh in plan.shifts where sh.school == s.id && weeks[sh.date.weekMonday] == nil { weeks[sh.date.weekMonday] = (0, 0) }
            for (monday, week) in weeks.sorted(by: { $0.key < $1.key }) {
                let key = s.id + "\u{1}" + monday.iso
                let mine = (shiftsOf[key] ?? []).sorted()
                var byDate: [CivilDate: [(Int, Int)]] = [:]
                for sh in mine { byDate[sh.date, default: []].append((sh.start, sh.end)) }
                let open = byDate.values.reduce(0) { $0 + DutyTerm.unionMinutes($1) }
                var lines: [String] = []
                for t in Set(mine.map(\.teacher)).sorted() {
                    let name = names[t].flatMap { $0.isEmpty || $0 == t ? nil : "\($0) (\(t))" } ?? t
                    let times = mine.filter { $0.teacher == t }.sorted { ($0.date, $0.start) < ($1.date, $1.start) }.map {
                        "\(weekdayNames[$0.date.weekday - 1]) \(DutyWindow.clock($0.start))-\(DutyWindow.clock($0.end))\(audienceNames[$0.audience] ?? "")"
                    }
                    lines.append("\(name): " + times.joined(separator: ", "))
                }
                let note = shortOf[key].map { $0.reason.zh + "\n" + $0.reason.en } ?? ""
                rows.append([s.name.isEmpty || s.name == s.id ? s.id : "\(s.name) (\(s.id))", monday.iso,
                             hours(week.minutes), hours(open), String(week.parents),
                             String(mine.filter(\.audience.forParents).count), lines.joined(separator: "\n"), note])
            }
        }
        return CSVText.document(header: head, rows: rows, bom: true)
    }
}
