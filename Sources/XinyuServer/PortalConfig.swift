import Foundation

/// Where the portal keeps its state and how it runs the engine.
public struct PortalConfig: Sendable {
    /// The data folder: portal.sqlite, pack/ (the district pack), uploads/, runs/.
    public var dataDirectory: String
    /// The `xinyu` executable that runs solves and district checks (the command line's own code).
    public var xinyuExecutable: String
    /// Largest upload accepted, bytes (the importers apply their own limits on top).
    public var maxUploadBytes = 8 * 1024 * 1024
    /// bcrypt cost (12 in service; tests lower it).
    public var bcryptCost: UInt8 = 12
    /// Session lifetime, seconds.
    public var sessionSeconds: Double = 8 * 3600
    /// Set the Secure flag on cookies (behind TLS).
    public var secureCookies = false
    /// Behind a reverse proxy on loopback: take the client address (login throttling) from the
    /// last X-Forwarded-For entry instead of the peer (which is the proxy for everyone).
    public var trustProxy = false
    /// Solves and district checks running at once; more wait in line.
    public var maxConcurrentJobs = 2
    /// `--jobs` given to a district check.
    public var districtJobs = 2
    /// Time limit of a school solve, seconds (nil: none).
    public var solveTimeLimit: Double? = 300

    public init(dataDirectory: String, xinyuExecutable: String) {
        self.dataDirectory = dataDirectory
        self.xinyuExecutable = xinyuExecutable
    }

    public var databasePath: String { dataDirectory + "/portal.sqlite" }
    public var packPath: String { dataDirectory + "/pack" }
    public func uploadDirectory(_ id: Int64) -> String { dataDirectory + "/uploads/\(id)" }
    public func runDirectory(_ id: Int64) -> String { dataDirectory + "/runs/\(id)" }
}
