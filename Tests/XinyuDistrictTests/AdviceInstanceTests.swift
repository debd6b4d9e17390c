import Foundation
import XCTest
import XinyuCore
import XinyuDistrict
import XinyuPack

/// The advice search changes a group's built instance for hires and raises instead of building
/// it again (`withNewTeachers`, `withTeacherLimits`) and runs on the group alone: each must give
/// exactly what a build from the changed district gives, or the advice would change.
final class AdviceInstanceTests: XCTestCase {
    /// Everything of an instance a model or a bound reads, as text.
    func fingerprint(_ i: Instance) -> String {
        var out = "\(i.schools) \(i.months) \(i.isoWeeks) \(i.days.map { "\($0.date)/\($0.month)/\($0.isoWeek)" })\n"
        for t in i.teachers {
            out += "T \(t.id) \(t.name) \(t.role) \(t.stages) \(String(describing: t.maxPerDay)) \(String(describing: t.maxPerWeek)) "
                + "\(t.schools) \(t.lecturesOnDay.sorted { $0.key < $1.key }) \(t.lecturesInWeek.sorted { $0.key < $1.key })\n"
        }
        for c in i.classes {
            out += "C \(c.school) \(c.id) \(c.stage) \(c.minimum) \(c.lecturesInMonth) \(c.lecturesInWeek.sorted { $0.key < $1.key })\n"
            for k in c.candidates {
                out += "  \(k.day).\(k.period) \(k.cost) \(k.replaces) \(k.options.map { "\($0.teacher):\($0.requires)" })\n"
            }
        }
        return out
    }

    /// For every school of `d` and each of its stages: two full-time and one part-time hire,
    /// plus its first psychology teacher raised, applied to the group's instance and built anew.
    func checkEveryHire(_ d: District, file: StaticString = #filePath, line: UInt = #line) throws {
        var checked = 0
        for group in schoolGroups(d) {
            let base = Instance(district: d, schools: group)
            for s in group {
                for stage in s.stages {
                    var full = AdviceAction(kind: .hireFull)
                    full.stage = stage.rawValue; full.count = 2; full.maxPerWeek = 12; full.maxPerDay = 3
                    var part = AdviceAction(kind: .hirePart)
                    part.stage = stage.rawValue; part.count = 1; part.maxPerWeek = 4; part.maxPerDay = 1
                    var actions = [full, part]
                    if let t = s.psychTeachers.first {
                        var raise = AdviceAction(kind: .raise)
                        raise.teacher = t.id; raise.maxPerWeek = 9; raise.maxPerDay = 2
                        actions.append(raise)
                    }
                    let changed = applyAdvice(actions, school: s.id, to: d)
                    let g = group.compactMap { changed.school($0.id) }
                    let rebuilt = Instance(district: changed, schools: g)
                    var patched = base
                    for a in actions where a.kind == .raise {
                        patched = patched.withTeacherLimits(a.teacher, maxPerWeek: a.maxPerWeek, maxPerDay: a.maxPerDay)
                    }
                    let added = Array((changed.school(s.id)?.teachers ?? []).dropFirst(s.teachers.count))
                    XCTAssertEqual(added.count, 3, file: file, line: line)
                    let staffed = try XCTUnwrap(patched.withNewTeachers(added, school: s.id, group: g, calendar: changed.calendar),
                                                s.id, file: file, line: line)
                    XCTAssertEqual(fingerprint(staffed), fingerprint(rebuilt), "\(s.id) \(stage)", file: file, line: line)
                    XCTAssertEqual(fingerprint(staffed.withPins(g).0.withLectures(g).0),
                                   fingerprint(rebuilt.withPins(g).0.withLectures(g).0), "\(s.id) \(stage) with pins and lectures",
                                   file: file, line: line)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 0, file: file, line: line)
    }

    func testHiresAndRaisesOnTheSampleDistrictEqualARebuild() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let d = try PackReader.load(path: url.path + "/instances/changyi-autumn2026").district
        try checkEveryHire(d)
    }

    /// A group of three schools sharing a 巡回 teacher, each with a teacher of its own (a hire in
    /// the first or the middle school comes before later schools' teachers), a training day, and
    /// a teacher unavailable on Tuesdays.
    static func sharedGroup() -> District {
        func own(_ id: String, _ t: String, _ day: Int) -> School {
            var s = school(id, stages: [.primary, .junior], classes: [("3-1", .primary), ("7-1", .junior)],
                           rows: ["3-1,\(day),6,班会,\(t)", "7-1,\(day),5,地方课程,", "3-1,\(day % 5 + 1),4,地方课程,XR"],
                           teachers: [psych(t, .part, [.primary, .junior], week: 2), psych("XR", .full, [.primary, .junior], week: 3)])
            s.unavailable = [Unavailability(teacher: t, when: .weekday(2))]
            return s
        }
        return district(start: "2026-09-07", end: "2026-09-30", calendar: [CalendarEntry(date: date("2026-09-16"), kind: .training)],
                        schools: [own("G1", "T1", 1), own("G2", "T2", 3), own("G3", "T3", 4)])
    }

    func testHiresInASharedGroupWithATrainingDayEqualARebuild() throws {
        let d = Self.sharedGroup()
        XCTAssertEqual(schoolGroups(d).count, 1)
        try checkEveryHire(d)
    }

    /// A new id a timetable row already names cannot be added in place (the rebuild would give
    /// the new teacher that row): the search then builds the instance anew.
    func testANewIDNamedByATimetableRowIsRefused() throws {
        var d = Self.sharedGroup()
        d.schools[2].timetable.append(TimetableRow(classID: "7-1", weekday: 2, period: 6, subject: "班会", teachers: ["G1_NEW_primary_1"]))
        var hire = AdviceAction(kind: .hireFull)
        hire.stage = "primary"; hire.count = 1; hire.maxPerWeek = 12; hire.maxPerDay = 3
        let changed = applyAdvice([hire], school: "G1", to: d)
        let added = Array((changed.school("G1")?.teachers ?? []).dropFirst(d.schools[0].teachers.count))
        XCTAssertEqual(added.map(\.id), ["G1_NEW_primary_1"])
        XCTAssertNil(Instance(district: d, schools: d.schools).withNewTeachers(added, school: "G1", group: changed.schools, calendar: d.calendar))
    }

    /// Hires on the group alone get the ids they get in the whole district: ids another
    /// group's school already uses are skipped.
    func testHireIDsOnTheGroupAloneSkipIDsOfTheWholeDistrict() {
        var d = Self.sharedGroup()
        d.schools.append(school("Z9", classes: [("3-1", .primary)], rows: ["3-1,1,6,班会,"], teachers: [psych("G1_NEW_primary_1")]))
        var hire = AdviceAction(kind: .hireFull)
        hire.stage = "primary"; hire.count = 2; hire.maxPerWeek = 12; hire.maxPerDay = 3
        let whole = applyAdvice([hire, hire], school: "G1", to: d)
        var alone = d
        alone.schools = Array(d.schools.prefix(3))
        let local = applyAdvice([hire, hire], school: "G1", to: alone, usedIDs: teacherIDs(d))
        let ids = local.school("G1")?.teachers.map(\.id) ?? []
        XCTAssertEqual(ids, whole.school("G1")?.teachers.map(\.id))
        XCTAssertEqual(Array(ids.suffix(4)), ["G1_NEW_primary_2", "G1_NEW_primary_3", "G1_NEW_primary_4", "G1_NEW_primary_5"])
    }
}
