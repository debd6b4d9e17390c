import Foundation
import XCTest
@testable import XinyuServer

/// A school's run solved together with schools that share a teacher: report.md names them all,
/// so a school account gets neither the report nor the log, and its CSVs only its own rows.
final class RunFilesTests: XCTestCase {
    func testAGroupReportIsTheOfficesOnly() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let run = RunRow(id: 90, kind: "solve", schoolId: "S01", accountId: nil, status: "done", exitCode: 0,
                         progress: "", command: "", createdAt: 0, finishedAt: 1)
        let out = h.portal.config.runDirectory(90) + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let files = RunFiles(portal: h.portal, run: run)
        let dean = Account(id: 2, username: "dean1", passwordHash: "", role: Role.school.rawValue, schoolId: "S01", createdAt: 0)
        let office = Account(id: 1, username: "office", passwordHash: "", role: Role.office.rawValue, schoolId: nil, createdAt: 0)
        try "# report\n".write(toFile: out + "/report.md", atomically: true, encoding: .utf8)
        // Alone: the school's own report.
        try "school,class,month,required,scheduled\nS01,3-1,2026-09,2,2\n".write(toFile: out + "/months.csv", atomically: true, encoding: .utf8)
        XCTAssertFalse(files.coversOtherSchools())
        XCTAssertTrue(files.list(for: dean).contains("report.md"))
        // With another school of its group: the office's only.
        try "school,class,month,required,scheduled\nS01,3-1,2026-09,2,2\nS02,4-1,2026-09,2,1\n".write(toFile: out + "/months.csv", atomically: true, encoding: .utf8)
        XCTAssertTrue(files.coversOtherSchools())
        XCTAssertFalse(files.list(for: dean).contains("report.md"))
        XCTAssertTrue(files.list(for: office).contains("report.md"))
        let months = String(decoding: files.data("months.csv", for: dean) ?? Data(), as: UTF8.self)
        XCTAssertFalse(months.contains("S02"), months)
    }
}
