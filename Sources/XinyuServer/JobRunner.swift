import Foundation

/// Solves and district checks run as child processes of the `xinyu` command line itself, so the
/// portal's plans are the command line's plans byte for byte, a solve never blocks a page, and a
/// stopped server leaves no half-finished job behind (the run is marked interrupted at the next start).
/// At most `maxConcurrentJobs` run at once; the rest wait in line (status "queued").
actor JobRunner {
    let config: PortalConfig
    let store: Store
    private var running: [Int64: Process] = [:]
    private var waiting: [(Int64, [String])] = []

    init(config: PortalConfig, store: Store) {
        self.config = config
        self.store = store
    }

    /// Queues `arguments` (after the executable) for run `id`.
    func submit(run id: Int64, arguments: [String]) {
        waiting.append((id, arguments))
        startWaiting()
    }

    private func startWaiting() {
        while running.count < config.maxConcurrentJobs, !waiting.isEmpty {
            let (id, args) = waiting.removeFirst()
            start(id, args)
        }
    }

    private func start(_ id: Int64, _ arguments: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: config.xinyuExecutable)
        process.arguments = arguments
        let errPipe = Pipe(), outPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = outPipe
        let dir = config.runDirectory(id)
        let store = self.store
        do {
            try process.run()
        } catch {
            try? store.setRunProgress(id: id, "cannot start \(config.xinyuExecutable): \(error)")
            try? store.setRunStatus(id: id, status: "failed", exitCode: nil, finished: true)
            return
        }
        running[id] = process
        try? store.setRunStatus(id: id, status: "running", finished: false)
        // Reading and waiting block: they run on a plain thread, never on the server's event loops.
        let thread = Thread {
            let log = JobRunner.follow(errPipe.fileHandleForReading, run: id, store: store)
            let out = outPipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try? (String(decoding: out, as: UTF8.self)).write(toFile: dir + "/stdout.txt", atomically: true, encoding: .utf8)
            try? log.write(toFile: dir + "/log.txt", atomically: true, encoding: .utf8)
            let code = Int(process.terminationStatus)
            let status: String
            switch code {
            case _ where process.terminationReason == .uncaughtSignal: status = "interrupted"   // killed
            case 0: status = "done"
            case 3: status = "short"          // written, with shortfalls explained in the report
            case 130: status = "interrupted"  // SIGTERM/SIGINT handled by the command line
            default: status = "failed"
            }
            try? store.setRunStatus(id: id, status: status, exitCode: code, finished: true)
            Task { await self.finished(id) }
        }
        thread.start()
    }

    private func finished(_ id: Int64) {
        running[id] = nil
        startWaiting()
    }

    /// Reads the child's stderr line by line; the last line is the run's progress. Returns the whole log.
    nonisolated static func follow(_ handle: FileHandle, run id: Int64, store: Store) -> String {
        var log = Data()
        var lastWrite = Date.distantPast
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            log.append(chunk)
            if Date().timeIntervalSince(lastWrite) > 0.5 {
                let text = String(decoding: log.suffix(2000), as: UTF8.self)
                let line = text.split(separator: "\n").last.map(String.init) ?? ""
                try? store.setRunProgress(id: id, line)
                lastWrite = Date()
            }
        }
        return String(decoding: log, as: UTF8.self)
    }

    /// At shutdown: SIGTERM to every child (the command line then writes a complete set or nothing)
    /// and the runs are marked interrupted. A child still there after `grace` seconds gets SIGKILL
    /// (a child may have inherited SIGTERM as ignored from the server's signal handling).
    func stopAll(grace: Double = 10) async {
        let children = running
        for (id, p) in children {
            p.terminate()
            try? store.setRunStatus(id: id, status: "interrupted", finished: true)
        }
        for (id, _) in waiting { try? store.setRunStatus(id: id, status: "interrupted", finished: true) }
        waiting = []
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, children.values.contains(where: \.isRunning) {
            try? await Task.sleep(for: .milliseconds(100))
        }
        for p in children.values where p.isRunning { kill(p.processIdentifier, SIGKILL) }
    }

    func activeCount() -> Int { running.count + waiting.count }
}
