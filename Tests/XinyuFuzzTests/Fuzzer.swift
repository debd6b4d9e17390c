// The fuzz driver: targets (every reader of the project), how one input is run (through the
// built `xinyu` in a child process) and the properties every run must have.

import Foundation
import ZIPFoundation

/// Where the repository and the built `xinyu` are.
enum Paths {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let corpus = root + "/Tests/XinyuFuzzTests/Corpus"
    static let fixtures = root + "/Tests/XinyuImportTests/Fixtures"
    static let tinyPack = root + "/instances/tiny"

    /// The `xinyu` built beside the test bundle (as CLITests finds it).
    static let binary: String = {
        let bundle = Bundle(for: FuzzBundleMarker.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("xinyu").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    static func temporaryDirectory(_ label: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-fuzz-\(label)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

final class FuzzBundleMarker {}

/// A reader under test and the valid inputs its mutants start from.
enum Target: String, CaseIterable, Sendable {
    case pack, fet, xhstt, grid, xlsx

    /// Seed inputs: (name, bytes). For `pack`, the name is the file's path inside the pack.
    var seeds: [(name: String, bytes: [UInt8])] {
        func file(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }
        switch self {
        case .pack:
            return Target.packFiles.map { ($0, file(Paths.tinyPack + "/" + $0)) }
        case .fet:
            return ["school_data_and_timetable.fet", "school.fet"].map { ($0, file(Paths.fixtures + "/fet/" + $0)) }
        case .xhstt:
            return ["twoweek.xml", "students.xml"].map { ($0, file(Paths.fixtures + "/xhstt/" + $0)) }
        case .grid:
            return ["long.csv", "blocks-gb18030.csv"].map { ($0, file(Paths.fixtures + "/grid/" + $0)) }
        case .xlsx:
            return XLSXParts.partNames.map { ($0, XLSXParts.seedParts[$0] ?? []) }
        }
    }

    static let packFiles = ["district.toml", "calendar.csv", "schools/S01/school.toml", "schools/S01/classes.csv",
                            "schools/S01/timetable.csv", "schools/S01/teachers.csv", "schools/S01/unavailable.csv"]

    func syntax(_ name: String) -> Syntax {
        if name.hasSuffix(".toml") { return .toml }
        if name.hasSuffix(".csv") { return .csv }
        return .xml
    }
}

/// One generated input and what it is, for messages and for saving it.
struct FuzzCase: Sendable {
    var target: Target
    /// The seed file it came from (for a pack: its path inside the pack).
    var base: String
    var mutations: [String]
    var bytes: [UInt8]
    var label: String { "\(target.rawValue) \(base) [\(mutations.joined(separator: "+"))] \(bytes.count) bytes" }

    /// Case `index` of a run seeded `seed`: a target, a seed file, 1–3 mutations.
    static func make(seed: UInt64, index: Int) -> FuzzCase {
        var rng = SeededRandom.forCase(seed: seed, index: index)
        let target = Target.allCases[Int.random(in: 0..<Target.allCases.count, using: &rng)]
        let seeds = target.seeds
        let (name, bytes) = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
        var (mutated, names) = Mutations.mutate(bytes, syntax: target.syntax(name), rng: &rng)
        if target == .xlsx, Int.random(in: 0..<3, using: &rng) == 0, name.hasPrefix("xl/worksheets/") {
            let (b, n) = XLSXParts.hostileAttribute(mutated, rng: &rng)
            mutated = b
            names.append(n)
        }
        return FuzzCase(target: target, base: name, mutations: names, bytes: mutated)
    }
}

/// The parts of the fixture workbook, to mutate one XML part and zip them again.
enum XLSXParts {
    static let seedParts: [String: [UInt8]] = {
        var parts: [String: [UInt8]] = [:]
        guard let archive = try? Archive(url: URL(fileURLWithPath: Paths.fixtures + "/grid/timetable.xlsx"), accessMode: .read, pathEncoding: nil) else { return parts }
        for entry in archive where entry.type == .file {
            var data = Data()
            _ = try? archive.extract(entry) { data.append($0) }
            parts[entry.path] = [UInt8](data)
        }
        return parts
    }()
    static let partNames = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml",
                            "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]

    /// A workbook whose part `name` is `bytes` (the other parts as in the fixture).
    static func workbook(replacing name: String, with bytes: [UInt8]) -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-xlsx-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: path) }
        guard let archive = try? Archive(url: path, accessMode: .create, pathEncoding: nil) else { return [] }
        for (part, original) in seedParts.sorted(by: { $0.key < $1.key }) {
            let data = Data(part == name ? bytes : original)
            try? archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](FileManager.default.contents(atPath: path.path) ?? Data())
    }

    /// Replaces one row number, cell reference or shared-string index with a hostile value.
    static func hostileAttribute(_ bytes: [UInt8], rng: inout SeededRandom) -> ([UInt8], String) {
        var text = String(decoding: bytes, as: UTF8.self)
        let choices: [(pattern: String, values: [String])] = [
            (#"<row r="[^"]*""#, ["<row r=\"0\"", "<row r=\"-1\"", "<row r=\"99999999999\"", "<row r=\"1048577\"", "<row r=\"x\""]),
            (#"<c r="[^"]*""#, ["<c r=\"ZZZZZZZZZZZZZZZZZZZZ1\"", "<c r=\"XFE1\"", "<c r=\"A0\"", "<c r=\"\"", "<c r=\"AAAAAA1\""]),
            (#"<v>[0-9]+</v>"#, ["<v>-1</v>", "<v>99999999999999999999</v>", "<v>13</v>", "<v>1e3</v>"]),
        ]
        let choice = choices[Int.random(in: 0..<choices.count, using: &rng)]
        let value = choice.values[Int.random(in: 0..<choice.values.count, using: &rng)]
        if let range = text.range(of: choice.pattern, options: .regularExpression) { text.replaceSubrange(range, with: value) }
        return (Array(text.utf8), "attr:\(value)")
    }
}

/// What went wrong with one input.
struct Finding: Sendable, CustomStringConvertible {
    var label: String
    var problem: String
    var description: String { "\(label): \(problem)" }
}

/// Runs inputs through `xinyu` and checks the properties.
enum Fuzzer {
    /// An input must finish within this (debug build, loaded machine: generous; seconds).
    static let timeout = 10.0
    /// Peak memory allowed for one input.
    static let maxRSS = 500 * 1024 * 1024

    /// Texts that mean a runtime failure leaked into a message instead of a written error.
    static let runtimeTexts = ["Fatal error", "Swift runtime failure", "Stack dump", "Error Domain=", "NSCocoaErrorDomain",
                               "The operation could not be completed", "Illegal instruction", "Segmentation fault",
                               "Thread ", "Current stack trace", "Foundation._GenericObjCError"]

    /// Writes the input where its reader expects it and runs it. `workDir` is private to the
    /// caller (a pack copy lives there); returns a finding or nil.
    static func run(_ c: FuzzCase, workDir: String) -> Finding? {
        let fm = FileManager.default
        var arguments: [String]
        var fileName: String
        switch c.target {
        case .pack:
            let pack = workDir + "/pack"
            try? fm.removeItem(atPath: pack)
            try? fm.copyItem(atPath: Paths.tinyPack, toPath: pack)
            _ = fm.createFile(atPath: pack + "/" + c.base, contents: Data(c.bytes))
            arguments = ["validate", pack]
            fileName = c.base
        case .fet, .xhstt, .grid:
            let path = workDir + "/" + c.base
            _ = fm.createFile(atPath: path, contents: Data(c.bytes))
            arguments = ["import", c.target.rawValue, path, "--dry-run"]
            fileName = path
        case .xlsx:
            let path = workDir + "/timetable.xlsx"
            _ = fm.createFile(atPath: path, contents: Data(XLSXParts.workbook(replacing: c.base, with: c.bytes)))
            arguments = ["import", "grid", path, "--dry-run"]
            fileName = path
        }
        let r = Child.run(Paths.binary, arguments, timeout: timeout)
        if let finding = check(r, label: c.label, target: c.target, file: fileName) { return finding }
        // A pack that validates must also solve: no trap on values the reader let through
        // (exit 0, or 3 when some month is short).
        if c.target == .pack && r.exitCode == 0 {
            let out = workDir + "/out"
            try? fm.removeItem(atPath: out)
            let s = Child.run(Paths.binary, ["solve", workDir + "/pack", "--out", out, "--quiet", "--jobs", "1"], timeout: timeout)
            if let finding = check(s, label: c.label + " (solve)", target: c.target, file: fileName) { return finding }
            if s.exitCode != 0 && s.exitCode != 3 {
                return Finding(label: c.label + " (solve)", problem: "a valid pack did not solve: \(s.summary)\n\(s.stderr.prefix(600))")
            }
        }
        return nil
    }

    /// The properties: no crash, no hang, bounded memory, exit 0/64/65, and a rejection is a
    /// message naming a file (a pack's relative path, or the input file) with no runtime text.
    static func check(_ r: ChildRun, label: String, target: Target, file: String) -> Finding? {
        func finding(_ p: String) -> Finding { Finding(label: label, problem: p + "\n" + String(r.stderr.prefix(600))) }
        if r.timedOut { return finding("hang: no answer within \(timeout) s") }
        if let s = r.signal { return finding("crash: killed by signal \(s)") }
        if r.maxRSS > maxRSS { return finding("memory: \(r.maxRSS / 1_048_576) MB peak") }
        for t in runtimeTexts where r.stderr.contains(t) || r.stdout.contains(t) { return finding("runtime text \"\(t)\" in the output") }
        switch r.exitCode {
        case 0:
            return nil
        case 3 where label.hasSuffix("(solve)"):
            return nil  // a solve with short months: files written, shortfalls explained
        case 65, 64:
            let lines = r.stderr.split(separator: "\n").map(String.init)
            if target == .pack {
                // Every diagnostic line starts with a file of the pack (or the pack folder).
                let prefixes = ["district.toml", "calendar.csv", "schools", "/"]
                let bad = lines.filter { l in !prefixes.contains { l.hasPrefix($0) } }
                if !bad.isEmpty || lines.isEmpty { return finding("a message line names no file: \(bad.first ?? "(no message)")") }
            } else if !(lines.first?.contains(file) ?? false) && r.exitCode == 65 {
                return finding("the rejection does not name \(file)")
            }
            return nil
        default:
            return finding("unexpected exit code \(r.exitCode ?? -1)")
        }
    }

    /// A fuzz campaign: cases `0..<iterations` of `seed`, on `workers` parallel children, until
    /// `seconds` have passed. Prints progress and every finding; failing inputs are saved under
    /// `saveDirectory` when given. Returns (inputs tried, findings).
    static func campaign(seed: UInt64, iterations: Int, seconds: Double, workers: Int,
                         saveDirectory: String?, log: @escaping @Sendable (String) -> Void) -> (tried: Int, findings: [Finding]) {
        let state = CampaignState()
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let work = Paths.temporaryDirectory("w\(worker)")
            defer { try? FileManager.default.removeItem(atPath: work) }
            var index = worker
            while index < iterations, Date().timeIntervalSince(start) < seconds {
                let c = FuzzCase.make(seed: seed, index: index)
                let finding = run(c, workDir: work)
                state.record(index: index, finding: finding.map { Finding(label: "seed \(seed) case \(index): " + $0.label, problem: $0.problem) })
                if let f = finding {
                    state.print("FINDING seed \(seed) case \(index): \(f)", log)
                    if let dir = saveDirectory {
                        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                        let ext = c.target == .xlsx ? "xlsx" : (c.base as NSString).pathExtension
                        let bytes = c.target == .xlsx ? XLSXParts.workbook(replacing: c.base, with: c.bytes) : c.bytes
                        _ = FileManager.default.createFile(atPath: "\(dir)/seed\(seed)-case\(index)-\(c.target.rawValue).\(ext)", contents: Data(bytes))
                    }
                }
                index += workers
            }
        }
        let (tried, findings) = state.result
        log("fuzz: seed \(seed), \(tried) inputs tried in \(String(format: "%.1f", Date().timeIntervalSince(start))) s, \(findings.count) finding(s)")
        return (tried, findings)
    }
}

/// Results shared by the campaign's workers.
final class CampaignState: @unchecked Sendable {
    private let lock = NSLock()
    private var tried = 0
    private var findings: [Finding] = []
    func record(index: Int, finding: Finding?) {
        lock.lock(); defer { lock.unlock() }
        tried += 1
        if let finding { findings.append(finding) }
    }
    /// Logs under the lock, so lines of two workers do not interleave.
    func print(_ line: String, _ log: (String) -> Void) {
        lock.lock(); defer { lock.unlock() }
        log(line)
    }
    var result: (Int, [Finding]) { lock.lock(); defer { lock.unlock() }; return (tried, findings) }
}
