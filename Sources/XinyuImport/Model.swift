// What every importer produces before the pack is assembled: the source's own grid (named days
// and periods), its classes and teachers by their source ids, and one `SourceLesson` per class
// and period the source's timetable fills, plus every item it did not turn into lessons and why.
// PackAssembly turns this into a District (ids checked, stages detected, rows merged).

import XinyuPack

/// The formats `xinyu import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    case fet, xhstt, grid
}

/// One period of one class that the source's timetable fills.
public struct SourceLesson: Sendable, Hashable {
    /// The class's source id (a FET group or year, an XHSTT Class resource, a grid block's name).
    public var classID: String
    /// 1 … days per week, in the source's own day order.
    public var weekday: Int
    /// 1 … periods per day.
    public var period: Int
    /// 0 = every week; 1 = week A (odd teaching weeks); 2 = week B (even teaching weeks).
    public var week: Int
    public var subject: String
    /// Teacher source ids, in the source's order.
    public var teachers: [String]
    /// The part of the class the lesson is for (FET subgroups); nil = the whole class.
    /// Lessons of one class at one time clash unless their parts are given and disjoint.
    public var part: Set<String>?
    /// The source item, for messages: "activity 12", "event T1-S1", "line 7".
    public var origin: String
    public init(classID: String, weekday: Int, period: Int, week: Int = 0, subject: String, teachers: [String],
                part: Set<String>? = nil, origin: String) {
        self.classID = classID
        self.weekday = weekday
        self.period = period
        self.week = week
        self.subject = subject
        self.teachers = teachers
        self.part = part
        self.origin = origin
    }
}

/// A class as the source names it.
public struct SourceClass: Sendable, Hashable {
    public var id: String
    /// Names to look for a grade in, best first (the class's own name, then e.g. its FET year).
    public var stageHints: [String]
    public var students: Int?
    public init(id: String, stageHints: [String] = [], students: Int? = nil) {
        self.id = id
        self.stageHints = stageHints
        self.students = students
    }
}

/// Why an item of the source is not in timetable.csv.
public enum SkipReason: String, Sendable, Hashable, CaseIterable {
    /// FET `<Active>false</Active>`: not a lesson.
    case inactive
    /// No time in the solution (XHSTT event without a Time, FET activity without a locked time).
    case noTime = "no time"
    /// The lesson runs past the last period of its day, or its day or period is not in the grid.
    case outsideGrid = "outside the grid"
    /// A lesson for no class (a FET activity without students, an XHSTT event without a class).
    case noClass = "no class"
    /// An empty or unreadable cell or line.
    case unreadable

    public var chinese: String {
        switch self {
        case .inactive: return "未启用"
        case .noTime: return "无时间"
        case .outsideGrid: return "超出课表"
        case .noClass: return "无班级"
        case .unreadable: return "无法读取"
        }
    }
}

public struct SkippedItem: Sendable, Hashable, CustomStringConvertible {
    public var reason: SkipReason
    /// The source item ("activity 12").
    public var item: String
    /// Lesson-periods (class × period) lost, when known: a skipped activity of duration 2 for one
    /// class counts 2; 0 when there is no class to count.
    public var periods: Int
    public var detail: String
    public init(_ reason: SkipReason, _ item: String, periods: Int = 0, _ detail: String = "") {
        self.reason = reason
        self.item = item
        self.periods = periods
        self.detail = detail
    }
    public var description: String {
        "\(item): \(reason.rawValue) \(reason.chinese)" + (detail.isEmpty ? "" : " (\(detail))")
    }
}

/// Everything an importer read from its files.
public struct ImportSource: Sendable {
    public var format: ImportFormat
    /// The files read, as given.
    public var files: [String]
    /// A name for the school (FET Institution_Name, XHSTT instance name, the grid file's name).
    public var schoolName: String
    /// A default school id (from the file name).
    public var defaultSchoolID: String
    /// The source's day names, in order: weekday 1 is the first.
    public var dayNames: [String]
    /// The source's period names, in order: period 1 is the first.
    public var periodNames: [String]
    /// True when the source has a two-week cycle (lessons carry week 1 or 2).
    public var twoWeek: Bool = false
    public var classes: [SourceClass] = []
    /// Teacher source ids, in source order (every teacher of the source, busy or not).
    public var teachers: [String] = []
    /// Teacher id → a display name, when the source has one distinct from the id.
    public var teacherNames: [String: String] = [:]
    public var lessons: [SourceLesson] = []
    public var skipped: [SkippedItem] = []
    /// Notes about the mapping (how weeks, students, subjects were read).
    public var notes: [String] = []
    /// Timed source items (activities, solution events, cells) that became lessons.
    public var itemsPlaced = 0
    /// The bell schedule read from the source (one "HH:MM-HH:MM" per period), or empty.
    public var periodTimes: [String] = []
    /// Things the user should look at that do not stop the import (unknown grid cells).
    public var warnings: [String] = []
    /// Grids: how every non-empty cell was used (GridAccounting.lines).
    public var cellAccounting: [String] = []

