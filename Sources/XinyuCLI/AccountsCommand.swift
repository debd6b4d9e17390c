import ArgumentParser
import Foundation
import XinyuServer

/// `xinyu accounts --data DIR add|list|remove|reset-password`: the portal's accounts from the shell.
/// Passwords are read from stdin (one line), never from the command line (it shows in `ps`).
struct Accounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the portal's accounts (password from stdin). 管理平台账户。",
        discussion: """
            add NAME --role office|school [--school ID]; list; remove NAME; reset-password NAME. \
            Exit codes: 0 done; 64 bad usage; 65 refused (weak password, unknown account, …).
            """)

    @Option(name: .long, help: "The portal's data folder.")
    var data: String

    @Argument(help: "add, list, remove or reset-password.")
    var action: String

    @Argument(help: "The user name (not for list).")
    var username: String?

    @Option(name: .long, help: "office or school (add).")
    var role: String = "school"

    @Option(name: .long, help: "The school id of a school account (add).")
    var school: String?

    func run() throws {
        let store = try openStore()
        let actions = AccountActions(store: store, cost: 12)
        let name = username ?? ""
        if action != "list" && name.isEmpty { return try usage("give the user name / 请给出用户名") }
        let action = self.action, roleText = role, school = self.school
        switch action {
        case "list":
            for a in try store.accounts() { print("\(a.username)\t\(a.role)\t\(a.schoolId ?? "")") }
        case "add":
            guard let role = Role(rawValue: roleText) else { return try usage("--role must be office or school / 角色须为 office 或 school") }
            let password = Self.readPassword()
            try report(try result { try await actions.add(by: "cli", username: name, password: password, role: role, school: school) },
                       done: "added \(name) / 已添加")
        case "remove":
            try report(try actions.remove(by: "cli", username: name), done: "removed \(name) / 已删除")
        case "reset-password":
            let password = Self.readPassword()
            try report(try result { try await actions.reset(by: "cli", username: name, password: password) },
                       done: "password of \(name) changed; its sessions ended / 已重设密码")
        default:
            try usage("unknown action \(action): use add, list, remove or reset-password / 未知操作")
        }
    }

    func openStore() throws -> Store {
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            return Store(db: try PortalDatabase.open(path: data + "/portal.sqlite"))
        } catch {
            printError("cannot open \(data)/portal.sqlite: \(error) / 无法打开数据库")
            throw ExitCode(Exit.invalidInput)
        }
    }

    static func readPassword() -> String {
        (readLine(strippingNewline: true) ?? "")
    }

    func usage(_ text: String) throws {
        printError(text)
        throw ExitCode(Exit.usage)
    }

    func report(_ refusal: String?, done: String) throws {
        if let refusal {
            printError(refusal)
            throw ExitCode(Exit.invalidInput)
        }
        print(done)
    }

    /// The result of async work, waited for.
    func result(_ work: @escaping @Sendable () async throws -> String?) throws -> String? {
        let box = ResultBox()
        try blocking { box.value = try await work() }
        return box.value
    }
}

final class ResultBox: @unchecked Sendable {
    var value: String?
}
