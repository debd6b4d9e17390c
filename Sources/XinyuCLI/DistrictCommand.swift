import ArgumentParser
import Foundation
import XinyuExport
import XinyuCore
import XinyuDistrict
import XinyuGLPK
import XinyuPack

/// `xinyu district`: the district office's run over every school of a pack (or one shard).
struct DistrictRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "district",
        abstract: "Schedule every school of the pack; write schedule.csv, months.csv, schools.csv, report.md with staffing and capacity advice. 全区排课与配备建议。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @Option(name: .long, help: "Output directory (created if missing).")
    var out: String

    @OptionGroup var limits: RunLimits

    @Option(name: .long, help: "Solve only shard K of N (0 ≤ K < N): group i of the pack's independent groups goes to shard i mod N; also writes shard.json for `xinyu merge`.")
    var shard: String?

    @Option(name: .long, help: "Safety net: wall-clock limit of each capacity-advice probe, seconds (probes are bounded by work, not time; a probe stopped by this makes its school's advice \"not proven\").")
    var adviceTimeLimit: Double = defaultProbeTimeLimit

    @Flag(name: .long, help: "Skip the capacity and hiring advice (faster).")
    var noAdvice = false

    @Flag(name: .long, help: "Errors only: no progress, no summary (the exit code tells).")
    var quiet = false

    @Flag(name: .long, help: "Also write the district dashboard DIR/html/index.html (status, staffing, reasons, advice, charts; same as --format html). 生成全区看板。")
    var html = false

    @Flag(name: .long, help: "Also show the solver's lines (incumbent, bound, gap) and each school's advice time.")
    var verbose = false

    @OptionGroup var exports: ExportOptions

    func validate() throws {
        if !(adviceTimeLimit.isFinite && adviceTimeLimit > 0) { throw ValidationError("--advice-time-limit must be a positive number of seconds") }
        if let s = shard, Shard(s) == nil { throw ValidationError("--shard must be K/N with 0 ≤ K < N, e.g. 0/4") }
    }

    func run() throws {
        let console = Console.standard(verbosity: Verbosity(quiet: quiet, verbose: verbose))
        let loaded = try loadPack(pack, console: console)
        let set = try openOutputSet(out)  // staged, then swapped in (OutputSet)
        let district = loaded.district
        let settings = OfficeSettings(district)
        var options = DistrictRunOptions()
        options.jobs = limits.jobs
        options.timeLimit = limits.timeLimit
        options.shard = shard.flatMap(Shard.init)
        options.advice = !noAdvice
        options.adviceOptions = AdviceOptions(probeTimeLimit: adviceTimeLimit)
        options.log = { @Sendable line in console.detail(line) }
        options.progress = { @Sendable stage, done, total in
            let name = stage == .solving ? StageName.solving : StageName.advice
            if done == 0 { console.begin(name.0, unit: name.1, total: total) } else { console.set(done: done, total: total) }
        }
        let output: DistrictOutput
        do {
            output = try runDistrict(district, packHash: packHash(root: pack), settings: settings, options: options, solver: GLPKSolver())
        } catch {
            throw jobFailed(error, console: console)
        }
        console.end()
        do {
            try writeDistrict(output, to: set.directory)
        } catch {
            console.error(Say("无法写入 \(out)：\(error)；原有输出未改动", "cannot write \(out): \(error); the previous output is unchanged"))
            throw ExitCode(Exit.internalError)
        }
        try exports.write(district, into: set.directory, also: html ? [.html] : [])
        try commitOutputSet(set)
        let files = ["schedule.csv", "months.csv", "schools.csv", "advice.csv", "report.md"] + (output.shard == nil ? [] : ["shard.json"])
        for line in DistrictSummary.lines(output.outcome, out: out, files: files, language: console.language) { console.result(line) }
        if output.outcome.schools.contains(where: { $0.status == "short" }) { throw ExitCode(Exit.short) }
    }
}

/// `xinyu merge`: combines shard outputs into the files one run writes.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine `xinyu district --shard K/N` outputs into the files a single run writes. 合并分片结果。")

    @Argument(help: "The shard output directories (every shard 0…N−1 exactly once).")
    var shards: [String]

    @Option(name: .long, help: "Output directory (created if missing).")
    var out: String

    @OptionGroup var terminal: LangOption

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give at least one shard directory") }
    }

    func run() throws {
        let set = try openOutputSet(out)  // staged, then swapped in (OutputSet)
        do {
            try mergeShards(shards, into: set.directory)
            try commitOutputSet(set)
        } catch let error as ExitCode {
            throw error
        } catch let error as MergeError {
            printError(error.message)
            throw ExitCode(Exit.invalidInput)
        } catch {
            printError("cannot write \(out): \(error)")
            throw ExitCode(Exit.internalError)
        }
        print(Say("已合并 \(shards.count) 个分片：\(out)/ — schedule.csv, months.csv, schools.csv, report.md",
                  "merged \(shards.count) shard(s) into \(out)/: schedule.csv, months.csv, schools.csv, report.md").text(terminal.language))
    }
}
