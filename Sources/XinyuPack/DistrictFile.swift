// district.toml: the district's name, its term, its policy and the Xinyu `[preferences]` weights.

import TOMLKit

/// What district.toml says. `term` is nil when it is missing or invalid (already reported).
struct DistrictSettings {
    var name = ""
    var term: (start: CivilDate, end: CivilDate)?
    var policy = Policy()
    var preferences = PreferenceWeights()
    var topics = TopicPlan()
    var staffing = StaffingSettings()
}

enum DistrictFile {
    static let path = "district.toml"
    /// The longest term accepted: a school year at most, so a typo in a year is caught.
    static let maxTermDays = 400

    static func read(root: String, log: inout DiagnosticLog) -> DistrictSettings? {
        guard let toml = TOMLSource.read(root: root, path, log: &log) else { return nil }
        var settings = DistrictSettings()
        toml.noteUnknownKeys(toml.table, at: [], known: ["name", "term", "policy", "preferences", "topics", "staffing"], log: &log)

        // name: the district's name, a string.
        if let value = toml.table["name"] {
            if let name = value.string, let problem = nameProblem(name) {
                toml.error(["name"], XinyuPack.problem(Bilingual(en: "name", zh: "区名"), name, problem), log: &log)
            } else if let name = value.string { settings.name = name } else {
                toml.error(["name"], en: "name \(describe(value)) must be a string", zh: "区名 name \(describe(value)) 必须是字符串", log: &log)
            }
        } else {
            toml.error(["name"], en: "missing key \"name\" (the district's name)", zh: "缺少键 \"name\"（区名）", log: &log)
        }

        settings.term = readTerm(toml, log: &log)
        if let value = toml.table["policy"] {
            if let table = value.table { settings.policy = readPolicy(table, toml, log: &log) } else {
                toml.error(["policy"], en: "policy must be a table ([policy])", zh: "policy 必须是表（[policy]）", log: &log)
            }
        }
        if let value = toml.table["preferences"] {
            if let table = value.table { settings.preferences = readPreferences(table, toml, log: &log) } else {
                toml.error(["preferences"], en: "preferences must be a table ([preferences])", zh: "preferences 必须是表（[preferences]）", log: &log)
            }
        }
        if let value = toml.table["topics"] { settings.topics = PolicyExtrasFile.topics(value, toml, log: &log) }
        if let value = toml.table["staffing"] { settings.staffing = StaffingFile.read(value, toml, log: &log) }
        return settings
    }

    /// `[term] start/end`: TOML dates (a quoted "YYYY-MM-DD" is accepted too); end not before start.
    static func readTerm(_ toml: TOMLSource, log: inout DiagnosticLog) -> (start: CivilDate, end: CivilDate)? {
        guard let value = toml.table["term"] else {
            toml.error(["term"], en: "missing table [term] with start and end dates", zh: "缺少含开始与结束日期的表 [term]（学期）", log: &log)
            return nil
        }
        guard let term = value.table else {
            toml.error(["term"], en: "term must be a table ([term]) with start and end dates", zh: "term 必须是含开始与结束日期的表（[term]）", log: &log)
            return nil
        }
        toml.noteUnknownKeys(term, at: ["term"], known: ["start", "end"], log: &log)
        func date(_ key: String) -> CivilDate? {
            guard let value = term[key] else {
                toml.error(["term", key], en: "missing key \"\(key)\" in [term] (a date like 2026-09-01)",
                           zh: "[term] 缺少键 \"\(key)\"（日期，如 2026-09-01）", log: &log)
                return nil
            }
            if let d = value.date, let date = CivilDate(year: d.year, month: d.month, day: d.day) { return date }
            if let s = value.string, let date = CivilDate(iso: s) { return date }
            toml.error(["term", key], en: "term.\(key) \(describe(value)) is not a date like 2026-09-01",
                       zh: "term.\(key) \(describe(value)) 不是日期（应如 2026-09-01）", log: &log)
            return nil
        }
        let start = date("start"), end = date("end")
        guard let start, let end else { return nil }
        if end < start {
            toml.error(["term", "end"], en: "term.end \(quoted(end.iso)) is before term.start \(quoted(start.iso))",
                       zh: "学期结束 term.end \(quoted(end.iso)) 早于开始 term.start \(quoted(start.iso))", log: &log)
            return nil
        }
        let days = end.dayNumber - start.dayNumber + 1
        if days > maxTermDays {
            toml.error(["term", "end"], en: "the term \(termText(start, end)) is \(days) days long; at most \(maxTermDays) are allowed",
                       zh: "学期 \(termText(start, end)) 长 \(days) 天；至多允许 \(maxTermDays) 天", log: &log)
            return nil
        }
        return (start, end)
    }

