import Foundation
import XCTest
import XinyuCore
import XinyuGLPK
import XinyuPack
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The repository root (for instances/).
let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The bell schedule the fixture gives instances/tiny (school.toml `period_times`): deliberately
/// not the default table, so the calendars must read it.
let tinyTimes = ["08:05-08:45", "08:55-09:35", "09:55-10:35", "10:45-11:25", "14:00-14:40", "14:50-15:30"]

/// A pack solved once for the whole test run: its folder and the folder of schedule.csv,
/// months.csv and report.md, exactly as `xinyu solve` writes them.
struct SolvedPack: Sendable {
    let pack: String
    let scheduleDir: String

    /// Copies `instances/NAME` to a fresh folder, lets `edit` change it, solves it with GLPK.
    static func make(_ name: String, edit: (String) throws -> Void = { _ in }) -> SolvedPack {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-export-\(name)-\(UUID().uuidString)").path
        let pack = base + "/pack", out = base + "/schedule"
        do {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: repoRoot + "/instances/" + name, toPath: pack)
            try edit(pack)
            let loaded = try PackReader.load(path: pack)
            let r = solveDistrict(loaded.district, jobs: 1, options: PlanOptions(timeLimit: 120), solver: GLPKSolver())
            try AtomicFile.write(ScheduleFiles.scheduleText(r.lessons), to: out + "/schedule.csv")
            try AtomicFile.write(ScheduleFiles.monthsText(r.months), to: out + "/months.csv")
            try AtomicFile.write(reportMarkdown(r, solverName: "GLPK", solverVersion: "test", packHash: packHash(root: pack)),
                                 to: out + "/report.md")
        } catch {
            fatalError("fixture \(name): \(error)")
        }
        return SolvedPack(pack: pack, scheduleDir: out)
    }

    /// instances/tiny with `tinyTimes` as its period_times.
    static let tiny = make("tiny") { pack in
        let toml = pack + "/schools/S01/school.toml"
        let text = try String(contentsOfFile: toml, encoding: .utf8)
        let times = tinyTimes.map { "\"\($0)\"" }.joined(separator: ", ")
        try (text + "period_times = [\(times)]\n").write(toFile: toml, atomically: true, encoding: .utf8)
    }

    /// instances/tiny as shipped (no period_times: the default bell schedule).
    static let tinyDefault = make("tiny")

    /// instances/tiny-january: January cannot comply, so report.md explains shortfalls.
    static let january = make("tiny-january")

    var district: District { try! PackReader.load(path: pack).district }
    var lessons: [Lesson] { try! ScheduleFiles.read(directory: scheduleDir).lessons }
}

/// A fresh temporary folder, removed after the test.
func tempDir(_ test: XCTestCase) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-export-out-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    return dir
}

struct ProcessResult {
    var code: Int32
    var out: String
    var err: String
}

/// Runs a program and waits for it (stdout and stderr read concurrently so neither pipe fills).
func runProgram(_ executable: String, _ args: [String], timeout: TimeInterval = 120) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-run-\(UUID().uuidString).out")
    let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-run-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outFile)
        try? FileManager.default.removeItem(at: errFile)
    }
    p.standardOutput = try FileHandle(forWritingTo: outFile)
    p.standardError = try FileHandle(forWritingTo: errFile)
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if p.isRunning { p.terminate(); p.waitUntilExit() }
    return ProcessResult(code: p.terminationStatus,
                         out: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                         err: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
}

/// The first executable named `name` on PATH (or in /usr/bin), if any.
func which(_ name: String) -> String? {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/usr/local/bin"
    for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
    }
    return nil
}

// MARK: an independent reader of the XLSX files written (unzip + XMLParser)

/// A workbook read back: sheet names in order, and each sheet's cells by reference ("C5").
struct ReadWorkbook {
    var sheetNames: [String]
    /// Sheet name → cell reference → text (shared strings resolved; numbers as written).
    var cells: [String: [String: String]]
    /// Sheet name → the raw sheet XML (for view and print settings).
    var xml: [String: String]
}

