import Foundation
import XinyuExport
import XinyuPack

/// The files of a run (DATA/runs/N/out) and who may download which.
/// The office may download every file. A school account gets its own school's files only: its
/// workbook, its classes' calendars, its page, the report, and the CSVs cut to its own rows.
struct RunFiles {
    let portal: Portal
    let run: RunRow

    var directory: String { portal.config.runDirectory(run.id ?? 0) }
    var outPath: String { directory + "/out" }
    var packPath: String { directory + "/pack" }

    /// Files under out/, relative, sorted.
    func all() -> [String] {
        guard let e = FileManager.default.enumerator(atPath: outPath) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: outPath + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    func list(for account: Account) -> [String] {
        let files = all()
        if account.isOffice { return files }
        guard let school = run.schoolId, account.schoolId == school else { return [] }
        // Exactly the names Exporter gives this school's files (classes from the run's own pack).
        let classes = (try? PackReader.load(path: packPath))?.district.schools.first { $0.id == school }?.classes ?? []
        var allowed: Set<String> = ["schedule.csv", "months.csv", "lessons.csv",
                                    ExportNames.workbook(school: school), ExportNames.schoolPage(school: school)]
        // report.md names every school of the run's group: the school's own only when it is alone.
        if !coversOtherSchools() { allowed.insert("report.md") }
        for c in classes { allowed.insert(ExportNames.classCalendar(school: school, classID: c.id)) }
        return files.filter { allowed.contains($0) }
    }

    /// Whether the run's output covers schools besides its own (schools sharing a teacher are
    /// solved together): then report.md and the run's log name them, and a school account sees
    /// neither (its CSVs are cut to its own rows).
    func coversOtherSchools() -> Bool {
        guard let school = run.schoolId, let data = FileManager.default.contents(atPath: outPath + "/months.csv") else { return false }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().contains { line in
            let first = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return !first.isEmpty && first != school && first != "\"" + school + "\""
        }
    }

    /// The bytes of `path` as this account may see them (CSV rows of other schools left out).
    func data(_ path: String, for account: Account) -> Data? {
        guard let data = FileManager.default.contents(atPath: outPath + "/" + path) else { return nil }
        guard !account.isOffice, path.hasSuffix(".csv"), let school = account.schoolId else { return data }
        return Self.rows(of: data, school: school)
    }

    func text(_ name: String) -> String? {
        let path = name == "log.txt" ? directory + "/log.txt" : outPath + "/" + name
        return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The header and the rows whose first field (school) is `school`.
    static func rows(of data: Data, school: String) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        guard !lines.isEmpty else { return data }
        let header = lines.removeFirst()
        let kept = lines.filter { line in
            let first = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return first == school || first == "\"" + school + "\""
        }
        return Data(([header] + kept).joined(separator: "\n").appending(kept.isEmpty ? "" : "\n").utf8)
    }

    static func type(of path: String) -> String {
        switch (path as NSString).pathExtension {
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "ics": return "text/calendar; charset=utf-8"
        case "html": return "text/html; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "md": return "text/markdown; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
