import XCTest
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// The lesson rules are stated once (`LessonRules`, `LessonScope`): each rule is checked here on
/// two or three hand-made lessons, the greedy start refusing exactly what the term model's rows
/// (or missing columns) forbid.
final class LessonRulesTests: XCTestCase {
    /// Classes 3-1 and 3-2 of one primary school, September 7 – October 30 2026 (Mondays and
    /// Wednesdays): 3-1 may have a lesson at Monday 6 and Wednesday 3, 3-2 at Monday 6 and Wednesday 4.
    func instance(teachers: [Teacher] = [psych("P"), psych("Q")], calendar: [CalendarEntry] = [],
                  unavailable: [Unavailability] = [], configure: (inout Policy) -> Void = { _ in }) -> Instance {
        let d = district(calendar: calendar,
                         schools: [school(classes: [("3-1", .primary), ("3-2", .primary)],
                                          rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,1,6,班会,", "3-2,3,4,班会,", "3-1,2,1,语文,"],
                                          teachers: teachers, unavailable: unavailable)], configure: configure)
        return Instance(district: d, schools: d.schools)
    }

    /// The lesson of class `ci` on `day` (ISO date) at `period` by teacher `t` (an instance index).
    func lesson(_ inst: Instance, _ ci: Int, _ day: String, _ period: Int, _ t: String) -> Placement? {
        guard let di = inst.days.firstIndex(where: { $0.date == date(day) }),
              let k = inst.classes[ci].candidates.firstIndex(where: { $0.day == di && $0.period == period }),
              let ti = inst.teachers.firstIndex(where: { $0.id == t }) else { return nil }
        return Placement(classIndex: ci, candidate: k, teacher: ti)
    }

    /// The term model's columns and rows of `spec`.
    func model(_ inst: Instance, _ spec: TermModelSpec = plainSpec()) -> TermModel { TermModel(inst, spec, name: "rules") }

    static func plainSpec() -> TermModelSpec {
        TermModelSpec(fixedTeacher: nil, preferences: false, preferredSlot: nil, shortfallWeight: 1, shortfallCap: nil)
    }

    /// Whether the greedy start allows `second` once `first` is placed.
    func greedyAllows(_ inst: Instance, after first: Placement?, _ second: Placement, scope: LessonScope = LessonScope()) -> Bool {
        var state = PlacementState(inst, scope: scope)
        if let first {
            XCTAssertTrue(state.allows(first), "the first lesson alone is allowed")
            state.place(first)
        }
        return state.allows(second)
    }

    /// Whether the model keeps `a` and `b` from both being given: one of its `≤` rows (of the
    /// named family) holds both columns with room for only one of them.
    func modelForbidsBoth(_ tm: TermModel, _ a: Placement, _ b: Placement, family prefix: String) -> Bool {
        let col = { (p: Placement) in tm.xs.first { $0.classIndex == p.classIndex && $0.candidate == p.candidate && $0.teacher == p.teacher }?.column }
        guard let ca = col(a), let cb = col(b) else { return false }
        return tm.model.constraints.contains { r in
            r.name.hasPrefix(prefix) && r.variables.contains(ca) && r.variables.contains(cb) && r.upper < 2
        }
    }

    /// A lesson, then one that breaks `prefix`'s limit and one that does not: the greedy and the
    /// model agree on both.
    func checkLimit(_ inst: Instance, _ first: Placement?, breaks: Placement?, keeps: Placement?, family prefix: String,
                    file: StaticString = #filePath, line: UInt = #line) {
        guard let first, let breaks, let keeps else { return XCTFail("a lesson of the test has no candidate", file: file, line: line) }
        let tm = model(inst)
        XCTAssertFalse(greedyAllows(inst, after: first, breaks), "greedy refuses", file: file, line: line)
        XCTAssertTrue(modelForbidsBoth(tm, first, breaks, family: prefix), "model forbids", file: file, line: line)
        XCTAssertTrue(greedyAllows(inst, after: first, keeps), "greedy allows", file: file, line: line)
        XCTAssertFalse(modelForbidsBoth(tm, first, keeps, family: prefix), "model allows", file: file, line: line)
    }

    func testClassHasOneLessonAtATime() {
        let inst = instance { $0.sameTeacher = false }
        checkLimit(inst, lesson(inst, 0, "2026-09-07", 6, "P"), breaks: lesson(inst, 0, "2026-09-07", 6, "Q"),
                   keeps: lesson(inst, 1, "2026-09-07", 6, "Q"), family: "one_k")
    }

    func testTeacherIsInOnePlaceAtATime() {
        let inst = instance { $0.sameTeacher = false }
        checkLimit(inst, lesson(inst, 0, "2026-09-07", 6, "P"), breaks: lesson(inst, 1, "2026-09-07", 6, "P"),
                   keeps: lesson(inst, 1, "2026-09-07", 6, "Q"), family: "tt_")
    }

    func testClassWeekCap() {
        let inst = instance()  // max_per_week 1: Monday and Wednesday of one ISO week are one too many
        checkLimit(inst, lesson(inst, 0, "2026-09-07", 6, "P"), breaks: lesson(inst, 0, "2026-09-09", 3, "P"),
                   keeps: lesson(inst, 0, "2026-09-16", 3, "P"), family: "cw_")
    }

