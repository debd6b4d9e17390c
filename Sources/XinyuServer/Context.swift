import Foundation
import Hummingbird

/// The request context of every route: who is asking (if anyone) and their session's CSRF token.
public struct PortalContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account (cookie session or API token); nil for anonymous requests.
    public var account: Account?
    /// The session's CSRF token; nil for API-token requests (no cookie, so no CSRF risk).
    public var csrf: String?
    /// The page language: zh (default) or en.
    public var lang: Lang = .zh
    /// The form posted with this request, read and CSRF-checked by AuthMiddleware.
    var form = Form()
    /// Uploads may be large; everything else is read with the smaller limit in Forms.
    public var maxUploadSize: Int { 16 * 1024 * 1024 }

    /// The peer's IP address (nil in in-process tests).
    public var peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!

    /// The client's address for login throttling: the peer's, or — with `trustProxy` (nginx in
    /// front on loopback) and a loopback or unknown peer — the last X-Forwarded-For entry, the
    /// address the proxy itself saw (earlier entries are the client's own claims).
    func clientAddress(_ request: Request, trustProxy: Bool) -> String {
        let peer = peerAddress ?? "unknown"
        let loopback = peerAddress == nil || peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("::ffff:127.")
        if trustProxy, loopback, let forwarded = request.headers[Self.forwardedFor] {
            let last = forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if !last.isEmpty, last.count <= 64 { return last }
        }
        return peer
    }

    /// The account, or 401 (pages redirect to /login before routes run).
    func requireAccount() throws -> Account {
        guard let account else { throw HTTPError(.unauthorized) }
        return account
    }

    func requireOffice() throws -> Account {
        let a = try requireAccount()
        guard a.isOffice else { throw HTTPError(.forbidden) }
        return a
    }

    /// The account if it may see `school`; 404 otherwise, so a guessed id tells nothing.
    func requireSchool(_ school: String) throws -> Account {
        let a = try requireAccount()
        guard a.mayAccess(school: school) else { throw HTTPError(.notFound) }
        return a
    }
}
