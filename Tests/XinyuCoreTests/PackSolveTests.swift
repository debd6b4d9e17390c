import Foundation
import XCTest
import XinyuGLPK
@testable import XinyuCore
import XinyuPack
import XinyuVerify

/// End to end on the committed hand-checkable packs: read, solve, verify, and the same bytes twice.
final class PackSolveTests: XCTestCase {
    func load(_ name: String) throws -> District {
        try PackReader.load(path: repoRoot + "/instances/" + name).district
    }

    func testTinyPackMeetsEveryMinimumAndIsDeterministic() throws {
        let d = try load("tiny")
        let a = solveAndVerify(d)
        XCTAssertTrue(a.allMet)
        XCTAssertEqual(a.months.count, 8)
        // The calendar: no lesson on holidays, the closure, the exam days or T01's training day.
        let banned = ["2026-09-25", "2026-10-01", "2026-10-12", "2026-10-29", "2026-10-30"]
        XCTAssertFalse(a.lessons.contains { banned.contains($0.date.iso) })
        XCTAssertFalse(a.lessons.contains { $0.teacher == "T01" && $0.date.iso == "2026-09-16" })
        let b = solveDistrict(d, jobs: 2, options: PlanOptions(), solver: GLPKSolver())
        XCTAssertEqual(ScheduleFiles.scheduleText(a.lessons), ScheduleFiles.scheduleText(b.lessons), "same input, same schedule")
        XCTAssertEqual(reportMarkdown(a, solverName: "GLPK", solverVersion: "5.0", packHash: "x"),
                       reportMarkdown(b, solverName: "GLPK", solverVersion: "5.0", packHash: "x"))
    }
}

/// The whole policy on the sample district (instances/changyi-autumn2026: duty windows, activity
/// rooms, grade lectures and a topic plan in every school): every rule re-checked independently.
final class SampleDistrictPolicyTests: XCTestCase {
    func testWholePolicyOnTheSampleDistrict() throws {
        let d = try PackReader.load(path: repoRoot + "/instances/changyi-autumn2026").district
        XCTAssertTrue(d.schools.allSatisfy { $0.counselingRoom != nil && $0.activityRoom != nil })
        var options = PlanOptions()
        options.globalBound = false
        let r = solveDistrict(d, jobs: 2, options: options, solver: GLPKSolver())
        XCTAssertEqual(Verifier.check(r.district, r.lessons, months: r.months, allowShort: true), [])
        let extras = planPolicyExtras(r, solver: GLPKSolver(), timeLimit: nil)
        XCTAssertEqual(checkPolicyExtras(r.district, lessons: r.lessons, extras: extras), [])
        // Lectures: one per listed grade that has a common period; each covers its whole grade.
        let lectures = r.lessons.filter(\.lecture)
        XCTAssertGreaterThan(lectures.count, 0)
        let lectureGroups = Set(lectures.map { Verifier.lectureKey($0) })
        let listed = d.schools.reduce(0) { n, s in n + (s.lectures?.grades.filter { g in s.classes.contains { $0.grade == g } }.count ?? 0) }
        XCTAssertEqual(lectureGroups.count + r.plans.flatMap(\.missingLectures).count, listed, "every listed grade has a lecture or a reason")
        // Rooms, topics, forms.
        let details = extras.details.details
        XCTAssertEqual(details.count, r.lessons.count)
        XCTAssertGreaterThan(details.filter { $0.room == .activity }.count, 0)
        XCTAssertTrue(extras.details.roomShorts.isEmpty, "one room per school suffices for a third of the lessons")
        XCTAssertEqual(Set(details.map(\.area)), Set(TopicPlan.areas))
        // Duty: shifts in every school, never on a training day, weeks short only with a reason.
        let duty = try XCTUnwrap(extras.duty)
        XCTAssertEqual(Set(duty.shifts.map(\.school)), Set(d.schools.map(\.id)))
        let trainingDates = Set(d.schools.flatMap { s in s.unavailable.filter(\.training).compactMap { u -> String? in
            if case .date(let day) = u.when { return u.teacher + day.iso } else { return nil } } })
        XCTAssertFalse(duty.shifts.contains { trainingDates.contains($0.teacher + $0.date.iso) })
        XCTAssertTrue(duty.shortWeeks.allSatisfy { !$0.reason.en.isEmpty && !$0.reason.zh.isEmpty })
        // Training days counted: two per psychology teacher in the sample.
        XCTAssertTrue(extras.training.allSatisfy { $0.dates.count == 2 }, "\(extras.training.map(\.dates.count))")
        XCTAssertFalse(extras.training.isEmpty)
        // The strict verifiers flag exactly the reported shortfalls, nothing else.
        let strict = DutyVerifier.check(r.district, lessons: r.lessons, shifts: duty.shifts, allowShort: false)
        XCTAssertEqual(strict.count, duty.shortWeeks.reduce(0) { n, w in n + (w.openMinutes < w.requiredMinutes ? 1 : 0) + (w.parentSlots < w.requiredParentSlots ? 1 : 0) })
    }
}

/// The full term model prices a schedule exactly as the documented preferences do.
final class ObjectiveTests: XCTestCase {
    func testFullModelObjectiveEqualsTheScoreOfASchedule() throws {
        let d = try PackReader.load(path: repoRoot + "/instances/tiny").district
        let r = solveAndVerify(d)
        let plan = r.plans[0]
        let full = TermModel(plan.instance, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                                         shortfallWeight: 0, shortfallCap: Double(plan.shortfall)), name: "term")
        let values = full.assignment(plan.instance, plan.placements)
        XCTAssertLessThanOrEqual(full.model.maxViolation(values), 1e-9, "the schedule is a solution of the full model")
        let score = plan.instance.score(plan.placements)
        XCTAssertEqual(full.model.objectiveValue(values) / full.objectiveScale, score.total, accuracy: 0.01)
        XCTAssertGreaterThan(score.total, 0)
        XCTAssertLessThanOrEqual(plan.bound ?? .infinity, score.total + 1e-9)
    }
}
