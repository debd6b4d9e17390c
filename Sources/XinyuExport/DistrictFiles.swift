// What `xinyu district` writes beside schedule.csv and the dashboard shows: schools.csv (status,
// staffing, rooms), advice.csv (the options found by optimisation) and the reasons in report.md.

import Foundation
import XinyuCore
import XinyuPack

/// A district run's own files, read back for the dashboard (nil when the folder is a `solve` output).
public struct DistrictFiles: Sendable, Hashable {
    /// One schools.csv row.
    public struct School: Sendable, Hashable {
        public var id = "", name = "", stages: [String] = [], status = "", advice = ""
        public var classes = 0, students = 0, required = 0, placed = 0, shortLessons = 0
        public var fulltime = 0, parttime = 0, parttimeNeeded = 0
        public var staffingOK = true
        /// Stages with no full-time teacher (newer schools.csv only).
        public var fulltimeMissing: [String] = []
        /// The counseling room's weekly hours; nil when the school declares none.
        public var roomHours: Double?
        public var shared: [String] = []
    }

    /// One advice.csv row.
    public struct Action: Sendable, Hashable {
        public var school = "", kind = "", stage = "", teacher = "", month = "", value = ""
        public var option = 0, count = 0, shortAfter = 0
        public var maxPerWeek: Int?, maxPerDay: Int?
        public var proven = true
    }

    public var schools: [School]
    public var actions: [Action]

    public init(schools: [School], actions: [Action]) {
        self.schools = schools
        self.actions = actions
    }

    /// Reads `dir/schools.csv` and `dir/advice.csv` (absent: no advice); nil without schools.csv.
    /// Columns are found by name, so older files (fewer columns) read too.
    public static func read(directory dir: String) -> DistrictFiles? {
        guard let text = textFile(dir + "/schools.csv") else { return nil }
        let schools = rows(text).map { r -> School in
            var s = School()
            s.id = r["school"] ?? ""; s.name = r["name"] ?? ""; s.status = r["status"] ?? ""; s.advice = r["advice"] ?? ""
            s.stages = list(r["stages"]); s.fulltimeMissing = list(r["fulltime_missing"]); s.shared = list(r["shared_teachers"])
            s.classes = int(r["classes"]); s.students = int(r["students"]); s.required = int(r["required"])
            s.placed = int(r["placed"]); s.shortLessons = int(r["short_lessons"])
            s.fulltime = int(r["fulltime_teachers"]); s.parttime = int(r["parttime_teachers"]); s.parttimeNeeded = int(r["parttime_needed"])
            s.staffingOK = r["staffing_ok"] != "no"
            s.roomHours = r["counseling_room_hours"].flatMap { Double($0) }
            return s
        }
        let actionRows: [[String: String]] = textFile(dir + "/advice.csv").map(rows) ?? []
        let actions = actionRows.map { r -> Action in
            var a = Action()
            a.school = r["school"] ?? ""; a.kind = r["kind"] ?? ""; a.stage = r["stage"] ?? ""; a.teacher = r["teacher"] ?? ""
            a.month = r["month"] ?? ""; a.value = r["value"] ?? ""
            a.option = int(r["option"]); a.count = int(r["count"]); a.shortAfter = int(r["short_after"])
            a.maxPerWeek = r["max_per_week"].flatMap { Int($0) }; a.maxPerDay = r["max_per_day"].flatMap { Int($0) }
            a.proven = r["proven"] != "no"
            return a
        }
        return DistrictFiles(schools: schools, actions: actions)
    }

    private static func textFile(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// The data rows as column name → value.
    private static func rows(_ text: String) -> [[String: String]] {
        let records = CSVRecords.parse(text)
        guard let head = records.first else { return [] }
        return records.dropFirst().filter { $0 != [""] }.map { r in
            var row: [String: String] = [:]
            for (i, name) in head.enumerated() where i < r.count { row[name] = r[i] }
            return row
        }
    }

    private static func int(_ s: String?) -> Int { s.flatMap { Int($0) } ?? 0 }
    private static func list(_ s: String?) -> [String] { (s ?? "").split(separator: ";").map(String.init) }

    /// The reasons of a district report.md (`xinyu district`): under each `### <school> …` heading,
    /// `  - **YYYY-MM** — …` then its reasons as `    - ` lines, Chinese then English.
    public static func reasons(report: String) -> [ExportInput.MonthKey: [Text]] {
        var out: [ExportInput.MonthKey: [Text]] = [:]
        var school: String?
        var key: ExportInput.MonthKey?
        var pendingZH: String?
        for raw in report.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("## ") { school = nil; key = nil; continue }
            if line.hasPrefix("### ") {
                school = line.dropFirst(4).split(separator: " ").first.map(String.init)
                key = nil
                continue
            }
            guard let s = school else { continue }
            if line.hasPrefix("  - **"), let close = line.range(of: "**", range: line.index(line.startIndex, offsetBy: 6)..<line.endIndex) {
                key = ExportInput.MonthKey(school: s, month: String(line[line.index(line.startIndex, offsetBy: 6)..<close.lowerBound]))
                pendingZH = nil
            } else if line.hasPrefix("    - "), let k = key {
                let sentence = String(line.dropFirst(6))
                if let zh = pendingZH {
                    out[k, default: []].append(Text(en: sentence, zh: zh))
                    pendingZH = nil
                } else {
                    pendingZH = sentence
                }
            } else {
                key = nil
            }
        }
        return out
    }
}
