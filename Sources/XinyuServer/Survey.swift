import Foundation
import GRDB
import XinyuPack

/// One row of 全区中小学校心理健康教师基本情况调查表 (docs/PORTAL.md lists the fields).
struct SurveyRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "survey_row"
    var id: Int64?
    var schoolId: String
    var teacherId: String
    var name: String
    var sex: String
    var age: Int?
    var education: String
    var major: String
    var certificate: String
    var employment: String
    var stages: String
    var periodsPerWeek: Int?
    var training: String
    var updatedAt: Double
    enum CodingKeys: String, CodingKey {
        case id, name, sex, age, education, major, certificate, employment, stages, training
        case schoolId = "school_id", teacherId = "teacher_id", periodsPerWeek = "periods_per_week", updatedAt = "updated_at"
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static let sexes = ["男", "女"]
    static let educations = ["中专", "大专", "本科", "硕士研究生", "博士研究生"]
    static let header = ["学校 school", "教师标识 teacher", "姓名 name", "性别 sex", "年龄 age", "学历 education", "专业 major",
                         "资格证书 certificate", "专兼职 full/part", "任教学段 stages", "周课时 periods a week", "参加培训 training"]

    var cells: [String] {
        [schoolId, teacherId, name, sex, age.map(String.init) ?? "", education, major, certificate,
         employment == "full" ? "专职 full" : "兼职 part", stages, periodsPerWeek.map(String.init) ?? "", training]
    }

    /// A row from a form or the API; the bilingual reasons it was refused, if any.
    /// The fields a row is made of, in the form and in the API's JSON.
    static let inputKeys = ["teacher", "name", "sex", "age", "education", "major", "certificate", "employment", "stages", "periods", "training"]

    static func from(_ f: [String: String], school: String) -> (SurveyRow?, [String]) {
        var errors: [String] = []
        func text(_ k: String, max: Int = 100) -> String { String((f[k] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(max)) }
        let teacher = text("teacher"), name = text("name")
        if teacher.isEmpty { errors.append("教师标识必填 / teacher id is required") }
        if name.isEmpty { errors.append("姓名必填 / name is required") }
        let sex = text("sex")
        if !sexes.contains(sex) { errors.append("性别须为 男 或 女 / sex must be 男 or 女") }
        let age = Int(text("age"))
        if let a = age, !(18...75).contains(a) { errors.append("年龄须在 18–75 之间 / age must be 18–75") }
        if age == nil && !text("age").isEmpty { errors.append("年龄须为整数 / age must be a whole number") }
        let education = text("education")
        if !educations.contains(education) { errors.append("学历须为 \(educations.joined(separator: "、")) 之一 / education must be one of these") }
        let employment = text("employment")
        if !["full", "part"].contains(employment) { errors.append("专兼职须为 full 或 part / employment must be full or part") }
        let stages = text("stages").split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " }).map(String.init)
        if stages.isEmpty || stages.contains(where: { Stage(rawValue: $0) == nil }) {
            errors.append("任教学段须为 primary、junior、senior（以 ; 分隔）/ stages: primary, junior, senior joined by ;")
        }
        let periods = Int(text("periods"))
        if periods == nil || !(0...40).contains(periods ?? -1) { errors.append("周课时须为 0–40 的整数 / periods a week must be 0–40") }
        guard errors.isEmpty else { return (nil, errors) }
        return (SurveyRow(id: nil, schoolId: school, teacherId: teacher, name: name, sex: sex, age: age, education: education,
                          major: text("major"), certificate: text("certificate"), employment: employment,
                          stages: stages.sorted().joined(separator: ";"), periodsPerWeek: periods, training: text("training", max: 500),
                          updatedAt: Date().timeIntervalSince1970), [])
    }
}

/// The survey checked against teachers.csv of the district pack: each row names a psychology
/// teacher of its school with the same full/part and stages; each psychology teacher has a row.
enum SurveyCheck {
    static func problems(rows: [SurveyRow], school: School?) -> [String] {
        guard let school else { return ["学校不在数据包中 / the school is not in the pack"] }
        var out: [String] = []
        let psych = Dictionary(school.teachers.filter(\.psych.teaches).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for r in rows.sorted(by: { $0.teacherId < $1.teacherId }) {
            guard let t = psych[r.teacherId] else {
                out.append("\(r.teacherId) \(r.name)：teachers.csv 中不是心理教师 / not a psychology teacher in teachers.csv")
                continue
            }
            if t.psych.rawValue != r.employment {
                out.append("\(r.teacherId) \(r.name)：专兼职与 teachers.csv 不符（\(t.psych.rawValue)）/ full/part differs from teachers.csv (\(t.psych.rawValue))")
            }
            let stages = t.stages.map(\.rawValue).sorted().joined(separator: ";")
            if stages != r.stages {
                out.append("\(r.teacherId) \(r.name)：任教学段与 teachers.csv 不符（\(stages)）/ stages differ from teachers.csv (\(stages))")
            }
        }
        let surveyed = Set(rows.map(\.teacherId))
        for id in psych.keys.sorted() where !surveyed.contains(id) {
            out.append("\(id) \(psych[id]?.name ?? "")：尚未填写调查表 / no survey row yet")
        }
        return out
    }
}

extension Store {
    func surveyRows(school: String?) throws -> [SurveyRow] {
        try db.read { db in
            var q = SurveyRow.order(Column("school_id"), Column("teacher_id"))
            if let school { q = q.filter(Column("school_id") == school) }
            return try q.fetchAll(db)
        }
    }

    /// Inserts or replaces the row of (school, teacher).
    func saveSurveyRow(_ row: SurveyRow) throws {
        try db.write { db in
            try SurveyRow.filter(Column("school_id") == row.schoolId && Column("teacher_id") == row.teacherId).deleteAll(db)
            var r = row
            try r.insert(db)
        }
    }

    /// Deletes a row only if it belongs to `school` (nil: the office, any school).
    func removeSurveyRow(id: Int64, school: String?) throws -> SurveyRow? {
        try db.write { db in
            guard let r = try SurveyRow.fetchOne(db, key: id), school == nil || r.schoolId == school else { return nil }
            try r.delete(db)
            return r
        }
    }
}
