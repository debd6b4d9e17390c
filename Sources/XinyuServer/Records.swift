import Foundation
import GRDB

/// A role: the district office sees and runs everything; a school account sees its own school only.
public enum Role: String, Sendable, Codable, CaseIterable {
    case office, school
}

public struct Account: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "account"
    public var id: Int64?
    public var username: String
    public var passwordHash: String
    public var role: String
    public var schoolId: String?
    public var createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, username, role
        case passwordHash = "password_hash", schoolId = "school_id", createdAt = "created_at"
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public var roleValue: Role { Role(rawValue: role) ?? .school }
    public var isOffice: Bool { roleValue == .office }
    /// May this account see or change school `id`?
    public func mayAccess(school id: String) -> Bool { isOffice || schoolId == id }
}

struct SessionRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"
    var tokenHash: String
    var accountId: Int64
    var csrf: String
    var expiresAt: Double
    enum CodingKeys: String, CodingKey {
        case csrf
        case tokenHash = "token_hash", accountId = "account_id", expiresAt = "expires_at"
    }
}

struct ApiToken: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "api_token"
    var id: Int64?
    var tokenHash: String
    var accountId: Int64
    var label: String
    var createdAt: Double
    enum CodingKeys: String, CodingKey {
        case id, label
        case tokenHash = "token_hash", accountId = "account_id", createdAt = "created_at"
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct UploadRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "upload"
    public var id: Int64?
    public var schoolId: String
    public var accountId: Int64?
    public var format: String
    public var fileName: String
    public var bytes: Int
    public var status: String
    public var message: String
    public var createdAt: Double
    public var confirmedAt: Double?
    enum CodingKeys: String, CodingKey {
        case id, format, bytes, status, message
        case schoolId = "school_id", accountId = "account_id", fileName = "file_name"
        case createdAt = "created_at", confirmedAt = "confirmed_at"
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct RunRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public var id: Int64?
    public var kind: String
    public var schoolId: String?
    public var accountId: Int64?
    public var status: String
    public var exitCode: Int?
    public var progress: String
    public var command: String
    public var createdAt: Double
    public var finishedAt: Double?
    enum CodingKeys: String, CodingKey {
        case id, kind, status, progress, command
        case schoolId = "school_id", accountId = "account_id", exitCode = "exit_code"
        case createdAt = "created_at", finishedAt = "finished_at"
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public var finished: Bool { !["queued", "running"].contains(status) }
}

struct AuditRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "audit"
    var id: Int64?
    var at: Double
    var username: String
    var schoolId: String?
    var action: String
    var detail: String
    enum CodingKeys: String, CodingKey {
        case id, at, username, action, detail
        case schoolId = "school_id"
    }
}
