// CSV output shared by the pack writer and the solver's writers: RFC 4180 quoting, "\n" line ends.

public enum CSVText {
    /// One CSV line (without its line end). A field is quoted when it contains a comma, a quote,
    /// CR or LF (quotes doubled), or starts or ends with white space (which readers that trim,
    /// like this package's, would otherwise drop).
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// A whole CSV document: the header row, then each row, each line ended by "\n"; with a UTF-8
    /// byte order mark first when `bom` (for Excel, which otherwise guesses the encoding).
    public static func document(header: [String], rows: [[String]], bom: Bool) -> String {
        var text = bom ? "\u{FEFF}" : ""
        text += line(header) + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }

    static func field(_ raw: String) -> String {
        let value = neutralised(raw)
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || value.first.map(isSpace) == true || value.last.map(isSpace) == true
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// OWASP's advice against CSV injection: a cell that starts with = + - @, a tab or a CR and
    /// is not a plain number gets a leading apostrophe, so Excel and WPS show it as text instead
    /// of running it. Ids and names of a pack can never start so (they are refused on input), so
    /// contract files read back unchanged; this covers every other text (imports, topics …).
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        if isPlainNumber(value) { return value }
        return "'" + value
    }

    /// "-3", "+2.5": a number, not a formula.
    private static func isPlainNumber(_ value: String) -> Bool {
        let body = value.unicodeScalars.dropFirst()
        guard let f = value.unicodeScalars.first, f == "-" || f == "+", !body.isEmpty else { return false }
        var dot = false
        for c in body {
            if c == "." && !dot { dot = true; continue }
            guard ("0"..."9").contains(c) else { return false }
        }
        return body.last != "."
    }

    private static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{3000}" || c.isWhitespace && !c.isNewline }
}
