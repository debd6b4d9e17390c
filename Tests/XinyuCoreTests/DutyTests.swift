import Foundation
import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// Counseling-room duty (心理咨询室值班): each rule alone on a one-school district of three weeks
/// (2026-09-07 – 2026-09-25, Saturdays 09-12 and 09-19 in the term); the planner keeps it and
/// `DutyVerifier` catches hand-made shifts that break it.
final class DutyTests: XCTestCase {
    /// Eight periods; no period at lunch, period 8 (16:30–17:10) overlaps the Wednesday window.
    static let bells = ["08:00-08:40", "08:50-09:30", "09:40-10:20", "10:30-11:10",
                        "14:00-14:40", "14:50-15:30", "15:40-16:20", "16:30-17:10"]
    /// A week: five lunches of 50 minutes, Wednesday 60 minutes for all, Saturday 120 for parents.
    static let windows = ["1-5:12:10-13:00", "3:16:30-17:30 all", "6:09:00-11:00 parents"]

    func room(hours: Double = 4, parents: Int = 1, windows: [String] = DutyTests.windows, cap: Double? = nil,
              counts: Bool = false) -> CounselingRoomPolicy {
        CounselingRoomPolicy(hoursPerWeek: hours, parentSlotsPerWeek: parents, windows: windows.map { DutyWindow.parse($0)! },
                             maxTeacherHoursPerWeek: cap, countsTowardLimits: counts)
    }

    func dutySchool(_ id: String = "S01", teachers: [Teacher], rows: [String] = [], unavailable: [Unavailability] = [],
                    room: CounselingRoomPolicy) -> School {
        var s = school(id, periods: 8, classes: [("3-1", .primary), ("3-2", .primary)], rows: rows, teachers: teachers,
                       unavailable: unavailable)
        s.periodTimes = DutyTests.bells
        s.counselingRoom = room
        return s
    }

    func dutyDistrict(_ schools: [School], calendar: [CalendarEntry] = [], end: String = "2026-09-25") -> District {
        district(start: "2026-09-07", end: end, calendar: calendar, schools: schools)
    }

    func plan(_ d: District, _ lessons: [Lesson] = []) -> DutyPlan {
        planDuty(d, lessons: lessons, solver: GLPKSolver(), timeLimit: 60)
    }

    func shift(_ day: String, _ time: String = "12:10-13:00", _ teacher: String = "P", _ audience: DutyAudience = .students,
               school: String = "S01") -> DutyShift {
        let w = DutyWindow.parse("1:" + time)!
        return DutyShift(school: school, date: date(day), start: w.start, end: w.end, teacher: teacher, audience: audience)
    }

    func lesson(_ cls: String, _ day: String, _ period: Int, _ teacher: String, school: String = "S01") -> Lesson {
        Lesson(school: school, classID: cls, date: date(day), weekday: date(day).weekday, period: period, teacher: teacher, replaces: "班会")
    }

    func rules(_ d: District, _ shifts: [DutyShift], lessons: [Lesson] = [], allowShort: Bool = true) -> Set<String> {
        Set(DutyVerifier.check(d, lessons: lessons, shifts: shifts.sorted(), allowShort: allowShort).map(\.rule))
    }

    func open(_ p: DutyPlan, _ monday: String, school: String = "S01") -> Int {
        p.shifts.filter { $0.school == school && $0.date.weekMonday == date(monday) }.reduce(0) { $0 + $1.minutes }
    }

    func parents(_ p: DutyPlan, _ monday: String, school: String = "S01") -> Int {
        p.shifts.filter { $0.school == school && $0.date.weekMonday == date(monday) && $0.audience.forParents }.count
    }

    /// The planner's shifts pass the verifier (short weeks allowed only when `allowShort`).
    func assertVerified(_ d: District, _ p: DutyPlan, lessons: [Lesson] = [], allowShort: Bool = false,
                        file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(DutyVerifier.check(d, lessons: lessons, shifts: p.shifts, allowShort: allowShort), [],
                       "the verifier rejects the planner's duty", file: file, line: line)
    }

    static let mondays = ["2026-09-07", "2026-09-14", "2026-09-21"]

