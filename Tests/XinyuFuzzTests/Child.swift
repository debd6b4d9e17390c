// Running `xinyu` in a child process with a wall-clock limit, and measuring it: exit code or
// signal, seconds, peak resident memory (from wait4's rusage), stdout and stderr. A trap or a hang
// in a reader then ends or stalls the child, never the test process.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one child run ended.
struct ChildRun: Sendable {
    /// Exit code when the child exited; nil when a signal ended it.
    var exitCode: Int32?
    /// The signal that ended the child (SIGILL/SIGTRAP for a Swift trap, SIGSEGV, SIGKILL after a timeout).
    var signal: Int32?
    /// The child ran past its limit and was killed.
    var timedOut: Bool
    var seconds: Double
    /// Peak resident set size in bytes: the child's VmHWM, read while it runs. (wait4's
    /// ru_maxrss is not used: posix_spawn's child shares this process's memory until exec, and
    /// Linux carries that high-water mark over into the child's figure.)
    var maxRSS: Int
    var stdout: String
    var stderr: String

    var summary: String {
        if timedOut { return "hang (killed after \(String(format: "%.1f", seconds)) s)" }
        if let signal { return "crash (signal \(signal))" }
        return "exit \(exitCode ?? -1)"
    }
}

enum Child {
    /// VmHWM of a running process in bytes (0 when it cannot be read, e.g. after it exited).
    static func highWaterMark(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        let kib = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return kib * 1024
    }

    /// Runs `executable` with `arguments`, killing it after `timeout` seconds. Output goes through
    /// temporary files (no pipe can fill up and stall the child). `environment` entries are added
    /// to the current environment.
    static func run(_ executable: String, _ arguments: [String], timeout: Double,
                    environment: [String: String] = [:]) -> ChildRun {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("xinyu-child-\(getpid())-\(UUID().uuidString)").path
        let outPath = scratch + ".out", errPath = scratch + ".err"
        defer { unlink(outPath); unlink(errPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }

        let start = Date()
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else {
            return ChildRun(exitCode: nil, signal: nil, timedOut: false, seconds: 0, maxRSS: 0,
                            stdout: "", stderr: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var peak = 0
        while true {
            peak = max(peak, highWaterMark(pid))
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                kill(pid, SIGKILL)
                while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
                break
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(start)
        // Decoding the wait status by hand (the W* macros are not imported into Swift).
        let termSignal = status & 0x7f
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
        let err = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return ChildRun(exitCode: termSignal == 0 ? (status >> 8) & 0xff : nil,
                        signal: termSignal == 0 ? nil : termSignal,
                        timedOut: timedOut, seconds: seconds, maxRSS: peak,
                        stdout: out, stderr: err)
    }
}
