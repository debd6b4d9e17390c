import XinyuPack

/// A group of schools that must be planned together: they share at least one teacher
/// (teacher ids are district-wide). Everything the formulation needs, indexed.
public struct Instance: Sendable {
    /// A class of one of the schools.
    public struct ClassInfo: Sendable {
        public var school: String
        public var id: String
        public var stage: Stage
        public var grade: Int
        /// Index into `months` → the month's minimum for this class (nil: no school day that month).
        public var minimum: [Int?]
        /// Candidate slots, in (day, period) order.
        public var candidates: [Candidate]
        /// Grade lectures this class has in each month (already counted out of `minimum`) and in
        /// each ISO week (index → count; they use up `max_per_week`).
        public var lecturesInMonth: [Int] = []
        public var lecturesInWeek: [Int: Int] = [:]
    }

    /// A psychology teacher who may teach in this group.
    public struct TeacherInfo: Sendable {
        public var id: String
        public var name: String
        public var role: PsychRole
        public var stages: [Stage]
        public var maxPerDay: Int?
        public var maxPerWeek: Int?
        /// Schools whose teachers.csv lists this teacher.
        public var schools: [String]
        /// Grade lectures the teacher gives on each day and ISO week (indices): they count
        /// against max_per_day and max_per_week.
        public var lecturesOnDay: [Int: Int] = [:]
        public var lecturesInWeek: [Int: Int] = [:]
    }

    /// A lesson day of the group (a school day without exams of at least one school).
    public struct Day: Sendable {
        public var date: CivilDate
        public var timetableWeekday: Int
        public var teachingWeek: Int
        public var month: Int
        public var isoWeek: Int
    }

    /// One way to staff a candidate slot.
    public struct Option: Sendable, Hashable {
        public var teacher: Int
        /// Other classes whose timetable row at this time names the teacher (a displaceable row):
        /// the teacher is free only if each of them has a mental-health lesson at this time too.
        public var requires: [Int]
    }

    /// A (date, period) at which a class may have a lesson: a displaceable or free period.
    public struct Candidate: Sendable {
        public var day: Int
        public var period: Int
        /// Displacement cost of the period (subject cost or free-period cost).
        public var cost: Double
        /// The replaced subject; empty for a free period.
        public var replaces: String
        public var options: [Option]
    }

    public var schools: [String]
    public var months: [String]
    /// Mondays of the ISO weeks, in order.
    public var isoWeeks: [CivilDate]
    public var days: [Day]
    public var classes: [ClassInfo]
    public var teachers: [TeacherInfo]
    public var policy: Policy
    public var preferences: PreferenceWeights
    public var periodsPerDay: Int
    /// First day of the term (teaching week 1 holds it).
    public var termStart: CivilDate

    /// Total required lessons (sum of all minimums).
    public var required: Int {
        classes.reduce(0) { $0 + $1.minimum.reduce(0) { $0 + ($1 ?? 0) } }
    }

    /// Lessons class `ci` may still have in ISO week `w` (max_per_week less its lectures).
    public func classWeekCap(_ ci: Int, _ w: Int) -> Int {
        max(0, policy.maxPerWeek - (classes[ci].lecturesInWeek[w] ?? 0))
    }
    /// Lessons teacher `t` may still give on day `d` (nil: no limit).
    public func teacherDayCap(_ t: Int, _ d: Int) -> Int? {
        teachers[t].maxPerDay.map { max(0, $0 - (teachers[t].lecturesOnDay[d] ?? 0)) }
    }
    /// Lessons teacher `t` may still give in ISO week `w` (nil: no limit).
    public func teacherWeekCap(_ t: Int, _ w: Int) -> Int? {
        teachers[t].maxPerWeek.map { max(0, $0 - (teachers[t].lecturesInWeek[w] ?? 0)) }
    }

    /// Index of each class by (school, class id).
    public func classIndex(school: String, id: String) -> Int? {
        classes.firstIndex { $0.school == school && $0.id == id }
    }
}

/// Splits a district into groups of schools linked by a shared teacher id, in school order.
public func schoolGroups(_ district: District) -> [[School]] {
    var sets = UnionFind(count: district.schools.count)
    var owner: [String: Int] = [:]
    for (i, s) in district.schools.enumerated() {
        for t in s.teachers {
            if let j = owner[t.id] { sets.union(i, j) } else { owner[t.id] = i }
        }
    }
    var groups: [Int: [School]] = [:]
    var order: [Int] = []
    for (i, s) in district.schools.enumerated() {
        let r = sets.find(i)
        if groups[r] == nil { order.append(r) }
        groups[r, default: []].append(s)
    }
    return order.compactMap { groups[$0] }
}

extension Instance {
    /// Builds the instance of a group of schools of `district` (no deadline: always ends).
    public init(district: District, schools group: [School]) {
        self.init(district: district, schools: group, check: { () throws(Never) in })
    }

    /// Builds the instance of a group, checking `deadline` once per class: a build still running
    /// when it has passed stops with `TimeLimitReached` (nothing of it is kept).
    public init(district: District, schools group: [School], deadline: BuildDeadline) throws(TimeLimitReached) {
        let stopAt = deadline.stopTime()
        let name = group.map(\.id).joined(separator: "+")
        try self.init(district: district, schools: group, check: { () throws(TimeLimitReached) in
            if BuildDeadline.now() > stopAt { throw TimeLimitReached(stage: .building(schools: name)) }
        })
    }

    /// The build, step by step (InstanceBuild.swift); `check` is called once per class.
    init<E: Error>(district: District, schools group: [School], check: () throws(E) -> Void) throws(E) {
        var b = InstanceBuilder(district: district, group: group)
        b.indexDays()
        b.indexTeachers()
        b.indexClasses()
        b.collectUnavailability()
        b.indexTeacherRows()
        var classList: [ClassInfo] = []
        for si in group.indices {
            try b.addClasses(ofSchool: si, to: &classList, check: check)
        }
        try InstanceBuilder.dropUnusableOptions(&classList, check: check)
        schools = group.map(\.id)
        termStart = district.termStart
        policy = district.policy
        preferences = district.preferences
        periodsPerDay = group.map(\.periodsPerDay).max() ?? 0
        months = b.months
        isoWeeks = b.isoWeeks
        days = b.days
        teachers = b.teachers
        classes = classList
    }
}
