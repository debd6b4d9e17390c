import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// Pin and forbid: checked at once, written to schools/<id>/pinned.csv, the school's own only.
final class PinTests: XCTestCase {
    func testPinsAreCheckedWrittenAndKeptToTheirSchool() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let file = h.data + "/pack/schools/S01/pinned.csv"
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            let dean2 = try unwrap(try await Session.login(client, "dean2"))
            let bad = try await dean.post(client, "/schools/S01/pins", ["class": "9-9", "when": "2031-01-01", "period": "99", "kind": "maybe"])
            let text = String(buffer: bad.body)
            for word in ["no such class", "outside the term", "period must be", "kind must be"] { XCTAssertTrue(text.contains(word), word) }
            XCTAssertFalse(FileManager.default.fileExists(atPath: file))
            let ok = try await dean.post(client, "/schools/S01/pins", ["class": "3-1", "when": "2026-09-09", "period": "3", "teacher": "T01", "kind": "keep"])
            assertEqual(ok.status, .seeOther)
            _ = try await dean.post(client, "/schools/S01/pins", ["class": "3-2", "when": "2", "period": "1", "kind": "forbid"])
            let written = try String(contentsOfFile: file, encoding: .utf8)
            XCTAssertEqual(written, "class,when,period,teacher,kind\n3-1,2026-09-09,3,T01,keep\n3-2,2,1,,forbid\n")
            assertEqual(try await dean2.post(client, "/schools/S01/pins", ["class": "3-1", "when": "1", "period": "1", "kind": "forbid"]).status, .notFound)
            assertEqual(try await dean2.get(client, "/schools/S01/pins").status, .notFound)
            assertEqual(try await dean2.post(client, "/schools/S01/pins/1/remove").status, .notFound)
            assertEqual(try await dean2.post(client, "/schools/S02/pins/1/remove").status, .notFound)
            assertEqual(try await dean.post(client, "/schools/S01/pins/1/remove").status, .seeOther)
            assertEqual(try await dean.post(client, "/schools/S01/pins/2/remove").status, .seeOther)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
        let actions = try h.portal.store.auditRows(limit: 20).map(\.action)
        XCTAssertTrue(actions.contains("pin-keep") && actions.contains("pin-forbid") && actions.contains("pin-remove"))
    }

    /// A keep that breaks a hard rule of the term is refused on the page with the engine's rule
    /// (PinRules, as `xinyu solve` refuses it), and nothing is written.
    func testAKeepOnAHolidayIsRefusedWithTheRule() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let file = h.data + "/pack/schools/S01/pinned.csv"
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            let r = try await dean.post(client, "/schools/S01/pins", ["class": "3-1", "when": "2026-10-01", "period": "3", "teacher": "T01", "kind": "keep"])
            let text = String(buffer: r.body)
            XCTAssertTrue(text.contains("2026-10-01") && text.contains("[calendar]"), text)
            XCTAssertFalse(FileManager.default.fileExists(atPath: file))
        }
    }
}
