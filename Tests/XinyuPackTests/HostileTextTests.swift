// Names and ids that break files downstream (issue 17 items 6, 7, 11): control characters and
// NUL, a spreadsheet formula start, absurd costs — refused at file, line and field; and the CSV
// writer neutralises formula-leading cells (OWASP) without touching numbers or contract data.

import XCTest
@testable import XinyuPack

final class HostileTextTests: XCTestCase {
    let teachersHeader = "teacher,name,psych,stages,max_per_day,max_per_week\n"

    func testControlCharactersInNamesAreRefused() {
        for bad in ["a\u{0}b", "a\tb", "a\u{1B}[31mb", "a\u{7F}", "a\u{85}b", "a\u{2028}b"] {
            let teachers = teachersHeader + "T1,\"\(bad)\",full,primary,,\nT2,李,none,,,\n"
            assertError(pack(["schools/A/teachers.csv": teachers]), at: "schools/A/teachers.csv", line: 2,
                        "control character", field: "name")
            assertError(pack(["schools/A/school.toml": "name = \"\(bad.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? String(format: "\\u%04X", $0.value) : String($0) }.joined())\"\nstages = [\"primary\"]\ndays_per_week = 5\nperiods_per_day = 7\n"]),
                        at: "schools/A/school.toml", line: 1, bad.contains("\u{0}") ? "NUL" : "control character",
                        field: bad.contains("\u{0}") ? nil : "name")
        }
        // A line break inside a quoted CSV name.
        assertError(pack(["schools/A/teachers.csv": teachersHeader + "T1,\"张\n三\",full,primary,,\nT2,李,none,,,\n"]),
                    at: "schools/A/teachers.csv", line: 2, "control character", field: "name")
    }

    func testFormulaLeadingIdsAndNamesAreRefused() {
        for start in ["=", "+", "-", "@"] {
            let teachers = teachersHeader + "T1,\(start)cmd|' /C calc'!A0,full,primary,,\nT2,李,none,,,\n"
            assertError(pack(["schools/A/teachers.csv": teachers]), at: "schools/A/teachers.csv", line: 2, "formula", field: "name")
            let classes = "class,grade,stage,students\n\(start)C1,1,primary,40\nC2,2,primary,\n"
            assertError(pack(["schools/A/classes.csv": classes]), at: "schools/A/classes.csv", line: 2, "formula", field: "class")
            let timetable = "class,weekday,period,subject,teacher,weeks\nC1,1,1,\(start)SUM(A1),T2,\n"
            assertError(pack(["schools/A/timetable.csv": timetable]), at: "schools/A/timetable.csv", line: 2, "formula", field: "subject")
        }
        // Inside a name the characters are fine.
        XCTAssertNotNil(load(pack(["schools/A/teachers.csv": teachersHeader + "T1,张-三=@,full,primary,,\nT2,李,none,,,\n"])))
    }

    /// An overlong id made file names too long and Foundation's text reached the user.
    func testOverlongIdsAreRefused() {
        let long = String(repeating: "班", count: 34)  // 102 bytes
        assertError(pack(["schools/A/classes.csv": "class,grade,stage,students\n\(long),1,primary,40\nC2,2,primary,\n"]),
                    at: "schools/A/classes.csv", line: 2, "longer than 100 bytes", field: "class")
        let fits = String(repeating: "班", count: 33)
        XCTAssertNil(idProblem(fits))
    }

    func testAbsurdCostsAreRefused() {
        let term = "name = \"d\"\n[term]\nstart = 2026-09-01\nend = 2027-01-15\n"
        for value in ["1e308", "1e7", "1000001"] {
            assertError(pack(["district.toml": term + "[policy]\nfree_period_cost = \(value)\n"]), at: "district.toml", line: 6,
                        "is not a number 0–1000000", field: "policy.free_period_cost")
            assertError(pack(["district.toml": term + "[preferences]\nspread = \(value)\n"]), at: "district.toml", line: 6,
                        "is not a number 0–1000000", field: "preferences.spread")
        }
        XCTAssertNotNil(load(pack(["district.toml": term + "[policy]\nfree_period_cost = 1000000\n"])))
    }

    /// OWASP: = + - @ tab CR at the start get an apostrophe, plain numbers stay; every cell
    /// still parses back through the pack's own CSV reader.
    func testCSVCellsStartingLikeFormulasAreNeutralised() throws {
        XCTAssertEqual(CSVText.neutralised("=1+2"), "'=1+2")
        XCTAssertEqual(CSVText.neutralised("+cmd"), "'+cmd")
        XCTAssertEqual(CSVText.neutralised("-2+3"), "'-2+3")
        XCTAssertEqual(CSVText.neutralised("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVText.neutralised("\t=x"), "'\t=x")
        XCTAssertEqual(CSVText.neutralised("\r=x"), "'\r=x")
        XCTAssertEqual(CSVText.neutralised("-3"), "-3")
        XCTAssertEqual(CSVText.neutralised("+2.5"), "+2.5")
        XCTAssertEqual(CSVText.neutralised("2026-09-01"), "2026-09-01")
        XCTAssertEqual(CSVText.neutralised("张=三"), "张=三")
        let doc = CSVText.document(header: ["a", "b"], rows: [["=HYPERLINK(\"x\")", "-1"], ["@a,b", "ok"]], bom: true)
        XCTAssertEqual(doc, "\u{FEFF}a,b\n\"'=HYPERLINK(\"\"x\"\")\",-1\n\"'@a,b\",ok\n")
    }
}
