import Foundation
import XCTest

/// What a child process did: its exit status and everything it wrote.
struct Run {
    var code: Int32
    var out: String
    var err: String
}

/// The one way the CLI tests run a program as a child process: the built `xinyu` beside the test
/// bundle (or any executable), stdout and stderr on pipes read at the same time, so that neither
/// fills and blocks the child.
enum ChildProcess {
    /// The built `xinyu` beside the test bundle.
    static let binary: String = {
        let bundle = Bundle(for: CLITests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("xinyu").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// Runs `xinyu` with `args`; `environment` changes the inherited environment (nil removes a variable).
    static func xinyu(_ args: [String], environment: [String: String?] = [:]) throws -> Run {
        try run(binary, args, environment: environment)
    }

    /// Runs `executable` with `args` and waits for it.
    static func run(_ executable: String, _ args: [String], environment: [String: String?] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (key, value) in environment { env[key] = value }
            p.environment = env
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // stderr is read on another thread while this one reads stdout.
        let errData = DataBox()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let e = errData.wait()
        return Run(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// The data another thread reads, handed over once.
    final class DataBox: @unchecked Sendable {
        private let condition = NSCondition()
        private var data: Data?
        func set(_ d: Data) {
            condition.lock()
            data = d
            condition.signal()
            condition.unlock()
        }
        func wait() -> Data {
            condition.lock()
            defer { condition.unlock() }
            while data == nil { condition.wait() }
            return data ?? Data()
        }
    }
}
