// Date-like values in district.toml and school.toml, in child processes: toml++ asserts (exit 134)
// on ten characters shaped like a date, a space and one digit (`2026-09-0= 1`, found by the
// libFuzzer toml target); `validate` must answer 0 or 65 with a message at the file and line.

import Foundation
import XCTest

final class TOMLDateValueTests: XCTestCase {
    /// The libFuzzer finding and its relatives, each refused at its line with the bilingual message.
    func testDateShapedValuesAreRefusedAtTheirLine() throws {
        let dir = Paths.temporaryDirectory("toml-date")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (file, entry) in [("district.toml", "x = 2026-09-0= 1"), ("district.toml", "x = 2026-09-01 1"),
                              ("district.toml", "x = [2026-09-01 1]"), ("district.toml", "x = { y = 20_26-09-01 7, z = 1 }"),
                              ("schools/S01/school.toml", "x = 2026-09-0= 1 # c"),
                              ("schools/S01/school.toml", "x = 1999-aa-bb 9")] {
            let original = try String(contentsOfFile: Paths.tinyPack + "/" + file, encoding: .utf8)
            let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
            let text = (original.hasSuffix("\n") ? original : original + "\n") + entry + "\n"
            let r = Self.validate(file: file, text: text, dir: dir)
            XCTAssertEqual(r.exitCode, 65, "\(entry): \(r.summary) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("\(file):\(line)"), "\(entry): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("日期"), r.stderr)
        }
    }

    /// Generated date-like values (separators, underscores, what follows the space, inside arrays,
    /// inline tables, strings and comments): no input may crash, hang or answer without the file.
    func testGeneratedDateValuesNeverCrash() throws {
        let heads = ["2026-09-01", "2026-09-0=", "20_26-09-01", "0000-00-00", "2026-9-01", "1979-05-27", "2026-09-01T"]
        let tails = [" 1", " 12", " 1:", " 08:00:00", " 1]", " 1,2", " 1#", " 1}", "", " a", "  1", " 1\u{3000}"]
        let contexts: [(String) -> String] = [
            { "x = \($0)\n" }, { "x = \($0)" }, { "x = [\n\($0)\n]\n" }, { "x = { y = \($0) }\n" },
            { "s = \"\($0)\"\n" }, { "# \($0)\n" }, { "x = [1, \($0)]\n" },
        ]
        let base = try String(contentsOfFile: Paths.tinyPack + "/district.toml", encoding: .utf8)
        var cases: [String] = []
        for h in heads { for t in tails { for c in contexts { cases.append(base + "\n" + c(h + t)) } } }
        for f in TOMLTrial.findings(cases, label: "date case") { XCTFail(f) }
    }

    private static func validate(file: String, text: String, dir: String) -> ChildRun {
        TOMLTrial.validate(file: file, text: text, dir: dir)
    }
}
