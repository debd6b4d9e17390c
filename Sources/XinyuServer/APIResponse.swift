import Foundation
import Hummingbird

/// JSON answers of the API (sorted keys: the same state gives the same bytes).
enum APIResponse {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct ErrorBody: Encodable { var error: String }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(ErrorBody(error: message), status: status)
    }
}