    /// `[policy]`: every key optional, defaults as in `Policy`.
    static func readPolicy(_ table: TOMLTable, _ toml: TOMLSource, log: inout DiagnosticLog) -> Policy {
        var policy = Policy()
        toml.noteUnknownKeys(table, at: ["policy"], known: [
            "lessons_per_month", "max_per_week", "same_teacher", "use_free_periods", "free_period_cost",
            "displaceable", "month_minimum",
        ], log: &log)

        /// A whole number ≥ `minimum` and ≤ `maximum` (a larger one is a typo; a value near
        /// Int.max overflowed the solver's sums).
        func int(_ key: String, minimum: Int, maximum: Int) -> Int? {
            guard let value = table[key] else { return nil }
            if let i = value.int, i >= minimum {
                if i <= maximum { return i }
                toml.error(["policy", key], en: "policy.\(key) \(describe(value)) is more than \(maximum)",
                           zh: "policy.\(key) \(describe(value)) 大于 \(maximum)", log: &log)
                return nil
            }
            toml.error(["policy", key], en: "policy.\(key) \(describe(value)) is not a whole number ≥ \(minimum)",
                       zh: "policy.\(key) \(describe(value)) 不是 ≥ \(minimum) 的整数", log: &log)
            return nil
        }
        func bool(_ key: String) -> Bool? {
            guard let value = table[key] else { return nil }
            if let b = value.bool { return b }
            toml.error(["policy", key], en: "policy.\(key) \(describe(value)) is not true or false",
                       zh: "policy.\(key) \(describe(value)) 不是 true 或 false", log: &log)
            return nil
        }
        /// A cost: a finite number ≥ 0.
        func cost(_ value: TOMLValueConvertible, _ path: [String]) -> Double? {
            if let d = number(value), d.isFinite, d >= 0, d <= PackLimits.maxCost { return d }
            let name = path.joined(separator: ".")
            toml.error(path, en: "\(name) \(describe(value)) is not a number 0–1000000",
                       zh: "\(name) \(describe(value)) 不是 0 到 1000000 之间的数", log: &log)
            return nil
        }

        // 每班每月不少于N课时: the minimum for each class in each calendar month.
        if let v = int("lessons_per_month", minimum: 0, maximum: PackLimits.maxLessonsPerMonth) { policy.lessonsPerMonth = v }
        // At most this many lessons per class per ISO week; 0 would forbid every lesson.
        if let v = int("max_per_week", minimum: 1, maximum: PackLimits.maxLessonsPerWeek) { policy.maxPerWeek = v }
        if let v = bool("same_teacher") { policy.sameTeacher = v }
        if let v = bool("use_free_periods") { policy.useFreePeriods = v }
        if let value = table["free_period_cost"], let v = cost(value, ["policy", "free_period_cost"]) {
            policy.freePeriodCost = v
        }
        // [policy.displaceable]: subject → cost of replacing it.
        if let value = table["displaceable"] {
            if let subjects = value.table {
                for subject in subjects.keys.sorted() {
                    let path = ["policy", "displaceable", subject]
                    if subject.trimmed(of: " \t").isEmpty {
                        toml.error(path, en: "policy.displaceable has an empty subject name", zh: "policy.displaceable 中有空的科目名", log: &log)
                    } else if let v = subjects[subject], let c = cost(v, path) {
                        policy.displaceable[subject] = c
                    }
                }
            } else {
                toml.error(["policy", "displaceable"], en: "policy.displaceable must be a table of subject = cost",
                           zh: "policy.displaceable 必须是 科目 = 代价 的表", log: &log)
            }
        }
        // [policy.month_minimum]: "YYYY-MM" → minimum for that month, overriding lessons_per_month.
        if let value = table["month_minimum"] { policy.monthMinimum = readMonthMinimum(value, toml, log: &log) }
        return policy
    }

    /// `[policy.month_minimum]`: "YYYY-MM" = a whole number 0…maxLessonsPerMonth.
    static func readMonthMinimum(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> [String: Int] {
        guard let months = value.table else {
            toml.error(["policy", "month_minimum"], en: "policy.month_minimum must be a table of \"YYYY-MM\" = minimum",
                       zh: "policy.month_minimum 必须是 \"YYYY-MM\" = 最低课时 的表", log: &log)
            return [:]
        }
        var out: [String: Int] = [:]
        for month in months.keys.sorted() {
            let path = ["policy", "month_minimum", month]
            guard CivilDate(iso: month + "-01") != nil, let v = months[month] else {
                toml.error(path, en: "policy.month_minimum key \(quoted(month)) is not a month like \"2027-01\"",
                           zh: "policy.month_minimum 的键 \(quoted(month)) 不是月份（应如 \"2027-01\"）", log: &log)
                continue
            }
            if let i = v.int, i > PackLimits.maxLessonsPerMonth {
                toml.error(path, en: "policy.month_minimum.\(month) \(describe(v)) is more than \(PackLimits.maxLessonsPerMonth)",
                           zh: "policy.month_minimum.\(month) \(describe(v)) 大于 \(PackLimits.maxLessonsPerMonth)", log: &log)
            } else if let i = v.int, i >= 0 { out[month] = i } else {
                toml.error(path, en: "policy.month_minimum.\(month) \(describe(v)) is not a whole number ≥ 0",
                           zh: "policy.month_minimum.\(month) \(describe(v)) 不是 ≥ 0 的整数", log: &log)
            }
        }
        return out
    }

    /// `[preferences]` (a Xinyu extension): weights of the soft preferences, finite and ≥ 0.
    static func readPreferences(_ table: TOMLTable, _ toml: TOMLSource, log: inout DiagnosticLog) -> PreferenceWeights {
        var weights = PreferenceWeights()
        let keys: [(String, WritableKeyPath<PreferenceWeights, Double>)] = [
            ("displacement", \.displacement), ("rhythm", \.rhythm), ("spread", \.spread), ("load_balance", \.loadBalance),
        ]
        toml.noteUnknownKeys(table, at: ["preferences"], known: Set(keys.map(\.0)), log: &log)
        for (key, keyPath) in keys {
            guard let value = table[key] else { continue }
            if let d = number(value), d.isFinite, d >= 0, d <= PackLimits.maxCost { weights[keyPath: keyPath] = d } else {
                toml.error(["preferences", key], en: "preferences.\(key) \(describe(value)) is not a number 0–1000000",
                           zh: "preferences.\(key) \(describe(value)) 不是 0 到 1000000 之间的数", log: &log)
            }
        }
        return weights
    }
}
