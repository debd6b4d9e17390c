import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// The policy extras (issue 7) each alone on tiny hand-made districts: grade lectures, training
/// days, activity rooms, topics and forms. Every solved result is re-checked by `Verifier` and
/// its lesson details by `DetailsVerifier`; hand-made schedules make each rule fire.
final class PolicyExtrasTests: XCTestCase {
    // MARK: - Helpers

    func lesson(_ cls: String, _ d: String, _ period: Int, _ teacher: String, _ replaces: String = "班会",
                lecture: Bool = false, school: String = "S01") -> Lesson {
        let day = date(d)
        var l = Lesson(school: school, classID: cls, date: day, weekday: day.weekday, period: period, teacher: teacher, replaces: replaces)
        l.lecture = lecture
        return l
    }

    /// One lecture row per class, all at `d` period `period` by `teacher`.
    func lecture(_ classes: [String], _ d: String, _ period: Int = 6, _ teacher: String = "P") -> [Lesson] {
        classes.map { lesson($0, d, period, teacher, lecture: true) }
    }

    func rules(_ d: District, _ lessons: [Lesson], allowShort: Bool = true) -> Set<String> {
        Set(Verifier.check(d, lessons.sorted(), allowShort: allowShort).map(\.rule))
    }

    func detail(_ cls: String, _ d: String, _ period: Int, _ teacher: String = "P", room: RoomUse = .classroom,
                area: String = "学习", topic: String = "", form: LessonForm = .scenario, replaces: String = "班会",
                lecture: Bool = false) -> LessonDetail {
        LessonDetail(lesson: lesson(cls, d, period, teacher, replaces, lecture: lecture), room: room, area: area, topic: topic, form: form)
    }

    func detailRules(_ d: District, _ details: [LessonDetail], allowShort: Bool = true) -> Set<String> {
        Set(DetailsVerifier.check(d, lessons: details.map(\.lesson).sorted(), details: details, allowShort: allowShort).map(\.rule))
    }

    func plan(_ d: District, _ lessons: [Lesson]) -> LessonDetailsPlan {
        planLessonDetails(d, lessons: lessons, solver: GLPKSolver(), timeLimit: 60)
    }

    /// Solves with GLPK, checks the schedule with `Verifier` (via `solveAndVerify`), plans the
    /// lesson details and checks them with `DetailsVerifier`.
    func solveChecked(_ d: District, file: StaticString = #filePath, line: UInt = #line) -> (DistrictResult, LessonDetailsPlan) {
        let r = solveAndVerify(d, file: file, line: line)
        let p = plan(r.district, r.lessons)
        XCTAssertEqual(DetailsVerifier.check(r.district, lessons: r.lessons, details: p.details, allowShort: true), [],
                       "the details verifier rejects the planned details", file: file, line: line)
        return (r, p)
    }

    /// Missing lessons against the minimums, from the months table.
    func deficit(_ r: DistrictResult) -> Int {
        r.months.reduce(0) { $0 + max(0, $1.required - $1.scheduled) }
    }

