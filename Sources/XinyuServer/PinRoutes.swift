import Foundation
import GRDB
import Hummingbird
import XinyuPack
import XinyuVerify

/// A lesson the dean pins (keep) or forbids on the run page. Kept in the database and written to
/// the pack as schools/<id>/pinned.csv (class,when,period,teacher,kind), the pins file the planner
/// reads (docs/FORMAT.md); a new keep is checked at once with the engine's own pin rules.
struct PinRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "pin"
    var id: Int64?
    var schoolId: String
    var classID: String
    var when: String
    var period: Int
    var teacher: String
    var kind: String
    var createdAt: Double
    enum CodingKeys: String, CodingKey {
        case id, when, period, teacher, kind
        case schoolId = "school_id", classID = "class", createdAt = "created_at"
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static let header = ["class", "when", "period", "teacher", "kind"]
    var cells: [String] { [classID, when, String(period), teacher, kind] }

    /// A pin from the page's form, checked at once against the school; the reasons it is refused.
    static func from(_ f: Form, school: School, district: District) -> (PinRow?, [String]) {
        var errors: [String] = []
        let classID = f["class"] ?? "", when = (f["when"] ?? "").trimmingCharacters(in: .whitespaces)
        let teacher = (f["teacher"] ?? "").trimmingCharacters(in: .whitespaces), kind = f["kind"] ?? ""
        if !school.classes.contains(where: { $0.id == classID }) { errors.append("班级不存在 / no such class: \(classID)") }
        if let date = CivilDate(iso: when) {
            if date < district.termStart || date > district.termEnd { errors.append("日期不在学期内 / \(when) is outside the term") }
        } else if !(Int(when).map { (1...7).contains($0) } ?? false) {
            errors.append("日期应为 YYYY-MM-DD 或星期 1–7 / when: a date YYYY-MM-DD or a weekday 1–7")
        }
        let period = Int(f["period"] ?? "") ?? 0
        if !(1...school.periodsPerDay).contains(period) { errors.append("节次应为 1–\(school.periodsPerDay) / period must be 1–\(school.periodsPerDay)") }
        if !teacher.isEmpty, !(school.teachers.contains { $0.id == teacher && $0.psych.teaches }) {
            errors.append("\(teacher) 不是本校心理教师 / is not a psychology teacher of the school")
        }
        if !["keep", "forbid"].contains(kind) { errors.append("类型应为 keep 或 forbid / kind must be keep or forbid") }
        guard errors.isEmpty else { return (nil, errors) }
        return (PinRow(id: nil, schoolId: school.id, classID: classID, when: when, period: period, teacher: teacher, kind: kind,
                       createdAt: Date().timeIntervalSince1970), [])
    }
}

extension Store {
    func pins(school: String) throws -> [PinRow] {
        try db.read { try PinRow.filter(Column("school_id") == school).order(Column("class"), Column("when"), Column("period")).fetchAll($0) }
    }

    func addPin(_ pin: PinRow) throws {
        try db.write { db in
            var p = pin
            try p.insert(db)
        }
    }

    func removePin(id: Int64, school: String) throws -> Bool {
        try db.write { try PinRow.filter(Column("id") == id && Column("school_id") == school).deleteAll($0) > 0 }
    }
}

/// Pin and forbid from the run page; each change rewrites the school's pinned.csv.
struct PinRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.post("/schools/:school/pins") { _, context in
            let id = try context.parameters.require("school")
            let me = try context.requireSchool(id)
            guard let district = await portal.pack.load()?.district, let school = district.schools.first(where: { $0.id == id }) else {
                throw HTTPError(.conflict, message: "the school is not in the pack / 数据包中没有此学校")
            }
            let (pin, errors) = PinRow.from(context.form, school: school, district: district)
            guard let pin else { return try page(id, context, errors: errors) }
            // The engine's own check (XinyuVerify.PinRules): a keep on a holiday, a busy teacher,
            // a period that may not be displaced … is refused here, as `xinyu solve` would refuse it.
            let broken = try brokenRules(adding: pin, to: district)
            if !broken.isEmpty { return try page(id, context, errors: broken) }
            try portal.store.addPin(pin)
            try await write(id)
            try portal.store.audit(me.username, school: id, "pin-\(pin.kind)", pin.cells.joined(separator: ","))
            return Views.redirect("/schools/\(id.urlPathEncoded)/pins")
        }
        router.get("/schools/:school/pins") { _, context in
            let id = try context.parameters.require("school")
            _ = try context.requireSchool(id)
            return try page(id, context, errors: [])
        }
        router.post("/schools/:school/pins/:pin/remove") { _, context in
            let id = try context.parameters.require("school")
            let me = try context.requireSchool(id)
            guard let pin = Int64(try context.parameters.require("pin")), try portal.store.removePin(id: pin, school: id) else { throw HTTPError(.notFound) }
            try await write(id)
            try portal.store.audit(me.username, school: id, "pin-remove", "#\(pin)")
            return Views.redirect("/schools/\(id.urlPathEncoded)/pins")
        }
    }

    func page(_ school: String, _ context: PortalContext, errors: [String]) throws -> Response {
        let pins = try portal.store.pins(school: school).map { ["id": $0.id ?? 0, "cells": $0.cells] as [String: Any] }
        return portal.views.page("pins", ["school": school, "pins": pins, "errors": errors, "hasErrors": !errors.isEmpty], context: context)
    }

    /// The hard rules the school's pins would break with `pin` added (PinRules, as the pack reader
    /// of `xinyu solve` applies them); empty when the pin may be kept.
    func brokenRules(adding pin: PinRow, to district: District) throws -> [String] {
        var d = district
        guard let i = d.schools.firstIndex(where: { $0.id == pin.schoolId }) else { return [] }
        let rows = try portal.store.pins(school: pin.schoolId) + [pin]
        d.schools[i].pins = rows.enumerated().compactMap { n, r in
            let when: Unavailability.When
            if let date = CivilDate(iso: r.when) { when = .date(date) } else if let w = Int(r.when) { when = .weekday(w) } else { return nil }
            guard let kind = Pin.Kind(rawValue: r.kind) else { return nil }
            return Pin(classID: r.classID, when: when, period: r.period, teacher: r.teacher, kind: kind, line: n + 2)
        }
        return PinRules.check(d).map(\.message)
    }

    /// schools/<id>/pinned.csv from the database (the file is absent when there is no pin).
    func write(_ school: String) async throws {
        let rows = try portal.store.pins(school: school).map(\.cells)
        let path = portal.config.packPath + "/schools/" + school + "/pinned.csv"
        if rows.isEmpty { try? FileManager.default.removeItem(atPath: path); return }
        try AtomicFile.write(CSVText.document(header: PinRow.header, rows: rows, bom: false), to: path)
        await portal.pack.invalidate()
    }
}
