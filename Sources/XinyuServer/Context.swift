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

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
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
