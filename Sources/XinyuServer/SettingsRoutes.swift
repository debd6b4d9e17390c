import Foundation
import Hummingbird
import XinyuPack

/// The office's district settings (/settings): term, policy, displaceable subjects, month minimums,
/// the calendar (holidays, 调休, closures, exam and training days), staffing caps and preference
/// weights, as a form. The server writes district.toml and calendar.csv from the values and keeps
/// them only if the pack reader accepts the whole pack; otherwise nothing changes and each of the
/// reader's messages is shown beside its field.
struct SettingsRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.get("/settings") { _, context in
            _ = try context.requireOffice()
            let loaded = await portal.pack.load()
            let form = loaded.map { SettingsForm.from($0.district) } ?? SettingsForm()
            let packErrors = loaded == nil ? await portal.pack.errors() : []
            return page(context, form: form, errors: SettingsErrors(general: packErrors.map(SettingsErrors.located)), saved: false,
                        district: loaded?.district)
        }
        router.post("/settings") { _, context in
            let me = try context.requireOffice()
            guard let form = SettingsForm.from(context.form) else {
                throw HTTPError(.contentTooLarge, message: "more than \(SettingsForm.maxRows) rows / 行数过多")
            }
            let result = await SettingsService(portal: portal).save(form)
            if result.errors.isEmpty {
                try portal.store.audit(me.username, school: nil, "settings", result.change)
                let loaded = await portal.pack.load()
                return page(context, form: loaded.map { SettingsForm.from($0.district) } ?? form, errors: result.errors, saved: true,
                            district: loaded?.district)
            }
            try portal.store.audit(me.username, school: nil, "settings-refused", result.errors.summary)
            return page(context, form: form, errors: result.errors, saved: false, district: await portal.pack.load()?.district,
                        status: .unprocessableContent)
        }
    }

    func page(_ context: PortalContext, form: SettingsForm, errors: SettingsErrors, saved: Bool, district: District?,
              status: HTTPResponse.Status = .ok) -> Response {
        var data = SettingsPage.data(form, errors: errors, lang: context.lang)
        data["saved"] = saved
        data["months"] = district.map { SettingsPage.months($0) } ?? []
        return portal.views.page("settings", data, context: context, status: status)
    }
}

/// Writes the form's files into the pack through `PackStore.replaceChecked` (the reader decides).
struct SettingsService {
    let portal: Portal

    struct Result {
        var errors = SettingsErrors()
        /// For the audit log: the lines removed and added in each file.
        var change = ""
    }

    func save(_ form: SettingsForm) async -> Result {
        let pack = portal.config.packPath
        let oldToml = read(pack + "/district.toml"), oldCalendar = read(pack + "/calendar.csv")
        let files = SettingsFiles.write(form, keepingFrom: oldToml)
        let staging = portal.config.dataDirectory + "/settings-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try AtomicFile.write(files.districtToml, to: staging + "/district.toml")
            try AtomicFile.write(files.calendarCSV, to: staging + "/calendar.csv")
        } catch {
            return Result(errors: SettingsErrors(general: [Bilingual(en: "cannot write: \(error)", zh: "无法写入：\(error)")]))
        }
        let diagnostics = await portal.pack.replaceChecked([("district.toml", staging + "/district.toml"),
                                                            ("calendar.csv", staging + "/calendar.csv")])
        let errors = SettingsErrors.place(diagnostics.filter { $0.severity == .error }, files: files, form: form)
        let change = Self.diff("district.toml", oldToml, files.districtToml) + Self.diff("calendar.csv", oldCalendar, files.calendarCSV)
        return Result(errors: errors, change: change.isEmpty ? "no change / 无变化" : String(change.joined(separator: "; ").prefix(4000)))
    }

    func read(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// "file: -line" and "file: +line" for each line removed or added (by content, in file order).
    static func diff(_ name: String, _ old: String, _ new: String) -> [String] {
        func lines(_ s: String) -> [String] {
            s.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let (a, b) = (lines(old), lines(new))
        let (setA, setB) = (Set(a), Set(b))
        return a.filter { !setB.contains($0) }.map { "\(name): -\($0)" } + b.filter { !setA.contains($0) }.map { "\(name): +\($0)" }
    }
}

/// The reader's errors, each placed beside the page field it is about (or at the top), in both
/// languages: the page shows the one it speaks.
struct SettingsErrors: Sendable {
    var byField: [String: [Bilingual]] = [:]
    var general: [Bilingual] = []
    var isEmpty: Bool { byField.isEmpty && general.isEmpty }
    /// For the audit log: both languages.
    var summary: String {
        (byField.keys.sorted().map { "\($0): \(byField[$0]?.map(\.description).joined(separator: " ") ?? "")" }
            + general.map(\.description)).joined(separator: "; ")
    }

    /// The messages beside `field` in `lang`.
    func messages(_ field: String, _ lang: Lang) -> [String] { (byField[field] ?? []).map { $0.text(lang.messages) } }

    /// A diagnostic with its place (`file:line: message`), in both languages.
    static func located(_ d: Diagnostic) -> Bilingual { Bilingual(en: d.description(.en), zh: d.description(.zh)) }

    /// district.toml: the diagnostic's key path when it is a form field, else the field written
    /// on its line; calendar.csv: the row written on its line. Anything else goes to the top.
    static func place(_ diagnostics: [Diagnostic], files: SettingsFiles, form: SettingsForm) -> SettingsErrors {
        var out = SettingsErrors()
        let scalars = Set(SettingsForm.scalars.map(\.0))
        for d in diagnostics {
            let loc = d.location
            var field: String?
            if loc.file == "district.toml" {
                if let f = loc.field, scalars.contains(f) { field = f } else if let line = loc.line { field = files.tomlFields[line] }
            } else if loc.file == "calendar.csv", let line = loc.line, let row = files.calendarRows[line] {
                field = "cal.\(row)"
            }
            if let field { out.byField[field, default: []].append(d.text) } else { out.general.append(located(d)) }
        }
        return out
    }
}
