import Foundation
import XinyuImport
import XinyuPack

/// An upload read by the command line's importers (XinyuImport), within their limits; the school
/// id is always the account's school, never one named in the file.
struct UploadService {
    let portal: Portal

    /// The importer format of each file name extension (lower case).
    static let extensions: [String: ImportFormat] = [
        "xlsx": .grid, "csv": .grid, "txt": .grid, "fet": .fet, "xml": .xhstt, "xhstt": .xhstt, "zip": .xhstt,
    ]

    /// The importer format of a file, from its name: .xlsx/.csv are 课程表 grids. The rule is the one
    /// /openapi.yaml's `filename` pattern states, `[^/\\]\.(ext)$`: a known extension after a dot
    /// that has a character other than a slash before it (".csv" alone, or "a/.csv", has no name).
    static func format(of fileName: String) -> ImportFormat? {
        var name = fileName
        if name.hasSuffix("\n") { name.removeLast() }   // as a pattern's `$`, which also matches before one final line break
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return nil }
        let before = name[name.index(before: dot)]
        guard before != "/" && before != "\\" else { return nil }
        return extensions[String(name[name.index(after: dot)...]).lowercased()]
    }

    /// A file name safe to keep on disk (the original name is kept in the database only).
    static func storedName(_ fileName: String, format: ImportFormat) -> String {
        let ext = (fileName as NSString).pathExtension.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(8)
        return "upload" + (ext.isEmpty ? "" : "." + ext)
    }

    func sourcePath(_ upload: UploadRow) -> String {
        let format = ImportFormat(rawValue: upload.format) ?? .grid
        return portal.config.uploadDirectory(upload.id ?? 0) + "/" + Self.storedName(upload.fileName, format: format)
    }

    /// The import options the portal always sets: the school, the district's term.
    func baseOptions(school: String) async -> ImportOptions {
        var o = ImportOptions()
        o.schoolID = school
        if let d = await portal.pack.load()?.district {
            o.termStart = d.termStart
            o.termEnd = d.termEnd
            o.displaceable = d.policy.displaceable
            // Classes whose names give no grade take the school's stage when it has only one.
            if let school = d.schools.first(where: { $0.id == school }), school.stages.count == 1 { o.stage = school.stages[0] }
        }
        return o
    }

    /// Reads the upload with `options`; the importer's bilingual error on failure.
    func read(_ upload: UploadRow, options: ImportOptions) -> Result<ImportResult, ImportError> {
        let format = ImportFormat(rawValue: upload.format) ?? .grid
        let path = sourcePath(upload)
        return Result { () throws(ImportError) -> ImportResult in try Importer.run(format, files: [path], options: options) }
            .mapError { e in ImportError(e.kind, e.message.replacingOccurrences(of: path, with: upload.fileName)) }
    }

    /// Confirms: the school read with the dean's answers goes into the district pack (whole, checked
    /// by the pack reader, the old school kept if the new one does not read). Errors, or [] when done.
    func confirm(_ upload: UploadRow, _ answers: ConfirmAnswers) async -> [String] {
        var options = await baseOptions(school: upload.schoolId)
        options.psych = answers.psych
        options.addPsych = answers.addPsych
        options.freePeriods = answers.freePeriods
        var result: ImportResult
        switch read(upload, options: options) {
        case .success(let r): result = r
        case .failure(let e): return [e.message]
        }
        guard var school = result.district.schools.first else { return ["no school read / 未读到学校"] }
        // What the office set for this school stays: rooms, lectures; bell times from the form.
        // The file is stored as "upload.<ext>", which the importer would take as the school's name.
        school.name = (upload.fileName as NSString).deletingPathExtension
        if let old = await portal.pack.load()?.district.schools.first(where: { $0.id == school.id }) {
            school.name = old.name
            school.counselingRoom = old.counselingRoom
            school.activityRoom = old.activityRoom
            school.lectures = old.lectures
            school.periodTimes = old.periodTimes.count == school.periodsPerDay ? old.periodTimes : []
            // A teacher kept from the last version keeps their name, limits and unavailable times.
            let oldTeachers = Dictionary(old.teachers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for i in school.teachers.indices {
                guard let o = oldTeachers[school.teachers[i].id] else { continue }
                if school.teachers[i].name.isEmpty || school.teachers[i].name == o.id { school.teachers[i].name = o.name }
                school.teachers[i].maxPerDay = o.maxPerDay
                school.teachers[i].maxPerWeek = o.maxPerWeek
            }
            let present = Set(school.teachers.map(\.id))
            school.unavailable += old.unavailable.filter { present.contains($0.teacher) }
        }
        if !answers.bellTimes.isEmpty { school.periodTimes = answers.bellTimes }
        result.district.schools = [school]
        let staged = portal.config.uploadDirectory(upload.id ?? 0) + "/pack"
        try? FileManager.default.removeItem(atPath: staged)
        do { try PackWriter.write(result.district, to: staged, overwrite: false) } catch {
            return ["cannot write the school: \(error) / 无法写出"]
        }
        return await apply(upload)
    }

    /// Puts an upload's confirmed school (kept under uploads/N/pack) back into the district pack.
    func apply(_ upload: UploadRow) async -> [String] {
        let staged = portal.config.uploadDirectory(upload.id ?? 0) + "/pack/schools/" + upload.schoolId
        guard FileManager.default.fileExists(atPath: staged) else { return ["this version was never confirmed / 此版本未确认"] }
        return await portal.pack.replace("schools/" + upload.schoolId, with: staged)
    }
}

/// The dean's answers on the preview page.
struct ConfirmAnswers {
    var psych: [PsychAssignment] = []
    /// Psychology teachers not in the file (e.g. a full-time teacher with no other lessons).
    var addPsych: [PsychAssignment] = []
    var freePeriods: Bool?
    var bellTimes: [String] = []

    /// Reads the form: psych.<teacher> = none|full|part, bell.<n>, free = yes|no. Errors in words.
    static func read(_ form: Form, teachers: [String], periods: Int) -> (ConfirmAnswers, [String]) {
        var a = ConfirmAnswers()
        var errors: [String] = []
        for t in teachers {
            guard let v = form["psych." + t], let role = PsychRole(rawValue: v) else { continue }
            if role.teaches { a.psych.append(PsychAssignment(teacher: t, role: role)) }
        }
        for line in (form["add_psych"] ?? "").split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            do { a.addPsych.append(try PsychAssignment.parse(text)) } catch { errors.append(error.message) }
        }
        a.freePeriods = form["free"].map { $0 == "yes" }
        let bells = (1...max(1, periods)).map { (form["bell.\($0)"] ?? "").trimmingCharacters(in: .whitespaces) }
        if bells.contains(where: { !$0.isEmpty }) {
            for (i, b) in bells.enumerated() where !Self.isTimeRange(b) {
                errors.append("第 \(i + 1) 节作息时间应为 HH:MM-HH:MM / period \(i + 1): bell time must be HH:MM-HH:MM (\"\(b)\")")
            }
            a.bellTimes = bells
        }
        return (a, errors)
    }

    static func isTimeRange(_ s: String) -> Bool {
        s.range(of: "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", options: .regularExpression) != nil
            && s.prefix(5) < s.suffix(5)
    }
}
