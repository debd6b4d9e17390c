import Foundation
import XCTest
@testable import XinyuPack

final class OutputTests: XCTestCase {
    func testCSVLineQuoting() {
        XCTAssertEqual(CSVText.line(["a", "b c", "中文"]), "a,b c,中文")
        XCTAssertEqual(CSVText.line(["a,b", "say \"hi\"", "x\ny", "x\r\ny", ""]),
                       "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\r\ny\",")
        XCTAssertEqual(CSVText.line([" padded", "end "]), "\" padded\",\"end \"")
        XCTAssertEqual(CSVText.line([]), "")
    }

    func testCSVDocument() {
        XCTAssertEqual(CSVText.document(header: ["school", "class"], rows: [["S1", "1,2"], ["S2", "3"]], bom: false),
                       "school,class\nS1,\"1,2\"\nS2,3\n")
        let withBOM = CSVText.document(header: ["a"], rows: [], bom: true)
        XCTAssertEqual(Array(withBOM.utf8), [0xEF, 0xBB, 0xBF] + Array("a\n".utf8))
    }

    func testCSVTextReadsBackThroughTheCSVReader() {
        let names = ["普通", "a,b", "q\"uote", "two\nlines", " 空格 "]
        var text = CSVText.line(["teacher", "name"]) + "\n"
        for (i, name) in names.enumerated() { text += CSVText.line(["T\(i)", name]) + "\n" }
        var log = DiagnosticLog()
        let table = CSVTable.parse(text, file: "t.csv", required: ["teacher", "name"], optional: [], log: &log)
        XCTAssertEqual(table?.records.map { $0["name"] }, names)
        XCTAssertEqual(table?.records.map(\.line), [2, 3, 4, 5, 7], "the quoted line break takes a line")
        XCTAssertEqual(log.items, [])
    }

    func testAtomicFileWritesAndLeavesNoTemporaryFiles() throws {
        let folder = temporaryFolder(self)
        let path = folder + "/a/b/out.csv"
        try AtomicFile.write("first\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first\n")
        try AtomicFile.write(Array("second 第二\n".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second 第二\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/a/b"), ["out.csv"])
        try AtomicFile.write([], to: folder + "/empty")
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/empty"), Data())
    }

    func testAtomicFileFailureLeavesTheOldFileAndNoTemporary() throws {
        let folder = temporaryFolder(self)
        let path = folder + "/dir"
        try FileManager.default.createDirectory(atPath: path + "/inner", withIntermediateDirectories: true)
        // Renaming a file over a non-empty folder fails.
        XCTAssertThrowsError(try AtomicFile.write("x", to: path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["dir"])
    }
}
