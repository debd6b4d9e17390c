import CXLSXWriter
import Foundation
import XinyuCore
import XinyuPack

/// An XLSX workbook could not be written (libxlsxwriter's error text).
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Per school one workbook, written with libxlsxwriter: a month-summary sheet (required vs placed
/// per class and month, short months highlighted), one sheet per class as a term calendar grid
/// (rows = school days, columns = periods; a lesson cell names the teacher and the replaced
/// subject), one sheet per psychology teacher in the same shape. Every sheet has a frozen header,
/// column widths that fit Chinese text, and prints on A4 landscape, one page wide.
enum WorkbookWriter {
    /// Writes `view`'s workbook to `path` (through a temporary file renamed into place).
    static func write(_ view: SchoolView, input: ExportInput, words w: Words, to path: String) throws {
        try save(to: path, stamp: input.stamp) { wb in
            let book = Book(wb: wb, words: w, notVerified: input.notVerified)
            book.monthSummary(view)
            for c in view.school.classes { book.classSheet(view, c) }
            for t in view.lessonTeachers { book.teacherSheet(view, t) }
        }
    }

    /// Builds a workbook with `build` and writes it to `path` whole (a temporary file, flushed, renamed).
    /// Its creation time is `stamp` (schedule.csv's time), never now: same schedule, same bytes.
    static func save(to path: String, stamp: Date, build: (UnsafeMutablePointer<lxw_workbook>) -> Void) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        guard let wb = workbook_new(temporary) else { throw ExportError(path: path, message: "cannot create the workbook") }
        var properties = lxw_doc_properties()
        properties.created = time_t(max(1, stamp.timeIntervalSince1970.rounded(.down)))  // 0 would mean now
        workbook_set_properties(wb, &properties)
        build(wb)
        let rc = workbook_close(wb)  // writes the file and frees the workbook
        guard rc == LXW_NO_ERROR else {
            unlink(temporary)
            throw ExportError(path: path, message: String(cString: lxw_strerror(rc)))
        }
        // Flush the finished workbook to disk before it replaces the old one (as AtomicFile does).
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 { _ = fsync(fd); close(fd) }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ExportError(path: path, message: "cannot replace the file")
        }
        let dir = open(url.deletingLastPathComponent().path, O_RDONLY)  // the rename itself, best effort
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// A legal, unique sheet name (see `SheetName`).
    static func sheetName(_ wanted: String, taken: inout Set<String>) -> String {
        SheetName.make(wanted, taken: &taken)
    }

    /// Display width of text in a spreadsheet column: East Asian wide characters count two.
    static func displayWidth(_ s: String) -> Int {
        s.split(separator: "\n").map { line in
            line.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
        }.max() ?? 0
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD: return true
        default: return false
        }
    }
}

/// One workbook being built: its formats and the sheet names used so far (a class: the sheet
/// writers are closures over it).
private final class Book {
    let wb: UnsafeMutablePointer<lxw_workbook>
    let w: Words
    var taken: Set<String> = []
    let header, text, lesson, exam, number, short, shortNumber, weekA, weekB, total: UnsafeMutablePointer<lxw_format>

    /// Exported with `--force` from a schedule the verifier rejects: every sheet says so.
    let notVerified: Bool