    func testTeacherDayCap() {
        let inst = instance(teachers: [psych("P", day: 1), psych("Q")])
        checkLimit(inst, lesson(inst, 0, "2026-09-09", 3, "P"), breaks: lesson(inst, 1, "2026-09-09", 4, "P"),
                   keeps: lesson(inst, 1, "2026-09-14", 6, "P"), family: "td_")
    }

    func testTeacherWeekCap() {
        let inst = instance(teachers: [psych("P", week: 1), psych("Q")])
        checkLimit(inst, lesson(inst, 0, "2026-09-07", 6, "P"), breaks: lesson(inst, 1, "2026-09-09", 4, "P"),
                   keeps: lesson(inst, 1, "2026-09-16", 4, "P"), family: "tw_")
    }

    /// same_teacher: a class's second lesson by another teacher is refused by the greedy, and the
    /// model's teacher-choice rows let the class have only one teacher (z rows).
    func testSameTeacher() throws {
        let inst = instance()
        let first = try XCTUnwrap(lesson(inst, 0, "2026-09-07", 6, "P"))
        XCTAssertFalse(greedyAllows(inst, after: first, try XCTUnwrap(lesson(inst, 0, "2026-09-14", 6, "Q"))))
        XCTAssertTrue(greedyAllows(inst, after: first, try XCTUnwrap(lesson(inst, 0, "2026-09-14", 6, "P"))))
        let rows = model(inst).model.constraints
        XCTAssertTrue(rows.contains { $0.name == "zc_0" && $0.upper == 1 && $0.variables.count == 2 }, "one of P, Q for 3-1")
        let free = instance { $0.sameTeacher = false }
        XCTAssertTrue(greedyAllows(free, after: lesson(free, 0, "2026-09-07", 6, "P"), try XCTUnwrap(lesson(free, 0, "2026-09-14", 6, "Q"))))
        XCTAssertFalse(model(free).model.constraints.contains { $0.name.hasPrefix("zc_") })
    }

    /// Where a lesson may go at all: a displaceable period (语文 is not), a school day (not the
    /// holiday), a qualified teacher (J teaches junior classes only) who is available (P is away on
    /// Wednesdays, period 3). The model has a column exactly for each lesson the greedy may place.
    func testEligibleSlotsAndTeachers() throws {
        let inst = instance(teachers: [psych("P"), psych("J", .full, [.junior])],
                            calendar: [CalendarEntry(date: date("2026-09-14"), kind: .holiday)],
                            unavailable: [Unavailability(teacher: "P", when: .weekday(3), periods: [3], reason: "教研")])
        let tm = model(inst)
        let columns = Set(tm.xs.map { Placement(classIndex: $0.classIndex, candidate: $0.candidate, teacher: $0.teacher) })
        XCTAssertNil(lesson(inst, 0, "2026-09-08", 1, "P"), "语文 is not displaceable: no candidate")
        XCTAssertNil(lesson(inst, 0, "2026-09-14", 6, "P"), "the holiday is no lesson day")
        for refused in [lesson(inst, 0, "2026-09-07", 6, "J"), lesson(inst, 0, "2026-09-09", 3, "P")] {
            let p = try XCTUnwrap(refused, "the slot is a candidate")
            XCTAssertFalse(greedyAllows(inst, after: nil, p), "greedy: unqualified or away")
            XCTAssertFalse(columns.contains(p), "model: unqualified or away")
        }
        var everyLesson: Set<Placement> = []
        for (ci, c) in inst.classes.enumerated() {
            for k in c.candidates.indices {
                for t in inst.teachers.indices { everyLesson.insert(Placement(classIndex: ci, candidate: k, teacher: t)) }
            }
        }
        let allowed = everyLesson.filter { greedyAllows(inst, after: nil, $0) }
        XCTAssertFalse(allowed.isEmpty)
        XCTAssertEqual(allowed, columns)
    }

    /// Re-planning's scope: nothing before the first day except the lessons that must stay, and
    /// only the class's fixed teacher.
    func testScopeOfAModel() throws {
        let inst = instance()
        let early = try XCTUnwrap(lesson(inst, 0, "2026-09-07", 6, "P")), kept = try XCTUnwrap(lesson(inst, 1, "2026-09-07", 6, "Q"))
        let late = try XCTUnwrap(lesson(inst, 0, "2026-09-21", 6, "P")), otherTeacher = try XCTUnwrap(lesson(inst, 0, "2026-09-21", 6, "Q"))
        var spec = Self.plainSpec()
        spec.firstDay = try XCTUnwrap(inst.days.firstIndex { $0.date == date("2026-09-21") })
        spec.fixedPlacements = [kept]
        spec.fixedTeacher = [inst.teachers.firstIndex { $0.id == "P" }, inst.teachers.firstIndex { $0.id == "P" }]
        let columns = Set(model(inst, spec).xs.map { Placement(classIndex: $0.classIndex, candidate: $0.candidate, teacher: $0.teacher) })
        for (p, admitted) in [(early, false), (kept, true), (late, true), (otherTeacher, false)] {
            XCTAssertEqual(columns.contains(p), admitted, "model: \(p)")
            XCTAssertEqual(greedyAllows(inst, after: nil, p, scope: spec.scope), admitted, "greedy: \(p)")
        }
    }
}
