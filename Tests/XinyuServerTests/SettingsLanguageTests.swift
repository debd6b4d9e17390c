import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
import XinyuPack
@testable import XinyuServer

/// A refused save shows each reader message beside its field in the page's language: the Chinese
/// message on the Chinese page, the English one after the switch — not one mixed text.
final class SettingsLanguageTests: XCTestCase {
    func testRefusedValuesAreExplainedInThePageLanguage() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        var form = try SettingsTests.current(h)
        form.values["policy.max_per_week"] = "0"
        form.values["term.end"] = "2026-08-01"                 // before the term's start
        form.calendar.append(.init(date: "2026-11-07", kind: "makeup", follows: "", note: "调休"))
        let posted = SettingsTests.fields(form)
        try await h.test { client in
            let session = try await Session.login(client, "office")
            var office = try XCTUnwrap(session)
            let zh = String(buffer: try await office.post(client, "/settings", posted).body)
            XCTAssertTrue(zh.contains("此项有误："), zh)
            XCTAssertTrue(zh.contains("不是 ≥ 1 的整数"), zh)
            XCTAssertTrue(zh.contains("早于开始 term.start"), zh)
            XCTAssertTrue(zh.contains("调休上课日须填写 follows_weekday"), zh)
            for english in ["is not a whole number", "is before term.start", "a makeup day needs", "not accepted"] {
                XCTAssertFalse(zh.contains(english), "the Chinese page shows \(english)")
            }

            office.lang = "en"
            let en = String(buffer: try await office.post(client, "/settings", posted).body)
            XCTAssertTrue(en.contains("Not accepted:"), en)
            XCTAssertTrue(en.contains("is not a whole number ≥ 1"), en)
            XCTAssertTrue(en.contains("is before term.start"), en)
            XCTAssertTrue(en.contains("a makeup day needs follows_weekday"), en)
            for chinese in ["不是 ≥ 1 的整数", "早于开始", "调休上课日须填写", "此项有误"] {
                XCTAssertFalse(en.contains(chinese), "the English page shows \(chinese)")
            }
        }
        // The audit log keeps both languages.
        let refused = try h.portal.store.auditRows(limit: 10).filter { $0.action == "settings-refused" }
        XCTAssertEqual(refused.count, 2)
        XCTAssertTrue(refused.allSatisfy { $0.detail.contains("is not a whole number") && $0.detail.contains("不是 ≥ 1 的整数") })
    }

    /// A pack broken on disk (by hand, between two saves): the office's dashboard and settings page
    /// list the reader's messages with file and line, in the page language.
    func testABrokenPackIsListedInThePageLanguage() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let toml = h.data + "/pack/district.toml"
        let text = try String(contentsOfFile: toml, encoding: .utf8)
        try text.replacingOccurrences(of: "end = 2026-10-30", with: "end = \"2026-10-32\"").write(toFile: toml, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try String(contentsOfFile: toml, encoding: .utf8), text, "the term's end is broken")
        await h.portal.pack.invalidate()
        try await h.test { client in
            let session = try await Session.login(client, "office")
            var office = try XCTUnwrap(session)
            for page in ["/", "/settings"] {
                office.lang = nil
                let zh = String(buffer: try await office.get(client, page).body)
                XCTAssertTrue(zh.contains("district.toml:"), "\(page): \(zh)")
                XCTAssertTrue(zh.contains("TOML 语法错误") || zh.contains("不是日期"), "\(page): \(zh)")
                office.lang = "en"
                let en = String(buffer: try await office.get(client, page).body)
                XCTAssertTrue(en.contains("district.toml:"), "\(page): \(en)")
                XCTAssertFalse(en.contains("TOML 语法错误") || en.contains("不是日期"), "\(page): \(en)")
            }
        }
    }
}
