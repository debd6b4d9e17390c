import Foundation
import XinyuPack

/// An export format of `xinyu export`.
public enum ExportFormat: String, CaseIterable, Sendable, Comparable {
    case xlsx, ics, html
    public static func < (a: ExportFormat, b: ExportFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Writes the exports of a schedule into a folder:
///
/// ```
/// OUT/xlsx/<school>.xlsx                 one workbook per school
/// OUT/xlsx/weekly/<school>.xlsx          its weekly 课程表 (classes, teachers, overview)
/// OUT/ics/classes/<school>-<class>.ics   one calendar per class
/// OUT/ics/teachers/<teacher>.ics         one calendar per teacher (all their schools)
/// OUT/html/index.html                    the district dashboard (DistrictDashboard for a `district` output)
/// OUT/html/school-<school>.html          one page per school
/// OUT/html/{classes,teachers,overview}-<school>.html  its weekly 课程表 pages, to print
/// ```
///
/// File names are the ids made file-safe (see `fileSafe`). Every file is written whole
/// (temporary file, then rename).
public enum Exporter {
    /// Writes `formats` in `lang`; returns the paths written, relative to `out`, in order.
    @discardableResult
    public static func write(_ input: ExportInput, formats: Set<ExportFormat>, lang: Language, to out: String) throws -> [String] {
        let w = Words(lang)
        let views = input.district.schools.map { SchoolView($0, input) }
        var written: [String] = []
        let mark = input.notVerified ? WeeklySheets.notVerified + " · " : ""
        func save(_ text: String, _ relative: String) throws {
            try AtomicFile.write(text, to: out + "/" + relative)
            written.append(relative)
        }
        for format in formats.sorted() {
            switch format {
            case .xlsx:
                for v in views {
                    let relative = "xlsx/" + fileSafe(v.school.id) + ".xlsx"
                    try WorkbookWriter.write(v, input: input, words: w, to: out + "/" + relative)
                    written.append(relative)
                    let weekly = "xlsx/weekly/" + fileSafe(v.school.id) + ".xlsx"
                    try WeeklySheets.write(v, input: input, words: w, to: out + "/" + weekly)
                    written.append(weekly)
                }
            case .ics:
                let byID = Dictionary(views.map { ($0.school.id, $0) }, uniquingKeysWith: { a, _ in a })
                var classNames = UniqueFileNames()
                for v in views {
                    for c in v.school.classes {
                        let text = ICalendar.document(name: mark + w(.calendarName, "\(v.school.name) \(c.id)"), lessons: v.byClass[c.id] ?? [],
                                                      district: input.district, views: byID, stamp: input.stamp, words: w)
                        try save(text, "ics/classes/" + classNames.name(v.school.id, c.id) + ".ics")
                    }
                }
                // A teacher id is district-wide: one calendar with their lessons in every school.
                var teachers: [String: Teacher] = [:]
                for v in views { for t in v.lessonTeachers where teachers[t.id] == nil { teachers[t.id] = t } }
                let byTeacher = Dictionary(grouping: input.lessons, by: \.teacher)
                for id in teachers.keys.sorted() {
                    guard let t = teachers[id] else { continue }
                    let text = ICalendar.document(name: mark + w(.calendarName, t.name.isEmpty ? t.id : t.name), lessons: byTeacher[id] ?? [],
                                                  district: input.district, views: byID, stamp: input.stamp, words: w)
                    try save(text, "ics/teachers/" + fileSafe(id) + ".ics")
                }
            case .html:
                let index = input.office.map { DistrictDashboard.page(input, $0, views: views, w: w) }
                try save(index ?? Site.dashboard(input, views: views, w: w), "html/index.html")
                for v in views {
                    try save(Site.schoolPage(v, input: input, w: w), "html/" + Site.schoolFile(v.school.id))
                    try save(WeeklyPages.classesPage(v, input: input, w: w), "html/" + WeeklyPages.classesFile(v.school.id))
                    try save(WeeklyPages.teachersPage(v, input: input, w: w), "html/" + WeeklyPages.teachersFile(v.school.id))
                    try save(WeeklyPages.overviewPage(v, input: input, w: w), "html/" + WeeklyPages.overviewFile(v.school.id))
                }
            }
        }
        return written
    }
}
