import ArgumentParser
import Foundation
import XinyuCore
import XinyuExport
import XinyuGLPK
import XinyuGenerate
import XinyuPack
import XinyuVerify

/// `xinyu`: schedules mental-health lessons (心理健康教育课) into school timetables.
public struct XinyuCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "xinyu",
        abstract: "心育 Xinyu: place mental-health lessons into school timetables on the real dates of a term.",
        discussion: """
            Exit codes: 0 success; 1 verify found broken rules; 3 some requirement cannot be met — a monthly \
            minimum, a grade lecture, the activity-room share, the five areas or the counseling-room hours \
            (the schedule is still written, every shortfall explained); 64 bad usage; 65 invalid input; \
            70 internal error; 130 interrupted (SIGINT/SIGTERM: outputs left as they were, or complete).
            退出码：0 成功；1 校验发现违规；3 部分要求无法满足（月最低课时、年级讲座、活动室比例、五个领域或咨询室开放时长；仍写出排课并说明原因）；64 用法错误；65 输入无效；70 内部错误；130 被中断（输出保持原样或完整写出）。
            """,
        version: XinyuVersion.string,
        subcommands: [Validate.self, Solve.self, Verify.self, Generate.self, Import.self, Export.self, DistrictRun.self, Merge.self, Replan.self]
    )
    public init() {}
}

/// Exit codes, in one place.
enum Exit {
    static let ok: Int32 = 0
    static let verifyFailed: Int32 = 1
    static let short: Int32 = 3
    static let usage: Int32 = 64
    static let invalidInput: Int32 = 65
    static let internalError: Int32 = 70
}

