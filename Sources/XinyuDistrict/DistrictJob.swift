// The district-office run: solve the pack's schools (or one shard of its groups), check every
// schedule with the independent verifier, check staffing, find advice for short schools, and
// write schedule.csv, months.csv, schools.csv, report.md, advice.csv (and shard.json for a shard).

import Foundation
import XinyuCore
import XinyuMIP
import XinyuPack

/// A share of the pack's independent groups of schools: group i (groups ordered by their first
/// school id) belongs to shard i mod `of`.
public struct Shard: Sendable, Hashable {
    /// 0-based index of this shard.
    public var index: Int
    public var of: Int
    public init(index: Int, of: Int) {
        self.index = index
        self.of = of
    }
    /// Parses `K/N` with 0 ≤ K < N.
    public init?(_ text: String) {
        let p = text.split(separator: "/")
        guard p.count == 2, let k = Int(p[0]), let n = Int(p[1]), n >= 1, n <= 100_000, k >= 0, k < n else { return nil }
        self.init(index: k, of: n)
    }
    /// The school ids of this shard's groups.
    public func schools(of district: District) -> Set<String> {
        var out = Set<String>()
        for (i, g) in schoolGroups(district).enumerated() where i % of == index { out.formUnion(g.map(\.id)) }
        return out
    }
}

public struct DistrictRunOptions: Sendable {
    public var jobs = 1
    /// Wall-clock limit of the solve (not of the advice), seconds.
    public var timeLimit: Double?
    public var shard: Shard?
    /// Compute capacity advice for short schools.
    public var advice = true
    public var adviceOptions = AdviceOptions()
    public var log: (@Sendable (String) -> Void)?
    /// Hears (stage, done, total) as groups are solved and schools advised (the terminal's progress).
    public var progress: (@Sendable (_ stage: DistrictStage, _ done: Int, _ total: Int) -> Void)?
    public init() {}
}

/// The long stages of a district run.
public enum DistrictStage: Sendable { case solving, advice }

/// What a run produced, ready to write.
public struct DistrictOutput: Sendable {
    public var result: DistrictResult
    public var outcome: DistrictOutcome
    public var lessons: [Lesson]
    public var months: [MonthRow]
    public var shard: Shard?
}

