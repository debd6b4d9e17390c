// A cycle of two weeks written as one long week: FET has no weeks, and an XHSTT instance may give
// its 10 (or 12) days without Week groups. An even number of days from 8 to 14 with no weeks is
// read as two weeks of half as many days: days 1…n are week A (odd teaching weeks, 单周), days
// n+1…2n week B (even, 双周). This is the 单双周 timetable the pack's `weeks` column holds.

enum TwoWeekCycle {
    /// Folds `source` when its days form two weeks; refuses more than 7 days that cannot.
    static func fold(_ source: inout ImportSource) throws(ImportError) {
        let days = source.dayNames.count
        guard days > 7 else { return }
        let file = source.files.first ?? "input"
        guard !source.twoWeek, days % 2 == 0, days <= 14 else {
            throw .input(file, "\(days) days in a week: a pack allows 1–7, and only an even cycle of 8–14 days (two weeks) can be folded into odd and even weeks / 每周天数超过 7，且不是两周（8–14 天）的循环")
        }
        let half = days / 2
        let names = source.dayNames
        source.dayNames = Array(names.prefix(half))
        source.twoWeek = true
        for i in source.lessons.indices {
            let d = source.lessons[i].weekday
            source.lessons[i].week = d > half ? 2 : 1
            source.lessons[i].weekday = d > half ? d - half : d
        }
        source.notes.append("a cycle of \(days) days without weeks: days 1–\(half) (\(names[0]) … \(names[half - 1])) are week A (odd teaching weeks 单周), days \(half + 1)–\(days) (\(names[half]) … \(names[days - 1])) week B (even 双周) / \(days) 天循环按单双周导入")
    }
}
