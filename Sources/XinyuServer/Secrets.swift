import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Random tokens, their hashes, and bcrypt off the event loop.
enum Secrets {
    /// 32 random bytes as hex (the system's CSPRNG).
    static func token() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
    }

    /// SHA-256 hex: what the database keeps of a session id or an API token.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// bcrypt is slow on purpose; it runs on the thread pool so pages stay responsive.
    static func hashPassword(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Constant-time comparison (CSRF tokens).
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// Password rules shared by the command line, the office's pages and the API.
public enum PasswordPolicy {
    public static func problem(_ password: String) -> String? {
        if password.count < 8 { return "password too short: at least 8 characters / 密码至少 8 个字符" }
        if password.utf8.count > 72 { return "password too long: at most 72 bytes (bcrypt) / 密码最长 72 字节" }
        return nil
    }
    public static func usernameProblem(_ name: String) -> String? {
        let ok = !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)
        }
        return ok ? nil : "username: 1–64 letters, digits, - _ . / 用户名须为 1–64 个字母、数字或 - _ ."
    }
}
