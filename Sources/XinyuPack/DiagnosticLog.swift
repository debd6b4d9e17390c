// Collects the errors and notes found while reading a pack, so that every problem in every
// file is reported at once instead of stopping at the first.

struct DiagnosticLog {
    private(set) var items: [Diagnostic] = []
    /// At most this many errors and this many notes are kept per file; the rest are counted, and
    /// one line says how many were left out (a broken 100,000-row file gives a readable answer).
    static let maxPerFile = 200
    private var kept: [String: Int] = [:]
    private var leftOut: [String: Int] = [:]
    /// Bytes of pack files read so far (for `PackLimits.maxPackBytes`).
    var bytesRead = 0

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    mutating func error(_ file: String, line: Int? = nil, field: String? = nil, _ text: Bilingual) {
        add(Diagnostic(.error, SourceLocation(file: file, line: line, field: field), text))
    }

    mutating func error(_ file: String, line: Int? = nil, field: String? = nil, en: String, zh: String) {
        error(file, line: line, field: field, Bilingual(en: en, zh: zh))
    }

    mutating func note(_ file: String, line: Int? = nil, field: String? = nil, en: String, zh: String) {
        add(Diagnostic(.note, SourceLocation(file: file, line: line, field: field), Bilingual(en: en, zh: zh)))
    }

    private mutating func add(_ d: Diagnostic) {
        let key = d.location.file + (d.severity == .error ? "\u{1}e" : "\u{1}n")
        if kept[key, default: 0] >= Self.maxPerFile {
            let first = leftOut[key] == nil
            leftOut[key, default: 0] += 1
            if first {
                // A placeholder at the end of the file's list, completed by `sorted`.
                items.append(Diagnostic(d.severity, SourceLocation(file: d.location.file, line: Int.max), Bilingual(en: key, zh: key)))
            }
            return
        }
        kept[key, default: 0] += 1
        items.append(d)
    }

    /// The diagnostics ordered by file, then line (a diagnostic without a line first), keeping the
    /// order in which they were found for equal positions.
    var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            let (fa, fb) = (a.element.location.file, b.element.location.file)
            if fa != fb { return fa < fb }
            let (la, lb) = (a.element.location.line ?? 0, b.element.location.line ?? 0)
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map { item in
            var d = item.element
            guard d.location.line == Int.max, let n = leftOut[d.text.en] else { return d }
            d.location.line = nil
            let kind = d.severity == .error ? ("error(s)", "处错误") : ("note(s)", "条提示")
            d.text = Bilingual(en: "… and \(n) more \(kind.0) in this file (only the first \(Self.maxPerFile) are listed)",
                               zh: "……本文件另有 \(n) \(kind.1)（只列出前 \(Self.maxPerFile) 条）")
            return d
        }
    }
}

/// `"x"`, the way messages quote a value the user wrote. A message stays one line of sensible
/// length whatever the value holds: line breaks, tabs and other control characters are shown
/// escaped (`\n`, `\u{0}`), and a value longer than 120 characters is cut with "…".
func quoted(_ value: String) -> String {
    var out = ""
    var count = 0
    for scalar in value.unicodeScalars {
        if count == 120 { out += "…"; break }
        count += 1
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.properties.generalCategory == .control {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return "\"" + out + "\""
}
