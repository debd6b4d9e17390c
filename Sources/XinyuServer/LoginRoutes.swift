import Foundation
import Hummingbird

/// Sign in and out, and the language switch.
struct LoginRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.get("/login") { request, context in loginPage(context, error: nil, request: request) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, context in
            if let cookie = request.cookies[AuthMiddleware.sessionCookie]?.value { try portal.store.endSession(token: cookie) }
            if let a = context.account { try portal.store.audit(a.username, school: a.schoolId, "logout", "") }
            var r = Views.redirect("/login")
            r.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: portal.config.secureCookies, httpOnly: true, sameSite: .strict))
            return r
        }
        router.get("/lang/:lang") { request, context in
            let lang = context.parameters.get("lang") == "en" ? "en" : "zh"
            // Back to the page the switch was on (a local path only).
            var back = request.uri.queryParameters.get("back") ?? "/"
            if !back.hasPrefix("/") || back.hasPrefix("//") { back = "/" }
            var r = Views.redirect(back)
            r.setCookie(Cookie(name: "lang", value: lang, maxAge: 365 * 86400, path: "/", secure: portal.config.secureCookies, httpOnly: true, sameSite: .lax))
            return r
        }
    }

    /// The login form carries a token also set as a cookie (login CSRF). A browser that has one
    /// keeps it: a second login page (another tab, a redirected favicon request) must not make the
    /// first one's form stale.
    func loginPage(_ context: PortalContext, error: String?, status: HTTPResponse.Status = .ok, request: Request? = nil) -> Response {
        let kept = request?.cookies[AuthMiddleware.preCookie]?.value
        let pre = kept.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? Secrets.token()
        var r = portal.views.page("login", ["pre": pre, "error": error ?? false], context: context, status: status)
        r.setCookie(Cookie(name: AuthMiddleware.preCookie, value: pre, path: "/login", secure: portal.config.secureCookies, httpOnly: true, sameSite: .strict))
        return r
    }

    func login(_ request: Request, _ context: PortalContext) async throws -> Response {
        let form = try await Form.read(request, context: context, uploadLimit: 0)
        let w = Words.table(context.lang)
        guard let sent = form["csrf"], let cookie = request.cookies[AuthMiddleware.preCookie]?.value, Secrets.same(sent, cookie) else {
            return loginPage(context, error: w["csrfExpired"], status: .forbidden)
        }
        let user = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let address = context.clientAddress(request, trustProxy: portal.config.trustProxy)
        let verdict = try portal.throttle.check(user: user, address: address)
        if verdict != .allowed {
            try portal.store.audit(user, school: nil, "login-throttled", verdict == .userLocked ? "user name" : "address \(address)")
            var r = loginPage(context, error: w["throttled"], status: .tooManyRequests)
            r.headers[.retryAfter] = String(Int(LoginThrottle.window))
            return r
        }
        // A missing account costs a bcrypt check too, so timing does not tell which names exist.
        let account = try portal.store.account(named: user)
        let ok = try await Secrets.verifyPassword(password, hash: account?.passwordHash ?? portal.dummyHash)
        guard ok, let account, let id = account.id else {
            try portal.throttle.failed(user: user, address: address)
            try portal.store.audit(user, school: nil, "login-failed", "from \(address)")
            return loginPage(context, error: w["badLogin"], status: .unauthorized)
        }
        try portal.throttle.succeeded(user: user)
        let (token, _) = try portal.store.newSession(account: id, lifetime: portal.config.sessionSeconds)
        try portal.store.audit(account.username, school: account.schoolId, "login", "")
        var r = Views.redirect("/")
        r.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: token, maxAge: Int(portal.config.sessionSeconds), path: "/",
                           secure: portal.config.secureCookies, httpOnly: true, sameSite: .strict))
        return r
    }

}

/// Files under /static (the stylesheet and the little JavaScript), from the target's resources.
struct StaticRoutes {
    let portal: Portal
    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]

    func register(_ router: Router<PortalContext>) {
        router.get("/static/:file") { _, context in
            guard let name = context.parameters.get("file"), name.range(of: "^[a-z0-9-]+\\.(css|js)$", options: .regularExpression) != nil,
                  let url = Bundle.module.resourceURL?.appendingPathComponent("Static/" + name),
                  let data = FileManager.default.contents(atPath: url.path),
                  let type = Self.types[String(name.split(separator: ".").last ?? "")] else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/openapi.yaml") { _, _ in
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
                  let data = FileManager.default.contents(atPath: url.path) else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
