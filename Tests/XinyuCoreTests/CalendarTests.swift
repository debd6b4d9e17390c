import XCTest
@testable import XinyuCore
import XinyuPack
import XinyuVerify

final class CalendarTests: XCTestCase {
    func cal(start: String, end: String, _ entries: [CalendarEntry], days: Int = 5) -> TermCalendar {
        TermCalendar(district: district(start: start, end: end, calendar: entries, schools: []), daysPerWeek: days)
    }

    func testMakeupDayRunsTheNamedWeekday() {
        let c = cal(start: "2026-09-14", end: "2026-09-25", [CalendarEntry(date: date("2026-09-20"), kind: .makeup, followsWeekday: 5)])
        let sunday = c.day(on: date("2026-09-20"))
        XCTAssertEqual(sunday?.timetableWeekday, 5)
        XCTAssertNil(c.day(on: date("2026-09-19")), "an ordinary Saturday is no school day")
        XCTAssertEqual(c.schoolDays.count, 11)
    }

    func testHolidaysAndClosuresAreNoSchoolDaysExamDaysTakeNoLesson() {
        let c = cal(start: "2026-09-28", end: "2026-10-09", [
            CalendarEntry(date: date("2026-10-01"), kind: .holiday),
            CalendarEntry(date: date("2026-10-02"), kind: .closure),
            CalendarEntry(date: date("2026-10-09"), kind: .exam),
        ])
        XCTAssertNil(c.day(on: date("2026-10-01")))
        XCTAssertNil(c.day(on: date("2026-10-02")))
        XCTAssertEqual(c.day(on: date("2026-10-09"))?.isExam, true)
        XCTAssertFalse(c.lessonDays.contains { $0.date == date("2026-10-09") })
        XCTAssertEqual(c.lessonDays.map(\.date.iso), ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08"])
    }

    func testMonthsAtTheTermsEdgesHaveMinimums() {
        let c = cal(start: "2026-08-31", end: "2026-10-01", [])
        XCTAssertEqual(c.months, ["2026-08", "2026-09", "2026-10"])
        // A month whose only school days are exam days still has a minimum (and no lesson day).
        let e = cal(start: "2026-09-28", end: "2026-10-02", [
            CalendarEntry(date: date("2026-10-01"), kind: .exam), CalendarEntry(date: date("2026-10-02"), kind: .exam),
        ])
        XCTAssertEqual(e.months, ["2026-09", "2026-10"])
        XCTAssertFalse(e.lessonDays.contains { $0.monthKey == "2026-10" })
    }

    func testTeachingWeeksCountFromTheWeekOfTheTermStart() {
        let c = cal(start: "2026-09-01", end: "2026-09-18", [])
        XCTAssertEqual(c.day(on: date("2026-09-01"))?.teachingWeek, 1)
        XCTAssertEqual(c.day(on: date("2026-09-04"))?.teachingWeek, 1)
        XCTAssertEqual(c.day(on: date("2026-09-07"))?.teachingWeek, 2)
        XCTAssertEqual(c.day(on: date("2026-09-18"))?.teachingWeek, 3)
    }

    func testSixDayWeekHasSaturdays() {
        let c = cal(start: "2026-09-07", end: "2026-09-13", [], days: 6)
        XCTAssertEqual(c.schoolDays.count, 6)
        XCTAssertEqual(c.day(on: date("2026-09-12"))?.timetableWeekday, 6)
    }

    func testCivilDateArithmetic() {
        XCTAssertEqual(date("2026-09-20").weekday, 7)
        XCTAssertEqual(date("2027-01-01").weekday, 5)
        XCTAssertEqual(date("2028-02-28").adding(days: 1).iso, "2028-02-29")
        XCTAssertEqual(date("2026-12-31").adding(days: 1).iso, "2027-01-01")
        XCTAssertEqual(date("2026-09-20").weekMonday.iso, "2026-09-14")
        XCTAssertNil(CivilDate(iso: "2026-02-29"))
        XCTAssertNil(CivilDate(iso: "2026-9-01"))
    }
}
