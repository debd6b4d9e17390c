import Foundation
import Hummingbird

/// A submitted form: application/x-www-form-urlencoded fields, or multipart/form-data fields and files.
struct Form: Sendable {
    var fields: [String: [String]] = [:]
    var files: [String: (name: String, data: Data)] = [:]

    subscript(_ key: String) -> String? { fields[key]?.first }
    func all(_ key: String) -> [String] { fields[key] ?? [] }

    /// Small forms are read up to 256 KiB; uploads up to `uploadLimit` (413 beyond it).
    static func read(_ request: Request, context: PortalContext, uploadLimit: Int) async throws -> Form {
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = boundary(type) else { throw HTTPError(.badRequest, message: "multipart without boundary") }
            let buffer = try await request.body.collect(upTo: uploadLimit + 64 * 1024)
            return try multipart(Data(buffer.readableBytesView), boundary: boundary)
        }
        let buffer = try await request.body.collect(upTo: 256 * 1024)
        return urlEncoded(String(buffer: buffer))
    }

    static func urlEncoded(_ text: String) -> Form {
        var form = Form()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let key = decode(parts[0])
            form.fields[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return form
    }

    static func boundary(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let p = part.trimmingCharacters(in: .whitespaces)
            if p.lowercased().hasPrefix("boundary=") {
                let b = p.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return b.isEmpty || b.count > 200 ? nil : b
            }
        }
        return nil
    }

    /// RFC 7578: parts separated by CRLF--boundary; each has headers, a blank line, the content.
    static func multipart(_ body: Data, boundary: String) throws -> Form {
        var form = Form()
        let delimiter = Data(("--" + boundary).utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else {
            throw HTTPError(.badRequest, message: "multipart: no boundary in body")
        }
        cursor = first.upperBound
        while cursor < body.endIndex {
            // "--" after a delimiter ends the body.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard let hEnd = body.range(of: headerEnd, in: cursor..<body.endIndex),
                  let next = body.range(of: Data("\r\n".utf8) + delimiter, in: hEnd.upperBound..<body.endIndex) else {
                throw HTTPError(.badRequest, message: "multipart: truncated part")
            }
            let headers = String(decoding: body[cursor..<hEnd.lowerBound], as: UTF8.self)
            let content = Data(body[hEnd.upperBound..<next.lowerBound])
            let (name, fileName) = disposition(headers)
            if let name {
                if let fileName { form.files[name] = (fileName, content) }
                else { form.fields[name, default: []].append(String(decoding: content, as: UTF8.self)) }
            }
            cursor = next.upperBound
        }
        return form
    }

    /// name and filename of a part's Content-Disposition header.
    static func disposition(_ headers: String) -> (String?, String?) {
        var name: String?, file: String?
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for item in line.split(separator: ";").dropFirst() {
                let kv = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { continue }
                let value = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                switch kv[0].lowercased() {
                case "name": name = value
                case "filename": file = value
                default: break
                }
            }
        }
        return (name, file)
    }
}
