import Foundation
import Hummingbird
import XinyuExport

/// The survey pages: a school fills its own rows; the office sees every school's and downloads one XLSX.
struct SurveyRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.get("/survey") { request, context in
            let me = try context.requireAccount()
            // A school named in the query must be one this account may see (another school: 404).
            let school = request.uri.queryParameters.get("school") ?? (me.isOffice ? nil : me.schoolId)
            return try await page(context, school: school, errors: [])
        }
        router.post("/survey/rows") { _, context in
            let me = try context.requireAccount()
            let f = context.form
            // A school account writes its own school, whatever the form says.
            guard let school = me.isOffice ? f["school"] : me.schoolId, !school.isEmpty else { throw HTTPError(.badRequest, message: "school? / 学校？") }
            try await requireSurveySchool(school, context)
            var fields: [String: String] = [:]
            for k in SurveyRow.inputKeys { fields[k] = f[k] ?? "" }
            let (row, errors) = SurveyRow.from(fields, school: school)
            guard let row else { return try await page(context, school: school, errors: errors) }
            try portal.store.saveSurveyRow(row)
            try portal.store.audit(me.username, school: school, "survey-save", row.teacherId)
            return Views.redirect(me.isOffice ? "/survey?school=" + school.urlPathEncoded : "/survey")
        }
        router.post("/survey/rows/:id/remove") { _, context in
            let me = try context.requireAccount()
            guard let id = Int64(try context.parameters.require("id")),
                  let row = try portal.store.removeSurveyRow(id: id, school: me.isOffice ? nil : me.schoolId) else { throw HTTPError(.notFound) }
            try portal.store.audit(me.username, school: row.schoolId, "survey-remove", row.teacherId)
            return Views.redirect("/survey")
        }
        router.get("/survey.xlsx") { _, context in
            _ = try context.requireOffice()
            let data = try await SurveyExport(portal: portal).workbook()
            return Download.response(data, name: "心理健康教师基本情况调查表.xlsx", type: RunFiles.type(of: "x.xlsx"))
        }
    }

    /// A row is written for a school this account may see that is in the pack (an office typo: 404,
    /// not rows of a school that does not exist).
    func requireSurveySchool(_ school: String, _ context: PortalContext) async throws {
        _ = try context.requireSchool(school)
        guard await portal.pack.load()?.district.schools.contains(where: { $0.id == school }) ?? false else {
            throw HTTPError(.notFound, message: "\(school): no such school in the pack / 数据包中没有此学校")
        }
    }

    func page(_ context: PortalContext, school: String?, errors: [String]) async throws -> Response {
        let me = try context.requireAccount()
        if let school { _ = try context.requireSchool(school) }
        let rows = try portal.store.surveyRows(school: me.isOffice ? school : me.schoolId)
        var problems: [String] = []
        if let school {
            problems = SurveyCheck.problems(rows: rows, school: await portal.pack.load()?.district.schools.first { $0.id == school })
        }
        return portal.views.page("survey", [
            "rows": rows.map { r in ["id": r.id ?? 0, "cells": r.cells] as [String: Any] },
            "header": SurveyRow.header, "school": school ?? "", "hasSchool": school != nil,
            "problems": problems, "errors": errors, "hasErrors": !errors.isEmpty,
            "educations": SurveyRow.educations,
        ], context: context)
    }
}

/// The district's table: every school's rows, one sheet, then the check's findings in a second file.
struct SurveyExport {
    let portal: Portal

    func workbook() async throws -> Data {
        let rows = try portal.store.surveyRows(school: nil)
        let path = portal.config.dataDirectory + "/tmp-survey-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TableWorkbook.write(sheet: "调查表", header: SurveyRow.header, rows: rows.map(\.cells), to: path)
        guard let data = FileManager.default.contents(atPath: path) else { throw HTTPError(.internalServerError) }
        return data
    }
}
