// Every default of a pack's rules, stated once. docs/FORMAT.md (district.toml, `[staffing]`,
// school.toml, teachers.csv) and docs/IMPORT.md state the same values, and
// Tests/XinyuPackTests/PolicyDefaultsTests.swift reads those pages and checks them against this
// file, so the documentation cannot drift from the code.

/// The values a pack gets for a key it leaves out. `Policy`, `PreferenceWeights`,
/// `StaffingSettings` and school.toml's reader start from these; the importer and the sample
/// generator start from `Policy()` and set only what they choose differently; the planner takes a
/// teacher's weekly capacity from `weeklyCapacity`.
public enum PolicyDefaults {
    // district.toml [policy]
    /// `lessons_per_month`: the minimum per class and calendar month (每班每月不少于2课时).
    public static let lessonsPerMonth = 2
    /// `max_per_week`: lessons per class per ISO week.
    public static let maxPerWeek = 1
    /// `same_teacher`: one psychology teacher per class for the term.
    public static let sameTeacher = true
    /// `use_free_periods`: a period with no timetable row may take a lesson.
    public static let useFreePeriods = true
    /// `free_period_cost`: the displacement cost of a free period.
    public static let freePeriodCost = 0.0

    // district.toml [preferences]
    public static let displacementWeight = 1.0
    public static let rhythmWeight = 2.0
    public static let spreadWeight = 1.0
    public static let loadBalanceWeight = 1.0

    // district.toml [staffing]
    /// `students_per_parttime`: one psychology teacher (full- plus part-time) per this many students.
    public static let studentsPerParttime = 600
    /// `counseling_min_hours`: least weekly opening hours of a counseling room.
    public static let counselingMinHours = 8.0
    /// `fulltime_max_per_week` / `_per_day`: the load of a full-time (专职) teacher the advice hires.
    public static let fulltimeMaxPerWeek = 14
    public static let fulltimeMaxPerDay = 4
    /// `parttime_max_per_week` / `_per_day`: a part-time (兼职) teacher's psychology periods.
    public static let parttimeMaxPerWeek = 6
    public static let parttimeMaxPerDay = 2

    // school.toml
    public static let daysPerWeek = 5
    public static let periodsPerDay = 8

    // teachers.csv
    /// Days in the week a teacher's capacity is counted over when `max_per_week` is empty.
    public static let capacityDays = 5
    /// A teacher's weekly capacity for load balance: `max_per_week`, or every period of
    /// `capacityDays` days when it is empty (docs/FORMAT.md, load_balance).
    public static func weeklyCapacity(maxPerWeek: Int?, periodsPerDay: Int) -> Int {
        maxPerWeek ?? periodsPerDay * capacityDays
    }

    // xinyu import
    /// The subjects an imported pack's policy may displace, with their costs (`--displaceable`).
    /// A district.toml without `[policy.displaceable]` displaces nothing.
    public static let importDisplaceable: [String: Double] = ["班会": 3, "地方课程": 1, "校本课程": 1]
}
