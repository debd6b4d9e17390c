// The district pack as the scheduler sees it: a district, its term and policy, its schools
// with their classes, weekly timetables and teachers. See docs/FORMAT.md and the contract
// ../shared/spec/district-pack.md.

/// A school stage (学段).
public enum Stage: String, CaseIterable, Sendable, Hashable, Comparable {
    case primary, junior, senior
    public var chinese: String {
        switch self {
        case .primary: return "小学"
        case .junior: return "初中"
        case .senior: return "高中"
        }
    }
    public static func < (a: Stage, b: Stage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Whether a teacher teaches mental-health lessons: 专职 (full), 兼职 (part) or not at all.
public enum PsychRole: String, CaseIterable, Sendable, Hashable {
    case full, part, none
    public var teaches: Bool { self != .none }
}

/// Which teaching weeks a timetable row applies to (单双周).
public enum WeekParity: String, CaseIterable, Sendable, Hashable {
    case all, odd, even
    /// Whether the row applies in teaching week `week` (1-based).
    public func applies(toWeek week: Int) -> Bool {
        switch self {
        case .all: return true
        case .odd: return week % 2 == 1
        case .even: return week % 2 == 0
        }
    }
}

/// A calendar date without time or zone (the school's local date).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (3 from Monday = 0)
        return (w < 0 ? w + 7 : w) + 1
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The Monday of this date's ISO week.
    public var weekMonday: CivilDate { adding(days: 1 - weekday) }

    /// `YYYY-MM`.
    public var monthKey: String { pad(year, 4) + "-" + pad(month, 2) }
    public var iso: String { monthKey + "-" + pad(day, 2) }
    public var description: String { iso }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// Zero-padded decimal: `pad(7, 2)` = "07".
@inline(__always) func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

/// The kind of a calendar.csv row.
public enum CalendarKind: String, CaseIterable, Sendable, Hashable {
    /// 法定节假日: no school.
    case holiday
    /// A district or province closure (e.g. 冰雪假期): no school.
    case closure
    /// A school day with no mental-health lessons (exams).
    case exam
    /// 调休: a weekend day that is a school day, running another weekday's timetable.
    case makeup
    /// A district training day for psychology teachers (a Xinyu extension): a school day, but no
    /// psychology teacher teaches or takes duty.
    case training
}

/// One row of calendar.csv.
public struct CalendarEntry: Sendable, Hashable {
    public var date: CivilDate
    public var kind: CalendarKind
    /// For `makeup`: the weekday (1–7) whose timetable runs that day.
    public var followsWeekday: Int?
    public var note: String
    public init(date: CivilDate, kind: CalendarKind, followsWeekday: Int? = nil, note: String = "") {
        self.date = date
        self.kind = kind
        self.followsWeekday = followsWeekday
        self.note = note
    }
}

/// The named soft preferences and their weights (district.toml `[preferences]`, a Xinyu extension).
/// Each is documented in docs/FORMAT.md; the report shows what each cost.
public struct PreferenceWeights: Sendable, Hashable {
    /// Per unit of displacement cost (the `policy.displaceable` cost of each replaced subject,
    /// `free_period_cost` for a free period).
    public var displacement: Double = PolicyDefaults.displacementWeight
    /// Per lesson not in its class's regular slot (same weekday and period all term).
    public var rhythm: Double = PolicyDefaults.rhythmWeight
    /// Per lesson of a class that comes within 7 days of another of its lessons (counted once
    /// for each day of overlap of their 7-day windows, so closer is dearer).
    public var spread: Double = PolicyDefaults.spreadWeight
    /// Per lesson a teacher gives above their fair share (by weekly capacity) of the term.
    public var loadBalance: Double = PolicyDefaults.loadBalanceWeight
    public init() {}
}

/// The district's policy (district.toml `[policy]`); a key left out takes `PolicyDefaults`.
public struct Policy: Sendable, Hashable {
    public var lessonsPerMonth: Int = PolicyDefaults.lessonsPerMonth
    public var maxPerWeek: Int = PolicyDefaults.maxPerWeek
    public var sameTeacher: Bool = PolicyDefaults.sameTeacher
    public var useFreePeriods: Bool = PolicyDefaults.useFreePeriods
    public var freePeriodCost: Double = PolicyDefaults.freePeriodCost
    /// Subject → displacement cost (higher = less preferred).
    public var displaceable: [String: Double] = [:]
    /// `YYYY-MM` → minimum for that month, overriding `lessonsPerMonth`.
    public var monthMinimum: [String: Int] = [:]
    public init() {}

    /// The minimum number of lessons per class in a calendar month.
    public func minimum(forMonth key: String) -> Int { monthMinimum[key] ?? lessonsPerMonth }
}

public struct SchoolClass: Sendable, Hashable {
    public var id: String
    public var grade: Int
    public var stage: Stage
    public var students: Int?
    public init(id: String, grade: Int, stage: Stage, students: Int? = nil) {
        self.id = id
        self.grade = grade
        self.stage = stage
        self.students = students
    }
}

/// One row of the weekly timetable already in force.
public struct TimetableRow: Sendable, Hashable {
    public var classID: String
    public var weekday: Int
    public var period: Int
    public var subject: String
    public var teachers: [String]
    public var weeks: WeekParity
    /// Line in timetable.csv (for messages); 0 when built in code.
    public var line: Int
    public init(classID: String, weekday: Int, period: Int, subject: String, teachers: [String],
                weeks: WeekParity = .all, line: Int = 0) {
        self.classID = classID
        self.weekday = weekday
        self.period = period
        self.subject = subject
        self.teachers = teachers
        self.weeks = weeks
        self.line = line
    }
}

public struct Teacher: Sendable, Hashable {
    public var id: String
    public var name: String
    public var psych: PsychRole
    public var stages: [Stage]
    public var maxPerDay: Int?
    public var maxPerWeek: Int?
    public init(id: String, name: String = "", psych: PsychRole = .none, stages: [Stage] = [],
                maxPerDay: Int? = nil, maxPerWeek: Int? = nil) {
        self.id = id
        self.name = name
        self.psych = psych
        self.stages = stages
        self.maxPerDay = maxPerDay
        self.maxPerWeek = maxPerWeek
    }
    /// Whether this teacher may give mental-health lessons to a class of `stage`.
    public func canTeach(_ stage: Stage) -> Bool { psych.teaches && stages.contains(stage) }
}

/// One row of unavailable.csv.
public struct Unavailability: Sendable, Hashable {
    public enum When: Sendable, Hashable {
        case date(CivilDate)
        case weekday(Int)
    }
    public var teacher: String
    public var when: When
    /// Periods affected; nil = the whole day.
    public var periods: Set<Int>?
    public var reason: String
    /// A training day (unavailable.csv `kind` = `training`, a Xinyu extension), counted in the report.
    public var training: Bool
    public init(teacher: String, when: When, periods: Set<Int>? = nil, reason: String = "", training: Bool = false) {
        self.teacher = teacher
        self.when = when
        self.periods = periods
        self.reason = reason
        self.training = training
    }
    public func covers(period: Int) -> Bool { periods?.contains(period) ?? true }
}

public struct School: Sendable, Hashable {
    public var id: String
    public var name: String
    public var stages: [Stage]
    public var daysPerWeek: Int
    public var periodsPerDay: Int
    public var classes: [SchoolClass]
    public var timetable: [TimetableRow]
    public var teachers: [Teacher]
    public var unavailable: [Unavailability]
    /// The bell schedule from school.toml `period_times` (`"08:00-08:40"`, one per period), or empty
    /// when the school did not give one. For display only.
    public var periodTimes: [String]
    /// school.toml `[counseling_room]`, `[activity_room]`, `[lectures]` (Xinyu extensions; nil: none).
    public var counselingRoom: CounselingRoomPolicy?
    public var activityRoom: ActivityRoomPolicy?
    public var lectures: LecturePolicy?
    /// pinned.csv (a Xinyu extension): lessons the dean fixed and places kept free of lessons.
    public var pins: [Pin] = []
    public init(id: String, name: String, stages: [Stage], daysPerWeek: Int = PolicyDefaults.daysPerWeek,
                periodsPerDay: Int = PolicyDefaults.periodsPerDay,
                classes: [SchoolClass] = [], timetable: [TimetableRow] = [], teachers: [Teacher] = [],
                unavailable: [Unavailability] = [], periodTimes: [String] = [],
                counselingRoom: CounselingRoomPolicy? = nil, activityRoom: ActivityRoomPolicy? = nil,
                lectures: LecturePolicy? = nil) {
        self.counselingRoom = counselingRoom
        self.activityRoom = activityRoom
        self.lectures = lectures
        self.id = id
        self.name = name
        self.stages = stages
        self.daysPerWeek = daysPerWeek
        self.periodsPerDay = periodsPerDay
        self.classes = classes
        self.timetable = timetable
        self.teachers = teachers
        self.unavailable = unavailable
        self.periodTimes = periodTimes
    }
    public func teacher(_ id: String) -> Teacher? { teachers.first { $0.id == id } }
    public var psychTeachers: [Teacher] { teachers.filter { $0.psych.teaches } }
    /// Minutes after midnight of each period's start and end (empty without `period_times`).
    public var periodMinutes: [(start: Int, end: Int)] {
        periodTimes.compactMap { SchoolFile.timeRange($0) }.map { (start: $0.0, end: $0.1) }
    }
}

public struct District: Sendable, Hashable {
    public var name: String
    public var termStart: CivilDate
    public var termEnd: CivilDate
    public var policy: Policy
    public var preferences: PreferenceWeights
    public var calendar: [CalendarEntry]
    /// Schools in id order.
    public var schools: [School]
    /// district.toml `[topics]` (a Xinyu extension): the topic plan per stage and grade.
    public var topics: TopicPlan
    /// district.toml `[staffing]` (a Xinyu extension): the staffing rule and the loads new teachers are hired at.
    public var staffing = StaffingSettings()
    public init(name: String, termStart: CivilDate, termEnd: CivilDate, policy: Policy = Policy(),
                preferences: PreferenceWeights = PreferenceWeights(), calendar: [CalendarEntry] = [],
                schools: [School] = [], topics: TopicPlan = TopicPlan()) {
        self.topics = topics
        self.name = name
        self.termStart = termStart
        self.termEnd = termEnd
        self.policy = policy
        self.preferences = preferences
        self.calendar = calendar
        self.schools = schools
    }
    public func school(_ id: String) -> School? { schools.first { $0.id == id } }
}

/// Where a message points: a file of the pack (relative path), a line, a field.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?
    public init(file: String, line: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
    }
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        return s
    }
}

/// An error or note about the pack, e.g. `schools/S03/timetable.csv:41: weekday "8" is not 1–5 / 星期 "8" 不在 1–5 之内`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, note }
    public var severity: Severity
    public var location: SourceLocation
    /// The message in both languages.
    public var text: Bilingual
    public init(_ severity: Severity, _ location: SourceLocation, _ text: Bilingual) {
        self.severity = severity
        self.location = location
        self.text = text
    }
    /// The message, English / Chinese.
    public var message: String { text.description }
    /// `file:line: message` in both languages.
    public var description: String { description(.both) }
    /// `file:line: message` in one language (or both); a note says so.
    public func description(_ language: Bilingual.Language) -> String {
        let note = Bilingual(en: "note: ", zh: "提示：").text(language == .both ? .en : language)
        return "\(location): \(severity == .note ? note : "")\(text.text(language))"
    }
}

/// A pack that failed validation: every error found, in file and line order.
public struct PackError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
