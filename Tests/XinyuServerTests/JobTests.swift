import Foundation
import XCTest
@testable import XinyuServer

/// Background jobs: a line of waiting runs, and a stop that ends the children and marks their runs
/// interrupted (the engine is replaced by a script that only waits, so the test is quick).
final class JobTests: XCTestCase {
    func testStopMarksRunningAndQueuedRunsInterrupted() async throws {
        let h = try await Harness.make(pack: "instances/tiny", accounts: false)
        defer { h.remove() }
        let script = h.data + "/slow-engine.sh"
        try "#!/bin/sh\necho working >&2\nexec sleep 30\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        var config = h.portal.config
        config.xinyuExecutable = script
        config.maxConcurrentJobs = 1
        let jobs = JobRunner(config: config, store: h.portal.store)
        var ids: [Int64] = []
        for _ in 0..<2 {
            let run = try h.portal.store.insertRun(RunRow(id: nil, kind: "school", schoolId: "S01", accountId: nil, status: "queued",
                                                          exitCode: nil, progress: "", command: "", createdAt: Date().timeIntervalSince1970))
            try FileManager.default.createDirectory(atPath: config.runDirectory(run.id ?? 0), withIntermediateDirectories: true)
            ids.append(run.id ?? 0)
            await jobs.submit(run: run.id ?? 0, arguments: [])
        }
        XCTAssertEqual(try h.portal.store.run(id: ids[0])?.status, "running")
        XCTAssertEqual(try h.portal.store.run(id: ids[1])?.status, "queued", "one job at a time: the second waits")
        let started = Date()
        await jobs.stopAll(grace: 1)
        for id in ids { XCTAssertEqual(try h.portal.store.run(id: id)?.status, "interrupted") }
        // The child got SIGTERM: its reader thread records the end well before the script's 30 s.
        while Date().timeIntervalSince(started) < 10, try h.portal.store.run(id: ids[0])?.exitCode == nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTAssertNotNil(try h.portal.store.run(id: ids[0])?.exitCode)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(try h.portal.store.run(id: ids[0])?.status, "interrupted")
    }
}
