// Table headers of every shape in district.toml and school.toml, in child processes: the TOML
// library asserts (exit 134) on a header whose name starts with a character that cannot start a
// key; `validate` must answer 0 or 65 with a message at the file and line, never crash.

import Foundation
import XCTest

final class TOMLHeaderTests: XCTestCase {
    /// The trial's inputs, each refused at its line with the bilingual message.
    func testTrialHeadersAreRefusedAtTheirLine() throws {
        let dir = Paths.temporaryDirectory("toml-trial")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (file, header) in [("district.toml", "[心理咨询室]"), ("district.toml", "["), ("district.toml", "[["),
                               ("district.toml", "[.]"), ("schools/S01/school.toml", "[é]"),
                               ("schools/S01/school.toml", "[[\u{3000}a]]")] {
            let original = try String(contentsOfFile: Paths.tinyPack + "/" + file, encoding: .utf8)
            let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
            let text = (original.hasSuffix("\n") ? original : original + "\n") + header + "\n"
            let r = Self.validate(file: file, text: text, dir: dir)
            XCTAssertEqual(r.exitCode, 65, "\(header): \(r.summary) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("\(file):\(line)"), "\(header): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("表头"), r.stderr)
        }
    }

    /// Hundreds of generated headers (bare, quoted, Chinese, empty, dotted, bracketed, spaces of
    /// every kind), placed at top level, inside a multi-line array, inside multi-line strings and
    /// after comments: no input may crash, hang or answer without naming the file.
    func testGeneratedHeadersNeverCrash() throws {
        let pieces = ["心理咨询室", "é", ".", "", "a", "\"q\"", "'l'", "]", "]]", "#", " ", "\t", "\u{3000}",
                      "\u{FEFF}", "=", "[", "\"\"\"", "'''", "+", "1", "\\", "\"", "'", "{", "}", ",", "\r", "x.y"]
        let contexts: [(String) -> String] = [
            { "\($0)\n" }, { "\($0)" }, { "a = [\n\($0)\n]\n" }, { "s = \"\"\"\n\($0)\n\"\"\"\n" },
            { "s = '''\($0)'''\n" }, { "# \($0)\n\($0)\n" }, { "t = { k = \"\($0)\" }\n\($0)\n" },
            { "a = [ [1], \"]\" ] # ]\n\($0)\n" },
        ]
        var state: UInt64 = 20261130
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let base = try String(contentsOfFile: Paths.tinyPack + "/district.toml", encoding: .utf8)
        var cases: [String] = []
        for _ in 0..<240 {
            var header = ["[", "[[", "[ ", "[[ ", "  [", "[\t"][next(6)]
            for _ in 0..<next(5) { header += pieces[next(pieces.count)] }
            if next(2) == 0 { header += ["]", "]]", "] # c", ""][next(4)] }
            cases.append(base + "\n" + contexts[next(contexts.count)](header))
        }
        for f in TOMLTrial.findings(cases, label: "header case") { XCTFail(f) }
    }

    private static func validate(file: String, text: String, dir: String) -> ChildRun {
        TOMLTrial.validate(file: file, text: text, dir: dir)
    }
}

/// One TOML trial: the tiny pack with one file replaced, checked by `xinyu validate` in a child.
enum TOMLTrial {
    static func validate(file: String, text: String, dir: String) -> ChildRun {
        let pack = dir + "/pack"
        try? FileManager.default.removeItem(atPath: pack)
        try? FileManager.default.copyItem(atPath: Paths.tinyPack, toPath: pack)
        _ = FileManager.default.createFile(atPath: pack + "/" + file, contents: Data(text.utf8))
        return Child.run(Paths.binary, ["validate", pack], timeout: Fuzzer.timeout)
    }

    /// Each text as district.toml, on two workers: the findings (crash, hang, no file named).
    static func findings(_ cases: [String], label: String) -> [String] {
        let findings = FindingList()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let dir = Paths.temporaryDirectory("toml-\(label.prefix(4))\(worker)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            for (i, text) in cases.enumerated() where i % 2 == worker {
                let r = validate(file: "district.toml", text: text, dir: dir)
                if let f = Fuzzer.check(r, label: "\(label) \(i): \(text.suffix(60).debugDescription)",
                                        target: .pack, file: "district.toml") {
                    findings.add(f.description)
                }
            }
        }
        return findings.all
    }
}

/// Findings collected from parallel workers.
final class FindingList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
