// Hostile and broken input for every reader: the kept corpus, a short seeded fuzz pass (the long
// one is scripts/fuzz), 100,000-row files and the resource limits. Every input runs through the
// built `xinyu` in a child process (a trap cannot end this test process) with a time limit, and
// its peak memory is measured.

import Foundation
import XCTest

final class FuzzTests: XCTestCase {
    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Paths.binary), "xinyu is built beside the tests: \(Paths.binary)")
    }

    func work() -> String {
        let dir = Paths.temporaryDirectory("test")
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Every kept input still passes: Corpus/pack/<file>/<name> replaces that file of
    /// instances/tiny; Corpus/fet, xhstt and grid are imported with --dry-run.
    func testCorpus() throws {
        let fm = FileManager.default
        var cases: [FuzzCase] = []
        for target in Target.allCases where target != .xlsx {
            let dir = Paths.corpus + "/" + target.rawValue
            guard let entries = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for entry in entries.sorted() {
                if target == .pack {
                    let packFile = Target.packFiles.first { ($0 as NSString).lastPathComponent == entry }
                    guard let packFile else { XCTFail("Corpus/pack/\(entry): not a file of a pack"); continue }
                    for name in (try fm.contentsOfDirectory(atPath: dir + "/" + entry)).sorted() {
                        let bytes = [UInt8](fm.contents(atPath: "\(dir)/\(entry)/\(name)") ?? Data())
                        cases.append(FuzzCase(target: .pack, base: packFile, mutations: ["corpus:" + name], bytes: bytes))
                    }
                } else {
                    let bytes = [UInt8](fm.contents(atPath: dir + "/" + entry) ?? Data())
                    // Keep the corpus file's extension (the grid reader tells XLSX by its bytes).
                    cases.append(FuzzCase(target: target, base: entry, mutations: ["corpus"], bytes: bytes))
                }
            }
        }
        XCTAssertGreaterThan(cases.count, 20, "the corpus is there")
        let state = CampaignState()
        let all = cases
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let dir = Paths.temporaryDirectory("corpus\(worker)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            for (i, c) in all.enumerated() where i % 2 == worker {
                state.record(index: i, finding: Fuzzer.run(c, workDir: dir))
            }
        }
        let (tried, findings) = state.result
        print("corpus: \(tried) inputs, \(findings.count) finding(s)")
        for f in findings { XCTFail(f.description) }
    }

    /// A short seeded pass in every test run. FUZZ_SEED, FUZZ_ITERATIONS and FUZZ_SECONDS change
    /// it (scripts/fuzz sets them for long runs); FUZZ_SAVE names a folder for failing inputs.
    func testSeededFuzzPass() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_130
        let iterations = env["FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 150
        let seconds = env["FUZZ_SECONDS"].flatMap { Double($0) } ?? 5
        let (tried, findings) = Fuzzer.campaign(seed: seed, iterations: iterations, seconds: seconds, workers: 2,
                                                saveDirectory: env["FUZZ_SAVE"], log: { print($0) })
        XCTAssertGreaterThan(tried, 0)
        for f in findings { XCTFail(f.description) }
    }

    // MARK: - Big files

    /// A timetable.csv of 100,000 rows is read within seconds and well under 500 MB; one row more
    /// is refused with the file, the line and the limit.
    func testHundredThousandRowTimetable() throws {
        let dir = work()
        let pack = dir + "/pack"
        try FileManager.default.copyItem(atPath: Paths.tinyPack, toPath: pack)
        func write(rows: Int) {
            var text = "class,weekday,period,subject,teacher,weeks\n"
            text.reserveCapacity(rows * 24)
            for i in 0..<rows { text += "3-\(i % 4 + 1),\(i % 5 + 1),\(i % 6 + 1),语文,T20,\(["odd", "even"][i % 2])\n" }
            _ = FileManager.default.createFile(atPath: pack + "/schools/S01/timetable.csv", contents: Data(text.utf8))
        }
        write(rows: 100_000)
        let r = Child.run(Paths.binary, ["validate", pack], timeout: 60)
        print("100,000-row timetable.csv: \(r.summary), \(String(format: "%.2f", r.seconds)) s, \(r.maxRSS / 1_048_576) MB")
        XCTAssertNil(Fuzzer.check(r, label: "100k timetable", target: .pack, file: "schools/S01/timetable.csv"))
        XCTAssertEqual(r.exitCode, 65, "rows repeat slots: reported as clashes")
        XCTAssertLessThan(r.maxRSS, 500 * 1_048_576)
        XCTAssertLessThan(r.seconds, 30)

        write(rows: 100_001)
        let over = Child.run(Paths.binary, ["validate", pack], timeout: 60)
        XCTAssertEqual(over.exitCode, 65)
        XCTAssertTrue(over.stderr.contains("schools/S01/timetable.csv:100002: more than 100000 rows"), over.stderr)
        XCTAssertLessThan(over.maxRSS, 500 * 1_048_576)
    }

    /// A grid CSV of 100,000 rows (long form, 1,000 classes) is imported or refused within
    /// seconds; one with more rows than the limit is refused naming the file.
    func testHundredThousandRowGrid() throws {
        let dir = work()
        func write(_ name: String, rows: Int, classes: Int) -> String {
            var text = "class,weekday,period,subject,teacher\n"
            text.reserveCapacity(rows * 24)
            for i in 0..<rows { text += "C\(i % classes),\(i % 5 + 1),\(i / classes % 8 + 1),语文,T\(i % 997)\n" }
            let path = dir + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return path
        }
        let big = write("big.csv", rows: 100_000, classes: 1_000)
        let r = Child.run(Paths.binary, ["import", "grid", big, "--dry-run"], timeout: 60)
        print("100,000-row grid: \(r.summary), \(String(format: "%.2f", r.seconds)) s, \(r.maxRSS / 1_048_576) MB")
        XCTAssertNil(Fuzzer.check(r, label: "100k grid", target: .grid, file: big))
        XCTAssertLessThan(r.seconds, 30)
        XCTAssertLessThan(r.maxRSS, 500 * 1_048_576)

        let distinct = write("distinct.csv", rows: 100_000, classes: 100_000)
        let d = Child.run(Paths.binary, ["import", "grid", distinct, "--dry-run"], timeout: 60)
        XCTAssertNil(Fuzzer.check(d, label: "100k distinct classes", target: .grid, file: distinct))
        XCTAssertEqual(d.exitCode, 65, d.stderr)
        XCTAssertLessThan(d.seconds, 30)
    }

    // MARK: - Deep nesting

    /// XML 300,000 levels deep (FET, XHSTT, an XLSX sheet) and TOML keys of 100,000 dotted parts
    /// crashed (stack overflow); they are refused with the file and line.
    func testDeepNesting() throws {
        let dir = work()
        let depth = 300_000
        let open = String(repeating: "<n>", count: depth), close = String(repeating: "</n>", count: depth)
        let fet = dir + "/deep.fet", xhstt = dir + "/deep.xml"
        _ = FileManager.default.createFile(atPath: fet, contents: Data("<?xml version=\"1.0\"?>\n<fet>\(open)\(close)</fet>\n".utf8))
        _ = FileManager.default.createFile(atPath: xhstt, contents: Data("<HighSchoolTimetableArchive>\(open)\(close)</HighSchoolTimetableArchive>".utf8))
        for (format, path) in [("fet", fet), ("xhstt", xhstt)] {
            let r = Child.run(Paths.binary, ["import", format, path, "--dry-run"], timeout: 30)
            XCTAssertNil(Fuzzer.check(r, label: "deep \(format)", target: .fet, file: path))
            XCTAssertTrue(r.stderr.contains("\(path):2: elements are nested more than 256 levels deep") || r.stderr.contains("\(path):1: elements"), r.stderr)
        }
        let sheet = Array("<worksheet><sheetData>\(open)\(close)</sheetData></worksheet>".utf8)
        let xlsx = dir + "/deep.xlsx"
        _ = FileManager.default.createFile(atPath: xlsx, contents: Data(XLSXParts.workbook(replacing: "xl/worksheets/sheet1.xml", with: sheet)))
        let x = Child.run(Paths.binary, ["import", "grid", xlsx, "--dry-run"], timeout: 30)
        XCTAssertNil(Fuzzer.check(x, label: "deep xlsx", target: .xlsx, file: xlsx))
        XCTAssertEqual(x.exitCode, 65)

        let pack = dir + "/pack"
        try FileManager.default.copyItem(atPath: Paths.tinyPack, toPath: pack)
        let school = pack + "/schools/S01/school.toml"
        let text = try String(contentsOfFile: school, encoding: .utf8)
        for extra in ["[" + Array(repeating: "t", count: 100_000).joined(separator: ".") + "]\nx = 1\n",
                      Array(repeating: "t", count: 100_000).joined(separator: ".") + " = 1\n",
                      "deep = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"] {
            try (text + extra).write(toFile: school, atomically: true, encoding: .utf8)
            let r = Child.run(Paths.binary, ["validate", pack], timeout: 30)
            XCTAssertNil(Fuzzer.check(r, label: "deep toml", target: .pack, file: "schools/S01/school.toml"))
            XCTAssertEqual(r.exitCode, 65)
            XCTAssertTrue(r.stderr.hasPrefix("schools/S01/school.toml:5: "), r.stderr)
        }
    }
}
