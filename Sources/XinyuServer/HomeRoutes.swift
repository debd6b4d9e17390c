import Foundation
import Hummingbird
import XinyuPack

/// `/`: the office's dashboard, or a school's own page.
struct HomeRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.get("/") { _, context in
            let a = try context.requireAccount()
            if a.isOffice { return try await dashboard(context) }
            return Views.redirect("/schools/" + (a.schoolId ?? "").urlPathEncoded)
        }
        router.get("/schools/:school") { _, context in
            let id = try context.parameters.require("school")
            _ = try context.requireSchool(id)
            return try await schoolPage(id, context)
        }
    }

    /// One row per school of the pack: classes, last upload, last plan.
    func dashboard(_ context: PortalContext) async throws -> Response {
        let rows = try await DashboardData.schools(portal)
        let districtRuns = try portal.store.runs(school: nil, kind: "district").prefix(10).map { RunView.make($0, context.lang) }
        let errors = await portal.pack.load() == nil ? await portal.pack.errors().map { $0.description(context.lang.messages) } : []
        return portal.views.page("dashboard", [
            "schools": rows.map(\.dictionary), "districtRuns": Array(districtRuns),
            "packErrors": errors, "hasPackErrors": !errors.isEmpty,
        ], context: context)
    }

    func schoolPage(_ id: String, _ context: PortalContext) async throws -> Response {
        let school = await portal.pack.load()?.district.schools.first { $0.id == id }
        let uploads = try portal.store.uploads(school: id).map { UploadView.make($0, context.lang) }
        let runs = try portal.store.runs(school: id, kind: "school").map { RunView.make($0, context.lang) }
        return portal.views.page("school", [
            "schoolId": id, "schoolName": school?.name ?? id, "classCount": school?.classes.count ?? 0,
            "inPack": school != nil, "uploads": uploads, "runs": runs,
            "maxMB": portal.config.maxUploadBytes / (1024 * 1024),
        ], context: context)
    }
}

/// The dashboard's figures, shared by the page and the API.
struct DashboardData: Encodable {
    var school: String
    var name: String
    var classes: Int
    var lastUpload: String?
    var lastRun: String?
    var lastRunStatus: String?

    var dictionary: [String: Any] {
        ["school": school, "name": name, "classes": classes, "lastUpload": lastUpload ?? "—",
         "lastRun": lastRun ?? "—", "lastRunStatus": lastRunStatus ?? ""]
    }

    static func schools(_ portal: Portal) async throws -> [DashboardData] {
        let schools = await portal.pack.load()?.district.schools ?? []
        let uploads = try portal.store.uploads(school: nil)
        let runs = try portal.store.runs(school: nil, kind: "school")
        return schools.sorted { $0.id < $1.id }.map { s in
            let u = uploads.first { $0.schoolId == s.id }
            let r = runs.first { $0.schoolId == s.id }
            return DashboardData(school: s.id, name: s.name, classes: s.classes.count,
                                 lastUpload: u.map { Clock.text($0.createdAt) }, lastRun: r.map { Clock.text($0.createdAt) },
                                 lastRunStatus: r?.status)
        }
    }
}

/// Times on the pages: the server's local wall-clock time, to the minute. localtime_r, not a
/// DateFormatter: a formatter per call was the dashboard's largest cost under load.
enum Clock {
    static func text(_ t: Double?) -> String {
        guard let t, t.isFinite else { return "—" }
        var seconds = time_t(t)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return "—" }
        return String(format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
    }
}

enum UploadView {
    static func make(_ u: UploadRow, _ lang: Lang) -> [String: Any] {
        ["id": u.id ?? 0, "school": u.schoolId, "file": u.fileName, "format": u.format, "bytes": u.bytes,
         "status": Words.table(lang)[u.status] ?? u.status, "statusKey": u.status, "at": Clock.text(u.createdAt),
         "message": u.message]
    }
}

enum RunView {
    static func make(_ r: RunRow, _ lang: Lang) -> [String: Any] {
        ["id": r.id ?? 0, "school": r.schoolId ?? "", "kind": r.kind, "status": Words.table(lang)[r.status] ?? r.status,
         "statusKey": r.status, "at": Clock.text(r.createdAt), "finishedAt": Clock.text(r.finishedAt),
         "progress": r.progress, "finished": r.finished]
    }
}

extension String {
    /// A path segment, percent-encoded (school ids may be 汉字).
    var urlPathEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? self
    }
}
