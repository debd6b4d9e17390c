import Foundation
import XCTest

/// The portal in a real browser: `xinyu serve` on a loopback port, Chromium driven by selenium
/// (browser/portal_browser.py). Screenshots: artifacts/browser/ (git-ignored). Skipped with a
/// message when Chromium, chromedriver or selenium is missing — except under CI (CI=true).
final class BrowserTests: XCTestCase {
    func run(_ exe: String, _ args: [String], stdin: String? = nil, env: [String: String]? = nil) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        if let env { p.environment = env }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func missingTools() -> String? {
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") { return "chromium" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") { return "chromedriver (chromium-driver)" }
        if (try? run("/usr/bin/env", ["python3", "-c", "import selenium"]).0) != 0 { return "selenium (pip install selenium)" }
        return nil
    }

    func testDeanAndOfficeInChromium() throws {
        if let missing = missingTools() {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("CI: \(missing) is missing; scripts/setup installs it"); return }
            throw XCTSkip("browser test skipped: \(missing) not installed (scripts/setup installs it)")
        }
        let xinyu = Harness.xinyu
        let data = NSTemporaryDirectory() + "xinyu-browser-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: data) }
        for (user, role, school) in [("office", "office", ""), ("dean1", "school", "S01")] {
            let args = ["accounts", "--data", data, "add", user, "--role", role] + (school.isEmpty ? [] : ["--school", school])
            let (code, text) = try run(xinyu, args, stdin: "browser-pass-1\n")
            XCTAssertEqual(code, 0, text)
        }
        let upload = data + "/课程表.csv"
        try DeanFlowTests.timetableCSV().write(to: URL(fileURLWithPath: upload))
        let port = Int.random(in: 20000...40000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: xinyu)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--from-pack", Harness.root + "/instances/tiny",
                            "--solve-time-limit", "120"]
        let log = FileHandle(forWritingAtPath: "/dev/null")
        server.standardOutput = log
        server.standardError = log
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"
        let artifacts = Harness.root + "/artifacts/browser"
        let script = Harness.root + "/Tests/XinyuServerTests/browser/portal_browser.py"
        let (code, text) = try run("/usr/bin/env", ["python3", script, base, upload, artifacts, "dean1", "browser-pass-1", "office", "browser-pass-1"])
        XCTAssertEqual(code, 0, text)
    }
}
