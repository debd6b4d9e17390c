// calendar.csv (optional): holidays, closures, exam days and make-up days of the district.

enum CalendarFile {
    static let path = "calendar.csv"

    /// The entries in file order. `term` is nil when district.toml's term is invalid; then dates
    /// are not checked against it.
    static func read(root: String, term: (start: CivilDate, end: CivilDate)?, log: inout DiagnosticLog) -> [CalendarEntry] {
        guard PackText.fileExists(root: root, path) else { return [] }
        guard let table = CSVTable.read(root: root, path, required: ["date", "kind", "follows_weekday"],
                                        optional: ["note"], log: &log) else { return [] }
        var entries: [CalendarEntry] = []
        var lineOfDate: [CivilDate: Int] = [:]
        for row in table.records {
            var ok = true
            func fail(_ field: String, en: String, zh: String) {
                log.error(path, line: row.line, field: field, en: en, zh: zh)
                ok = false
            }
            // date: an ISO date inside the term, listed once.
            let date = CivilDate(iso: row["date"])
            if let date {
                if let term, date < term.start || date > term.end {
                    fail("date", en: "date \(quoted(date.iso)) is outside the term \(termText(term.start, term.end))",
                         zh: "日期 \(quoted(date.iso)) 不在学期 \(termText(term.start, term.end)) 内")
                }
                if let first = lineOfDate[date] {
                    fail("date", en: "date \(quoted(date.iso)) is listed twice (also at line \(first))",
                         zh: "日期 \(quoted(date.iso)) 重复列出（另见第 \(first) 行）")
                } else {
                    lineOfDate[date] = row.line
                }
            } else {
                fail("date", en: "date \(quoted(row["date"])) is not a date like 2026-10-01",
                     zh: "日期 \(quoted(row["date"])) 格式不对（应如 2026-10-01）")
            }
            // kind: holiday, closure, exam or makeup.
            let kind = CalendarKind(rawValue: row["kind"].lowercased())
            if kind == nil {
                fail("kind", en: "kind \(quoted(row["kind"])) is not one of holiday, closure, exam, makeup, training",
                     zh: "类型 kind \(quoted(row["kind"])) 不是 holiday（节假日）、closure（停课）、exam（考试）、makeup（调休上课）、training（培训）之一")
            }
            // follows_weekday: the weekday (1–7) whose timetable a makeup day runs; empty otherwise.
            let follows = row["follows_weekday"]
            var followsWeekday: Int?
            if kind == .makeup {
                if follows.isEmpty {
                    fail("follows_weekday", en: "a makeup day needs follows_weekday (1 = Monday … 7 = Sunday)",
                         zh: "调休上课日须填写 follows_weekday（按星期几的课表：1 = 星期一 … 7 = 星期日）")
                } else if let weekday = wholeNumber(follows, in: 1...7) {
                    followsWeekday = weekday
                } else {
                    fail("follows_weekday", en: "follows_weekday \(quoted(follows)) is not 1–7", zh: "follows_weekday \(quoted(follows)) 不是 1–7")
                }
            } else if kind != nil, !follows.isEmpty {
                fail("follows_weekday", en: "follows_weekday \(quoted(follows)) must be empty for a \(kind?.rawValue ?? "") day (only makeup days follow a weekday)",
                     zh: "\(kind?.rawValue ?? "") 日的 follows_weekday \(quoted(follows)) 须留空（只有调休上课日按某星期的课表）")
            }
            if ok, let date, let kind {
                entries.append(CalendarEntry(date: date, kind: kind, followsWeekday: followsWeekday, note: row["note"]))
            }
        }
        return entries
    }
}
