import Foundation
import XinyuPack

/// district.toml and calendar.csv written from the settings form, with the page field of every
/// line written, so each diagnostic of the pack reader lands beside the field it is about.
/// Values are written, never judged: a value that is not a bare number, date or boolean is
/// written as a quoted TOML string, which the reader then refuses with its own message.
struct SettingsFiles {
    var districtToml = ""
    var calendarCSV = ""
    /// district.toml line → page field ("term.start", "disp.3", …).
    var tomlFields: [Int: String] = [:]
    /// calendar.csv line → the row's index in `SettingsForm.calendar`.
    var calendarRows: [Int: Int] = [:]

    /// The sections of district.toml the form writes; every other section of the old file (e.g.
    /// [topics]) is kept as it was, after them.
    static let formSections: Set<String> = ["term", "policy", "policy.displaceable", "policy.month_minimum", "preferences", "staffing"]

    static func write(_ form: SettingsForm, keepingFrom oldToml: String) -> SettingsFiles {
        var out = SettingsFiles()
        var lines: [String] = []
        func add(_ line: String, field: String? = nil) {
            lines.append(line)
            if let field { out.tomlFields[lines.count] = field }
        }
        func scalar(_ path: String, _ kind: SettingsForm.Kind) {
            let value = form.values[path] ?? ""
            guard !value.isEmpty else { return }   // left empty: the reader's default (or its "missing" error)
            let key = String(path.split(separator: ".").last ?? "")
            add("\(key) = \(literal(value, kind))", field: path)
        }
        func section(_ name: String, _ prefix: String) {
            add("")
            add("[\(name)]")
            for (path, kind) in SettingsForm.scalars where path.hasPrefix(prefix + ".") { scalar(path, kind) }
        }
        if let name = form.values["name"], !name.isEmpty { add("name = " + TOMLText.string(name), field: "name") }
        section("term", "term")
        section("policy", "policy")
        add("")
        add("[policy.displaceable]")
        for (i, row) in form.displaceable.enumerated() { add("\(TOMLText.key(row.key)) = \(literal(row.value, .number))", field: "disp.\(i)") }
        if !form.monthMinimum.isEmpty {
            add("")
            add("[policy.month_minimum]")
            for (i, row) in form.monthMinimum.enumerated() { add("\(TOMLText.key(row.key)) = \(literal(row.value, .integer))", field: "month.\(i)") }
        }
        section("preferences", "preferences")
        section("staffing", "staffing")
        let kept = keptSections(oldToml)
        if !kept.isEmpty { lines.append(""); lines.append(contentsOf: kept) }
        out.districtToml = lines.joined(separator: "\n") + "\n"

        var csv = ["date,kind,follows_weekday,note"]
        for (i, row) in form.calendar.enumerated() {
            csv.append([row.date, row.kind, row.follows, row.note].map(csvField).joined(separator: ","))
            out.calendarRows[csv.count] = i
        }
        out.calendarCSV = csv.joined(separator: "\n") + "\n"
        return out
    }

    /// The value bare when it already is a TOML literal of its kind, quoted otherwise.
    static func literal(_ value: String, _ kind: SettingsForm.Kind) -> String {
        switch kind {
        case .integer where value.range(of: "^[+-]?[0-9]{1,15}$", options: .regularExpression) != nil:
            return String(Int(value) ?? 0)
        case .number where value.range(of: "^[+-]?[0-9]{1,15}(\\.[0-9]{1,15})?$", options: .regularExpression) != nil:
            return value.hasPrefix("+") ? String(value.dropFirst()) : value
        case .date where CivilDate(iso: value) != nil && value.count == 10:
            return value
        case .boolean where value == "true" || value == "false":
            return value
        default:
            return TOMLText.string(value)
        }
    }

    /// Lines of every section of `toml` that the form does not write, in file order.
    static func keptSections(_ toml: String) -> [String] {
        var kept: [String] = []
        var keeping = false
        for line in toml.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n") {
            if let header = sectionHeader(line) { keeping = !formSections.contains(header) }
            if keeping { kept.append(line) }
        }
        while kept.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { kept.removeLast() }
        return kept
    }

    /// The dotted name of a `[table]` or `[[array]]` header line, quotes removed; nil otherwise.
    static func sectionHeader(_ line: String) -> String? {
        guard line.range(of: "^\\[\\[?[^\\[\\],=]+\\]\\]?[ \\t]*(#.*)?$", options: .regularExpression) != nil,
              let close = line.firstIndex(of: "]") else { return nil }
        let inner = line[line.startIndex..<close].drop { $0 == "[" }
        return inner.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
            .joined(separator: ".")
    }

    /// A CSV field, quoted when it holds a comma or a quote. Line breaks become spaces: one row is
    /// one line, so the reader's line numbers map back to the form's rows.
    static func csvField(_ value: String) -> String {
        let v = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return v.contains(",") || v.contains("\"") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
    }
}