    /// Classes 3-1, 3-2, 3-3 (grade 3) share 班会 on Monday period 6; each has one more
    /// displaceable period of its own (Tuesday, Wednesday, Thursday period 6).
    func gradeSchool(teachers: [Teacher] = [psych("P")], lectures: LecturePolicy? = LecturePolicy(grades: [3], area: "情绪调适", title: "认识情绪"),
                     rows: [String] = ["3-1,1,6,班会,", "3-2,1,6,班会,", "3-3,1,6,班会,",
                                       "3-1,2,6,地方课程,", "3-2,3,6,地方课程,", "3-3,4,6,地方课程,"]) -> School {
        var s = school(classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary)], rows: rows, teachers: teachers)
        s.lectures = lectures
        return s
    }

    /// Grades 3 (3-1, 3-2, 3-3) and 4 (4-1, 4-2), every class with 班会 on Monday period 6 and
    /// 地方课程 on Tuesday period 6; lectures for both grades; psychology teachers P and Q.
    func twoGradeDistrict(grades: [Int] = [3, 4]) -> District {
        let ids = ["3-1", "3-2", "3-3", "4-1", "4-2"]
        var s = school(classes: ids.map { ($0, .primary) }, rows: ids.flatMap { ["\($0),1,6,班会,", "\($0),2,6,地方课程,"] },
                       teachers: [psych("P"), psych("Q")])
        for i in s.classes.indices where s.classes[i].id.hasPrefix("4-") { s.classes[i].grade = 4 }
        s.lectures = LecturePolicy(grades: grades)
        return district(start: "2026-09-07", end: "2026-09-25", schools: [s])
    }

    static let grade3 = ["3-1", "3-2", "3-3"]
    static let grade4 = ["4-1", "4-2"]

    // MARK: - Lectures

    // A grade of three classes with a common displaceable period gets one lecture: every class at
    // the same date, period and teacher, counted in the months table; the verifier is clean.
    func testLectureForAGradeWithACommonPeriod() {
        let d = district(start: "2026-09-07", end: "2026-09-25", schools: [gradeSchool(teachers: [psych("P", day: 1)])])
        let (r, p) = solveChecked(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(r.plans.flatMap(\.missingLectures), [])
        XCTAssertEqual(r.plans.flatMap(\.lectures).count, 1)
        let rows = r.lessons.filter(\.lecture)
        XCTAssertEqual(rows.map(\.classID), Self.grade3)
        // The earliest of the cheapest common slots: Monday 2026-09-07 period 6 (班会), teacher P.
        XCTAssertEqual(Set(rows.map(\.date)), [date("2026-09-07")])
        XCTAssertEqual(Set(rows.map(\.period)), [6])
        XCTAssertEqual(Set(rows.map(\.teacher)), ["P"])
        XCTAssertEqual(Set(rows.map(\.replaces)), ["班会"])
        for c in Self.grade3 {
            let mine = r.lessons.filter { $0.classID == c }
            let row = r.months.first { $0.classID == c && $0.month == "2026-09" }
            XCTAssertEqual(row?.scheduled, mine.count, "the lecture counts in \(c)'s month")
            XCTAssertEqual(row?.required, 2)
            // The lecture is one of the two lessons the month asks for: one regular lesson is enough.
            XCTAssertEqual(mine.filter { !$0.lecture }.count, 1, c)
            XCTAssertFalse(mine.contains { !$0.lecture && $0.date.weekMonday == date("2026-09-07") },
                           "\(c): the lecture uses up the week's max_per_week 1")
        }
        // P (max_per_day 1) gives nothing else on the lecture day.
        XCTAssertEqual(r.lessons.filter { $0.date == date("2026-09-07") && !$0.lecture }, [])
        XCTAssertEqual(Verifier.check(r.district, r.lessons, months: r.months, allowShort: false), [])
        // The months table the verifier derives counts the lecture rows too.
        XCTAssertEqual(Verifier.monthsTable(d, r.lessons.filter { !$0.lecture }).filter { $0.classID == "3-1" }.map(\.scheduled), [1])
        XCTAssertEqual(Verifier.monthsTable(d, r.lessons).filter { $0.classID == "3-1" }.map(\.scheduled), [2])
        // The lecture's details: in the hall, 专题讲座, the [lectures] area and title.
        let lectureDetails = p.details.filter(\.lesson.lecture)
        XCTAssertEqual(lectureDetails.count, 3)
        for x in lectureDetails {
            XCTAssertEqual(x.room, .hall)
            XCTAssertEqual(x.form, .lecture)
            XCTAssertEqual(x.area, "情绪调适")
            XCTAssertEqual(x.topic, "认识情绪")
        }
        XCTAssertFalse(p.details.contains { !$0.lesson.lecture && ($0.room == .hall || $0.form == .lecture) })
    }

    // A grade whose classes never share a displaceable period gets no lecture, with the reason;
    // the strict verifier then reports the missing lecture.
    func testLectureMissingWithoutACommonPeriod() {
        let s = gradeSchool(rows: ["3-1,1,6,班会,", "3-2,2,6,班会,", "3-3,3,6,班会,"])
        let d = district(start: "2026-09-07", end: "2026-09-25", schools: [s])
        let (r, _) = solveChecked(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(r.plans.flatMap(\.lectures), [])
        let missing = r.plans.flatMap(\.missingLectures)
        XCTAssertEqual(missing.map(\.school), ["S01"])
        XCTAssertEqual(missing.map(\.grade), [3])
        XCTAssertTrue(missing[0].reason.en.contains("no period is open for all 3 classes of grade 3"), missing[0].reason.en)
        XCTAssertFalse(missing[0].reason.zh.isEmpty)
        XCTAssertFalse(r.lessons.contains(where: \.lecture))
        XCTAssertEqual(rules(d, r.lessons, allowShort: false), ["lecture-missing"])
        XCTAssertEqual(rules(d, r.lessons, allowShort: true), [])
        // The extras report the missing lecture.
        let extras = planPolicyExtras(r, solver: GLPKSolver(), timeLimit: 60)
        XCTAssertEqual(extras.missingLectures, missing)
        XCTAssertTrue(extras.unmet)
        XCTAssertTrue(policyReportMarkdown(d, lectures: [], extras: extras).contains("S01 3年级 / grade 3: 无讲座 / no lecture"))
    }

    // A grade with no class at all is reported as missing, not a crash or a silent skip.
    func testLectureForAGradeWithoutClasses() {
        var s = gradeSchool()
        s.lectures = LecturePolicy(grades: [3, 5])
        let d = district(start: "2026-09-07", end: "2026-09-25", schools: [s])
        let (r, _) = solveChecked(d)
        XCTAssertEqual(r.plans.flatMap(\.lectures).map(\.grade), [3])
        XCTAssertEqual(r.plans.flatMap(\.missingLectures).map(\.grade), [5])
        XCTAssertTrue(r.plans.flatMap(\.missingLectures)[0].reason.en.contains("no class"))
        // The verifier asks only for grades that have classes.
        XCTAssertEqual(rules(d, r.lessons, allowShort: false), [])
    }

    // Hand-made schedules that break the lecture rules.
    func testVerifierLectureRules() {
        let d = twoGradeDistrict()
        // A good pair: each grade its own lecture, at different times.
        XCTAssertEqual(rules(d, lecture(Self.grade3, "2026-09-07") + lecture(Self.grade4, "2026-09-14")), [])
        // A lecture that leaves out one class of the grade.
        XCTAssertEqual(rules(d, lecture(["3-1", "3-2"], "2026-09-07")), ["lecture-simultaneity"])
        // Unflagged rows of several classes with one teacher at one time count as a lecture too.
        XCTAssertEqual(rules(d, ["3-1", "3-2"].map { lesson($0, "2026-09-07", 6, "P") }), ["lecture-simultaneity"])
        // Two grades' lectures in the hall at once (by different teachers).
        XCTAssertEqual(rules(d, lecture(Self.grade3, "2026-09-07", 6, "P") + lecture(Self.grade4, "2026-09-07", 6, "Q")), ["hall"])
        // Two lectures of one grade.
        XCTAssertEqual(rules(d, lecture(Self.grade3, "2026-09-07") + lecture(Self.grade3, "2026-09-14")), ["lecture"])
        // A lecture of a grade that is not in [lectures] grades.
        XCTAssertEqual(rules(twoGradeDistrict(grades: [3]), lecture(Self.grade4, "2026-09-07")), ["lecture"])
        // Classes of two grades in one lecture.
        XCTAssertEqual(rules(d, lecture(["3-1", "3-2", "3-3", "4-1", "4-2"], "2026-09-07")), ["lecture"])
        // A row flagged lecture in a school without [lectures].
        var none = d
        none.schools[0].lectures = nil
        XCTAssertEqual(rules(none, lecture(Self.grade3, "2026-09-07")), ["lecture"])
        // Strict: both grades ask for a lecture; one given, the other missing.
        XCTAssertEqual(rules(d, lecture(Self.grade3, "2026-09-07"), allowShort: false).intersection(["lecture-missing"]), ["lecture-missing"])
    }

    // A lecture is one lesson for its teacher (max_per_day, max_per_week, no clash), and the
    // lecture's teacher may differ from the class's own teacher under same_teacher.
    func testLectureCountsOnceForTheTeacher() {
        let rows = ["3-1,1,6,班会,", "3-2,1,6,班会,", "3-3,1,6,班会,", "3-1,2,1,地方课程,", "3-2,2,2,地方课程,", "3-3,2,3,地方课程,"]
        let d = district(start: "2026-09-07", end: "2026-09-25",
                         schools: [gradeSchool(teachers: [psych("P", day: 1, week: 1), psych("Q")], rows: rows)])
        XCTAssertTrue(d.policy.sameTeacher)
        let regular = [lesson("3-1", "2026-09-15", 1, "Q", "地方课程"), lesson("3-2", "2026-09-15", 2, "Q", "地方课程"),
                       lesson("3-3", "2026-09-15", 3, "Q", "地方课程")]
        XCTAssertEqual(rules(d, lecture(Self.grade3, "2026-09-07", 6, "P") + regular), [])
        // The same rows as three ordinary lessons (no [lectures]): a clash, over the limits, two teachers.
        var plain = d
        plain.schools[0].lectures = nil
        XCTAssertEqual(rules(plain, Self.grade3.map { lesson($0, "2026-09-07", 6, "P") } + regular),
                       ["teacher-clash", "teacher-day", "teacher-week", "same-teacher"])
        // A second lesson of P that week is over max_per_week 1 even with the lecture counted once.
        XCTAssertEqual(rules(d, lecture(Self.grade3, "2026-09-07", 6, "P") + [lesson("3-1", "2026-09-08", 1, "P", "地方课程")]),
                       ["teacher-week", "class-week"])
    }

    // The solver with P, the only teacher, limited to one lesson a week, over four weeks: the
    // lecture of grade 3 is one of P's four lesson units, so of the six the month asks for
    // (lecture, one more lesson for each grade-3 class, two for 4-1) two are missing — P's
    // lecture week is full for 4-1 too, though 4-1 is not at the lecture.
    func testSolverLectureWithinTeacherLimits() {
        var s = school(classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary), ("4-1", .primary)],
                       rows: ["3-1,1,6,班会,", "3-2,1,6,班会,", "3-3,1,6,班会,", "3-1,2,6,地方课程,", "3-2,3,6,地方课程,",
                              "3-3,4,6,地方课程,", "4-1,5,6,地方课程,", "4-1,2,5,班会,"],
                       teachers: [psych("P", day: 1, week: 1)])
        s.classes[3].grade = 4
        s.lectures = LecturePolicy(grades: [3])
        let d = district(start: "2026-09-07", end: "2026-09-30", schools: [s])
        let (r, _) = solveChecked(d)
        XCTAssertEqual(r.lessons.filter(\.lecture).map(\.date), Array(repeating: date("2026-09-07"), count: 3))
        XCTAssertEqual(r.shortfall, 2)
        XCTAssertEqual(deficit(r), 2)
        let units = Dictionary(grouping: r.lessons) { $0.date.weekMonday }.mapValues { ls in Set(ls.map { "\($0.date.iso)/\($0.period)" }).count }
        XCTAssertEqual(units, [date("2026-09-07"): 1, date("2026-09-14"): 1, date("2026-09-21"): 1, date("2026-09-28"): 1])
        XCTAssertEqual(r.lessons.count, 6, "the lecture (three rows) and three lessons")
    }

    // A term ending in a one-week January (exams at its end): one teacher can give one class a
    // lesson each Monday, but a lecture in January serves all three classes at once.
    func testLectureInOneWeekJanuaryReducesTheShortfall() {
        let calendar = [CalendarEntry(date: date("2027-01-01"), kind: .holiday, note: "元旦"),
                        CalendarEntry(date: date("2027-01-07"), kind: .exam), CalendarEntry(date: date("2027-01-08"), kind: .exam)]
        let rows = ["3-1,1,6,班会,", "3-2,1,6,班会,", "3-3,1,6,班会,"]
        func run(_ lectures: LecturePolicy?) -> DistrictResult {
            solveChecked(district(start: "2026-12-07", end: "2027-01-08", calendar: calendar,
                                  schools: [gradeSchool(lectures: lectures, rows: rows)])).0
        }
        let without = run(nil)
        let with = run(LecturePolicy(grades: [3]))
        // December: four Mondays for six lessons (short 2); January: one Monday for six (short 5).
        XCTAssertEqual(deficit(without), 7)
        XCTAssertEqual(without.shortfall, 7)
        // The lecture goes to January (the month with the least room), giving each class its lesson there.
        XCTAssertEqual(Set(with.lessons.filter(\.lecture).map(\.date)), [date("2027-01-04")])
        XCTAssertEqual(with.lessons.filter(\.lecture).count, 3)
        XCTAssertEqual(deficit(with), 5)
        XCTAssertEqual(with.shortfall, 5)
        XCTAssertLessThan(deficit(with), deficit(without))
        for c in Self.grade3 {
            XCTAssertEqual(with.months.first { $0.classID == c && $0.month == "2027-01" }?.scheduled, 1, c)
        }
    }

    // MARK: - Training days

    // A calendar training day: no lesson that day, and a hand-made lesson then is a "training" violation.
    func testCalendarTrainingDay() {
        let d = district(start: "2026-09-07", end: "2026-09-25",
                         calendar: [CalendarEntry(date: date("2026-09-14"), kind: .training, note: "区心理教研")],
                         schools: [school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("P")])])
        let (r, _) = solveChecked(d)
        XCTAssertTrue(r.allMet)
        // Three Mondays, the middle one a training day: the two others.
        XCTAssertEqual(r.lessons.map(\.date), [date("2026-09-07"), date("2026-09-21")])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-14", 6, "P")]), ["training"])
        XCTAssertEqual(rules(d, [lesson("3-1", "2026-09-21", 6, "P")]), [])
        // With the training day on every Monday but the first, one lesson is all there is.
        var busy = d
        busy.calendar.append(CalendarEntry(date: date("2026-09-21"), kind: .training))
        let (short, _) = solveChecked(busy)
        XCTAssertEqual(short.lessons.map(\.date), [date("2026-09-07")])
        XCTAssertEqual(short.shortfall, 1)
    }

    // Training days per teacher: the calendar's (school days in the term) and unavailable.csv's.
    func testTrainingDaysCounted() {
        let s = school(classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,T9"], teachers: [psych("P"), psych("Q")],
                       unavailable: [Unavailability(teacher: "P", when: .date(date("2026-09-16")), reason: "省培", training: true),
                                     Unavailability(teacher: "P", when: .weekday(3), reason: "每周教研", training: true),
                                     Unavailability(teacher: "Q", when: .date(date("2026-09-17")), reason: "病假")])
        let d = district(start: "2026-09-07", end: "2026-09-25",
                         calendar: [CalendarEntry(date: date("2026-09-14"), kind: .training),
                                    CalendarEntry(date: date("2026-09-19"), kind: .training),   // a Saturday: no school
                                    CalendarEntry(date: date("2026-10-12"), kind: .training)],  // after the term
                         schools: [s])
        XCTAssertEqual(trainingDays(d), [
            TrainingDays(school: "S01", teacher: "P", name: "P", dates: [date("2026-09-14"), date("2026-09-16")]),
            TrainingDays(school: "S01", teacher: "Q", name: "Q", dates: [date("2026-09-14")]),
        ])
        var noCalendar = d
        noCalendar.calendar = []
        XCTAssertEqual(trainingDays(noCalendar), [TrainingDays(school: "S01", teacher: "P", name: "P", dates: [date("2026-09-16")])])
        // The report lists them.
        let extras = PolicyExtras(details: LessonDetailsPlan(details: [], roomShorts: [], areaShorts: [], optimal: true),
                                  duty: nil, training: trainingDays(d), missingLectures: [])
        XCTAssertFalse(extras.unmet)
        XCTAssertTrue(policyReportMarkdown(d, lectures: [], extras: extras).contains("| S01 | P | P | 2 | 2026-09-14, 2026-09-16 |"))
    }

    // MARK: - Activity rooms

    /// Two classes, two displaceable periods a week each, never at the same time (or, with
    /// `sameTime`, both at Monday and Wednesday period 6 with teachers P and Q); five lessons a month.
    func roomDistrict(rooms: Int, share: Double, sameTime: Bool = false) -> District {
        let rows = sameTime ? ["3-1,1,6,班会,", "3-1,3,6,地方课程,", "3-2,1,6,班会,", "3-2,3,6,地方课程,"]
                            : ["3-1,1,6,班会,", "3-1,3,6,地方课程,", "3-2,2,6,班会,", "3-2,4,6,地方课程,"]
        var s = school(classes: [("3-1", .primary), ("3-2", .primary)], rows: rows, teachers: [psych("P"), psych("Q")])
        s.activityRoom = ActivityRoomPolicy(rooms: rooms, share: share)
        return district(start: "2026-09-07", end: "2026-09-25", schools: [s]) { $0.lessonsPerMonth = 5; $0.maxPerWeek = 2 }
    }

    func testRequiredRoomLessons() {
        XCTAssertEqual(ActivityRoomPolicy(rooms: 1, share: 0.34).required(lessons: 9), 4)
        XCTAssertEqual(ActivityRoomPolicy(rooms: 1, share: 0.5).required(lessons: 5), 3)
        XCTAssertEqual(ActivityRoomPolicy(rooms: 1, share: 0.5).required(lessons: 6), 3)
        XCTAssertEqual(ActivityRoomPolicy(rooms: 1, share: 1).required(lessons: 5), 5)
        XCTAssertEqual(ActivityRoomPolicy(rooms: 1, share: 0).required(lessons: 5), 0)
        XCTAssertEqual(ActivityRoomPolicy(rooms: 1, share: 0.5).required(lessons: 0), 0)
    }

    // One room, half the lessons, classes at different times: each class gets its share.
    func testActivityRoomShareMet() {
        let d = roomDistrict(rooms: 1, share: 0.5)
        let (r, p) = solveChecked(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(p.roomShorts, [])
        XCTAssertTrue(p.optimal)
        for c in ["3-1", "3-2"] {
            let mine = p.details.filter { $0.lesson.classID == c }
            XCTAssertEqual(mine.count, 5, c)
            XCTAssertGreaterThanOrEqual(mine.filter { $0.room == .activity }.count, 3, "\(c): 3 of 5 lessons in the room")
            // Room lessons have room forms; classroom lessons classroom forms.
            for x in mine {
                XCTAssertEqual(x.form.needsRoom, x.room == .activity, "\(c) \(x.lesson.date): \(x.form) in \(x.room)")
            }
        }
        // Never two room lessons at once.
        let times = p.details.filter { $0.room == .activity }.map { "\($0.lesson.date.iso)/\($0.lesson.period)" }
        XCTAssertEqual(times.count, Set(times).count)
        XCTAssertEqual(DetailsVerifier.check(d, lessons: r.lessons, details: p.details, allowShort: false), [])
    }

    // The room is too scarce: two classes always at the same time, one room, every lesson in it.
    func testActivityRoomTooScarce() {
        let d = roomDistrict(rooms: 1, share: 1.0, sameTime: true)
        let days = ["2026-09-07", "2026-09-09", "2026-09-14", "2026-09-16", "2026-09-21"]
        let lessons = days.flatMap { day in
            [lesson("3-1", day, 6, "P", date(day).weekday == 1 ? "班会" : "地方课程"),
             lesson("3-2", day, 6, "Q", date(day).weekday == 1 ? "班会" : "地方课程")]
        }.sorted()
        XCTAssertEqual(Verifier.check(d, lessons, allowShort: false), [], "the hand-made lessons are a good schedule")
        let p = plan(d, lessons)
        XCTAssertTrue(p.optimal)
        XCTAssertFalse(p.roomShorts.isEmpty)
        // One room lesson at each of the five times: five of the ten lessons are missing from the room.
        XCTAssertEqual(p.roomShorts.reduce(0) { $0 + $1.required - $1.given }, 5)
        XCTAssertTrue(p.roomShorts.allSatisfy { $0.required == 5 && $0.given < 5 })
        XCTAssertEqual(p.details.filter { $0.room == .activity }.count, 5)
        for s in p.roomShorts {
            XCTAssertTrue(s.reason.en.contains("activity room(s) are taken by other classes"), s.reason.en)
            XCTAssertFalse(s.reason.zh.isEmpty)
        }
        XCTAssertEqual(detailRules(d, p.details, allowShort: true), [])
        XCTAssertEqual(detailRules(d, p.details, allowShort: false), ["room-share"])
        XCTAssertTrue(PolicyExtras(details: p, duty: nil, training: [], missingLectures: []).unmet)
        // Two rooms: no shortfall.
        let two = roomDistrict(rooms: 2, share: 1.0, sameTime: true)
        let q = plan(two, lessons)
        XCTAssertEqual(q.roomShorts, [])
        XCTAssertEqual(q.details.filter { $0.room == .activity }.count, 10)
        XCTAssertEqual(detailRules(two, q.details, allowShort: false), [])
    }

    // Hand-made details that break the room rules.
    func testDetailsVerifierRoomRules() {
        let d = roomDistrict(rooms: 1, share: 0, sameTime: true)
        // Two room lessons at once with one room.
        let clash = [detail("3-1", "2026-09-07", 6, "P", room: .activity, form: .groupCounseling),
                     detail("3-2", "2026-09-07", 6, "Q", room: .activity, form: .rolePlay)]
        XCTAssertEqual(detailRules(d, clash), ["room-clash"])
        XCTAssertEqual(detailRules(roomDistrict(rooms: 2, share: 0, sameTime: true), clash), [])
        // A room form in the classroom.
        XCTAssertEqual(detailRules(d, [detail("3-1", "2026-09-07", 6, room: .classroom, form: .groupCounseling)]), ["form-room"])
        XCTAssertEqual(detailRules(d, [detail("3-1", "2026-09-07", 6, room: .classroom, form: .drama)]), ["form-room"])
        XCTAssertEqual(detailRules(d, [detail("3-1", "2026-09-07", 6, room: .activity, form: .scenario)]), [])
        // The activity room in a school that has none.
        var noRoom = d
        noRoom.schools[0].activityRoom = nil
        XCTAssertEqual(detailRules(noRoom, [detail("3-1", "2026-09-07", 6, room: .activity, form: .game)]), ["room", "room-clash"])
        // A regular lesson in the hall, or as 专题讲座.
        XCTAssertEqual(detailRules(d, [detail("3-1", "2026-09-07", 6, room: .hall, form: .scenario)]), ["hall"])
        XCTAssertEqual(detailRules(d, [detail("3-1", "2026-09-07", 6, form: .lecture)]), ["form-lecture"])
        // Too few room lessons: five lessons covering the five areas, one in the room, share 0.5 asks for 3.
        let half = roomDistrict(rooms: 1, share: 0.5, sameTime: true)
        let days = ["2026-09-07", "2026-09-09", "2026-09-14", "2026-09-16", "2026-09-21"]
        let forms: [LessonForm] = [.groupCounseling, .scenario, .discussion, .scenario, .discussion]
        let few = days.indices.map { i in
            detail("3-1", days[i], 6, room: i == 0 ? .activity : .classroom, area: TopicPlan.areas[i], form: forms[i],
                   replaces: date(days[i]).weekday == 1 ? "班会" : "地方课程")
        }
        XCTAssertEqual(detailRules(half, few, allowShort: false), ["room-share"])
        XCTAssertEqual(detailRules(half, few, allowShort: true), [])
        var enough = few
        for i in [2, 4] { enough[i].room = .activity; enough[i].form = .game }
        XCTAssertEqual(detailRules(half, enough, allowShort: false), [])
    }

    // The details must be the schedule's rows.
    func testDetailsRowsMatchTheSchedule() {
        let d = roomDistrict(rooms: 1, share: 0)
        let x = detail("3-1", "2026-09-07", 6)
        XCTAssertEqual(Set(DetailsVerifier.check(d, lessons: [x.lesson, lesson("3-1", "2026-09-14", 6, "P")], details: [x], allowShort: true).map(\.rule)),
                       ["details-rows"])
        XCTAssertEqual(Set(DetailsVerifier.check(d, lessons: [], details: [x], allowShort: true).map(\.rule)), ["details-rows"])
        XCTAssertEqual(Set(DetailsVerifier.check(d, lessons: [x.lesson], details: [x, x], allowShort: true).map(\.rule)), ["details-rows"])
        XCTAssertEqual(DetailsVerifier.check(d, lessons: [x.lesson], details: [x], allowShort: true), [])
    }

    // MARK: - Topics and forms

    /// One class 3-1 with two displaceable periods a week and six lessons in a three-week term.
    func topicDistrict(topics: TopicPlan, lessonsPerMonth: Int = 6, extraClass: Bool = false) -> District {
        var classes: [(String, Stage)] = [("3-1", .primary)]
        var rows = ["3-1,1,6,班会,", "3-1,3,6,地方课程,"]
        if extraClass { classes.append(("3-2", .primary)); rows += ["3-2,2,6,班会,", "3-2,4,6,地方课程,"] }
        var d = district(start: "2026-09-07", end: "2026-09-25",
                         schools: [school(classes: classes, rows: rows, teachers: [psych("P")])]) {
            $0.lessonsPerMonth = lessonsPerMonth; $0.maxPerWeek = 2
        }
        d.topics = topics
        return d
    }

    static let learningFirst = ["学习:学会学习", "学习:时间管理", "学习:考试心态", "学习:注意力", "学习:记忆",
                                "生活:生活自理", "自我意识:认识自我", "情绪调适:认识情绪", "人际交往:友谊"]

    // Six lessons and a plan of five 学习 topics before the other areas: the last four lessons
    // take the four areas not yet covered, so all five are covered; every topic is from the plan.
    func testTopicsCoverAllFiveAreas() {
        let list = Self.learningFirst.map { TopicPlan.Topic.parse($0)! }
        let d = topicDistrict(topics: TopicPlan(byStage: [.primary: list]))
        let (r, p) = solveChecked(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(p.details.count, 6)
        XCTAssertEqual(p.areaShorts, [])
        let ordered = p.details.sorted { ($0.lesson.date, $0.lesson.period) < ($1.lesson.date, $1.lesson.period) }
        XCTAssertEqual(ordered.map(\.area), ["学习", "学习", "生活", "自我意识", "情绪调适", "人际交往"])
        XCTAssertEqual(ordered.map(\.topic), ["学会学习", "时间管理", "生活自理", "认识自我", "认识情绪", "友谊"])
        XCTAssertEqual(Set(ordered.map(\.area)), Set(TopicPlan.areas))
        for x in ordered { XCTAssertTrue(list.contains(TopicPlan.Topic(area: x.area, title: x.topic)), "\(x.area):\(x.topic)") }
        // No activity room: classroom forms only, rotating, never three in a row.
        XCTAssertEqual(ordered.map(\.form), [.scenario, .discussion, .training, .scenario, .discussion, .training])
        XCTAssertEqual(DetailsVerifier.check(d, lessons: r.lessons, details: p.details, allowShort: false), [])
    }

    // A grade's own list wins over its stage's; a class without either takes the stage default.
    func testTopicsByGradeThenStageThenDefault() {
        let byGrade = ["人际交往:合作", "生活", "自我意识", "情绪调适", "学习"].map { TopicPlan.Topic.parse($0)! }
        let byStage = Self.learningFirst.map { TopicPlan.Topic.parse($0)! }
        let plan = TopicPlan(byStage: [.primary: byStage], byGrade: [3: byGrade])
        XCTAssertEqual(plan.topics(grade: 3, stage: .primary), byGrade)
        XCTAssertEqual(plan.topics(grade: 4, stage: .primary), byStage)
        XCTAssertEqual(plan.topics(grade: 7, stage: .junior).map(\.area), ["自我意识", "学习", "人际交往", "情绪调适", "生活"])
        let d = topicDistrict(topics: plan, lessonsPerMonth: 5)
        let (_, p) = solveChecked(d)
        let ordered = p.details.sorted { ($0.lesson.date, $0.lesson.period) < ($1.lesson.date, $1.lesson.period) }
        XCTAssertEqual(ordered.map(\.area), ["人际交往", "生活", "自我意识", "情绪调适", "学习"])
        XCTAssertEqual(ordered.first?.topic, "合作")
    }

    // Room and classroom forms rotate, so no form comes three times in a row, with lectures
    // (专题讲座 in the hall) among them.
    func testFormsRotateWithRoomsAndLectures() {
        var s = gradeSchool(teachers: [psych("P"), psych("Q")])
        s.activityRoom = ActivityRoomPolicy(rooms: 1, share: 0.5)
        let d = district(start: "2026-09-07", end: "2026-09-25", schools: [s]) { $0.lessonsPerMonth = 5; $0.maxPerWeek = 2 }
        let (r, p) = solveChecked(d)
        XCTAssertEqual(r.lessons.filter(\.lecture).count, 3)
        XCTAssertEqual(p.roomShorts, [])
        for c in Self.grade3 {
            let ds = p.details.filter { $0.lesson.classID == c }.sorted { ($0.lesson.date, $0.lesson.period) < ($1.lesson.date, $1.lesson.period) }
            XCTAssertGreaterThanOrEqual(ds.count, 5, c)
            for i in ds.indices.dropFirst(2) {
                XCTAssertFalse(ds[i].form == ds[i - 1].form && ds[i].form == ds[i - 2].form, "\(c): \(ds.map(\.form.rawValue))")
            }
            let lectures = ds.filter(\.lesson.lecture)
            XCTAssertEqual(lectures.map(\.form), [.lecture])
            XCTAssertEqual(lectures.map(\.room), [.hall])
            XCTAssertEqual(lectures.map(\.area), ["情绪调适"])
            XCTAssertEqual(Set(ds.map(\.area)), Set(TopicPlan.areas), "\(c) covers the five areas with the lecture's")
            XCTAssertTrue(ds.filter { !$0.lesson.lecture }.allSatisfy { $0.form.needsRoom == ($0.room == .activity) })
        }
        XCTAssertEqual(DetailsVerifier.check(d, lessons: r.lessons, details: p.details, allowShort: false), [])
    }

    // Hand-made details that break the topic and form rules.
    func testDetailsVerifierTopicAndFormRules() {
        let plan = TopicPlan(byStage: [.primary: Self.learningFirst.map { TopicPlan.Topic.parse($0)! }])
        let d = topicDistrict(topics: plan)
        let days = ["2026-09-07", "2026-09-09", "2026-09-14"]
        func three(_ forms: [LessonForm], area: String = "学习", topic: String = "学会学习") -> [LessonDetail] {
            days.indices.map { detail("3-1", days[$0], 6, area: area, topic: topic, form: forms[$0],
                                      replaces: date(days[$0]).weekday == 1 ? "班会" : "地方课程") }
        }
        XCTAssertEqual(detailRules(d, three([.scenario, .scenario, .discussion])), [])
        XCTAssertEqual(detailRules(d, three([.scenario, .scenario, .scenario])), ["form-variety"])
        // A topic not in the plan, and an area that is not one of the five.
        XCTAssertEqual(detailRules(d, three([.scenario, .discussion, .training], topic: "不存在")), ["topic"])
        XCTAssertEqual(detailRules(d, three([.scenario, .discussion, .training], area: "数学", topic: "")), ["topic"])
        // The plan's title with another area is not in the plan either.
        XCTAssertEqual(detailRules(d, three([.scenario, .discussion, .training], area: "生活", topic: "学会学习")), ["topic"])
        // Three lessons cannot cover five areas: that is reported (areaShorts), not a broken rule.
        XCTAssertEqual(detailRules(d, three([.scenario, .discussion, .training]), allowShort: false), [])
    }

    // Rows of a lecture school marked lesson although they are a lecture (several classes, one
    // teacher, one time) break the "lecture" rule of the details.
    func testDetailsVerifierLectureMark() {
        let d = district(start: "2026-09-07", end: "2026-09-25", schools: [gradeSchool()])
        let good = Self.grade3.map { detail($0, "2026-09-07", 6, room: .hall, area: "情绪调适", topic: "认识情绪", form: .lecture, lecture: true) }
        XCTAssertEqual(detailRules(d, good), [])
        let unmarked = Self.grade3.map { detail($0, "2026-09-07", 6, room: .hall, area: "情绪调适", form: .lecture) }
        XCTAssertEqual(detailRules(d, unmarked), ["lecture"])
        // A lecture held in a classroom with a classroom form.
        var misplaced = good
        misplaced[0].room = .classroom
        misplaced[0].form = .discussion
        misplaced[0].topic = ""
        XCTAssertEqual(detailRules(d, misplaced), ["hall", "form-lecture"])
    }

    // A class with three lessons cannot cover the five areas: areaShorts says which are missing.
    func testAreaShortWithThreeLessons() {
        let d = topicDistrict(topics: TopicPlan(), lessonsPerMonth: 3)
        let (r, p) = solveChecked(d)
        XCTAssertTrue(r.allMet)
        XCTAssertEqual(p.details.count, 3)
        // The primary default order: 学习, 人际交往, 情绪调适, 生活, 自我意识.
        let ordered = p.details.sorted { ($0.lesson.date, $0.lesson.period) < ($1.lesson.date, $1.lesson.period) }
        XCTAssertEqual(ordered.map(\.area), ["学习", "人际交往", "情绪调适"])
        XCTAssertEqual(p.areaShorts.count, 1)
        XCTAssertEqual(p.areaShorts.first?.classID, "3-1")
        XCTAssertEqual(p.areaShorts.first?.lessons, 3)
        XCTAssertEqual(p.areaShorts.first?.missing, ["生活", "自我意识"])
        XCTAssertTrue(p.areaShorts.first?.reason.en.contains("needs five") ?? false)
        XCTAssertEqual(DetailsVerifier.check(d, lessons: r.lessons, details: p.details, allowShort: false), [])
        XCTAssertEqual(DetailsVerifier.check(d, lessons: r.lessons, details: p.details, allowShort: true), [])
        // Five lessons of which only four areas: the rule fires.
        var five = p.details
        if let last = five.last {
            var extra = last
            extra.lesson.date = date("2026-09-28")
            five += [extra, extra]
            five[4].lesson.date = date("2026-10-05")
        }
        XCTAssertTrue(DetailsVerifier.check(d, lessons: five.map(\.lesson), details: five, allowShort: true).map(\.rule).contains("area-coverage"))
    }

    // MARK: - Determinism

    func testPlanLessonDetailsIsDeterministic() {
        var s = gradeSchool(teachers: [psych("P"), psych("Q")])
        s.activityRoom = ActivityRoomPolicy(rooms: 1, share: 0.5)
        var d = district(start: "2026-09-07", end: "2026-09-25", schools: [s]) { $0.lessonsPerMonth = 5; $0.maxPerWeek = 2 }
        d.topics = TopicPlan(byStage: [.primary: Self.learningFirst.map { TopicPlan.Topic.parse($0)! }])
        let (r, first) = solveChecked(d)
        let second = plan(r.district, r.lessons)
        XCTAssertEqual(first.details, second.details)
        XCTAssertEqual(first.roomShorts, second.roomShorts)
        XCTAssertEqual(first.areaShorts, second.areaShorts)
        XCTAssertEqual(first.optimal, second.optimal)
        // The input order of the lessons does not matter.
        let third = plan(r.district, r.lessons.reversed())
        XCTAssertEqual(first.details, third.details)
        XCTAssertEqual(first.details.count, r.lessons.count)
    }
}
