import Foundation
import XinyuPack

/// The district settings as the office's form holds them: every value as text, exactly as typed,
/// so a value the pack reader refuses is shown back unchanged beside its message. The form knows
/// no rule of the pack: it only carries values; XinyuPack's reader judges them (one owner).
struct SettingsForm: Sendable, Equatable {
    /// Scalar fields by their district.toml path ("term.start", "policy.max_per_week", …); the
    /// path is also the field's name in the page and the `field` of the reader's diagnostics.
    var values: [String: String] = [:]
    var displaceable: [Pair] = []
    var monthMinimum: [Pair] = []
    var calendar: [CalendarRow] = []

    /// A row of [policy.displaceable] (subject = cost) or [policy.month_minimum] ("YYYY-MM" = minimum).
    struct Pair: Sendable, Equatable {
        var key: String
        var value: String
        var isBlank: Bool { key.trimmingCharacters(in: .whitespaces).isEmpty && value.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// A row of calendar.csv.
    struct CalendarRow: Sendable, Equatable {
        var date: String
        var kind: String
        var follows: String
        var note: String
        var isBlank: Bool { [date, follows, note].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// The scalar fields in page order: (path, kind). The TOML writer uses the kind only to decide
    /// whether a value can be written bare (a number, a date, a boolean) or must be quoted.
    enum Kind: Sendable { case text, date, integer, number, boolean }
    static let scalars: [(String, Kind)] = [
        ("name", .text), ("term.start", .date), ("term.end", .date),
        ("policy.lessons_per_month", .integer), ("policy.max_per_week", .integer),
        ("policy.same_teacher", .boolean), ("policy.use_free_periods", .boolean), ("policy.free_period_cost", .number),
        ("staffing.fulltime_max_per_week", .integer), ("staffing.fulltime_max_per_day", .integer),
        ("staffing.parttime_max_per_week", .integer), ("staffing.parttime_max_per_day", .integer),
        ("staffing.students_per_parttime", .integer), ("staffing.counseling_min_hours", .number),
        ("preferences.displacement", .number), ("preferences.rhythm", .number),
        ("preferences.spread", .number), ("preferences.load_balance", .number),
    ]
    static let kinds = ["holiday", "closure", "exam", "makeup", "training"]
    /// More rows than any term has days: beyond this a post is refused rather than cut short.
    static let maxRows = 1000

    /// The form filled with what the pack holds (defaults included, so every value is visible).
    static func from(_ d: District) -> SettingsForm {
        var f = SettingsForm()
        let p = d.policy, s = d.staffing, w = d.preferences
        f.values = [
            "name": d.name, "term.start": d.termStart.iso, "term.end": d.termEnd.iso,
            "policy.lessons_per_month": String(p.lessonsPerMonth), "policy.max_per_week": String(p.maxPerWeek),
            "policy.same_teacher": String(p.sameTeacher), "policy.use_free_periods": String(p.useFreePeriods),
            "policy.free_period_cost": number(p.freePeriodCost),
            "staffing.fulltime_max_per_week": String(s.fulltimeMaxPerWeek), "staffing.fulltime_max_per_day": String(s.fulltimeMaxPerDay),
            "staffing.parttime_max_per_week": String(s.parttimeMaxPerWeek), "staffing.parttime_max_per_day": String(s.parttimeMaxPerDay),
            "staffing.students_per_parttime": String(s.studentsPerParttime), "staffing.counseling_min_hours": number(s.counselingMinHours),
            "preferences.displacement": number(w.displacement), "preferences.rhythm": number(w.rhythm),
            "preferences.spread": number(w.spread), "preferences.load_balance": number(w.loadBalance),
        ]
        f.displaceable = p.displaceable.sorted { $0.key < $1.key }.map { Pair(key: $0.key, value: number($0.value)) }
        f.monthMinimum = p.monthMinimum.sorted { $0.key < $1.key }.map { Pair(key: $0.key, value: String($0.value)) }
        f.calendar = d.calendar.map {
            CalendarRow(date: $0.date.iso, kind: $0.kind.rawValue, follows: $0.followsWeekday.map(String.init) ?? "", note: $0.note)
        }
        return f
    }

    /// The form as posted. Row fields are named `group.field.N`; rows are taken in N order, blank
    /// rows and rows ticked for removal are dropped. nil when there are more rows than `maxRows`.
    static func from(_ form: Form) -> SettingsForm? {
        var f = SettingsForm()
        for (path, _) in scalars { f.values[path] = (form[path] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func rows(_ group: String) -> [Int]? {
            let prefix = group + "."
            var seen = Set<Int>()
            for key in form.fields.keys where key.hasPrefix(prefix) {
                if let n = key.split(separator: ".").last.flatMap({ Int($0) }), n >= 0 { seen.insert(n) }
            }
            return seen.count > maxRows ? nil : seen.sorted()
        }
        func text(_ key: String) -> String { (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func removed(_ group: String, _ n: Int) -> Bool { form["\(group).remove.\(n)"] != nil }
        guard let disp = rows("disp"), let months = rows("month"), let cal = rows("cal") else { return nil }
        f.displaceable = disp.filter { !removed("disp", $0) }.map { Pair(key: text("disp.key.\($0)"), value: text("disp.value.\($0)")) }.filter { !$0.isBlank }
        f.monthMinimum = months.filter { !removed("month", $0) }.map { Pair(key: text("month.key.\($0)"), value: text("month.value.\($0)")) }.filter { !$0.isBlank }
        f.calendar = cal.filter { !removed("cal", $0) }.map {
            CalendarRow(date: text("cal.date.\($0)"), kind: text("cal.kind.\($0)"), follows: text("cal.follows.\($0)"), note: text("cal.note.\($0)"))
        }.filter { !$0.isBlank }
        return f
    }

    /// A Double as the form shows it: whole numbers without ".0".
    static func number(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
