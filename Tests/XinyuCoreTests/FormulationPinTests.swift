import XCTest
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// Pins are not a constraint family: they change the instance every stage reads (Pins.swift), so
/// the term model's existing families see them. These row tests say how, family by family.
extension FormulationTests {
    /// The two classes with Q beside P, 3-1 kept on Monday 2026-09-14 period 6 by Q, and 3-2
    /// forbidden on Monday 2026-09-21.
    func pinnedTwoClasses() -> (plain: Instance, pinned: Instance, kept: [KeptPin]) {
        var d = district(schools: [school(classes: [("3-1", .primary), ("3-2", .primary)],
                                          rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,1,6,班会,"],
                                          teachers: [psych("P"), psych("Q")])])
        d.schools[0].pins = [Pin(classID: "3-1", when: .date(date("2026-09-14")), period: 6, teacher: "Q", kind: .keep, line: 2),
                             Pin(classID: "3-2", when: .date(date("2026-09-21")), period: 6, kind: .forbid, line: 3)]
        let plain = Instance(district: d, schools: d.schools)
        let (pinned, kept) = plain.withPins(d.schools)
        return (plain, pinned, kept)
    }

    func testPinsInTheColumns() {
        let (plain, inst, kept) = pinnedTwoClasses()
        XCTAssertEqual(kept.count, 1)
        let (b, _) = build(inst, spec()) { _ in }
        let (b0, _) = build(plain, spec()) { _ in }
        func at(_ x: TermModel.XVar, _ i: Instance) -> String {
            let c = i.classes[x.classIndex].candidates[x.candidate]
            return "\(i.classes[x.classIndex].id) \(i.days[c.day].date.iso) \(c.period) \(i.teachers[x.teacher].id)"
        }
        let cols = Set(b.cols.xs.map { at($0, inst) }), cols0 = Set(b0.cols.xs.map { at($0, plain) })
        // The kept lesson is no column (it is given); Q has no other lesson at its time; the
        // forbidden place has none; 3-1's other lessons are Q's (same_teacher).
        XCTAssertTrue(cols0.contains("3-1 2026-09-14 6 Q") && cols0.contains("3-2 2026-09-14 6 Q") && cols0.contains("3-2 2026-09-21 6 P"))
        XCTAssertFalse(cols.contains { $0.hasPrefix("3-1 2026-09-14 ") })
        XCTAssertFalse(cols.contains("3-2 2026-09-14 6 Q"))
        XCTAssertTrue(cols.contains("3-2 2026-09-14 6 P"))
        XCTAssertFalse(cols.contains { $0.hasPrefix("3-2 2026-09-21 ") })
        XCTAssertFalse(cols.contains { $0.hasPrefix("3-1 ") && $0.hasSuffix(" P") })
    }

    func testPinsInTheMonthAndWeekRows() {
        let (_, inst, kept) = pinnedTwoClasses()
        let k = kept[0]
        let sept = inst.days[k.day].month, week = inst.days[k.day].isoWeek
        // The month needs one lesson less; the kept week has no room left for 3-1.
        let (b, minRows) = build(inst, spec()) { $0.addMonthlyMinimum() }
        XCTAssertEqual(b.required[k.classIndex][sept], 1)
        XCTAssertTrue(minRows.contains { $0.name == "min_c\(k.classIndex)_m\(sept)" && $0.lower == 1 })
        let (b2, weekRows) = build(inst, spec()) { $0.addClassWeekCap() }
        let wed = b2.cols.xs.filter { $0.classIndex == k.classIndex && inst.days[inst.classes[k.classIndex].candidates[$0.candidate].day].isoWeek == week }
        XCTAssertEqual(wed.count, 1, "3-1's Wednesday of that week is still a column …")
        XCTAssertTrue(weekRows.contains { $0.upper == 0 && $0.variables == wed.map(\.column) }, "… held at 0 by the week cap")
    }
}
