// timetable.csv: `class,weekday,period,subject,teacher[,weeks]` — the weekly timetable in force.

enum TimetableFile {
    /// What the timetable is checked against; a nil field was invalid elsewhere and is not checked.
    struct Context {
        var classIDs: Set<String>?
        var teacherIDs: Set<String>?
        var daysPerWeek: Int?
        var periodsPerDay: Int?
    }

    static func read(root: String, folder: String, context: Context, log: inout DiagnosticLog) -> [TimetableRow] {
        let path = folder + "/timetable.csv"
        guard let table = CSVTable.read(root: root, path, required: ["class", "weekday", "period", "subject", "teacher"],
                                        optional: ["weeks"], log: &log) else { return [] }
        var rows: [TimetableRow] = []
        /// (class, weekday, period) → the rows already there, to find overlapping weeks.
        var slots: [SlotKey: [(weeks: WeekParity, line: Int)]] = [:]
        let weekdays = 1...(context.daysPerWeek ?? 7)
        let periods = 1...(context.periodsPerDay ?? SchoolFile.periodsRange.upperBound)
        for row in table.records {
            var ok = true
            func fail(_ field: String, _ text: Bilingual) {
                log.error(path, line: row.line, field: field, text)
                ok = false
            }
            func fail(_ field: String, en: String, zh: String) { fail(field, Bilingual(en: en, zh: zh)) }
            // class: a class of classes.csv.
            let classID = row["class"]
            if let problem = idProblem(classID) {
                fail("class", XinyuPack.problem(Bilingual(en: "class id", zh: "班级编号"), classID, problem))
            } else if let ids = context.classIDs, !ids.contains(classID) {
                fail("class", en: "unknown class \(quoted(classID)) (not in classes.csv)", zh: "未知班级 \(quoted(classID))（不在 classes.csv 中）")
            }
            // weekday: 1 = Monday … up to the school's days_per_week.
            let weekday = wholeNumber(row["weekday"], in: weekdays)
            if weekday == nil { fail("weekday", en: "weekday \(quoted(row["weekday"])) is not \(rangeText(weekdays))",
                                      zh: "星期 \(quoted(row["weekday"])) 不是 \(rangeText(weekdays)) 之一") }
            // period: 1 … periods_per_day.
            let period = wholeNumber(row["period"], in: periods)
            if period == nil { fail("period", en: "period \(quoted(row["period"])) is not \(rangeText(periods))",
                                    zh: "节次 \(quoted(row["period"])) 不是 \(rangeText(periods)) 之一") }
            // subject: any non-empty name (matched against policy.displaceable).
            let subject = row["subject"]
            if subject.isEmpty { fail("subject", en: "subject is empty", zh: "科目为空") } else if let problem = nameProblem(subject) {
                fail("subject", XinyuPack.problem(Bilingual(en: "subject", zh: "科目"), subject, problem))
            }
            // teacher: empty, or ids joined by ";", each in teachers.csv.
            var teachers: [String] = []
            let teacherText = row["teacher"]
            if !teacherText.isEmpty {
                if let ids = idList(teacherText) {
                    teachers = ids
                    if let known = context.teacherIDs {
                        for id in ids where !known.contains(id) {
                            fail("teacher", en: "unknown teacher \(quoted(id)) (not in teachers.csv)",
                                 zh: "未知教师 \(quoted(id))（不在 teachers.csv 中）")
                        }
                    }
                } else {
                    fail("teacher", en: "teacher \(quoted(teacherText)) is not a teacher id or ids joined by \";\"",
                         zh: "教师 \(quoted(teacherText)) 不是教师编号或以 \";\" 连接的多个编号")
                }
            }
            // weeks: empty or all (every week), odd (单周), even (双周).
            let weeksText = row["weeks"].lowercased()
            let weeks: WeekParity? = weeksText.isEmpty ? .all : WeekParity(rawValue: weeksText)
            if weeks == nil { fail("weeks", en: "weeks \(quoted(row["weeks"])) is not all, odd, even or empty",
                                  zh: "周次 \(quoted(row["weeks"])) 不是 all（每周）、odd（单周）、even（双周）或空") }

            // Two rows of a class at the same weekday and period must apply in different weeks.
            if let weekday, let period, let weeks, !classID.isEmpty {
                let key = SlotKey(classID: classID, weekday: weekday, period: period)
                // One error per clashing row, naming the first row it clashes with; a clashing row
                // is not kept for later comparisons, so the slot list stays short (all, or odd and
                // even) and a file of repeated rows costs linear time, not quadratic.
                if let other = slots[key, default: []].first(where: { overlaps($0.weeks, weeks) }) {
                    fail("weeks", en: "class \(quoted(classID)) has two rows for weekday \(weekday) period \(period) in the same weeks (lines \(other.line) and \(row.line): \(other.weeks.rawValue) and \(weeks.rawValue))",
                         zh: "班级 \(quoted(classID)) 星期\(weekday)第\(period)节在相同周次有两行（第 \(other.line) 行与第 \(row.line) 行：\(other.weeks.rawValue) 与 \(weeks.rawValue)）")
                } else {
                    slots[key, default: []].append((weeks, row.line))
                }
            }
            if ok, let weekday, let period, let weeks {
                rows.append(TimetableRow(classID: classID, weekday: weekday, period: period, subject: subject,
                                         teachers: teachers, weeks: weeks, line: row.line))
            }
        }
        return rows
    }

    struct SlotKey: Hashable {
        let classID: String
        let weekday: Int
        let period: Int
    }

    /// Whether two rows' weeks share a week: `all` overlaps everything, odd and even only themselves.
    static func overlaps(_ a: WeekParity, _ b: WeekParity) -> Bool {
        a == .all || b == .all || a == b
    }
}
