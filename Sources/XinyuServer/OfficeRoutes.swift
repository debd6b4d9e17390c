import Foundation
import Hummingbird
import XinyuDistrict
import XinyuPack

/// The office's pages: the district check (background runs of `xinyu district`) and the settings
/// (district.toml and calendar.csv: term, holidays and 调休, policy, staffing caps).
struct OfficeRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.get("/district") { _, context in
            _ = try context.requireOffice()
            let runs = try portal.store.runs(school: nil, kind: "district").map { RunView.make($0, context.lang) }
            return portal.views.page("district", ["runs": runs], context: context)
        }
        router.post("/district/runs") { _, context in
            let me = try context.requireOffice()
            let run = try await RunService(portal: portal).startDistrict(by: me)
            return Views.redirect("/runs/\(run.id ?? 0)")
        }
        router.get("/settings") { _, context in try settingsPage(context, errors: [], saved: false) }
        router.post("/settings") { _, context in
            let me = try context.requireOffice()
            let f = context.form
            let errors = await SettingsService(portal: portal).save(districtToml: f["district_toml"] ?? "", calendarCSV: f["calendar_csv"] ?? "")
            if errors.isEmpty { try portal.store.audit(me.username, school: nil, "settings", "district.toml, calendar.csv") }
            return try settingsPage(context, errors: errors, saved: errors.isEmpty, draft: errors.isEmpty ? nil : (f["district_toml"] ?? "", f["calendar_csv"] ?? ""))
        }
    }

    func settingsPage(_ context: PortalContext, errors: [String], saved: Bool, draft: (String, String)? = nil) throws -> Response {
        _ = try context.requireOffice()
        let s = SettingsService(portal: portal)
        return portal.views.page("settings", [
            "districtToml": draft?.0 ?? s.read("district.toml"), "calendarCSV": draft?.1 ?? s.read("calendar.csv"),
            "errors": errors, "hasErrors": !errors.isEmpty, "saved": saved,
        ], context: context)
    }
}

/// Reads and writes the district's own files; a change that the pack reader (or the district's
/// staffing reader) rejects is not kept.
struct SettingsService {
    let portal: Portal

    func read(_ name: String) -> String {
        FileManager.default.contents(atPath: portal.config.packPath + "/" + name).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func save(districtToml: String, calendarCSV: String) async -> [String] {
        let staging = portal.config.dataDirectory + "/settings-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try AtomicFile.write(Self.normalized(districtToml), to: staging + "/district.toml")
            try AtomicFile.write(Self.normalized(calendarCSV), to: staging + "/calendar.csv")
        } catch { return ["cannot write: \(error) / 无法写入"] }
        let oldCalendar = staging + "/calendar.old"
        try? FileManager.default.copyItem(atPath: portal.config.packPath + "/calendar.csv", toPath: oldCalendar)
        var errors = await portal.pack.replace("district.toml", with: staging + "/district.toml")
        if errors.isEmpty { errors = await portal.pack.replace("calendar.csv", with: staging + "/calendar.csv") }
        // [staffing] and [counseling_room] are read by the pack reader itself (one owner), so
        // `replace` above has already refused settings it cannot read.
        return errors
    }

    /// Browsers send CRLF from a textarea; the pack's files keep LF.
    static func normalized(_ text: String) -> String {
        let t = text.replacingOccurrences(of: "\r\n", with: "\n")
        return t.hasSuffix("\n") ? t : t + "\n"
    }
}
