// The staffing rule (纲要 2012): in each school, for each stage it teaches, at least one full-time
// (专职) psychology teacher; plus part-time (兼职) teachers by student numbers.

import XinyuCore
import XinyuPack

/// A sentence in Chinese and English that can be stored in shard.json.
public struct Line: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
    public init(_ t: Text) { self.init(zh: t.zh, en: t.en) }
}

/// One school's psychology staffing against the rule.
public struct StaffingCheck: Sendable, Hashable, Codable {
    /// Full-time psychology teachers listed by the school (shared teachers included).
    public var fulltime: [String]
    /// Part-time psychology teachers listed by the school (shared teachers included).
    public var parttime: [String]
    /// Students of the school (sum of classes.csv `students`; classes without a number count 0).
    public var students: Int
    /// Part-time teachers the students call for: ceil(students / students_per_parttime) psychology
    /// teachers in all, less the full-time ones.
    public var parttimeNeeded: Int
    /// Stages (raw names) with no full-time psychology teacher.
    public var stagesWithoutFulltime: [String]
    /// Shared (巡回) teachers: teacher id → the other schools that list them.
    public var shared: [String: [String]]
    public var ok: Bool
    /// What is wrong, in plain words (empty when ok).
    public var problems: [Line]
}

/// Checks a school's staffing: at least one full-time teacher per stage, and full-time plus
/// part-time teachers at least ceil(students / students_per_parttime). A shared (巡回) teacher — the same id in several schools' teachers.csv — counts
/// for every school that lists them (the report says so for each such teacher).
public func checkStaffing(_ school: School, district: District, settings: StaffingSettings) -> StaffingCheck {
    let psych = school.psychTeachers
    let full = psych.filter { $0.psych == .full }
    let part = psych.filter { $0.psych == .part }
    let students = school.classes.reduce(0) { $0 + ($1.students ?? 0) }
    let byStudents = (students + settings.studentsPerParttime - 1) / settings.studentsPerParttime
    let needed = max(0, byStudents - full.count)
    let missing = school.stages.filter { st in !full.contains { $0.stages.contains(st) } }
    var shared: [String: [String]] = [:]
    for t in psych {
        let others = district.schools.filter { $0.id != school.id && $0.teacher(t.id) != nil }.map(\.id)
        if !others.isEmpty { shared[t.id] = others }
    }
    var problems: [Line] = []
    for st in missing {
        problems.append(Line(zh: "\(st.chinese)学段没有专职心理教师（每个学段至少1名）。",
                             en: "stage \(st.rawValue) has no full-time psychology teacher (at least 1 per stage)."))
    }
    if part.count < needed {
        problems.append(Line(
            zh: "\(students)名学生按每\(settings.studentsPerParttime)名学生1名心理教师计需\(byStudents)名，除\(full.count)名专职外需\(needed)名兼职，现有\(part.count)名。",
            en: "\(students) students at one psychology teacher per \(settings.studentsPerParttime) call for \(byStudents); besides \(full.count) full-time that is \(needed) part-time, and the school has \(part.count)."))
    }
    return StaffingCheck(fulltime: full.map(\.id), parttime: part.map(\.id), students: students, parttimeNeeded: needed,
                         stagesWithoutFulltime: missing.map(\.rawValue), shared: shared, ok: problems.isEmpty, problems: problems)
}