/// Standard error, line by line.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Loads a pack; on errors prints every one and exits 65 (nothing is solved or written).
func loadPack(_ path: String, quiet: Bool) throws -> LoadedPack {
    do {
        let pack = try PackReader.load(path: path)
        if !quiet { for n in pack.notes { printError(n.description) } }
        return pack
    } catch {
        for d in error.diagnostics { printError(d.description) }
        printError("\(path): \(error.errors.count) error(s); nothing was solved or written. / 发现 \(error.errors.count) 处错误，未求解、未写出任何文件。")
        throw ExitCode(Exit.invalidInput)
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a district pack: exit 0 when valid, 65 with every error otherwise. 校验数据包。")

    @Argument(help: "The district pack directory.")
    var pack: String

    func run() throws {
        let loaded = try loadPack(pack, quiet: false)
        let d = loaded.district
        let classes = d.schools.reduce(0) { $0 + $1.classes.count }
        print("\(pack): valid — \(d.schools.count) school(s), \(classes) classes, term \(d.termStart.iso) – \(d.termEnd.iso). / 数据包有效。")
    }
}

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
        let loaded = try loadPack(pack, quiet: quiet)
        let district = loaded.district
        let unknown = school.filter { id in !district.schools.contains { $0.id == id } }
        if !unknown.isEmpty {
            printError("unknown school(s): \(unknown.joined(separator: ", ")) / 没有这些学校")
            throw ExitCode(Exit.usage)
        }
        // The limit covers the whole run: what reading took, and a share kept for checking and writing.
        var options = PlanOptions(timeLimit: limits.timeLimit.map { max(0.01, ($0 - Date().timeIntervalSince(started)) * 0.9 - 0.2) })
        options.mipGap = mipGap
        options.writeModelDirectory = writeModel
        options.globalBound = !noGlobalBound
        options.lagrangianRounds = boundRounds
        options.verbose = verbose
        if !quiet { options.log = { @Sendable line in printError(line) } }
        options.stop = { interrupts.isInterrupted }
        let solver = GLPKSolver()
        let result = solveDistrict(district, only: school.isEmpty ? nil : Set(school), jobs: limits.jobs, options: options, solver: solver)

        // Never write a schedule the independent verifier rejects.
        let violations = Verifier.check(result.district, result.lessons, months: result.months, allowShort: true)
        if !violations.isEmpty {
            for v in violations { printError("internal error: \(v)") }
            throw ExitCode(Exit.internalError)
        }
        // The rest of the policy, planned on the lessons: rooms, topics, forms, duty (and re-checked).
        let extrasLimit = limits.timeLimit.map { max(0.5, $0 - Date().timeIntervalSince(started) - 0.3) }
        let extras = planPolicyExtras(result, solver: solver, timeLimit: extrasLimit)
        let extraViolations = checkPolicyExtras(result.district, lessons: result.lessons, extras: extras)
        if !extraViolations.isEmpty {
            for v in extraViolations { printError("internal error: \(v)") }
            throw ExitCode(Exit.internalError)
        }
        var report = reportMarkdown(result, solverName: solver.name, solverVersion: solver.version,
                                    packHash: packHash(root: pack))
        report += policyReportMarkdown(result.district, lectures: result.lessons.filter(\.lecture), extras: extras)
        if interrupts.isInterrupted {
            report += "\n## 中断 / Interrupted\n\n运行被中断：这是中断前找到的最好排课，未经完整优化。 The run was interrupted (SIGINT/SIGTERM): this is the best schedule found before it stopped; it keeps every rule but was not fully optimised.\n"
        }
        interrupts.beginWriting()
        defer { interrupts.endWriting() }
        do {
            try AtomicFile.write(ScheduleFiles.scheduleText(result.lessons), to: out + "/schedule.csv")
            try AtomicFile.write(ScheduleFiles.monthsText(result.months), to: out + "/months.csv")
            try AtomicFile.write(LessonDetailsFile.text(extras.details.details), to: out + "/lessons.csv")
            if let duty = extras.duty {
                try AtomicFile.write(DutyFiles.dutyCSV(duty.shifts), to: out + "/duty.csv")
                try AtomicFile.write(DutyFiles.weeklySheet(result.district, duty), to: out + "/duty-weekly.csv")
            }
            try AtomicFile.write(report, to: out + "/report.md")
        } catch {
            printError("cannot write \(out): \(error)")
            throw ExitCode(Exit.internalError)
        }
        // Interrupted: the complete set of the best schedule found is written; stop here (130).
        interrupts.exitIfInterrupted()
        if let path = writeMonolithic {
            do {
                let m = try writeMonolithicModel(result.district, shortfall: result.shortfall, solver: solver, to: path)
                let costs = result.plans.reduce(0.0) { $0 + $1.objective }
                let bound = result.plans.reduce(0.0) { $0 + ($1.bound ?? 0) }
                let json = "{\"objective_scale\": \(m.scale), \"columns\": \(m.columns), \"rows\": \(m.rows), \"shortfall\": \(result.shortfall), \"shortfall_proven\": \(result.plans.allSatisfy(\.shortfallProven)), \"shortfall_bound\": \(result.plans.reduce(0) { $0 + $1.shortfallBound }), \"objective\": \(costs), \"bound\": \(bound), \"solve_seconds\": \(result.seconds)}\n"
                try AtomicFile.write(json, to: path + ".json")
            } catch {
                printError("cannot write \(path): \(error)")
                throw ExitCode(Exit.internalError)
            }
        }
        if let path = summaryJson {
            let costs = result.plans.reduce(0.0) { $0 + $1.objective }
            let bound = result.plans.reduce(0.0) { $0 + ($1.bound ?? 0) }
            let json = "{\"shortfall\": \(result.shortfall), \"shortfall_proven\": \(result.plans.allSatisfy(\.shortfallProven)), \"shortfall_bound\": \(result.plans.reduce(0) { $0 + $1.shortfallBound }), \"objective\": \(costs), \"bound\": \(bound), \"gap_worst\": \(result.worstGap.map { "\($0)" } ?? "null"), \"bound_of\": [\(Set(result.plans.map(\.boundNote)).sorted().map { "\"\($0)\"" }.joined(separator: ", "))], \"solve_seconds\": \(result.seconds)}\n"
            do { try AtomicFile.write(json, to: path) } catch {
                printError("cannot write \(path): \(error)")
                throw ExitCode(Exit.internalError)
            }
        }
        try exports.write(result.district, into: out)
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

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-check a schedule against the pack: exit 0 when it keeps every rule, 1 with the list otherwise. 校验排课。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @Argument(help: "The directory holding schedule.csv (and months.csv).")
    var schedule: String

    func run() throws {
        let loaded = try loadPack(pack, quiet: true)
        let files: (lessons: [Lesson], months: [MonthRow]?)
        do {
            files = try ScheduleFiles.read(directory: schedule)
        } catch {
            for d in error.diagnostics { printError("\(schedule)/\(d)") }
            throw ExitCode(Exit.invalidInput)
        }
        // lessons.csv and duty.csv (Xinyu extensions), when present, are checked too.
        var lessons = files.lessons
        var details: [LessonDetail]?
        var shifts: [DutyShift]?
        do {
            details = try LessonDetailsFile.read(directory: schedule)
            shifts = try DutyFiles.read(directory: schedule)
        } catch {
            for d in error.diagnostics { printError("\(schedule)/\(d)") }
            throw ExitCode(Exit.invalidInput)
        }
        if let details {
            // A grade lecture is marked in lessons.csv (needed for a grade of one class).
            let marked = Set(details.filter(\.lesson.lecture).map { Verifier.lectureKey($0.lesson) + "\u{1}" + $0.lesson.classID })
            for i in lessons.indices where marked.contains(Verifier.lectureKey(lessons[i]) + "\u{1}" + lessons[i].classID) { lessons[i].lecture = true }
        }
        // Costs of replaced periods are not in the file; the rules do not need them.
        var violations = Verifier.check(loaded.district, lessons, months: files.months)
        if let details { violations += DetailsVerifier.check(loaded.district, lessons: lessons, details: details, allowShort: false) }
        if let shifts { violations += DutyVerifier.check(loaded.district, lessons: lessons, shifts: shifts, allowShort: false) }
        if violations.isEmpty {
            print("\(schedule): \(files.lessons.count) lessons keep every rule. / 排课符合全部规则。")
            return
        }
        for v in violations { print(v.description) }
        print("\(violations.count) violation(s). / 发现 \(violations.count) 处违规。")
        throw ExitCode(Exit.verifyFailed)
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic sample district pack (deterministic from the seed). 生成样例数据包。")

    @Option(name: .long, help: "Number of schools.")
    var schools: Int = 10

    @Option(name: .long, help: "Random seed: the same seed gives the same pack.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Term: autumn2026 or spring2026.")
    var term: String = "autumn2026"

    @Flag(name: .long, help: "Fewer psychology teachers and no free periods (some schools cannot comply).")
    var tight = false

    @Option(name: .long, help: "Make school S01 about this many classes (for benchmarks).")
    var classes: Int?

    @Flag(name: .long, help: "Add the policy extras: bell times, counseling-room windows, an activity room, grade lectures, a topic plan.")
    var policyExtras = false

    @Flag(name: .long, help: "A province's mix of sizes: small rural schools (one class a grade) and large urban ones beside the usual sizes. 省级规模构成。")
    var province = false

    @Option(name: .long, help: "Output pack directory.")
    var out: String

    @Flag(name: .long, help: "Replace an existing pack.")
    var force = false

    func validate() throws {
        if schools < 1 || schools > 5000 { throw ValidationError("--schools must be 1–5000") }
        if TermPreset(rawValue: term) == nil {
            throw ValidationError("--term must be one of \(TermPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let c = classes, c < 1 || c > 400 { throw ValidationError("--classes must be 1–400") }
    }

    func run() throws {
        var options = GeneratorOptions(schools: schools, seed: seed, term: TermPreset(rawValue: term)!,
                                       tight: tight, classesPerSchool: classes)
        options.policyExtras = policyExtras
        options.province = province
        let d = DistrictGenerator.generate(options)
        do {
            try PackWriter.write(d, to: out, overwrite: force)
        } catch {
            printError("\(error)")
            throw ExitCode(Exit.usage)
        }
        let n = d.schools.reduce(0) { $0 + $1.classes.count }
        print("wrote \(out): \(d.schools.count) schools, \(n) classes, term \(d.termStart.iso) – \(d.termEnd.iso). / 已生成样例数据包。")
    }
}

/// `--time-limit` and `--jobs` of `solve`, `district` and `replan`.
struct RunLimits: ParsableArguments {
    @Option(name: .long, help: "Wall-clock limit for the whole run, seconds.")
    var timeLimit: Double?

    @Option(name: .long, help: "Groups of schools solved in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be 1–256") }
    }
}
