// Collects the errors and notes found while reading a pack, so that every problem in every
// file is reported at once instead of stopping at the first.

struct DiagnosticLog {
    private(set) var items: [Diagnostic] = []

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    mutating func error(_ file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        items.append(Diagnostic(.error, SourceLocation(file: file, line: line, field: field), message))
    }

    mutating func note(_ file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        items.append(Diagnostic(.note, SourceLocation(file: file, line: line, field: field), message))
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
        }.map(\.element)
    }
}

/// `"x"`, the way messages quote a value the user wrote.
func quoted(_ value: String) -> String { "\"" + value + "\"" }
