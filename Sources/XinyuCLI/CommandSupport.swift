import ArgumentParser
import Foundation
import XinyuPack

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
