// Reading and validating a district pack. The contract is spec/district-pack.md, kept outside
// this repository (beside it, in the shared folder); docs/FORMAT.md restates it inside.

import Foundation

/// A pack that was read and found valid.
public struct LoadedPack: Sendable {
    public var district: District
    /// Notes about the pack (extra columns, unknown keys): worth showing, not errors.
    public var notes: [Diagnostic]
    /// The folder it was read from.
    public var root: String
    public init(district: District, notes: [Diagnostic], root: String) {
        self.district = district
        self.notes = notes
        self.root = root
    }
}

public enum PackReader {
    /// Reads the pack at `path` and validates all of it. Every problem in every file is collected;
    /// if there is any error, all diagnostics (errors and notes, ordered by file then line) are
    /// thrown together and nothing is returned.
    public static func load(path: String) throws(PackError) -> LoadedPack {
        var log = DiagnosticLog()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            log.error(path, en: "pack folder does not exist", zh: "数据包文件夹不存在")
            throw PackError(log.sorted)
        }

        let settings = DistrictFile.read(root: path, log: &log)
        let calendar = CalendarFile.read(root: path, term: settings?.term, log: &log)

        var schools: [School] = []
        var teacherSources: [TeacherSource] = []
        for id in schoolIDs(root: path, log: &log) {
            if let (school, sources) = readSchool(root: path, id: id, term: settings?.term, log: &log) {
                schools.append(school)
                teacherSources += sources
            }
        }
        checkSharedTeachers(teacherSources, log: &log)

