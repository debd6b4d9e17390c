import Foundation
import XCTest
@testable import XinyuPack

/// A fresh empty folder under the system temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) -> String {
    let path = NSTemporaryDirectory() + "xinyu-pack-tests-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// Writes a pack from relative path → contents (text as UTF-8, or raw bytes) and returns its root.
func writePack(_ test: XCTestCase, _ files: [String: String], bytes: [String: [UInt8]] = [:]) -> String {
    let root = temporaryFolder(test) + "/pack"
    for (relPath, text) in files {
        write(Array(text.utf8), to: root + "/" + relPath)
    }
    for (relPath, data) in bytes {
        write(data, to: root + "/" + relPath)
    }
    return root
}

private func write(_ data: [UInt8], to path: String) {
    let url = URL(fileURLWithPath: path)
    try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! Data(data).write(to: url)
}

/// A minimal valid pack: one school "A", two classes, two teachers, an odd/even pair of rows.
let basePack: [String: String] = [
    "district.toml": """
        name = "测试区"
        [term]
        start = 2026-09-01
        end = 2027-01-15
        """,
    "schools/A/school.toml": """
        name = "A校"
        stages = ["primary"]
        days_per_week = 5
        periods_per_day = 7
        """,
    "schools/A/classes.csv": """
        class,grade,stage,students
        C1,1,primary,40
        C2,2,primary,
        """,
    "schools/A/teachers.csv": """
        teacher,name,psych,stages,max_per_day,max_per_week
        T1,张,full,primary,,
        T2,李,none,,,
        """,
    "schools/A/timetable.csv": """
        class,weekday,period,subject,teacher,weeks
        C1,1,1,语文,T2,
        C1,1,2,班会,T2,odd
        C1,1,2,地方课程,T2,even
        """,
]

/// The base pack with some files replaced (or added).
func pack(_ changes: [String: String]) -> [String: String] {
    basePack.merging(changes) { _, new in new }
}

extension XCTestCase {
    /// Loads a pack that must be valid.
    func load(_ files: [String: String], file: StaticString = #filePath, line: UInt = #line) -> LoadedPack? {
        let root = writePack(self, files)
        do {
            return try PackReader.load(path: root)
        } catch {
            XCTFail("expected a valid pack, got:\n\(error)", file: file, line: line)
            return nil
        }
    }

    /// Loads a pack that must fail and returns all its diagnostics.
    func diagnostics(_ files: [String: String], bytes: [String: [UInt8]] = [:],
                     file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        let root = writePack(self, files, bytes: bytes)
        do {
            let loaded = try PackReader.load(path: root)
            XCTFail("expected errors, the pack loaded (notes: \(loaded.notes))", file: file, line: line)
            return []
        } catch {
            // Every message the reader gives is bilingual and names its place (the project standard).
            for d in error.diagnostics { assertBilingual(d, file: file, line: line) }
            return error.diagnostics
        }
    }

    /// Asserts that loading `files` fails with an error at `path:errorLine` whose message
    /// contains `fragment`.
    func assertError(_ files: [String: String], bytes: [String: [UInt8]] = [:], at path: String, line errorLine: Int?,
                     _ fragment: String, field: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let all = diagnostics(files, bytes: bytes, file: file, line: line)
        let match = all.first {
            $0.severity == .error && $0.location.file == path && $0.location.line == errorLine && $0.message.contains(fragment)
        }
        guard let match else {
            XCTFail("no error at \(path):\(errorLine.map(String.init) ?? "-") containing \(fragment.debugDescription); got:\n"
                    + all.map(\.description).joined(separator: "\n"), file: file, line: line)
            return
        }
        if let field { XCTAssertEqual(match.location.field, field, file: file, line: line) }
    }
}
