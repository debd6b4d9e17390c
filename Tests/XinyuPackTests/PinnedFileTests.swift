import XCTest
@testable import XinyuPack

/// pinned.csv of a school: each field's errors at its line, in English and Chinese.
final class PinnedFileTests: XCTestCase {
    let pinned = "schools/A/pinned.csv"
    func pins(_ rows: String) -> [String: String] { pack([pinned: "class,when,period,teacher,kind\n" + rows]) }

    func testKeepAndForbidAreRead() throws {
        let loaded = try XCTUnwrap(load(pins("C1,2026-09-14,2,T1,keep\nC2,3,,,forbid\nC2,2026-09-15,4,,FORBID\n")))
        XCTAssertEqual(loaded.district.schools[0].pins, [
            Pin(classID: "C1", when: .date(CivilDate(iso: "2026-09-14")!), period: 2, teacher: "T1", kind: .keep, line: 2),
            Pin(classID: "C2", when: .weekday(3), period: nil, kind: .forbid, line: 3),
            Pin(classID: "C2", when: .date(CivilDate(iso: "2026-09-15")!), period: 4, kind: .forbid, line: 4),
        ])
        // No pinned.csv: no pins.
        XCTAssertEqual(load(basePack)?.district.schools[0].pins, [])
    }

    func testFieldErrors() {
        assertError(pins("C1,2026-09-14,2,T1,lock\n"), at: pinned, line: 2, "kind \"lock\" is not keep or forbid", field: "kind")
        assertError(pins("C1,2026-09-14,2,T1,keep\nC9,2026-09-14,2,T1,keep\n"), at: pinned, line: 3, "unknown class \"C9\"", field: "class")
        assertError(pins("C1,1,2,T1,keep\n"), at: pinned, line: 2, "a keep pin needs a date", field: "when")
        assertError(pins("C1,2027-03-01,2,T1,keep\n"), at: pinned, line: 2, "outside the term", field: "when")
        assertError(pins("C1,周一,,,forbid\n"), at: pinned, line: 2, "is not a date like 2026-10-20 or a weekday 1–7", field: "when")
        assertError(pins("C1,2026-09-14,,T1,keep\n"), at: pinned, line: 2, "a keep pin needs a period", field: "period")
        assertError(pins("C1,2026-09-14,8,T1,keep\n"), at: pinned, line: 2, "period \"8\" is not 1–7", field: "period")
        assertError(pins("C1,2026-09-14,2,T9,keep\n"), at: pinned, line: 2, "unknown teacher \"T9\"", field: "teacher")
        assertError(pins("C1,2026-09-14,2,,keep\n"), at: pinned, line: 2, "teacher id \"\" is empty", field: "teacher")
        assertError(pins("C1,3,2,T1,forbid\n"), at: pinned, line: 2, "a forbid pin has no teacher", field: "teacher")
        // Every message is bilingual.
        XCTAssertTrue(diagnostics(pins("C1,1,2,T1,keep\n")).allSatisfy { $0.message.contains(" / ") })
    }

    func testMissingColumn() {
        assertError(pack([pinned: "class,when,period,kind\nC1,3,,forbid\n"]), at: pinned, line: 1, "teacher")
    }
}
