// From what an importer read (ImportSource) to a complete district pack with one school:
// ids checked, stages detected, lessons merged into timetable rows, clashes found, the default
// policy, the term and its holidays, the psychology teachers named on the command line.
//
// Row rules:
// - Every busy period of a class is one row. Simultaneous lessons of one class (FET subgroups,
//   or a clash) are merged: subjects joined with "/", teachers with ";" (each once, in order).
// - Two lessons of one class at one time clash unless both are for parts (subgroups) of the class
//   and the parts are disjoint; clashes are merged like subgroups but listed in the report.
// - A two-week cycle: week A is the odd teaching weeks, week B the even ones. A period with the
//   same subject and teachers in both weeks is one `all` row; otherwise an `odd` row (week A) and
//   an `even` row (week B), each only where that week has a lesson.

import Foundation
import XinyuPack

/// An assembled pack and what was understood.
public struct ImportResult: Sendable {
    public var district: District
    public var report: ImportReport
    /// True when the term is the built-in default (no --term-start/--term-end).
    public var termIsDefault: Bool
}

public enum PackAssembly {
    /// The policy an imported pack starts with is `Policy()` (PolicyDefaults: 2 lessons a month, at
    /// most 1 a week, one teacher per class, free periods allowed), displacing these subjects.
    public static let defaultDisplaceable: [String: Double] = PolicyDefaults.importDisplaceable

    public static func assemble(_ source: ImportSource, options: ImportOptions) throws(ImportError) -> ImportResult {
        let file = source.files.first ?? "input"
        guard (1...7).contains(source.dayNames.count) else {
            throw .input(file, "\(source.dayNames.count) days a week; a pack allows 1–7 / 每周天数须为 1–7")
        }
        guard (1...16).contains(source.periodNames.count) else {
            throw .input(file, "\(source.periodNames.count) periods a day; a pack allows 1–16 / 每天节数须为 1–16")
        }
        var report = ImportReport(format: source.format, files: source.files)
        report.days = source.dayNames
        report.periods = source.periodNames
        report.twoWeek = source.twoWeek
        report.skipped = source.skipped
        report.notes = source.notes
        report.warnings = source.warnings
        report.cellAccounting = source.cellAccounting
        report.itemsPlaced = source.itemsPlaced

        var ids = SlotMerge.IDs()
        for c in source.classes { _ = ids.classes.id(c.id) }
        for t in source.teachers { _ = ids.teachers.id(t) }
        let classes = try stages(source, options: options, ids: &ids, report: &report)
        var merge = try SlotMerge(source, ids: ids)
        report.clashes = merge.clashes()
        let rows = merge.rows(&report)
        ids = merge.ids
        let teachers = try TeacherList.build(source, options: options, ids: &ids, stages: Array(Set(classes.map(\.stage))).sorted(),
                                             load: merge.teacherLoad(), report: &report)
        let policy = policyFor(options, rows: rows, report: &report)
        let term = try TermChoice.make(options, report: &report)
        let school = try schoolIdentity(source, options: options, ids: ids, report: &report)
        var built = School(id: school.id, name: school.name, stages: Array(Set(classes.map(\.stage))).sorted(),
                           daysPerWeek: source.dayNames.count, periodsPerDay: source.periodNames.count,
                           classes: classes, timetable: rows, teachers: teachers, periodTimes: source.periodTimes)
        if !source.periodTimes.isEmpty && source.periodTimes.count != source.periodNames.count { built.periodTimes = [] }
        report.periodTimes = built.periodTimes
        if source.format == .grid { report.classGrids = ClassGridText.lines(built, dayNames: source.dayNames) }
        let district = District(name: school.name, termStart: term.start, termEnd: term.end, policy: policy,
                                calendar: term.calendar, schools: [built])
        return ImportResult(district: district, report: report, termIsDefault: term.isDefault)
    }

    /// Stages: from the class's name (or its FET year), else --stage; none at all stops the import.
    static func stages(_ source: ImportSource, options: ImportOptions, ids: inout SlotMerge.IDs,
                       report: inout ImportReport) throws(ImportError) -> [SchoolClass] {
        let file = source.files.first ?? "input"
        var classes: [SchoolClass] = []
        var unknownStage: [String] = []
        for c in source.classes {
            let id = ids.classes.id(c.id)
            if let found = c.stageHints.lazy.compactMap(StageDetection.detect).first {
                classes.append(SchoolClass(id: id, grade: found.grade, stage: found.stage, students: c.students))
                report.classes.append(.init(id: id, stage: found.stage, grade: found.grade, stageFromName: true, periodsA: 0, periodsB: 0))
            } else if let stage = options.stage {
                let grade = StageDetection.firstGrade(stage)
                classes.append(SchoolClass(id: id, grade: grade, stage: stage, students: c.students))
                report.classes.append(.init(id: id, stage: stage, grade: grade, stageFromName: false, periodsA: 0, periodsB: 0))
            } else {
                unknownStage.append(c.id)
            }
        }
        if !unknownStage.isEmpty {
            let shown = unknownStage.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ") + (unknownStage.count > 8 ? " and \(unknownStage.count - 8) more" : "")
            throw .usage("\(file): the names of \(unknownStage.count) class(es) (\(shown)) do not say their grade; give --stage primary|junior|senior / 班级名称未标明年级，请用 --stage 指定学段")
        }
        if classes.isEmpty { throw .input(file, "no classes found / 未找到班级") }
        if let stage = options.stage, report.classes.contains(where: { !$0.stageFromName }) {
            report.notes.append("classes whose names give no grade took --stage \(stage.rawValue) and grade \(StageDetection.firstGrade(stage)); edit classes.csv if the grades matter / 名称未标明年级的班级使用 --stage")
        }
        return classes
    }

