import Foundation
import Hummingbird
import XinyuDistrict
import XinyuPack

/// The office's district check (background runs of `xinyu district`); the settings are SettingsRoutes.
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
    }
}
