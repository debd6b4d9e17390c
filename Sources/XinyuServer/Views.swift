import Foundation
import Hummingbird
import Mustache
import XinyuPack

/// Page language: Chinese first, English by the switch in the page header (a `lang` cookie).
public enum Lang: String, Sendable {
    case zh, en
    /// The part of a bilingual message (the pack reader's) the page shows.
    var messages: Bilingual.Language { self == .zh ? .zh : .en }
}

/// Server-side pages: Mustache templates shipped as resource files (Templates/*.mustache).
/// Every value is HTML-escaped by Mustache's {{ }}; no template uses {{{ }}} on user data.
public struct Views: Sendable {
    let library: MustacheLibrary

    public static func load() async throws -> Views {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw HTTPError(.internalServerError, message: "templates missing")
        }
        return Views(library: try await MustacheLibrary(directory: dir))
    }

    /// Renders `template` with `data`, the words of `lang` under `t`, and the page's common values.
    func page(_ template: String, _ data: [String: Any], context: PortalContext, status: HTTPResponse.Status = .ok) -> Response {
        var values = data
        values["t"] = Words.table(context.lang)
        values["lang"] = context.lang.rawValue
        values["csrf"] = context.csrf ?? ""
        if let a = context.account {
            values["me"] = ["username": a.username, "office": a.isOffice, "school": a.schoolId ?? ""] as [String: Any]
        }
        let html = library.render(values, withTemplate: template) ?? "template \(template) failed"
        return Self.html(html, status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
