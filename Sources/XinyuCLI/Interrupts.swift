// SIGINT, SIGTERM and SIGHUP during `xinyu solve`. The first signal asks the solve to stop: each GLPK
// search ends at its next callback (glp_ios_terminate, on the solving thread itself), the
// remaining stages and groups are skipped (groups not started get the greedy schedule), and the
// best schedule found so far is verified and written, its report saying it was interrupted; the
// run then exits 130 (128 + SIGINT, also for SIGTERM). A second signal ends the run at once,
// leaving the output folder as it was. A signal that arrives while the output files are being
// written is held until every file is written (each one atomically). So the folder holds the
// previous files or a complete new set: never a mix, never a part.

import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit code of an interrupted run.
let interruptedExitCode: Int32 = 130

/// Watches SIGINT, SIGTERM and SIGHUP (a closed terminal, a dropped SSH session) for one run. Keep it alive for the run (the sources stop with it).
final class InterruptWatch: @unchecked Sendable {
    private let lock = NSLock()
    /// True between `beginWriting()` and `endWriting()`: a signal is held until the files are written.
    private var writing = false
    /// The signal received while writing, if any.
    private var pending: Int32?
    /// The first signal received outside writing: the solve is asked to stop.
    private var stopRequested = false
    private var sources: [DispatchSourceSignal] = []
    private let quiet: Bool

    /// Ignores the default actions of SIGINT, SIGTERM and SIGHUP and handles them on a private queue.
    init(quiet: Bool) {
        self.quiet = quiet
        let queue = DispatchQueue(label: "xinyu.signals")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.received(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    private func received(_ number: Int32) {
        lock.lock()
        if writing {
            if pending == nil {
                pending = number
                lock.unlock()
                note("\(signalName(number)) received: finishing the output files, then stopping. / 收到中断信号：写完输出文件后退出。")
            } else {
                lock.unlock()
            }
            return
        }
        if !stopRequested {
            stopRequested = true
            lock.unlock()
            note("\(signalName(number)) received: stopping; the best schedule found so far will be written (again to stop at once). / 收到中断信号：正在停止，将写出目前最好的排课（再按一次立即退出）。")
            return
        }
        lock.unlock()
        note("\(signalName(number)) received again: stopped; no output file was written or changed. / 再次收到中断信号：已停止，输出目录未改动。")
        Self.exitNow()
    }

    /// Whether the run has been asked to stop (polled by the solver).
    var isInterrupted: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopRequested
    }

    /// After writing: an interrupted run ends with exit 130.
    func exitIfInterrupted() {
        if isInterrupted { Self.exitNow() }
    }

    /// From here until `endWriting()`, a signal waits for the files to be complete.
    func beginWriting() {
        lock.lock(); defer { lock.unlock() }
        writing = true
    }

    /// Ends the writing phase; a signal held meanwhile ends the run now (exit 130).
    func endWriting() {
        lock.lock()
        writing = false
        let held = pending
        lock.unlock()
        if held != nil { Self.exitNow() }
    }

    private func note(_ text: String) {
        // On a terminal the progress line is cleared first, so the note does not run on after it.
        let lift = isatty(STDERR_FILENO) == 1 ? Console.clearLine : ""
        if !quiet { FileHandle.standardError.write(Data((lift + text + "\n").utf8)) }
    }

    private func signalName(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(number)"
        }
    }

    /// Flushes standard output and ends the process without running exit handlers (other threads
    /// may be inside GLPK).
    private static func exitNow() -> Never {
        fflush(nil)  // every output stream, standard output included
        _exit(interruptedExitCode)
    }
}
