/// The export file names of a school's files, for callers outside this module (the web portal
/// serves a school its own files only, and must name them exactly as Exporter writes them).
public enum ExportNames {
    public static func workbook(school: String) -> String { "xlsx/" + fileSafe(school) + ".xlsx" }
    public static func schoolPage(school: String) -> String { "html/" + Site.schoolFile(school) }
    public static func classCalendar(school: String, classID: String) -> String {
        "ics/classes/" + fileSafe(school) + "-" + fileSafe(classID) + ".ics"
    }
}
