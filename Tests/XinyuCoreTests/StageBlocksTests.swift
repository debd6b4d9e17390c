import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack

/// The teachers-fixed stages solved block by block (Search/StageBlocks.swift): on a school whose
/// two psychology teachers each teach their own stage, the models fall into two blocks, and the
/// blocks solved apart give the whole models' optima.
final class StageBlocksTests: XCTestCase {
    /// Three primary classes for P (one lesson a week at most: they cannot all have theirs) and
    /// two junior classes for Q; 3-1, 3-2 and 3-3 share their Monday period, 7-1 and 7-2 Tuesday's.
    func twoTeacherDistrict() -> District {
        district(schools: [school(stages: [.primary, .junior],
                                  classes: [("3-1", .primary), ("3-2", .primary), ("3-3", .primary), ("7-1", .junior), ("7-2", .junior)],
                                  rows: ["3-1,1,6,班会,", "3-1,3,3,地方课程,", "3-2,1,6,班会,", "3-2,2,2,地方课程,", "3-3,1,6,班会,",
                                         "7-1,2,6,班会,", "7-1,4,3,地方课程,", "7-2,2,6,班会,", "7-2,5,1,地方课程,"],
                                  teachers: [psych("P", .full, [.primary], week: 1), psych("Q", .full, [.junior])])])
    }

    func fixedTeachers(_ inst: Instance) throws -> [Int?] {
        let p = try XCTUnwrap(inst.teachers.firstIndex { $0.id == "P" })
        let q = try XCTUnwrap(inst.teachers.firstIndex { $0.id == "Q" })
        return inst.classes.map { $0.stage == .primary ? p : q }
    }

    func testFeasibilityAndPreferencesInBlocksEqualTheWholeModels() throws {
        let d = twoTeacherDistrict()
        let inst = Instance(district: d, schools: d.schools)
        let fixed = try fixedTeachers(inst)
        let solver = GLPKSolver()
        let feas = TermModel(inst, TermModelSpec(fixedTeacher: fixed, preferences: false, preferredSlot: nil,
                                                 shortfallWeight: 1, shortfallCap: nil), name: "feasibility")
        let blocks = feas.model.blocks()
        XCTAssertGreaterThanOrEqual(blocks.count, 2)
        // No block holds both teachers' lessons (with teachers fixed, nothing couples them).
        let teacherOf = Dictionary(uniqueKeysWithValues: feas.xs.map { ($0.column, $0.teacher) })
        for b in blocks { XCTAssertLessThanOrEqual(Set(b.columns.compactMap { teacherOf[$0] }).count, 1) }
        let whole = solver.solve(feas.model, options: SolveOptions(timeLimit: 30))
        var o = SolveOptions(timeLimit: 30)
        o.blocks = feas.blockSplit
        let parts = solver.solveByBlocks(feas.model, options: o)
        XCTAssertEqual(whole.status, .optimal)
        XCTAssertEqual(parts.status, .optimal, parts.reason)
        XCTAssertEqual(parts.blocks, blocks.count)
        XCTAssertEqual(parts.objective, whole.objective)
        let found = feas.placements(parts.values)
        let short = inst.missing(found)
        XCTAssertEqual(Double(short), parts.objective)
        XCTAssertGreaterThan(short, 0, "P cannot give both classes every lesson")

        // Preferences under the cap of that (least) shortfall: the cap joins the blocks; split at
        // the incumbent, each block keeps its own least, and nothing is lost.
        let pref = TermModel(inst, TermModelSpec(fixedTeacher: fixed, preferences: true, preferredSlot: nil,
                                                 shortfallWeight: 0, shortfallCap: Double(short)), name: "preferences")
        let cap = try XCTUnwrap(pref.helpers.shortfallCapRow)
        XCTAssertEqual(pref.model.constraints[cap].name, "shortcap")
        XCTAssertEqual(pref.model.blocks().count, 1)
        XCTAssertGreaterThanOrEqual(pref.model.blocks(ignoring: [cap]).count, 2)
        let wholePref = solver.solve(pref.model, options: SolveOptions(timeLimit: 30))
        var po = SolveOptions(timeLimit: 30)
        po.warmStart = pref.assignment(inst, found)
        po.blocks = pref.blockSplit
        let partsPref = solver.solveByBlocks(pref.model, options: po)
        XCTAssertEqual(wholePref.status, .optimal)
        XCTAssertEqual(partsPref.status, .optimal, partsPref.reason)
        XCTAssertEqual(partsPref.objective ?? .nan, wholePref.objective ?? 0, accuracy: 1e-6)
        XCTAssertEqual(inst.missing(pref.placements(partsPref.values)), short)
    }

    /// The planner uses the blocks in both teachers-fixed stages, and its schedule passes the verifier.
    func testPlannerSolvesTheTeachersFixedStagesInBlocks() {
        let r = solveAndVerify(twoTeacherDistrict())
        let stages = r.plans[0].stages
        for name in ["feasibility", "preferences"] {
            let s = stages.first { $0.name == name }
            let blocks = s.flatMap { Int($0.reason.prefix { $0.isNumber }) } ?? 0
            XCTAssertGreaterThanOrEqual(blocks, 2, "\(name): \(s?.reason ?? "not run")")
        }
        XCTAssertTrue(r.plans[0].shortfallProven)
    }
}