    // Hours and parent slots are met every week, with no more minutes than needed.
    func testPlannerMeetsHoursAndParents() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P")], room: room())])
        let p = plan(d)
        XCTAssertTrue(p.optimal)
        XCTAssertEqual(p.shortWeeks, [])
        for m in Self.mondays {
            // 240 required: Wednesday's 60 (the parent slot) and four lunches is the least above it.
            XCTAssertEqual(open(p, m), 260, "week of \(m)")
            XCTAssertGreaterThanOrEqual(parents(p, m), 1)
        }
        XCTAssertTrue(p.shifts.allSatisfy { $0.teacher == "P" })
        XCTAssertEqual(p.shifts, p.shifts.sorted())
        assertVerified(d, p)
    }

    // A teacher with a timetable row or a lesson overlapping a window is not put on it; a replaced row frees them.
    func testBusyTeacherNeverOnOverlappingWindow() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P"), psych("Q")], rows: ["3-1,3,8,语文,P", "3-2,3,8,班会,"], room: room())])
        let lessons = [lesson("3-2", "2026-09-16", 8, "Q")]
        let p = plan(d, lessons)
        XCTAssertEqual(p.shortWeeks, [])
        XCTAssertFalse(p.shifts.contains { $0.teacher == "P" && $0.date.weekday == 3 && $0.start == 16 * 60 + 30 })
        XCTAssertFalse(p.shifts.contains { $0.date == date("2026-09-16") && $0.start == 16 * 60 + 30 })
        // Nobody is free on Wednesday 09-16 after school: the parent slot is that Saturday.
        XCTAssertTrue(p.shifts.contains { $0.date == date("2026-09-19") })
        XCTAssertEqual(open(p, "2026-09-14"), 270)
        assertVerified(d, p, lessons: lessons)
        // The verifier flags a row and a lesson overlapping the window.
        XCTAssertEqual(rules(d, [shift("2026-09-09", "16:30-17:30", "P", .all)], lessons: lessons), ["duty-busy"])
        XCTAssertEqual(rules(d, [shift("2026-09-16", "16:30-17:30", "Q", .all)], lessons: lessons), ["duty-busy"])
        // A lesson replacing P's row frees P (and makes its teacher busy).
        let replaced = lessons + [lesson("3-1", "2026-09-23", 8, "Q")]
        XCTAssertEqual(rules(d, [shift("2026-09-23", "16:30-17:30", "P", .all)], lessons: replaced), [])
        XCTAssertEqual(rules(d, [shift("2026-09-23", "16:30-17:30", "Q", .all)], lessons: replaced), ["duty-busy"])
    }

    // A district training day and unavailable.csv (a whole day, or periods overlapping the window).
    func testTrainingAndUnavailableDays() {
        let unavailable = [
            Unavailability(teacher: "P", when: .date(date("2026-09-14")), reason: "培训", training: true),
            Unavailability(teacher: "P", when: .date(date("2026-09-16")), periods: [8]),
            Unavailability(teacher: "P", when: .weekday(5), periods: [1]),
        ]
        let d = dutyDistrict([dutySchool(teachers: [psych("P")], unavailable: unavailable, room: room())],
                             calendar: [CalendarEntry(date: date("2026-09-09"), kind: .training)])
        let p = plan(d)
        XCTAssertEqual(p.shortWeeks, [])
        XCTAssertFalse(p.shifts.contains { $0.date == date("2026-09-09") || $0.date == date("2026-09-14") })
        XCTAssertFalse(p.shifts.contains { $0.date == date("2026-09-16") && $0.start == 16 * 60 + 30 })
        // A training day is still a school day: the week keeps its 240 minutes, Saturday gives the parent slot.
        XCTAssertTrue(p.shifts.contains { $0.date == date("2026-09-12") })
        XCTAssertGreaterThanOrEqual(open(p, "2026-09-07"), 240)
        assertVerified(d, p)
        XCTAssertEqual(rules(d, [shift("2026-09-09")]), ["duty-busy"])
        XCTAssertEqual(rules(d, [shift("2026-09-14")]), ["duty-busy"])
        XCTAssertEqual(rules(d, [shift("2026-09-16", "16:30-17:30", "P", .all)]), ["duty-busy"])
        XCTAssertEqual(rules(d, [shift("2026-09-16")]), [], "period 8 does not overlap lunch")
        XCTAssertEqual(rules(d, [shift("2026-09-11")]), [], "Friday period 1 does not overlap lunch")
    }

    // max_teacher_hours_per_week: 3 hours each, 4 required, so both teachers take duty every week.
    func testTeacherCapSplitsDuty() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P"), psych("Q")], room: room(cap: 3))])
        let p = plan(d)
        XCTAssertEqual(p.shortWeeks, [])
        for m in Self.mondays {
            for t in ["P", "Q"] {
                let minutes = p.shifts.filter { $0.teacher == t && $0.date.weekMonday == date(m) }.reduce(0) { $0 + $1.minutes }
                XCTAssertGreaterThan(minutes, 0, "\(t) in the week of \(m)")
                XCTAssertLessThanOrEqual(minutes, 180, "\(t) in the week of \(m)")
            }
        }
        assertVerified(d, p)
        let allToP = ["2026-09-07", "2026-09-08", "2026-09-09", "2026-09-10"].map { shift($0) } + [shift("2026-09-09", "16:30-17:30", "P", .all)]
        XCTAssertEqual(rules(d, allToP), ["duty-cap"])
    }

    // counts_toward_limits: a duty is one lesson against max_per_day (here 1).
    func testDutyCountsTowardLimits() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P", day: 1)], room: room(counts: true))])
        let lessons = [lesson("3-1", "2026-09-07", 1, "P"), lesson("3-2", "2026-09-08", 1, "P")]
        let p = plan(d, lessons)
        XCTAssertEqual(p.shortWeeks, [])
        XCTAssertFalse(p.shifts.contains { $0.date == date("2026-09-07") || $0.date == date("2026-09-08") })
        XCTAssertEqual(Set(p.shifts.map(\.date)).count, p.shifts.count, "one duty a day")
        assertVerified(d, p, lessons: lessons)
        XCTAssertEqual(rules(d, [shift("2026-09-07")], lessons: lessons), ["duty-limit"])
        XCTAssertEqual(rules(d, [shift("2026-09-09"), shift("2026-09-09", "16:30-17:30", "P", .all)]), ["duty-limit"])
        // max_per_week counts too.
        let weekly = dutyDistrict([dutySchool(teachers: [psych("P", week: 2)], room: room(counts: true))])
        XCTAssertEqual(rules(weekly, [shift("2026-09-09")], lessons: lessons), ["duty-limit"])
        XCTAssertEqual(rules(weekly, [shift("2026-09-14")], lessons: lessons), [])
        // Without counts_toward_limits the same shifts are fine.
        let free = dutyDistrict([dutySchool(teachers: [psych("P", day: 1)], room: room(counts: false))])
        XCTAssertEqual(rules(free, [shift("2026-09-07")], lessons: lessons), [])
    }

    // A week with a holiday is pro-rated: 3 school days need ceil(240 × 3 / 5) = 144 minutes.
    func testHolidayWeekIsProRated() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P")], room: room())],
                             calendar: [CalendarEntry(date: date("2026-09-17"), kind: .holiday),
                                        CalendarEntry(date: date("2026-09-18"), kind: .holiday)])
        let p = plan(d)
        XCTAssertEqual(p.shortWeeks, [])
        XCTAssertFalse(p.shifts.contains { $0.date == date("2026-09-17") || $0.date == date("2026-09-18") })
        XCTAssertEqual(open(p, "2026-09-14"), 160, "Wednesday's 60 and two lunches")
        XCTAssertEqual(open(p, "2026-09-07"), 260)
        assertVerified(d, p)
        XCTAssertEqual(rules(d, [shift("2026-09-17")]), ["duty-window"])
        XCTAssertEqual(DutyTerm.requiredMinutes(room(), schoolDays: 3, daysPerWeek: 5), 144)
        XCTAssertEqual(DutyTerm.requiredMinutes(room(), schoolDays: 6, daysPerWeek: 5), 240, "capped at the full week")
    }

    // Every teacher unavailable for a week: the week is short, with a reason; the verifier flags it.
    func testImpossibleWeekIsReported() {
        let away = (14...19).map { Unavailability(teacher: "P", when: .date(date("2026-09-\($0)")), reason: "外出") }
        let d = dutyDistrict([dutySchool(teachers: [psych("P")], unavailable: away, room: room())])
        let p = plan(d)
        XCTAssertEqual(p.shortWeeks.count, 1)
        let w = p.shortWeeks[0]
        XCTAssertEqual(w.school, "S01")
        XCTAssertEqual(w.week, date("2026-09-14"))
        XCTAssertEqual([w.requiredMinutes, w.openMinutes, w.requiredParentSlots, w.parentSlots], [240, 0, 1, 0])
        XCTAssertTrue(w.reason.en.hasPrefix("Every psychology teacher (P) is teaching, unavailable or on training during 7 of the 7 windows of the week of 2026-09-14; the windows with a free teacher give 0 of the 240 required minutes"), w.reason.en)
        XCTAssertTrue(w.reason.en.contains("free in only 0 of the 2 parent-friendly windows"), w.reason.en)
        XCTAssertTrue(w.reason.zh.contains("不可用"), w.reason.zh)
        XCTAssertEqual(open(p, "2026-09-07"), 260)
        assertVerified(d, p, allowShort: true)
        XCTAssertEqual(rules(d, p.shifts, allowShort: false), ["duty-hours", "duty-parents"])
    }

    // 8 hours a week, more than the windows give (430 minutes); a week with one school day and no
    // Saturday in the term: its windows give 50 of 96 minutes and no parent slot.
    func testShortWeekWithFewWindows() {
        let holidays = (22...25).map { CalendarEntry(date: date("2026-09-\($0)"), kind: .holiday) }
        let d = dutyDistrict([dutySchool(teachers: [psych("P")], room: room(hours: 8))], calendar: holidays)
        let p = plan(d)
        XCTAssertEqual(p.shortWeeks.map(\.week), Self.mondays.map(date))
        XCTAssertEqual(p.shortWeeks[0].openMinutes, 430, "every window opens")
        XCTAssertEqual(p.shortWeeks[0].reason.en, "The week of 2026-09-07 has 5 school day(s); the windows that week give 430 of the 480 required minutes.")
        let w = p.shortWeeks[2]
        XCTAssertEqual([w.requiredMinutes, w.openMinutes, w.requiredParentSlots, w.parentSlots], [96, 50, 1, 0])
        XCTAssertEqual(w.reason.en, "The week of 2026-09-21 has 1 school day(s); the windows that week give 50 of the 96 required minutes; the week of 2026-09-21 has 0 parent-friendly window(s) (parents or all), fewer than the 1 required.")
        XCTAssertTrue(w.reason.zh.contains("50分钟"), w.reason.zh)
        assertVerified(d, p, allowShort: true)
    }

    // The same input gives the same plan; without a cap, duty is balanced over the term.
    func testDeterminismAndBalance() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P"), psych("Q")], rows: ["3-1,2,8,语文,Q"], room: room())])
        let a = plan(d), b = plan(d)
        XCTAssertEqual(a.shifts, b.shifts)
        XCTAssertEqual(a.shortWeeks, b.shortWeeks)
        XCTAssertEqual(DutyFiles.dutyCSV(a.shifts), DutyFiles.dutyCSV(b.shifts))
        let load = { (t: String) in a.shifts.filter { $0.teacher == t }.reduce(0) { $0 + $1.minutes } }
        XCTAssertEqual(load("P") + load("Q"), 780)
        XCTAssertLessThanOrEqual(abs(load("P") - load("Q")), 120, "P \(load("P")), Q \(load("Q"))")
        assertVerified(d, a)
    }

    // Without time the weeks are filled greedily: not proven optimal, but every rule holds.
    func testNoTimeFallsBackToGreedy() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P"), psych("Q")], rows: ["3-1,3,8,语文,P"], room: room(cap: 3))])
        let p = planDuty(d, lessons: [], solver: GLPKSolver(), timeLimit: 0)
        XCTAssertFalse(p.optimal)
        XCTAssertEqual(p.shortWeeks, [])
        assertVerified(d, p)
    }

    // A teacher shared by two schools is never on two duties at once.
    func testSharedTeacherAcrossSchools() {
        let lunch = room(hours: 1.5, parents: 0, windows: ["1-5:12:10-13:00"])
        let d = dutyDistrict([dutySchool("S01", teachers: [psych("P")], room: lunch), dutySchool("S02", teachers: [psych("P")], room: lunch)])
        let p = plan(d)
        XCTAssertEqual(p.shortWeeks, [])
        XCTAssertEqual(Set(p.shifts.map(\.date)).count, p.shifts.count, "one lunch duty a day")
        XCTAssertEqual(Set(p.shifts.map(\.school)), ["S01", "S02"])
        assertVerified(d, p)
        XCTAssertEqual(rules(d, [shift("2026-09-07"), shift("2026-09-07", school: "S02")]), ["duty-clash"])
    }

    // The verifier's own rules: windows, teachers, one teacher per opening, order.
    func testVerifierWindowTeacherRoomAndOrder() {
        let d = dutyDistrict([dutySchool(teachers: [psych("P"), psych("Q"), Teacher(id: "T9")], room: room()),
                              School(id: "S02", name: "S02", stages: [.primary], teachers: [psych("P")])],
                             calendar: [CalendarEntry(date: date("2026-09-19"), kind: .holiday)])
        XCTAssertEqual(rules(d, [shift("2026-09-07"), shift("2026-09-09", "16:30-17:30", "Q", .all),
                                 shift("2026-09-12", "09:00-11:00", "Q", .parents)]), [])
        XCTAssertEqual(rules(d, [shift("2026-09-07", "12:00-13:00")]), ["duty-window"], "not a window's time")
        XCTAssertEqual(rules(d, [shift("2026-09-09", "16:30-17:30", "P", .parents)]), ["duty-window"], "wrong audience")
        XCTAssertEqual(rules(d, [shift("2026-09-19", "09:00-11:00", "P", .parents)]), ["duty-window"], "a holiday Saturday")
        XCTAssertEqual(rules(d, [shift("2026-09-26", "09:00-11:00", "P", .parents)]), ["duty-window"], "after the term")
        XCTAssertEqual(rules(d, [shift("2026-09-07", school: "S02")]), ["duty-window"], "a school without windows")
        XCTAssertEqual(rules(d, [shift("2026-09-07", "12:10-13:00", "T9")]), ["duty-teacher"], "not a psychology teacher")
        XCTAssertEqual(rules(d, [shift("2026-09-07", "12:10-13:00", "X1")]), ["duty-teacher"], "not in teachers.csv")
        XCTAssertEqual(rules(d, [shift("2026-09-07"), shift("2026-09-07", "12:10-13:00", "Q")]), ["duty-room"])
        let unsorted = [shift("2026-09-08"), shift("2026-09-07")]
        XCTAssertEqual(Set(DutyVerifier.check(d, lessons: [], shifts: unsorted, allowShort: true).map(\.rule)), ["duty-order"])
        let message = DutyVerifier.check(d, lessons: [], shifts: [shift("2026-09-07", "12:10-13:00", "T9")], allowShort: true)[0].message
        XCTAssertEqual(message, "S01 on 2026-09-07 12:10–13:00 (T9): T9 is not a psychology teacher")
    }

    // duty.csv round trip, a missing file, bad rows, and the weekly sheet.
    func testDutyFilesRoundTrip() throws {
        let d = dutyDistrict([dutySchool(teachers: [psych("P"), psych("Q")], room: room(cap: 3))])
        let p = plan(d)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-duty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertNil(try DutyFiles.read(directory: dir))
        let text = DutyFiles.dutyCSV(p.shifts)
        XCTAssertTrue(text.hasPrefix("school,date,start,end,teacher,audience\nS01,2026-09-07,12:10,13:00,"), text)
        XCTAssertFalse(text.hasPrefix("\u{FEFF}"))
        try text.write(toFile: dir + "/duty.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try DutyFiles.read(directory: dir), p.shifts)

        // Quoted fields, a BOM, spaces and a blank line are read like the pack's files.
        try "\u{FEFF}school,date,start,end,teacher,audience\n\n \"S01\" , 2026-09-12,09:00,11:00,\"P\",parents\r\n"
            .write(toFile: dir + "/duty.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try DutyFiles.read(directory: dir), [shift("2026-09-12", "09:00-11:00", "P", .parents)])

        try "school,date,start,end,teacher,audience\nS01,2026-9-7,12:10,13:00,P,students\nS01,2026-09-08,12:10,12:00,P,students\nS01,2026-09-09,12:10,13:00,P,teachers\n"
            .write(toFile: dir + "/duty.csv", atomically: true, encoding: .utf8)
        do {
            _ = try DutyFiles.read(directory: dir)
            XCTFail("bad rows are errors")
        } catch {
            XCTAssertEqual(error.diagnostics.map { "\($0.location.line ?? 0):\($0.location.field ?? "")" }, ["2:date", "3:end", "4:audience"])
            XCTAssertTrue(error.diagnostics.allSatisfy { $0.location.file == "duty.csv" })
        }
        try "school,date,start,teacher\n".write(toFile: dir + "/duty.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DutyFiles.read(directory: dir))

        let sheet = DutyFiles.weeklySheet(d, p)
        XCTAssertTrue(sheet.hasPrefix("\u{FEFF}学校 school,周 week (Monday),要求时长 required hours"), sheet)
        XCTAssertTrue(sheet.contains("S01,2026-09-07,4,4.33,1,1,"), sheet)
        XCTAssertTrue(sheet.contains("周三 16:30-17:30 全体"), sheet)
        XCTAssertTrue(sheet.contains("P: 周"), sheet)
        XCTAssertEqual(sheet.components(separatedBy: "S01,2026-09-").count - 1, 3, "one row per week")
    }
}
