import Foundation
import Hummingbird

/// The office's account pages, the audit log, and every account's own API tokens.
struct AccountRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.get("/accounts") { _, context in try page(context, message: nil) }
        router.post("/accounts") { _, context in
            let me = try context.requireOffice()
            let f = context.form
            let role = Role(rawValue: f["role"] ?? "") ?? .school
            let message = try await AccountActions(portal: portal).add(by: me.username, username: f["username"] ?? "",
                password: f["password"] ?? "", role: role, school: f["school"])
            return try page(context, message: message ?? "OK")
        }
        router.post("/accounts/:name/remove") { _, context in
            let me = try context.requireOffice()
            let name = try context.parameters.require("name")
            let message = try AccountActions(portal: portal).remove(by: me.username, username: name)
            return try page(context, message: message ?? "OK")
        }
        router.post("/accounts/:name/password") { _, context in
            let me = try context.requireOffice()
            let name = try context.parameters.require("name")
            let message = try await AccountActions(portal: portal).reset(by: me.username, username: name, password: context.form["password"] ?? "")
            return try page(context, message: message ?? "OK")
        }
        router.get("/audit") { _, context in
            _ = try context.requireOffice()
            let rows = try portal.store.auditRows(limit: 500).map {
                ["at": Clock.text($0.at), "who": $0.username, "school": $0.schoolId ?? "", "action": $0.action, "detail": $0.detail]
            }
            return portal.views.page("audit", ["rows": rows], context: context)
        }
        router.get("/tokens") { _, context in try tokensPage(context, newToken: nil) }
        router.post("/tokens") { _, context in
            let me = try context.requireAccount()
            let label = String((context.form["label"] ?? "").prefix(80))
            let (_, token) = try portal.store.newApiToken(account: me.id ?? 0, label: label.isEmpty ? "token" : label)
            try portal.store.audit(me.username, school: me.schoolId, "token-create", label)
            return try tokensPage(context, newToken: token)
        }
        router.post("/tokens/:id/revoke") { _, context in
            let me = try context.requireAccount()
            guard let id = Int64(try context.parameters.require("id")),
                  try portal.store.revokeApiToken(id: id, account: me.id ?? 0) else { throw HTTPError(.notFound) }
            try portal.store.audit(me.username, school: me.schoolId, "token-revoke", "\(id)")
            return Views.redirect("/tokens")
        }
    }

    func page(_ context: PortalContext, message: String?) throws -> Response {
        _ = try context.requireOffice()
        let accounts = try portal.store.accounts().map {
            ["username": $0.username, "role": $0.role, "office": $0.isOffice, "school": $0.schoolId ?? ""] as [String: Any]
        }
        return portal.views.page("accounts", ["accounts": accounts, "message": message ?? false], context: context)
    }

    func tokensPage(_ context: PortalContext, newToken: String?) throws -> Response {
        let me = try context.requireAccount()
        let tokens = try portal.store.apiTokens(account: me.id ?? 0).map {
            ["id": $0.id ?? 0, "label": $0.label, "at": Clock.text($0.createdAt)] as [String: Any]
        }
        return portal.views.page("tokens", ["tokens": tokens, "newToken": newToken ?? false], context: context)
    }
}

/// Account changes shared by the pages, the API and `xinyu accounts`: checked, hashed, audited.
/// Each returns nil on success or the bilingual reason it was refused.
public struct AccountActions: Sendable {
    let store: Store
    let cost: UInt8

    init(portal: Portal) { self.store = portal.store; self.cost = portal.config.bcryptCost }
    public init(store: Store, cost: UInt8) { self.store = store; self.cost = cost }

    public func add(by who: String, username: String, password: String, role: Role, school: String?) async throws -> String? {
        if let p = PasswordPolicy.usernameProblem(username) { return p }
        if let p = PasswordPolicy.problem(password) { return p }
        let schoolID = school?.trimmingCharacters(in: .whitespaces) ?? ""
        if role == .school && schoolID.isEmpty { return "a school account needs --school / 学校账户须指定学校" }
        if try store.account(named: username) != nil { return "\(username): exists already / 账户已存在" }
        let hash = try await Secrets.hashPassword(password, cost: cost)
        _ = try store.addAccount(username: username, passwordHash: hash, role: role, school: role == .school ? schoolID : nil)
        try store.audit(who, school: role == .school ? schoolID : nil, "account-add", "\(username) \(role.rawValue) \(schoolID)")
        return nil
    }

    public func remove(by who: String, username: String) throws -> String? {
        guard try store.removeAccount(username: username) else { return "\(username): no such account / 没有此账户" }
        try store.audit(who, school: nil, "account-remove", username)
        return nil
    }

    public func reset(by who: String, username: String, password: String) async throws -> String? {
        if let p = PasswordPolicy.problem(password) { return p }
        let hash = try await Secrets.hashPassword(password, cost: cost)
        guard try store.setPassword(username: username, hash: hash) else { return "\(username): no such account / 没有此账户" }
        try store.audit(who, school: nil, "account-password", username)
        return nil
    }
}
