import ArgumentParser
import Foundation
import XinyuCore
import XinyuPack
import XinyuVerify

/// Exit codes, in one place.
enum Exit {
    static let ok: Int32 = 0
    static let verifyFailed: Int32 = 1
    static let short: Int32 = 3
    static let usage: Int32 = 64
    static let invalidInput: Int32 = 65
    static let internalError: Int32 = 70
    /// The time limit was reached before any schedule could be made (nothing written); GNU
    /// timeout's code.
    static let timeLimit: Int32 = 124
}

/// Standard error, line by line.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Loads a pack; on errors prints every one and exits 65 (nothing is solved or written).
func loadPack(_ path: String, quiet: Bool) throws -> LoadedPack {
    try loadPack(path, console: Console.standard(verbosity: Verbosity(quiet: quiet, verbose: false)))
}

/// `--time-limit` and `--jobs` of `solve`, `district` and `replan`.
struct RunLimits: ParsableArguments {
    @Option(name: .long, help: "Wall-clock limit for the whole run, seconds.")
    var timeLimit: Double?

    @Option(name: .long, help: "Groups of schools solved in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Where instance building must stop: the limit counted from `started` (BuildDeadline).
    func buildDeadline(started: Date) -> BuildDeadline? {
        timeLimit.map { BuildDeadline(limit: $0, elapsed: Date().timeIntervalSince(started)) }
    }

    func validate() throws {
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be 1–256") }
    }
}

/// A solve job that gives nothing to write, said and turned into its exit code: 70 for a
/// schedule the verifier rejects (never written), 124 for a time limit reached while building.
func jobFailed(_ error: SolveJobError, console: Console) -> ExitCode {
    switch error {
    case .rejected(let r):
        for v in r.violations { console.error("internal error / 内部错误: \(v)") }
        return ExitCode(Exit.internalError)
    case .timeLimit(let t):
        console.error(Say(t.text.zh, t.text.en))
        return ExitCode(Exit.timeLimit)
    }
}
