import ArgumentParser
import Foundation
import XinyuCore
import XinyuGLPK
import XinyuPack

/// `xinyu replan PACK --baseline DIR --from DATE --out DIR2`: re-plans a published schedule
/// under a changed pack, keeping every lesson before DATE and changing as little as possible.
struct Replan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-plan a published schedule from a date on, changing as few lessons as possible; writes changes.csv. 学期中调整排课。")

    @Argument(help: "The (changed) district pack directory.")
    var pack: String

    @Option(name: .long, help: "The directory of the published schedule (schedule.csv).")
    var baseline: String

    @Option(name: .long, help: "First date that may change (YYYY-MM-DD); every lesson before it stays as published.")
    var from: String

    @Option(name: .long, help: "Output directory: schedule.csv, months.csv, report.md, changes.csv.")
    var out: String

    @OptionGroup var limits: RunLimits

    @Option(name: .long, help: "Cost of moving or dropping a published lesson (default 3).")
    var moveWeight: Double = 3

    @Option(name: .long, help: "Cost of keeping a lesson's time with another teacher (default 1).")
    var teacherWeight: Double = 1

    @Flag(name: .long, help: "Errors only: no progress, no summary (the exit code tells).")
    var quiet = false

    @Flag(name: .long, help: "Also show the solver's lines (incumbent, bound, gap).")
    var verbose = false

    @OptionGroup var terminal: LangOption

    func validate() throws {
        if CivilDate(iso: from) == nil { throw ValidationError("--from must be a date YYYY-MM-DD") }
        if !(moveWeight.isFinite && moveWeight > 0 && teacherWeight.isFinite && teacherWeight >= 0 && teacherWeight < moveWeight) {
            throw ValidationError("weights must satisfy 0 ≤ --teacher-weight < --move-weight")
        }
    }

    func run() throws {
        let started = Date()
        let console = Console.standard(verbosity: Verbosity(quiet: quiet, verbose: verbose), language: terminal.language)
        let loaded = try loadPack(pack, console: console)
        // Grade lectures are chosen before the lessons; re-planning around a published lecture
        // is not built yet (docs/FORMAT.md): say so rather than move it silently.
        if let s = loaded.district.schools.first(where: { $0.lectures != nil }) {
            printError("\(pack)/schools/\(s.id)/school.toml: [lectures]: replan does not re-plan grade lectures yet; remove [lectures] for the re-plan. / 重排暂不支持年级专题讲座，请先删去 [lectures]。")
            throw ExitCode(Exit.usage)
        }
        let published: [Lesson]
        do {
            published = try ScheduleFiles.read(directory: baseline).lessons
        } catch {
            for d in error.diagnostics { printError("\(baseline)/\(d)") }
            throw ExitCode(Exit.invalidInput)
        }
        var plan = PlanOptions(timeLimit: limits.timeLimit)
        plan.log = { @Sendable line in console.detail(line) }
        guard let fromDate = CivilDate(iso: from) else { throw ValidationError("--from must be a date YYYY-MM-DD") }
        var options = ReplanOptions(from: fromDate, plan: plan)
        options.moveWeight = moveWeight
        options.teacherWeight = teacherWeight
        let solver = GLPKSolver()
        let r: ReplanResult
        do throws(TimeLimitReached) {
            r = try replan(loaded.district, published, options, solver, deadline: limits.buildDeadline(started: started))
        } catch {
            // The limit passed while an instance was being built: no schedule, nothing written (124).
            throw jobFailed(.timeLimit(error), console: console)
        }
        // Every lesson the re-plan placed keeps every rule (published past lessons that the
        // changed pack no longer allows are kept as given and listed, not checked).
        let invalid = Set(r.pastInvalid)
        let checked = r.result.lessons.filter { !invalid.contains($0) }
        do throws(ScheduleRejection) {
            try SolveJob.verify(r.result.district, checked, months: nil)
        } catch {
            throw jobFailed(.rejected(error), console: console)
        }
        // The changes come before the appendix of solver figures.
        var changes = "## 调整 / Changes from \(from)\n\n"
        changes += "- 未变 / unchanged: \(r.unchanged); " + LessonChange.Kind.allCases.map { k in "\(k.rawValue): \(r.changes.filter { $0.kind == k }.count)" }.joined(separator: ", ") + "\n"
        if !r.pastInvalid.isEmpty {
            changes += "- \(r.pastInvalid.count) published lesson(s) before \(from) no longer fit the changed pack; kept as given. / \(r.pastInvalid.count) 节已上课程与修改后的数据不符，按原样保留。\n"
        }
        let report = reportMarkdown(r.result, solverName: solver.name, solverVersion: solver.version, packHash: packHash(root: pack),
                                    sections: [changes + "\n"])
        do {
            let set = try openOutputSet(out)  // staged, then swapped in (OutputSet)
            try AtomicFile.write(ScheduleFiles.scheduleText(r.result.lessons), to: set.path("schedule.csv"))
            try AtomicFile.write(ScheduleFiles.monthsText(r.result.months), to: set.path("months.csv"))
            try AtomicFile.write(changesCSV(r.changes), to: set.path("changes.csv"))
            try AtomicFile.write(report, to: set.path("report.md"))
            try commitOutputSet(set)
        } catch let error as ExitCode {
            throw error
        } catch {
            console.error(Say("无法写入 \(out)：\(error)", "cannot write \(out): \(error)"))
            throw ExitCode(Exit.internalError)
        }
        console.result(Say("\(r.result.lessons.count) 节；自 \(from) 起调整 \(r.changes.count) 处（\(r.unchanged) 节已公布的课不变）；缺 \(r.result.shortfall) 节。文件：\(out)/ — schedule.csv, months.csv, changes.csv, report.md",
                           "\(r.result.lessons.count) lessons; \(r.changes.count) change(s) from \(from) (\(r.unchanged) published lessons unchanged); \(r.result.shortfall) lesson(s) short. Files in \(out)/: schedule.csv, months.csv, changes.csv, report.md"))
        if !r.result.allMet { throw ExitCode(Exit.short) }
    }

    /// The re-plan; with `--time-limit`, its instance builds stop at `deadline` (as `solve`'s do).
    func replan(_ district: District, _ published: [Lesson], _ options: ReplanOptions, _ solver: GLPKSolver,
                deadline: BuildDeadline?) throws(TimeLimitReached) -> ReplanResult {
        guard let deadline else {
            return replanDistrict(district, baseline: published, options: options, jobs: limits.jobs, solver: solver)
        }
        return try replanDistrict(district, baseline: published, options: options, jobs: limits.jobs, solver: solver,
                                  buildDeadline: deadline)
    }
}
