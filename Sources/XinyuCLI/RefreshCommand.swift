import ArgumentParser
import Foundation
import XinyuCore
import XinyuGLPK
import XinyuPack
import XinyuVerify

/// Reads an output folder; a file that cannot be read is invalid input (65).
func readOutputFolder(_ directory: String) throws -> OutputFolder {
    do {
        return try OutputFolder.read(directory)
    } catch {
        for d in error.diagnostics { printError("\(directory)/\(d)") }
        throw ExitCode(Exit.invalidInput)
    }
}

/// `xinyu refresh PACK DIR`: after a hand edit of DIR/schedule.csv, rewrites the files derived
/// from it (schedule.csv in order, months.csv, lessons.csv, duty files, report.md). A schedule
/// that breaks a hard rule is refused (exit 1, the list; nothing written).
struct RefreshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Rewrite months.csv, lessons.csv, duty files and report.md from a hand-edited schedule.csv; exit 1 with the broken rules if the edit broke any. 手工调整后重新生成派生文件。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @Argument(help: "The directory holding the edited schedule.csv; its derived files are rewritten.")
    var schedule: String

    @Option(name: .long, help: "Wall-clock limit for planning rooms, topics and duty, seconds.")
    var timeLimit: Double?

    func validate() throws {
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    func run() throws {
        let loaded = try loadPack(pack, quiet: true)
        let folder = try readOutputFolder(schedule)
        // The hard rules only: a month short of its minimum is written and explained, as by solve.
        let broken = Verifier.check(loaded.district, folder.lessons.sorted(), allowShort: true)
        if !broken.isEmpty {
            for v in broken { print(v.description) }
            print("\(broken.count) broken rule(s); nothing was rewritten. / 发现 \(broken.count) 处违规，未改写任何文件。")
            throw ExitCode(Exit.verifyFailed)
        }
        let made: SolveOutput
        do throws(ScheduleRejection) {
            made = try Refresh.outputs(loaded.district, lessons: folder.lessons, solver: GLPKSolver(), packRoot: pack,
                                       timeLimit: timeLimit)
        } catch {
            for v in error.violations { printError("internal error: \(v)") }
            throw ExitCode(Exit.internalError)
        }
        // Every file's text is made before the first is written; each is written whole, report.md last.
        let files = made.files + [OutputFile(name: "report.md", text: made.report)]
        do {
            for f in files { try AtomicFile.write(f.text, to: schedule + "/" + f.name) }
        } catch {
            printError("cannot write \(schedule): \(error)")
            throw ExitCode(Exit.internalError)
        }
        print("\(schedule): rewrote \(files.map(\.name).joined(separator: ", ")) from \(folder.lessons.count) lessons. / 已根据修改后的排课重新生成。")
        if !made.result.allMet || made.extras.unmet { throw ExitCode(Exit.short) }
    }
}
