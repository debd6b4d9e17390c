import Foundation
import XCTest

/// The committed sample packs, solved by the built `xinyu`, give the same bytes as recorded in
/// Snapshots/golden.txt (FNV-1a 64 of every output file). A refactoring must leave them alone;
/// change the snapshot only when the output is changed on purpose, by running this test with
/// XINYU_GOLDEN_RECORD=1 and committing the new file with the reason.
final class GoldenTests: XCTestCase {
    /// (name in the snapshot, pack under instances/, extra arguments). changyi-autumn2026 is solved
    /// for S01 only: the whole pack takes minutes on a shared machine.
    static let cases: [(String, String, [String])] = [
        ("tiny", "tiny", []),
        ("tiny-january", "tiny-january", []),
        ("changyi-autumn2026-S01", "changyi-autumn2026", ["--school", "S01"]),
    ]

    static var snapshotPath: String { CLITests.root + "/Tests/XinyuCLITests/Snapshots/golden.txt" }

    func testSamplePacksGiveRecordedBytes() throws {
        guard FileManager.default.isExecutableFile(atPath: ChildProcess.binary) else { return XCTFail("xinyu is built beside the tests") }
        var lines: [String] = []
        for (name, pack, extra) in Self.cases {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("xinyu-golden-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: out) }
            let r = try ChildProcess.xinyu(["solve", CLITests.root + "/instances/" + pack, "--out", out, "--quiet"] + extra)
            lines.append("\(name) exit \(r.code)")
            // The output set's hidden marker (.xinyu-output, docs/TRUST.md) is bookkeeping, not output.
            let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }.sorted()
            for f in files {
                let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + f))
                lines.append("\(name)/\(f) \(data.count) \(String(fnv1a64(data), radix: 16))")
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["XINYU_GOLDEN_RECORD"] == "1" {
            try text.write(toFile: Self.snapshotPath, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOfFile: Self.snapshotPath, encoding: .utf8)
        XCTAssertEqual(text, recorded, "solve outputs changed; see Tests/XinyuCLITests/Snapshots/golden.txt")
    }

    private func fnv1a64(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
