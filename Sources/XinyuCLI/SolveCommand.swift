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

    @Option(name: .long, help: "Most rounds of the Lagrangian bound (teacher rows priced, each class solved exactly, prices from the pattern LP; stops when converged; 0: none). Each round solves every class once. 拉格朗日下界的最多轮数（收敛即停）。")
    var boundRounds: Int = 0

    @Flag(name: .long, help: "Also show the solver's lines (incumbent, bound, gap) and GLPK's own log.")
    var verbose = false

    @Flag(name: .long, help: "Errors only: no progress, no summary (the exit code tells).")
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
        let console = Console.standard(verbosity: Verbosity(quiet: quiet, verbose: verbose))
        let district = try loadPack(pack, console: console).district
        let set = try openOutputSet(out)  // the whole set is staged, then swapped in (OutputSet)
        let unknown = school.filter { id in !district.schools.contains { $0.id == id } }
        if !unknown.isEmpty {
            console.error(Say("没有这些学校：\(unknown.joined(separator: ", "))", "unknown school(s): \(unknown.joined(separator: ", "))"))
            throw ExitCode(Exit.usage)
        }
        let solver = GLPKSolver()
        let output: SolveOutput
        do {
            output = try SolveJob.run(
                district, packRoot: pack, only: school.isEmpty ? nil : Set(school), jobs: limits.jobs,
                options: planOptions(started: started, interrupts: interrupts, console: console), solver: solver,
                extrasTimeLimit: { limits.timeLimit.map { max(0.5, $0 - Date().timeIntervalSince(started) - 0.3) } },
                buildDeadline: limits.buildDeadline(started: started),
                progress: { stage, done, total in console.show(stage, done: done, total: total) })
        } catch {
            throw jobFailed(error, console: console)
        }
        try write(output, into: set, interrupts: interrupts, console: console)
        // Interrupted: the complete set of the best schedule found is written; stop here (130).
        interrupts.exitIfInterrupted()
        try writeBenchmarkFiles(output.result, solver: solver)
        // At most about 15 lines: totals, the schools in trouble, the rest of the policy, the files.
        let files = output.files.map(\.name) + ["report.md"]
        for line in SolveSummary.lines(output.result, extras: output.extras, out: out, files: files, language: console.language) {
            console.result(line)
        }
        if !output.result.allMet || output.extras.unmet { throw ExitCode(Exit.short) }
    }

    /// The planner's options: the limit covers the whole run (what reading took, and a share
    /// kept for checking and writing).
    private func planOptions(started: Date, interrupts: InterruptWatch, console: Console) -> PlanOptions {
        var options = PlanOptions(timeLimit: limits.timeLimit.map { max(0.01, ($0 - Date().timeIntervalSince(started)) * 0.9 - 0.2) })
        options.mipGap = mipGap
        options.writeModelDirectory = writeModel
        options.globalBound = !noGlobalBound
        options.lagrangianRounds = boundRounds
        options.verbose = verbose
        options.log = { @Sendable line in console.detail(line) }
        options.stop = { interrupts.isInterrupted }
        return options
    }

    /// The schedule files, report.md and the exports staged in the output set (one progress
    /// step each), then the set swapped in whole (OutputSet).
    private func write(_ output: SolveOutput, into set: OutputSet, interrupts: InterruptWatch, console: Console) throws {
        var report = output.report
        if interrupts.isInterrupted {
            // Before the appendix of solver figures, like every section for people.
            report = insertBeforeAppendix(report, "## 中断 / Interrupted\n\n运行被中断：这是中断前找到的最好排课，未经完整优化。 The run was interrupted (SIGINT/SIGTERM): this is the best schedule found before it stopped; it keeps every rule but was not fully optimised.\n\n")
        }
        let files = output.files.map { (name: $0.name, text: $0.text) } + [(name: "report.md", text: report)]
        interrupts.beginWriting()
        defer { interrupts.endWriting() }
        console.begin(StageName.writing.0, unit: StageName.writing.1, total: files.count)
        do {
            for f in files {
                try AtomicFile.write(f.text, to: set.path(f.name))
                console.advance()
            }
        } catch {
            console.error(Say("无法写入 \(out)：\(error)；原有输出未改动", "cannot write \(out): \(error); the previous output is unchanged"))
            throw ExitCode(Exit.internalError)
        }
        console.end()
        if !interrupts.isInterrupted { try exports.write(output.result.district, into: set.directory) }
        try commitOutputSet(set)
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
}
