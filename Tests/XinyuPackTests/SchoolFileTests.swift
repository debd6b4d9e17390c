import XCTest
@testable import XinyuPack

/// school.toml and the school folder's name.
final class SchoolFileTests: XCTestCase {
    let path = "schools/A/school.toml"
    func school(_ body: String) -> [String: String] { pack([path: body]) }

    func testDefaults() {
        let loaded = load(school("name = \"A\"\nstages = [\"primary\"]\n"))
        XCTAssertEqual(loaded?.district.schools.first?.daysPerWeek, 5)
        XCTAssertEqual(loaded?.district.schools.first?.periodsPerDay, 8)
    }

    func testName() {
        assertError(school("stages = [\"primary\"]\n"), at: path, line: nil, "missing key \"name\"")
        assertError(school("name = 3\nstages = [\"primary\"]\n"), at: path, line: 1, "name \"3\" must be a string", field: "name")
    }

    func testStages() {
        assertError(school("name = \"A\"\n"), at: path, line: nil, "missing key \"stages\"")
        assertError(school("name = \"A\"\nstages = []\n"), at: path, line: 2, "must be a non-empty array")
        assertError(school("name = \"A\"\nstages = [\"primary\", \"middle\"]\n"), at: path, line: 2,
                    "stage \"middle\" is not one of primary, junior, senior", field: "stages")
        assertError(school("name = \"A\"\nstages = [\"primary\", \"primary\"]\n"), at: path, line: 2, "stage \"primary\" is listed twice")
    }

    func testDaysAndPeriods() {
        assertError(school("name = \"A\"\nstages = [\"primary\"]\ndays_per_week = 8\n"), at: path, line: 3,
                    "days_per_week \"8\" is not 1–7", field: "days_per_week")
        assertError(school("name = \"A\"\nstages = [\"primary\"]\nperiods_per_day = 0\n"), at: path, line: 3, "periods_per_day \"0\" is not 1–16")
        assertError(school("name = \"A\"\nstages = [\"primary\"]\nperiods_per_day = 17\n"), at: path, line: 3, "periods_per_day \"17\" is not 1–16")
        assertError(school("name = \"A\"\nstages = [\"primary\"]\nperiods_per_day = \"7\"\n"), at: path, line: 3, "periods_per_day \"7\" is not 1–16")
    }

    func testPeriodTimes() {
        let head = "name = \"A\"\nstages = [\"primary\"]\nperiods_per_day = 3\n"
        let ok = load(school(head + "period_times = [\"08:00-08:40\", \"08:50-09:30\", \"09:30-10:10\"]\n"))
        XCTAssertEqual(ok?.district.schools.first?.periodTimes, ["08:00-08:40", "08:50-09:30", "09:30-10:10"])
        assertError(school(head + "period_times = [\"8:00-8:40\", \"08:50-09:30\", \"09:40-10:20\"]\n"), at: path, line: 4,
                    "period_times entry \"8:00-8:40\" is not a time range like \"08:00-08:40\"", field: "period_times")
        assertError(school(head + "period_times = [\"08:00-08:40\", \"08:50-09:30\"]\n"), at: path, line: 4,
                    "period_times has 2 entries but periods_per_day is 3")
        assertError(school(head + "period_times = [\"08:00-08:40\", \"08:30-09:10\", \"09:40-10:20\"]\n"), at: path, line: 4,
                    "\"08:30-09:10\" (period 2) starts before the previous period ends")
        assertError(school(head + "period_times = [\"08:00-08:40\", \"09:30-08:50\", \"09:40-10:20\"]\n"), at: path, line: 4,
                    "\"09:30-08:50\" ends before it starts")
    }

    func testUnknownKeyIsANote() {
        let loaded = load(school("name = \"A\"\nstages = [\"primary\"]\nperiods_per_day = 7\nprincipal = \"王\"\n"))
        XCTAssertEqual(loaded?.notes.map(\.description), ["schools/A/school.toml:4: note: unknown key \"principal\" ignored / 未知的键 \"principal\" 已忽略"])
    }

    func testSchoolIDMustNotContainCommaOrSemicolon() {
        var files = basePack
        for (key, value) in basePack where key.hasPrefix("schools/A/") {
            files["schools/A;B/" + key.dropFirst("schools/A/".count)] = value
        }
        assertError(files, at: "schools/A;B", line: nil, "school id \"A;B\" (the folder name) contains a comma or a semicolon")
    }

    func testMissingSchoolFile() {
        var files = basePack
        files[path] = nil
        assertError(files, at: path, line: nil, "file is missing")
    }

    func testEmptyPackIsAnError() {
        assertError(["district.toml": basePack["district.toml"]!], at: "schools", line: nil, "the pack has no schools")
    }
}
