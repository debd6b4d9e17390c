// district.toml `[staffing]` (a Xinyu extension): the district office's staffing rule and the loads
// it hires psychology teachers at. Read here, by the pack reader, so every tool sees one value.

import TOMLKit

/// district.toml `[staffing]`. Defaults follow common norms (docs/FORMAT.md): a full-time
/// psychology teacher commonly teaches 12–16 periods a week; a part-time one teaches a few periods
/// beside their main subject.
public struct StaffingSettings: Sendable, Hashable, Codable {
    /// One psychology teacher (full- plus part-time) per this many students.
    public var studentsPerParttime: Int = PolicyDefaults.studentsPerParttime
    /// Least weekly opening hours of a school's counseling room (心理辅导室).
    public var counselingMinHours: Double = PolicyDefaults.counselingMinHours
    /// The load a new or raised full-time (专职) teacher is given: periods a week and a day.
    public var fulltimeMaxPerWeek: Int = PolicyDefaults.fulltimeMaxPerWeek
    public var fulltimeMaxPerDay: Int = PolicyDefaults.fulltimeMaxPerDay
    /// The load of a part-time (兼职) teacher's psychology lessons: periods a week and a day.
    public var parttimeMaxPerWeek: Int = PolicyDefaults.parttimeMaxPerWeek
    public var parttimeMaxPerDay: Int = PolicyDefaults.parttimeMaxPerDay
    public init() {}

    /// The caps for a role (`full` or `part`), never above a school day's periods or a week's.
    public func caps(fulltime: Bool, periodsPerDay: Int, daysPerWeek: Int) -> (week: Int, day: Int) {
        let day = max(1, min(fulltime ? fulltimeMaxPerDay : parttimeMaxPerDay, periodsPerDay))
        let week = max(1, min(fulltime ? fulltimeMaxPerWeek : parttimeMaxPerWeek, day * daysPerWeek))
        return (week, day)
    }

    // Decoding tolerates files written before the load caps existed (shard.json of older runs).
    enum CodingKeys: String, CodingKey {
        case studentsPerParttime, counselingMinHours, fulltimeMaxPerWeek, fulltimeMaxPerDay, parttimeMaxPerWeek, parttimeMaxPerDay
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = StaffingSettings()
        studentsPerParttime = try c.decodeIfPresent(Int.self, forKey: .studentsPerParttime) ?? d.studentsPerParttime
        counselingMinHours = try c.decodeIfPresent(Double.self, forKey: .counselingMinHours) ?? d.counselingMinHours
        fulltimeMaxPerWeek = try c.decodeIfPresent(Int.self, forKey: .fulltimeMaxPerWeek) ?? d.fulltimeMaxPerWeek
        fulltimeMaxPerDay = try c.decodeIfPresent(Int.self, forKey: .fulltimeMaxPerDay) ?? d.fulltimeMaxPerDay
        parttimeMaxPerWeek = try c.decodeIfPresent(Int.self, forKey: .parttimeMaxPerWeek) ?? d.parttimeMaxPerWeek
        parttimeMaxPerDay = try c.decodeIfPresent(Int.self, forKey: .parttimeMaxPerDay) ?? d.parttimeMaxPerDay
    }
}

enum StaffingFile {
    /// The keys of `[staffing]` with their key paths and ranges (a value outside is a typo).
    /// Immutable after initialisation (key paths are not Sendable, hence nonisolated).
    nonisolated(unsafe) static let ints: [(String, WritableKeyPath<StaffingSettings, Int>, ClosedRange<Int>)] = [
        ("students_per_parttime", \.studentsPerParttime, 1...1_000_000),
        ("fulltime_max_per_week", \.fulltimeMaxPerWeek, 1...100),
        ("fulltime_max_per_day", \.fulltimeMaxPerDay, 1...20),
        ("parttime_max_per_week", \.parttimeMaxPerWeek, 1...100),
        ("parttime_max_per_day", \.parttimeMaxPerDay, 1...20),
    ]

    static func read(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> StaffingSettings {
        var s = StaffingSettings()
        guard let table = value.table else {
            toml.error(["staffing"], en: "staffing must be a table ([staffing])", zh: "staffing 必须是表（[staffing]）", log: &log)
            return s
        }
        toml.noteUnknownKeys(table, at: ["staffing"], known: Set(ints.map(\.0) + ["counseling_min_hours"]), log: &log)
        for (key, path, range) in ints {
            guard let v = table[key] else { continue }
            if let i = v.int, range.contains(i) { s[keyPath: path] = i } else {
                toml.error(["staffing", key], en: "staffing.\(key) \(describe(v)) is not a whole number \(rangeText(range))",
                           zh: "staffing.\(key) \(describe(v)) 不是 \(rangeText(range)) 的整数", log: &log)
            }
        }
        if let v = table["counseling_min_hours"] {
            if let x = number(v), x.isFinite, x >= 0, x <= 168 { s.counselingMinHours = x } else {
                toml.error(["staffing", "counseling_min_hours"], en: "staffing.counseling_min_hours \(describe(v)) is not a number of hours 0–168",
                           zh: "staffing.counseling_min_hours \(describe(v)) 不是 0–168 的小时数", log: &log)
            }
        }
        if s.fulltimeMaxPerDay > s.fulltimeMaxPerWeek {
            toml.error(["staffing", "fulltime_max_per_day"], en: "staffing.fulltime_max_per_day \(s.fulltimeMaxPerDay) is more than fulltime_max_per_week \(s.fulltimeMaxPerWeek)",
                       zh: "staffing.fulltime_max_per_day（每日上限 \(s.fulltimeMaxPerDay)）大于 fulltime_max_per_week（每周上限 \(s.fulltimeMaxPerWeek)）", log: &log)
        }
        if s.parttimeMaxPerDay > s.parttimeMaxPerWeek {
            toml.error(["staffing", "parttime_max_per_day"], en: "staffing.parttime_max_per_day \(s.parttimeMaxPerDay) is more than parttime_max_per_week \(s.parttimeMaxPerWeek)",
                       zh: "staffing.parttime_max_per_day（每日上限 \(s.parttimeMaxPerDay)）大于 parttime_max_per_week（每周上限 \(s.parttimeMaxPerWeek)）", log: &log)
        }
        return s
    }

    /// The `[staffing]` table as written by PackWriter (nothing when every value is the default).
    static func text(_ s: StaffingSettings) -> [String] {
        guard s != StaffingSettings() else { return [] }
        var lines = ["", "[staffing]"]
        for (key, path, _) in ints { lines.append("\(key) = \(s[keyPath: path])") }
        lines.append("counseling_min_hours = \(TOMLText.number(s.counselingMinHours))")
        return lines
    }
}
