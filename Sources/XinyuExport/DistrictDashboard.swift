// The district office's dashboard (html/index.html of a `xinyu district` output): every school
// with its status, staffing, reasons, advice and counseling room; the month × school heat table;
// inline SVG charts (shortfall by month, staffing gap by stage, hires needed). Offline: one file,
// inline CSS and SVG, no script.

import XinyuCore
import XinyuPack

enum DistrictDashboard {
    static let css = """
        .advice td,.advice th{font-size:.82rem}
        .school{border-left:4px solid var(--line)}
        .school.short{border-left-color:var(--bad)}.school.understaffed{border-left-color:#c77700}
        .badge.understaffed{background:#c77700}
        .facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:4px 0 8px;font-size:.88rem}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px}
        .legend{font-size:.78rem;color:var(--muted)}
        """

    static func page(_ input: ExportInput, _ f: DistrictFiles, views: [SchoolView], w: Words) -> String {
        let t = { (zh: String, en: String) in w.lang == .zh ? zh : en }
        let d = input.district
        var b = "<style>\(css)</style>"
        let count = { (st: String) in f.schools.filter { $0.status == st }.count }
        let hires = optionOneHires(f)
        b += "<div class=\"cards cardrow\">"
        for (label, value) in [(t("学校", "Schools"), f.schools.count), (t("未达标", "Short"), count("short")),
                               (t("配备不足", "Understaffed"), count("understaffed")), (t("达标", "OK"), count("ok")),
                               (t("缺课节数", "Lessons missing"), f.schools.reduce(0) { $0 + $1.shortLessons }),
                               (t("建议新聘教师", "Teachers to hire"), hires.reduce(0) { $0 + $1.count })] {
            b += "<div class=\"card\">\(Site.esc(label))<b>\(value)</b></div>"
        }
        b += "</div>\n"
        b += "<section id=\"charts\"><h2>\(Site.esc(t("一图看懂", "At a glance")))</h2><div class=\"charts\">"
        b += chartBox(t("各月缺课节数", "Lessons missing by month"), DashboardCharts.shortfallByMonth(input.months, w: w))
        b += chartBox(t("各学段师资缺口", "Staffing gap by stage"), DashboardCharts.gapByStage(f, hires: hires, w: w))
        b += chartBox(t("各校需新聘教师（方案1）", "Teachers to hire per school (option 1)"), DashboardCharts.hiresBySchool(hires, w: w))
        b += "</div></section>\n"
        b += schoolsTable(f, w: w, t: t)
        b += heatTable(input, views: views, w: w, t: t)
        b += "<section id=\"trouble\"><h2>\(Site.esc(t("需关注的学校：原因与建议", "Schools in trouble: reasons and advice")))</h2>"
        let trouble = f.schools.filter { $0.status != "ok" }.sorted {
            ($0.status == "short" ? 0 : 1, -$0.shortLessons, $0.id) < ($1.status == "short" ? 0 : 1, -$1.shortLessons, $1.id)
        }
        if trouble.isEmpty { b += "<p>\(Site.esc(t("无：每所学校都达标且配备齐全。", "None: every school meets every minimum and the staffing rule.")))</p>" }
        for s in trouble { b += schoolCard(s, input: input, f: f, w: w, t: t) }
        b += "</section>\n"
        b += "<nav class=\"noprint\"><section><h2>\(Site.esc(t("学校页面", "School pages")))</h2><ul class=\"toc\">"
        for s in f.schools {
            b += "<li><a class=\"\(s.status == "ok" ? "" : "short")\" href=\"\(Site.esc(Site.schoolFile(s.id)))\">\(Site.esc(s.id)) \(Site.esc(s.name))</a></li>"
        }
        b += "</ul></section></nav>"
        let title = t("\(d.name) 区级心理健康课看板", "\(d.name): district dashboard")
        let head = "<h1>\(Site.esc(title))</h1><p>\(Site.esc(w(.term, w.date(d.termStart), w.date(d.termEnd))))</p>"
        return Site.page(title: title, lang: w.lang, header: head, body: b, w: w, notVerified: input.notVerified)
    }