        let diagnostics = log.sorted
        guard !log.hasErrors, let settings, let term = settings.term else { throw PackError(diagnostics) }
        var district = District(name: settings.name, termStart: term.start, termEnd: term.end, policy: settings.policy,
                                preferences: settings.preferences, calendar: calendar, schools: schools,
                                topics: settings.topics)
        district.staffing = settings.staffing
        return LoadedPack(district: district, notes: diagnostics, root: path)
    }

    /// The school folders under `schools/`, sorted by id. No school at all is an error; a folder
    /// name that is not a valid id is an error; hidden entries are skipped, other files noted.
    static func schoolIDs(root: String, log: inout DiagnosticLog) -> [String] {
        let schoolsPath = PackText.join(root, "schools")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: schoolsPath)) ?? []
        var ids: [String] = []
        for name in entries.sorted() where !name.hasPrefix(".") {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: PackText.join(schoolsPath, name), isDirectory: &isDir)
            guard isDir.boolValue else {
                log.note("schools/" + name, en: "not a school folder; ignored", zh: "不是学校文件夹，已忽略")
                continue
            }
            if let problem = idProblem(name) {
                log.error("schools/" + name, en: "school id \(quoted(name)) (the folder name) \(problem.en)",
                          zh: "学校编号 \(quoted(name))（文件夹名）\(problem.zh)")
                continue
            }
            ids.append(name)
        }
        if ids.count > PackLimits.maxSchools {
            log.error("schools", en: "the pack has \(ids.count) school folders; at most \(PackLimits.maxSchools) are allowed",
                      zh: "数据包有 \(ids.count) 个学校文件夹；至多允许 \(PackLimits.maxSchools) 个")
            return []
        }
        if ids.isEmpty {
            log.error("schools", en: "the pack has no schools (expected folders schools/<school-id>/ with school.toml, classes.csv, timetable.csv, teachers.csv)",
                      zh: "数据包中没有学校（应有文件夹 schools/<学校编号>/，内含 school.toml、classes.csv、timetable.csv、teachers.csv）")
        }
        return ids
    }

    /// Where a teacher row came from, to compare a teacher shared by several schools.
    struct TeacherSource {
        let teacher: Teacher
        let file: String
        let line: Int
    }

    /// Reads the files of `schools/<id>/`; nil when any of them has an error (already logged).
    static func readSchool(root: String, id: String, term: (start: CivilDate, end: CivilDate)?,
                           log: inout DiagnosticLog) -> (School, [TeacherSource])? {
        let folder = "schools/" + id
        let errorsBefore = log.items.filter { $0.severity == .error }.count
        let settings = SchoolFile.read(root: root, folder: folder, log: &log)
        let classes = ClassesFile.read(root: root, folder: folder, stages: settings?.stages, log: &log)
        let teachers = TeachersFile.read(root: root, folder: folder, log: &log)
        let teacherIDs = teachers.readable ? Set(teachers.lineOfID.keys) : nil
        let context = TimetableFile.Context(classIDs: classes.readable ? classes.ids : nil, teacherIDs: teacherIDs,
                                            daysPerWeek: settings?.daysPerWeek, periodsPerDay: settings?.periodsPerDay)
        let timetable = TimetableFile.read(root: root, folder: folder, context: context, log: &log)
        let unavailable = UnavailableFile.read(root: root, folder: folder, teacherIDs: teacherIDs,
                                               periodsPerDay: settings?.periodsPerDay, term: term, log: &log)
        let pins = PinnedFile.read(root: root, folder: folder, context: PinnedFile.Context(
            classIDs: classes.readable ? classes.ids : nil, teacherIDs: teacherIDs,
            periodsPerDay: settings?.periodsPerDay, term: term), log: &log)
        let errorsAfter = log.items.filter { $0.severity == .error }.count
        guard errorsAfter == errorsBefore, let settings, let stages = settings.stages,
              let days = settings.daysPerWeek, let periods = settings.periodsPerDay else { return nil }
        var school = School(id: id, name: settings.name, stages: stages, daysPerWeek: days, periodsPerDay: periods,
                            classes: classes.classes, timetable: timetable, teachers: teachers.teachers,
                            unavailable: unavailable, periodTimes: settings.periodTimes,
                            counselingRoom: settings.counselingRoom, activityRoom: settings.activityRoom,
                            lectures: settings.lectures)
        school.pins = pins
        let sources = teachers.teachers.map {
            TeacherSource(teacher: $0, file: folder + "/teachers.csv", line: teachers.lineOfID[$0.id] ?? 0)
        }
        return (school, sources)
    }

    /// A teacher id is district-wide: the same id in two schools is one person, so the rows must
    /// agree on psych, stages, max_per_day and max_per_week. A later row that differs from the
    /// first is an error naming both files.
    static func checkSharedTeachers(_ sources: [TeacherSource], log: inout DiagnosticLog) {
        var first: [String: TeacherSource] = [:]
        for source in sources {
            guard let reference = first[source.teacher.id] else {
                first[source.teacher.id] = source
                continue
            }
            let a = reference.teacher, b = source.teacher
            var differences: [Bilingual] = []
            func limit(_ v: Int?) -> String { v.map(String.init) ?? "" }
            func stages(_ t: Teacher) -> String { t.stages.sorted().map(\.rawValue).joined(separator: ";") }
            func differ(_ column: String, _ here: String, _ there: String) {
                differences.append(Bilingual(en: "\(column) \(quoted(here)) here, \(quoted(there)) there",
                                             zh: "\(column) 此处为 \(quoted(here))，彼处为 \(quoted(there))"))
            }
            if a.psych != b.psych { differ("psych", b.psych.rawValue, a.psych.rawValue) }
            if stages(a) != stages(b) { differ("stages", stages(b), stages(a)) }
            if a.maxPerDay != b.maxPerDay { differ("max_per_day", limit(b.maxPerDay), limit(a.maxPerDay)) }
            if a.maxPerWeek != b.maxPerWeek { differ("max_per_week", limit(b.maxPerWeek), limit(a.maxPerWeek)) }
            if !differences.isEmpty {
                log.error(source.file, line: source.line, field: "teacher",
                          en: "teacher \(quoted(b.id)) is also in \(reference.file):\(reference.line) and must agree there (one person): \(differences.map(\.en).joined(separator: "; "))",
                          zh: "教师 \(quoted(b.id)) 也在 \(reference.file):\(reference.line) 中，同一人两处须一致：\(differences.map(\.zh).joined(separator: "；"))")
            }
        }
    }
}
