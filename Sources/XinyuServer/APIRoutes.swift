import Foundation
import Hummingbird
import XinyuImport

/// The JSON API (docs/openapi.yaml): the pages' operations for scripts, with an API token
/// (Authorization: Bearer) and the same authorization rules (the same checks are called).
struct APIRoutes {
    let portal: Portal
    let table: APIRouteTable

    func register(_ router: Router<PortalContext>) {
        let api = APIRouter(group: router.group("api"), table: table)
        api.get("me") { _, context in
            let me = try context.requireAccount()
            return APIResponse.json(AccountJSON(me))
        }
        api.get("schools") { _, context in
            let me = try context.requireAccount()
            return APIResponse.json(try await DashboardData.schools(portal).filter { me.mayAccess(school: $0.school) })
        }
        api.get("dashboard") { _, context in
            _ = try context.requireOffice()
            let district = try portal.store.runs(school: nil, kind: "district").map(RunJSON.init)
            return APIResponse.json(DashboardJSON(schools: try await DashboardData.schools(portal), districtRuns: district))
        }
        registerUploads(api)
        registerRuns(api)
        APIAccountRoutes(portal: portal).register(api)
    }

    /// Uploads: list, send, what was read, confirm, the file itself.
    func registerUploads(_ api: APIRouter) {
        let uploads = UploadRoutes(portal: portal)
        api.get("schools/:school/uploads") { _, context in
            let school = try context.parameters.require("school")
            _ = try context.requireSchool(school)
            return APIResponse.json(try portal.store.uploads(school: school).map(UploadJSON.init))
        }
        api.post("schools/:school/uploads") { request, context in
            let school = try context.parameters.require("school")
            let me = try context.requireSchool(school)
            let body = try await request.body.collect(upTo: portal.config.maxUploadBytes)
            var form = Form()
            guard let name = request.uri.queryParameters.get("filename"), !name.isEmpty else {
                return APIResponse.error(.badRequest, "?filename= is required (its extension gives the format) / 请给出文件名")
            }
            form.files["file"] = (name, Data(body.readableBytesView))
            let row = try await uploads.receive(form, school: school, account: me)
            return APIResponse.json(UploadJSON(row), status: .created)
        }
        api.get("uploads/:id") { _, context in
            let upload = try uploads.owned(context)
            var out = UploadDetailJSON(upload: UploadJSON(upload), report: nil, error: nil, teachers: [])
            switch await uploads.readForPreview(upload) {
            case .success(let r):
                out.report = r.report.text().replacingOccurrences(of: uploads.service.sourcePath(upload), with: upload.fileName)
                out.teachers = r.report.teacherLoad.map(\.id)
            case .failure(let e): out.error = e.message
            }
            return APIResponse.json(out)
        }
        api.post("uploads/:id/confirm") { request, context in
            let upload = try uploads.owned(context)
            let me = try context.requireAccount()
            let answers = try await APIBody.decode(ConfirmJSON.self, request)
            if let refused = try await uploads.confirm(upload, form: answers.form, by: me) {
                return APIResponse.json(ErrorsJSON(errors: refused.errors), status: refused.conflict ? .conflict : .unprocessableContent)
            }
            return APIResponse.json(UploadJSON(try portal.store.upload(id: upload.id ?? 0) ?? upload))
        }
        api.get("uploads/:id/file") { _, context in
            let upload = try uploads.owned(context)
            guard let data = FileManager.default.contents(atPath: uploads.service.sourcePath(upload)) else { throw HTTPError(.notFound) }
            return Download.response(data, name: upload.fileName, type: "application/octet-stream")
        }
    }