    static func chartBox(_ title: String, _ svg: String) -> String {
        "<div><h3>\(Site.esc(title))</h3>\(svg)</div>"
    }

    /// The hire rows of every school's option 1.
    static func optionOneHires(_ f: DistrictFiles) -> [DistrictFiles.Action] {
        f.actions.filter { $0.option == 1 && ($0.kind == "hire_full" || $0.kind == "hire_part") }
    }

    static func badge(_ status: String, t: (String, String) -> String) -> String {
        let label = status == "short" ? t("未达标", "short") : status == "understaffed" ? t("配备不足", "understaffed") : t("达标", "ok")
        return "<span class=\"badge \(status == "ok" ? "ok" : status == "short" ? "short" : "understaffed")\">\(Site.esc(label))</span>"
    }

    static func staffingText(_ s: DistrictFiles.School, t: (String, String) -> String) -> String {
        var text = t("专职 \(s.fulltime)", "full-time \(s.fulltime)")
        if !s.fulltimeMissing.isEmpty {
            let stages = s.fulltimeMissing.map { Stage(rawValue: $0).map { t($0.chinese, $0.rawValue) } ?? $0 }.joined(separator: "、")
            text += t("（缺：\(stages)各需1名）", " (missing: 1 each for \(stages))")
        }
        text += t("；兼职 \(s.parttime)/需 \(s.parttimeNeeded)", "; part-time \(s.parttime) of \(s.parttimeNeeded) needed")
        return text
    }

    static func schoolsTable(_ f: DistrictFiles, w: Words, t: (String, String) -> String) -> String {
        var b = "<section id=\"schools\"><h2>\(Site.esc(t("全部学校", "Every school")))</h2><div class=\"scroll\"><table><thead><tr>"
        for h in [t("学校", "School"), t("状态", "Status"), t("班级", "Classes"), t("学生", "Students"), t("应上/已排", "Required/placed"),
                  t("缺课", "Missing"), t("心理教师（现有/需要）", "Psychology teachers (present/needed)"), t("辅导室 小时/周", "Counseling room h/week")] {
            b += "<th>\(Site.esc(h))</th>"
        }
        b += "</tr></thead><tbody>"
        for s in f.schools {
            b += "<tr data-school=\"\(Site.esc(s.id))\" class=\"\(s.status == "short" ? "short" : "")\"><td><a href=\"#school-\(Site.esc(fileSafe(s.id)))\">\(Site.esc(s.id)) \(Site.esc(s.name))</a></td>"
            b += "<td>\(badge(s.status, t: t))</td><td class=\"num\">\(s.classes)</td><td class=\"num\">\(s.students)</td>"
            b += "<td class=\"num\">\(s.required)/\(s.placed)</td><td class=\"num\">\(s.shortLessons)</td>"
            b += "<td>\(Site.esc(staffingText(s, t: t)))</td>"
            b += "<td class=\"num\">\(Site.esc(s.roomHours.map(hoursText) ?? t("未申报", "none declared")))</td></tr>"
        }
        return b + "</tbody></table></div></section>\n"
    }

    static func hoursText(_ h: Double) -> String { h == h.rounded() ? String(Int(h)) : String(h) }

