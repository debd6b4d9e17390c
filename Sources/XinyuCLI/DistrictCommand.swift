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

    @Option(name: .long, help: "Wall-clock limit of each capacity-advice solve, seconds.")
    var adviceTimeLimit: Double = 10

    @Flag(name: .long, help: "Skip the capacity and hiring advice (faster).")
    var noAdvice = false

    @Flag(name: .long, help: "No progress on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Also write the district dashboard DIR/html/index.html (status, staffing, reasons, advice, charts; same as --format html). 生成全区看板。")
    var html = false

    @OptionGroup var exports: ExportOptions

    func validate() throws {
        if !(adviceTimeLimit.isFinite && adviceTimeLimit > 0) { throw ValidationError("--advice-time-limit must be a positive number of seconds") }
        if let s = shard, Shard(s) == nil { throw ValidationError("--shard must be K/N with 0 ≤ K < N, e.g. 0/4") }
    }

    func run() throws {
        let loaded = try loadPack(pack, quiet: quiet)
        let set = try openOutputSet(out)  // staged, then swapped in (OutputSet)
        let district = loaded.district
        let settings = OfficeSettings(district)
        var options = DistrictRunOptions()
        options.jobs = limits.jobs
        options.timeLimit = limits.timeLimit
        options.shard = shard.flatMap(Shard.init)
        options.advice = !noAdvice
        options.adviceOptions = AdviceOptions(probeTimeLimit: adviceTimeLimit)
        if !quiet { options.log = { @Sendable line in printError(line) } }
        let start = Date()
        let output: DistrictOutput
        do {
            output = try runDistrict(district, packHash: packHash(root: pack), settings: settings, options: options, solver: GLPKSolver())
        } catch {
            for v in error.violations { printError("internal error: \(v)") }
            throw ExitCode(Exit.internalError)
        }
        do {
            try writeDistrict(output, to: set.directory)
        } catch {
            printError("cannot write \(out): \(error); the previous output is unchanged / 无法写入，原有输出未改动")
            throw ExitCode(Exit.internalError)
        }
        try exports.write(district, into: set.directory, also: html ? [.html] : [])
        try commitOutputSet(set)
        let schools = output.outcome.schools
        if !quiet { printError("district run in \(String(format: "%.2f", Date().timeIntervalSince(start))) s on \(limits.jobs) job(s)") }
        let short = schools.filter { $0.status == "short" }.count
        let under = schools.filter { $0.status == "understaffed" }.count
        print("\(schools.count) school(s): \(schools.count - short - under) ok, \(under) understaffed, \(short) short. Wrote \(out)/schedule.csv, months.csv, schools.csv, report.md, advice.csv\(output.shard == nil ? "" : ", shard.json"). / \(schools.count)所学校：达标\(schools.count - short - under)，配备不足\(under)，未达标\(short)。")
        for s in schools where s.status != "ok" {
            print("  \(s.id) \(s.status): \(s.adviceLine)")
        }
        if short > 0 { throw ExitCode(Exit.short) }
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
        print("merged \(shards.count) shard(s) into \(out)/schedule.csv, months.csv, schools.csv, report.md. / 已合并分片。")
    }
}
