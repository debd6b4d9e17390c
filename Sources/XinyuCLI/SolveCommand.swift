import ArgumentParser
import Foundation
import XinyuCore
import XinyuExport
import XinyuGLPK
import XinyuPack

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Schedule the pack's lessons; write schedule.csv, months.csv, lessons.csv, duty.csv and report.md. 排课。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @Option(name: .long, help: "Output directory (created if missing).")
    var out: String

    @OptionGroup var limits: RunLimits

    @Option(name: .long, help: "Solve only this school (and the schools sharing a teacher with it); repeatable.")
    var school: [String] = []

    @Option(name: .long, help: "Relative MIP gap accepted in the preference stage (default 0: prove optimality).")
    var mipGap: Double = 0

    @Option(name: .long, help: "Write every model solved as free MPS into this directory.")
    var writeModel: String?

    @Flag(name: .long, help: "Skip the LP bound of the full term model (faster; the report's bound is then weaker).")
    var noGlobalBound = false

    @Option(name: .long, help: "Rounds of the Lagrangian bound (teacher rows priced, each class solved exactly; 0: none). About 30 rounds × classes small solves. 下界迭代轮数。")
    var boundRounds: Int = 0

    @Flag(name: .long, help: "Show GLPK's own log.")
    var verbose = false

    @Flag(name: .long, help: "No progress on stderr.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Write the whole pack's monolithic term model (MPS) here, with a .json beside it (benchmarks).", visibility: .hidden))
    var writeMonolithic: String?

    @Option(name: .long, help: ArgumentHelp("Write the run's figures (shortfall, objective, bound, seconds) as JSON here (benchmarks).", visibility: .hidden))
    var summaryJson: String?

    @OptionGroup var exports: ExportOptions

    func validate() throws {
        if !(mipGap.isFinite && mipGap >= 0 && mipGap < 1) { throw ValidationError("--mip-gap must be in [0, 1)") }
        if boundRounds < 0 || boundRounds > 1000 { throw ValidationError("--bound-rounds must be 0–1000") }
    }

    func run() throws {
        let started = Date()
        // SIGINT/SIGTERM: exit 130 with the output folder untouched, or, once writing has begun,
        // after every file is written (Interrupts.swift, docs/TRUST.md).
        let interrupts = InterruptWatch(quiet: quiet)
        let district = try loadPack(pack, quiet: quiet).district
        let unknown = school.filter { id in !district.schools.contains { $0.id == id } }
        if !unknown.isEmpty {
            printError("unknown school(s): \(unknown.joined(separator: ", ")) / 没有这些学校")
            throw ExitCode(Exit.usage)
        }
        let solver = GLPKSolver()
        let output: SolveOutput
        do {
            output = try SolveJob.run(
                district, packRoot: pack, only: school.isEmpty ? nil : Set(school), jobs: limits.jobs,
                options: planOptions(started: started, interrupts: interrupts), solver: solver,
                extrasTimeLimit: { limits.timeLimit.map { max(0.5, $0 - Date().timeIntervalSince(started) - 0.3) } })
        } catch {
            // Never write a schedule the independent verifier rejects.
            for v in error.violations { printError("internal error: \(v)") }
            throw ExitCode(Exit.internalError)
        }
        try write(output, interrupts: interrupts)
        // Interrupted: the complete set of the best schedule found is written; stop here (130).
        interrupts.exitIfInterrupted()
        try writeBenchmarkFiles(output.result, solver: solver)
        try exports.write(output.result.district, into: out)
        try summarise(output)
    }

    /// The planner's options: the limit covers the whole run (what reading took, and a share
    /// kept for checking and writing).
    private func planOptions(started: Date, interrupts: InterruptWatch) -> PlanOptions {
        var options = PlanOptions(timeLimit: limits.timeLimit.map { max(0.01, ($0 - Date().timeIntervalSince(started)) * 0.9 - 0.2) })
        options.mipGap = mipGap
        options.writeModelDirectory = writeModel
        options.globalBound = !noGlobalBound
        options.lagrangianRounds = boundRounds
        options.verbose = verbose
        if !quiet { options.log = { @Sendable line in printError(line) } }
        options.stop = { interrupts.isInterrupted }
        return options
    }

    /// The schedule files, then report.md, each written whole.
    private func write(_ output: SolveOutput, interrupts: InterruptWatch) throws {
        var report = output.report
        if interrupts.isInterrupted {
            report += "\n## 中断 / Interrupted\n\n运行被中断：这是中断前找到的最好排课，未经完整优化。 The run was interrupted (SIGINT/SIGTERM): this is the best schedule found before it stopped; it keeps every rule but was not fully optimised.\n"
        }
        interrupts.beginWriting()
        defer { interrupts.endWriting() }
        do {
            for f in output.files { try AtomicFile.write(f.text, to: out + "/" + f.name) }
            try AtomicFile.write(report, to: out + "/report.md")
        } catch {
            printError("cannot write \(out): \(error)")
            throw ExitCode(Exit.internalError)
        }
    }

    /// `--write-monolithic` and `--summary-json` (benchmarks).
    private func writeBenchmarkFiles(_ result: DistrictResult, solver: GLPKSolver) throws {
        if let path = writeMonolithic {
            do {
                let m = try writeMonolithicModel(result.district, shortfall: result.shortfall, solver: solver, to: path)
                try AtomicFile.write(SolveJob.summaryJSON(result, model: m), to: path + ".json")
            } catch {
                printError("cannot write \(path): \(error)")
                throw ExitCode(Exit.internalError)
            }
        }
        if let path = summaryJson {
            do { try AtomicFile.write(SolveJob.summaryJSON(result), to: path) } catch {
                printError("cannot write \(path): \(error)")
                throw ExitCode(Exit.internalError)
            }
        }
    }

    /// The closing lines on stdout, and exit 3 when something is short.
    private func summarise(_ output: SolveOutput) throws {
        let result = output.result, extras = output.extras
        let required = result.months.reduce(0) { $0 + $1.required }
        if !quiet { printError("solved in \(String(format: "%.2f", result.seconds)) s on \(result.jobs) job(s)") }
        printExtrasSummary(extras, out: out)
        if result.allMet {
            print("\(result.lessons.count) lessons placed; every class meets every monthly minimum (\(required) required). Wrote \(out)/schedule.csv, months.csv, lessons.csv, report.md. / 已排 \(result.lessons.count) 节，全部达标。")
            if extras.unmet { throw ExitCode(Exit.short) }
        } else {
            print("\(result.lessons.count) lessons placed; \(result.shortfall) lesson(s) short in \(result.shortfalls.count) class-month(s): see \(out)/report.md. / 已排 \(result.lessons.count) 节，\(result.shortfalls.count) 个班级-月份未达标，原因见报告。")
            for s in result.shortfalls {
                print("  \(s.school) \(s.classID) \(s.month): \(s.scheduled)/\(s.required) — \(s.reasons.first?.en ?? "")")
            }
            throw ExitCode(Exit.short)
        }
    }
}

/// One line per unmet extra requirement (each is explained in report.md).
func printExtrasSummary(_ extras: PolicyExtras, out: String) {
    for m in extras.missingLectures { print("  \(m.school) grade \(m.grade): no lecture — \(m.reason.en)") }
    for s in extras.details.roomShorts { print("  \(s.school) \(s.classID): \(s.given)/\(s.required) lessons in the activity room — \(s.reason.en)") }
    for s in extras.details.areaShorts { print("  \(s.school) \(s.classID): areas not covered — \(s.reason.en)") }
    for w in extras.duty?.shortWeeks ?? [] { print("  \(w.school) week of \(w.week.iso): counseling room \(w.openMinutes)/\(w.requiredMinutes) min, parent slots \(w.parentSlots)/\(w.requiredParentSlots) — \(w.reason.en)") }
    if let duty = extras.duty { print("\(duty.shifts.count) counseling-room duty shift(s): \(out)/duty.csv, duty-weekly.csv. / 已排心理咨询室值班 \(duty.shifts.count) 次。") }
}
