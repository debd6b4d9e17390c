// The district office's settings as the pack reader read them (one owner: XinyuPack reads
// district.toml `[staffing]` and each school.toml `[counseling_room]`); here only the record kept
// in shard.json and the report.

import XinyuPack

/// A school's counseling room as the district report shows it.
public struct CounselingRoom: Sendable, Hashable, Codable {
    /// Opening hours per week.
    public var hoursPerWeek: Double
    /// Opening windows (e.g. `"1-5:12:00-13:00"`, `"6:09:00-11:00 parents"`), as the pack reader normalised them.
    public var windows: [String]
    public init(hoursPerWeek: Double, windows: [String] = []) {
        self.hoursPerWeek = hoursPerWeek
        self.windows = windows
    }
}

/// What the district office uses from the pack beyond the schedule: staffing settings and rooms.
public struct OfficeSettings: Sendable, Hashable {
    public var staffing = StaffingSettings()
    /// School id → its counseling room (absent: the school declares none).
    public var rooms: [String: CounselingRoom] = [:]
    public init() {}

    /// The settings of a read pack: district.toml `[staffing]` and every school's `[counseling_room]`.
    public init(_ district: District) {
        staffing = district.staffing
        for s in district.schools {
            if let r = s.counselingRoom { rooms[s.id] = CounselingRoom(hoursPerWeek: r.hoursPerWeek, windows: r.windows.map(\.text)) }
        }
    }
}
