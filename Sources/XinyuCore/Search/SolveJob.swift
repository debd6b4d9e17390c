import Foundation
import XinyuMIP
import XinyuPack
import XinyuVerify

/// The independent verifier rejected what the planner made: an internal error, nothing is written.
public struct ScheduleRejection: Error, Sendable {
    public var violations: [Violation]
}

/// Why a solve job gives nothing to write: the verifier rejected its schedule (an internal
/// error), or the time limit was reached before a group's instance was built.
public enum SolveJobError: Error, Sendable {
    case rejected(ScheduleRejection)
    case timeLimit(TimeLimitReached)
}

/// What `xinyu solve` writes, planned and checked before anything is written.
public struct SolveOutput: Sendable {
    public var result: DistrictResult
    public var extras: PolicyExtras
    /// report.md (the caller adds a note when the run was interrupted).
    public var report: String
    /// schedule.csv, months.csv, lessons.csv and, with duty, duty.csv and duty-weekly.csv, in
    /// writing order (report.md is written last, after them).
    public var files: [OutputFile]
}

/// One output file: its name in the output folder and its text.
public struct OutputFile: Sendable, Hashable {
    public var name: String
    public var text: String
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// The long stages of a solve (the terminal's progress line): school groups, then the policy extras.
public enum SolveStage: Sendable { case solving, extras }

/// The solve pipeline as a library job (beside the district office's `runDistrict`): solve,
/// verify, plan the policy extras on the lessons, verify them, and make every file's text.
/// It writes nothing; the caller writes `files` and then `report`.
public enum SolveJob {
    public static func run(_ district: District, packRoot: String, only: Set<String>?, jobs: Int, options: PlanOptions,
                           solver: MIPSolver, extrasTimeLimit: () -> Double?, buildDeadline: BuildDeadline? = nil,
                           progress: (@Sendable (_ stage: SolveStage, _ done: Int, _ total: Int) -> Void)? = nil)
        throws(SolveJobError) -> SolveOutput {
        let result = try solveVerified(district, only: only, jobs: jobs, options: options, solver: solver, buildDeadline: buildDeadline,
                                       progress: progress.map { p in { @Sendable d, t in p(.solving, d, t) } })
        do throws(ScheduleRejection) {
            progress?(.extras, 0, 1)
            let output = try outputs(result, packRoot: packRoot, solver: solver, extrasTimeLimit: extrasTimeLimit())
            progress?(.extras, 1, 1)
            return output
        } catch { throw .rejected(error) }
    }

    /// The groups solved (instance builds stopping at `buildDeadline`, if given) and the
    /// schedule verified: the first half of `run`, and the district office's solve (`runDistrict`).
    public static func solveVerified(_ district: District, only: Set<String>?, jobs: Int, options: PlanOptions, solver: MIPSolver,
                                     buildDeadline: BuildDeadline?, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?)
        throws(SolveJobError) -> DistrictResult {
        let result: DistrictResult
        if let buildDeadline {
            do throws(TimeLimitReached) {
                result = try solveDistrict(district, only: only, jobs: jobs, options: options, solver: solver,
                                           buildDeadline: buildDeadline, progress: progress)
            } catch { throw .timeLimit(error) }
        } else {
            result = solveDistrict(district, only: only, jobs: jobs, options: options, solver: solver, progress: progress)
        }
        do throws(ScheduleRejection) { try verify(result) } catch { throw .rejected(error) }
        return result
    }

    /// The files of a verified result (solved, or rebuilt from a hand-edited schedule by
    /// `Refresh`): the policy extras planned on its lessons and checked, report.md, every file's text.
    public static func outputs(_ result: DistrictResult, packRoot: String, solver: MIPSolver,
                               extrasTimeLimit: Double?) throws(ScheduleRejection) -> SolveOutput {
        // The rest of the policy, planned on the lessons: rooms, topics, forms, duty (and re-checked).
        let extras = planPolicyExtras(result, solver: solver, timeLimit: extrasTimeLimit)
        let extraViolations = checkPolicyExtras(result.district, lessons: result.lessons, extras: extras)
        if !extraViolations.isEmpty { throw ScheduleRejection(violations: extraViolations) }
        // The rest of the policy before the appendix of solver figures.
        let report = reportMarkdown(result, solverName: solver.name, solverVersion: solver.version, packHash: packHash(root: packRoot),
                                    sections: [policyReportMarkdown(result.district, lectures: result.lessons.filter(\.lecture), extras: extras)])
        var files = [
            OutputFile(name: "schedule.csv", text: ScheduleFiles.scheduleText(result.lessons)),
            OutputFile(name: "months.csv", text: ScheduleFiles.monthsText(result.months)),
            OutputFile(name: "lessons.csv", text: LessonDetailsFile.text(extras.details.details)),
        ]
        if let duty = extras.duty {
            files.append(OutputFile(name: "duty.csv", text: DutyFiles.dutyCSV(duty.shifts)))
            files.append(OutputFile(name: "duty-weekly.csv", text: DutyFiles.weeklySheet(result.district, duty)))
        }
        return SolveOutput(result: result, extras: extras, report: report, files: files)
    }

    /// Never write a schedule the independent verifier rejects: the one check before writing
    /// (solve, refresh, district, replan). Months may be short (they are reported, not hidden).
    public static func verify(_ result: DistrictResult) throws(ScheduleRejection) {
        try verify(result.district, result.lessons, months: result.months)
    }

    /// `verify` of lessons not held in a result (replan checks the lessons it placed; `months`
    /// nil: no months table to compare).
    public static func verify(_ district: District, _ lessons: [Lesson], months: [MonthRow]?) throws(ScheduleRejection) {
        let violations = Verifier.check(district, lessons, months: months, allowShort: true)
        if !violations.isEmpty { throw ScheduleRejection(violations: violations) }
    }

    /// The run's figures as one JSON line (benchmarks): `--summary-json`, and with the monolithic
    /// model's size in front, the `.json` beside `--write-monolithic`.
    public static func summaryJSON(_ result: DistrictResult, model: (scale: Double, columns: Int, rows: Int)? = nil) -> String {
        let costs = result.plans.reduce(0.0) { $0 + $1.objective }
        let bound = result.plans.reduce(0.0) { $0 + ($1.bound ?? 0) }
        let size = model.map { "\"objective_scale\": \($0.scale), \"columns\": \($0.columns), \"rows\": \($0.rows), " } ?? ""
        return "{" + size + "\"shortfall\": \(result.shortfall), \"shortfall_proven\": \(result.plans.allSatisfy(\.shortfallProven)), \"shortfall_bound\": \(result.plans.reduce(0) { $0 + $1.shortfallBound }), \"objective\": \(costs), \"bound\": \(bound), \"gap_worst\": \(result.worstGap.map { "\($0)" } ?? "null"), \"gap_limit_worst\": \(result.worstGapLimit.map { "\"\($0)\"" } ?? "null"), \"bound_of\": [\(Set(result.plans.map(\.boundNote)).sorted().map { "\"\($0)\"" }.joined(separator: ", "))], \"solve_seconds\": \(result.seconds)}\n"
    }
}
