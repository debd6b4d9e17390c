// Advice as actions a district office can take (hire N teachers at a load, raise a teacher's limit,
// change a month's minimum, move exams), grouped into options; applying an option to a district
// (in memory or to a pack folder) is what the advice's `short_after` was computed on.

import Foundation
import XinyuPack

/// What one advised action does (advice.csv `kind`).
public enum AdviceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case hireFull = "hire_full", hirePart = "hire_part", raise, monthMinimum = "month_minimum", moveExams = "move_exams"
}

/// One row of advice.csv: one action of an option.
public struct AdviceAction: Sendable, Hashable, Codable {
    public var kind: AdviceKind
    /// The stage of a hire or a raise (raw name), else empty.
    public var stage: String = ""
    /// The existing teacher of a `raise`, else empty.
    public var teacher: String = ""
    /// Teachers to hire (`hire_*`), else 0.
    public var count: Int = 0
    /// Each new teacher's load, or the raised limits (nil: none / unchanged and unlimited).
    public var maxPerWeek: Int?
    public var maxPerDay: Int?
    /// `month_minimum`: the month and its new minimum; `move_exams`: the month and the exam days `D1..D2`.
    public var month: String = ""
    public var value: String = ""
    /// `raise`: the weekly limit before.
    public var from: Int?
    /// Whether this action is proven least (one hire fewer, a raise one less, misses more).
    public var proven: Bool = true
    public init(kind: AdviceKind) { self.kind = kind }

    /// Teacher-periods a week this action adds (hires: count × weekly load; raise: the added limit).
    public var cost: Int {
        switch kind {
        case .hireFull, .hirePart: return count * (maxPerWeek ?? 0)
        case .raise: return max(0, (maxPerWeek ?? 0) - (from ?? maxPerWeek ?? 0))
        case .monthMinimum, .moveExams: return 0
        }
    }
}

/// A set of actions applied together, and what the school still misses then (checked by a full solve).
public struct AdviceOption: Sendable, Hashable, Codable {
    /// 1 is the recommended option.
    public var number: Int
    public var actions: [AdviceAction]
    /// Lessons the school still misses once the option is applied (a full solve of its group).
    public var shortAfter: Int
    /// Teacher-periods a week the option adds.
    public var cost: Int { actions.reduce(0) { $0 + $1.cost } }
    public var proven: Bool { actions.allSatisfy(\.proven) }
}

/// The ids new teachers of a hire get: `<school>_NEW_<stage>_<i>`, skipping ids already in the district.
public func hireIDs(_ district: District, school: String, stage: String, count: Int) -> [String] {
    hireIDs(used: teacherIDs(district), school: school, stage: stage, count: count)
}

/// The ids new teachers of a hire get, skipping the ids in `used` (every teacher id of the district).
public func hireIDs(used: Set<String>, school: String, stage: String, count: Int) -> [String] {
    var ids: [String] = []
    var i = 1
    while ids.count < count {
        let id = "\(school)_NEW_\(stage)_\(i)"
        if !used.contains(id) { ids.append(id) }
        i += 1
    }
    return ids
}

/// Every teacher id of the district's schools.
public func teacherIDs(_ district: District) -> Set<String> {
    Set(district.schools.lazy.flatMap { $0.teachers.map(\.id) })
}

/// The district with `actions` applied to school `school`: hires appended to its teachers (after
/// the existing ones), raised limits set in every school that lists the teacher, month minimums set
/// in the policy, and the exam days of a month turned into ordinary lesson days.
public func applyAdvice(_ actions: [AdviceAction], school: String, to district: District) -> District {
    applyAdvice(actions, school: school, to: district, usedIDs: teacherIDs(district))
}

