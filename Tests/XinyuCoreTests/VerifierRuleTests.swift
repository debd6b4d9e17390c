import XCTest
import XinyuPack
import XinyuVerify

/// The verifier's rules that RuleTests does not break on purpose, each alone on two or three
/// hand-made lessons (Timefold's manner), and the order in which violations are told.
final class VerifierRuleTests: XCTestCase {
    func lesson(_ cls: String, _ d: String, _ period: Int, _ teacher: String, _ replaces: String,
                school: String = "S01", weekday: Int? = nil) -> Lesson {
        let day = date(d)
        return Lesson(school: school, classID: cls, date: day, weekday: weekday ?? day.weekday, period: period, teacher: teacher, replaces: replaces)
    }
    func violations(_ d: District, _ lessons: [Lesson], months: [MonthRow]? = nil) -> [Violation] {
        Verifier.check(d, lessons, months: months, allowShort: true)
    }
    func rules(_ d: District, _ lessons: [Lesson]) -> [String] { violations(d, lessons.sorted()).map(\.rule) }

    /// One school, two classes, 班会 on Monday 6 and Tuesday 6, psychology teacher P.
    func pack(calendar: [CalendarEntry] = [], teachers: [Teacher] = [psych("P")]) -> District {
        district(calendar: calendar, schools: [school(classes: [("3-1", .primary), ("3-2", .primary)],
                                                      rows: ["3-1,1,6,班会,", "3-2,1,6,班会,", "3-1,2,6,班会,"], teachers: teachers)])
    }

    // school, class: a lesson names a school and a class of the pack.
    func testUnknownSchoolAndClass() {
        XCTAssertEqual(rules(pack(), [lesson("3-1", "2026-09-07", 6, "P", "班会", school: "S09")]), ["school"])
        XCTAssertEqual(rules(pack(), [lesson("9-9", "2026-09-07", 6, "P", "班会")]), ["class"])
    }

    // calendar: a school day (not a weekend or holiday), not an exam day, the weekday it runs.
    func testCalendar() {
        XCTAssertEqual(rules(pack(), [lesson("3-1", "2026-09-12", 6, "P", "")]), ["calendar"], "a Saturday")
        let holiday = pack(calendar: [CalendarEntry(date: date("2026-09-07"), kind: .holiday)])
        XCTAssertEqual(rules(holiday, [lesson("3-1", "2026-09-07", 6, "P", "班会")]), ["calendar"])
        let v = violations(pack(), [lesson("3-1", "2026-09-07", 6, "P", "班会", weekday: 2)])
        XCTAssertEqual(v.map(\.rule), ["calendar"])
        XCTAssertTrue(v[0].message.contains("runs the timetable of weekday 1, not 2"), v[0].message)
    }

    // period: a period of the school day.
    func testPeriodOutsideTheDay() {
        XCTAssertTrue(rules(pack(), [lesson("3-1", "2026-09-07", 9, "P", "")]).contains("period"))
    }

    // class-clash: one mental-health lesson of a class at a time.
    func testClassClash() {
        let twice = [lesson("3-1", "2026-09-07", 6, "P", "班会"), lesson("3-1", "2026-09-07", 6, "Q", "班会")]
        let d = pack(teachers: [psych("P"), psych("Q")])
        XCTAssertEqual(rules(d, twice), ["class-clash", "class-clash", "class-week", "same-teacher"])
        XCTAssertEqual(rules(d, [twice[0]]), [])
    }

    // teacher: listed by the school, a psychology teacher, of the class's stage.
    func testTeacherListedAndPsychology() {
        XCTAssertEqual(rules(pack(), [lesson("3-1", "2026-09-07", 6, "X", "班会")]), ["teacher"])
        let d = pack(teachers: [psych("P"), Teacher(id: "H", name: "H")])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "H", "班会")]), ["teacher", "teacher"], "not psychology, no stage")
    }

    // training: no lesson on a district training day.
    func testTrainingDay() {
        let d = pack(calendar: [CalendarEntry(date: date("2026-09-08"), kind: .training, note: "全区培训")])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-08", 6, "P", "班会")]), ["training"])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-07", 6, "P", "班会")]), [])
    }

    // months-table: months.csv is the table the schedule gives, in order.
    func testMonthsTable() {
        let d = pack()
        let lessons = [lesson("3-1", "2026-09-07", 6, "P", "班会")]
        let good = Verifier.monthsTable(d, lessons)
        XCTAssertEqual(violations(d, lessons, months: good), [])
        var wrong = good
        wrong[0].scheduled += 1
        XCTAssertEqual(Set(violations(d, lessons, months: wrong).map(\.rule)), ["months-table"])
        let shuffled = Array(good.reversed())
        let v = violations(d, lessons, months: shuffled)
        XCTAssertEqual(v.map(\.message), ["months.csv rows are not in the expected order"])
    }

    // order: schedule.csv rows sorted by school, class, date, period.
    func testOrder() {
        let d = pack()
        let ls = [lesson("3-2", "2026-09-07", 6, "P", "班会"), lesson("3-1", "2026-09-08", 6, "P", "班会")]
        XCTAssertEqual(violations(d, ls).map(\.rule), ["order"])
        XCTAssertEqual(violations(d, ls.sorted()), [])
    }

    /// The order of violations is part of the output (verify's list, the golden files): each
    /// lesson's rules in turn, then the totals, the order last.
    func testViolationsComeInTheDocumentedOrder() {
        let d = pack(teachers: [psych("P", day: 1)])
        let ls = [lesson("3-2", "2026-09-07", 6, "X", "班会"), lesson("3-1", "2026-09-07", 6, "P", "语文"),
                  lesson("3-1", "2026-09-08", 6, "P", "班会"), lesson("3-1", "2026-09-08", 6, "P", "班会")]
        XCTAssertEqual(violations(d, ls).map(\.description), [
            "[teacher] S01 class 3-2 on 2026-09-07 period 6: teacher X is not in S01/teachers.csv",
            "[displaceable] S01 class 3-1 on 2026-09-07 period 6: says it replaces \"语文\" but the timetable has 班会",
            "[class-clash] S01 class 3-1 on 2026-09-08 period 6: the class has two mental-health lessons at once",
            "[teacher-clash] S01 class 3-1 on 2026-09-08 period 6: P gives two mental-health lessons at once",
            "[class-clash] S01 class 3-1 on 2026-09-08 period 6: the class has two mental-health lessons at once",
            "[teacher-clash] S01 class 3-1 on 2026-09-08 period 6: P gives two mental-health lessons at once",
            "[teacher-day] P gives 2 lessons on 2026-09-08, more than max_per_day 1",
            "[class-week] S01 class 3-1 has 3 lessons in the week of 2026-09-07, more than max_per_week 1",
            "[order] schedule rows are not sorted by school, class, date, period",
        ])
    }
}
