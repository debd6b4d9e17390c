import Foundation
import XCTest

/// `xinyu import grid` as a user runs it: the accounting and the grids in --dry-run, the pack
/// written and valid, exit 65 for unreadable layouts and old .xls files, 64 for a hidden --school-id.
final class ImportCLITests: XCTestCase {
    func run(_ args: [String]) throws -> Run { try ChildProcess.xinyu(args) }

    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-import-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// A 总课表 CSV: days written once over periods 1–3, a time row, two classes.
    static let wholeSchool = """
        吉林市第二实验小学课程表,,,,,,,
        班级,星期一,,,星期二,,,
        ,1,2,3,1,2,3
        时间,8:00-8:40,8:50-9:30,9:40-10:20,8:00-8:40,8:50-9:30,9:40-10:20
        二年级(1)班,语文 张三,数学 李四,体育/音乐,数学 李四,语文 张三,
        二年级(2)班,数学 李四,语文 王五,美术 赵六,,班会 王五,语文 王五

        """

    func testDryRunImportAndValidate() throws {
        let dir = try tempDir()
        let csv = dir + "/school.csv"
        try Self.wholeSchool.write(toFile: csv, atomically: true, encoding: .utf8)
        let dry = try run(["import", "grid", csv, "--dry-run"])
        XCTAssertEqual(dry.code, 0, dry.err)
        XCTAssertTrue(dry.out.contains("School 学校: school — 吉林市第二实验小学"), dry.out)
        XCTAssertTrue(dry.out.contains("Cells 单元格: 29 non-empty 非空 = 10 lessons"), dry.out)
        XCTAssertTrue(dry.out.contains("Bell times 作息时间: 08:00-08:40, 08:50-09:30, 09:40-10:20"), dry.out)
        XCTAssertTrue(dry.out.contains("1 08:00-08:40 | 语文(张三) | 数学(李四)"), dry.out)
        XCTAssertTrue(dry.out.contains("体育|音乐"), dry.out)
        let pack = dir + "/pack"
        let w = try run(["import", "grid", csv, "--out", pack, "--school-id", "s2", "--school-name", "二小"])
        XCTAssertEqual(w.code, 0, w.err)
        let toml = try String(contentsOfFile: pack + "/schools/s2/school.toml", encoding: .utf8)
        XCTAssertTrue(toml.contains("period_times") && toml.contains("二小"), toml)
        XCTAssertEqual(try run(["validate", pack]).code, 0)
    }

    func testRefusals() throws {
        let dir = try tempDir()
        let xls = dir + "/old.xls"
        FileManager.default.createFile(atPath: xls, contents: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)))
        let a = try run(["import", "grid", xls, "--out", dir + "/p1"])
        XCTAssertEqual(a.code, 65)
        XCTAssertTrue(a.err.contains(".xlsx") && a.err.contains("另存为"), a.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/p1"))
        let csv = dir + "/school.csv"
        try Self.wholeSchool.write(toFile: csv, atomically: true, encoding: .utf8)
        let b = try run(["import", "grid", csv, "--out", dir + "/p2", "--school-id", ".evil"])
        XCTAssertEqual(b.code, 64, b.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/p2"))
        let loose = dir + "/loose.csv"
        try "一年级(1)班\n第1节,语文,数学\n第2节,英语,体育\n".write(toFile: loose, atomically: true, encoding: .utf8)
        let c = try run(["import", "grid", loose, "--out", dir + "/p3"])
        XCTAssertEqual(c.code, 65, c.err)
        XCTAssertTrue(c.err.contains("loose.csv") && c.err.contains("不在任何课表块内"), c.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/p3"))
    }
}