/// `applyAdvice` with the teacher ids new hires must avoid given: those of the whole district
/// when `district` holds only the school's group (the advice search), so a hire gets the id it
/// gets in the whole district.
public func applyAdvice(_ actions: [AdviceAction], school: String, to district: District, usedIDs: Set<String>) -> District {
    var d = district
    var used = usedIDs
    for a in actions {
        switch a.kind {
        case .hireFull, .hirePart:
            guard let si = d.schools.firstIndex(where: { $0.id == school }), let stage = Stage(rawValue: a.stage) else { continue }
            for (n, id) in hireIDs(used: used, school: school, stage: a.stage, count: a.count).enumerated() {
                let role = a.kind == .hireFull ? "专职" : "兼职"
                used.insert(id)
                d.schools[si].teachers.append(Teacher(id: id, name: "新聘\(role)心理教师\(stage.chinese)\(n + 1)",
                                                      psych: a.kind == .hireFull ? .full : .part, stages: [stage],
                                                      maxPerDay: a.maxPerDay, maxPerWeek: a.maxPerWeek))
            }
        case .raise:
            for si in d.schools.indices {
                for ti in d.schools[si].teachers.indices where d.schools[si].teachers[ti].id == a.teacher {
                    d.schools[si].teachers[ti].maxPerWeek = a.maxPerWeek
                    d.schools[si].teachers[ti].maxPerDay = a.maxPerDay
                }
            }
        case .monthMinimum:
            if let v = Int(a.value) { d.policy.monthMinimum[a.month] = v }
        case .moveExams:
            d.calendar = d.calendar.filter { !($0.kind == .exam && $0.date.monthKey == a.month) }
        }
    }
    return d
}

/// advice.csv: one row per action (a contract, docs/DISTRICT.md).
public enum AdviceCSV {
    public static let header = ["school", "option", "kind", "stage", "teacher", "count", "max_per_week", "max_per_day",
                                "month", "value", "short_after", "proven"]

    /// The file for the given advice (schools in id order, options in number order), UTF-8 with BOM.
    public static func text(_ advice: [Advice]) -> String {
        var rows: [[String]] = []
        for a in advice.sorted(by: { $0.school < $1.school }) {
            for o in a.options {
                for x in o.actions {
                    rows.append([a.school, String(o.number), x.kind.rawValue, x.stage, x.teacher, x.count > 0 ? String(x.count) : "",
                                 x.maxPerWeek.map(String.init) ?? "", x.maxPerDay.map(String.init) ?? "", x.month, x.value,
                                 String(o.shortAfter), x.proven ? "yes" : "no"])
                }
            }
        }
        return CSVText.document(header: header, rows: rows, bom: true)
    }

    /// One row read back: the school, the option number, the action and `short_after`.
    public struct Row: Sendable, Hashable {
        public var school: String
        public var option: Int
        public var action: AdviceAction
        public var shortAfter: Int
    }

    /// Reads advice.csv text (BOM optional); rows that do not fit the contract are an error naming the line.
    public static func parse(_ text: String) throws(AdviceFileError) -> [Row] {
        let records = CSVRecords.parse(text)
        guard let head = records.first, head == header else {
            throw AdviceFileError(message: "advice.csv:1: header must be \(header.joined(separator: ",")) / 表头不符")
        }
        var out: [Row] = []
        for (i, r) in records.dropFirst().enumerated() where !(r.count == 1 && r[0].isEmpty) {
            let line = i + 2
            guard r.count == header.count, let option = Int(r[1]), let kind = AdviceKind(rawValue: r[2]),
                  let shortAfter = Int(r[10]), r[11] == "yes" || r[11] == "no" else {
                throw AdviceFileError(message: "advice.csv:\(line): not a valid advice row (columns \(header.joined(separator: ","))) / 第\(line)行不是有效的建议行")
            }
            var a = AdviceAction(kind: kind)
            a.stage = r[3]; a.teacher = r[4]; a.count = Int(r[5]) ?? 0
            a.maxPerWeek = Int(r[6]); a.maxPerDay = Int(r[7]); a.month = r[8]; a.value = r[9]; a.proven = r[11] == "yes"
            out.append(Row(school: r[0], option: option, action: a, shortAfter: shortAfter))
        }
        return out
    }
}

public struct AdviceFileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Applies option `option` of advice.csv's rows for `school` to the pack at `pack`, writing the
/// changed pack to `out` (a new folder, or a pack folder replaced whole). Returns the actions applied.
@discardableResult
public func applyAdvice(rows: [AdviceCSV.Row], school: String, option: Int, pack: String, out: String) throws -> [AdviceAction] {
    let loaded = try PackReader.load(path: pack)
    let actions = rows.filter { $0.school == school && $0.option == option }.map(\.action)
    try PackWriter.write(applyAdvice(actions, school: school, to: loaded.district), to: out, overwrite: true)
    return actions
}
