import ArgumentParser
import Foundation
import Hummingbird
import XinyuServer

/// `xinyu serve --data DIR`: the district's web portal (docs/PORTAL.md). The work is XinyuServer's;
/// this reads the command line, seeds DIR when asked, and runs the server until SIGINT/SIGTERM.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the district's web portal on DIR (SQLite state + the district pack). 运行区级网页平台。",
        discussion: """
            First run: `xinyu serve --data DIR --from-pack PACK` copies PACK into DIR/pack, then add accounts \
            with `xinyu accounts --data DIR add`. A run left unfinished by a stop is marked interrupted at the next start.
            """)

    @Option(name: .long, help: "Data folder: portal.sqlite, pack/, uploads/, runs/ (created if missing).")
    var data: String

    @Option(name: .long, help: "Address to listen on (use a reverse proxy with TLS for other machines).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port.")
    var port: Int = 8080

    @Option(name: .long, help: "Seed DATA/pack from this district pack (only when DATA has none).")
    var fromPack: String?

    @Option(name: .long, help: "Largest upload, MB.")
    var maxUploadMb: Int = 8

    @Option(name: .long, help: "Solves and district checks running at once.")
    var jobs: Int = 2

    @Option(name: .long, help: "Time limit of each school solve, seconds.")
    var solveTimeLimit: Double = 300

    @Flag(name: .long, help: "Mark cookies Secure (when served behind TLS).")
    var secureCookies = false

    @Flag(name: .long, help: "Behind a reverse proxy on loopback: login throttling takes the client address from the last X-Forwarded-For entry.")
    var behindProxy = false

    @Option(name: .long, help: ArgumentHelp("The xinyu executable that runs solves (default: this one).", visibility: .hidden))
    var xinyu: String?

    func validate() throws {
        if port < 1 || port > 65535 { throw ValidationError("--port must be 1–65535") }
        if maxUploadMb < 1 || maxUploadMb > 200 { throw ValidationError("--max-upload-mb must be 1–200") }
        if jobs < 1 || jobs > 64 { throw ValidationError("--jobs must be 1–64") }
        if !(solveTimeLimit.isFinite && solveTimeLimit > 0) { throw ValidationError("--solve-time-limit must be positive") }
    }

    func run() throws {
        if let fromPack, !FileManager.default.fileExists(atPath: data + "/pack") {
            do {
                let what = try Seeding.seed(dataDirectory: data, from: fromPack)
                printError("seeded \(data)/pack: \(what) / 已从数据包初始化")
            } catch {
                printError("\(error)")
                throw ExitCode(Exit.invalidInput)
            }
        }
        var settings = PortalConfig(dataDirectory: data, xinyuExecutable: xinyu ?? Self.selfExecutable())
        settings.maxUploadBytes = maxUploadMb * 1024 * 1024
        settings.maxConcurrentJobs = jobs
        settings.solveTimeLimit = solveTimeLimit
        settings.secureCookies = secureCookies
        settings.trustProxy = behindProxy
        let host = self.host, port = self.port, config = settings
        try blocking {
            let portal = try await Portal.open(config)
            // First start: an office account with a random password, shown once, so a demo is one command.
            if let password = try await portal.bootstrapOffice() {
                printError("first start: office account \"office\", password \(password) (change it: xinyu accounts --data \(config.dataDirectory) reset-password office) / 首次启动：区账户 office，密码 \(password)")
            }
            printError("xinyu serve: http://\(host):\(port)/ (data \(config.dataDirectory)) / 平台已启动")
            try await portal.application(host: host, port: port).runService()
            await portal.shutdown()
        }
    }

    /// This process's executable (Linux: /proc/self/exe), which solves run as a child.
    static func selfExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// Runs async work from a synchronous command (the root command is not async) and waits for it.
func blocking(_ work: @escaping @Sendable () async throws -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    let failure = ErrorBox()
    Task {
        do { try await work() } catch { failure.set(error) }
        done.signal()
    }
    done.wait()
    if let error = failure.get() { throw error }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ e: Error) { lock.lock(); error = e; lock.unlock() }
    func get() -> Error? { lock.lock(); defer { lock.unlock() }; return error }
}
