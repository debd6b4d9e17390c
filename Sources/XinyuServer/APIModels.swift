import Foundation
import Hummingbird

/// The API's JSON shapes (docs/openapi.yaml describes each).
struct AccountJSON: Encodable {
    var username: String
    var role: String
    var school: String?
    init(_ a: Account) { username = a.username; role = a.role; school = a.schoolId }
}

struct NewAccountJSON: Decodable {
    var username: String
    var password: String
    var role: String
    var school: String?
}

struct UploadJSON: Encodable {
    var id: Int64
    var school: String
    var fileName: String
    var format: String
    var bytes: Int
    var status: String
    var message: String
    var createdAt: Double
    init(_ u: UploadRow) {
        id = u.id ?? 0; school = u.schoolId; fileName = u.fileName; format = u.format; bytes = u.bytes
        status = u.status; message = u.message; createdAt = u.createdAt
    }
}

struct UploadDetailJSON: Encodable {
    var upload: UploadJSON
    var report: String?
    var error: String?
    var teachers: [String]
}

/// The dean's answers: {"psych": {"T1": "full"}, "addPsych": ["NEW=part:junior"], "bellTimes": [...], "freePeriods": true}.
struct ConfirmJSON: Decodable {
    var psych: [String: String]?
    var addPsych: [String]?
    var bellTimes: [String]?
    var freePeriods: Bool?

    /// The same answers as the page's form, so both go through one check.
    var form: Form {
        var f = Form()
        for (t, role) in psych ?? [:] { f.fields["psych." + t] = [role] }
        f.fields["add_psych"] = [(addPsych ?? []).joined(separator: "\n")]
        for (i, b) in (bellTimes ?? []).enumerated() { f.fields["bell.\(i + 1)"] = [b] }
        if let free = freePeriods { f.fields["free"] = [free ? "yes" : "no"] }
        return f
    }
}

struct RunJSON: Encodable {
    var id: Int64
    var kind: String
    var school: String?
    var status: String
    var exitCode: Int?
    var progress: String
    var command: String
    var createdAt: Double
    var finishedAt: Double?
    var files: [String]?
    init(_ r: RunRow) {
        id = r.id ?? 0; kind = r.kind; school = r.schoolId; status = r.status; exitCode = r.exitCode
        progress = r.progress; command = r.command; createdAt = r.createdAt; finishedAt = r.finishedAt
    }
}

struct DashboardJSON: Encodable {
    var schools: [DashboardData]
    var districtRuns: [RunJSON]
}

struct ErrorsJSON: Encodable { var errors: [String] }

/// Request bodies of the API: a bad body is a 400 in words, never a 500.
enum APIBody {
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int = 64 * 1024) async throws -> T {
        let buffer = try await request.body.collect(upTo: limit)
        do { return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)) } catch {
            throw HTTPError(.badRequest, message: "the body is not the JSON this call takes (see /openapi.yaml) / 请求体格式不符")
        }
    }

    /// A flat JSON object's `known` keys as text: strings, and numbers for the keys in `numeric`
    /// (as /openapi.yaml types them); anything else is a 400. Other keys are ignored whatever
    /// their values (the schema allows additional properties).
    static func fields(_ request: Request, known: Set<String>, numeric: Set<String>) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 16 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw HTTPError(.badRequest, message: "the body must be a JSON object / 请求体须为 JSON 对象")
        }
        var out: [String: String] = [:]
        for (k, v) in object where known.contains(k) {
            switch v {
            case let s as String: out[k] = s
            // true/false arrive as NSNumber too (objCType "c"): not a number of the schema.
            case let n as NSNumber where numeric.contains(k) && String(cString: n.objCType) != "c": out[k] = n.stringValue
            default: throw HTTPError(.badRequest, message: "\(k): " + (numeric.contains(k) ? "a string or a number / 须为字符串或数字" : "a string / 须为字符串"))
            }
        }
        return out
    }
}
