// The terminal of one command. Results go to stdout, progress and errors to stderr. On a
// terminal each stage is one line redrawn in place (done of total, elapsed, an estimate of what
// is left); elsewhere (a pipe, a log file, TERM=dumb) a stage is one plain line when it ends, plus
// one every half minute for long stages. `--quiet` leaves errors only; `--verbose` adds the
// solver's own lines. Notes that repeat are folded into one line with a count.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much the console says.
enum Verbosity: Sendable { case quiet, normal, verbose }

final class Console: @unchecked Sendable {
    /// Where the two streams go (tests capture them).
    struct Output: Sendable {
        var out: @Sendable (String) -> Void
        var err: @Sendable (String) -> Void
        static let standard = Output(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                                     err: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    let language: ConsoleLanguage
    let verbosity: Verbosity
    /// Progress redrawn in place (stderr is a terminal).
    let live: Bool
    /// Columns of the terminal: a live line longer than this would wrap and could not be redrawn.
    let width: Int
    private let output: Output
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var stage: Stage?
    private var onScreen = false
    private var lastDraw = -Double.infinity
    private var lastPlain = 0.0
    private var notes = MessageGroups()

    /// Seconds between redraws of a live line (a hundred groups finishing at once draw a few times).
    static let redrawEvery = 0.1
    /// Seconds between plain progress lines of a long stage when stderr is not a terminal.
    static let plainEvery = 30.0
    static let clearLine = "\r\u{1B}[2K"

    private struct Stage {
        var title: Say
        var unit: Say
        var total: Int
        var done = 0
        var started: Double
    }

    init(language: ConsoleLanguage, verbosity: Verbosity, live: Bool, width: Int = 80,
         output: Output = .standard, clock: @escaping @Sendable () -> Double) {
        self.language = language
        self.verbosity = verbosity
        self.live = live
        self.width = max(20, width)
        self.output = output
        self.clock = clock
    }

    /// The console of this process: stderr's terminal, the locale or `--lang`.
    static func standard(verbosity: Verbosity, language: ConsoleLanguage = .current) -> Console {
        let env = ProcessInfo.processInfo.environment
        let live = isatty(STDERR_FILENO) == 1 && env["TERM"] != "dumb"
        let t0 = ProcessInfo.processInfo.systemUptime
        return Console(language: language, verbosity: verbosity, live: live, width: terminalColumns(env),
                       clock: { ProcessInfo.processInfo.systemUptime - t0 })
    }

    /// stderr's width from the terminal, else $COLUMNS, else 80.
    static func terminalColumns(_ env: [String: String]) -> Int {
        var size = winsize()
        if withUnsafeMutablePointer(to: &size, { ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), $0) }) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return env["COLUMNS"].flatMap { Int($0) }.map { max(20, $0) } ?? 80
    }

    // MARK: Messages

    /// A result line on stdout (not with `--quiet`).
    func result(_ line: String) {
        guard verbosity != .quiet else { return }
        locked { writeAbove(line, toOut: true) }
    }

    func result(_ message: Say) { result(message.text(language)) }

    /// An error on stderr, always.
    func error(_ message: Say) { error(message.text(language)) }

    func error(_ line: String) { locked { writeAbove(line, toOut: false) } }

    /// A note on stderr, kept until `flushNotes` so that repeats print once with a count.
    func note(_ message: Say, key: String? = nil) {
        guard verbosity != .quiet else { return }
        locked { notes.add(message, key: key) }
    }

    /// Prints the notes gathered so far, one line per kind.
    func flushNotes() {
        locked {
            for line in notes.lines(language) { writeAbove(line, toOut: false) }
            notes = MessageGroups()
        }
    }

    /// A solver line (incumbent, bound, gap): `--verbose` only.
    func detail(_ line: String) {
        guard verbosity == .verbose else { return }
        locked { writeAbove(line, toOut: false) }
    }

    // MARK: Progress

