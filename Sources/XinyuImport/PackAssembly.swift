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

/// What an import understood, for `--dry-run` and the summary after writing.
public struct ImportReport: Sendable {
    public struct ClassLine: Sendable, Hashable {
        public var id: String
        public var stage: Stage
        public var grade: Int
        /// True when the stage came from the class's name; false when from --stage.
        public var stageFromName: Bool
        /// Busy periods per week (a two-week cycle counts week A and week B apart: A + B over 2).
        public var periodsA: Int
        public var periodsB: Int
    }
    public var format: ImportFormat
    public var files: [String]
    public var schoolID: String = ""
    public var schoolName: String = ""
    public var days: [String] = []
    public var periods: [String] = []
    public var twoWeek = false
    public var classes: [ClassLine] = []
    /// Teacher id → lesson-periods per week (an average over weeks A and B).
    public var teacherLoad: [(id: String, periods: Double)] = []
    /// Subject → class-periods per week (an average over weeks A and B).
    public var subjects: [(name: String, periods: Double)] = []
    /// Lesson-periods placed: (class, weekday, period) busy, summed over the cycle's weeks.
    public var lessonPeriods = 0
    /// Timetable rows written.
    public var rows = 0
    public var itemsPlaced = 0
    public var skipped: [SkippedItem] = []
    public var clashes: [String] = []
    public var renamed: [String] = []
    public var notes: [String] = []
    public var psychTeachers: [String] = []

