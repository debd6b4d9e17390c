import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
import XinyuPack
@testable import XinyuServer

/// The office's settings form: values written into district.toml and calendar.csv, judged by the
/// pack reader, refused values shown beside their fields with nothing saved, every change audited.
final class SettingsTests: XCTestCase {
    /// The fields a browser posts for `form` (row N of each list named group.field.N).
    static func fields(_ form: SettingsForm) -> [String: String] {
        var out = form.values
        for (i, p) in form.displaceable.enumerated() { out["disp.key.\(i)"] = p.key; out["disp.value.\(i)"] = p.value }
        for (i, p) in form.monthMinimum.enumerated() { out["month.key.\(i)"] = p.key; out["month.value.\(i)"] = p.value }
        for (i, r) in form.calendar.enumerated() {
            out["cal.date.\(i)"] = r.date; out["cal.kind.\(i)"] = r.kind; out["cal.follows.\(i)"] = r.follows; out["cal.note.\(i)"] = r.note
        }
        return out
    }

    static func current(_ h: Harness) throws -> SettingsForm {
        SettingsForm.from(try PackReader.load(path: h.data + "/pack").district)
    }

    static func schoolDays(_ html: String, _ month: String) -> Int? {
        guard let r = html.range(of: "data-month=\"\(month)\">"),
              let c = html[r.upperBound...].range(of: "class=\"school-days\">") else { return nil }
        return Int(html[c.upperBound...].prefix { $0.isNumber })
    }

    func files(_ h: Harness) throws -> String {
        try String(contentsOfFile: h.data + "/pack/district.toml", encoding: .utf8) + "\u{0}" +
            String(contentsOfFile: h.data + "/pack/calendar.csv", encoding: .utf8)
    }

