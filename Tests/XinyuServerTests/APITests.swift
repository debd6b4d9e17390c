import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// The JSON API: tokens, the same authorization as the pages, the OpenAPI document.
final class APITests: XCTestCase {
    /// Creates a token on the tokens page and returns it.
    static func token(_ client: TestClientProtocol, _ user: String) async throws -> String {
        let s = try unwrap(try await Session.login(client, user))
        let page = String(buffer: try await s.post(client, "/tokens", ["label": "script"]).body)
        let r = try XCTUnwrap(page.range(of: "id=\"newtoken\">"))
        return String(page[r.upperBound...].prefix { $0 != "<" })
    }

    static func call(_ client: TestClientProtocol, _ token: String, _ method: HTTPRequest.Method, _ uri: String, json: String? = nil,
              raw: Data? = nil) async throws -> TestResponse {
        var h: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { h[.contentType] = "application/json" }
        let body = json.map { ByteBuffer(string: $0) } ?? raw.map { ByteBuffer(bytes: $0) }
        return try await client.execute(uri: uri, method: method, headers: h, body: body)
    }

    func testTokensAndSchoolBoundaries() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let dean = try await Self.token(client, "dean1")
            let office = try await Self.token(client, "office")
            XCTAssertTrue(dean.hasPrefix("xy_"))
            let me = String(buffer: try await Self.call(client, dean, .get, "/api/me").body)
            XCTAssertTrue(me.contains("\"school\":\"S01\""), me)
            let schools = String(buffer: try await Self.call(client, dean, .get, "/api/schools").body)
            XCTAssertTrue(schools.contains("S01") && !schools.contains("S02"), schools)
            let all = String(buffer: try await Self.call(client, office, .get, "/api/schools").body)
            XCTAssertTrue(all.contains("S02"))
            // A school token: no office call, no other school.
            for (m, uri) in [(HTTPRequest.Method.get, "/api/dashboard"), (.get, "/api/accounts"), (.get, "/api/district/runs"),
                             (.post, "/api/district/runs"), (.get, "/api/survey.xlsx")] {
                assertEqual(try await Self.call(client, dean, m, uri).status, .forbidden, uri)
            }
            for (m, uri) in [(HTTPRequest.Method.get, "/api/schools/S02/uploads"), (.get, "/api/schools/S02/runs"),
                             (.post, "/api/schools/S02/runs"), (.get, "/api/survey?school=S02")] {
                assertEqual(try await Self.call(client, dean, m, uri).status, .notFound, uri)
            }
            let up = try await Self.call(client, dean, .post, "/api/schools/S02/uploads?filename=a.csv", raw: Data("x".utf8))
            XCTAssertEqual(up.status, .notFound)
            let evil = try await Self.call(client, dean, .post, "/api/accounts", json: #"{"username":"evil","password":"password-123","role":"office"}"#)
            XCTAssertEqual(evil.status, .forbidden)
            // A survey row naming another school is written to the dean's own school.
            let row = try await Self.call(client, dean, .post, "/api/survey/rows", json: """
                {"school":"S02","teacher":"S01T010","name":"任丽","sex":"女","age":35,"education":"本科","major":"心理学",
                 "certificate":"C证","employment":"part","stages":"junior","periods":3,"training":"2026 区培训"}
                """)
            XCTAssertEqual(row.status, .created, String(buffer: row.body))
            XCTAssertEqual(try h.portal.store.surveyRows(school: "S02").count, 0)
            XCTAssertEqual(try h.portal.store.surveyRows(school: "S01").count, 1)
            // The office: accounts over the API.
            let add = try await Self.call(client, office, .post, "/api/accounts", json: #"{"username":"dean9","password":"password-999","role":"school","school":"S09"}"#)
            XCTAssertEqual(add.status, .created)
            let weak = try await Self.call(client, office, .post, "/api/accounts", json: #"{"username":"dean8","password":"x","role":"school","school":"S08"}"#)
            XCTAssertEqual(weak.status, .unprocessableContent)
            let junk = try await Self.call(client, office, .post, "/api/accounts", json: "not json")
            XCTAssertEqual(junk.status, .badRequest)
            assertEqual(try await Self.call(client, office, .delete, "/api/accounts/dean9").status, .noContent)
            assertEqual(try await Self.call(client, office, .delete, "/api/accounts/dean9").status, .notFound)
            let dash = String(buffer: try await Self.call(client, office, .get, "/api/dashboard").body)
            XCTAssertTrue(dash.contains("\"districtRuns\""))
            // A cookie alone does not open the API.
            let s = try unwrap(try await Session.login(client, "dean1"))
            assertEqual(try await s.get(client, "/api/me").status, .unauthorized)
        }
    }

    func testRevokedTokensStopWorking() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let token = try await Self.token(client, "dean1")
            assertEqual(try await Self.call(client, token, .get, "/api/me").status, .ok)
            let s = try unwrap(try await Session.login(client, "dean1"))
            let other = try unwrap(try await Session.login(client, "dean2"))
            // Another account cannot revoke it.
            assertEqual(try await other.post(client, "/tokens/1/revoke").status, .notFound)
            assertEqual(try await Self.call(client, token, .get, "/api/me").status, .ok)
            assertEqual(try await s.post(client, "/tokens/1/revoke").status, .seeOther)
            assertEqual(try await Self.call(client, token, .get, "/api/me").status, .unauthorized)
        }
    }

    func testTheOpenAPIDocumentIsServedAndMatchesDocs() async throws {
        let h = try await Harness.make(accounts: false)
        defer { h.remove() }
        try await h.test { client in
            let r = try await client.execute(uri: "/openapi.yaml", method: .get)
            XCTAssertEqual(r.status, .ok)
            let served = String(buffer: r.body)
            XCTAssertTrue(served.hasPrefix("openapi: 3."))
            let docs = try String(contentsOfFile: Harness.root + "/docs/openapi.yaml", encoding: .utf8)
            XCTAssertEqual(served, docs, "docs/openapi.yaml is a copy of Sources/XinyuServer/openapi.yaml")
            // Every API route of the server is described.
            for path in ["/api/me", "/api/schools", "/api/dashboard", "/api/schools/{school}/uploads", "/api/uploads/{id}",
                         "/api/uploads/{id}/confirm", "/api/uploads/{id}/file", "/api/schools/{school}/runs", "/api/runs/{id}",
                         "/api/runs/{id}/file", "/api/district/runs", "/api/accounts", "/api/accounts/{name}", "/api/survey",
                         "/api/survey/rows", "/api/survey.xlsx"] {
                XCTAssertTrue(served.contains("\n  \(path):\n"), path)
            }
        }
    }
}