    /// Starts a stage of `total` units (schools, groups…); ends the one before.
    func begin(_ title: Say, unit: Say, total: Int) {
        guard verbosity != .quiet else { return }
        locked {
            finishStage()
            let now = clock()
            stage = Stage(title: title, unit: unit, total: max(0, total), started: now)
            lastPlain = now
            lastDraw = -Double.infinity
            drawIfDue(now)
        }
    }

    /// `count` more units of the current stage are done (any thread).
    func advance(_ count: Int = 1) {
        guard verbosity != .quiet else { return }
        locked {
            guard var s = stage else { return }
            s.done = min(s.total, s.done + count)
            stage = s
            drawIfDue(clock())
        }
    }

    /// Sets the current stage's units done and total, from any thread: reports of workers that
    /// finish together may arrive out of order, so a smaller count than shown is ignored.
    func set(done: Int, total: Int) {
        guard verbosity != .quiet else { return }
        locked {
            guard var s = stage else { return }
            s.total = max(0, total)
            s.done = min(s.total, max(s.done, done))
            stage = s
            drawIfDue(clock())
        }
    }

    /// Ends the current stage: its line stays, with the time it took.
    func end() {
        guard verbosity != .quiet else { return }
        locked { finishStage() }
    }

    // MARK: Rendering (under the lock)

    private func locked(_ body: () -> Void) {
        lock.lock()
        body()
        lock.unlock()
    }

    /// Writes a whole line, lifting the live progress line out of the way and redrawing it after.
    private func writeAbove(_ line: String, toOut: Bool) {
        if onScreen { output.err(Self.clearLine); onScreen = false }
        if toOut { output.out(line + "\n") } else { output.err(line + "\n") }
        if live, let s = stage { draw(progressLine(s, now: clock(), final: false)) }
    }

    private func drawIfDue(_ now: Double) {
        guard let s = stage else { return }
        if live {
            if now - lastDraw >= Self.redrawEvery || s.done == s.total {
                draw(progressLine(s, now: now, final: false))
                lastDraw = now
            }
        } else if now - lastPlain >= Self.plainEvery && s.done < s.total {  // the end has its own line
            output.err(progressLine(s, now: now, final: false) + "\n")
            lastPlain = now
        }
    }

    private func draw(_ line: String) {
        output.err(Self.clearLine + DisplayWidth.truncate(line, to: width - 1))
        onScreen = true
    }

    private func finishStage() {
        guard let s = stage else { return }
        let line = progressLine(s, now: clock(), final: true)
        if live {
            output.err(Self.clearLine + DisplayWidth.truncate(line, to: width - 1) + "\n")
        } else {
            output.err(line + "\n")
        }
        onScreen = false
        stage = nil
    }

    private func progressLine(_ s: Stage, now: Double, final: Bool) -> String {
        let elapsed = max(0, now - s.started)
        let count = "\(s.done)/\(s.total)"
        if final {
            switch language {
            case .zh: return "\(s.title.zh) \(count) \(s.unit.zh) · 用时 \(Self.duration(elapsed))"
            case .en: return "\(s.title.en) \(count) \(s.unit.en) · done in \(Self.duration(elapsed))"
            case .both: return "\(s.title.zh) \(s.title.en) \(count) \(s.unit.zh)/\(s.unit.en) · 用时 done in \(Self.duration(elapsed))"
            }
        }
        let left = s.done > 0 ? "~" + Self.duration(elapsed / Double(s.done) * Double(s.total - s.done)) : "?"
        switch language {
        case .zh: return "\(s.title.zh) \(count) \(s.unit.zh) · 已用 \(Self.duration(elapsed)) · 约剩 \(left)"
        case .en: return "\(s.title.en) \(count) \(s.unit.en) · \(Self.duration(elapsed)) elapsed · \(left) left"
        case .both: return "\(s.title.zh) \(s.title.en) \(count) \(s.unit.zh)/\(s.unit.en) · \(Self.duration(elapsed)) · 约剩 \(left) left"
        }
    }

    /// "7 s", "2:05" (minutes:seconds), "1:02:05".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d:%02d", s / 60, s % 60) }
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}