    init(wb: UnsafeMutablePointer<lxw_workbook>, words: Words, notVerified: Bool = false) {
        self.wb = wb
        w = words
        self.notVerified = notVerified
        func make(_ setup: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
            let f = workbook_add_format(wb)!
            format_set_font_name(f, "Microsoft YaHei")
            format_set_font_size(f, 10)
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_border_color(f, 0xBFBFBF)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            setup(f)
            return f
        }
        func fill(_ f: UnsafeMutablePointer<lxw_format>, _ color: lxw_color_t) {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, color)
        }
        header = make { f in
            format_set_bold(f); format_set_text_wrap(f); fill(f, 0x1F4E79); format_set_font_color(f, 0xFFFFFF)
            format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        }
        text = make { _ in }
        lesson = make { f in format_set_text_wrap(f); fill(f, 0xE2EFDA) }
        exam = make { f in fill(f, 0xEDEDED); format_set_font_color(f, 0x7F7F7F) }
        number = make { f in format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        short = make { f in fill(f, 0xFFC7CE); format_set_font_color(f, 0x9C0006) }
        shortNumber = make { f in fill(f, 0xFFC7CE); format_set_font_color(f, 0x9C0006); format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        weekA = make { _ in }
        weekB = make { f in fill(f, 0xF2F2F2) }
        total = make { f in format_set_bold(f) }
    }

    /// A new sheet with a unique legal name and the print setup every sheet shares.
    func sheet(_ wanted: String) -> UnsafeMutablePointer<lxw_worksheet> {
        let name = WorkbookWriter.sheetName(wanted, taken: &taken)
        // SheetName follows every rule libxlsxwriter checks; should it still refuse one (or run
        // out of memory), a plain numbered name is tried rather than trapping.
        guard let ws = workbook_add_worksheet(wb, name)
                ?? workbook_add_worksheet(wb, WorkbookWriter.sheetName("Sheet \(taken.count)", taken: &taken))
        else { fatalError("libxlsxwriter cannot add a worksheet (out of memory)") }
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9)  // 9 = A4
        worksheet_fit_to_pages(ws, 1, 0)  // one page wide, as many tall as needed
        worksheet_repeat_rows(ws, 0, 0)  // the header row on every printed page
        worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6)
        worksheet_set_header(ws, notVerified ? "&L&\"-,Bold\"&KFF0000\(WeeklySheets.notVerified)&C&A" : "&C&A")  // the sheet name
        if notVerified { worksheet_set_tab_color(ws, 0xFF0000) }
        worksheet_set_footer(ws, "&C&P / &N")  // page / pages
        return ws
    }

    func put(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ r: Int, _ c: Int, _ s: String, _ f: UnsafeMutablePointer<lxw_format>?) {
        worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), s, f)
    }

    func put(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ r: Int, _ c: Int, _ v: Int, _ f: UnsafeMutablePointer<lxw_format>?) {
        worksheet_write_number(ws, lxw_row_t(r), lxw_col_t(c), Double(v), f)
    }

    /// Column widths from the widest text of each column (wide characters count two).
    func widths(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ columns: [[String]]) {
        for (c, texts) in columns.enumerated() {
            let width = min(44, max(6, (texts.map(WorkbookWriter.displayWidth).max() ?? 0) + 2))
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), Double(width), nil)
        }
    }

    /// Required vs placed per class and month; short rows highlighted; totals at the end.
    func monthSummary(_ view: SchoolView) {
        let ws = sheet(w(.monthSummary))
        let head = [w(.klass), w(.month), w(.required), w(.placed), w(.short), w(.status)]
        for (c, h) in head.enumerated() { put(ws, 0, c, h, header) }
        var columns = head.map { [$0] }
        var r = 1
        for m in view.months {
            let missing = max(0, m.required - m.scheduled)
            let tf = missing > 0 ? short : text, nf = missing > 0 ? shortNumber : number
            let status = missing > 0 ? w(.statusShort) : w(.statusOK)
            put(ws, r, 0, m.classID, tf)
            put(ws, r, 1, w.month(m.month), tf)
            put(ws, r, 2, m.required, nf)
            put(ws, r, 3, m.scheduled, nf)
            put(ws, r, 4, missing, nf)
            put(ws, r, 5, status, tf)
            columns[0].append(m.classID); columns[1].append(w.month(m.month)); columns[5].append(status)
            r += 1
        }
        put(ws, r, 0, w(.total), total)
        put(ws, r, 2, view.months.reduce(0) { $0 + $1.required }, total)
        put(ws, r, 3, view.months.reduce(0) { $0 + $1.scheduled }, total)
        put(ws, r, 4, view.missing, total)
        if notVerified { put(ws, r + 1, 0, WeeklySheets.notVerified, short) }
        widths(ws, columns)
        worksheet_freeze_panes(ws, 1, 1)
    }

    /// A term grid: one row per school day, one column per period; `cell` gives a lesson's text.
    func grid(_ view: SchoolView, name: String, lessons: [Lesson], cell: (Lesson) -> String) {
        let ws = sheet(name)
        let n = view.clock.periods.count
        var head = [w(.date), w(.week)]
        for p in 1...n { head.append(w(.period, String(p)) + "\n" + view.clock.label(p)) }
        head.append(w(.note))
        for (c, h) in head.enumerated() { put(ws, 0, c, h, header) }
        worksheet_set_row(ws, 0, 30, nil)
        var columns = head.map { [$0] }
        var at: [CivilDate: [Int: [Lesson]]] = [:]
        for l in lessons { at[l.date, default: [:]][l.period, default: []].append(l) }
        var r = 1
        for day in view.calendar.schoolDays {
            let band = day.teachingWeek % 2 == 1 ? weekA : weekB
            let rowFormat = day.isExam ? exam : band
            let dateText = w.date(day.date)
            put(ws, r, 0, dateText, rowFormat)
            put(ws, r, 1, day.teachingWeek, rowFormat)
            columns[0].append(dateText)
            var tall = false
            for p in 1...n {
                guard let ls = at[day.date]?[p] else { continue }
                let s = ls.map(cell).joined(separator: "\n")
                put(ws, r, 1 + p, s, lesson)
                columns[1 + p].append(s)
                tall = true
            }
            var notes: [String] = []
            if day.isExam { notes.append(w(.exam)) }
            if let e = view.calendar.entries[day.date] {
                if e.kind == .makeup { notes.append(w(.makeup, w.weekday(day.timetableWeekday))) }
                if !e.note.isEmpty { notes.append(e.note) }
            }
            if !notes.isEmpty {
                let s = notes.joined(separator: "；")
                put(ws, r, n + 2, s, rowFormat)
                columns[n + 2].append(s)
            }
            if tall { worksheet_set_row(ws, lxw_row_t(r), 28, nil) }
            r += 1
        }
        put(ws, r, 0, w(.total) + " " + w(.lessonCount, String(lessons.count)), total)
        if notVerified { put(ws, r + 1, 0, WeeklySheets.notVerified, short) }
        columns = columns.map { $0.isEmpty ? [""] : $0 }
        widths(ws, columns)
        worksheet_freeze_panes(ws, 1, 2)
    }

    func classSheet(_ view: SchoolView, _ c: SchoolClass) {
        let school = view.school
        grid(view, name: w(.classSheet, c.id), lessons: view.byClass[c.id] ?? []) { l in
            let teacher = school.teacher(l.teacher).map(teacherLabel) ?? l.teacher
            return teacher + "\n" + (l.replaces.isEmpty ? w(.freePeriod) : w(.replaces, l.replaces))
                + (view.detailText(l, w).map { "\n" + $0 } ?? "")
        }
    }

    func teacherSheet(_ view: SchoolView, _ t: Teacher) {
        grid(view, name: w(.teacherSheet, t.name.isEmpty ? t.id : t.name), lessons: view.byTeacher[t.id] ?? []) { l in
            l.classID + "\n" + (l.replaces.isEmpty ? w(.freePeriod) : w(.replaces, l.replaces))
                + (view.detailText(l, w).map { "\n" + $0 } ?? "")
        }
    }
}
