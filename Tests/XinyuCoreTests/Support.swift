import Foundation
import XCTest
import XinyuGLPK
import XinyuMIP
@testable import XinyuCore
import XinyuPack
import XinyuVerify

func date(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// A small district built in code: one term, the default policy with 班会/地方课程 displaceable.
func district(start: String = "2026-09-07", end: String = "2026-10-30", calendar: [CalendarEntry] = [],
              schools: [School], configure: (inout Policy) -> Void = { _ in }) -> District {
    var policy = Policy()
    policy.displaceable = ["班会": 3, "地方课程": 1, "校本课程": 1]
    policy.useFreePeriods = false
    configure(&policy)
    return District(name: "test", termStart: date(start), termEnd: date(end), policy: policy, calendar: calendar, schools: schools)
}

/// A school with `classes` (id, stage) and timetable rows written as "class,weekday,period,subject,teacher[,weeks]".
func school(_ id: String = "S01", stages: [Stage] = [.primary], periods: Int = 6, classes: [(String, Stage)],
            rows: [String], teachers: [Teacher], unavailable: [Unavailability] = []) -> School {
    let table = rows.map { line -> TimetableRow in
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return TimetableRow(classID: f[0], weekday: Int(f[1])!, period: Int(f[2])!, subject: f[3],
                            teachers: f[4].isEmpty ? [] : f[4].split(separator: ";").map(String.init),
                            weeks: f.count > 5 && !f[5].isEmpty ? WeekParity(rawValue: f[5])! : .all)
    }
    var allTeachers = teachers
    for r in table { for t in r.teachers where !allTeachers.contains(where: { $0.id == t }) { allTeachers.append(Teacher(id: t)) } }
    return School(id: id, name: id, stages: stages, daysPerWeek: 5, periodsPerDay: periods,
                  classes: classes.map { SchoolClass(id: $0.0, grade: $0.1 == .primary ? 3 : 7, stage: $0.1) },
                  timetable: table, teachers: allTeachers, unavailable: unavailable)
}

func psych(_ id: String, _ role: PsychRole = .full, _ stages: [Stage] = [.primary], day: Int? = nil, week: Int? = nil) -> Teacher {
    Teacher(id: id, name: id, psych: role, stages: stages, maxPerDay: day, maxPerWeek: week)
}

/// Solves a district with GLPK and checks the result with the independent verifier.
@discardableResult
func solveAndVerify(_ d: District, file: StaticString = #filePath, line: UInt = #line) -> DistrictResult {
    var options = PlanOptions(timeLimit: 60)
    options.globalBound = true
    let r = solveDistrict(d, jobs: 1, options: options, solver: GLPKSolver())
    let v = Verifier.check(r.district, r.lessons, months: r.months, allowShort: true)
    XCTAssertEqual(v, [], "the verifier rejects the solver's schedule", file: file, line: line)
    return r
}

/// Path of the repository root (for instances/).
let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
