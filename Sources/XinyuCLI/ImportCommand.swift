import ArgumentParser
import Foundation
import XinyuImport
import XinyuPack

/// `xinyu import fet|xhstt|grid FILE... --out PACK`: a district pack from a timetable the school
/// already has. The work is XinyuImport's; this only reads the command line and prints.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a FET, XHSTT or timetable-grid (课程表 CSV) file into a district pack. 导入课表生成数据包。",
        discussion: """
            Formats: fet (a solved *_data_and_timetable.fet, or a .fet with its *_activities.xml), \
            xhstt (an ITC 2011 archive with a solution), grid (课程表 CSV or XLSX: class grids across or down, side by side or stacked, \
            the whole-school 总课表, or class,weekday,period,subject,teacher lines). \
            See docs/IMPORT.md. Exit codes: 0 written; 64 bad usage or an existing --out without --force; 65 a bad or foreign file (nothing written).
            """)

    @Argument(help: "fet, xhstt or grid.")
    var format: String

    @Argument(help: "Input file(s).")
    var files: [String]

    @Option(name: .long, help: "Output pack directory (required unless --dry-run).")
    var out: String?

    @Option(name: .long, help: "First school day of the term, YYYY-MM-DD (default: a marked autumn 2026 term).")
    var termStart: String?

    @Option(name: .long, help: "Last school day of the term, YYYY-MM-DD.")
    var termEnd: String?

    @Option(name: .long, help: "School id: a folder name, not starting with a dot (default: from the file name).")
    var schoolId: String?

    @Option(name: .long, help: "School name (default: a grid's title row, the FET institution or XHSTT instance name, else the file name).")
    var schoolName: String?

    @Flag(name: .long, help: "grid: a cell that is neither a lesson nor a recognised label is an error, not a warning.")
    var strict = false

    @Option(name: .long, help: "Stage of classes whose names give no grade: primary, junior or senior.")
    var stage: String?

    @Option(name: .long, help: "xhstt: the solution, by number (1 = first) or SolutionGroup id (default: the last).")
    var solution: String?

    @Option(name: .long, help: "Displaceable subjects with costs, e.g. \"班会=3,自习=2\" (default 班会=3,地方课程=1,校本课程=1).")
    var displaceable: String?

    @Option(name: .long, help: "TEACHER=full|part[:stages] — a source teacher who teaches mental-health lessons (repeatable).")
    var psych: [String] = []

    @Option(name: .long, help: "NAME=full|part[:stages] — a new psychology teacher (repeatable).")
    var addPsych: [String] = []

    @Option(name: .long, help: "yes or no: may a free period take a lesson (default yes).")
    var freePeriods: String?

    @Flag(name: .long, help: "Print what was understood; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Replace an existing pack at --out.")
    var force = false

    func run() throws {
        if let error = perform() {
            printError(error.message)
            if error.kind == .invalidInput { printError("nothing was written. / 未写出任何文件。") }
            throw ExitCode(error.kind == .usage ? Exit.usage : Exit.invalidInput)
        }
    }

    /// Imports and writes (or prints, with --dry-run); the error, if any.
    func perform() -> ImportError? {
        let result: ImportResult
        switch Result(catching: { () throws(ImportError) -> ImportResult in try importPack() }) {
        case .success(let r): result = r
        case .failure(let e): return e
        }
        if dryRun {
            // The same check as a real import: a pack that would not validate is refused here too.
            if case .failure(let e) = Result(catching: { () throws(ImportError) in try PackAssembly.validate(result) }) { return e }
            print(result.report.text(), terminator: "")
            return nil
        }
        if case .failure(let e) = Result(catching: { () throws(ImportError) in try PackAssembly.write(result, to: out!, force: force) }) {
            return e
        }
        let r = result.report
        for n in r.notes { printError("note: \(n)") }
        for w in r.warnings { printError("warning 警告: \(w)") }
        if !r.skipped.isEmpty { printError("note: \(r.skipped.count) source item(s) skipped (see --dry-run for the list) / \(r.skipped.count) 项未导入") }
        if !r.clashes.isEmpty {
            printError("note: \(r.clashes.count) clash(es) in the source, kept as merged rows / 源数据有 \(r.clashes.count) 处冲突：")
            for c in r.clashes.prefix(20) { printError("  \(c)") }
            if r.clashes.count > 20 { printError("  … (see --dry-run for all)") }
        }
        for c in r.renamed { printError("note: id changed: \(c)") }
        print("wrote \(out!): school \(r.schoolID), \(r.classes.count) classes, \(r.teacherLoad.count) teachers, \(r.lessonPeriods) lesson-periods in \(r.rows) rows. / 已生成数据包。")
        return nil
    }

    func importPack() throws(ImportError) -> ImportResult {
        guard let fmt = ImportFormat(rawValue: format.lowercased()) else {
            throw .usage("unknown format \"\(format)\": use fet, xhstt or grid / 格式须为 fet、xhstt 或 grid")
        }
        if out == nil && !dryRun { throw .usage("--out PACK is required (or --dry-run) / 请用 --out 指定输出目录") }
        var options = ImportOptions()
        options.schoolID = schoolId
        options.schoolName = schoolName
        options.strict = strict
        options.solution = solution
        if let stage {
            guard let s = Stage(rawValue: stage.lowercased()) else { throw .usage("--stage \(stage): use primary, junior or senior / 学段须为 primary、junior、senior") }
            options.stage = s
        }
        func date(_ text: String?, _ flag: String) throws(ImportError) -> CivilDate? {
            guard let text else { return nil }
            guard let d = CivilDate(iso: text) else { throw .usage("\(flag) \(text): expected YYYY-MM-DD / 日期格式应为 YYYY-MM-DD") }
            return d
        }
        options.termStart = try date(termStart, "--term-start")
        options.termEnd = try date(termEnd, "--term-end")
        if let displaceable { options.displaceable = try ImportOptions.parseDisplaceable(displaceable) }
        for p in psych { options.psych.append(try PsychAssignment.parse(p)) }
        for p in addPsych { options.addPsych.append(try PsychAssignment.parse(p)) }
        if let freePeriods {
            switch freePeriods.lowercased() {
            case "yes", "true", "y", "1", "是": options.freePeriods = true
            case "no", "false", "n", "0", "否": options.freePeriods = false
            default: throw .usage("--free-periods \(freePeriods): use yes or no / 请用 yes 或 no")
            }
        }
        return try Importer.run(fmt, files: files, options: options)
    }
}
