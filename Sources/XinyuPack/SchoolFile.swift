// school.toml: a school's name, stages, week length, day length and (optionally) bell times.

import TOMLKit

/// What school.toml says. A value that is invalid (already reported) is nil, so that the other
/// files of the school are checked without it instead of reporting follow-on errors.
struct SchoolSettings {
    var name = ""
    var stages: [Stage]?
    var daysPerWeek: Int? = PolicyDefaults.daysPerWeek
    var periodsPerDay: Int? = PolicyDefaults.periodsPerDay
    var periodTimes: [String] = []
    var counselingRoom: CounselingRoomPolicy?
    var activityRoom: ActivityRoomPolicy?
    var lectures: LecturePolicy?
}

enum SchoolFile {
    static let daysRange = 1...7
    /// More than 16 periods in a day is not a school day.
    static let periodsRange = 1...16

    static func read(root: String, folder: String, log: inout DiagnosticLog) -> SchoolSettings? {
        guard let toml = TOMLSource.read(root: root, folder + "/school.toml", log: &log) else { return nil }
        var settings = SchoolSettings()
        let table = toml.table
        toml.noteUnknownKeys(table, at: [], known: ["name", "stages", "days_per_week", "periods_per_day", "period_times",
                                                             "counseling_room", "activity_room", "lectures"], log: &log)

        // name: the school's name, a string.
        if let value = table["name"] {
            if let name = value.string, let problem = nameProblem(name) {
                toml.error(["name"], XinyuPack.problem(Bilingual(en: "name", zh: "校名"), name, problem), log: &log)
            } else if let name = value.string { settings.name = name } else {
                toml.error(["name"], en: "name \(describe(value)) must be a string", zh: "校名 name \(describe(value)) 必须是字符串", log: &log)
            }
        } else {
            toml.error(["name"], en: "missing key \"name\" (the school's name)", zh: "缺少键 \"name\"（校名）", log: &log)
        }

        // stages: a non-empty array of primary/junior/senior, each once.
        if let value = table["stages"] {
            if let array = value.array, !array.isEmpty {
                var stages: [Stage] = []
                var ok = true
                for element in array {
                    guard let name = element.string, let stage = Stage(rawValue: name) else {
                        toml.error(["stages"], en: "stage \(describe(element)) is not one of \(stageNames)",
                                   zh: "学段 \(describe(element)) 不是 \(stageNames) 之一", log: &log)
                        ok = false
                        continue
                    }
                    if stages.contains(stage) {
                        toml.error(["stages"], StageListProblem.duplicate(name).message, log: &log)
                        ok = false
                    }
                    stages.append(stage)
                }
                if ok { settings.stages = stages }
            } else {
                toml.error(["stages"], en: "stages \(describe(value)) must be a non-empty array such as [\"primary\"]",
                           zh: "学段 stages \(describe(value)) 必须是非空数组，如 [\"primary\"]", log: &log)
            }
        } else {
            toml.error(["stages"], en: "missing key \"stages\" (e.g. stages = [\"primary\"])", zh: "缺少键 \"stages\"（学段，如 stages = [\"primary\"]）", log: &log)
        }

        // days_per_week and periods_per_day (defaults in PolicyDefaults): small whole numbers.
        func count(_ key: String, _ range: ClosedRange<Int>, default defaultValue: Int) -> Int? {
            guard let value = table[key] else { return defaultValue }
            if let i = value.int, range.contains(i) { return i }
            toml.error([key], en: "\(key) \(describe(value)) is not \(rangeText(range))",
                       zh: "\(key) \(describe(value)) 不是 \(rangeText(range)) 之一", log: &log)
            return nil
        }
        settings.daysPerWeek = count("days_per_week", daysRange, default: PolicyDefaults.daysPerWeek)
        settings.periodsPerDay = count("periods_per_day", periodsRange, default: PolicyDefaults.periodsPerDay)

        // period_times (optional): one "HH:MM-HH:MM" per period, in order, not overlapping.
        if let value = table["period_times"] {
            settings.periodTimes = readPeriodTimes(value, periods: settings.periodsPerDay, toml, log: &log)
        }
        // The policy extras (docs/FORMAT.md): counseling-room duty, activity rooms, grade lectures.
        // A bad table is nil after its errors are logged (and the school is then refused).
        if let value = table["counseling_room"] {
            settings.counselingRoom = PolicyExtrasFile.counselingRoom(value, hasPeriodTimes: table["period_times"] != nil, toml, log: &log)
        }
        if let value = table["activity_room"] { settings.activityRoom = PolicyExtrasFile.activityRoom(value, toml, log: &log) }
        if let value = table["lectures"] { settings.lectures = PolicyExtrasFile.lectures(value, toml, log: &log) }
        return settings
    }

    static func readPeriodTimes(_ value: TOMLValueConvertible, periods: Int?, _ toml: TOMLSource,
                                log: inout DiagnosticLog) -> [String] {
        guard let array = value.array else {
            toml.error(["period_times"], en: "period_times must be an array such as [\"08:00-08:40\", \"08:50-09:30\"]",
                       zh: "作息时间 period_times 必须是数组，如 [\"08:00-08:40\", \"08:50-09:30\"]", log: &log)
            return []
        }
        var times: [String] = []
        var previousEnd = -1
        var ok = true
        for (index, element) in array.enumerated() {
            guard let text = element.string, let (start, end) = timeRange(text) else {
                toml.error(["period_times"], en: "period_times entry \(describe(element)) is not a time range like \"08:00-08:40\"",
                           zh: "period_times 的一项 \(describe(element)) 不是时间段（应如 \"08:00-08:40\"）", log: &log)
                ok = false
                continue
            }
            if start >= end {
                toml.error(["period_times"], en: "period_times entry \(quoted(text)) ends before it starts",
                           zh: "period_times 的一项 \(quoted(text)) 结束早于开始", log: &log)
                ok = false
            } else if start < previousEnd {
                toml.error(["period_times"], en: "period_times entry \(quoted(text)) (period \(index + 1)) starts before the previous period ends",
                           zh: "period_times 的一项 \(quoted(text))（第 \(index + 1) 节）在上一节结束前开始", log: &log)
                ok = false
            }
            previousEnd = end
            times.append(text)
        }
        if let periods, array.count != periods {
            toml.error(["period_times"], en: "period_times has \(array.count) entries but periods_per_day is \(periods)",
                       zh: "period_times 有 \(array.count) 项，而每天节数 periods_per_day 为 \(periods)", log: &log)
            ok = false
        }
        return ok ? times : []
    }

    /// "08:00-08:40" → minutes since midnight of the start and the end.
    static func timeRange(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = clockTime(parts[0]), let end = clockTime(parts[1]) else { return nil }
        return (start, end)
    }

    /// "08:40" → 520. Exactly HH:MM.
    static func clockTime(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
        return h * 60 + m
    }
}
