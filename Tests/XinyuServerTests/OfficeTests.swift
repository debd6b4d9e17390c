import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// The office's pages: dashboard, settings, the survey and its district table, language, assets.
final class OfficeTests: XCTestCase {
    func testDashboardListsEverySchoolInBothLanguages() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            let zh = String(buffer: try await office.get(client, "/").body)
            XCTAssertTrue(zh.contains("全区总览"))
            for s in ["S01", "S05", "S10"] { XCTAssertTrue(zh.contains(">\(s) "), s) }
            let sw = try await client.execute(uri: "/lang/en?back=/district", method: .get, headers: office.headers)
            XCTAssertEqual(sw.headers[.location], "/district")
            assertEqual(try await client.execute(uri: "/lang/en?back=//evil.example", method: .get).headers[.location], "/")
            var en = office.headers
            en[.cookie] = "xinyu_session=\(office.cookie); lang=en"
            let page = String(buffer: try await client.execute(uri: "/", method: .get, headers: en).body)
            XCTAssertTrue(page.contains("District dashboard"))
            for page in ["/district", "/settings", "/accounts", "/audit", "/survey", "/survey?school=S01", "/tokens", "/schools/S03"] {
                assertEqual(try await office.get(client, page).status, .ok, page)
            }
            let css = try await client.execute(uri: "/static/portal.css", method: .get)
            XCTAssertEqual(css.status, .ok)
            XCTAssertFalse(String(buffer: css.body).contains("http"), "no external font or CDN")
            assertEqual(try await client.execute(uri: "/static/portal.js", method: .get).status, .ok)
            assertEqual(try await client.execute(uri: "/static/..%2Fopenapi.yaml", method: .get).status, .notFound)
            assertEqual(try await client.execute(uri: "/healthz", method: .get).status, .ok)
        }
    }

    func testSurveyIsCheckedAgainstTeachersCSVAndExported() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            let dean2 = try unwrap(try await Session.login(client, "dean2"))
            let base = ["name": "任丽", "sex": "女", "age": "35", "education": "本科", "major": "心理学", "certificate": "C证",
                        "employment": "full", "stages": "junior", "periods": "3", "training": "区培训"]
            var row = base
            row["teacher"] = "S01T010"
            row["school"] = "S02"   // ignored for a school account
            assertEqual(try await dean.post(client, "/survey/rows", row).status, .seeOther)
            var bad = base
            bad["teacher"] = "S01T999"
            bad["sex"] = "x"
            let refused = String(buffer: try await dean.post(client, "/survey/rows", bad).body)
            XCTAssertTrue(refused.contains("性别"), refused)
            let page = String(buffer: try await dean.get(client, "/survey").body)
            XCTAssertTrue(page.contains("专兼职与 teachers.csv 不符"), "S01T010 is part-time in teachers.csv")
            XCTAssertTrue(page.contains("S01T038"), "the full-time teacher without a row is listed")
            // dean2 sees none of it and cannot remove it.
            assertFalse(String(buffer: try await dean2.get(client, "/survey").body).contains("任丽"))
            assertEqual(try await dean2.post(client, "/survey/rows/1/remove").status, .notFound)
            let office = try unwrap(try await Session.login(client, "office"))
            let xlsx = try await office.get(client, "/survey.xlsx")
            XCTAssertEqual(xlsx.status, .ok)
            XCTAssertEqual(Array(xlsx.body.readableBytesView.prefix(2)), [0x50, 0x4B])
            assertEqual(try await dean.post(client, "/survey/rows/1/remove").status, .seeOther)
        }
        XCTAssertTrue(try h.portal.store.surveyRows(school: nil).isEmpty)
    }

    func testDistrictRunIsTheOfficesAndRunsInTheBackground() async throws {
        guard FileManager.default.isExecutableFile(atPath: Harness.xinyu) else { throw XCTSkip("xinyu not built") }
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            let dean = try unwrap(try await Session.login(client, "dean1"))
            assertEqual(try await dean.post(client, "/district/runs").status, .forbidden)
            let start = try await office.post(client, "/district/runs")
            XCTAssertEqual(start.headers[.location], "/runs/1")
            // The server answers while the run goes on.
            assertEqual(try await office.get(client, "/").status, .ok)
            assertEqual(try await dean.get(client, "/runs/1").status, .notFound)
            let deadline = Date().addingTimeInterval(240)
            while Date() < deadline, try h.portal.store.run(id: 1)?.finished != true { try await Task.sleep(for: .milliseconds(300)) }
            let run = try XCTUnwrap(try h.portal.store.run(id: 1))
            XCTAssertTrue(["done", "short"].contains(run.status), "\(run.status): \(run.progress)")
            let csv = try await office.get(client, "/runs/1/files?path=schools.csv")
            XCTAssertEqual(csv.status, .ok)
            XCTAssertTrue(String(buffer: csv.body).contains("S01"))
        }
    }
}
