import Foundation
import GRDB

/// Every read and write of the portal's SQLite state. Routes never write SQL themselves.
public struct Store: Sendable {
    public let db: DatabasePool
    public init(db: DatabasePool) { self.db = db }

    static func now() -> Double { Date().timeIntervalSince1970 }

    // MARK: accounts

    public func accounts() throws -> [Account] {
        try db.read { try Account.order(Column("username")).fetchAll($0) }
    }

    public func account(named name: String) throws -> Account? {
        try db.read { try Account.filter(Column("username") == name).fetchOne($0) }
    }

    func account(id: Int64) throws -> Account? {
        try db.read { try Account.fetchOne($0, key: id) }
    }

    public func addAccount(username: String, passwordHash: String, role: Role, school: String?) throws -> Account {
        try db.write { db in
            var a = Account(id: nil, username: username, passwordHash: passwordHash, role: role.rawValue,
                            schoolId: role == .school ? school : nil, createdAt: Self.now())
            try a.insert(db)
            return a
        }
    }

    /// Removes an account and its sessions and tokens (cascade); false if there was none.
    public func removeAccount(username: String) throws -> Bool {
        try db.write { try Account.filter(Column("username") == username).deleteAll($0) > 0 }
    }

    /// Sets a new password and signs the account out everywhere.
    public func setPassword(username: String, hash: String) throws -> Bool {
        try db.write { db in
            guard var a = try Account.filter(Column("username") == username).fetchOne(db), let id = a.id else { return false }
            a.passwordHash = hash
            try a.update(db)
            try SessionRow.filter(Column("account_id") == id).deleteAll(db)
            return true
        }
    }

    // MARK: sessions and tokens

    /// A new session; returns (cookie value, csrf token).
    func newSession(account: Int64, lifetime: Double) throws -> (String, String) {
        let token = Secrets.token(), csrf = Secrets.token()
        try db.write { db in
            try SessionRow.filter(Column("expires_at") < Self.now()).deleteAll(db)
            try SessionRow(tokenHash: Secrets.hash(token), accountId: account, csrf: csrf,
                           expiresAt: Self.now() + lifetime).insert(db)
        }
        return (token, csrf)
    }

    func session(token: String) throws -> (Account, SessionRow)? {
        try db.read { db in
            guard let s = try SessionRow.fetchOne(db, key: Secrets.hash(token)), s.expiresAt > Self.now(),
                  let a = try Account.fetchOne(db, key: s.accountId) else { return nil }
            return (a, s)
        }
    }

    func endSession(token: String) throws {
        _ = try db.write { try SessionRow.deleteOne($0, key: Secrets.hash(token)) }
    }

    func newApiToken(account: Int64, label: String) throws -> (ApiToken, String) {
        let token = "xy_" + Secrets.token()
        let row = try db.write { db in
            var t = ApiToken(id: nil, tokenHash: Secrets.hash(token), accountId: account, label: label, createdAt: Self.now())
            try t.insert(db)
            return t
        }
        return (row, token)
    }

    func account(apiToken: String) throws -> Account? {
        try db.read { db in
            guard let t = try ApiToken.filter(Column("token_hash") == Secrets.hash(apiToken)).fetchOne(db) else { return nil }
            return try Account.fetchOne(db, key: t.accountId)
        }
    }

    func apiTokens(account: Int64) throws -> [ApiToken] {
        try db.read { try ApiToken.filter(Column("account_id") == account).order(Column("id")).fetchAll($0) }
    }

    /// Deletes a token of this account only (another account's id deletes nothing).
    func revokeApiToken(id: Int64, account: Int64) throws -> Bool {
        try db.write { try ApiToken.filter(Column("id") == id && Column("account_id") == account).deleteAll($0) > 0 }
    }

    // MARK: audit

    public func audit(_ who: String, school: String?, _ action: String, _ detail: String) throws {
        try db.write { db in
            var row = AuditRow(id: nil, at: Self.now(), username: who, schoolId: school, action: action, detail: detail)
            try row.insert(db)
        }
    }

    func auditRows(limit: Int) throws -> [AuditRow] {
        try db.read { try AuditRow.order(Column("id").desc).limit(limit).fetchAll($0) }
    }

    // MARK: uploads and runs

    func insertUpload(_ row: UploadRow) throws -> UploadRow {
        try db.write { db in
            var r = row
            try r.insert(db)
            return r
        }
    }

    func updateUpload(_ row: UploadRow) throws {
        try db.write { try row.update($0) }
    }

    func upload(id: Int64) throws -> UploadRow? {
        try db.read { try UploadRow.fetchOne($0, key: id) }
    }

    /// Uploads of one school (or of all schools when nil), newest first.
    func uploads(school: String?) throws -> [UploadRow] {
        try db.read { db in
            var q = UploadRow.order(Column("id").desc)
            if let school { q = q.filter(Column("school_id") == school) }
            return try q.fetchAll(db)
        }
    }

    func insertRun(_ row: RunRow) throws -> RunRow {
        try db.write { db in
            var r = row
            try r.insert(db)
            return r
        }
    }

    func run(id: Int64) throws -> RunRow? {
        try db.read { try RunRow.fetchOne($0, key: id) }
    }

    func runs(school: String?, kind: String) throws -> [RunRow] {
        try db.read { db in
            var q = RunRow.filter(Column("kind") == kind).order(Column("id").desc)
            if let school { q = q.filter(Column("school_id") == school) }
            return try q.fetchAll(db)
        }
    }

    func setRunStatus(id: Int64, status: String, exitCode: Int? = nil, finished: Bool) throws {
        try db.write { db in
            guard var r = try RunRow.fetchOne(db, key: id) else { return }
            r.status = status
            r.exitCode = exitCode
            if finished { r.finishedAt = Self.now() }
            try r.update(db)
        }
    }

    func setRunCommand(id: Int64, _ text: String) throws {
        try db.write { try $0.execute(sql: "UPDATE run SET command = ? WHERE id = ?", arguments: [text, id]) }
    }

    func setRunProgress(id: Int64, _ text: String) throws {
        try db.write { try $0.execute(sql: "UPDATE run SET progress = ? WHERE id = ?", arguments: [text, id]) }
    }

    /// At start: a run left queued or running by a stopped server is marked interrupted.
    public func markInterruptedRuns() throws -> Int {
        try db.write { db in
            try db.execute(sql: "UPDATE run SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running')",
                           arguments: [Self.now()])
            return db.changesCount
        }
    }
}
