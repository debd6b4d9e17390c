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
            func fail(_ field: String, _ message: String) {
                log.error(path, line: row.line, field: field, message)
                ok = false
            }
            // class: a class of classes.csv.
            let classID = row["class"]
            if let problem = idProblem(classID) {
                fail("class", "class id \(quoted(classID)) \(problem)")
            } else if let ids = context.classIDs, !ids.contains(classID) {
                fail("class", "unknown class \(quoted(classID)) (not in classes.csv)")
            }
            // weekday: 1 = Monday … up to the school's days_per_week.
            let weekday = wholeNumber(row["weekday"], in: weekdays)
            if weekday == nil { fail("weekday", "weekday \(quoted(row["weekday"])) is not \(rangeText(weekdays))") }
            // period: 1 … periods_per_day.
            let period = wholeNumber(row["period"], in: periods)
            if period == nil { fail("period", "period \(quoted(row["period"])) is not \(rangeText(periods))") }
            // subject: any non-empty name (matched against policy.displaceable).
            let subject = row["subject"]
            if subject.isEmpty { fail("subject", "subject is empty") } else if let problem = nameProblem(subject) {
                fail("subject", "subject \(quoted(subject)) \(problem)")
            }
            // teacher: empty, or ids joined by ";", each in teachers.csv.
            var teachers: [String] = []
            let teacherText = row["teacher"]
            if !teacherText.isEmpty {
                if let ids = idList(teacherText) {
                    teachers = ids
                    if let known = context.teacherIDs {
                        for id in ids where !known.contains(id) {
                            fail("teacher", "unknown teacher \(quoted(id)) (not in teachers.csv)")
                        }
                    }
                } else {
                    fail("teacher", "teacher \(quoted(teacherText)) is not a teacher id or ids joined by \";\"")
                }
            }
            // weeks: empty or all (every week), odd (单周), even (双周).
            let weeksText = row["weeks"].lowercased()
            let weeks: WeekParity? = weeksText.isEmpty ? .all : WeekParity(rawValue: weeksText)
            if weeks == nil { fail("weeks", "weeks \(quoted(row["weeks"])) is not all, odd, even or empty") }

            // Two rows of a class at the same weekday and period must apply in different weeks.
            if let weekday, let period, let weeks, !classID.isEmpty {
                let key = SlotKey(classID: classID, weekday: weekday, period: period)
                // One error per clashing row, naming the first row it clashes with; a clashing row
                // is not kept for later comparisons, so the slot list stays short (all, or odd and
                // even) and a file of repeated rows costs linear time, not quadratic.
                if let other = slots[key, default: []].first(where: { overlaps($0.weeks, weeks) }) {
                    fail("weeks", "class \(quoted(classID)) has two rows for weekday \(weekday) period \(period) in the same weeks (lines \(other.line) and \(row.line): \(other.weeks.rawValue) and \(weeks.rawValue))")
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
