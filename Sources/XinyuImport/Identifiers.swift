// Ids stay the source's own (FET names, XHSTT resource ids, grid class names and teacher names).
// The pack forbids only commas, semicolons and control characters in an id (and an empty id);
// those are replaced — a comma or semicolon by its full-width form (，；), a control character
// (a tab, a line break) by a space — surrounding spaces are trimmed, and each change is reported.
// Two source ids that would become the same id are kept apart with a "~2" suffix.

import Foundation
import XinyuPack

struct IDMapper {
    private(set) var map: [String: String] = [:]
    private var used: Set<String> = []
    /// "class \"a,b\" → \"a，b\"" lines for the report.
    private(set) var changes: [String] = []
    let kind: String

    init(kind: String) { self.kind = kind }

    /// The pack id for a source id (the same answer every time).
    mutating func id(_ source: String) -> String {
        if let known = map[source] { return known }
        var clean = ""
        for scalar in source.unicodeScalars {
            switch scalar {
            case ",": clean += "，"
            case ";": clean += "；"
            default:
                clean += scalar.properties.generalCategory == .control ? " " : String(scalar)
            }
        }
        clean = clean.trimmingCharacters(in: .whitespaces)
        if clean.isEmpty { clean = "_" }
        var candidate = clean
        var n = 2
        while used.contains(candidate) {
            candidate = clean + "~\(n)"
            n += 1
        }
        used.insert(candidate)
        map[source] = candidate
        if candidate != source {
            changes.append("\(kind) \(debugQuoted(source)) → \(debugQuoted(candidate))")
        }
        return candidate
    }
}

/// A quoted string with control characters made visible.
func debugQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            out += scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
    }
    return out + "\""
}
