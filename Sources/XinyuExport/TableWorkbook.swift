import CXLSXWriter
import Foundation

/// One sheet, a header row and rows of text: a plain table as .xlsx (the portal's district table of
/// the psychology-teacher survey). Cells are written as strings, so no formula is ever evaluated.
public enum TableWorkbook {
    public static func write(sheet: String, header: [String], rows: [[String]], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        guard let wb = workbook_new(temporary) else { throw ExportError(path: path, message: "cannot create the workbook") }
        guard let ws = workbook_add_worksheet(wb, sheet) else {
            _ = workbook_close(wb)
            unlink(temporary)
            throw ExportError(path: path, message: "cannot add the sheet")
        }
        let bold = workbook_add_format(wb)
        format_set_bold(bold)
        for (c, h) in header.enumerated() {
            worksheet_write_string(ws, 0, lxw_col_t(c), h, bold)
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), 14, nil)
        }
        for (r, row) in rows.enumerated() {
            for (c, v) in row.enumerated() { worksheet_write_string(ws, lxw_row_t(r + 1), lxw_col_t(c), v, nil) }
        }
        worksheet_freeze_panes(ws, 1, 0)
        let rc = workbook_close(wb)
        guard rc == LXW_NO_ERROR else {
            unlink(temporary)
            throw ExportError(path: path, message: String(cString: lxw_strerror(rc)))
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ExportError(path: path, message: "cannot replace the file")
        }
    }
}
