// unavailable.csv (optional): `teacher,when,periods,reason` — when a teacher cannot teach.

enum UnavailableFile {
    static func read(root: String, folder: String, teacherIDs: Set<String>?, periodsPerDay: Int?,
                     term: (start: CivilDate, end: CivilDate)?, log: inout DiagnosticLog) -> [Unavailability] {
        let path = folder + "/unavailable.csv"
        guard PackText.fileExists(root: root, path) else { return [] }
        guard let table = CSVTable.read(root: root, path, required: ["teacher", "when", "periods"],
                                        optional: ["reason", "kind"], log: &log) else { return [] }
        var result: [Unavailability] = []
        for row in table.records {
            var ok = true
            func fail(_ field: String, _ text: Bilingual) {
                log.error(path, line: row.line, field: field, text)
                ok = false
            }
            func fail(_ field: String, en: String, zh: String) { fail(field, Bilingual(en: en, zh: zh)) }
            // teacher: a teacher of this school's teachers.csv.
            let teacher = row["teacher"]
            if let problem = idProblem(teacher) {
                fail("teacher", XinyuPack.problem(Bilingual(en: "teacher id", zh: "教师编号"), teacher, problem))
            } else if let known = teacherIDs, !known.contains(teacher) {
                fail("teacher", en: "unknown teacher \(quoted(teacher)) (not in teachers.csv)",
                     zh: "未知教师 \(quoted(teacher))（不在 teachers.csv 中）")
            }
            // when: a date inside the term (e.g. a training day) or a weekday 1–7 (every week).
            let whenText = row["when"]
            var when: Unavailability.When?
            if let weekday = wholeNumber(whenText, in: 1...7), !whenText.contains("-") {
                when = .weekday(weekday)
            } else if let date = CivilDate(iso: whenText) {
                if let term, date < term.start || date > term.end {
                    fail("when", en: "date \(quoted(date.iso)) is outside the term \(termText(term.start, term.end))",
                         zh: "日期 \(quoted(date.iso)) 不在学期 \(termText(term.start, term.end)) 内")
                }
                when = .date(date)
            } else {
                fail("when", en: "when \(quoted(whenText)) is not a date like 2026-10-20 or a weekday 1–7",
                     zh: "when \(quoted(whenText)) 不是日期（如 2026-10-20）或星期 1–7")
            }
            // periods: empty (the whole day) or a list like "1-3;6" within periods_per_day.
            var periods: Set<Int>?
            let periodsText = row["periods"]
            if !periodsText.isEmpty {
                switch periodList(periodsText, max: periodsPerDay ?? SchoolFile.periodsRange.upperBound) {
                case .success(let set): periods = set
                case .failure(let problem): fail("periods", problem.message)
                }
            }
            // kind (optional, a Xinyu extension): empty or `training` (counted in the report).
            let kind = row["kind"].lowercased()
            if !kind.isEmpty && kind != "training" && kind != "other" {
                fail("kind", en: "kind \(quoted(row["kind"])) is not empty, training or other",
                     zh: "kind \(quoted(row["kind"])) 不是空、training（培训）或 other（其他）")
            }
            if ok, let when {
                result.append(Unavailability(teacher: teacher, when: when, periods: periods, reason: row["reason"],
                                             training: kind == "training"))
            }
        }
        return result
    }

    struct PeriodListProblem: Error {
        let message: Bilingual
    }

    /// "1-3;6" → {1, 2, 3, 6}: periods and ranges (low-high, low ≤ high) joined by ";", each in 1…max.
    static func periodList(_ text: String, max: Int) -> Result<Set<Int>, PeriodListProblem> {
        var set = Set<Int>()
        for rawPart in text.split(separator: ";", omittingEmptySubsequences: false) {
            let part = String(rawPart.trimmed(of: " \t"))
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { String($0.trimmed(of: " \t")) }
            guard (1...2).contains(bounds.count), let low = wholeNumber(bounds[0]), let high = wholeNumber(bounds.last!) else {
                return .failure(.init(message: Bilingual(en: "periods \(quoted(text)): \(quoted(part)) is not a period or a range like \"1-3\"",
                                                     zh: "节次 \(quoted(text))：\(quoted(part)) 不是节次或范围（如 \"1-3\"）")))
            }
            guard low <= high else {
                return .failure(.init(message: Bilingual(en: "periods \(quoted(text)): range \(quoted(part)) is backwards (write \"\(high)-\(low)\")",
                                                     zh: "节次 \(quoted(text))：范围 \(quoted(part)) 写反了（应写 \"\(high)-\(low)\"）")))
            }
            guard low >= 1, high <= max else {
                return .failure(.init(message: Bilingual(en: "periods \(quoted(text)): \(quoted(part)) is not within 1–\(max)",
                                                     zh: "节次 \(quoted(text))：\(quoted(part)) 不在 1–\(max) 之内")))
            }
            set.formUnion(low...high)
        }
        return .success(set)
    }
}
