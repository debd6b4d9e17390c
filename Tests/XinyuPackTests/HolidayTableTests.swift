import XCTest
import XinyuPack

/// The holiday table embedded in the binary: well-formed, and the notice's facts.
final class HolidayTableTests: XCTestCase {
    func testBundledTableReadsTheNotice() {
        let t = HolidayTable.china
        XCTAssertEqual(t.years, [2026])
        XCTAssertEqual(t.days.filter { $0.kind == .holiday }.count, 33)
        let makeups = t.days.filter { $0.kind == .makeup }
        XCTAssertEqual(makeups.map(\.date.iso), ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
        // A make-up day runs the timetable of the weekday it compensates, and that date is a holiday.
        let holidays = Set(t.days.filter { $0.kind == .holiday }.map(\.date))
        for m in makeups {
            XCTAssertTrue(holidays.contains(m.compensates!), "\(m.date.iso) compensates a holiday")
            XCTAssertEqual(m.followsWeekday, m.compensates!.weekday)
            XCTAssertGreaterThanOrEqual(m.date.weekday, 6, "make-up days are weekend days")
        }
        XCTAssertEqual(t.days(from: CivilDate(iso: "2026-09-01")!, to: CivilDate(iso: "2026-09-30")!).map(\.date.iso),
                       ["2026-09-25", "2026-09-26", "2026-09-27", "2026-09-20"])
    }

    func testMalformedRowsAreRejected() {
        XCTAssertNil(HolidayTable(csv: "date,kind,name,compensates\n2026-13-01,holiday,元旦,\n"))
        XCTAssertNil(HolidayTable(csv: "date,kind,name,compensates\n2026-01-04,makeup,元旦,\n"), "a make-up day names its date")
        XCTAssertNil(HolidayTable(csv: "date,kind,name,compensates\n2026-01-04,exam,考试,\n"))
        XCTAssertEqual(HolidayTable(csv: "date,kind,name,compensates\n2026-01-01,holiday,元旦,\n")?.days.count, 1)
    }

    func testChineseWeekdays() {
        XCTAssertEqual((1...7).map(chineseWeekday), ["周一", "周二", "周三", "周四", "周五", "周六", "周日"])
    }
}