    /// The default policy (`PolicyDefaults`) with --displaceable and --free-periods.
    static func policyFor(_ options: ImportOptions, rows: [TimetableRow], report: inout ImportReport) -> Policy {
        var policy = Policy()
        if let free = options.freePeriods { policy.useFreePeriods = free }
        policy.displaceable = options.displaceable ?? defaultDisplaceable
        let usedSubjects = Set(rows.flatMap { $0.subject.split(separator: "/").map(String.init) } + rows.map(\.subject))
        let unmatched = policy.displaceable.keys.filter { !usedSubjects.contains($0) }.sorted()
        if !unmatched.isEmpty {
            report.notes.append("displaceable subject(s) not in this timetable: \(unmatched.joined(separator: ", ")) (subjects are matched by their exact name) / 可替换科目不在课表中")
        }
        return policy
    }

    /// The school's id and name. An id must be a usable folder name: not hidden (a leading dot —
    /// the pack reader skips hidden folders), no slash, comma, semicolon or control character.
    static func schoolIdentity(_ source: ImportSource, options: ImportOptions, ids: SlotMerge.IDs,
                               report: inout ImportReport) throws(ImportError) -> (id: String, name: String) {
        var schoolMapper = IDMapper(kind: "school")
        if let given = options.schoolID {
            if let problem = schoolIDProblem(given) {
                throw .usage("--school-id \(debugQuoted(given)): \(problem)")
            }
        }
        var raw = options.schoolID ?? source.defaultSchoolID.replacingOccurrences(of: "/", with: "_")
        while raw.hasPrefix(".") { raw.removeFirst() }
        var schoolID = schoolMapper.id(raw)
        if schoolID == "_" || schoolID.isEmpty { schoolID = "school" }
        if let name = options.schoolName, name.trimmingCharacters(in: .whitespaces).isEmpty || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .usage("--school-name: give a name without control characters / 学校名称不能为空或含控制字符")
        }
        let name = options.schoolName?.trimmingCharacters(in: .whitespaces) ?? source.schoolName
        report.schoolID = schoolID
        report.schoolName = name
        report.renamed = ids.classes.changes + ids.teachers.changes + schoolMapper.changes
        return (schoolID, name)
    }

    /// Why `id` cannot be a school id (a folder under schools/), or nil.
    static func schoolIDProblem(_ id: String) -> String? {
        if id.trimmingCharacters(in: .whitespaces).isEmpty { return "a school id cannot be empty / 学校标识不能为空" }
        if id.hasPrefix(".") { return "a school id cannot start with a dot (the folder would be hidden and the pack would ignore it) / 学校标识不能以“.”开头（会成为隐藏文件夹）" }
        if id != id.trimmingCharacters(in: .whitespaces) { return "a school id cannot start or end with a space / 学校标识首尾不能有空格" }
        if id.contains(where: { "/\\,;".contains($0) }) || id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a school id cannot contain a slash, a backslash, a comma, a semicolon or a control character / 学校标识不能含斜杠、反斜杠、逗号、分号或控制字符"
        }
        if id.utf8.count > 200 { return "a school id is at most 200 bytes (it is a folder name) / 学校标识过长" }
        return nil
    }
}

/// The term (--term-start/--term-end or the default) and its calendar.
enum TermChoice {
    static func make(_ options: ImportOptions, report: inout ImportReport) throws(ImportError)
        -> (start: CivilDate, end: CivilDate, calendar: [CalendarEntry], isDefault: Bool) {
        let isDefault = options.termStart == nil && options.termEnd == nil
        guard (options.termStart == nil) == (options.termEnd == nil) else {
            throw .usage("give both --term-start and --term-end, or neither / 请同时给出学期起止日期")
        }
        let start = options.termStart ?? ImportTermCalendar.defaultStart
        let end = options.termEnd ?? ImportTermCalendar.defaultEnd
        guard start <= end else { throw .usage("--term-start \(start.iso) is after --term-end \(end.iso) / 学期开始晚于结束") }
        let cal = ImportTermCalendar.entries(from: start, to: end)
        if isDefault {
            report.notes.append("no --term-start/--term-end: the term is the default autumn 2026 term \(start.iso) – \(end.iso); edit [term] in district.toml / 未给出学期，已使用默认学期，请修改")
        }
        if !cal.unknownYears.isEmpty {
            report.notes.append("calendar.csv has no holidays for \(cal.unknownYears.map(String.init).joined(separator: ", ")) (only 2026 is known); add them / 未包含这些年份的节假日，请补充")
        }
        return (start, end, cal.entries, isDefault)
    }
}
