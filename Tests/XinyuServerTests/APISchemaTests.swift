import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// What /openapi.yaml allows is what the server accepts: requests valid by the schema are not
/// refused for their form; those refused by what is stored answer 409; schema-invalid ones 4xx.
final class APISchemaTests: XCTestCase {
    static let bells6 = ["08:00-08:40", "08:50-09:30", "09:50-10:30", "10:40-11:20", "14:00-14:40", "14:50-15:30"]

    static func json(_ bells: [String], psych: String = #"{"T11":"part","T01":"full"}"#) -> String {
        #"{"psych":\#(psych),"bellTimes":[\#(bells.map { "\"\($0)\"" }.joined(separator: ","))],"freePeriods":true}"#
    }

    func testConfirmRefusalsAre409ForTheStoredUploadAnd422ForTheRequestItself() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        let csv = try DeanFlowTests.timetableCSV()
        try await h.test { client in
            let dean = try await APITests.token(client, "dean1")
            let up = try await APITests.call(client, dean, .post, "/api/schools/S01/uploads?filename=%E8%AF%BE%E7%A8%8B%E8%A1%A8.csv", raw: csv)
            assertEqual(up.status, .created, String(buffer: up.body))
            // Two bell times for a file with six periods: the stored upload decides, 409.
            let short = try await APITests.call(client, dean, .post, "/api/uploads/1/confirm", json: Self.json(Array(Self.bells6.prefix(2))))
            assertEqual(short.status, .conflict, String(buffer: short.body))
            assertTrue(String(buffer: short.body).contains("\"errors\""))
            // Seven for six: 409 too.
            let long = try await APITests.call(client, dean, .post, "/api/uploads/1/confirm", json: Self.json(Self.bells6 + ["16:00-16:40"]))
            assertEqual(long.status, .conflict)
            // A bell time that ends before it starts: the request's own values, which no schema can say, 422.
            var backwards = Self.bells6
            backwards[2] = "10:30-09:50"
            assertEqual(try await APITests.call(client, dean, .post, "/api/uploads/1/confirm", json: Self.json(backwards)).status, .unprocessableContent)
            // Schema-invalid: a bell time the pattern refuses is still refused (a 4xx, nothing written).
            var invalid = Self.bells6
            invalid[0] = "25:00-26:00"
            let refused = try await APITests.call(client, dean, .post, "/api/uploads/1/confirm", json: Self.json(invalid))
            assertTrue((400..<500).contains(refused.status.code))
            assertEqual(try h.portal.store.upload(id: 1)?.status, "uploaded")
            let ok = try await APITests.call(client, dean, .post, "/api/uploads/1/confirm", json: Self.json(Self.bells6))
            assertEqual(ok.status, .ok, String(buffer: ok.body))
        }
    }

    func testUploadNamesAndBodiesFollowTheSchema() async throws {
        let h = try await Harness.make(pack: "instances/tiny")
        defer { h.remove() }
        try await h.test { client in
            let dean = try await APITests.token(client, "dean1")
            func send(_ name: String, _ body: Data) async throws -> HTTPResponse.Status {
                let q = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return try await APITests.call(client, dean, .post, "/api/schools/S01/uploads?filename=\(q)", raw: body).status
            }
            assertEqual(try await send("a.CSV", Data("x".utf8)), .created)     // kept, marked failed: it does not read
            assertEqual(try await send("a/b.xlsx", Data("x".utf8)), .created)
            assertEqual(try await send(".csv", Data("x".utf8)), .unsupportedMediaType)
            assertEqual(try await send("a/.csv", Data("x".utf8)), .unsupportedMediaType)
            assertEqual(try await send("a.csv/", Data("x".utf8)), .unsupportedMediaType)
            assertEqual(try await send("a.pdf", Data("x".utf8)), .unsupportedMediaType)
            assertEqual(try await send("a.csv", Data()), .badRequest)
            assertEqual(try h.portal.store.uploads(school: "S01").map(\.status), ["failed", "failed"])
        }
    }

    func testSurveyRowsNameASchoolOfThePackAndAccountsFollowTheirSchema() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let office = try await APITests.token(client, "office")
            let row = #""teacher":"S01T010","name":"任丽","sex":"女","education":"本科","employment":"part","stages":"junior","periods":"3""#
            assertEqual(try await APITests.call(client, office, .post, "/api/survey/rows", json: "{\"school\":\"S99\",\(row)}").status, .notFound)
            assertEqual(try await APITests.call(client, office, .post, "/api/survey/rows", json: "{\(row)}").status, .badRequest)
            let dean = try await APITests.token(client, "dean1")
            assertEqual(try await APITests.call(client, dean, .post, "/api/survey/rows", json: "{\"school\":\"\",\(row)}").status, .badRequest)
            assertEqual(try await APITests.call(client, dean, .post, "/api/survey/rows", json: "{\(row)}").status, .badRequest)
            // A boolean, or a number where the schema wants a string: 400.
            assertEqual(try await APITests.call(client, office, .post, "/api/survey/rows", json: "{\"school\":\"S01\",\(row),\"training\":false}").status, .badRequest)
            assertEqual(try await APITests.call(client, office, .post, "/api/survey/rows", json: "{\"school\":\"S01\",\(row),\"training\":0}").status, .badRequest)
            // Extra properties (allowed by the schema) are ignored, whatever their type.
            let extra = try await APITests.call(client, office, .post, "/api/survey/rows", json: "{\"school\":\"S01\",\(row),\"x\":[1,{}]}")
            assertEqual(extra.status, .created, String(buffer: extra.body))
            // A 30-character Chinese pass phrase (90 bytes: more than bcrypt reads) is accepted and signs in.
            let phrase = String(repeating: "心理健康教育课", count: 4) + "排课"
            let add = try await APITests.call(client, office, .post, "/api/accounts",
                                              json: #"{"username":"dean7","password":"\#(phrase)","role":"school","school":"S01"}"#)
            assertEqual(add.status, .created, String(buffer: add.body))
            assertNotNil(try await Session.login(client, "dean7", phrase))
            assertNil(try await Session.login(client, "dean7", String(phrase.dropLast())))
            let office2 = try await APITests.call(client, office, .post, "/api/accounts",
                                                  json: #"{"username":"office2","password":"password-123","role":"office","school":null}"#)
            assertEqual(office2.status, .created)
            // Outside the schema: a non-ASCII user name, a school account without its school.
            assertEqual(try await APITests.call(client, office, .post, "/api/accounts",
                                                json: #"{"username":"张三","password":"password-123","role":"office"}"#).status, .unprocessableContent)
            assertEqual(try await APITests.call(client, office, .post, "/api/accounts",
                                                json: #"{"username":"dean6","password":"password-123","role":"school"}"#).status, .unprocessableContent)
        }
    }
}
