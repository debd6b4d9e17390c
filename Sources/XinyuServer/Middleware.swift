import Foundation
import Hummingbird

/// Who is asking: a Bearer API token, or the session cookie. Anonymous requests reach only the
/// login page, the language switch, static files and /openapi.yaml; every other page redirects to
/// /login and every other API path answers 401. Also checks the CSRF token of every form posted
/// with a session cookie, once, before any route runs (routes read the parsed form from the context).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let store: Store
    let config: PortalConfig

    static let sessionCookie = "xinyu_session"
    static let preCookie = "xinyu_pre"

    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path == "/openapi.yaml" || path == "/healthz" || path == "/favicon.ico" || path.hasPrefix("/static/") || path.hasPrefix("/lang/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.lang = request.cookies["lang"]?.value == "en" ? .en : .zh
        let path = request.uri.path
        var bySession = false
        if let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer ") {
            let token = String(auth.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            context.account = try store.account(apiToken: token)
            if context.account == nil { return APIResponse.error(.unauthorized, "invalid API token / API 令牌无效") }
        } else if let cookie = request.cookies[Self.sessionCookie]?.value, let (account, session) = try store.session(token: cookie) {
            context.account = account
            context.csrf = session.csrf
            bySession = true
        }
        if context.account == nil && !Self.isPublic(path) {
            if path.hasPrefix("/api/") { return APIResponse.error(.unauthorized, "sign in with an API token / 请使用 API 令牌") }
            return Views.redirect("/login")
        }
        // The API is for tokens only: a cookie alone never authorizes a JSON call (no CSRF there).
        if path.hasPrefix("/api/") && bySession && request.headers[.authorization] == nil {
            return APIResponse.error(.unauthorized, "the API takes an API token (Authorization: Bearer) / API 需使用令牌")
        }
        // /login checks its own one-time token (it may be posted by a browser that still has a session).
        if request.method == .post && bySession && !path.hasPrefix("/api/") && path != "/login" {
            let form = try await Form.read(request, context: context, uploadLimit: config.maxUploadBytes)
            guard let sent = form["csrf"], let expected = context.csrf, Secrets.same(sent, expected) else {
                return Views.html("<h1>403</h1><p>表单已过期或缺少校验码，请返回并刷新页面。 The form is missing its CSRF token or has expired: go back and reload the page.</p>", status: .forbidden)
            }
            context.form = form
        }
        return try await next(request, context)
    }
}

/// Headers on every response: no framing, no sniffing, scripts and styles from this server only.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = ErrorPage.response(error, request: request, context: context)
        }
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
        return response
    }
}

/// An error as a short bilingual page (or JSON under /api/).
enum ErrorPage {
    static func response(_ error: HTTPError, request: Request, context: PortalContext) -> Response {
        let text = error.body ?? error.status.reasonPhrase
        if request.uri.path.hasPrefix("/api/") { return APIResponse.error(error.status, text) }
        let words: String
        switch error.status {
        case .notFound: words = "没有找到 / Not found"
        case .forbidden: words = "无权访问 / Forbidden"
        case .contentTooLarge: words = "文件太大 / File too large"
        default: words = "\(error.status.code) \(error.status.reasonPhrase)"
        }
        let body = "<!doctype html><meta charset=utf-8><link rel=stylesheet href=/static/portal.css><main><h1>\(escape(words))</h1><p>\(escape(text))</p><p><a href=/>首页 / Home</a></p></main>"
        return Views.html(body, status: error.status)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
