import XCTest
@testable import XinyuPack

/// district.toml: parse errors, [term], [policy], [preferences], unknown keys.
final class DistrictFileTests: XCTestCase {
    func district(_ body: String) -> [String: String] { pack(["district.toml": body]) }

    let term = """
        name = "测试区"
        [term]
        start = 2026-09-01
        end = 2027-01-15
        """

    func testUnparsableTOMLGivesTOMLKitMessageAndLine() {
        assertError(district("name = \"x\"\n[term]\nstart = 2026-09-01\nend = = 3\n"), at: "district.toml", line: 4,
                    "Error while parsing value")
        let all = diagnostics(district("name = \"x\"\n[term]\nstart = 2026-09-01\nend = = 3\n"))
        XCTAssertEqual(all.count, 1)
        XCTAssertFalse(all[0].message.isEmpty)
    }

    func testMissingDistrictFile() {
        var files = basePack
        files["district.toml"] = nil
        assertError(files, at: "district.toml", line: nil, "file is missing")
    }

    func testMissingName() {
        assertError(district("[term]\nstart = 2026-09-01\nend = 2027-01-15\n"), at: "district.toml", line: nil, "missing key \"name\"")
    }

    func testMissingTerm() {
        assertError(district("name = \"x\"\n"), at: "district.toml", line: nil, "missing table [term]")
    }

    func testTermEndBeforeStart() {
        assertError(district("name = \"x\"\n[term]\nstart = 2026-09-01\nend = 2026-08-31\n"),
                    at: "district.toml", line: 4, "term.end \"2026-08-31\" is before term.start \"2026-09-01\"", field: "term.end")
    }

    func testTermNotADate() {
        assertError(district("name = \"x\"\n[term]\nstart = 20260901\nend = 2027-01-15\n"),
                    at: "district.toml", line: 3, "term.start \"20260901\" is not a date")
        assertError(district("name = \"x\"\n[term]\nstart = \"2026-02-30\"\nend = 2027-01-15\n"),
                    at: "district.toml", line: 3, "term.start \"2026-02-30\" is not a date")
    }

    func testTermAsQuotedStringIsAccepted() {
        let loaded = load(district("name = \"x\"\n[term]\nstart = \"2026-09-01\"\nend = \"2027-01-15\"\n"))
        XCTAssertEqual(loaded?.district.termEnd, CivilDate(iso: "2027-01-15"))
    }

    func testTermTooLong() {
        assertError(district("name = \"x\"\n[term]\nstart = 2026-09-01\nend = 2028-01-15\n"),
                    at: "district.toml", line: 4, "days long")
    }

    func testPolicyValues() {
        let bad = term + """

            [policy]
            lessons_per_month = -1
            max_per_week = 0
            same_teacher = "yes"
            free_period_cost = -2
            use_free_periods = 1
            """
        let all = diagnostics(district(bad))
        func has(_ line: Int, _ fragment: String) {
            XCTAssertTrue(all.contains { $0.location.line == line && $0.message.contains(fragment) },
                          "line \(line) \(fragment) in\n\(all.map(\.description).joined(separator: "\n"))")
        }
        has(6, "policy.lessons_per_month \"-1\" is not a whole number ≥ 0")
        has(7, "policy.max_per_week \"0\" is not a whole number ≥ 1")
        has(8, "policy.same_teacher \"yes\" is not true or false")
        has(9, "policy.free_period_cost \"-2\" is not a number 0–1000000")
        has(10, "policy.use_free_periods \"1\" is not true or false")
        XCTAssertEqual(all.count, 5)
    }

    func testFreePeriodCostMustBeFinite() {
        assertError(district(term + "\n[policy]\nfree_period_cost = nan\n"), at: "district.toml", line: 6,
                    "policy.free_period_cost \"nan\" is not a number 0–1000000", field: "policy.free_period_cost")
    }

    func testDisplaceableCosts() {
        let text = term + "\n[policy.displaceable]\n\"班会\" = 3\n\"地方课程\" = -1\n\"校本课程\" = inf\n"
        assertError(district(text), at: "district.toml", line: 7, "policy.displaceable.地方课程 \"-1\" is not a number 0–1000000")
        assertError(district(text), at: "district.toml", line: 8, "policy.displaceable.校本课程 \"inf\" is not a number 0–1000000")
    }

    func testMonthMinimum() {
        let text = term + "\n[policy.month_minimum]\n\"2027-13\" = 1\n\"2026-10\" = -1\n\"2026-11\" = 0\n"
        assertError(district(text), at: "district.toml", line: 6, "key \"2027-13\" is not a month like \"2027-01\"")
        assertError(district(text), at: "district.toml", line: 7, "policy.month_minimum.2026-10 \"-1\" is not a whole number ≥ 0")
        let ok = load(district(term + "\n[policy.month_minimum]\n\"2026-11\" = 0\n"))
        XCTAssertEqual(ok?.district.policy.monthMinimum, ["2026-11": 0])
    }

    func testUnknownPolicyKeyIsANote() {
        let loaded = load(district(term + "\n[policy]\nlessons_per_month = 3\nmax_per_day = 2\n"))
        XCTAssertEqual(loaded?.district.policy.lessonsPerMonth, 3)
        XCTAssertEqual(loaded?.notes.map(\.description), ["district.toml:7: note: unknown key \"policy.max_per_day\" ignored / 未知的键 \"policy.max_per_day\" 已忽略"])
    }

    func testPreferences() {
        let loaded = load(district(term + "\n[preferences]\ndisplacement = 0.5\nload_balance = 4\n"))
        XCTAssertEqual(loaded?.district.preferences.displacement, 0.5)
        XCTAssertEqual(loaded?.district.preferences.loadBalance, 4)
        XCTAssertEqual(loaded?.district.preferences.spread, PreferenceWeights().spread)
        assertError(district(term + "\n[preferences]\nrhythm = -1\n"), at: "district.toml", line: 6,
                    "preferences.rhythm \"-1\" is not a number 0–1000000", field: "preferences.rhythm")
        assertError(district(term + "\n[preferences]\nspread = \"high\"\n"), at: "district.toml", line: 6,
                    "preferences.spread \"high\" is not a number 0–1000000")
        let noted = load(district(term + "\n[preferences]\nfairness = 1\n"))
        XCTAssertEqual(noted?.notes.first?.description, "district.toml:6: note: unknown key \"preferences.fairness\" ignored / 未知的键 \"preferences.fairness\" 已忽略")
    }
}
