// `xinyu export --out` as one output set (issue 17 item 5, the export's part): staged beside
// --out and swapped in, so a failed export leaves the previous one whole and no temporary file;
// an export into the schedule's own folder keeps the schedule. Every run is a child process.

import Foundation
import XCTest

final class ExportSetTests: XCTestCase {
    private func work() -> String {
        let dir = Paths.temporaryDirectory("exportset")
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// The tiny pack solved into `dir/schedule`.
    private func schedule(_ dir: String) -> String {
        let out = dir + "/schedule"
        let r = Child.run(Paths.binary, ["solve", Paths.tinyPack, "--out", out, "--quiet", "--jobs", "1"], timeout: 120)
        XCTAssertTrue(OutputSetTests.done(r), r.stderr)
        return out
    }

    private func export(_ schedule: String, _ out: String, _ extra: [String] = []) -> ChildRun {
        Child.run(Paths.binary, ["export", Paths.tinyPack, schedule, "--out", out] + extra, timeout: 120)
    }

    /// Every path under `dir` (hidden ones too) holding `fragment`.
    private func paths(under dir: String, containing fragment: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).filter { $0.contains(fragment) }.sorted()
    }

    /// An export that fails midway (the calendars written, then a page too big for the file-size
    /// limit): exit 70 naming the file, the previous export byte for byte, no `.tmp-*` file and
    /// no staging folder left. (Before: files written one by one into --out, a mix.)
    func testFailedExportLeavesThePreviousSetWhole() throws {
        let dir = work()
        let sched = schedule(dir)
        let out = dir + "/export"
        let first = export(sched, out, ["--format", "ics,html"])
        XCTAssertEqual(first.exitCode, 0, first.stderr)
        let before = OutputSetTests.snapshot(out)
        XCTAssertTrue(before.keys.contains(".xinyu-output") && before.keys.contains { $0.hasPrefix("ics/") } && before.keys.contains("html/index.html"))
        // The limit lets every calendar through and stops at the site's largest page.
        let ics = before.filter { $0.key.hasPrefix("ics/") }.map(\.value.count).max() ?? 0
        let html = before.filter { $0.key.hasPrefix("html/") }.map(\.value.count).max() ?? 0
        XCTAssertLessThan(ics + 1024, html, "the sizes this test relies on")
        let blocks = (ics / 512) + 2
        let limited = Child.run("/bin/sh", ["-c", "ulimit -f \(blocks); trap '' XFSZ; exec \"$0\" export \"$1\" \"$2\" --out \"$3\" --format ics,html --lang en",
                                            Paths.binary, Paths.tinyPack, sched, out], timeout: 120)
        XCTAssertEqual(limited.exitCode, 70, limited.stderr)
        XCTAssertTrue(limited.stderr.contains("html/") && limited.stderr.contains("previous output is unchanged"), limited.stderr)
        XCTAssertFalse(limited.stderr.contains("The operation could not be completed"), limited.stderr)
        XCTAssertEqual(OutputSetTests.snapshot(out), before)
        XCTAssertEqual(paths(under: dir, containing: ".tmp-"), [])
        XCTAssertEqual(paths(under: dir, containing: ".xinyu-new"), [])
        // Without the limit the English export replaces the Chinese one whole.
        XCTAssertEqual(export(sched, out, ["--format", "ics", "--lang", "en"]).exitCode, 0)
        let after = OutputSetTests.snapshot(out)
        XCTAssertFalse(after.keys.contains { $0.hasPrefix("html/") }, "no page of the earlier export is left")
        XCTAssertNotEqual(after.filter { $0.key.hasPrefix("ics/") }, before.filter { $0.key.hasPrefix("ics/") })
    }

    /// --out may be the schedule's own folder: the new set holds the schedule's files, byte for
    /// byte, and this export's folders only; a --out holding the schedule folder is refused.
    func testExportIntoTheScheduleFolderKeepsTheSchedule() throws {
        let dir = work()
        let sched = schedule(dir)
        let solved = OutputSetTests.snapshot(sched)
        XCTAssertEqual(export(sched, sched, ["--format", "ics"]).exitCode, 0)
        XCTAssertEqual(export(sched, sched + "/", ["--format", "html"]).exitCode, 0)
        let set = OutputSetTests.snapshot(sched)
        XCTAssertEqual(set.filter { !$0.key.hasPrefix("html/") }, solved, "the schedule's files kept, the earlier ics/ replaced")
        XCTAssertTrue(set.keys.contains("html/index.html"))
        let verify = Child.run(Paths.binary, ["verify", Paths.tinyPack, sched], timeout: 60)
        XCTAssertEqual(verify.exitCode, 0, verify.stdout + verify.stderr)
        let parent = export(sched, dir, ["--format", "ics"])
        XCTAssertEqual(parent.exitCode, 64, parent.stderr)
        XCTAssertTrue(parent.stderr.contains("holds the schedule folder") && parent.stderr.contains("包含排课目录"), parent.stderr)
        XCTAssertEqual(OutputSetTests.snapshot(sched), set)
    }
}
