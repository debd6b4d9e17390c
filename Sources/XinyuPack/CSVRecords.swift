// Reading Xinyu's own output CSV files back (advice.csv, schools.csv) for tools that show them:
// RFC 4180 records, a leading BOM dropped, `\n` or `\r\n` line ends.

public enum CSVRecords {
    /// The records of `text`, each a list of fields (quotes removed, `""` unescaped). A trailing
    /// line end does not make an empty record.
    public static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        if chars.last != "\n" && !chars.isEmpty { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                record.append(field); field = ""
                records.append(record); record = []
            } else if c != "\r" {
                field.append(c)
            }
            i += 1
        }
        return records
    }
}
