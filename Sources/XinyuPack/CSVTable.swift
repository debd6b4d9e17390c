// A CSV file of a pack, parsed with CSV.swift, with the file line of every row and its fields
// looked up by column name.

import CSV
import Foundation

/// One data row: its 1-based line in the file (the header is line 1) and its fields by column.
struct CSVRecord {
    let line: Int
    private let values: [String: String]
    init(line: Int, values: [String: String]) {
        self.line = line
        self.values = values
    }
    /// The field of `column`, trimmed; "" when the column is optional and absent or the row is short.
    subscript(column: String) -> String { values[column] ?? "" }
}

struct CSVTable {
    /// The contract's columns that the file has.
    let columns: Set<String>
    let records: [CSVRecord]

    /// Reads `relPath` and checks its header: every `required` column must be present (an error
    /// naming it otherwise), `optional` columns may be, any other column is ignored with a note.
    /// Returns nil when the file cannot be read or a required column is missing, after logging why.
    /// Column names match case-insensitively; fields are trimmed of spaces outside quotes; blank
    /// rows are skipped.
    static func read(root: String, _ relPath: String, required: [String], optional: [String] = [],
                     log: inout DiagnosticLog) -> CSVTable? {
        guard let text = PackText.read(root: root, relPath, log: &log) else { return nil }
        return parse(text, file: relPath, required: required, optional: optional, log: &log)
    }

    static func parse(_ text: String, file: String, required: [String], optional: [String],
                      log: inout DiagnosticLog) -> CSVTable? {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true)
        } catch {
            log.error(file, en: "cannot be read as CSV: \(error)", zh: "无法按 CSV 读取：\(error)")
            return nil
        }
        var line = 1
        // The next row and the line it starts on; the line count then advances past the row's own
        // line break and any line breaks inside its quoted fields.
        func nextRow() -> (line: Int, fields: [String])? {
            guard let fields = reader.next() else { return nil }
            let start = line
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            return (start, fields)
        }

        // The header: the first non-blank row.
        var headerRow: (line: Int, fields: [String])?
        while let row = nextRow() {
            if !isBlank(row.fields) { headerRow = row; break }
        }
        let expected = (required + optional).joined(separator: ",")
        guard let header = headerRow else {
            log.error(file, en: "file is empty; expected the header row \(expected)", zh: "文件为空；应有表头行 \(expected)")
            return nil
        }

        guard let mapped = columns(header, file: file, required: required, optional: optional, log: &log) else { return nil }
        let (columnAt, seen) = mapped
        let known = Set(required + optional)

        var records: [CSVRecord] = []
        while let row = nextRow() {
            if isBlank(row.fields) { continue }
            if records.count == PackLimits.maxRows {
                log.error(file, line: row.line, en: "more than \(PackLimits.maxRows) rows; a pack file may have at most \(PackLimits.maxRows)",
                          zh: "超过 \(PackLimits.maxRows) 行；数据包的一个文件最多 \(PackLimits.maxRows) 行")
                return nil
            }
            if row.fields.count > header.fields.count,
               row.fields[header.fields.count...].contains(where: { !$0.isEmpty }) {
                log.error(file, line: row.line,
                          en: "row has \(row.fields.count) fields but the header has \(header.fields.count) (quote a field that contains a comma)",
                          zh: "该行有 \(row.fields.count) 个字段，而表头只有 \(header.fields.count) 个（含逗号的字段请加引号）")
                continue
            }
            var values: [String: String] = [:]
            for (index, field) in row.fields.enumerated() where index < columnAt.count {
                if let name = columnAt[index] { values[name] = field }
            }
            records.append(CSVRecord(line: row.line, values: values))
        }
        return CSVTable(columns: Set(seen.keys).intersection(known), records: records)
    }

    /// Maps each column position of the header row to a contract column, or to nil (ignored);
    /// nil when a column appears twice or a required one is missing (each said in the log).
    static func columns(_ header: (line: Int, fields: [String]), file: String, required: [String], optional: [String],
                        log: inout DiagnosticLog) -> (columnAt: [String?], seen: [String: Int])? {
        let known = Set(required + optional)
        let expected = (required + optional).joined(separator: ",")
        var columnAt: [String?] = []
        var seen: [String: Int] = [:]
        var ok = true
        for (index, raw) in header.fields.enumerated() {
            let name = raw.lowercased()
            if name.isEmpty {
                columnAt.append(nil)
                continue
            }
            if let first = seen[name] {
                log.error(file, line: header.line, field: name,
                          en: "column \(quoted(raw)) appears twice (columns \(first + 1) and \(index + 1))",
                          zh: "列 \(quoted(raw)) 出现两次（第 \(first + 1) 列与第 \(index + 1) 列）")
                ok = false
                columnAt.append(nil)
                continue
            }
            seen[name] = index
            if known.contains(name) {
                columnAt.append(name)
            } else {
                log.note(file, line: header.line, field: raw, en: "extra column \(quoted(raw)) ignored", zh: "多余的列 \(quoted(raw)) 已忽略")
                columnAt.append(nil)
            }
        }
        for name in required where seen[name] == nil {
            log.error(file, line: header.line, field: name,
                      en: "missing column \(quoted(name)) (the header must be \(expected))",
                      zh: "缺少列 \(quoted(name))（表头应为 \(expected)）")
            ok = false
        }
        return ok ? (columnAt, seen) : nil
    }

    /// Line breaks inside a field: CRLF, CR and LF each count once.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\r" {
                count += 1
                previousCR = true
            } else {
                if scalar == "\n" && !previousCR { count += 1 }
                previousCR = false
            }
        }
        return count
    }

    static func isBlank(_ fields: [String]) -> Bool { fields.allSatisfy { $0.isEmpty } }
}
