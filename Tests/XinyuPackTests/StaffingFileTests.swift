import XCTest
@testable import XinyuPack

/// district.toml `[staffing]`: defaults, values, errors at their line, the writer's round trip.
final class StaffingFileTests: XCTestCase {
    let head = """
        name = "测试区"
        [term]
        start = 2026-09-01
        end = 2027-01-15
        """

    func testDefaultsWithoutTheTable() throws {
        let loaded = try XCTUnwrap(load(pack(["district.toml": head])))
        XCTAssertEqual(loaded.district.staffing, StaffingSettings())
        XCTAssertEqual(StaffingSettings().fulltimeMaxPerWeek, 14, "a full-time teacher commonly teaches 12–16 periods a week")
    }

    func testValuesAreReadAndCapsNeverExceedADayOrAWeek() throws {
        let body = head + "\n[staffing]\nfulltime_max_per_week = 16\nfulltime_max_per_day = 9\nparttime_max_per_week = 4\nparttime_max_per_day = 1\nstudents_per_parttime = 500\n"
        let s = try XCTUnwrap(load(pack(["district.toml": body]))).district.staffing
        XCTAssertEqual([s.fulltimeMaxPerWeek, s.fulltimeMaxPerDay, s.parttimeMaxPerWeek, s.parttimeMaxPerDay, s.studentsPerParttime], [16, 9, 4, 1, 500])
        let full = s.caps(fulltime: true, periodsPerDay: 6, daysPerWeek: 5)
        XCTAssertEqual(full.day, 6, "not above a day's periods")
        XCTAssertEqual(full.week, 16)
        let small = s.caps(fulltime: true, periodsPerDay: 2, daysPerWeek: 5)
        XCTAssertEqual(small.week, 10, "not above the periods of a week")
        XCTAssertEqual(s.caps(fulltime: false, periodsPerDay: 6, daysPerWeek: 5).week, 4)
    }

    func testBadValuesNameFileLineAndField() {
        let body = head + "\n[staffing]\nfulltime_max_per_week = 0\nparttime_max_per_day = \"two\"\n"
        assertError(pack(["district.toml": body]), at: "district.toml", line: 6, "staffing.fulltime_max_per_week", field: "staffing.fulltime_max_per_week")
        assertError(pack(["district.toml": body]), at: "district.toml", line: 7, "不是 1–20 的整数", field: "staffing.parttime_max_per_day")
        let dayAboveWeek = head + "\n[staffing]\nparttime_max_per_week = 2\nparttime_max_per_day = 3\n"
        assertError(pack(["district.toml": dayAboveWeek]), at: "district.toml", line: 7, "more than parttime_max_per_week")
        assertError(pack(["district.toml": "staffing = 3\n" + head]), at: "district.toml", line: 1, "staffing must be a table")
    }

    func testWriterRoundTrip() throws {
        var d = try XCTUnwrap(load(pack(["district.toml": head]))).district
        d.staffing.parttimeMaxPerWeek = 3
        d.staffing.counselingMinHours = 7.5
        let dir = NSTemporaryDirectory() + "xinyu-staffing-\(UUID().uuidString)"
        try PackWriter.write(d, to: dir, overwrite: true)
        XCTAssertEqual(try PackReader.load(path: dir).district.staffing, d.staffing)
    }
}
