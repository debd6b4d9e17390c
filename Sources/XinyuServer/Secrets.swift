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
        let input = bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    static func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        let input = bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    /// bcrypt reads at most 72 bytes. A longer password (a Chinese pass phrase soon is) is first
    /// reduced to "sha256:" and its SHA-256 in base64 (51 bytes), so every character counts; one of
    /// at most 72 bytes goes in as it is, so hashes made before this rule still verify.
    static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return "sha256:" + Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
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
    public static let minLength = 8
    public static let maxLength = 256
    public static func problem(_ password: String) -> String? {
        // Counted in Unicode code points, as JSON Schema's minLength/maxLength count (/openapi.yaml).
        let n = password.unicodeScalars.count
        if n < minLength { return "password too short: at least \(minLength) characters / 密码至少 \(minLength) 个字符" }
        if n > maxLength { return "password too long: at most \(maxLength) characters / 密码最长 \(maxLength) 个字符" }
        return nil
    }
    public static func usernameProblem(_ name: String) -> String? {
        // ASCII only, the rule /openapi.yaml states (^[A-Za-z0-9._-]{1,64}$): no look-alike letters.
        let ok = !name.isEmpty && name.unicodeScalars.count <= 64 && name.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
        }
        return ok ? nil : "username: 1–64 letters, digits, - _ . / 用户名须为 1–64 个字母、数字或 - _ ."
    }
}
