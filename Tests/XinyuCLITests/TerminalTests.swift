import Foundation
import XCTest

/// `xinyu solve` as a user sees it: on a pseudo-terminal (script(1) from util-linux), through a
/// pipe, with --quiet, --verbose and --lang. The sample district restricted to its two short
/// schools (S05, S10) keeps it quick; before this, that run printed 205 lines on stdout.
final class TerminalTests: XCTestCase {
    static let sample = CLITests.root + "/instances/changyi-autumn2026"
    static let shortSchools = ["--school", "S05", "--school", "S10"]

    var binary: String { ChildProcess.binary }

    /// Runs `executable` with `args` and the given locale (and 100 columns), stdout and stderr on pipes.
    func run(_ executable: String, _ args: [String], lang: String = "C.UTF-8") throws -> Run {
        try ChildProcess.run(executable, args, environment: ["LANG": lang, "LC_ALL": nil, "LC_MESSAGES": nil, "COLUMNS": "100"])
    }

    func xinyu(_ args: [String], lang: String = "C.UTF-8") throws -> Run { try run(binary, args, lang: lang) }

    /// The same command on a pseudo-terminal: script(1) runs it and copies what the terminal showed.
    func xinyuOnTerminal(_ args: [String]) throws -> Run {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { throw XCTSkip("script(1) from util-linux is not installed") }
        let command = ([binary] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try run(script, ["-qec", command, "/dev/null"])
    }

    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-term-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func testThroughAPipeAFewPlainLines() throws {
        let out = try tempDir()
        let r = try xinyu(["solve", Self.sample, "--out", out] + Self.shortSchools)
        XCTAssertEqual(r.code, 3, r.err)
        XCTAssertLessThanOrEqual(lines(r.out).count, 15, r.out)
        XCTAssertLessThanOrEqual(lines(r.err).count, 6, "one plain line per stage: \(r.err)")
        XCTAssertFalse((r.out + r.err).contains("\u{1B}"), "no terminal escapes in a pipe")
        XCTAssertFalse(r.err.contains("incumbent"), "solver lines only with --verbose")
        // The schools in trouble, the worst first, each once; where the files are.
        let s05 = try XCTUnwrap(r.out.range(of: "S05 "), r.out), s10 = try XCTUnwrap(r.out.range(of: "S10 "), r.out)
        XCTAssertLessThan(s05.lowerBound, s10.lowerBound, "S05 misses more than S10: \(r.out)")
        XCTAssertEqual(lines(r.out).filter { $0.hasPrefix("  S05 ") }.count, 1, "one line per school, not one per class-month: \(r.out)")
        XCTAssertTrue(r.out.contains("report.md"), r.out)
        XCTAssertTrue(r.out.contains("lessons placed") && r.out.contains("已排"), "both languages under C.UTF-8: \(r.out)")
    }

    func testOnATerminalOneLineUpdatedInPlacePerStage() throws {
        let out = try tempDir()
        let r = try xinyuOnTerminal(["solve", Self.sample, "--out", out] + Self.shortSchools)
        XCTAssertEqual(r.code, 3, r.out + r.err)
        let shown = r.out + r.err
        XCTAssertTrue(shown.contains("\r\u{1B}[2K"), "the progress line is redrawn in place: \(shown.debugDescription)")
        XCTAssertLessThanOrEqual(lines(shown).count, 21, "≤ 15 summary lines and one line per stage: \(shown)")
    }

    func testQuietPrintsNothingOnSuccessAndOnShortfalls() throws {
        let ok = try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", try tempDir(), "--quiet"])
        XCTAssertEqual(ok.code, 0, ok.err)
        XCTAssertEqual(ok.out + ok.err, "", "--quiet: errors only")
        let short = try xinyuOnTerminal(["solve", Self.sample, "--out", try tempDir(), "--quiet"] + Self.shortSchools)
        XCTAssertEqual(short.code, 3, "the exit code says it")
        XCTAssertEqual(short.out + short.err, "", "--quiet: errors only")
        let bad = try xinyu(["solve", CLITests.root + "/instances/none", "--out", try tempDir(), "--quiet"])
        XCTAssertEqual(bad.code, 65)
        XCTAssertFalse(bad.err.isEmpty, "errors are said even with --quiet")
    }

    func testVerboseShowsTheSolverLinesAndLangChoosesOneLanguage() throws {
        let v = try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", try tempDir(), "--verbose"])
        XCTAssertEqual(v.code, 0, v.err)
        XCTAssertTrue(v.err.contains("incumbent"), v.err)
        let zh = try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", try tempDir(), "--lang", "zh"])
        XCTAssertTrue(zh.out.contains("已排"), zh.out)
        XCTAssertFalse(zh.out.contains("lessons placed"), zh.out)
        let en = try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", try tempDir()], lang: "en_US.UTF-8")
        XCTAssertTrue(en.out.contains("lessons placed"), en.out)
        XCTAssertFalse(en.out.contains("已排"), "the locale chooses English: \(en.out)")
    }

    func testUsageErrorsInBothLanguagesExit64() throws {
        let r = try xinyu(["solve", CLITests.root + "/instances/tiny"])
        XCTAssertEqual(r.code, 64)
        XCTAssertTrue(r.err.contains("Missing expected argument '--out <out>'"), r.err)
        XCTAssertTrue(r.err.contains("缺少必需的参数 '--out <out>'"), r.err)
        let zh = try xinyu(["solve", CLITests.root + "/instances/tiny", "--out", "x", "--jobs", "0", "--lang", "zh"])
        XCTAssertEqual(zh.code, 64)
        XCTAssertTrue(zh.err.hasPrefix("用法错误：--jobs 须在 1–256 之间"), zh.err)
        let unknown = try xinyu(["solve", "--bogus"], lang: "en_US.UTF-8")
        XCTAssertEqual(unknown.code, 64)
        XCTAssertFalse(unknown.err.contains("用法错误"), unknown.err)
    }
}