    public init(format: ImportFormat, files: [String], schoolName: String, defaultSchoolID: String,
                dayNames: [String], periodNames: [String]) {
        self.format = format
        self.files = files
        self.schoolName = schoolName
        self.defaultSchoolID = defaultSchoolID
        self.dayNames = dayNames
        self.periodNames = periodNames
    }
}

/// An import that cannot go on. `usage` is a bad command line (exit 64); `invalidInput` a bad or
/// foreign file (exit 65). The message names the file and the element or line.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case usage, invalidInput }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public static func input(_ file: String, _ message: String) -> ImportError {
        ImportError(.invalidInput, "\(file): \(message)")
    }
    public static func usage(_ message: String) -> ImportError { ImportError(.usage, message) }
    public var description: String { message }
}

/// A psychology role given on the command line: `--psych ID=full|part[:stages]`.
public struct PsychAssignment: Sendable, Hashable {
    public var teacher: String
    public var role: PsychRole
    /// Empty: every stage of the school.
    public var stages: [Stage]
    public init(teacher: String, role: PsychRole, stages: [Stage] = []) {
        self.teacher = teacher
        self.role = role
        self.stages = stages
    }

    /// Parses `ID=full`, `ID=part:junior;senior` (stages joined by `;` or `+`).
    public static func parse(_ text: String) throws(ImportError) -> PsychAssignment {
        guard let eq = text.lastIndex(of: "=") else {
            throw .usage("\(text): expected TEACHER=full|part[:stages] / 格式应为 教师=full|part[:学段]")
        }
        let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: eq)...]
        let parts = rest.split(separator: ":", maxSplits: 1).map(String.init)
        guard !name.isEmpty, let first = parts.first, let role = PsychRole(rawValue: first.lowercased()), role != .none else {
            throw .usage("\(text): expected TEACHER=full|part[:stages] / 格式应为 教师=full|part[:学段]")
        }
        var stages: [Stage] = []
        if parts.count == 2 {
            for s in parts[1].split(whereSeparator: { $0 == ";" || $0 == "+" || $0 == "," }) {
                guard let stage = Stage(rawValue: s.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw .usage("\(text): stage \"\(s)\" is not primary, junior or senior / 学段须为 primary、junior、senior")
                }
                if !stages.contains(stage) { stages.append(stage) }
            }
        }
        return PsychAssignment(teacher: name, role: role, stages: stages)
    }
}

/// How the pack is assembled, from the command line.
public struct ImportOptions: Sendable {
    public var schoolID: String?
    /// The school's name (default: a grid's title, FET Institution_Name, the XHSTT instance name, the file name).
    public var schoolName: String?
    /// Grids: a cell that is neither a lesson nor a recognised label is an error, not a warning.
    public var strict = false
    /// The stage of classes whose names do not say.
    public var stage: Stage?
    /// XHSTT: the solution to import, by index (1-based) or SolutionGroup/Solution id; nil = the last.
    public var solution: String?
    public var termStart: CivilDate?
    public var termEnd: CivilDate?
    /// nil: the default (班会=3, 地方课程=1, 校本课程=1).
    public var displaceable: [String: Double]?
    public var psych: [PsychAssignment] = []
    /// New teachers (not in the source) who teach mental-health lessons.
    public var addPsych: [PsychAssignment] = []
    /// nil: the default (true).
    public var freePeriods: Bool?
    public init() {}

    /// Parses `班会=3,自习=2` (also `;`-joined or with full-width punctuation).
    public static func parseDisplaceable(_ text: String) throws(ImportError) -> [String: Double] {
        var result: [String: Double] = [:]
        for item in text.split(whereSeparator: { ",;，；".contains($0) }) {
            let pair = item.split(maxSplits: 1, whereSeparator: { $0 == "=" || $0 == "＝" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty, let cost = Double(pair[1]), cost.isFinite, cost >= 0 else {
                throw .usage("--displaceable \(text): expected SUBJECT=COST[,SUBJECT=COST…] / 格式应为 科目=代价,…")
            }
            result[pair[0]] = cost
        }
        return result
    }
}