    /// The report as text (English with Chinese headings).
    public func text() -> String {
        var out: [String] = []
        out.append("Import \(format.rawValue): \(files.joined(separator: " "))")
        out.append("School 学校: \(schoolID) — \(schoolName)")
        out.append("Grid 课表: \(days.count) days (\(days.joined(separator: ", "))) × \(periods.count) periods" + (twoWeek ? "; two-week cycle (week A → odd weeks 单周, week B → even weeks 双周)" : ""))
        out.append("Classes 班级 (\(classes.count)):")
        for c in classes {
            let per = twoWeek ? "\(c.periodsA)/\(c.periodsB) busy periods (week A/B)" : "\(c.periodsA) busy periods a week"
            out.append("  \(c.id)  \(c.stage.rawValue) grade \(c.grade)\(c.stageFromName ? "" : " (from --stage)")  \(per)")
        }
        out.append("Teachers 教师 (\(teacherLoad.count)):")
        for t in teacherLoad { out.append("  \(t.id)  \(Self.number(t.periods)) periods a week" + (psychTeachers.contains(t.id) ? "  [psychology 心理]" : "")) }
        out.append("Subjects 科目 (\(subjects.count)), class-periods a week:")
        for s in subjects { out.append("  \(s.name)  \(Self.number(s.periods))") }
        out.append("Lessons placed 已导入: \(lessonPeriods) lesson-periods from \(itemsPlaced) source items, \(rows) timetable rows")
        out.append("Skipped 未导入 (\(skipped.count)):")
        var byReason: [SkipReason: Int] = [:]
        for s in skipped { byReason[s.reason, default: 0] += 1 }
        for r in SkipReason.allCases where byReason[r] != nil { out.append("  \(r.rawValue): \(byReason[r]!)") }
        for s in skipped { out.append("  - \(s)") }
        out.append("Clashes in the source 源数据冲突 (\(clashes.count)):")
        for c in clashes { out.append("  - \(c)") }
        if !renamed.isEmpty {
            out.append("Ids changed 已修改的标识 (the pack forbids commas, semicolons and control characters):")
            for r in renamed { out.append("  - \(r)") }
        }
        if !notes.isEmpty {
            out.append("Notes 说明:")
            for n in notes { out.append("  - \(n)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }
}

/// An assembled pack and what was understood.
public struct ImportResult: Sendable {
    public var district: District
    public var report: ImportReport
    /// True when the term is the built-in default (no --term-start/--term-end).
    public var termIsDefault: Bool
}

public enum PackAssembly {
    /// The policy an imported pack starts with: 2 lessons a month, at most 1 a week, one teacher
    /// per class, free periods allowed, displacing 班会 (3), 地方课程 (1), 校本课程 (1).
    public static let defaultDisplaceable: [String: Double] = ["班会": 3, "地方课程": 1, "校本课程": 1]

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
        report.itemsPlaced = source.itemsPlaced

        // Ids.
        var classIDs = IDMapper(kind: "class")
        var teacherIDs = IDMapper(kind: "teacher")
        for c in source.classes { _ = classIDs.id(c.id) }
        for t in source.teachers { _ = teacherIDs.id(t) }

        // Stages: from the class's name (or its FET year), else --stage.
        var classes: [SchoolClass] = []
        var unknownStage: [String] = []
        let knownClasses = Set(source.classes.map(\.id))
        for c in source.classes {
            let id = classIDs.id(c.id)
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
        if report.classes.contains(where: { !$0.stageFromName }) {
            report.notes.append("classes whose names give no grade took --stage \(options.stage!.rawValue) and grade \(StageDetection.firstGrade(options.stage!)); edit classes.csv if the grades matter")
        }

        // Lessons by class and time, each week of the cycle apart.
        let weeks = source.twoWeek ? [1, 2] : [0]
        struct Slot: Hashable { var classID: String; var weekday: Int; var period: Int; var week: Int }
        var bySlot: [Slot: [SourceLesson]] = [:]
        var slotOrder: [Slot] = []
        for lesson in source.lessons {
            guard knownClasses.contains(lesson.classID) else { continue }
            guard (1...source.dayNames.count).contains(lesson.weekday), (1...source.periodNames.count).contains(lesson.period) else {
                report.skipped.append(SkippedItem(.outsideGrid, lesson.origin, periods: 1, "class \(lesson.classID) day \(lesson.weekday) period \(lesson.period)"))
                continue
            }
            for week in weeks where lesson.week == 0 || lesson.week == week {
                let slot = Slot(classID: lesson.classID, weekday: lesson.weekday, period: lesson.period, week: week)
                if bySlot[slot] == nil { slotOrder.append(slot) }
                bySlot[slot, default: []].append(lesson)
            }
        }

        var clashes = ClashList()
        func dayLabel(_ d: Int, _ p: Int) -> String { "\(source.dayNames[d - 1]) (weekday \(d)) period \(p)" }

        // Merge each slot's lessons; find clashes of a class.
        struct Content: Hashable { var subject: String; var teachers: [String] }
        var content: [Slot: Content] = [:]
        var subjectsUsed: [String] = []
        for slot in slotOrder {
            // Pairs of a slot's lessons are compared below: a slot with hundreds of lessons is a
            // broken file (the same row pasted over and over), refused before it costs minutes.
            if bySlot[slot]!.count > ImportLimits.maxLessonsPerSlot {
                let first = bySlot[slot]![0].origin
                throw .input(source.files.joined(separator: " "), "class \(slot.classID) has \(bySlot[slot]!.count) lessons at \(dayLabel(slot.weekday, slot.period)) (first: \(first)); at most \(ImportLimits.maxLessonsPerSlot) are read / 同一节次课程过多")
            }
            var lessons: [SourceLesson] = []
            for l in bySlot[slot]! where !lessons.contains(where: { $0.origin == l.origin && $0.subject == l.subject }) { lessons.append(l) }
            var subjects: [String] = []
            var teachers: [String] = []
            for l in lessons {
                var subject = l.subject.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
                subject = subject.trimmingCharacters(in: .whitespaces)
                if subject.isEmpty { subject = "(无科目)" }
                if !subjects.contains(subject) { subjects.append(subject) }
                for t in l.teachers {
                    let id = teacherIDs.id(t)
                    if !teachers.contains(id) { teachers.append(id) }
                }
            }
            for s in subjects where !subjectsUsed.contains(s) { subjectsUsed.append(s) }
            content[slot] = Content(subject: subjects.joined(separator: "/"), teachers: teachers)
            // Clash: two lessons not both for disjoint parts of the class.
            var clashing: Set<String> = []
            for i in lessons.indices {
                for j in lessons.indices where j > i && lessons[i].origin != lessons[j].origin {
                    let a = lessons[i].part, b = lessons[j].part
                    if a == nil || b == nil || !a!.isDisjoint(with: b!) {
                        clashing.insert(lessons[i].origin)
                        clashing.insert(lessons[j].origin)
                    }
                }
            }
            if !clashing.isEmpty {
                clashes.add("class \(classIDs.id(slot.classID)) at \(dayLabel(slot.weekday, slot.period))", week: slot.week,
                            "\(clashing.sorted().joined(separator: ", ")) overlap; merged into one row (\(subjects.joined(separator: "/")))")
            }
        }

        // Teachers in two places at once (different source items at one time).
        struct TeacherSlot: Hashable { var teacher: String; var weekday: Int; var period: Int; var week: Int }
        var teacherItems: [TeacherSlot: [String]] = [:]
        var teacherOrder: [TeacherSlot] = []
        for slot in slotOrder {
            for l in bySlot[slot]! {
                for t in l.teachers {
                    let key = TeacherSlot(teacher: t, weekday: slot.weekday, period: slot.period, week: slot.week)
                    if teacherItems[key] == nil { teacherOrder.append(key) }
                    if !teacherItems[key, default: []].contains(l.origin) { teacherItems[key, default: []].append(l.origin) }
                }
            }
        }
        // A teacher's load: the distinct periods they teach (a lesson for several classes counts once).
        var teacherCount: [String: Double] = [:]
        let weekShare = source.twoWeek ? 0.5 : 1.0
        for key in teacherOrder { teacherCount[teacherIDs.id(key.teacher), default: 0] += weekShare }
        for key in teacherOrder where teacherItems[key]!.count > 1 {
            clashes.add("teacher \(teacherIDs.id(key.teacher)) at \(dayLabel(key.weekday, key.period))", week: key.week,
                        "in \(teacherItems[key]!.count) lessons: \(teacherItems[key]!.joined(separator: ", "))")
        }
        report.clashes = clashes.lines(twoWeek: source.twoWeek)

        // Rows: one per busy class period; a two-week cycle folds equal weeks into `all`.
        var rows: [TimetableRow] = []
        var periodsA: [String: Int] = [:], periodsB: [String: Int] = [:]
        var subjectCount: [String: Double] = [:]
        for c in source.classes {
            for d in 1...source.dayNames.count {
                for p in 1...source.periodNames.count {
                    let cid = c.id
                    let a = content[Slot(classID: cid, weekday: d, period: p, week: weeks[0])]
                    let b = source.twoWeek ? content[Slot(classID: cid, weekday: d, period: p, week: 2)] : nil
                    let id = classIDs.id(cid)
                    if a != nil { periodsA[id, default: 0] += 1 }
                    if b != nil { periodsB[id, default: 0] += 1 }
                    for x in [a, b].compactMap({ $0 }) {
                        for s in x.subject.split(separator: "/") { subjectCount[String(s), default: 0] += weekShare }
                    }
                    if !source.twoWeek {
                        if let a { rows.append(TimetableRow(classID: id, weekday: d, period: p, subject: a.subject, teachers: a.teachers)) }
                    } else if let a, let b, a == b {
                        rows.append(TimetableRow(classID: id, weekday: d, period: p, subject: a.subject, teachers: a.teachers, weeks: .all))
                    } else {
                        if let a { rows.append(TimetableRow(classID: id, weekday: d, period: p, subject: a.subject, teachers: a.teachers, weeks: .odd)) }
                        if let b { rows.append(TimetableRow(classID: id, weekday: d, period: p, subject: b.subject, teachers: b.teachers, weeks: .even)) }
                    }
                }
            }
        }
        for i in report.classes.indices {
            report.classes[i].periodsA = periodsA[report.classes[i].id] ?? 0
            report.classes[i].periodsB = source.twoWeek ? (periodsB[report.classes[i].id] ?? 0) : report.classes[i].periodsA
        }
        report.lessonPeriods = periodsA.values.reduce(0, +) + periodsB.values.reduce(0, +)
        report.rows = rows.count
        report.subjects = subjectsUsed.map { ($0, subjectCount[$0] ?? 0) }

        // Teachers: every teacher of the source (and any named only in lessons), then new ones.
        var teacherList: [String] = []
        for t in source.teachers { let id = teacherIDs.id(t); if !teacherList.contains(id) { teacherList.append(id) } }
        for l in source.lessons { for t in l.teachers { let id = teacherIDs.id(t); if !teacherList.contains(id) { teacherList.append(id) } } }
        var teachers = teacherList.map { id -> Teacher in
            let sourceID = teacherIDs.map.first { $0.value == id }?.key ?? id
            return Teacher(id: id, name: source.teacherNames[sourceID] ?? "")
        }
        let schoolStages = Array(Set(classes.map(\.stage))).sorted()
        for p in options.psych {
            let id = teacherIDs.map[p.teacher] ?? p.teacher
            guard let index = teachers.firstIndex(where: { $0.id == id }) else {
                let some = teacherList.prefix(12).joined(separator: ", ")
                throw .usage("--psych \(p.teacher): no such teacher in \(file) (teachers: \(some)\(teacherList.count > 12 ? ", …" : "")); use --add-psych for a new teacher / 源文件中没有该教师；新教师请用 --add-psych")
            }
            teachers[index].psych = p.role
            teachers[index].stages = p.stages.isEmpty ? schoolStages : p.stages
        }
        for p in options.addPsych {
            // A new teacher's id is given by the dean: it must already be a valid pack id.
            guard !p.teacher.contains(",") && !p.teacher.contains(";") && !p.teacher.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .usage("--add-psych \(p.teacher): a teacher id cannot contain a comma, a semicolon or a control character / 教师标识不能含逗号、分号或控制字符")
            }
            if teachers.contains(where: { $0.id == p.teacher }) || teacherIDs.map[p.teacher] != nil {
                throw .usage("--add-psych \(p.teacher): this teacher is already in \(file); use --psych \(p.teacher)=… / 该教师已存在，请用 --psych")
            }
            teachers.append(Teacher(id: p.teacher, name: p.teacher, psych: p.role, stages: p.stages.isEmpty ? schoolStages : p.stages))
        }
        report.psychTeachers = teachers.filter { $0.psych.teaches }.map(\.id)
        report.teacherLoad = teachers.map { ($0.id, teacherCount[$0.id] ?? 0) }
        if report.psychTeachers.isEmpty {
            report.notes.append("no psychology teacher yet: set psych = full|part in teachers.csv (or use --psych / --add-psych) before xinyu solve / 尚未指定心理教师")
        }

        // Policy.
        var policy = Policy()
        policy.lessonsPerMonth = 2
        policy.maxPerWeek = 1
        policy.sameTeacher = true
        policy.useFreePeriods = options.freePeriods ?? true
        policy.displaceable = options.displaceable ?? defaultDisplaceable
        let usedSubjects = Set(rows.flatMap { $0.subject.split(separator: "/").map(String.init) } + rows.map(\.subject))
        let unmatched = policy.displaceable.keys.filter { !usedSubjects.contains($0) }.sorted()
        if !unmatched.isEmpty {
            report.notes.append("displaceable subject(s) not in this timetable: \(unmatched.joined(separator: ", ")) (subjects are matched by their exact name)")
        }

        // Term and calendar.
        let termIsDefault = options.termStart == nil && options.termEnd == nil
        guard (options.termStart == nil) == (options.termEnd == nil) else {
            throw .usage("give both --term-start and --term-end, or neither / 请同时给出学期起止日期")
        }
        let start = options.termStart ?? TermCalendar.defaultStart
        let end = options.termEnd ?? TermCalendar.defaultEnd
        guard start <= end else { throw .usage("--term-start \(start.iso) is after --term-end \(end.iso) / 学期开始晚于结束") }
        let cal = TermCalendar.entries(from: start, to: end)
        if termIsDefault {
            report.notes.append("no --term-start/--term-end: the term is the default autumn 2026 term \(start.iso) – \(end.iso); edit [term] in district.toml / 未给出学期，已使用默认学期，请修改")
        }
        if !cal.unknownYears.isEmpty {
            report.notes.append("calendar.csv has no holidays for \(cal.unknownYears.map(String.init).joined(separator: ", ")) (only 2026 is known); add them / 未包含这些年份的节假日，请补充")
        }

        // School.
        var schoolMapper = IDMapper(kind: "school")
        let rawSchoolID = options.schoolID ?? source.defaultSchoolID
        var schoolID = schoolMapper.id(rawSchoolID.replacingOccurrences(of: "/", with: "_"))
        if schoolID == "." || schoolID == ".." { schoolID = "school" }
        if options.schoolID != nil && schoolID != options.schoolID! {
            throw .usage("--school-id \(options.schoolID!): a school id cannot contain a comma, a semicolon, a slash or a control character / 学校标识含非法字符")
        }
        report.schoolID = schoolID
        report.schoolName = source.schoolName
        report.renamed = classIDs.changes + teacherIDs.changes + schoolMapper.changes
        let school = School(id: schoolID, name: source.schoolName, stages: schoolStages,
                            daysPerWeek: source.dayNames.count, periodsPerDay: source.periodNames.count,
                            classes: classes, timetable: rows, teachers: teachers)
        let district = District(name: source.schoolName, termStart: start, termEnd: end, policy: policy,
                                calendar: cal.entries, schools: [school])
        return ImportResult(district: district, report: report, termIsDefault: termIsDefault)
    }

    /// Writes the pack: nothing is written on error, an existing folder is replaced only with
    /// `force` (and only an empty folder or a pack). district.toml gets comments saying where it came
    /// from and, for a default term, that the term is to be edited.
    public static func write(_ result: ImportResult, to path: String, force: Bool) throws(ImportError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDir)
        if exists {
            guard force else { throw .usage("\(path): already exists; use --force to replace it / 目标已存在，如需覆盖请加 --force") }
            let entries = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            guard isDir.boolValue, entries.isEmpty || entries.contains("district.toml") else {
                throw .usage("\(path): exists and is not a pack (no district.toml); refusing to replace it / 目标不是数据包，拒绝覆盖")
            }
        }
        let parent = target.deletingLastPathComponent().path
        let staging = parent + "/." + target.lastPathComponent + ".import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try PackWriter.write(result.district, to: staging, overwrite: false)
            let tomlPath = staging + "/district.toml"
            let toml = try String(contentsOfFile: tomlPath, encoding: .utf8)
            try AtomicFile.write(annotate(toml, result), to: tomlPath)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw .input(path, "cannot write the pack: \(error) / 无法写出数据包")
        }
        var old: String?
        if exists {
            old = parent + "/." + target.lastPathComponent + ".old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            guard rename(target.path, old!) == 0 else {
                try? fm.removeItem(atPath: staging)
                throw .input(path, "cannot move the old pack aside / 无法移开旧数据包")
            }
        }
        guard rename(staging, target.path) == 0 else {
            if let old { _ = rename(old, target.path) }
            try? fm.removeItem(atPath: staging)
            throw .input(path, "cannot move the new pack into place / 无法写入目标位置")
        }
        if let old { try? fm.removeItem(atPath: old) }
    }

