import Foundation
import GRDB

/// The portal's state: one SQLite file in the data folder (WAL mode, so pages read while a job writes).
/// Schema changes are GRDB migrations, applied in order at start; never edit a shipped migration.
public enum PortalDatabase {
    public static func open(path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        let pool = try DatabasePool(path: path, configuration: config)
        try migrator.migrate(pool)
        return pool
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "account") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("username", .text).notNull().unique(onConflict: .fail)
                t.column("password_hash", .text).notNull()
                t.column("role", .text).notNull()          // office | school
                t.column("school_id", .text)              // set for role school
                t.column("created_at", .double).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("token_hash", .text)          // SHA-256 of the cookie value
                t.column("account_id", .integer).notNull().references("account", onDelete: .cascade)
                t.column("csrf", .text).notNull()
                t.column("expires_at", .double).notNull()
            }
            try db.create(table: "api_token") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("token_hash", .text).notNull().unique()
                t.column("account_id", .integer).notNull().references("account", onDelete: .cascade)
                t.column("label", .text).notNull()
                t.column("created_at", .double).notNull()
            }
            try db.create(table: "upload") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("school_id", .text).notNull().indexed()
                t.column("account_id", .integer)
                t.column("format", .text).notNull()
                t.column("file_name", .text).notNull()
                t.column("bytes", .integer).notNull()
                t.column("status", .text).notNull()       // uploaded | confirmed | failed
                t.column("message", .text).notNull().defaults(to: "")
                t.column("created_at", .double).notNull()
                t.column("confirmed_at", .double)
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()         // school | district
                t.column("school_id", .text).indexed()    // nil for a district run
                t.column("account_id", .integer)
                t.column("status", .text).notNull()       // queued | running | done | short | failed | interrupted
                t.column("exit_code", .integer)
                t.column("progress", .text).notNull().defaults(to: "")
                t.column("command", .text).notNull().defaults(to: "")
                t.column("created_at", .double).notNull()
                t.column("finished_at", .double)
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .double).notNull()
                t.column("username", .text).notNull()
                t.column("school_id", .text)
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
            }
        }
        m.registerMigration("v2-survey") { db in
            try db.create(table: "survey_row") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("school_id", .text).notNull().indexed()
                t.column("teacher_id", .text).notNull()
                t.column("name", .text).notNull()
                t.column("sex", .text).notNull()
                t.column("age", .integer)
                t.column("education", .text).notNull()
                t.column("major", .text).notNull()
                t.column("certificate", .text).notNull()
                t.column("employment", .text).notNull()   // full | part
                t.column("stages", .text).notNull()
                t.column("periods_per_week", .integer)
                t.column("training", .text).notNull()
                t.column("updated_at", .double).notNull()
                t.uniqueKey(["school_id", "teacher_id"])
            }
        }
        m.registerMigration("v3-pins") { db in
            try db.create(table: "pin") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("school_id", .text).notNull().indexed()
                t.column("class", .text).notNull()
                t.column("when", .text).notNull()         // a date YYYY-MM-DD or a weekday 1–7
                t.column("period", .integer).notNull()
                t.column("teacher", .text).notNull()
                t.column("kind", .text).notNull()         // keep | forbid
                t.column("created_at", .double).notNull()
            }
        }
        m.registerMigration("v4-login-throttle") { db in
            // One row per wrong password, twice: keyed by the user name and by the client address.
            try db.create(table: "login_failure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull()          // "user:<lowercased name>" | "addr:<address>"
                t.column("at", .double).notNull()
            }
            try db.create(index: "login_failure_key_at", on: "login_failure", columns: ["key", "at"])
        }
        return m
    }
}