    /// Months × schools: placed/required, red by the share missing (as the solve dashboard).
    static func heatTable(_ input: ExportInput, views: [SchoolView], w: Words, t: (String, String) -> String) -> String {
        let months = Array(Set(input.months.map(\.month))).sorted()
        var b = "<section id=\"heatmap\"><h2>\(Site.esc(t("月份 × 学校", "Months × schools")))</h2><p class=\"note\">\(Site.esc(w(.heatMapNote)))</p>"
        b += "<div class=\"scroll\"><table class=\"heat\"><thead><tr><th>\(Site.esc(t("学校", "School")))</th>"
        for m in months { b += "<th>\(Site.esc(w.month(m)))</th>" }
        b += "</tr></thead><tbody>"
        for v in views {
            b += "<tr><th>\(Site.esc(v.school.id))</th>"
            for m in months {
                let rows = v.months.filter { $0.month == m }
                if rows.isEmpty { b += "<td>–</td>"; continue }
                let req = rows.reduce(0) { $0 + $1.required }, sch = rows.reduce(0) { $0 + $1.scheduled }
                let met = rows.reduce(0) { $0 + min($1.required, $1.scheduled) }
                let alpha = 0.25 + 0.6 * (1 - (req == 0 ? 1.0 : Double(met) / Double(req)))
                let style = met < req ? "background:rgba(179,38,30,\(Site.format2(alpha)));color:\(alpha < 0.5 ? "#5c0b07" : "#fff")"
                    : "background:rgba(46,125,50,0.75);color:#fff"
                b += "<td data-month=\"\(m)\" data-school=\"\(Site.esc(v.school.id))\" style=\"\(style)\">\(sch)/\(req)</td>"
            }
            b += "</tr>"
        }
        return b + "</tbody></table></div></section>\n"
    }

    /// One school in trouble: staffing, room, reasons by month, the advice options.
    static func schoolCard(_ s: DistrictFiles.School, input: ExportInput, f: DistrictFiles, w: Words, t: (String, String) -> String) -> String {
        var b = "<div class=\"school \(s.status)\" id=\"school-\(Site.esc(fileSafe(s.id)))\" data-school=\"\(Site.esc(s.id))\">"
        b += "<h3>\(Site.esc(s.id)) \(Site.esc(s.name)) \(badge(s.status, t: t))</h3><div class=\"facts\">"
        b += "<span>\(Site.esc(t("缺课 \(s.shortLessons) 节", "\(s.shortLessons) lesson(s) missing")))</span>"
        b += "<span>\(Site.esc(staffingText(s, t: t)))</span>"
        b += "<span>\(Site.esc(t("心理辅导室：", "Counseling room: ") + (s.roomHours.map { t("每周 \(hoursText($0)) 小时", "\(hoursText($0)) h a week") } ?? t("未申报", "none declared"))))</span>"
        if !s.shared.isEmpty { b += "<span>\(Site.esc(t("巡回教师：", "Shared teachers: ") + s.shared.joined(separator: ", ")))</span>" }
        b += "</div>"
        let keys = input.explanations.keys.filter { $0.school == s.id }.sorted { $0.month < $1.month }
        let shortMonths = Set(input.months.filter { $0.school == s.id && $0.scheduled < $0.required }.map(\.month))
        if !shortMonths.isEmpty {
            b += "<h4>\(Site.esc(t("原因", "Reasons")))</h4><ul class=\"reasons\">"
            for m in shortMonths.sorted() {
                let classes = input.months.filter { $0.school == s.id && $0.month == m && $0.scheduled < $0.required }
                b += "<li data-month=\"\(m)\"><b>\(Site.esc(w.month(m)))</b> · " + Site.esc(classes.map { "\($0.classID) (\($0.scheduled)/\($0.required))" }.joined(separator: ", "))
                let reasons = keys.first { $0.month == m }.flatMap { input.explanations[$0] } ?? []
                if reasons.isEmpty {
                    b += "<ul><li>\(Site.esc(w(.explanationMissing)))</li></ul>"
                } else {
                    b += "<ul>" + reasons.map { "<li>\(Site.esc(w.lang == .zh ? $0.zh : $0.en))</li>" }.joined() + "</ul>"
                }
                b += "</li>"
            }
            b += "</ul>"
        }
        b += adviceTable(f.actions.filter { $0.school == s.id }, school: s, district: input.district, w: w, t: t)
        return b + "</div>"
    }
}
