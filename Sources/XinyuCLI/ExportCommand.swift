import ArgumentParser
import Foundation
import XinyuCore
import XinyuExport
import XinyuPack
import XinyuVerify

/// The export formats named in `--format` values (comma-separated or repeated); empty if none.
func exportFormats(_ values: [String]) throws -> Set<ExportFormat> {
    let names = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    var set = Set<ExportFormat>()
    for n in names {
        guard let f = ExportFormat(rawValue: n) else {
            throw ValidationError("unknown format \"\(n)\": use xlsx, ics or html (pdf is not supported; print the HTML pages)")
        }
        set.insert(f)
    }
    return set
}

/// `--format` and `--lang` of `solve` and `district`: exports written in the same run.
struct ExportOptions: ParsableArguments {
    @Option(name: .long, parsing: .singleValue,
            help: "Also export: xlsx, ics, html (comma-separated or repeated), into DIR/xlsx, DIR/ics, DIR/html.")
    var format: [String] = []

    // The terminal speaks this language too when it is given (ConsoleLanguage.flag reads it).
    @Option(name: .long, help: "Language of the exports (zh by default) and of the terminal (by default the locale, else both): zh or en.")
    var lang: String = "zh"

    func validate() throws {
        _ = try exportFormats(format)
        if Language(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en") }
    }

    /// Exports the schedule just written into `out` (nothing when no format was asked for);
    /// `also` adds formats (`district --html`).
    func write(_ district: District, into out: String, also: Set<ExportFormat> = []) throws {
        let formats = try exportFormats(format).union(also)
        guard !formats.isEmpty else { return }
        do {
            let input = try ExportInput.read(district: district, scheduleDirectory: out)
            try Exporter.write(input, formats: formats, lang: Language(rawValue: lang)!, to: out)
        } catch {
            printError("cannot export into \(out): \(error)")
            throw ExitCode(Exit.internalError)
        }
    }
}

/// `xinyu export PACK SCHEDULE_DIR --format xlsx,ics,html --out DIR [--lang zh|en]`: turns a
/// written schedule into workbooks, calendars and a static site (see docs/EXPORTS.md).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a schedule as XLSX workbooks, iCalendar files and a static HTML site. 导出排课（Excel、日历、网页）。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @Argument(help: "The directory holding schedule.csv (and report.md, whose explanations the site shows).")
    var schedule: String

    @Option(name: .long, parsing: .singleValue,
            help: "Formats: xlsx, ics, html (comma-separated or repeated; default all three).")
    var format: [String] = []

    @Option(name: .long, help: "Output directory (created if missing).")
    var out: String

    @Option(name: .long, help: "Language of every label: zh (简体中文, default) or en.")
    var lang: String = "zh"

    @Flag(name: .long, help: "Export a schedule that breaks a rule anyway; every page and sheet is marked 未通过校验 / not verified.")
    var force = false

    /// The formats asked for (all when none is given).
    func formats() throws -> Set<ExportFormat> {
        let set = try exportFormats(format)
        return set.isEmpty ? Set(ExportFormat.allCases) : set
    }

    func validate() throws {
        _ = try formats()
        if Language(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en") }
    }

    func run() throws {
        let loaded = try loadPack(pack, quiet: true)
        // The whole export is one output set (OutputSet): staged beside --out, swapped in at the
        // end, one run at a time. Locked before the schedule is read, so a run writing into the
        // schedule's own folder cannot change it under us.
        try refuseOutHoldingSchedule()
        let set = try openOutputSet(out)
        let carried = carriedFiles()
        var input: ExportInput
        do {
            input = try ExportInput.read(district: loaded.district, scheduleDirectory: schedule)
        } catch {
            for d in error.diagnostics { printError("\(schedule)/\(d)") }
            throw ExitCode(Exit.invalidInput)
        }
        let unknown = Set(input.lessons.map(\.school)).subtracting(loaded.district.schools.map(\.id))
        if !unknown.isEmpty {
            printError("\(schedule)/schedule.csv: school(s) not in the pack: \(unknown.sorted().joined(separator: ", ")) / 排课中的学校不在数据包中")
            throw ExitCode(Exit.invalidInput)
        }
        try checkFirst(&input)
        let written: [String]
        do {
            try copySetFiles(carried, from: schedule, into: set)
            written = try Exporter.write(input, formats: try formats(), lang: Language(rawValue: lang)!, to: set.directory)
        } catch {
            printError("cannot write \(out): \(error); the previous output is unchanged / 无法写入 \(out)，原有输出未改动")
            set.abandon()
            throw ExitCode(Exit.internalError)
        }
        try commitOutputSet(set)
        let kinds = try formats().sorted().map(\.rawValue).joined(separator: ", ")
        print(Say("已导出 \(written.count) 个文件到 \(out)（\(kinds)）。", "wrote \(written.count) file(s) into \(out) (\(kinds)).").text(.current))
    }

    /// A --out that holds the schedule's folder is refused: the swap would remove it (exit 64).
    func refuseOutHoldingSchedule() throws {
        let target = resolvedPath(out), source = resolvedPath(schedule)
        if source.hasPrefix(target == "/" ? "/" : target + "/") {
            printError("\(out): holds the schedule folder \(schedule); each export replaces --out whole, so name another folder (or the schedule's own) / --out 包含排课目录，每次导出会整体替换 --out，请另选目录")
            throw ExitCode(Exit.usage)
        }
    }

    /// The files of the schedule's set that the new set keeps: every one (schedule, months,
    /// report …) when --out is the schedule's own folder, except an earlier export's folders,
    /// which this export replaces; none otherwise.
    func carriedFiles() -> [String] {
        guard resolvedPath(out) == resolvedPath(schedule) else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: schedule)) ?? []
        let exports = Set(ExportFormat.allCases.map(\.rawValue))
        return names.filter { !exports.contains($0) && !$0.hasPrefix(".") }.sorted()
    }

    /// The verifier first: a schedule that breaks a rule is refused (exit 1, the list) unless
    /// `--force`, which marks every page and sheet.
    func checkFirst(_ input: inout ExportInput) throws {
        let violations: [Violation]
        do {
            violations = try ExportCheck.violations(input, scheduleDirectory: schedule)
        } catch {
            for d in error.diagnostics { printError("\(schedule)/\(d)") }
            throw ExitCode(Exit.invalidInput)
        }
        guard !violations.isEmpty else { return }
        for v in violations { printError(ExportCheck.line(v)) }
        if force {
            printError("\(violations.count) violation(s): exporting anyway (--force); every page and sheet says 未通过校验 / not verified. / 发现 \(violations.count) 处违规，按 --force 仍导出，每页标注“未通过校验”。")
            input.notVerified = true
            return
        }
        printError("\(violations.count) violation(s): nothing exported; fix the schedule or use --force. / 发现 \(violations.count) 处违规，未导出；请修正排课或使用 --force。")
        throw ExitCode(Exit.verifyFailed)
    }
}
