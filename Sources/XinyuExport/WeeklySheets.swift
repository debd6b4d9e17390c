import CXLSXWriter
import Foundation
import XinyuCore
import XinyuPack

/// The weekly workbook of a school (`xlsx/<school>-weekly.xlsx`): the overview of every class's
/// 心理课 first, then a 课程表 sheet per class, then per psychology teacher their week and their
/// term list. Each sheet: the title in A1, a note line in A2 (led by "未通过校验 / not verified"
/// when exported with `--force`), the header in row 3, the table below. Grids print on one A4
/// page (landscape, fit to one page); lists fit one page wide.
enum WeeklySheets {
    static let notVerified = "未通过校验 / not verified"

    static func write(_ view: SchoolView, input: ExportInput, words w: Words, to path: String) throws {
        let views = WeeklyViews(view, w)
        try WorkbookWriter.save(to: path, stamp: input.stamp) { wb in
            let sheets = WeeklyBook(wb: wb, notVerified: input.notVerified)
            sheets.add(views.overview())
            for c in view.school.classes { sheets.add(views.classGrid(c)) }
            for t in views.teachers {
                sheets.add(views.teacherGrid(t))
                sheets.add(views.termList(t))
            }
        }
    }
}

/// One weekly workbook being written: its formats and the sheet names taken.
private final class WeeklyBook {
    let wb: UnsafeMutablePointer<lxw_workbook>
    let notVerified: Bool
    var taken: Set<String> = []
    let title, note, warn, header, cell, psych: UnsafeMutablePointer<lxw_format>

    init(wb: UnsafeMutablePointer<lxw_workbook>, notVerified: Bool) {
        self.wb = wb
        self.notVerified = notVerified
        func make(_ size: Double, _ setup: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
            let f = workbook_add_format(wb)!
            format_set_font_name(f, "Microsoft YaHei")
            format_set_font_size(f, size)
            setup(f)
            return f
        }
        func boxed(_ f: UnsafeMutablePointer<lxw_format>) {
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        title = make(14) { format_set_bold($0) }
        note = make(9) { format_set_font_color($0, 0x616E7C) }
        warn = make(11) { format_set_bold($0); format_set_font_color($0, 0xB3261E) }
        header = make(10) { f in
            boxed(f); format_set_bold(f); format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue)); format_set_bg_color(f, 0xDDE6EF)
        }
        cell = make(9) { boxed($0) }
        psych = make(9) { f in
            boxed(f); format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue)); format_set_bg_color(f, 0xE2EFDA)
        }
    }

    func put(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ r: Int, _ c: Int, _ s: String, _ f: UnsafeMutablePointer<lxw_format>?) {
        worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), s, f)
    }

    /// A sheet for `t`: title, notes, header, rows; print setup for one A4 page per grid.
    func add(_ t: PrintedTable) {
        let ws = workbook_add_worksheet(wb, WorkbookWriter.sheetName(t.title, taken: &taken))!
        worksheet_set_paper(ws, 9)  // A4
        worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5)
        if t.isGrid {
            worksheet_set_landscape(ws)
            worksheet_fit_to_pages(ws, 1, 1)  // one page
        } else {
            worksheet_fit_to_pages(ws, 1, 0)  // one page wide
            worksheet_repeat_rows(ws, 2, 2)
        }
        if notVerified {
            worksheet_set_tab_color(ws, 0xFF0000)
            worksheet_set_header(ws, "&L&KFF0000" + WeeklySheets.notVerified)
        }
        put(ws, 0, 0, t.title, title)
        let noteText = ((notVerified ? [WeeklySheets.notVerified] : []) + t.notes).joined(separator: " · ")
        put(ws, 1, 0, noteText, notVerified ? warn : note)
        for (c, h) in t.header.enumerated() { put(ws, 2, c, h, header) }
        for (r, row) in t.rows.enumerated() {
            for (c, s) in row.enumerated() {
                put(ws, 3 + r, c, s, t.marked.contains(.init(row: r, column: c)) ? psych : cell)
            }
            let lines = row.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count }.max() ?? 1
            worksheet_set_row(ws, lxw_row_t(3 + r), Double(max(1, lines)) * 13 + 4, nil)
        }
        widths(ws, t)
    }

    /// Grid columns share one width (a weekday each); list columns fit their widest text.
    func widths(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ t: PrintedTable) {
        for c in 0..<t.header.count {
            let texts = [t.header[c]] + t.rows.map { c < $0.count ? $0[c] : "" }
            let widest = texts.map(WorkbookWriter.displayWidth).max() ?? 0
            let width = t.isGrid && c > 0 ? min(34, max(16, widest + 2)) : min(48, max(8, widest + 2))
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), Double(width), nil)
        }
    }
}
