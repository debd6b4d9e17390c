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

    static func field(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || value.first.map(isSpace) == true || value.last.map(isSpace) == true
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    private static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{3000}" || c.isWhitespace && !c.isNewline }
}
