// One output set at a time (issue 17 item 5): concurrent runs into one --out, a stale file of an
// earlier run, a full disk, SIGKILL at any moment. Every run is a child process; a set is
// compared byte for byte with the set a lone run of the same pack writes.

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class OutputSetTests: XCTestCase {
    private func work() -> String {
        let dir = Paths.temporaryDirectory("outset")
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Every file of a folder (hidden ones too), relative path → bytes.
    static func snapshot(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for entry in (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []) {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + entry, isDirectory: &isDir), !isDir.boolValue {
                out[entry] = FileManager.default.contents(atPath: dir + "/" + entry)
            }
        }
        return out
    }

    private func solve(_ pack: String, _ out: String, timeout: Double = 120) -> ChildRun {
        Child.run(Paths.binary, ["solve", pack, "--out", out, "--quiet", "--jobs", "1"], timeout: timeout)
    }

    /// A solve that wrote its set: exit 0, or 3 (some month short; tiny-january is).
    static func done(_ r: ChildRun) -> Bool { r.exitCode == 0 || r.exitCode == 3 }

    /// The set each of two packs writes alone (tiny; tiny-january: other dates, other bytes).
    private func references(_ dir: String) -> [[String: Data]] {
        [Paths.tinyPack, Paths.root + "/instances/tiny-january"].enumerated().map { i, pack in
            let r = solve(pack, dir + "/ref\(i)")
            XCTAssertTrue(Self.done(r), r.stderr)
            return Self.snapshot(dir + "/ref\(i)")
        }
    }

    /// No staging or moved-aside folder is left beside `out` (the lock file stays).
    private func assertNoLeftovers(_ dir: String, file: StaticString = #filePath, line: UInt = #line) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        XCTAssertEqual(names.filter { $0.contains(".xinyu-new") || $0.contains(".xinyu-old") }, [], file: file, line: line)
    }

    /// Two solves of different packs into one --out at once: one is refused (exit 75, said in
    /// both languages) or they run one after the other; the folder always holds exactly one
    /// run's complete set. (Before: files of both runs in 40 of 150 trials, both exit 0.)
    func testConcurrentRunsLeaveOneCompleteSet() throws {
        let dir = work()
        let refs = references(dir)
        XCTAssertNotEqual(refs[0], refs[1])
        let packs = [Paths.tinyPack, Paths.root + "/instances/tiny-january"]
        for trial in 0..<6 {
            let out = dir + "/out\(trial % 2)"
            let results = ResultBox()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                results.set(i, Child.run(Paths.binary, ["solve", packs[i], "--out", out, "--quiet", "--jobs", "1"], timeout: 120))
            }
            for r in results.all {
                XCTAssertTrue(Self.done(r) || r.exitCode == 75, "\(r.summary) \(r.stderr)")
                if r.exitCode == 75 { XCTAssertTrue(r.stderr.contains("another xinyu run") && r.stderr.contains("另一个"), r.stderr) }
            }
            XCTAssertTrue(results.all.contains { Self.done($0) })
            let set = Self.snapshot(out)
            XCTAssertTrue(set == refs[0] || set == refs[1], "trial \(trial): a mix: \(set.keys.sorted())")
            assertNoLeftovers(dir)
        }
    }

    /// A district run's files do not survive a later solve into the same folder (its
    /// schools.csv beside a new schedule made `verify` fail).
    func testNoStaleFileOfAnEarlierRun() throws {
        let dir = work()
        let refs = references(dir)
        let out = dir + "/out"
        let district = Child.run(Paths.binary, ["district", Paths.root + "/instances/tiny-january", "--out", out, "--quiet", "--no-advice"], timeout: 120)
        XCTAssertTrue(district.exitCode == 0 || district.exitCode == 3, district.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/schools.csv"))
        XCTAssertTrue(Self.done(solve(Paths.tinyPack, out)))
        XCTAssertEqual(Self.snapshot(out), refs[0])
        let verify = Child.run(Paths.binary, ["verify", Paths.tinyPack, out], timeout: 60)
        XCTAssertEqual(verify.exitCode, 0, verify.stdout + verify.stderr)
    }

    /// A full disk while writing: exit 70 with the file named, the previous set byte for byte,
    /// no staging folder left. A real full disk (a 64 KiB tmpfs) where mounting works (root),
    /// and always a file-size limit (ulimit -f, SIGXFSZ ignored: writes fail with EFBIG).
    func testFullDiskLeavesThePreviousSetWhole() throws {
        let dir = work()
        let refs = references(dir)
        // File-size limit: report.md (~3 KB) cannot be written in 2 KiB.
        let out = dir + "/out"
        XCTAssertTrue(Self.done(solve(Paths.tinyPack, out)))
        let limited = Child.run("/bin/sh", ["-c", "ulimit -f 2; trap '' XFSZ; exec \"$0\" solve \"$1\" --out \"$2\" --quiet --jobs 1",
                                            Paths.binary, Paths.root + "/instances/tiny-january", out], timeout: 120)
        XCTAssertEqual(limited.exitCode, 70, limited.stderr)
        XCTAssertTrue(limited.stderr.contains("previous output is unchanged"), limited.stderr)
        XCTAssertEqual(Self.snapshot(out), refs[0])
        assertNoLeftovers(dir)

        let mountPoint = dir + "/disk"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = Child.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint], timeout: 10)
        guard mount.exitCode == 0 else { throw XCTSkip("no tmpfs (not root?): the file-size limit case ran") }
        defer { _ = Child.run("/bin/umount", [mountPoint], timeout: 10) }
        let small = mountPoint + "/out"
        XCTAssertTrue(Self.done(solve(Paths.tinyPack, small)))
        // Fill the disk up to a few KiB.
        let fill = Child.run("/bin/sh", ["-c", "dd if=/dev/zero of=\"$0\" bs=1024 count=1000 2>/dev/null; true", mountPoint + "/filler"], timeout: 10)
        XCTAssertEqual(fill.exitCode, 0)
        _ = Child.run("/bin/sh", ["-c", "rm -f \"$0\"; dd if=/dev/zero of=\"$0\" bs=1024 count=$(( $(df -k \"$1\" | tail -1 | awk '{print $2}') - $(du -sk \"$1\" | cut -f1) - 4 )) 2>/dev/null; true", mountPoint + "/filler", mountPoint], timeout: 10)
        let full = solve(Paths.root + "/instances/tiny-january", small)
        XCTAssertEqual(full.exitCode, 70, full.stderr)
        XCTAssertFalse(full.stderr.contains("The operation could not be completed"), full.stderr)
        XCTAssertEqual(Self.snapshot(small), refs[0])
        assertNoLeftovers(mountPoint)
    }

    /// SIGKILL at many moments of a run (reading, solving, writing, swapping): the folder holds
    /// the previous set or the new one, byte for byte; a later run leaves nothing beside it.
    func testSIGKILLAtAnyMomentLeavesOldOrNewSet() throws {
        let dir = work()
        let refs = references(dir)
        let out = dir + "/out"
        XCTAssertTrue(Self.done(solve(Paths.tinyPack, out)))
        let start = Date()
        let full = solve(Paths.root + "/instances/tiny-january", dir + "/timing")
        let runTime = Date().timeIntervalSince(start)
        XCTAssertTrue(Self.done(full))
        var outcomes: [Int: Int] = [:]
        for k in 0..<16 {
            let delay = runTime * (0.3 + 0.75 * Double(k) / 16)
            let r = Child.run(Paths.binary, ["solve", Paths.root + "/instances/tiny-january", "--out", out, "--quiet", "--jobs", "1"],
                              timeout: delay)
            let set = Self.snapshot(out)
            let which = set == refs[0] ? 0 : set == refs[1] ? 1 : -1
            XCTAssertNotEqual(which, -1, "kill after \(delay) s (\(r.summary)): a mix \(set.keys.sorted())")
            outcomes[which, default: 0] += 1
            // Back to the old set for the next trial.
            if which == 1 { XCTAssertTrue(Self.done(solve(Paths.tinyPack, out))) }
        }
        print("SIGKILL trials: old set \(outcomes[0] ?? 0), new set \(outcomes[1] ?? 0)")
        XCTAssertTrue(Self.done(solve(Paths.tinyPack, out)))
        assertNoLeftovers(dir)
    }
}

/// Results of parallel children by index.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int: ChildRun] = [:]
    func set(_ i: Int, _ r: ChildRun) { lock.lock(); items[i] = r; lock.unlock() }
    var all: [ChildRun] { lock.lock(); defer { lock.unlock() }; return items.keys.sorted().compactMap { items[$0] } }
}
