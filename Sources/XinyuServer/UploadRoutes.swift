import Foundation
import Hummingbird
import XinyuImport
import XinyuPack

/// The dean's upload: the file is kept as a version, read by the importer, shown, confirmed.
struct UploadRoutes {
    let portal: Portal
    var service: UploadService { UploadService(portal: portal) }

    func register(_ router: Router<PortalContext>) {
        router.post("/schools/:school/uploads") { _, context in
            let school = try context.parameters.require("school")
            let me = try context.requireSchool(school)
            let upload = try await receive(context.form, school: school, account: me)
            return Views.redirect("/uploads/\(upload.id ?? 0)")
        }
        router.get("/uploads/:id") { _, context in try await preview(try owned(context), context, errors: []) }
        router.post("/uploads/:id/confirm") { _, context in
            let upload = try owned(context)
            if let refused = try await confirm(upload, form: context.form, by: try context.requireAccount()) {
                return try await preview(upload, context, errors: refused.errors)
            }
            return Views.redirect("/schools/" + upload.schoolId.urlPathEncoded)
        }
        router.post("/uploads/:id/restore") { _, context in
            let upload = try owned(context)
            let me = try context.requireAccount()
            let errors = await service.apply(upload)
            if !errors.isEmpty { return try await preview(upload, context, errors: errors) }
            try portal.store.audit(me.username, school: upload.schoolId, "upload-restore", "#\(upload.id ?? 0)")
            return Views.redirect("/schools/" + upload.schoolId.urlPathEncoded)
        }
        router.get("/uploads/:id/file") { _, context in
            let upload = try owned(context)
            guard let data = FileManager.default.contents(atPath: service.sourcePath(upload)) else { throw HTTPError(.notFound) }
            return Download.response(data, name: upload.fileName, type: "application/octet-stream")
        }
    }

    /// The upload named in the URL if this account may see its school; 404 otherwise (also for
    /// ids of other schools, so a guessed id tells nothing).
    func owned(_ context: PortalContext) throws -> UploadRow {
        guard let id = Int64(try context.parameters.require("id")), let u = try portal.store.upload(id: id) else { throw HTTPError(.notFound) }
        _ = try context.requireSchool(u.schoolId)
        return u
    }

    /// Why a confirmation was refused: the request's own values (422), or values that do not fit
    /// the stored upload or the pack (409: teachers or periods of this file, the pack reader).
    struct Refusal {
        var errors: [String]
        var conflict: Bool
    }

    /// Reads the dean's answers, writes the school into the pack, marks the upload confirmed, audits.
    /// nil when done.
    func confirm(_ upload: UploadRow, form: Form, by me: Account) async throws -> Refusal? {
        guard case .success(let result) = await readForPreview(upload), let school = result.district.schools.first else {
            return Refusal(errors: ["the file no longer reads / 文件无法读取"], conflict: true)
        }
        let (answers, formErrors) = ConfirmAnswers.read(form, teachers: school.teachers.map(\.id), periods: school.periodsPerDay)
        if let mismatch = Self.bellCountMismatch(form, periods: school.periodsPerDay) {
            return Refusal(errors: [mismatch] + formErrors, conflict: true)
        }
        if !formErrors.isEmpty { return Refusal(errors: formErrors, conflict: false) }
        let errors = await service.confirm(upload, answers)
        if !errors.isEmpty { return Refusal(errors: errors, conflict: true) }
        var row = upload
        row.status = "confirmed"
        row.confirmedAt = Date().timeIntervalSince1970
        try portal.store.updateUpload(row)
        let psych = (answers.psych + answers.addPsych).map(\.teacher).sorted().joined(separator: ";")
        try portal.store.audit(me.username, school: upload.schoolId, "upload-confirm",
                               "#\(upload.id ?? 0) psych=\(psych) bells=\(answers.bellTimes.joined(separator: ";"))")
        return nil
    }

