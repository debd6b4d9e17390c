import Foundation
import XCTest
@testable import XinyuCLI

/// The console's rendered output, with a fake clock and captured streams.
final class ConsoleTests: XCTestCase {
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var _out = "", _err = ""
        var time = 0.0
        var out: String { lock.lock(); defer { lock.unlock() }; return _out }
        var err: String { lock.lock(); defer { lock.unlock() }; return _err }
        func write(out text: String) { lock.lock(); _out += text; lock.unlock() }
        func write(err text: String) { lock.lock(); _err += text; lock.unlock() }
    }

    func console(_ c: Capture, live: Bool, verbosity: Verbosity = .normal, language: ConsoleLanguage = .en,
                 width: Int = 80) -> Console {
        Console(language: language, verbosity: verbosity, live: live, width: width,
                output: .init(out: { c.write(out: $0) }, err: { c.write(err: $0) }), clock: { c.time })
    }

    let stage = Say("求解", "Solving")
    let unit = Say("组", "groups")

    func testLiveProgressRedrawsOneLineInPlaceAndLeavesItWhenTheStageEnds() {
        let c = Capture()
        let con = console(c, live: true)
        con.begin(stage, unit: unit, total: 4)
        for i in 1...4 { c.time = Double(i) * 10; con.advance() }
        con.end()
        XCTAssertEqual(c.err.filter { $0 == "\n" }.count, 1, "one line per stage: \(c.err.debugDescription)")
        XCTAssertTrue(c.err.contains("\r\u{1B}[2KSolving 2/4 groups · 20 s elapsed · ~20 s left"), c.err.debugDescription)
        XCTAssertTrue(c.err.hasSuffix("\r\u{1B}[2KSolving 4/4 groups · done in 40 s\n"), c.err.debugDescription)
        XCTAssertEqual(c.out, "")
    }

    func testLiveRedrawsAreThrottled() {
        let c = Capture()
        let con = console(c, live: true)
        con.begin(stage, unit: unit, total: 1000)
        for i in 1...1000 { c.time = Double(i) * 0.001; con.advance() }
        let draws = c.err.components(separatedBy: Console.clearLine).count - 1
        XCTAssertLessThanOrEqual(draws, 13, "a thousand units in one second draw about ten times")
        XCTAssertTrue(c.err.hasSuffix("1000/1000 groups · 1 s elapsed · ~0 s left"), c.err.debugDescription)
    }

    func testPlainOutputIsOneLinePerStageAndNoEscapes() {
        let c = Capture()
        let con = console(c, live: false)
        con.begin(stage, unit: unit, total: 3)
        for i in 1...3 { c.time = Double(i); con.advance() }
        con.begin(Say("写出", "Writing"), unit: Say("个文件", "files"), total: 1)
        con.advance()
        con.end()
        XCTAssertEqual(c.err, "Solving 3/3 groups · done in 3 s\nWriting 1/1 files · done in 0 s\n")
        XCTAssertFalse(c.err.contains("\u{1B}"))
    }

    func testPlainOutputOfALongStageSaysSoEveryHalfMinute() {
        let c = Capture()
        let con = console(c, live: false)
        con.begin(stage, unit: unit, total: 100)
        for i in 1...100 { c.time = Double(i); con.advance() }
        con.end()
        let lines = c.err.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, "at 30, 60 and 90 s, then the end: \(lines)")
        XCTAssertEqual(lines[0], "Solving 30/100 groups · 30 s elapsed · ~1:10 left")
    }

    func testQuietPrintsErrorsOnly() {
        let c = Capture()
        let con = console(c, live: true, verbosity: .quiet)
        con.begin(stage, unit: unit, total: 2)
        con.advance(2)
        con.note(Say("注意", "note"))
        con.flushNotes()
        con.detail("S01 exact: incumbent 1")
        con.result(Say("完成", "done"))
        con.end()
        XCTAssertEqual(c.out + c.err, "")
        con.error(Say("错误", "failure"))
        XCTAssertEqual(c.err, "failure\n")
    }

    func testVerboseLinesLiftTheProgressLineAndRedrawIt() {
        let c = Capture()
        let con = console(c, live: true, verbosity: .verbose)
        con.begin(stage, unit: unit, total: 2)
        con.detail("S01 exact: incumbent 1.00, bound 0.00")
        XCTAssertTrue(c.err.hasSuffix("\r\u{1B}[2KS01 exact: incumbent 1.00, bound 0.00\n\r\u{1B}[2KSolving 0/2 groups · 0 s elapsed · ? left"),
                      c.err.debugDescription)
        let normal = Capture()
        console(normal, live: false).detail("S01 exact")
        XCTAssertEqual(normal.err, "", "solver lines only with --verbose")
    }

    func testRepeatedNotesAreOneLineWithACount() {
        let c = Capture()
        let con = console(c, live: false, language: .both)
        for _ in 0..<60 { con.note(Say("学校S05没有初中学段的心理教师。", "school S05 has no psychology teacher for stage junior.")) }
        con.note(Say("其他", "other"))
        con.flushNotes()
        XCTAssertEqual(c.err, "school S05 has no psychology teacher for stage junior. / 学校S05没有初中学段的心理教师。 (×60)\nother / 其他\n")
    }

    func testLanguageFromFlagThenLocale() {
        XCTAssertEqual(ConsoleLanguage.resolve(flag: "en", environment: ["LANG": "zh_CN.UTF-8"]), .en)
        XCTAssertEqual(ConsoleLanguage.resolve(flag: nil, environment: ["LANG": "zh_CN.UTF-8"]), .zh)
        XCTAssertEqual(ConsoleLanguage.resolve(flag: nil, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"]), .en)
        XCTAssertEqual(ConsoleLanguage.resolve(flag: nil, environment: ["LANG": "C.UTF-8"]), .both)
        XCTAssertEqual(ConsoleLanguage.resolve(flag: nil, environment: [:]), .both)
        XCTAssertEqual(ConsoleLanguage.flag(in: ["solve", "p", "--lang", "zh"]), "zh")
        XCTAssertEqual(ConsoleLanguage.flag(in: ["solve", "--lang=en", "p"]), "en")
        XCTAssertNil(ConsoleLanguage.flag(in: ["solve", "--", "--lang", "en"]))
        let c = Capture()
        let zh = console(c, live: false, language: .zh)
        zh.begin(stage, unit: unit, total: 1)
        zh.advance()
        zh.end()
        XCTAssertEqual(c.err, "求解 1/1 组 · 用时 0 s\n")
    }

    func testLiveLinesAreCutToTheTerminalCountingChineseAsTwoColumns() {
        let c = Capture()
        let con = console(c, live: true, language: .zh, width: 20)
        con.begin(Say(String(repeating: "求解", count: 20), "x"), unit: unit, total: 1)
        let drawn = c.err.replacingOccurrences(of: Console.clearLine, with: "")
        XCTAssertEqual(DisplayWidth.of(drawn), 19, drawn)
        XCTAssertTrue(drawn.hasSuffix("…"))
        XCTAssertEqual(DisplayWidth.of("心育 ok"), 7)
    }

    func testDurations() {
        XCTAssertEqual(Console.duration(7.4), "7 s")
        XCTAssertEqual(Console.duration(125), "2:05")
        XCTAssertEqual(Console.duration(3725), "1:02:05")
    }

    func testUsageErrorsAreBilingual() {
        let message = "Missing expected argument '--out <out>'"
        let full = "Error: \(message)\nHelp:  --out <out>  Output directory (created if missing).\nUsage: xinyu solve <pack> --out <out>\n  See 'xinyu solve --help' for more information."
        let both = UsageText.render(message: message, full: full, language: .both)
        XCTAssertTrue(both.hasPrefix("Error: Missing expected argument '--out <out>' / 用法错误：缺少必需的参数 '--out <out>'\n"), both)
        XCTAssertTrue(both.hasSuffix("  See 'xinyu solve --help' for more information. / 运行 'xinyu solve --help' 查看帮助。"), both)
        let zh = UsageText.render(message: message, full: full, language: .zh)
        XCTAssertEqual(zh, "用法错误：缺少必需的参数 '--out <out>'\n说明：--out <out>  Output directory (created if missing).\n用法：xinyu solve <pack> --out <out>\n  运行 'xinyu solve --help' 查看帮助。")
        XCTAssertEqual(UsageText.translate("Unknown option '--bogus'"), "未知选项 '--bogus'")
        XCTAssertEqual(UsageText.translate("The value 'x' is invalid for '--jobs <jobs>'"), "值 'x' 不能用于 '--jobs <jobs>'")
        XCTAssertEqual(UsageText.translate("--jobs must be 1–256"), "--jobs 须在 1–256 之间")
    }
}
