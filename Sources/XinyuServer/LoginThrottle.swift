import Foundation
import GRDB

/// Login throttling, kept in SQLite (portal.sqlite), so a restart or a second server process on
/// the same data folder sees the same counts. Two keys for every wrong password: the user name
/// (lower-cased) and the client address. Within a sliding window of 15 minutes,
/// - 5 wrong passwords for one user name lock that name: every attempt for it answers 429
///   (the right password included) until the oldest of those failures is 15 minutes old;
/// - 20 wrong passwords from one client address lock that address the same way, whatever the
///   names tried (guessing across many names).
/// A refused (throttled) attempt is not counted, so a lock-out ends when the window passes. A
/// successful login clears its user name's failures, not its address's.
public struct LoginThrottle: Sendable {
    public static let window: Double = 15 * 60
    public static let userLimit = 5
    public static let addressLimit = 20
    let db: DatabasePool

    public enum Verdict: Equatable, Sendable { case allowed, userLocked, addressLocked }

    /// Keys are cut to 100 characters: user names are at most 64, and a login form with a huge
    /// name must not write a huge row.
    static func userKey(_ user: String) -> String { "user:" + String(user.lowercased().prefix(100)) }
    static func addressKey(_ address: String) -> String { "addr:" + String(address.prefix(100)) }

    public func check(user: String, address: String, now: Double = Date().timeIntervalSince1970) throws -> Verdict {
        try db.read { db in
            let since = now - Self.window
            func count(_ key: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM login_failure WHERE key = ? AND at > ?", arguments: [key, since]) ?? 0
            }
            if try count(Self.userKey(user)) >= Self.userLimit { return .userLocked }
            if try count(Self.addressKey(address)) >= Self.addressLimit { return .addressLocked }
            return .allowed
        }
    }

    /// A wrong password: one failure for the name and one for the address; rows older than the
    /// window are dropped on the way (they no longer count).
    public func failed(user: String, address: String, now: Double = Date().timeIntervalSince1970) throws {
        try db.write { db in
            try db.execute(sql: "DELETE FROM login_failure WHERE at <= ?", arguments: [now - Self.window])
            for key in [Self.userKey(user), Self.addressKey(address)] {
                try db.execute(sql: "INSERT INTO login_failure (key, at) VALUES (?, ?)", arguments: [key, now])
            }
        }
    }

    public func succeeded(user: String) throws {
        try db.write { db in try db.execute(sql: "DELETE FROM login_failure WHERE key = ?", arguments: [Self.userKey(user)]) }
    }
}
