import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// The preference stage with model-chosen regular slots (Search/PreferenceSlots.swift).
final class PreferenceSlotsTests: XCTestCase {
    /// Two primary classes of one teacher. 3-1 may lose its Monday 班会 (costly to displace) or its
    /// Wednesday 地方课程 (cheap); 3-2 its Tuesday 班会 or Thursday 地方课程.
    func twoSlotDistrict() -> District {
        district(schools: [school(classes: [("3-1", .primary), ("3-2", .primary)],
                                  rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,2,6,班会,", "3-2,4,2,地方课程,"],
                                  teachers: [psych("P", .full, [.primary])])])
    }

    /// Every class's lessons on its 班会 period only: per month its minimum, one a week, in date order.
    func onClassMeeting(_ inst: Instance, teacher: Int) -> [Placement] {
        var out: [Placement] = []
        for (ci, c) in inst.classes.enumerated() {
            let meeting = c.candidates.indices.filter { c.candidates[$0].period == 6 }
                .sorted { c.candidates[$0].day < c.candidates[$1].day }
            for (mi, minimum) in c.minimum.enumerated() {
                var weeks: Set<Int> = [], taken = 0
                for k in meeting where taken < (minimum ?? 0) {
                    let day = inst.days[c.candidates[k].day]
                    guard day.month == mi, weeks.insert(day.isoWeek).inserted else { continue }
                    out.append(Placement(classIndex: ci, candidate: k, teacher: teacher))
                    taken += 1
                }
            }
        }
        return out.sorted()
    }

    func testTheStageMovesTheLessonsToTheCheaperPeriodsAndPricesThemAsTheScore() throws {
        let d = twoSlotDistrict()
        let inst = Instance(district: d, schools: d.schools)
        let p = try XCTUnwrap(inst.teachers.firstIndex { $0.id == "P" })
        let start = onClassMeeting(inst, teacher: p)
        XCTAssertEqual(inst.missing(start), 0)
        let planner = Planner(solver: GLPKSolver(), options: PlanOptions(timeLimit: 30))
        var objectives: [Double] = []
        let run = { (label: String, m: MIPModel, _: Double, o: SolveOptions) -> SolveResult in
            XCTAssertEqual(label, "preferences-slots")
            XCTAssertNotNil(o.iterationLimit)
            let r = GLPKSolver().solveByBlocks(m, options: o)
            objectives.append(r.objective ?? .nan)
            return r
        }
        let fixed = inst.classes.map { _ in Optional(p) }
        let better = try XCTUnwrap(planner.preferencesWithSlots(inst, best: start, shortfall: 0, fixed: fixed, run: run))
        XCTAssertEqual(inst.missing(better), 0)
        XCTAssertLessThan(inst.score(better).total, inst.score(start).total)
        // The 地方课程 periods: cheaper to displace, and a rhythm can be kept on either.
        XCTAssertEqual(Set(better.map { inst.classes[$0.classIndex].candidates[$0.candidate].period }), [3, 2])
        // The model prices the rhythm as the score does: its objective is the score, scaled.
        let spec = TermModelSpec(fixedTeacher: fixed, preferences: true, preferredSlot: nil, shortfallWeight: 0, shortfallCap: 0)
        let scale = TermModel(inst, spec, name: "check").objectiveScale
        XCTAssertEqual(try XCTUnwrap(objectives.last) / scale, inst.score(better).total, accuracy: 0.01)
        // From its own optimum the stage finds nothing cheaper; without a rhythm weight it does not run.
        XCTAssertNil(planner.preferencesWithSlots(inst, best: better, shortfall: 0, fixed: fixed, run: run))
        var flat = d
        flat.preferences.rhythm = 0
        let flatInst = Instance(district: flat, schools: flat.schools)
        XCTAssertNil(planner.preferencesWithSlots(flatInst, best: start, shortfall: 0, fixed: fixed, run: run))
        XCTAssertEqual(objectives.count, 2)
    }

    /// Asked for proof (Lagrangian rounds), the planner runs the stage; its schedule passes the verifier.
    func testPlannerRunsTheStageOnlyWhenAskedForProof() {
        for rounds in [0, 3] {
            var options = PlanOptions(timeLimit: 60)
            options.lagrangianRounds = rounds
            let r = solveDistrict(twoSlotDistrict(), jobs: 1, options: options, solver: GLPKSolver())
            XCTAssertEqual(Verifier.check(r.district, r.lessons, months: r.months, allowShort: true), [])
            XCTAssertEqual(r.plans[0].stages.contains { $0.name == "preferences-slots" }, rounds > 0)
            XCTAssertEqual(Set(r.lessons.map { $0.period }), [3, 2])
        }
    }
}
