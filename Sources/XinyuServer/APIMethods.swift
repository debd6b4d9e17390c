import Foundation
import Hummingbird

/// The API's paths and the methods each answers, recorded as the routes are registered (one
/// source: the table cannot drift from the router). A method a path does not answer gets 405 with
/// that path's own `Allow` list (RFC 9110 §15.5.6); HEAD is answered wherever GET is (the
/// router's `autoGenerateHeadEndpoints`), and OPTIONS gives the list itself. Paths that match nothing are left to the router (404).
final class APIRouteTable: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [(pattern: [String], methods: Set<String>)] = []

    func add(_ path: String, _ method: HTTPRequest.Method) {
        let pattern = path.split(separator: "/").map(String.init)
        lock.lock(); defer { lock.unlock() }
        if let i = routes.firstIndex(where: { $0.pattern == pattern }) { routes[i].methods.insert(method.rawValue) } else {
            routes.append((pattern, [method.rawValue]))
        }
    }

    /// The methods of the route matching `path` (under /api/), nil when none matches. A literal
    /// segment wins over a `:parameter` (as in the router: /api/survey.xlsx is not /api/survey/…).
    func methods(_ path: String) -> [String]? {
        let parts = path.split(separator: "/").dropFirst().map(String.init)   // drop "api"
        lock.lock(); defer { lock.unlock() }
        let matching = routes.filter { r in
            r.pattern.count == parts.count && zip(r.pattern, parts).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
        let best = matching.max { a, b in a.pattern.filter { !$0.hasPrefix(":") }.count < b.pattern.filter { !$0.hasPrefix(":") }.count }
        guard let best else { return nil }
        var all = best.methods
        if all.contains("GET") { all.insert("HEAD") }
        let order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
        return order.filter(all.contains)
    }
}

/// The API's routes registered through here are recorded in the table.
struct APIRouter {
    let group: RouterGroup<PortalContext>
    let table: APIRouteTable

    func get<Output: ResponseGenerator>(_ path: String, use handler: @escaping @Sendable (Request, PortalContext) async throws -> Output) {
        on(path, .get, handler)
    }
    func post<Output: ResponseGenerator>(_ path: String, use handler: @escaping @Sendable (Request, PortalContext) async throws -> Output) {
        on(path, .post, handler)
    }
    func delete<Output: ResponseGenerator>(_ path: String, use handler: @escaping @Sendable (Request, PortalContext) async throws -> Output) {
        on(path, .delete, handler)
    }
    private func on<Output: ResponseGenerator>(_ path: String, _ method: HTTPRequest.Method,
                                               _ handler: @escaping @Sendable (Request, PortalContext) async throws -> Output) {
        table.add(path, method)
        group.on(RouterPath(path), method: method, use: handler)
    }
}

/// 405 with the path's `Allow`, and OPTIONS, for /api/ paths.
struct APIMethodMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let table: APIRouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/api/"), let methods = table.methods(path) else { return try await next(request, context) }
        let allow = methods.joined(separator: ", ")
        if request.method == .options { return Response(status: .noContent, headers: [.allow: allow]) }
        guard methods.contains(request.method.rawValue) else {
            var r = APIResponse.error(.methodNotAllowed, "\(request.method.rawValue) is not allowed on this path; allowed: \(allow) / 此路径不支持该方法")
            r.headers[.allow] = allow
            return r
        }
        return try await next(request, context)   // HEAD: the router's own, from GET (Portal.router)
    }
}