    /// Runs: a school's plans, the district checks, their files.
    func registerRuns(_ api: APIRouter) {
        let runs = RunRoutes(portal: portal)
        api.get("schools/:school/runs") { _, context in
            let school = try context.parameters.require("school")
            _ = try context.requireSchool(school)
            return APIResponse.json(try portal.store.runs(school: school, kind: "school").map(RunJSON.init))
        }
        api.post("schools/:school/runs") { _, context in
            let school = try context.parameters.require("school")
            let me = try context.requireSchool(school)
            return APIResponse.json(RunJSON(try await RunService(portal: portal).startSchool(school, by: me)), status: .accepted)
        }
        api.get("runs/:id") { _, context in
            let run = try runs.owned(context)
            var out = RunJSON(run)
            out.files = RunFiles(portal: portal, run: run).list(for: try context.requireAccount())
            return APIResponse.json(out)
        }
        api.get("runs/:id/file") { request, context in
            let run = try runs.owned(context)
            let me = try context.requireAccount()
            let path = request.uri.queryParameters.get("path") ?? ""
            let files = RunFiles(portal: portal, run: run)
            guard files.list(for: me).contains(path), let data = files.data(path, for: me) else { throw HTTPError(.notFound) }
            return Download.response(data, name: (path as NSString).lastPathComponent, type: RunFiles.type(of: path))
        }
        api.get("district/runs") { _, context in
            _ = try context.requireOffice()
            return APIResponse.json(try portal.store.runs(school: nil, kind: "district").map(RunJSON.init))
        }
        api.post("district/runs") { _, context in
            let me = try context.requireOffice()
            return APIResponse.json(RunJSON(try await RunService(portal: portal).startDistrict(by: me)), status: .accepted)
        }
    }
}

/// Accounts and the survey over the API.
struct APIAccountRoutes {
    let portal: Portal

    func register(_ api: APIRouter) {
        api.get("accounts") { _, context in
            _ = try context.requireOffice()
            return APIResponse.json(try portal.store.accounts().map(AccountJSON.init))
        }
        api.post("accounts") { request, context in
            let me = try context.requireOffice()
            let body = try await APIBody.decode(NewAccountJSON.self, request)
            guard let role = Role(rawValue: body.role) else { return APIResponse.error(.badRequest, "role: office or school / 角色须为 office 或 school") }
            if try portal.store.account(named: body.username) != nil {
                return APIResponse.error(.conflict, "\(body.username): exists already / 账户已存在")
            }
            if let refused = try await AccountActions(portal: portal).add(by: me.username, username: body.username, password: body.password,
                                                                        role: role, school: body.school) {
                return APIResponse.error(.unprocessableContent, refused)
            }
            guard let a = try portal.store.account(named: body.username) else { throw HTTPError(.internalServerError) }
            return APIResponse.json(AccountJSON(a), status: .created)
        }
        api.delete("accounts/:name") { _, context in
            let me = try context.requireOffice()
            if let refused = try AccountActions(portal: portal).remove(by: me.username, username: try context.parameters.require("name")) {
                return APIResponse.error(.notFound, refused)
            }
            return Response(status: .noContent)
        }
        api.get("survey") { request, context in
            let me = try context.requireAccount()
            // A school named in the query must be one this account may see (another school: 404).
            let school = request.uri.queryParameters.get("school") ?? (me.isOffice ? nil : me.schoolId)
            if let school { _ = try context.requireSchool(school) }
            return APIResponse.json(try portal.store.surveyRows(school: school))
        }
        api.post("survey/rows") { request, context in
            let me = try context.requireAccount()
            let fields = try await APIBody.fields(request, known: Set(SurveyRow.inputKeys + ["school"]), numeric: ["age", "periods"])
            // Required for every account (/openapi.yaml); a school account's own school is used whatever it names.
            guard let sent = fields["school"], !sent.isEmpty, let school = me.isOffice ? sent : me.schoolId else {
                return APIResponse.error(.badRequest, "school is required / 请给出学校")
            }
            try await SurveyRoutes(portal: portal).requireSurveySchool(school, context)
            let (row, errors) = SurveyRow.from(fields, school: school)
            guard let row else { return APIResponse.json(ErrorsJSON(errors: errors), status: .unprocessableContent) }
            try portal.store.saveSurveyRow(row)
            try portal.store.audit(me.username, school: school, "survey-save", row.teacherId)
            return APIResponse.json(row, status: .created)
        }
        api.get("survey.xlsx") { _, context in
            _ = try context.requireOffice()
            return Download.response(try await SurveyExport(portal: portal).workbook(), name: "survey.xlsx", type: RunFiles.type(of: "x.xlsx"))
        }
    }
}
