import XCTest
@testable import XinyuPack

/// calendar.csv: dates, kinds, follows_weekday, duplicates, the term.
final class CalendarFileTests: XCTestCase {
    func calendar(_ rows: String) -> [String: String] {
        pack(["calendar.csv": "date,kind,follows_weekday,note\n" + rows])
    }

    func testBadDate() {
        assertError(calendar("2026-10-01,holiday,,\n2026-13-01,holiday,,\n"), at: "calendar.csv", line: 3,
                    "date \"2026-13-01\" is not a date like 2026-10-01", field: "date")
    }

    func testBadKind() {
        assertError(calendar("2026-10-01,vacation,,\n"), at: "calendar.csv", line: 2,
                    "kind \"vacation\" is not one of holiday, closure, exam, makeup", field: "kind")
    }

    func testMakeupNeedsFollowsWeekday() {
        assertError(calendar("2026-10-10,makeup,,\n"), at: "calendar.csv", line: 2, "a makeup day needs follows_weekday")
        assertError(calendar("2026-10-10,makeup,8,\n"), at: "calendar.csv", line: 2, "follows_weekday \"8\" is not 1–7")
    }

    func testFollowsWeekdayMustBeEmptyOtherwise() {
        assertError(calendar("2026-10-01,holiday,4,\n"), at: "calendar.csv", line: 2,
                    "follows_weekday \"4\" must be empty for a holiday day", field: "follows_weekday")
    }

    func testDateListedTwice() {
        assertError(calendar("2026-10-01,holiday,,\n2026-10-02,holiday,,\n2026-10-01,closure,,\n"), at: "calendar.csv", line: 4,
                    "date \"2026-10-01\" is listed twice (also at line 2)")
    }

    func testDateOutsideTerm() {
        assertError(calendar("2026-08-31,holiday,,\n"), at: "calendar.csv", line: 2,
                    "date \"2026-08-31\" is outside the term 2026-09-01 – 2027-01-15")
        assertError(calendar("2027-01-16,exam,,\n"), at: "calendar.csv", line: 2, "is outside the term")
    }

    func testMakeupOnAnyDateIsFine() {
        let loaded = load(calendar("2026-10-10,makeup,5,调休\n2026-10-12,makeup,1,\n"))
        XCTAssertEqual(loaded?.district.calendar.map(\.followsWeekday), [5, 1])
    }

    func testNoteColumnIsOptional() {
        let loaded = load(pack(["calendar.csv": "date,kind,follows_weekday\n2026-10-01,holiday,\n"]))
        XCTAssertEqual(loaded?.district.calendar.first?.note, "")
    }

    func testMissingRequiredColumn() {
        assertError(pack(["calendar.csv": "date,kind,note\n2026-10-01,holiday,x\n"]), at: "calendar.csv", line: 1,
                    "missing column \"follows_weekday\"", field: "follows_weekday")
    }
}