    func testAHolidayAddedInTheFormTakesEffectAndIsAudited() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        let before = try PackReader.load(path: h.data + "/pack").district
        var form = try Self.current(h)
        form.calendar.append(.init(date: "2026-11-04", kind: "holiday", follows: "", note: "区运动会"))
        let posted = Self.fields(form)
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            let page = String(buffer: try await office.get(client, "/settings").body)
            XCTAssertTrue(page.contains("name=\"cal.date.0\""), page)
            XCTAssertTrue(page.contains("name=\"staffing.fulltime_max_per_week\""))
            let daysBefore = try unwrap(Self.schoolDays(page, "2026-11"))
            let r = try await office.post(client, "/settings", posted)
            let body = String(buffer: r.body)
            XCTAssertEqual(r.status, .ok, body)
            XCTAssertTrue(body.contains("id=\"saved\""), body)
            XCTAssertEqual(Self.schoolDays(body, "2026-11"), daysBefore - 1)
        }
        let after = try PackReader.load(path: h.data + "/pack").district
        XCTAssertEqual(after.calendar.count, before.calendar.count + 1)
        XCTAssertTrue(after.calendar.contains { $0.date.iso == "2026-11-04" && $0.kind == .holiday && $0.note == "区运动会" })
        // Everything the form does not show is kept: the topics, the preferences.
        XCTAssertEqual(after.topics, before.topics)
        XCTAssertEqual(after.preferences, before.preferences)
        XCTAssertEqual(after.policy, before.policy)
        let audit = try h.portal.store.auditRows(limit: 10).first { $0.action == "settings" }
        XCTAssertTrue(try unwrap(audit).detail.contains("calendar.csv: +2026-11-04,holiday,,区运动会"), audit?.detail ?? "")
    }

    func testABadValueIsShownBesideItsFieldAndNothingIsSaved() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        let original = try files(h)
        var form = try Self.current(h)
        form.values["policy.max_per_week"] = "0"
        form.values["staffing.parttime_max_per_day"] = "9"      // above parttime_max_per_week (6)
        form.calendar.append(.init(date: "2026-02-30", kind: "holiday", follows: "", note: ""))
        form.calendar.append(.init(date: "2026-11-07", kind: "makeup", follows: "", note: "调休"))
        let badRow = form.calendar.count - 2
        let posted = Self.fields(form)
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            let r = try await office.post(client, "/settings", posted)
            let body = String(buffer: r.body)
            XCTAssertEqual(r.status, .unprocessableContent)
            XCTAssertTrue(body.contains("id=\"errors\""))
            XCTAssertTrue(body.contains("未保存"))
            // Each message sits in the field's own place: the input is marked, the row carries it.
            XCTAssertTrue(body.contains("name=\"policy.max_per_week\" value=\"0\" class=\"invalid\""), body)
            XCTAssertTrue(body.contains("name=\"staffing.parttime_max_per_day\" value=\"9\" class=\"invalid\""))
            let row = try unwrap(body.range(of: "<tr data-row=\"\(badRow)\">"))
            let rest = body[row.upperBound...]
            let rowHTML = String(rest[..<(rest.range(of: "<tr data-row=")?.lowerBound ?? rest.endIndex)])
            XCTAssertTrue(rowHTML.contains("2026-02-30") && rowHTML.contains("field-error"), rowHTML)
            XCTAssertTrue(body.contains("follows_weekday"), "the make-up day's missing weekday is reported")
            XCTAssertTrue(body.contains("此项有误"))
        }
        XCTAssertEqual(try files(h), original, "nothing saved")
        XCTAssertTrue(try h.portal.store.auditRows(limit: 10).contains { $0.action == "settings-refused" })
    }

    func testTermAndCalendarChangeTogether() async throws {
        // A shorter term with the calendar rows past its end removed: both files are checked at once.
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        var form = try Self.current(h)
        form.values["term.end"] = "2026-10-28"
        form.calendar.removeAll { $0.date >= "2026-10-29" }
        form.values["staffing.fulltime_max_per_week"] = "12"
        form.values["staffing.parttime_max_per_day"] = "1"
        form.monthMinimum = [.init(key: "2026-10", value: "1")]
        let posted = Self.fields(form)
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            let r = try await office.post(client, "/settings", posted)
            XCTAssertEqual(r.status, .ok, String(buffer: r.body))
        }
        let d = try PackReader.load(path: h.data + "/pack").district
        XCTAssertEqual(d.termEnd.iso, "2026-10-28")
        XCTAssertEqual(d.staffing.fulltimeMaxPerWeek, 12)
        XCTAssertEqual(d.staffing.parttimeMaxPerDay, 1)
        XCTAssertEqual(d.policy.monthMinimum, ["2026-10": 1])
        XCTAssertFalse(d.calendar.contains { $0.kind == .exam })
    }

    func testRowsTickedForRemovalAreDropped() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let form = try Self.current(h)
        var fields = Self.fields(form)
        let closure = try unwrap(form.calendar.firstIndex { $0.kind == "closure" })
        fields["cal.remove.\(closure)"] = "1"
        let posted = fields
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            assertEqual(try await office.post(client, "/settings", posted).status, .ok)
        }
        let d = try PackReader.load(path: h.data + "/pack").district
        XCTAssertEqual(d.calendar.count, form.calendar.count - 1)
        XCTAssertFalse(d.calendar.contains { $0.kind == .closure })
    }

    func testOnlyTheOfficeWithItsTokenMayChangeSettings() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        let original = try files(h)
        var form = try Self.current(h)
        form.values["policy.max_per_week"] = "2"
        let posted = Self.fields(form)
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            assertEqual(try await dean.get(client, "/settings").status, .forbidden)
            assertEqual(try await dean.post(client, "/settings", posted).status, .forbidden)
            let office = try unwrap(try await Session.login(client, "office"))
            assertEqual(try await office.post(client, "/settings", posted, csrf: false).status, .forbidden)
            let anonymous = try await client.execute(uri: "/settings", method: .get)
            assertEqual(anonymous.headers[.location], "/login")
        }
        XCTAssertEqual(try files(h), original)
    }

    func testTheFormIsInEnglishByTheSwitch() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            var headers = office.headers
            headers[.cookie] = "xinyu_session=\(office.cookie); lang=en"
            let en = String(buffer: try await client.execute(uri: "/settings", method: .get, headers: headers).body)
            XCTAssertTrue(en.contains("Full-time teacher: periods a week, at most") && en.contains("make-up school day"), en)
            let zh = String(buffer: try await office.get(client, "/settings").body)
            XCTAssertTrue(zh.contains("专职教师每周课时上限") && zh.contains("调休上课日"))
        }
    }

    func testTheWriterKeepsOtherSectionsAndQuotesWhatIsNotALiteral() {
        let old = "name = \"x\"\n[term]\nstart = 2026-09-01\n[topics]\nprimary = [\n  \"a\",\n]\n[\"policy\".displaceable]\n\"班会\" = 3\n"
        XCTAssertEqual(SettingsFiles.keptSections(old), ["[topics]", "primary = [", "  \"a\",", "]"])
        XCTAssertEqual(SettingsFiles.literal("12", .integer), "12")
        XCTAssertEqual(SettingsFiles.literal("1e400", .number), "\"1e400\"")
        XCTAssertEqual(SettingsFiles.literal("2026-02-30", .date), "\"2026-02-30\"")
        XCTAssertEqual(SettingsFiles.literal("x\"\n[policy]", .integer), "\"x\\\"\\n[policy]\"")
        XCTAssertEqual(SettingsFiles.csvField("a,\"b\"\nc"), "\"a,\"\"b\"\" c\"")
    }
}
