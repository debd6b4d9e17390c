import XinyuCore
import XinyuPack

/// The weekly views as HTML pages made to be printed: `classes-<school>.html` (one A4 page per
/// class), `teachers-<school>.html` (per psychology teacher their week, then their term list) and
/// `overview-<school>.html`. On paper the navigation is hidden and each sheet ends its page; a
/// grid's font is chosen so that its periods fit one landscape A4 page.
enum WeeklyPages {
    static func classesFile(_ id: String) -> String { "classes-" + fileSafe(id) + ".html" }
    static func teachersFile(_ id: String) -> String { "teachers-" + fileSafe(id) + ".html" }
    static func overviewFile(_ id: String) -> String { "overview-" + fileSafe(id) + ".html" }

    static let css = """
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.4 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f7f9fb}
        nav{padding:10px 16px;background:#1f4e79}
        nav a{color:#fff;margin-right:14px}
        .sheet{background:#fff;margin:14px auto;padding:12px 16px;max-width:1100px;border:1px solid #d9dee3}
        .sheet h1{font-size:18px;margin:0 0 2px}
        .sheet p{margin:0 0 8px;color:#616e7c;font-size:12px}
        .warn{color:#b3261e;font-weight:700;font-size:14px}
        table{border-collapse:collapse;width:100%}
        th,td{border:1px solid #9aa5b1;padding:3px 5px;vertical-align:top;text-align:left;white-space:pre-line}
        th{background:#dde6ef}
        table.grid{table-layout:fixed}
        table.grid td,table.grid th{text-align:center;vertical-align:middle}
        table.grid th:first-child{width:100px}
        td.psych{background:#e2efda;font-weight:600}
        @page{size:A4 landscape;margin:10mm}
        @media print{
          nav,.noprint{display:none}
          body{background:#fff}
          .sheet{margin:0;padding:0;border:0;max-width:none;break-after:page;page-break-after:always;break-inside:avoid}
          .sheet:last-child{break-after:auto;page-break-after:auto}
          .list{break-inside:auto}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """

    static func page(_ title: String, lang: Language, nav: String, sheets: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang.tag)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Site.esc(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <nav class="noprint">\(nav)</nav>
        <div class="sheets">
        \(sheets.joined(separator: "\n"))
        </div>
        </body>
        </html>

        """
    }

    static func nav(_ v: SchoolView, _ w: Words) -> String {
        let id = v.school.id
        return [("index.html", w(.backToDashboard)), (Site.schoolFile(id), "\(id) \(v.school.name)"),
                (classesFile(id), w.weekly(.classPages)), (teachersFile(id), w.weekly(.teacherPages)),
                (overviewFile(id), w.weekly(.overview, v.school.name))]
            .map { "<a href=\"\(Site.esc($0.0))\">\(Site.esc($0.1))</a>" }.joined()
    }

    /// One printed sheet: title, notes (the "not verified" mark first when forced), the table.
    static func sheet(_ t: PrintedTable, kind: String, key: String, notVerified: Bool) -> String {
        var s = "<section class=\"sheet \(t.isGrid ? "grid" : "list")\" data-\(kind)=\"\(Site.esc(key))\">"
        if notVerified { s += "<div class=\"warn\">\(Site.esc(WeeklySheets.notVerified))</div>" }
        s += "<h1>\(Site.esc(t.title))</h1>"
        for n in t.notes { s += "<p>\(Site.esc(n))</p>" }
        let font = t.isGrid ? gridFont(t) : 12
        s += "<table class=\"\(t.isGrid ? "grid" : "")\" style=\"font-size:\(font)px\"><thead><tr>"
        for h in t.header { s += "<th>\(Site.esc(h))</th>" }
        s += "</tr></thead><tbody>"
        for (r, row) in t.rows.enumerated() {
            s += "<tr>"
            for (c, text) in row.enumerated() {
                let tag = t.isGrid && c == 0 ? "th" : "td"
                let cls = t.marked.contains(.init(row: r, column: c)) ? " class=\"psych\"" : ""
                s += "<\(tag)\(cls)>\(Site.esc(text))</\(tag)>"
            }
            s += "</tr>"
        }
        return s + "</tbody></table></section>"
    }

    /// The largest font (px, 7–13) at which the grid's rows fit a landscape A4 page (277 × 190 mm
    /// at 96 dpi, less the title), counting wrapped lines: a wide character is one em, others half.
    static func gridFont(_ t: PrintedTable) -> Int {
        let columns = max(1, t.header.count - 1)
        let cellWidth = (1040.0 - 100) / Double(columns) - 12
        for px in stride(from: 13, through: 7, by: -1) {
            let f = Double(px)
            var height = 1.4 * f + 10  // the header row
            for row in t.rows {
                var tallest = 1
                for text in row {
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { n, line in
                        let width = line.unicodeScalars.reduce(0.0) { $0 + (WorkbookWriter.isWide($1) ? f : 0.58 * f) }
                        return n + max(1, Int((width / cellWidth).rounded(.up)))
                    }
                    tallest = max(tallest, lines)
                }
                height += Double(tallest) * 1.4 * f + 8
            }
            if height <= 560 { return px }
        }
        return 7
    }

    static func classesPage(_ v: SchoolView, input: ExportInput, w: Words) -> String {
        let views = WeeklyViews(v, w)
        let sheets = v.school.classes.map { sheet(views.classGrid($0), kind: "class", key: $0.id, notVerified: input.notVerified) }
        return page("\(v.school.name) · \(w.weekly(.classPages))", lang: w.lang, nav: nav(v, w), sheets: sheets)
    }

    static func teachersPage(_ v: SchoolView, input: ExportInput, w: Words) -> String {
        let views = WeeklyViews(v, w)
        var sheets: [String] = []
        for t in views.teachers {
            sheets.append(sheet(views.teacherGrid(t), kind: "teacher", key: t.id, notVerified: input.notVerified))
            sheets.append(sheet(views.termList(t), kind: "term", key: t.id, notVerified: input.notVerified))
        }
        return page("\(v.school.name) · \(w.weekly(.teacherPages))", lang: w.lang, nav: nav(v, w), sheets: sheets)
    }

    static func overviewPage(_ v: SchoolView, input: ExportInput, w: Words) -> String {
        let views = WeeklyViews(v, w)
        let s = sheet(views.overview(), kind: "school", key: v.school.id, notVerified: input.notVerified)
        return page(w.weekly(.overview, v.school.name), lang: w.lang, nav: nav(v, w), sheets: [s])
    }
}
