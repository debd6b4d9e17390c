// The rules over sums of lessons, after every lesson was checked alone, in the order
// `Verifier.check` reports them: teacher-day, teacher-week, class-week, same-teacher,
// lecture-missing, month-minimum, months-table, order. Keys are sorted: the order of
// violations is part of the output.

import XinyuPack

extension ScheduleAudit {
    /// A tally's key split into its parts (they are joined by \u{1}).
    private func parts(_ key: String) -> [String] { key.split(separator: "\u{1}").map(String.init) }

    // teacher-day: a teacher gives at most max_per_day lessons a day.
    mutating func checkTeacherDays() {
        for (key, n) in teacherDay.sorted(by: { $0.key < $1.key }) {
            let p = parts(key)
            if let lim = teacherDef[p[0]]?.maxPerDay, n > lim {
                fail("teacher-day", "\(p[0]) gives \(n) lessons on \(p[1]), more than max_per_day \(lim)")
            }
        }
    }

    // teacher-week: a teacher gives at most max_per_week lessons an ISO week.
    mutating func checkTeacherWeeks() {
        for (key, n) in teacherWeek.sorted(by: { $0.key < $1.key }) {
            let p = parts(key)
            if let lim = teacherDef[p[0]]?.maxPerWeek, n > lim {
                fail("teacher-week", "\(p[0]) gives \(n) lessons in the week of \(p[1]), more than max_per_week \(lim)")
            }
        }
    }

    // class-week: a class has at most the policy's max_per_week lessons an ISO week.
    mutating func checkClassWeeks() {
        for (key, n) in classWeek.sorted(by: { $0.key < $1.key }) where n > policy.maxPerWeek {
            let p = parts(key)
            fail("class-week", "\(p[0]) class \(p[1]) has \(n) lessons in the week of \(p[2]), more than max_per_week \(policy.maxPerWeek)")
        }
    }

    // same-teacher: with same_teacher, one teacher gives a class all its lessons (lectures aside).
    mutating func checkSameTeacher() {
        guard policy.sameTeacher else { return }
        for (key, ts) in teacherOfClass.sorted(by: { $0.key < $1.key }) where ts.count > 1 {
            let p = parts(key)
            fail("same-teacher", "\(p[0]) class \(p[1]) has \(ts.count) teachers (\(ts.sorted().joined(separator: ", "))), not one")
        }
    }

    // lecture-missing: each grade that asks for a lecture ([lectures]) has one.
    mutating func checkLecturesGiven() {
        for school in district.schools {
            guard let plan = school.lectures else { continue }
            for g in plan.grades where school.classes.contains(where: { $0.grade == g }) {
                let given = lessons.contains { l in
                    l.school == school.id && isLecture(l) && school.classes.first(where: { $0.id == l.classID })?.grade == g
                }
                if !given { fail("lecture-missing", "\(school.id) grade \(g) asks for a lecture ([lectures]) and has none") }
            }
        }
    }

    // month-minimum: each class has its monthly minimum in each month with a school day.
    mutating func checkMonthMinimums(_ derived: [MonthRow]) {
        for r in derived where r.scheduled < r.required {
            fail("month-minimum", "\(r.school) class \(r.classID) has \(r.scheduled) lessons in \(r.month), fewer than \(r.required)")
        }
    }

    // months-table: months.csv is the table the schedule gives, row for row and in order.
    mutating func checkMonthsTable(_ monthRows: [MonthRow], derived: [MonthRow]) {
        guard monthRows != derived else { return }
        let want = Set(derived), have = Set(monthRows)
        for r in derived where !have.contains(r) {
            fail("months-table", "months.csv should have \(r.school),\(r.classID),\(r.month),\(r.required),\(r.scheduled)")
        }
        for r in monthRows where !want.contains(r) {
            fail("months-table", "months.csv has \(r.school),\(r.classID),\(r.month),\(r.required),\(r.scheduled), which the schedule does not give")
        }
        // Only when nothing else explains the difference.
        if out.isEmpty { fail("months-table", "months.csv rows are not in the expected order") }
    }

    // order: schedule.csv rows are sorted by school, class, date, period.
    mutating func checkOrder() {
        if lessons != lessons.sorted() { fail("order", "schedule rows are not sorted by school, class, date, period") }
    }
}
