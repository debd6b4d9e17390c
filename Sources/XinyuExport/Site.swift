import XinyuCore
import XinyuPack

/// A self-contained static site: `index.html` (the district dashboard) and one page per school.
/// Every page inlines its CSS, loads nothing from the network, reads on a phone (viewport meta,
/// tables scroll sideways) and prints on A4 (`@media print`).
enum Site {
    /// The page of a school, relative to the site's folder.
    static func schoolFile(_ id: String) -> String { "school-" + fileSafe(id) + ".html" }

    /// HTML text escaping (element content and attribute values).
    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let css = """
        :root{--ink:#1f2933;--muted:#616e7c;--line:#d9dee3;--accent:#1f4e79;--ok:#2e7d32;--bad:#b3261e;--badbg:#fde7e9;--lesson:#e2efda}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#f7f9fb}
        header{background:var(--accent);color:#fff;padding:16px 20px}
        header h1{margin:0;font-size:1.35rem}
        header p{margin:4px 0 0;opacity:.85}
        header a{color:#fff}
        main{padding:12px 20px;max-width:1200px;margin:0 auto}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:14px 0}
        h2{font-size:1.1rem;margin:0 0 8px}
        h3{font-size:1rem;margin:16px 0 6px}
        .note{color:var(--muted);font-size:.85rem;margin:4px 0}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        table{border-collapse:collapse;font-size:.85rem;min-width:100%}
        th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#eef2f6;font-weight:600;white-space:nowrap}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:.8rem;color:#fff}
        .badge.ok{background:var(--ok)}.badge.short{background:var(--bad)}
        tr.short td,td.short{background:var(--badbg);color:var(--bad)}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px}
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}
        .card b{display:block;font-size:1.4rem}
        .heat td{text-align:center;white-space:nowrap}
        .cal td{width:14%;min-width:96px;height:54px;font-size:.78rem}
        .cal td.off{background:#f1f3f5;color:#9aa5b1}
        .cal td.exam{background:#fff7e0}
        .cal .d{color:var(--muted);font-size:.72rem}
        .lesson{background:var(--lesson);border-radius:4px;padding:2px 4px;margin-top:2px}
        .toc{display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:0;list-style:none}
        .toc a{display:inline-block;padding:2px 8px;border:1px solid var(--line);border-radius:12px;text-decoration:none;color:var(--accent)}
        .toc a.short{border-color:var(--bad);color:var(--bad)}
        .reasons li{margin:2px 0}
        svg text{font-family:inherit}
        footer{color:var(--muted);font-size:.8rem;text-align:center;padding:16px}
        @media (max-width:600px){main{padding:8px}section{padding:10px}header h1{font-size:1.1rem}body{font-size:14px}}
        @media print{
          @page{size:A4 landscape;margin:12mm}
          body{background:#fff;font-size:10pt}
          header{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 6px}
          header a,.noprint,nav{display:none}
          main{max-width:none;padding:0}
          section{border:0;padding:0;margin:8px 0;break-inside:auto}
          .classgrid,.cardrow,tr{break-inside:avoid}
          .classgrid+.classgrid{break-before:page}
          .cal td{height:auto;min-width:0;padding:2px 4px}
          .scroll{overflow:visible}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """

    static func page(title: String, lang: Language, header: String, body: String, w: Words, notVerified: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang.tag)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <header>\(header)</header>
        <main>
        \(notVerified ? "<p class=\"warn\" style=\"color:#b3261e;font-weight:700\">\(esc(WeeklySheets.notVerified))</p>" : "")\(body)
        </main>
        <footer>\(esc(w(.generated, XinyuVersion.string)))</footer>
        </body>
        </html>

