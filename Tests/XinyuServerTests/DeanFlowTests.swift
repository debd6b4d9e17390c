import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// A dean's whole way on the hand-checkable tiny pack: upload → preview → confirm → plan →
/// result → downloads, the plan's bytes equal to `xinyu solve` on the command line, and another
/// school's dean refused at every step.
final class DeanFlowTests: XCTestCase {
    /// tiny's own timetable as a long-format 课程表 CSV (class,weekday,period,subject,teacher).
    static func timetableCSV() throws -> Data {
        let text = try String(contentsOfFile: Harness.root + "/instances/tiny/schools/S01/timetable.csv", encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { line -> String in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return f.prefix(5).joined(separator: ",")
        }
        return Data((["class,weekday,period,subject,teacher"] + rows).joined(separator: "\n").appending("\n").utf8)
    }

    static func waitForRun(_ h: Harness, _ id: Int64, seconds: Double = 180) async throws -> RunRow {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let r = try h.portal.store.run(id: id), r.finished { return r }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw XCTSkip("run \(id) did not finish in \(seconds) s")
    }

    func testUploadConfirmSolveDownload() async throws {
        guard FileManager.default.isExecutableFile(atPath: Harness.xinyu) else { throw XCTSkip("xinyu not built at \(Harness.xinyu)") }
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let csv = try Self.timetableCSV()
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            let dean2 = try unwrap(try await Session.login(client, "dean2"))
            let up = try await dean.upload(client, "/schools/S01/uploads", name: "课程表.csv", data: csv)
            XCTAssertEqual(up.status, .seeOther)
            let location = try XCTUnwrap(up.headers[.location])
            XCTAssertEqual(location, "/uploads/1")
            let preview = String(buffer: try await dean.get(client, location).body)
            XCTAssertTrue(preview.contains("3-1"), preview)
            XCTAssertTrue(preview.contains("班会"))
            XCTAssertTrue(preview.contains("name=\"psych.T11\""))
            XCTAssertFalse(preview.contains(h.data), "no server path in the page")
            // Another school's dean: nothing of upload 1, whatever the verb.
            for path in ["/uploads/1", "/uploads/1/file"] { assertEqual(try await dean2.get(client, path).status, .notFound, path) }
            for path in ["/uploads/1/confirm", "/uploads/1/restore"] {
                assertEqual(try await dean2.post(client, path, ["psych.T11": "full"]).status, .notFound, path)
            }
            let bad = try await dean.post(client, "/uploads/1/confirm", ["psych.T11": "part", "bell.1": "25:00-26:00", "free": "yes"])
            XCTAssertTrue(String(buffer: bad.body).contains("HH:MM-HH:MM"))
            let confirm = try await dean.post(client, "/uploads/1/confirm", [
                "psych.T11": "part", "psych.T01": "full", "free": "yes",
                "bell.1": "08:00-08:40", "bell.2": "08:50-09:30", "bell.3": "09:50-10:30",
                "bell.4": "10:40-11:20", "bell.5": "14:00-14:40", "bell.6": "14:50-15:30",
            ])
            XCTAssertEqual(confirm.status, .seeOther, String(buffer: confirm.body))
            let school = try String(contentsOfFile: h.data + "/pack/schools/S01/school.toml", encoding: .utf8)
            XCTAssertTrue(school.contains("08:00-08:40"), school)
            XCTAssertTrue(school.contains("昌邑区样例小学"), "the school keeps its name")
            let teachers = try String(contentsOfFile: h.data + "/pack/schools/S01/teachers.csv", encoding: .utf8)
            XCTAssertTrue(teachers.contains("T01,王心怡,full"), teachers)   // name and limits carried over

            assertEqual(try await dean2.post(client, "/schools/S01/runs").status, .notFound)
            let start = try await dean.post(client, "/schools/S01/runs")
            XCTAssertEqual(start.headers[.location], "/runs/1")
            let run = try await Self.waitForRun(h, 1)
            XCTAssertTrue(["done", "short"].contains(run.status), "\(run.status) \(run.progress)")
            let page = String(buffer: try await dean.get(client, "/runs/1").body)
            XCTAssertTrue(page.contains("心理课"), "weekly view shows the lessons")
            XCTAssertTrue(page.contains("xlsx/S01.xlsx"))
            let events = String(buffer: try await dean.get(client, "/runs/1/events").body)
            XCTAssertTrue(events.hasPrefix("data: {") && events.contains("\"finished\":true"), events)
            let xlsx = try await dean.get(client, "/runs/1/files?path=xlsx%2FS01.xlsx")
            XCTAssertEqual(xlsx.status, .ok)
            XCTAssertEqual(Array(xlsx.body.readableBytesView.prefix(2)), [0x50, 0x4B])  // a zip: PK
            for path in ["/runs/1", "/runs/1/events", "/runs/1/files?path=xlsx%2FS01.xlsx", "/runs/1/files?path=schedule.csv"] {
                assertEqual(try await dean2.get(client, path).status, .notFound, path)
            }
            assertEqual(try await dean.get(client, "/runs/1/files?path=..%2F..%2Fportal.sqlite").status, .notFound)
            assertEqual(try await dean.get(client, "/runs/1/files?path=log.txt").status, .notFound)

            // The portal's schedule is the command line's, byte for byte.
            let served = try await dean.get(client, "/runs/1/files?path=schedule.csv")
            let out = h.data + "/cli-out"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Harness.xinyu)
            p.arguments = ["solve", h.data + "/runs/1/pack", "--school", "S01", "--out", out, "--jobs", "1", "--quiet", "--time-limit", "60"]
            try p.run()
            p.waitUntilExit()
            let cli = try Data(contentsOf: URL(fileURLWithPath: out + "/schedule.csv"))
            XCTAssertEqual(Data(served.body.readableBytesView), cli)
        }
        let actions = try h.portal.store.auditRows(limit: 100).map(\.action)
        for a in ["upload", "upload-confirm", "solve", "login"] { XCTAssertTrue(actions.contains(a), a) }
    }

    func testAFileThatDoesNotReadIsKeptAsFailed() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            let up = try await dean.upload(client, "/schools/S01/uploads", name: "bad.csv", data: Data("这不是课表\n,,,\n".utf8))
            XCTAssertEqual(up.status, .seeOther)
            let page = String(buffer: try await dean.get(client, "/uploads/1").body)
            XCTAssertTrue(page.contains("import-error"), page)
            let wrongType = try await dean.upload(client, "/schools/S01/uploads", name: "x.exe", data: Data("MZ".utf8))
            XCTAssertEqual(wrongType.status, .unsupportedMediaType)
            let big = try await dean.upload(client, "/schools/S01/uploads", name: "big.csv", data: Data(count: 600 * 1024))
            XCTAssertEqual(big.status, .contentTooLarge)
        }
        XCTAssertEqual(try h.portal.store.uploads(school: "S01").map(\.status), ["failed"])
    }

    func testARestartMarksRunningRunsInterrupted() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let row = try h.portal.store.insertRun(RunRow(id: nil, kind: "school", schoolId: "S01", accountId: nil, status: "running",
                                                      exitCode: nil, progress: "", command: "", createdAt: 0))
        // A new server on the same folder, as after a restart.
        _ = try await Portal.open(h.portal.config)
        XCTAssertEqual(try h.portal.store.run(id: row.id ?? 0)?.status, "interrupted")
    }
}

/// Every upload format reaches the importer: an XLSX grid, a FET file, an XHSTT archive.
final class UploadFormatTests: XCTestCase {
    func testXLSXFETAndXHSTTUploadsAreRead() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let fixtures = Harness.root + "/Tests/XinyuImportTests/Fixtures/"
        let files = [("grid/timetable.xlsx", "课程表.xlsx"), ("fet/school_data_and_timetable.fet", "school_data_and_timetable.fet"),
                     ("xhstt/students.xml", "students.xml")]
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            for (i, (path, name)) in files.enumerated() {
                let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + path))
                let r = try await dean.upload(client, "/schools/S01/uploads", name: name, data: data)
                assertEqual(r.headers[.location], "/uploads/\(i + 1)", name)
                let page = String(buffer: try await dean.get(client, "/uploads/\(i + 1)").body)
                assertTrue(page.contains("id=\"confirm-form\""), "\(name): \(page.prefix(600))")
            }
        }
        XCTAssertEqual(try h.portal.store.uploads(school: "S01").map(\.format), ["xhstt", "fet", "grid"])
    }
}
