// Timetable grids (课程表) as CSV or XLSX: what deans keep in Excel/WPS and what timetabling
// software exports. Each CSV file, and each worksheet of a workbook, is one table; a table is the
// long form (GridLongForm) or a sheet of blocks (GridReader: class grids across or down, side by
// side or stacked, and the whole-school 总课表). Every non-empty cell is accounted for
// (GridAccounting); a lesson-like cell no block reads stops the import (it would be lost), other
// unexplained cells are warnings (errors with --strict). A CSV file's encoding (UTF-8 with or
// without BOM, UTF-16, UTF-32 with BOM, GB18030/GBK) is detected; an old binary .xls is refused.

import Foundation
import XinyuPack

public enum GridImporter {
    /// The tables of one file.
    static func tables(_ path: String, notes: inout [String], encodings: inout [String]) throws(ImportError) -> [GridTable] {
        let data = try ImportLimits.read(path)
        let name = (path as NSString).lastPathComponent
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .input(path, "is an old binary Excel workbook (.xls), which is not read: open it in Excel or WPS and save it as .xlsx (Excel 工作簿), then import that / 这是旧版 Excel 文件（.xls），无法读取：请在 Excel 或 WPS 中“另存为”.xlsx 格式后再导入")
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let sheets = try XLSXReader.sheets(path)
            notes.append("\(name): XLSX, \(sheets.count) sheet(s) 个工作表")
            return sheets.map { GridTable(label: "\(path)[\($0.name)]", sheet: $0.name, rows: $0.rows, merges: $0.merges) }
        }
        guard let decoded = TextDecoding.decode(data) else {
            throw .input(path, "is not text in UTF-8, UTF-16, UTF-32 or GB18030/GBK, nor an XLSX workbook; save it as .xlsx or as CSV (UTF-8) / 无法识别文件：请另存为 .xlsx 或 UTF-8 编码的 CSV")
        }
        encodings.append("\(path): \(decoded.encoding.rawValue)")
        notes.append("\(name): encoding 编码 \(decoded.encoding.rawValue)")
        do {
            return [GridTable(label: path, sheet: nil, rows: try CSVParse.parse(decoded.text))]
        } catch {
            throw .input("\(path):\(error.line)", "\(error.message) / CSV 格式错误")
        }
    }

    public static func read(files: [String], strict: Bool = false) throws(ImportError) -> (ImportSource, encodings: [String]) {
        var notes: [String] = [], encodings: [String] = []
        var accounting = GridAccounting()
        var results: [GridSheetResult] = []
        for path in files {
            var found = 0
            for table in try tables(path, notes: &notes, encodings: &encodings) {
                if table.rows.count > ImportLimits.maxRows {
                    throw .input("\(table.label):\(ImportLimits.maxRows + 1)", "more than \(ImportLimits.maxRows) rows; a timetable has far fewer / 行数超过 \(ImportLimits.maxRows)")
                }
                try checkCellSizes(table)
                let filled = table.filledCells
                accounting.countCells(filled.count)
                var result: GridSheetResult
                if let long = try GridLongForm.read(table, accounting: &accounting) {
                    result = long
                } else {
                    var reader = GridReader(table: table, accounting: accounting)
                    reader.out.allTitles = filled.map { table.value($0.row, $0.column).trimmingCharacters(in: .whitespacesAndNewlines) }
                        .filter(GridLabels.title)
                    reader.out.titles = reader.out.allTitles.filter { GridLabels.classNames(in: $0).isEmpty }
                    try reader.read()
                    accounting = reader.accounting
                    result = reader.out
                }
                try GridLoose.classify(table, filled, hasBlocks: !result.blocks.isEmpty, accounting: &accounting)
                if !result.blocks.isEmpty { found += 1 }
                results.append(result)
            }
            if found == 0 {
                throw .input(path, "no timetable found: neither a long-form header (class, weekday, period, subject[, teacher]) nor a line of day names (周一…/星期一…/Mon…) over a grid / 未找到课表：既无长表表头，也无星期标题行")
            }
        }
        let unknown = accounting.unknown { table, p in "\(table)!\(GridTable.columnName(p.column))\(p.row + 1)" }
        var source = try GridSource.assemble(results, files: files)
        source.notes = notes + source.notes
        source.warnings += unknown.map { "unknown cell 未识别单元格: \($0)" }
        if strict && !source.warnings.isEmpty {
            let shown = source.warnings.prefix(10).joined(separator: "; ") + (source.warnings.count > 10 ? "; …" : "")
            throw .input(files.joined(separator: " "), "--strict: \(source.warnings.count) cell(s) are neither a lesson nor a recognised label, or not readable with certainty: \(shown) / 有单元格既不是课程也不是可识别的标签，或无法确定其含义")
        }
        source.cellAccounting = accounting.lines()
        return (source, encodings)
    }
}

extension GridImporter {
    /// Refuses a table with a cell longer than `ImportLimits.maxCellBytes`, naming the cell.
    static func checkCellSizes(_ table: GridTable) throws(ImportError) {
        for (r, row) in table.rows.enumerated() {
            for (c, text) in row.enumerated() where text.utf8.count > ImportLimits.maxCellBytes {
                throw .input(table.place(GridPosition(row: r, column: c)), "a cell of \(text.utf8.count) bytes; a timetable cell holds at most \(ImportLimits.maxCellBytes) / 单元格内容过长（最多 \(ImportLimits.maxCellBytes) 字节）")
            }
        }
    }
}

/// A small RFC 4180 reader: quoted fields with "" escapes and line breaks, CRLF, LF or CR rows.
enum CSVParse {
    struct Failure: Error { var line: Int; var message: String }

    static func parse(_ text: String) throws(Failure) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var atStart = true
        var line = 1
        var quoteLine = 1
        var it = Array(text.unicodeScalars)
        if it.first == "\u{FEFF}" { it.removeFirst() }
        var i = 0
        while i < it.count {
            let c = it[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < it.count && it[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 2; continue }
                    quoted = false
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where atStart:
                quoted = true
                quoteLine = line
                atStart = false
            case ",":
                row.append(field); field = ""; atStart = true
            case "\r" where i + 1 < it.count && it[i + 1] == "\n":
                break
            case "\n", "\r":  // LF, CRLF (above) or a lone CR (old Mac files) ends a row
                row.append(field); rows.append(row); row = []; field = ""; atStart = true
                line += 1
            default:
                field.unicodeScalars.append(c)
                atStart = false
            }
            i += 1
        }
        if quoted { throw Failure(line: quoteLine, message: "a quoted field is never closed (a truncated file?)") }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
