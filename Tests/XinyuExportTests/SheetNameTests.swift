// Sheet names for any class or teacher name: libxlsxwriter's own check must accept every one,
// and none may repeat (issue 17: a name that ended in an apostrophe after the cut trapped).

import CXLSXWriter
import XCTest
@testable import XinyuExport

final class SheetNameTests: XCTestCase {
    /// The apostrophe case of the trial: 27 × a, then 'b (cut at 31 after stripping) and its kin.
    func testApostropheLeftAtTheCutIsRemoved() throws {
        var taken = Set<String>()
        for n in 25...35 {
            let wanted = String(repeating: "a", count: n) + "'b"
            let name = SheetName.make(wanted, taken: &taken)
            XCTAssertFalse(name.hasSuffix("'"), name)
            try assertAccepted(name)
        }
    }

    /// Many generated names built from the characters that break names: apostrophes, forbidden
    /// characters, control characters and NUL, wide and astral characters, "History", empty.
    func testGeneratedNamesAreAlwaysAcceptedAndUnique() throws {
        let pieces = ["a", "'", "[", "]", ":", "*", "?", "/", "\\", "\u{0}", "\n", "\u{7F}", "\u{85}", "心",
                      "😀", "History", "history", " ", "~2", "é", "\u{FFFF}"]
        var state: UInt64 = 17
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let workbook = try XCTUnwrap(workbook_new("/dev/null"))
        defer { workbook_close(workbook) }
        var taken = Set<String>()
        var names = Set<String>()
        for _ in 0..<3000 {
            var wanted = ""
            for _ in 0..<next(40) { wanted += pieces[next(pieces.count)] }
            let name = SheetName.make(wanted, taken: &taken)
            XCTAssertTrue(names.insert(name.lowercased()).inserted, "repeated \(name)")
            XCTAssertLessThanOrEqual(name.utf16.count, 31)
            XCTAssertFalse(name.unicodeScalars.contains { $0.value < 0x20 }, name)
            XCTAssertEqual(workbook_validate_sheet_name(workbook, name), LXW_NO_ERROR, "refused: \(name.debugDescription)")
        }
    }

    private func assertAccepted(_ name: String) throws {
        let workbook = try XCTUnwrap(workbook_new("/dev/null"))
        defer { workbook_close(workbook) }
        XCTAssertEqual(workbook_validate_sheet_name(workbook, name), LXW_NO_ERROR, name)
    }
}

/// Class calendar file names (issue 17 item 8): school A + class B-C and school A-B + class C
/// both gave A-B-C.ics, so one calendar overwrote the other.
final class CalendarFileNameTests: XCTestCase {
    func testClassCalendarNamesNeverCollide() {
        var names = UniqueFileNames()
        let a = names.name("A", "B-C"), b = names.name("A-B", "C")
        XCTAssertEqual(a, "A-B-C")
        XCTAssertNotEqual(a.lowercased(), b.lowercased())
        // Many ids built from few characters: every name distinct, ignoring case.
        var all = UniqueFileNames(), seen = Set<String>()
        let parts = ["A", "a", "B", "-", "A-B", "B-C", "/", "_", "C"]
        for s in parts { for t in parts { for u in parts {
            XCTAssertTrue(seen.insert(all.name(s + t, u).lowercased()).inserted, "\(s + t) / \(u)")
        } } }
    }
}
