import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import XinyuServer

/// Login throttling kept in SQLite: per user name and per client address, a 15-minute window,
/// surviving a restart (a new portal on the same data folder).
final class ThrottleTests: XCTestCase {
    /// One login attempt; the response status (from `address` when given, via X-Forwarded-For).
    static func attempt(_ client: TestClientProtocol, _ user: String, _ password: String, from address: String? = nil) async throws -> HTTPResponse.Status {
        let page = try await client.execute(uri: "/login", method: .get)
        let pre = try XCTUnwrap(Session.cookie(page, "xinyu_pre"))
        var headers: HTTPFields = [.cookie: "xinyu_pre=\(pre)", .contentType: "application/x-www-form-urlencoded"]
        if let address { headers[HTTPFields.Element.Name("X-Forwarded-For")!] = "10.9.9.9, \(address)" }
        let r = try await client.execute(uri: "/login", method: .post, headers: headers,
                                         body: ByteBuffer(string: "csrf=\(pre)&username=\(user)&password=\(password)"))
        return r.status
    }

    func testALockOutSurvivesARestart() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        try await h.test { client in
            for _ in 0..<LoginThrottle.userLimit { assertEqual(try await Self.attempt(client, "dean1", "wrong-password"), .unauthorized) }
            assertEqual(try await Self.attempt(client, "DEAN1", "password-123"), .tooManyRequests)
        }
        // A new server on the same folder still refuses the name, right password included.
        let restarted = try await h.reopened()
        try await restarted.test { client in
            assertEqual(try await Self.attempt(client, "dean1", "password-123"), .tooManyRequests)
            assertNotNil(try await Session.login(client, "dean2"))
        }
    }

    func testTheWindowEndsALockOutAndSuccessClearsTheName() throws {
        let dir = NSTemporaryDirectory() + "xinyu-throttle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = LoginThrottle(db: try PortalDatabase.open(path: dir + "/portal.sqlite"))
        let t0 = 1_800_000_000.0
        for i in 0..<5 { try t.failed(user: "a", address: "10.0.0.1", now: t0 + Double(i)) }
        XCTAssertEqual(try t.check(user: "a", address: "10.0.0.2", now: t0 + 10), .userLocked)
        // The oldest of the five leaves the window 15 minutes after it happened.
        XCTAssertEqual(try t.check(user: "a", address: "10.0.0.2", now: t0 + LoginThrottle.window - 1), .userLocked)
        XCTAssertEqual(try t.check(user: "a", address: "10.0.0.2", now: t0 + LoginThrottle.window + 0.5), .allowed)
        for i in 0..<4 { try t.failed(user: "b", address: "10.0.0.3", now: t0 + Double(i)) }
        try t.succeeded(user: "b")
        try t.failed(user: "b", address: "10.0.0.3", now: t0 + 5)
        XCTAssertEqual(try t.check(user: "b", address: "10.0.0.4", now: t0 + 6), .allowed)
    }

    func testOneAddressGuessingManyNamesIsThrottled() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        let proxied = try await h.reopened { $0.trustProxy = true }
        try await proxied.test { client in
            for i in 0..<LoginThrottle.addressLimit {
                assertEqual(try await Self.attempt(client, "nobody\(i)", "wrong-password", from: "192.0.2.7"), .unauthorized)
            }
            assertEqual(try await Self.attempt(client, "dean1", "password-123", from: "192.0.2.7"), .tooManyRequests)
            // Another address (the proxy's last X-Forwarded-For entry) is not affected.
            assertEqual(try await Self.attempt(client, "dean1", "password-123", from: "192.0.2.8"), .seeOther)
        }
        // Without --behind-proxy the header is not believed: the spoofed entry does not count.
        try await h.test { client in
            assertEqual(try await Self.attempt(client, "dean2", "password-123", from: "192.0.2.7"), .seeOther)
        }
    }
}