    /// district.toml with comments: the source, the default term warning, the policy hints.
    static func annotate(_ toml: String, _ result: ImportResult) -> String {
        var lines = toml.components(separatedBy: "\n")
        let header = [
            "# Imported by `xinyu import \(result.report.format.rawValue)` from \(result.report.files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")).",
            "# 由 xinyu import 生成。Name the psychology teachers in schools/*/teachers.csv (psych = full|part)",
            "# and check [policy.displaceable] before `xinyu solve`. 请在 teachers.csv 中指定心理教师，并核对可替换科目。",
            "",
        ]
        if result.termIsDefault, let i = lines.firstIndex(of: "[term]") {
            lines.insert(contentsOf: [
                "# DEFAULT TERM — EDIT ME: no --term-start/--term-end was given, so this is the autumn 2026 term",
                "# (2026-09-01 … 2027-01-15). calendar.csv holds the 2026 public holidays of that term only.",
                "# 默认学期（2026年秋季学期），请按本校实际修改。",
            ], at: i)
        }
        if let i = lines.firstIndex(of: "[policy.displaceable]") {
            lines.insert("# Subjects a mental-health lesson may replace, with a cost (higher = less preferred). 可被替换的科目及代价。", at: i)
        }
        return (header + lines).joined(separator: "\n")
    }
}

/// Clashes, each said once: the same clash in week A and week B is one line.
struct ClashList {
    private var order: [String] = []
    private var weeks: [String: Set<Int>] = [:]
    private var parts: [String: (String, String)] = [:]

    mutating func add(_ what: String, week: Int, _ detail: String) {
        let key = what + "\u{0}" + detail
        if weeks[key] == nil { order.append(key); parts[key] = (what, detail) }
        weeks[key, default: []].insert(week)
    }

    func lines(twoWeek: Bool) -> [String] {
        order.map { key in
            let (what, detail) = parts[key]!
            let w = weeks[key]!
            let label = !twoWeek || w.count == 2 ? "" : w.contains(1) ? " (week A)" : " (week B)"
            return "\(what)\(label): \(detail)"
        }
    }
}