        """
    }

    // MARK: dashboard

    static func dashboard(_ input: ExportInput, views: [SchoolView], w: Words) -> String {
        let d = input.district
        var b = ""
        let required = views.reduce(0) { $0 + $1.required }
        let placed = input.lessons.count
        let missing = views.reduce(0) { $0 + $1.missing }
        let shortRows = input.months.filter { $0.scheduled < $0.required }
        let classes = d.schools.reduce(0) { $0 + $1.classes.count }
        b += "<div class=\"cards cardrow\">"
        for (label, value) in [(w(.schools), d.schools.count), (w(.klass), classes), (w(.required), required),
                               (w(.placed), placed), (w(.short), missing)] {
            b += "<div class=\"card\">\(esc(label))<b>\(value)</b></div>"
        }
        b += "</div>\n"

        // Schools by status: short schools first, then by id.
        b += "<section id=\"status\"><h2>\(esc(w(.schoolsByStatus)))</h2><div class=\"scroll\"><table><thead><tr>"
        for h in [w(.school), w(.klass), w(.required), w(.placed), w(.short), w(.status)] { b += "<th>\(esc(h))</th>" }
        b += "</tr></thead><tbody>"
        for v in views.sorted(by: { ($0.missing == 0 ? 1 : 0, $0.school.id) < ($1.missing == 0 ? 1 : 0, $1.school.id) }) {
            let ok = v.missing == 0
            b += "<tr data-school=\"\(esc(v.school.id))\"><td><a href=\"\(esc(schoolFile(v.school.id)))\">\(esc(v.school.id)) \(esc(v.school.name))</a></td>"
            b += "<td class=\"num\">\(v.school.classes.count)</td><td class=\"num\">\(v.required)</td><td class=\"num\">\(v.lessons.count)</td>"
            b += "<td class=\"num\">\(v.missing)</td><td><span class=\"badge \(ok ? "ok" : "short")\">\(esc(ok ? w(.statusOK) : w(.statusShort)))</span></td></tr>"
        }
        b += "</tbody></table></div></section>\n"

        b += heatMap(input, views: views, w: w)

        // Teacher load: inline SVG bar chart of lessons per psychology teacher over the term.
        b += "<section id=\"load\"><h2>\(esc(w(.teacherLoad)))</h2><p class=\"note\">\(esc(w(.teacherLoadNote)))</p>"
        b += loadChart(input, views: views, w: w)
        b += "</section>\n"

        b += shortfallsSection(input, shortRows: shortRows, missing: missing, w: w)

        b += "<nav class=\"noprint\"><section><h2>\(esc(w(.schools)))</h2><ul class=\"toc\">"
        for v in views { b += "<li><a class=\"\(v.missing > 0 ? "short" : "")\" href=\"\(esc(schoolFile(v.school.id)))\">\(esc(v.school.id)) \(esc(v.school.name))</a></li>" }
        b += "</ul></section></nav>"

        let title = w(.dashboard, d.name)
        let head = "<h1>\(esc(title))</h1><p>\(esc(w(.term, w.date(d.termStart), w.date(d.termEnd))))</p>"
        return page(title: title, lang: w.lang, header: head, body: b, w: w, notVerified: input.notVerified)
    }

    /// Heat map: rows = schools, columns = months; colour by the share of required lessons placed.
    static func heatMap(_ input: ExportInput, views: [SchoolView], w: Words) -> String {
        var b = ""
        let months = Array(Set(input.months.map(\.month))).sorted()
        b += "<section id=\"heatmap\"><h2>\(esc(w(.heatMap)))</h2><p class=\"note\">\(esc(w(.heatMapNote)))</p><div class=\"scroll\"><table class=\"heat\"><thead><tr><th>\(esc(w(.school)))</th>"
        for m in months { b += "<th>\(esc(w.month(m)))</th>" }
        b += "</tr></thead><tbody>"
        for v in views {
            b += "<tr><th>\(esc(v.school.id))</th>"
            for m in months {
                let rows = v.months.filter { $0.month == m }
                let req = rows.reduce(0) { $0 + $1.required }, sch = rows.reduce(0) { $0 + $1.scheduled }
                let met = rows.reduce(0) { $0 + min($1.required, $1.scheduled) }
                if rows.isEmpty { b += "<td>–</td>"; continue }
                let ratio = req == 0 ? 1.0 : Double(met) / Double(req)
                // Red deepens with the share missing; light cells keep dark text to stay legible.
                let alpha = 0.25 + 0.6 * (1 - ratio)
                let style = met < req
                    ? "background:rgba(179,38,30,\(format2(alpha)));color:\(alpha < 0.5 ? "#5c0b07" : "#fff")"
                    : "background:rgba(46,125,50,0.75);color:#fff"
                b += "<td data-month=\"\(m)\" data-school=\"\(esc(v.school.id))\" style=\"\(style)\">\(sch)/\(req)</td>"
            }
            b += "</tr>"
        }
        b += "</tbody></table></div></section>\n"
        return b
    }

    /// Shortfalls with their explanations (report.md), grouped by school and month.
    static func shortfallsSection(_ input: ExportInput, shortRows: [MonthRow], missing: Int, w: Words) -> String {
        var b = ""
        b += "<section id=\"shortfalls\"><h2>\(esc(w(.shortfalls)))</h2>"
        if shortRows.isEmpty {
            b += "<p>\(esc(w(.noShortfalls)))</p>"
        } else {
            b += "<p>\(esc(w(.classesShort, String(shortRows.count)))), \(esc(w(.lessonsShort, String(missing))))</p>"
            var groups: [(ExportInput.MonthKey, [MonthRow])] = []
            for r in shortRows {
                let k = ExportInput.MonthKey(school: r.school, month: r.month)
                if let i = groups.firstIndex(where: { $0.0 == k }) { groups[i].1.append(r) } else { groups.append((k, [r])) }
            }
            groups.sort { ($0.0.school, $0.0.month) < ($1.0.school, $1.0.month) }
            for (k, rows) in groups {
                b += "<div class=\"shortfall\" data-school=\"\(esc(k.school))\" data-month=\"\(k.month)\"><h3>\(esc(k.school)) \(esc(w.month(k.month)))</h3><p class=\"note\">"
                b += rows.map { "\(esc($0.classID)) (\($0.scheduled)/\($0.required))" }.joined(separator: ", ")
                b += "</p><ul class=\"reasons\">"
                if let reasons = input.explanations[k], !reasons.isEmpty {
                    for t in reasons { b += "<li>\(esc(w.lang == .zh ? t.zh : t.en))</li>" }
                } else {
                    b += "<li>\(esc(w(.explanationMissing)))</li>"
                }
                b += "</ul></div>"
            }
        }
        b += "</section>\n"
        return b
    }

    /// Horizontal bars, one per psychology teacher with a school in the district, longest first.
    static func loadChart(_ input: ExportInput, views: [SchoolView], w: Words) -> String {
        var count: [String: Int] = [:]
        for l in input.lessons { count[l.teacher, default: 0] += 1 }
        var seen = Set<String>()
        var bars: [(label: String, n: Int, cap: Int?)] = []
        for v in views {
            for t in v.lessonTeachers where !seen.contains(t.id) {
                seen.insert(t.id)
                bars.append(("\(t.name.isEmpty ? t.id : t.name) · \(t.id) · \(v.school.id)", count[t.id] ?? 0, t.maxPerWeek))
            }
        }
        bars.sort { ($0.n, $1.label) > ($1.n, $0.label) }
        let top = max(1, bars.map(\.n).max() ?? 1)
        let rowH = 22, labelW = 230, barW = 560, width = labelW + barW + 110
        let height = rowH * bars.count + 10
        var s = "<div class=\"scroll\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(esc(w(.teacherLoad)))\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        for (i, bar) in bars.enumerated() {
            let y = 5 + i * rowH
            let len = Int((Double(bar.n) / Double(top) * Double(barW)).rounded())
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1f2933\">\(esc(bar.label))</text>"
            s += "<rect class=\"bar\" data-lessons=\"\(bar.n)\" x=\"\(labelW)\" y=\"\(y + 3)\" width=\"\(max(1, len))\" height=\"\(rowH - 6)\" rx=\"3\" fill=\"#1f4e79\"/>"
            let cap = bar.cap.map { " (\(w(.capacityPerWeek, String($0))))" } ?? ""
            s += "<text x=\"\(labelW + len + 6)\" y=\"\(y + 15)\" font-size=\"12\" fill=\"#616e7c\">\(bar.n)\(esc(cap))</text>"
        }
        return s + "</svg></div>"
    }

    // MARK: school page

    static func schoolPage(_ v: SchoolView, input: ExportInput, w: Words) -> String {
        let s = v.school
        var b = ""
        // Contents: one link per class (red when a month is short).
        let shortClasses = Set(v.months.filter { $0.scheduled < $0.required }.map(\.classID))
        b += "<nav class=\"noprint\"><section><h2>\(esc(w(.classGrids)))</h2><ul class=\"toc\">"
        for c in s.classes {
            b += "<li><a class=\"\(shortClasses.contains(c.id) ? "short" : "")\" href=\"#\(esc(anchor(c.id)))\">\(esc(c.id))</a></li>"
        }
        b += "</ul></section></nav>\n"
        // The weekly 课程表 pages made to be printed (WeeklyPages).
        b += "<nav class=\"noprint\"><section><h2>\(esc(w.weekly(.weeklyLinks)))</h2><ul class=\"toc\">"
        for (file, label) in [(WeeklyPages.classesFile(s.id), w.weekly(.classPages)), (WeeklyPages.teachersFile(s.id), w.weekly(.teacherPages)),
                              (WeeklyPages.overviewFile(s.id), w.weekly(.overview, s.name))] {
            b += "<li><a href=\"\(esc(file))\">\(esc(label))</a></li>"
        }
        b += "</ul></section></nav>\n"

        // Each class's term grid: rows = teaching weeks, columns = weekdays.
        let weekdays = max(s.daysPerWeek, v.calendar.schoolDays.map(\.date.weekday).max() ?? 5)
        var weeks: [Int: CivilDate] = [:]  // teaching week → its Monday
        for day in v.calendar.schoolDays where weeks[day.teachingWeek] == nil { weeks[day.teachingWeek] = day.date.weekMonday }
        let schoolDay = Dictionary(v.calendar.schoolDays.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        let term = input.district.termStart...input.district.termEnd
        for c in s.classes {
            b += classGrid(c, v, w: w, weeks: weeks, weekdays: weekdays, schoolDay: schoolDay, term: term)
        }

        b += teacherWeeks(v, w: w, weeks: weeks, schoolDay: schoolDay)

        // Bell schedule used for the times above.
        b += "<section id=\"bells\"><h2>\(esc(w(.periodTimes)))</h2>"
        if v.clock.isDefault { b += "<p class=\"note\">\(esc(w(.defaultTimes)))</p>" }
        b += "<div class=\"scroll\"><table><tr>"
        for p in 1...v.clock.periods.count { b += "<th>\(esc(w(.period, String(p))))</th>" }
        b += "</tr><tr>"
        for p in 1...v.clock.periods.count { b += "<td>\(esc(v.clock.label(p)))</td>" }
        b += "</tr></table></div></section>\n"

        let title = "\(s.id) \(s.name)"
        let head = "<p><a href=\"index.html\">\(esc(w(.backToDashboard)))</a></p><h1>\(esc(title))</h1>"
            + "<p>\(esc(w(.term, w.date(input.district.termStart), w.date(input.district.termEnd)))) · \(esc(w(.classCount, String(s.classes.count)))) · \(esc(w(.lessonCount, String(v.lessons.count))))</p>"
        return page(title: title, lang: w.lang, header: head, body: b, w: w, notVerified: input.notVerified)
    }

    /// A class's term grid: rows = teaching weeks, columns = weekdays, each lesson in its day.
    static func classGrid(_ c: SchoolClass, _ v: SchoolView, w: Words, weeks: [Int: CivilDate], weekdays: Int,
                          schoolDay: [CivilDate: SchoolDay], term: ClosedRange<CivilDate>) -> String {
        let s = v.school
        var b = ""
        let ls = v.byClass[c.id] ?? []
        var at: [CivilDate: [Lesson]] = [:]
        for l in ls { at[l.date, default: []].append(l) }
        b += "<section class=\"classgrid\" id=\"\(esc(anchor(c.id)))\" data-class=\"\(esc(c.id))\"><h2>\(esc(w(.classSheet, c.id))) · \(esc(w(.lessonCount, String(ls.count))))</h2>"
        let rows = v.months.filter { $0.classID == c.id }
        b += "<p class=\"note\">" + rows.map { r in
            let cls = r.scheduled < r.required ? " class=\"short\"" : ""
            return "<span\(cls)>\(esc(w.month(r.month))) \(r.scheduled)/\(r.required)</span>"
        }.joined(separator: " · ") + "</p>"
        b += "<div class=\"scroll\"><table class=\"cal\"><thead><tr><th>\(esc(w(.week)))</th>"
        for wd in 1...weekdays { b += "<th>\(esc(w.weekday(wd)))</th>" }
        b += "</tr></thead><tbody>"
        for (week, monday) in weeks.sorted(by: { $0.key < $1.key }) {
            b += "<tr><th>\(week)</th>"
            for wd in 1...weekdays {
                let date = monday.adding(days: wd - 1)
                guard term.contains(date), let day = schoolDay[date] else {
                    let inTerm = term.contains(date)
                    b += "<td class=\"off\"><div class=\"d\">\(esc(w.shortDate(date)))</div>\(inTerm ? esc(w(.holiday)) : "")</td>"
                    continue
                }
                b += "<td class=\"\(day.isExam ? "exam" : "")\"><div class=\"d\">\(esc(w.shortDate(date)))"
                if day.isExam { b += " · \(esc(w(.exam)))" }
                if day.timetableWeekday != date.weekday { b += " · \(esc(w(.makeup, w.weekday(day.timetableWeekday))))" }
                b += "</div>"
                for l in at[date] ?? [] {
                    let teacher = s.teacher(l.teacher).map { $0.name.isEmpty ? $0.id : $0.name } ?? l.teacher
                    b += "<div class=\"lesson\" data-class=\"\(esc(l.classID))\" data-date=\"\(l.date.iso)\" data-period=\"\(l.period)\" data-teacher=\"\(esc(l.teacher))\">"
                    b += "\(esc(w(.period, String(l.period)))) \(esc(v.clock.label(l.period)))<br>\(esc(teacher))<br>"
                    b += esc(l.replaces.isEmpty ? w(.freePeriod) : w(.replaces, l.replaces))
                    if let detail = v.detailText(l, w) { b += "<br><span class=\"topic\">\(esc(detail))</span>" }
                    b += "</div>"
                }
                b += "</td>"
            }
            b += "</tr>"
        }
        b += "</tbody></table></div></section>\n"
        return b
    }

    /// Each psychology teacher's lessons per teaching week.
    static func teacherWeeks(_ v: SchoolView, w: Words, weeks: [Int: CivilDate], schoolDay: [CivilDate: SchoolDay]) -> String {
        var b = ""
        let weekList = weeks.keys.sorted()
        b += "<section id=\"teachers\"><h2>\(esc(w(.loadPerWeek)))</h2><div class=\"scroll\"><table><thead><tr><th>\(esc(w(.teacher)))</th>"
        for wk in weekList { b += "<th title=\"\(esc(w.shortDate(weeks[wk]!)))\">\(wk)</th>" }
        b += "<th>\(esc(w(.total)))</th></tr></thead><tbody>"
        for t in v.lessonTeachers {
            let ls = v.byTeacher[t.id] ?? []
            var perWeek: [Int: Int] = [:]
            for l in ls { if let day = schoolDay[l.date] { perWeek[day.teachingWeek, default: 0] += 1 } }
            let role = t.psych == .full ? w(.psychFull) : t.psych == .part ? w(.psychPart) : ""
            b += "<tr data-teacher=\"\(esc(t.id))\"><th>\(esc(teacherLabel(t))) \(esc(role))</th>"
            for wk in weekList { b += "<td class=\"num\">\(perWeek[wk].map(String.init) ?? "")</td>" }
            b += "<td class=\"num\"><b>\(ls.count)</b></td></tr>"
        }
        b += "</tbody></table></div></section>\n"
        return b
    }

    /// An element id for a class (ids may hold any script; spaces are not allowed in HTML ids).
    static func anchor(_ id: String) -> String { "class-" + fileSafe(id) }

    /// Two decimals without Foundation's locale-dependent formatting.
    static func format2(_ x: Double) -> String {
        let v = Int((max(0, min(1, x)) * 100).rounded())
        return v >= 100 ? "1" : "0." + two(v)
    }
}
