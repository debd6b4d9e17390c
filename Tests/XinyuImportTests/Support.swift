import Foundation
import XCTest
import XinyuCore
import XinyuGLPK
@testable import XinyuImport
import XinyuPack
import XinyuVerify

enum Paths {
    /// A file of Tests/XinyuImportTests/Fixtures.
    static func fixture(_ relative: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/" + relative).path
    }

    /// The repository root (three levels above this file).
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<repo>/../shared/data/<relative>`, or a skip when the shared data is absent.
    static func shared(_ relative: String) throws -> String {
        let path = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data/" + relative).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("shared data not present: \(path)") }
        return path
    }

    /// A new empty temporary folder.
    static func temporary() -> String {
        let path = NSTemporaryDirectory() + "xinyu-import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs an import expecting an error; returns it.
func importError(_ format: ImportFormat, _ files: [String], _ options: ImportOptions = ImportOptions(),
                 file: StaticString = #filePath, line: UInt = #line) -> ImportError? {
    do {
        _ = try Importer.run(format, files: files, options: options)
        XCTFail("expected an import error", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

/// Writes the result as a pack and reads it back with the pack's own validating reader.
func writeAndLoad(_ result: ImportResult, file: StaticString = #filePath, line: UInt = #line) throws -> LoadedPack {
    let out = Paths.temporary() + "/pack"
    try PackAssembly.write(result, to: out, force: false)
    do {
        return try PackReader.load(path: out)
    } catch {
        XCTFail("imported pack does not validate:\n\(error)", file: file, line: line)
        throw error
    }
}

/// Rows of one class as "weekday-period weeks subject teachers" lines, for compact comparison.
func rowText(_ school: School, _ classID: String) -> [String] {
    school.timetable.filter { $0.classID == classID }.map {
        "\($0.weekday)-\($0.period) \($0.weeks.rawValue) \($0.subject) \($0.teachers.joined(separator: ";"))"
    }
}

/// Solves a loaded pack with GLPK and checks the verifier finds nothing.
func solveAndVerify(_ district: District, file: StaticString = #filePath, line: UInt = #line) -> DistrictResult {
    let result = solveDistrict(district, jobs: 1, options: PlanOptions(timeLimit: 60), solver: GLPKSolver())
    let violations = Verifier.check(result.district, result.lessons, months: result.months, allowShort: true)
    XCTAssertEqual(violations.map(\.description), [], file: file, line: line)
    return result
}

/// Busy (weekday, period) per class in a pack's timetable, counting a two-week cycle's weeks apart
/// (`all` counts twice, odd and even once each) when `twoWeek`.
func busyPeriods(_ school: School, twoWeek: Bool = false) -> [String: Int] {
    var out: [String: Int] = [:]
    for r in school.timetable { out[r.classID, default: 0] += twoWeek && r.weeks == .all ? 2 : 1 }
    return out
}
