// Interruptions and reproducibility of `xinyu solve`, run as a user runs it (a child process).

import Foundation
import XCTest
import XinyuCore
import XinyuPack

final class TrustTests: XCTestCase {
    func work() -> String {
        let dir = Paths.temporaryDirectory("trust")
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func generate(schools: Int, seed: Int, into dir: String) throws -> String {
        let pack = dir + "/pack"
        let r = Child.run(Paths.binary, ["generate", "--schools", "\(schools)", "--seed", "\(seed)", "--out", pack], timeout: 120)
        XCTAssertEqual(r.exitCode, 0, r.stderr)
        return pack
    }

    /// The 60-school pack, generated once for the signal tests (they only read it).
    static let sharedDirectory = Paths.temporaryDirectory("shared")
    static let sixtySchools: String = {
        let pack = sharedDirectory + "/pack60"
        _ = Child.run(Paths.binary, ["generate", "--schools", "60", "--seed", "1", "--out", pack], timeout: 120)
        return pack
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: sharedDirectory)
        super.tearDown()
    }

    /// Starts `xinyu solve` on a 60-school pack, sends `signal` after about 2 s and checks the
    /// documented behaviour: exit 130, and the output folder holds no file or a complete set that
    /// parses and that `xinyu verify` accepts (exit 0, or 1 for short months only) — never a part,
    /// never a temporary file.
    func interrupt(with signal: Int32) throws {
        let dir = work()
        let pack = Self.sixtySchools
        XCTAssertTrue(FileManager.default.fileExists(atPath: pack + "/district.toml"))
        let out = dir + "/out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.binary)
        process.arguments = ["solve", pack, "--out", out]
        process.standardOutput = FileHandle.nullDevice
        let errPipe = Pipe()
        process.standardError = errPipe
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationReason, .exit, "ended by its own exit, not by the signal: \(err.suffix(500))")
        XCTAssertEqual(process.terminationStatus, 130, err.suffix(500).description)
        XCTAssertTrue(err.contains("received"), "the interruption is said: \(err.suffix(300))")
        // The first signal writes the best schedule found so far; a set is expected here.

        let files = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { $0 != ".xinyu-output" }
        XCTAssertTrue(files.allSatisfy { !$0.hasPrefix(".") }, "no temporary file is left: \(files)")
        let beside = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        XCTAssertEqual(beside.filter { $0.contains(".xinyu-new") || $0.contains(".xinyu-old") }, [], "no staging folder is left")
        if files.isEmpty { return }
        // The signal came while writing: the whole new set is there and keeps the rules.
        XCTAssertEqual(Set(files), ["schedule.csv", "months.csv", "lessons.csv", "report.md"])
        XCTAssertNoThrow(try ScheduleFiles.read(directory: out))
        let verify = Child.run(Paths.binary, ["verify", pack, out], timeout: 120)
        XCTAssertTrue(verify.exitCode == 0 || verify.exitCode == 1, verify.stderr)
        if verify.exitCode == 1 {
            let lines = verify.stdout.split(separator: "\n").dropLast()
            XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("[month-minimum]") }, "only monthly minimums: \(verify.stdout.prefix(500))")
        }
    }

    func testSIGINTLeavesNoPartialFiles() throws { try interrupt(with: SIGINT) }

    func testSIGTERMLeavesNoPartialFiles() throws { try interrupt(with: SIGTERM) }

    /// A closed terminal or a dropped SSH session (SIGHUP) is handled like SIGINT (issue 17: it
    /// killed the run mid-write, leaving a mix and a temporary file).
    func testSIGHUPLeavesNoPartialFiles() throws { try interrupt(with: SIGHUP) }

    /// An interrupted run leaves the files of an earlier run byte for byte, or a complete new set
    /// of the best schedule found (its report says it was interrupted), never a mix.
    func testInterruptKeepsPreviousFilesOrWritesACompleteSet() throws {
        let dir = work()
        let out = dir + "/out"
        let first = Child.run(Paths.binary, ["solve", Paths.tinyPack, "--out", out, "--quiet"], timeout: 120)
        XCTAssertEqual(first.exitCode, 0, first.stderr)
        let before = try ["schedule.csv", "months.csv", "lessons.csv", "report.md"].map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }
        let pack = try generate(schools: 20, seed: 3, into: dir)
        // The pack differs, so a completed run would change the files; the signal comes first.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.binary)
        process.arguments = ["solve", pack, "--out", out, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        let after = try ["schedule.csv", "months.csv", "lessons.csv", "report.md"].map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }
        if before != after {
            XCTAssertTrue(zip(before, after).allSatisfy { $0 != $1 }, "all four files are new, not a mix")
            XCTAssertTrue(String(decoding: after[3], as: UTF8.self).contains("Interrupted"), "the report says it was interrupted")
            let verify = Child.run(Paths.binary, ["verify", pack, out], timeout: 120)
            XCTAssertTrue(verify.exitCode == 0 || verify.exitCode == 1, verify.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), [".xinyu-output", "lessons.csv", "months.csv", "report.md", "schedule.csv"])
    }

    /// The same pack gives the same bytes with one job and with two. The default run skips the
    /// LP bound of the whole term (--no-global-bound, half the time); XINYU_TRUST_FULL=1 (set by
    /// scripts/fuzz) runs the default solve too.
    func testJobsOneAndTwoGiveTheSameBytes() throws {
        let dir = work()
        let pack = try generate(schools: 6, seed: 5, into: dir)
        var variants: [[String]] = [["--no-global-bound"]]
        if ProcessInfo.processInfo.environment["XINYU_TRUST_FULL"] == "1" { variants.append([]) }
        for extra in variants {
            let runs = ["1", "2"].map { jobs in (jobs, dir + "/out\(jobs)\(extra.joined())") }
            let results = runs.map { jobs, out in
                Child.run(Paths.binary, ["solve", pack, "--out", out, "--jobs", jobs, "--quiet"] + extra, timeout: 600)
            }
            for (i, r) in results.enumerated() {
                XCTAssertTrue(r.exitCode == 0 || r.exitCode == 3, "jobs \(runs[i].0): \(r.summary) \(r.stderr.suffix(300))")
            }
            for file in ["schedule.csv", "months.csv", "report.md"] {
                let a = FileManager.default.contents(atPath: runs[0].1 + "/" + file)
                let b = FileManager.default.contents(atPath: runs[1].1 + "/" + file)
                XCTAssertNotNil(a)
                XCTAssertEqual(a, b, "\(file) differs between --jobs 1 and --jobs 2 \(extra)")
            }
        }
    }
}
