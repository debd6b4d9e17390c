import Foundation
import Hummingbird
import Logging

/// Everything a route needs: the state, the templates, the settings, the background jobs.
public struct Portal: Sendable {
    public let config: PortalConfig
    public let store: Store
    let views: Views
    let jobs: JobRunner
    let pack: PackStore
    var throttle: LoginThrottle { LoginThrottle(db: store.db) }
    /// A bcrypt hash of nothing anyone knows: checked when a user name does not exist (same timing).
    let dummyHash: String

    /// Opens (or creates) the data folder; runs left running by a stopped server are marked interrupted.
    public static func open(_ config: PortalConfig) async throws -> Portal {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        let store = Store(db: try PortalDatabase.open(path: config.databasePath))
        _ = try store.markInterruptedRuns()
        let views = try await Views.load()
        let dummy = try await Secrets.hashPassword(Secrets.token(), cost: config.bcryptCost)
        return Portal(config: config, store: store, views: views, jobs: JobRunner(config: config, store: store),
                      pack: PackStore(path: config.packPath), dummyHash: dummy)
    }

    /// The router: middleware first, then one group of routes per feature.
    public func router() -> Router<PortalContext> {
        // HEAD is answered wherever GET is (RFC 9110: every general-purpose server supports both).
        let router = Router(context: PortalContext.self, options: .autoGenerateHeadEndpoints)
        let apiRoutes = APIRouteTable()
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: APIMethodMiddleware(table: apiRoutes))
        router.add(middleware: AuthMiddleware(store: store, config: config))
        StaticRoutes(portal: self).register(router)
        LoginRoutes(portal: self).register(router)
        HomeRoutes(portal: self).register(router)
        UploadRoutes(portal: self).register(router)
        RunRoutes(portal: self).register(router)
        PinRoutes(portal: self).register(router)
        OfficeRoutes(portal: self).register(router)
        SettingsRoutes(portal: self).register(router)
        AccountRoutes(portal: self).register(router)
        SurveyRoutes(portal: self).register(router)
        APIRoutes(portal: self, table: apiRoutes).register(router)
        return router
    }

    /// The HTTP server on host:port.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        var logger = Logger(label: "xinyu-serve")
        logger.logLevel = .info
        return Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "xinyu"),
                           logger: logger)
    }
}

extension Portal {
    /// After the server stops: children get SIGTERM and their runs are marked interrupted.
    public func shutdown() async {
        await jobs.stopAll()
    }
}

extension Portal {
    /// With no account at all, adds "office" with a random password and returns it (else nil).
    public func bootstrapOffice() async throws -> String? {
        guard try store.accounts().isEmpty else { return nil }
        let password = String(Secrets.token().prefix(16))
        _ = try await AccountActions(portal: self).add(by: "serve", username: "office", password: password, role: .office, school: nil)
        return password
    }
}
