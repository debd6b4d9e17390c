import Foundation
import XCTest

/// Shards as a cluster runs them: `xinyu district --shard K/N` in N separate processes, then
/// `xinyu merge`, give the very bytes of one `xinyu district` run (a generated province-mix pack
/// of six schools, so that groups and the i-mod-N assignment both matter).
extension CLITests {
    func testShardsInSeparateProcessesMergeToOneRunsBytes() throws {
        let dir = try tempDir()
        let pack = dir + "/pack"
        let gen = try xinyu(["generate", "--schools", "6", "--seed", "11", "--province", "--out", pack])
        XCTAssertEqual(gen.code, 0, gen.err)
        let common = ["--jobs", "1", "--no-advice", "--quiet"]
        let one = try xinyu(["district", pack, "--out", dir + "/one"] + common)
        XCTAssertTrue([0, 3].contains(one.code), one.err)
        // Three processes at once, as three nodes would run them.
        let shards = (0..<3).map { dir + "/shard-\($0)" }
        let processes = try shards.enumerated().map { k, out -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["district", pack, "--out", out, "--shard", "\(k)/3"] + common
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for (k, p) in processes.enumerated() {
            p.waitUntilExit()
            XCTAssertTrue([0, 3].contains(p.terminationStatus), "shard \(k) exit \(p.terminationStatus)")
        }
        let merged = try xinyu(["merge"] + shards.reversed() + ["--out", dir + "/merged"])
        XCTAssertEqual(merged.code, 0, merged.err)
        for f in ["schedule.csv", "months.csv", "schools.csv", "report.md", "advice.csv"] {
            let a = FileManager.default.contents(atPath: dir + "/one/" + f)
            XCTAssertNotNil(a, f)
            XCTAssertEqual(a, FileManager.default.contents(atPath: dir + "/merged/" + f), "\(f): merged shards equal one run")
        }
    }
}
