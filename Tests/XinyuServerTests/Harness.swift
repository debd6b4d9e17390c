import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// A portal on a fresh data folder seeded from the sample district, with three accounts:
/// office (the office), dean1 (school S01), dean2 (school S02); every password is "password-123".
struct Harness {
    let portal: Portal
    let data: String

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `xinyu` beside the test bundle (solves run it as a child, as the server does).
    static var xinyu: String {
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("xinyu").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }
    final class Marker {}

    static func make(pack: String = "instances/changyi-autumn2026", accounts: Bool = true) async throws -> Harness {
        let data = NSTemporaryDirectory() + "xinyu-portal-\(UUID().uuidString)"
        _ = try Seeding.seed(dataDirectory: data, from: root + "/" + pack)
        var config = PortalConfig(dataDirectory: data, xinyuExecutable: xinyu)
        config.bcryptCost = 4
        config.maxUploadBytes = 512 * 1024
        config.solveTimeLimit = 60
        let portal = try await Portal.open(config)
        if accounts {
            let actions = AccountActions(store: portal.store, cost: 4)
            for (name, role, school) in [("office", Role.office, nil), ("dean1", .school, "S01"), ("dean2", .school, "S02")] {
                let refused = try await actions.add(by: "test", username: name, password: "password-123", role: role, school: school)
                XCTAssertNil(refused)
            }
        }
        return Harness(portal: portal, data: data)
    }

    func remove() { try? FileManager.default.removeItem(atPath: data) }

    /// A new portal on the same data folder (a restart, or a second server process).
    func reopened(_ change: (inout PortalConfig) -> Void = { _ in }) async throws -> Harness {
        var config = portal.config
        change(&config)
        return Harness(portal: try await Portal.open(config), data: data)
    }

    /// Runs `body` against the router in process.
    func test(_ body: @escaping @Sendable (TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: portal.router())
        try await app.test(.router) { client in try await body(client) }
    }
}

/// A signed-in browser: its session cookie and CSRF token.
struct Session: Sendable {
    var cookie: String
    var csrf: String
    /// The page language cookie the header's switch sets (nil: none, the Chinese default).
    var lang: String?

    var headers: HTTPFields { [.cookie: "xinyu_session=\(cookie)" + (lang.map { "; lang=\($0)" } ?? "")] }

    static func login(_ client: TestClientProtocol, _ user: String, _ password: String = "password-123") async throws -> Session? {
        let page = try await client.execute(uri: "/login", method: .get)
        guard let pre = cookie(page, "xinyu_pre") else { return nil }
        let r = try await client.execute(uri: "/login", method: .post,
            headers: [.cookie: "xinyu_pre=\(pre)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "csrf=\(pre)&username=\(user)&password=\(password)"))
        guard r.status == .seeOther, let session = cookie(r, "xinyu_session") else { return nil }
        // The CSRF token is in every form of the pages.
        let home = try await client.execute(uri: "/tokens", method: .get, headers: [.cookie: "xinyu_session=\(session)"])
        guard let csrf = field(String(buffer: home.body), "csrf") else { return nil }
        return Session(cookie: session, csrf: csrf, lang: nil)
    }

    static func cookie(_ r: TestResponse, _ name: String) -> String? {
        for v in r.headers[values: .setCookie] where v.hasPrefix(name + "=") {
            return String(v.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func field(_ html: String, _ name: String) -> String? {
        guard let r = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    func get(_ client: TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// Posts a form with this session's CSRF token (or without, when `csrf` is false).
    func post(_ client: TestClientProtocol, _ uri: String, _ fields: [String: String] = [:], csrf: Bool = true) async throws -> TestResponse {
        var all = fields
        if csrf { all["csrf"] = self.csrf }
        let body: String = all.keys.sorted().map { (k: String) -> String in
            let v = (all[k] ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return k + "=" + v
        }.joined(separator: "&")
        var h = headers
        h[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: body))
    }

    /// Posts a file as multipart/form-data (the upload form).
    func upload(_ client: TestClientProtocol, _ uri: String, name: String, data: Data, csrf: Bool = true) async throws -> TestResponse {
        let boundary = "----xinyu-test-boundary"
        var body = Data()
        if csrf { body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(self.csrf)\r\n".utf8)) }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var h = headers
        h[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(bytes: body))
    }
}

// XCTAssert's autoclosures cannot await: these take the value already computed.
func assertEqual<T: Equatable>(_ a: T, _ b: T, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a, b, message, file: file, line: line)
}
func assertTrue(_ v: Bool, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(v, message, file: file, line: line)
}
func assertFalse(_ v: Bool, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(v, message, file: file, line: line)
}
func assertNil<T>(_ v: T?, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertNil(v, message, file: file, line: line)
}
func assertNotNil<T>(_ v: T?, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertNotNil(v, message, file: file, line: line)
}
func unwrap<T>(_ v: T?, file: StaticString = #filePath, line: UInt = #line) throws -> T {
    try XCTUnwrap(v, file: file, line: line)
}