/// Collects elements of interest from one XML document.
final class XMLCollector: NSObject, XMLParserDelegate {
    /// (element name, attributes) of every element opened, in order.
    var elements: [(String, [String: String])] = []
    /// Shared strings: the text of each `<si>`.
    var strings: [String] = []
    /// Sheet cells: reference → (type attribute, value or inline text).
    var cells: [String: (type: String, value: String)] = [:]
    private var inSI = false, inT = false, inV = false
    private var current = ""
    private var cellRef = "", cellType = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        switch name {
        case "si": inSI = true; current = ""
        case "t": inT = true
        case "v": inV = true; current = ""
        case "c": cellRef = attributes["r"] ?? ""; cellType = attributes["t"] ?? ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if (inSI && inT) || inV { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current); inSI = false
        case "t": inT = false
        case "v": inV = false; cells[cellRef] = (cellType, current)
        default: break
        }
    }

    static func parse(_ data: Data) -> XMLCollector {
        let c = XMLCollector()
        let p = XMLParser(data: data)
        p.delegate = c
        XCTAssertTrue(p.parse(), "well-formed XML: \(String(describing: p.parserError))")
        return c
    }
}

/// Unzips `path` with the `unzip` command and reads its sheets with XMLParser.
func readWorkbook(_ path: String, test: XCTestCase) throws -> ReadWorkbook {
    let dir = try tempDir(test)
    let r = try runProgram(which("unzip") ?? "/usr/bin/unzip", ["-q", "-o", path, "-d", dir])
    XCTAssertEqual(r.code, 0, "unzip: \(r.err)")
    func data(_ rel: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: dir + "/" + rel)) }
    let workbook = XMLCollector.parse(try data("xl/workbook.xml"))
    let rels = XMLCollector.parse(try data("xl/_rels/workbook.xml.rels"))
    let shared = FileManager.default.fileExists(atPath: dir + "/xl/sharedStrings.xml")
        ? XMLCollector.parse(try data("xl/sharedStrings.xml")).strings : []
    var targets: [String: String] = [:]
    for (name, a) in rels.elements where name == "Relationship" { targets[a["Id"] ?? ""] = a["Target"] }
    var out = ReadWorkbook(sheetNames: [], cells: [:], xml: [:])
    for (name, a) in workbook.elements where name == "sheet" {
        let sheet = a["name"] ?? ""
        out.sheetNames.append(sheet)
        guard let target = targets[a["r:id"] ?? ""] else { XCTFail("no target for sheet \(sheet)"); continue }
        let raw = try data("xl/" + target)
        out.xml[sheet] = String(decoding: raw, as: UTF8.self)
        var cells: [String: String] = [:]
        for (ref, c) in XMLCollector.parse(raw).cells {
            cells[ref] = c.type == "s" ? (Int(c.value).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? "") : c.value
        }
        out.cells[sheet] = cells
    }
    return out
}

/// "C12" → (column 2, row 12): column zero-based, row one-based as in Excel.
func splitRef(_ ref: String) -> (col: Int, row: Int) {
    var col = 0
    var digits = ""
    for ch in ref {
        if let a = ch.asciiValue, ch.isLetter { col = col * 26 + Int(a - 65 + 1) } else { digits.append(ch) }
    }
    return (col - 1, Int(digits) ?? 0)
}

// MARK: an independent reader of iCalendar files

/// One calendar component's properties after unfolding: (name, parameters, value).
struct ICSProperty {
    var name: String
    var params: [String: String]
    var value: String
}

/// Unfolds CRLF + space/tab continuations and splits `NAME;P=V:value` lines.
func unfoldICS(_ text: String) -> [ICSProperty] {
    let logical = text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
    return logical.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { line in
        let colon = line.firstIndex(of: ":")!
        let head = line[..<colon].split(separator: ";")
        var params: [String: String] = [:]
        for p in head.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            params[String(kv[0])] = kv.count > 1 ? String(kv[1]) : ""
        }
        return ICSProperty(name: String(head[0]), params: params, value: String(line[line.index(after: colon)...]))
    }
}

/// The VEVENTs of a calendar, each as its properties by name.
func events(_ text: String) -> [[String: ICSProperty]] {
    var out: [[String: ICSProperty]] = []
    var current: [String: ICSProperty]?
    for p in unfoldICS(text) {
        if p.name == "BEGIN" && p.value == "VEVENT" { current = [:] } else if p.name == "END" && p.value == "VEVENT" {
            out.append(current ?? [:]); current = nil
        } else if current != nil { current![p.name] = p }
    }
    return out
}

/// Reverses RFC 5545 TEXT escaping.
func unescapeICS(_ s: String) -> String {
    var out = ""
    var escaping = false
    for ch in s {
        if escaping {
            out.append(ch == "n" || ch == "N" ? "\n" : ch)
            escaping = false
        } else if ch == "\\" { escaping = true } else { out.append(ch) }
    }
    return out
}
