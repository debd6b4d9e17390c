// The end of `xinyu district` on the terminal: at most about 15 lines — the counts, the schools
// in trouble (short first, the most missing first, then "and N more") with their advice, and
// where the files are. Every detail is in report.md.

import XinyuDistrict

enum DistrictSummary {
    static func lines(_ o: DistrictOutcome, out: String, files: [String], language: ConsoleLanguage) -> [String] {
        let schools = o.schools
        let short = schools.filter { $0.status == "short" }.count
        let under = schools.filter { $0.status == "understaffed" }.count
        let missing = schools.reduce(0) { $0 + $1.shortLessons }
        var lines = [Say("\(schools.count) 所学校：达标 \(schools.count - short - under)，配备不足 \(under)，未达标 \(short)；共缺 \(missing) 节。",
                         "\(schools.count) school(s): \(schools.count - short - under) ok, \(under) understaffed, \(short) short; \(missing) lesson(s) short.").text(language)]
        let trouble = schools.filter { $0.status != "ok" }.sorted {
            ($0.status == "short" ? 0 : 1, -$0.shortLessons, $0.id) < ($1.status == "short" ? 0 : 1, -$1.shortLessons, $1.id)
        }
        if !trouble.isEmpty {
            lines.append(Say("需关注的学校（最严重的在前）：", "Schools in trouble, worst first:").text(language))
        }
        for s in trouble.prefix(SolveSummary.schoolsShown) {
            let status = s.status == "short" ? Say("缺 \(s.shortLessons) 节", "\(s.shortLessons) short") : Say("配备不足", "understaffed")
            let advice = adviceText(s.adviceLine, language)
            lines.append("  \(s.id) \(s.name): \(status.text(language))" + (advice.isEmpty ? "" : " — " + advice))
        }
        if trouble.count > SolveSummary.schoolsShown {
            let more = trouble.count - SolveSummary.schoolsShown
            lines.append("  " + Say("……另有 \(more) 所", "… and \(more) more").text(language))
        }
        let where_ = files.joined(separator: ", ")
        lines.append(Say("文件：\(out)/ — \(where_)", "Files in \(out)/: \(where_)").text(language))
        return lines
    }

    /// The advice line is "中文 / English": one side of it when one language is asked for, each
    /// side cut to a terminal line's worth (report.md and schools.csv have it whole).
    static func adviceText(_ line: String, _ language: ConsoleLanguage) -> String {
        let columns = 90
        guard let cut = line.range(of: " / ") else { return DisplayWidth.truncate(line, to: columns) }
        let zh = DisplayWidth.truncate(String(line[..<cut.lowerBound]), to: columns)
        let en = DisplayWidth.truncate(String(line[cut.upperBound...]), to: columns)
        return Say(zh, en).text(language)
    }
}
