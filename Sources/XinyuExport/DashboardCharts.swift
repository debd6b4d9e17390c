// Inline SVG bar charts of the district dashboard: drawn as plain rectangles and text so they
// show offline, print, and need no script.

import XinyuPack

enum DashboardCharts {
    /// Vertical bars with a label under each and the value above; `colors` per series (stacked).
    static func bars(_ items: [(label: String, values: [Int])], colors: [String], legend: [String], empty: String) -> String {
        guard items.contains(where: { $0.values.contains { $0 > 0 } }) else { return "<p class=\"note\">\(Site.esc(empty))</p>" }
        let top = max(1, items.map { $0.values.reduce(0, +) }.max() ?? 1)
        let barW = 34, gap = 14, plotH = 140, left = 10
        let legendW = 120
        let width = max(left + legend.count * legendW, left + items.count * (barW + gap) + 10), height = plotH + 60
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        s += "<line x1=\"\(left)\" y1=\"\(plotH + 20)\" x2=\"\(width - 5)\" y2=\"\(plotH + 20)\" stroke=\"#9aa5b1\"/>"
        for (i, item) in items.enumerated() {
            let x = left + i * (barW + gap) + gap / 2
            var y = plotH + 20
            for (k, v) in item.values.enumerated() where v > 0 {
                let h = max(1, Int((Double(v) / Double(top) * Double(plotH)).rounded()))
                y -= h
                s += "<rect class=\"chart-bar\" data-value=\"\(v)\" x=\"\(x)\" y=\"\(y)\" width=\"\(barW)\" height=\"\(h)\" fill=\"\(colors[k % colors.count])\"/>"
            }
            s += "<text x=\"\(x + barW / 2)\" y=\"\(y - 4)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1f2933\">\(item.values.reduce(0, +))</text>"
            s += "<text x=\"\(x + barW / 2)\" y=\"\(plotH + 34)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#616e7c\">\(Site.esc(item.label))</text>"
        }
        for (k, name) in legend.enumerated() {
            let x = left + k * legendW
            s += "<rect x=\"\(x)\" y=\"\(plotH + 44)\" width=\"10\" height=\"10\" fill=\"\(colors[k % colors.count])\"/>"
            s += "<text x=\"\(x + 14)\" y=\"\(plotH + 53)\" font-size=\"10\" fill=\"#616e7c\">\(Site.esc(name))</text>"
        }
        return "<div class=\"scroll\">" + s + "</svg></div>"
    }

    /// Lessons missing in the district per month.
    static func shortfallByMonth(_ months: [MonthRow], w: Words) -> String {
        let keys = Array(Set(months.map(\.month))).sorted()
        let items = keys.map { m in
            (label: String(m.suffix(5)), values: [months.filter { $0.month == m }.reduce(0) { $0 + max(0, $1.required - $1.scheduled) }])
        }
        return bars(items, colors: ["#b3261e"], legend: [w.lang == .zh ? "缺课节数" : "lessons missing"],
                    empty: w.lang == .zh ? "各月均无缺课。" : "No month is short.")
    }

    /// Per stage: full-time and part-time teachers to hire (option 1), and schools with no
    /// full-time teacher of the stage beyond those hires.
    static func gapByStage(_ f: DistrictFiles, hires: [DistrictFiles.Action], w: Words) -> String {
        let zh = w.lang == .zh
        let items = Stage.allCases.compactMap { st -> (label: String, values: [Int])? in
            let full = hires.filter { $0.stage == st.rawValue && $0.kind == "hire_full" }.reduce(0) { $0 + $1.count }
            let part = hires.filter { $0.stage == st.rawValue && $0.kind == "hire_part" }.reduce(0) { $0 + $1.count }
            let hiredFull = Set(hires.filter { $0.stage == st.rawValue && $0.kind == "hire_full" }.map(\.school))
            let lacking = f.schools.filter { $0.fulltimeMissing.contains(st.rawValue) && !hiredFull.contains($0.id) }.count
            guard f.schools.contains(where: { $0.stages.contains(st.rawValue) }) else { return nil }
            return (zh ? st.chinese : st.rawValue, [full, part, lacking])
        }
        return bars(items, colors: ["#1f4e79", "#6f9fd8", "#c77700"],
                    legend: zh ? ["新聘专职", "新聘兼职", "缺专职的学校"] : ["full-time hires", "part-time hires", "schools lacking full-time"],
                    empty: zh ? "各学段无师资缺口。" : "No stage has a staffing gap.")
    }

    /// Teachers to hire per school (option 1), full-time and part-time stacked.
    static func hiresBySchool(_ hires: [DistrictFiles.Action], w: Words) -> String {
        let schools = Array(Set(hires.map(\.school))).sorted()
        let items = schools.map { s in
            (label: s, values: ["hire_full", "hire_part"].map { k in hires.filter { $0.school == s && $0.kind == k }.reduce(0) { $0 + $1.count } })
        }
        let zh = w.lang == .zh
        return bars(items, colors: ["#1f4e79", "#6f9fd8"], legend: zh ? ["专职", "兼职"] : ["full-time", "part-time"],
                    empty: zh ? "无需新聘教师。" : "No school needs a new teacher.")
    }
}
