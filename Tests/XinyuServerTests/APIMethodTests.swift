import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// HTTP methods on the API: 405 carries the path's own Allow list, HEAD and OPTIONS work, and the
/// OpenAPI document lists exactly the methods the router answers.
final class APIMethodTests: XCTestCase {
    /// path → methods as the OpenAPI document lists them ("/api/uploads/{id}" → ["GET"]).
    static func documented() throws -> [String: [String]] {
        let yaml = try String(contentsOfFile: Harness.root + "/Sources/XinyuServer/openapi.yaml", encoding: .utf8)
        var out: [String: [String]] = [:]
        var current: String?
        for line in yaml.components(separatedBy: "\n") {
            if line.hasPrefix("  /api/"), line.hasSuffix(":") { current = String(line.dropFirst(2).dropLast()); out[current!] = [] }
            else if !line.hasPrefix("  ") { current = nil }
            else if let c = current, let m = ["get", "post", "put", "patch", "delete"].first(where: { line == "    \($0):" }) {
                out[c, default: []].append(m.uppercased())
            }
        }
        return out
    }

    func testTheDocumentListsWhatTheRouterAnswers() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        let documented = try Self.documented()
        XCTAssertGreaterThan(documented.count, 10)
        try await h.test { client in
            let office = try await APITests.token(client, "office")
            for (path, methods) in documented.sorted(by: { $0.key < $1.key }) {
                let uri = path.replacingOccurrences(of: "{school}", with: "S01").replacingOccurrences(of: "{id}", with: "1")
                    .replacingOccurrences(of: "{name}", with: "nobody")
                let options = try await APITests.call(client, office, .options, uri)
                assertEqual(options.status, .noContent, uri)
                let expected = (methods.contains("GET") ? ["GET", "HEAD"] : []) + methods.filter { $0 != "GET" }
                let allowed = Set((options.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                assertEqual(allowed, Set(expected), "\(path): Allow \(options.headers[.allow] ?? "-") vs the document")
                for m in ["GET", "POST", "PUT", "PATCH", "DELETE"] where !methods.contains(m) {
                    let r = try await APITests.call(client, office, HTTPRequest.Method(m)!, uri)
                    assertEqual(r.status, .methodNotAllowed, "\(m) \(uri)")
                    assertEqual(r.headers[.allow], options.headers[.allow], "\(m) \(uri)")
                }
            }
        }
    }

    func testAllowIsThePathsOwnAndHeadIsGetWithoutABody() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            let dean = try await APITests.token(client, "dean1")
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.delete, "/api/me", "GET, HEAD"), (.put, "/api/schools/S01/uploads", "GET, HEAD, POST"),
                (.patch, "/api/accounts/dean2", "DELETE"), (.post, "/api/survey.xlsx", "GET, HEAD"), (.get, "/api/survey/rows", "POST"),
                (.delete, "/api/uploads/7/confirm", "POST"),
            ]
            for (m, uri, allow) in cases {
                let r = try await APITests.call(client, dean, m, uri)
                assertEqual(r.status, .methodNotAllowed, "\(m) \(uri)")
                assertEqual(r.headers[.allow], allow, "\(m) \(uri)")
                assertTrue(String(buffer: r.body).contains("\"error\""))
            }
            let head = try await APITests.call(client, dean, .head, "/api/me")
            assertEqual(head.status, .ok)
            assertEqual(head.body.readableBytes, 0)
            // Not a route: the router's 404, whatever the method.
            assertEqual(try await APITests.call(client, dean, .put, "/api/nothing/here").status, .notFound)
            // Without a token the method is still checked first (nothing about the data is told).
            assertEqual(try await client.execute(uri: "/api/me", method: .delete).status, .methodNotAllowed)
        }
    }

    func testTheUploadNamePatternIsTheFormatsTheServerReads() throws {
        let yaml = try String(contentsOfFile: Harness.root + "/Sources/XinyuServer/openapi.yaml", encoding: .utf8)
        let line = try XCTUnwrap(yaml.components(separatedBy: "\n").first { $0.contains("name: filename") })
        let start = try XCTUnwrap(line.range(of: "pattern: \"")), rest = line[start.upperBound...]
        let pattern = String(rest[..<(rest.range(of: "\" }")?.lowerBound ?? rest.endIndex)]).replacingOccurrences(of: "\\\\", with: "\\")
        for ext in ["xlsx", "XLSX", "csv", "txt", "fet", "xml", "xhstt", "zip", "xls", "pdf", "docx", "json", "ods", ""] {
            let name = "课程表." + ext
            let schemaValid = name.range(of: pattern, options: .regularExpression) != nil
            XCTAssertEqual(schemaValid, UploadService.format(of: name) != nil, name)
        }
    }
}
