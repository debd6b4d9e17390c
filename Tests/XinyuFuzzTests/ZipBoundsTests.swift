import XCTest

/// XLSX (zip) files whose entries' data run past the end of the file: ZIPFoundation 0.9.20 spins
/// forever on them (the libFuzzer finding kept in Fuzz/findings), so the importer refuses them
/// first (XinyuImport/ZipBounds.swift). Each run is a child process with a wall-clock limit, so a
/// regression fails the test instead of hanging the suite.
final class ZipBoundsTests: XCTestCase {
    func testTheFuzzFindingIsRefusedAtOnce() throws {
        let finding = Paths.root + "/Fuzz/findings/xlsx-timeout-zipfoundation.xlsx"
        // On tmpfs the old code spun forever; copy it there when /dev/shm exists.
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let copy = dir + "/xinyu-zipbounds-\(getpid()).xlsx"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: finding, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let r = Child.run(Paths.binary, ["import", "grid", copy, "--dry-run"], timeout: 30)
        XCTAssertEqual(r.exitCode, 65, r.summary + r.stderr)
        XCTAssertTrue(r.stderr.contains("XLSX 文件结构损坏"), r.stderr)
    }

    /// Every cut of a real workbook (the zip's tail lost at many points) ends promptly with exit 65,
    /// never a hang or a crash.
    func testTruncatedWorkbooksAreRefusedPromptly() throws {
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: Paths.fixtures + "/grid").filter { $0.hasSuffix(".xlsx") }.sorted()
        let source = try XCTUnwrap(fixtures.first, "an XLSX fixture")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Paths.fixtures + "/grid/" + source))
        let dir = NSTemporaryDirectory() + "xinyu-zipcut-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for share in stride(from: 0.2, to: 1.0, by: 0.1) {
            let cut = dir + "/cut-\(Int(share * 100)).xlsx"
            try bytes.prefix(Int(Double(bytes.count) * share)).write(to: URL(fileURLWithPath: cut))
            let r = Child.run(Paths.binary, ["import", "grid", cut, "--dry-run"], timeout: 30)
            XCTAssertFalse(r.timedOut, "\(share): \(r.summary)")
            XCTAssertNil(r.signal, "\(share): \(r.summary)")
            XCTAssertEqual(r.exitCode, 65, "\(share): \(r.summary) \(r.stderr)")
        }
    }
}