    /// Bell times given for another number of periods than the file has (a script's list too short
    /// or too long; the page always sends one field per period).
    static func bellCountMismatch(_ form: Form, periods: Int) -> String? {
        let given = form.fields.filter { $0.key.hasPrefix("bell.") && !($0.value.first ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        guard !given.isEmpty else { return nil }
        let numbers = given.keys.compactMap { Int($0.dropFirst("bell.".count)) }
        let missing = (1...max(1, periods)).contains { form.fields["bell.\($0)"] == nil }
        guard missing || numbers.contains(where: { $0 > periods }) || numbers.count != given.count else { return nil }
        return "this file has \(periods) periods a day: give one bell time for each, or none / 此课表每天 \(periods) 节，请为每节填写作息时间或全部留空"
    }

    /// Keeps the file (a new version), reads it once; a file that does not read is kept, marked failed.
    func receive(_ form: Form, school: String, account: Account) async throws -> UploadRow {
        // No file chosen, or an empty body (HTTP cannot tell it from a missing one): 400, as /openapi.yaml says (minLength 1).
        guard let file = form.files["file"], !file.data.isEmpty else { throw HTTPError(.badRequest, message: "no file, or an empty one / 未选择文件或文件为空") }
        if file.data.count > portal.config.maxUploadBytes { throw HTTPError(.contentTooLarge, message: "upload limit \(portal.config.maxUploadBytes) bytes / 文件超过上限") }
        let name = String(file.name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "upload").prefix(200)
        // The whole name as sent decides (the rule of /openapi.yaml's pattern), before it is cut short.
        guard let format = UploadService.format(of: file.name) else {
            throw HTTPError(.unsupportedMediaType, message: "\(name): use .xlsx, .csv, .fet or an XHSTT .xml / 请上传 XLSX、CSV、FET 或 XHSTT 文件")
        }
        var row = try portal.store.insertUpload(UploadRow(id: nil, schoolId: school, accountId: account.id, format: format.rawValue,
            fileName: String(name), bytes: file.data.count, status: "uploaded", message: "", createdAt: Date().timeIntervalSince1970))
        let dir = portal.config.uploadDirectory(row.id ?? 0)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try file.data.write(to: URL(fileURLWithPath: service.sourcePath(row)))
        if case .failure(let e) = await readForPreview(row) {
            row.status = "failed"
            row.message = e.message
            try portal.store.updateUpload(row)
        }
        try portal.store.audit(account.username, school: school, "upload", "#\(row.id ?? 0) \(name) \(file.data.count) bytes")
        return row
    }

    func readForPreview(_ upload: UploadRow) async -> Result<ImportResult, ImportError> {
        service.read(upload, options: await service.baseOptions(school: upload.schoolId))
    }

    /// What was read: the import report, each class's weekly grid, and the confirmation form.
    func preview(_ upload: UploadRow, _ context: PortalContext, errors: [String]) async throws -> Response {
        var data: [String: Any] = ["upload": UploadView.make(upload, context.lang), "errors": errors, "hasErrors": !errors.isEmpty]
        let district = await portal.pack.load()?.district
        let displaceable = district?.policy.displaceable ?? [:]
        data["displaceable"] = displaceable.keys.sorted().map { ["name": $0, "cost": displaceable[$0] ?? 0] }
        switch await readForPreview(upload) {
        case .failure(let e):
            data["importError"] = e.message
        case .success(let r):
            guard let school = r.district.schools.first else { break }
            let old = district?.schools.first { $0.id == school.id }
            // The server's own paths stay on the server: the report names the file as the dean sent it.
            data["report"] = r.report.text().replacingOccurrences(of: service.sourcePath(upload), with: upload.fileName)
            data["grids"] = Grid.classes(school, displaceable: Set(displaceable.keys), lang: context.lang)
            data["teachers"] = r.report.teacherLoad.map { t in
                let was = old?.teachers.first { $0.id == t.id }?.psych ?? .none
                return ["id": t.id, "periods": String(format: "%g", t.periods),
                        "none": was == .none, "full": was == .full, "part": was == .part] as [String: Any]
            }
            // Psychology teachers of the school's last version who are not in this file.
            let inFile = Set(r.report.teacherLoad.map(\.id))
            data["addPsych"] = (old?.teachers ?? []).filter { $0.psych.teaches && !inFile.contains($0.id) }
                .map { "\($0.id)=\($0.psych.rawValue):\($0.stages.map(\.rawValue).joined(separator: ";"))" }.joined(separator: "\n")
            let oldBells = old?.periodTimes ?? []
            data["bells"] = (0..<school.periodsPerDay).map { p in
                ["n": p + 1, "value": p < oldBells.count ? oldBells[p] : ""] as [String: Any]
            }
            data["readOK"] = true
        }
        return portal.views.page("upload", data, context: context)
    }
}

/// A file download: an attachment with a UTF-8 file name (RFC 6266).
enum Download {
    static func response(_ data: Data, name: String, type: String) -> Response {
        let ascii = name.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" && $0.value >= 32 } ? name : "download"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? "download"
        return Response(status: .ok, headers: [
            .contentType: type, .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
