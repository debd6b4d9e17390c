// District-office settings that XinyuPack's reader does not know (it ignores unknown tables with a
// note): district.toml `[staffing]` and each school.toml `[counseling_room]`. Read here with TOMLKit.

import Foundation
import TOMLKit
import XinyuPack

/// district.toml `[staffing]` (a Xinyu extension, docs/FORMAT.md).
public struct StaffingSettings: Sendable, Hashable, Codable {
    /// One part-time psychology teacher (兼职) per this many students (default 600).
    public var studentsPerParttime: Int = 600
    /// Least weekly opening hours of a school's counseling room (心理辅导室), default 8.
    public var counselingMinHours: Double = 8
    public init() {}
}

/// school.toml `[counseling_room]`: the school's counseling room, if it declares one.
public struct CounselingRoom: Sendable, Hashable, Codable {
    /// Opening hours per week.
    public var hoursPerWeek: Double
    /// Opening windows (e.g. `"1-5:12:00-13:00"`, `"6:09:00-11:00 parents"`), as written.
    public var windows: [String]
    public init(hoursPerWeek: Double, windows: [String] = []) {
        self.hoursPerWeek = hoursPerWeek
        self.windows = windows
    }
}

/// What the district office reads beyond the pack: staffing settings and counseling rooms.
public struct OfficeSettings: Sendable, Hashable {
    public var staffing = StaffingSettings()
    /// School id → its counseling room (absent: the school declares none).
    public var rooms: [String: CounselingRoom] = [:]
    public init() {}

    /// Reads `PACK/district.toml` `[staffing]` and every `PACK/schools/<id>/school.toml`
    /// `[counseling_room]`. Errors are `file: message` lines (bad values are refused, not guessed).
    public static func read(pack: String, schools: [String]) throws(OfficeSettingsError) -> OfficeSettings {
        var out = OfficeSettings()
        var errors: [String] = []
        if let table = parse(pack + "/district.toml", file: "district.toml", errors: &errors),
           let staffing = table["staffing"] {
            if let t = staffing.table {
                if let v = t["students_per_parttime"] {
                    if let i = v.int, i >= 1 { out.staffing.studentsPerParttime = i } else {
                        errors.append("district.toml: staffing.students_per_parttime must be a whole number ≥ 1 / 必须为不小于1的整数")
                    }
                }
                if let v = t["counseling_min_hours"] {
                    if let x = number(v), x >= 0, x <= 168 { out.staffing.counselingMinHours = x } else {
                        errors.append("district.toml: staffing.counseling_min_hours must be a number of hours 0–168 / 必须为0–168的小时数")
                    }
                }
            } else {
                errors.append("district.toml: staffing must be a table / staffing 必须是表")
            }
        }
        for id in schools {
            let file = "schools/\(id)/school.toml"
            guard let table = parse(pack + "/" + file, file: file, errors: &errors), let room = table["counseling_room"] else { continue }
            guard let t = room.table else { errors.append("\(file): counseling_room must be a table / counseling_room 必须是表"); continue }
            guard let hv = t["hours_per_week"], let hours = number(hv), hours >= 0, hours <= 168 else {
                errors.append("\(file): counseling_room.hours_per_week must be a number of hours 0–168 / 必须为0–168的小时数"); continue
            }
            var windows: [String] = []
            if let w = t["windows"] {
                guard let array = w.array else { errors.append("\(file): counseling_room.windows must be a list of strings / 必须为字符串列表"); continue }
                for e in array {
                    guard let s = e.string, validWindow(s) else {
                        errors.append("\(file): counseling_room.windows entry \(e.debugDescription) is not like \"1-5:12:10-13:00\" or \"6:09:00-11:00 parents\" / 格式应为 \"星期:HH:MM-HH:MM [students|parents|all]\""); continue
                    }
                    windows.append(s)
                }
            }
            out.rooms[id] = CounselingRoom(hoursPerWeek: hours, windows: windows)
        }
        if !errors.isEmpty { throw OfficeSettingsError(messages: errors) }
        return out
    }

    private static func parse(_ path: String, file: String, errors: inout [String]) -> TOMLTable? {
        guard let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do { return try TOMLTable(string: text) } catch {
            errors.append("\(file): cannot be parsed as TOML: \(error)")
            return nil
        }
    }

    private static func number(_ v: TOMLValueConvertible) -> Double? {
        if let i = v.int { return Double(i) }
        if let d = v.double, d.isFinite { return d }
        return nil
    }

    /// `"1:12:00-13:00"`: weekday 1–7, then a time range with start before end.
    /// (The pack's reader checks the windows in full; this is the same syntax, `DutyWindow.parse`.)
    static func validWindow(_ s: String) -> Bool { DutyWindow.parse(s) != nil }

}

/// Bad values in `[staffing]` or `[counseling_room]`.
public struct OfficeSettingsError: Error, Sendable, CustomStringConvertible {
    public var messages: [String]
    public var description: String { messages.joined(separator: "\n") }
}
