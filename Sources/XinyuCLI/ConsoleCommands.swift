// What the commands share to talk through the console: the verbosity of --quiet/--verbose, the
// pack's notes folded by kind, the stages of a solve, the stderr of the worker threads.

import ArgumentParser
import Foundation
import XinyuCore
import XinyuPack
import XinyuVerify

extension Verbosity {
    init(quiet: Bool, verbose: Bool) { self = quiet ? .quiet : (verbose ? .verbose : .normal) }
}

/// The stages a command shows, in both languages.
enum StageName {
    static let solving = (Say("求解", "Solving"), Say("组学校", "school groups"))
    static let extras = (Say("活动室、课题与值班", "Rooms, topics and duty"), Say("步", "step"))
    static let writing = (Say("校验并写出", "Checking and writing"), Say("个文件", "files"))
    static let advice = (Say("配备建议", "Staffing advice"), Say("所学校", "schools"))
}

/// Loads a pack; its notes are folded by message (a note repeated in 60 files is one line with
/// ×60); on errors prints every one and exits 65 (nothing is solved or written).
func loadPack(_ path: String, console: Console) throws -> LoadedPack {
    do throws(PackError) {
        let pack = try PackReader.load(path: path)
        // Pins that break a hard rule of the term (a holiday, a busy teacher …) make the pack invalid.
        let pins = PinRules.check(pack.district)
        if !pins.isEmpty { throw PackError(pins) }
        for n in pack.notes { console.note(Say(n), key: n.message) }
        console.flushNotes()
        return pack
    } catch {
        for d in error.diagnostics { console.error(Say(d)) }
        console.error(Say("\(path)：发现 \(error.errors.count) 处错误，未求解、未写出任何文件。",
                          "\(path): \(error.errors.count) error(s); nothing was solved or written."))
        throw ExitCode(Exit.invalidInput)
    }
}

/// `--lang` of the commands without exports: the language of the terminal (solve and district
/// take it from their `--lang`, which also sets the exports' language).
struct LangOption: ParsableArguments {
    @Option(name: .long, help: "Language of the terminal: zh or en (default: the locale, else both).")
    var lang: String?

    func validate() throws {
        if let l = lang, l != "zh" && l != "en" { throw ValidationError("--lang must be zh or en") }
    }

    var language: ConsoleLanguage { ConsoleLanguage.resolve(flag: lang, environment: ProcessInfo.processInfo.environment) }
}

extension Console {
    /// A solve job's stage report: (0, total) starts the stage, later calls move it on.
    func show(_ stage: SolveStage, done: Int, total: Int) {
        let name = stage == .solving ? StageName.solving : StageName.extras
        if done == 0 { begin(name.0, unit: name.1, total: total) } else { set(done: done, total: total) }
    }
}