/// Solves, verifies (`SolveJob.verify`, the one check before writing) and advises; writes
/// nothing. With a time limit, instance building stops at it too (`SolveJobError.timeLimit`).
public func runDistrict(_ district: District, packHash: String, settings: OfficeSettings? = nil, options: DistrictRunOptions,
                        solver: MIPSolver) throws(SolveJobError) -> DistrictOutput {
    var plan = PlanOptions(timeLimit: options.timeLimit)
    plan.log = options.log
    let only = options.shard?.schools(of: district)
    let progress = options.progress
    let result = try SolveJob.solveVerified(district, only: only, jobs: options.jobs, options: plan, solver: solver,
                                            buildDeadline: options.timeLimit.map { BuildDeadline(limit: $0) },
                                            progress: progress.map { p in { @Sendable d, t in p(.solving, d, t) } })
    var advice: [String: Advice] = [:]
    if options.advice {
        var short: [String: [ClassMonth: Int]] = [:]
        for m in result.months where m.scheduled < m.required {
            short[m.school, default: [:]][ClassMonth(school: m.school, classID: m.classID, month: m.month)] = m.required - m.scheduled
        }
        let ids = short.keys.sorted()
        let shortBySchool = short
        let found = Slots<Advice>(ids.count)
        let log = options.log
        let adviceOptions = { var a = options.adviceOptions; a.plan = plan; return a }()
        let advised = Counter()
        let scope = AdviceScope(district)
        if !ids.isEmpty { progress?(.advice, 0, ids.count) }
        parallelForEach(ids.count, jobs: options.jobs) { i in
            let start = Date()
            found[i] = advise(ids[i], scope: scope, short: shortBySchool[ids[i]] ?? [:], solver: solver, options: adviceOptions)
            log?("\(ids[i]) advice: \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
            progress?(.advice, (advised.take(below: ids.count) ?? 0) + 1, ids.count)
        }
        for (i, id) in ids.enumerated() { advice[id] = found[i] }
    }
    let software = "Xinyu \(XinyuVersion.string), \(solver.name) \(solver.version)"
    let outcome = makeOutcome(result, fullDistrict: district, settings: settings ?? OfficeSettings(district), advice: advice, software: software, packHash: packHash)
    return DistrictOutput(result: result, outcome: outcome, lessons: result.lessons, months: result.months, shard: options.shard)
}

/// Writes the run's files into `dir`, each atomically; a shard also writes shard.json.
public func writeDistrict(_ o: DistrictOutput, to dir: String) throws {
    try AtomicFile.write(ScheduleFiles.scheduleText(o.lessons), to: dir + "/schedule.csv")
    try AtomicFile.write(ScheduleFiles.monthsText(o.months), to: dir + "/months.csv")
    try AtomicFile.write(o.outcome.schoolsCSV, to: dir + "/schools.csv")
    try AtomicFile.write(o.outcome.reportMarkdown, to: dir + "/report.md")
    try AtomicFile.write(o.outcome.adviceCSV, to: dir + "/advice.csv")
    if let shard = o.shard {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(ShardFile(shard: shard.index, of: shard.of, outcome: o.outcome))
        try AtomicFile.write(Array(data) + [10], to: dir + "/shard.json")
    }
}

/// Shards that cannot be merged.
public struct MergeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Combines shard directories into the files one run writes (schedule.csv, months.csv,
/// schools.csv, report.md, advice.csv). Every shard 0..<N of the same pack must be given exactly once.
public func mergeShards(_ dirs: [String], into out: String) throws {
    var shards: [ShardFile] = []
    var lessons: [Lesson] = []
    var monthsBySchool: [String: [MonthRow]] = [:]
    for dir in dirs {
        guard let data = FileManager.default.contents(atPath: dir + "/shard.json") else {
            throw MergeError(message: "\(dir)/shard.json: missing (not a shard output) / 不是分片输出目录")
        }
        let shard: ShardFile
        do { shard = try JSONDecoder().decode(ShardFile.self, from: data) } catch {
            throw MergeError(message: "\(dir)/shard.json: cannot be read: \(error) / 无法读取")
        }
        guard shard.format == "xinyu-district-shard-1" else { throw MergeError(message: "\(dir)/shard.json: unknown format \(shard.format)") }
        shards.append(shard)
        let files: (lessons: [Lesson], months: [MonthRow]?)
        do { files = try ScheduleFiles.read(directory: dir) } catch {
            throw MergeError(message: error.diagnostics.map { "\(dir)/\($0)" }.joined(separator: "\n"))
        }
        lessons += files.lessons
        for m in files.months ?? [] { monthsBySchool[m.school, default: []].append(m) }
    }
    guard let first = shards.first else { throw MergeError(message: "no shard directories given / 未给出分片目录") }
    let n = first.of
    for s in shards where s.of != n || s.outcome.packHash != first.outcome.packHash {
        throw MergeError(message: "shard \(s.shard)/\(s.of) is of another pack or split (pack hash \(s.outcome.packHash), expected \(first.outcome.packHash) in \(n) shards) / 分片不属于同一数据包或同一切分")
    }
    let indices = shards.map(\.shard).sorted()
    guard indices == Array(0..<n) else {
        let missing = Set(0..<n).subtracting(indices).sorted().map(String.init)
        throw MergeError(message: "shards of \(n): given \(indices.map(String.init).joined(separator: ",")); missing or repeated \(missing.joined(separator: ",")) / 分片缺失或重复")
    }
    let outcome = DistrictOutcome.merged(shards.map(\.outcome))
    let months = outcome.schools.flatMap { monthsBySchool[$0.id] ?? [] }
    try AtomicFile.write(ScheduleFiles.scheduleText(lessons.sorted()), to: out + "/schedule.csv")
    try AtomicFile.write(ScheduleFiles.monthsText(months), to: out + "/months.csv")
    try AtomicFile.write(outcome.schoolsCSV, to: out + "/schools.csv")
    try AtomicFile.write(outcome.reportMarkdown, to: out + "/report.md")
    try AtomicFile.write(outcome.adviceCSV, to: out + "/advice.csv")
}

