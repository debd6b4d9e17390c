import Foundation
import XinyuMIP
import XinyuPack

// Counseling-room duty (心理咨询室值班): which psychology teacher keeps the room open in which
// window, so that each school's room opens its required hours and parent-friendly slots every
// teaching week. Planned after the lessons (the lessons make teachers busy), two small MIPs per
// group of schools sharing psychology teachers and per ISO week; checked by `DutyVerifier`.


/// A teaching week of a school whose counseling-room requirement is not met, and why.
public struct DutyShortWeek: Sendable, Hashable {
    public var school: String
    /// The Monday of the ISO week.
    public var week: CivilDate
    public var requiredMinutes: Int
    public var openMinutes: Int
    public var requiredParentSlots: Int
    public var parentSlots: Int
    public var reason: Text
    public init(school: String, week: CivilDate, requiredMinutes: Int, openMinutes: Int,
                requiredParentSlots: Int, parentSlots: Int, reason: Text) {
        self.school = school
        self.week = week
        self.requiredMinutes = requiredMinutes
        self.openMinutes = openMinutes
        self.requiredParentSlots = requiredParentSlots
        self.parentSlots = parentSlots
        self.reason = reason
    }
}

/// The duty of a district's counseling rooms for the term.
public struct DutyPlan: Sendable {
    /// Sorted (school, date, start, teacher).
    public var shifts: [DutyShift]
    /// Weeks whose required minutes or parent slots are not met, by school and week.
    public var shortWeeks: [DutyShortWeek]
    /// Whether every weekly model was solved to proven optimality: per week, the least shortfall,
    /// then the fewest opened minutes, then (for those openings) the smallest largest duty load.
    /// The balance across weeks is greedy: each week counts the teachers' duty minutes so far.
    public var optimal: Bool
    public init(shifts: [DutyShift], shortWeeks: [DutyShortWeek], optimal: Bool) {
        self.shifts = shifts
        self.shortWeeks = shortWeeks
        self.optimal = optimal
    }
}

