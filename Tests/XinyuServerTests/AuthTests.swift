import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// Who may reach what: anonymous, wrong passwords, CSRF, sessions, roles.
final class AuthTests: XCTestCase {
    func testAnonymousGetsTheLoginPageOnly() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let login = try await client.execute(uri: "/login", method: .get)
            XCTAssertEqual(login.status, .ok)
            XCTAssertTrue(String(buffer: login.body).contains("name=\"password\""))
            for path in ["/", "/schools/S01", "/uploads/1", "/uploads/1/file", "/runs/1", "/runs/1/files?path=report.md",
                         "/runs/1/events", "/accounts", "/audit", "/district", "/settings", "/survey", "/survey.xlsx", "/tokens"] {
                let r = try await client.execute(uri: path, method: .get)
                XCTAssertEqual(r.status, .seeOther, path)
                XCTAssertEqual(r.headers[.location], "/login", path)
            }
            for path in ["/schools/S01/uploads", "/schools/S01/runs", "/district/runs", "/accounts", "/settings", "/logout"] {
                let r = try await client.execute(uri: path, method: .post, body: ByteBuffer(string: "a=b"))
                XCTAssertEqual(r.status, .seeOther, path)
            }
            for path in ["/api/me", "/api/schools", "/api/dashboard", "/api/runs/1"] {
                let r = try await client.execute(uri: path, method: .get)
                XCTAssertEqual(r.status, .unauthorized, path)
            }
            let bad = try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer xy_nonsense"])
            XCTAssertEqual(bad.status, .unauthorized)
        }
    }

    func testLoginSetsAHardenedSessionCookie() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let page = try await client.execute(uri: "/login", method: .get)
            let pre = try XCTUnwrap(Session.cookie(page, "xinyu_pre"))
            let r = try await client.execute(uri: "/login", method: .post,
                headers: [.cookie: "xinyu_pre=\(pre)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(pre)&username=dean1&password=password-123"))
            XCTAssertEqual(r.status, .seeOther)
            let set = r.headers[values: .setCookie].first { $0.hasPrefix("xinyu_session=") } ?? ""
            XCTAssertTrue(set.contains("HttpOnly"), set)
            XCTAssertTrue(set.contains("SameSite=Strict"), set)
            // The login form itself needs its token (login CSRF).
            let noToken = try await client.execute(uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "username=dean1&password=password-123"))
            XCTAssertEqual(noToken.status, .forbidden)
        }
    }

    func testFiveWrongPasswordsThrottle() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            for _ in 0..<5 { assertNil(try await Session.login(client, "dean1", "wrong-password")) }
            // The sixth attempt is refused even with the right password.
            let page = try await client.execute(uri: "/login", method: .get)
            let pre = try XCTUnwrap(Session.cookie(page, "xinyu_pre"))
            let r = try await client.execute(uri: "/login", method: .post,
                headers: [.cookie: "xinyu_pre=\(pre)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(pre)&username=dean1&password=password-123"))
            XCTAssertEqual(r.status, .tooManyRequests)
            // Another account is not affected.
            assertNotNil(try await Session.login(client, "dean2"))
        }
        let actions = try h.portal.store.auditRows(limit: 50).map(\.action)
        XCTAssertEqual(actions.filter { $0 == "login-failed" }.count, 5)
        XCTAssertTrue(actions.contains("login-throttled"))
    }

    func testFormsWithoutTheirCSRFTokenAreRefused() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            let dean = try unwrap(try await Session.login(client, "dean1"))
            let cases: [(Session, String, [String: String])] = [
                (office, "/accounts", ["username": "x1", "password": "password-123", "role": "school", "school": "S03"]),
                (office, "/accounts/dean2/remove", [:]), (office, "/district/runs", [:]), (office, "/settings", [:]),
                (office, "/tokens", ["label": "x"]), (dean, "/schools/S01/runs", [:]), (dean, "/logout", [:]),
                (dean, "/survey/rows", ["teacher": "S01T010"]),
            ]
            for (s, path, fields) in cases {
                let r = try await s.post(client, path, fields, csrf: false)
                XCTAssertEqual(r.status, .forbidden, path)
                var wrong = s
                wrong.csrf = String(repeating: "0", count: 64)
                assertEqual(try await wrong.post(client, path, fields).status, .forbidden, path)
            }
            let upload = try await dean.upload(client, "/schools/S01/uploads", name: "a.csv", data: Data("x".utf8), csrf: false)
            XCTAssertEqual(upload.status, .forbidden)
        }
        XCTAssertNotNil(try h.portal.store.account(named: "dean2"))
        XCTAssertNil(try h.portal.store.account(named: "x1"))
        XCTAssertTrue(try h.portal.store.runs(school: nil, kind: "school").isEmpty)
    }

    func testLogoutEndsTheSession() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let s = try unwrap(try await Session.login(client, "dean1"))
            assertEqual(try await s.get(client, "/schools/S01").status, .ok)
            assertEqual(try await s.post(client, "/logout").status, .seeOther)
            assertEqual(try await s.get(client, "/schools/S01").status, .seeOther)
        }
    }

    func testASchoolAccountSeesOnlyItsOwnSchool() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let dean = try unwrap(try await Session.login(client, "dean1"))
            let home = try await dean.get(client, "/")
            XCTAssertEqual(home.headers[.location], "/schools/S01")
            assertEqual(try await dean.get(client, "/schools/S01").status, .ok)
            assertEqual(try await dean.get(client, "/schools/S02").status, .notFound)
            assertEqual(try await dean.get(client, "/schools/NOPE").status, .notFound)
            for path in ["/accounts", "/audit", "/district", "/settings", "/survey.xlsx"] {
                assertEqual(try await dean.get(client, path).status, .forbidden, path)
            }
            for (path, fields) in [("/schools/S02/runs", [:]), ("/accounts", ["username": "evil", "password": "password-123", "role": "office"]),
                                   ("/accounts/office/password", ["password": "password-999"]), ("/accounts/dean2/remove", [:]),
                                   ("/district/runs", [:]), ("/settings", ["district_toml": "", "calendar_csv": ""])] as [(String, [String: String])] {
                let r = try await dean.post(client, path, fields)
                XCTAssertTrue([.forbidden, .notFound].contains(r.status), "\(path): \(r.status)")
            }
            let other = try await dean.upload(client, "/schools/S02/uploads", name: "a.csv", data: Data("x".utf8))
            XCTAssertEqual(other.status, .notFound)
        }
        XCTAssertNil(try h.portal.store.account(named: "evil"))
        XCTAssertNotNil(try h.portal.store.account(named: "dean2"))
        XCTAssertTrue(try h.portal.store.uploads(school: nil).isEmpty)
    }

    func testOfficeManagesAccounts() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let office = try unwrap(try await Session.login(client, "office"))
            assertEqual(try await office.get(client, "/").status, .ok)
            let add = try await office.post(client, "/accounts", ["username": "dean3", "password": "password-333", "role": "school", "school": "S03"])
            XCTAssertEqual(add.status, .ok)
            assertNotNil(try await Session.login(client, "dean3", "password-333"))
            let weak = try await office.post(client, "/accounts", ["username": "dean4", "password": "short", "role": "school", "school": "S04"])
            XCTAssertTrue(String(buffer: weak.body).contains("8"))
            _ = try await office.post(client, "/accounts/dean3/password", ["password": "password-new"])
            assertNil(try await Session.login(client, "dean3", "password-333"))
            assertNotNil(try await Session.login(client, "dean3", "password-new"))
            _ = try await office.post(client, "/accounts/dean3/remove")
            assertNil(try await Session.login(client, "dean3", "password-new"))
            let audit = String(buffer: try await office.get(client, "/audit").body)
            XCTAssertTrue(audit.contains("account-add") && audit.contains("account-remove") && audit.contains("account-password"))
        }
        XCTAssertNil(try h.portal.store.account(named: "dean4"))
    }

    func testPasswordsAreStoredAsBcrypt() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        let a = try XCTUnwrap(try h.portal.store.account(named: "dean1"))
        XCTAssertTrue(a.passwordHash.hasPrefix("$2"))
        XCTAssertFalse(a.passwordHash.contains("password-123"))
    }
}
