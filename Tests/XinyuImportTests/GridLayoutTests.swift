import Foundation
import XCTest
@testable import XinyuImport
import XinyuPack

/// The known timetable (KnownTimetable.swift) written in many layouts a dean meets, as XLSX
/// workbooks (libxlsxwriter, with merged cells) and CSV files; each import must give exactly the
/// known timetable: classes with their names and grades, subjects, teachers, weeks, bell times.
final class GridLayoutTests: XCTestCase {
    let dir = Paths.temporary()

    func workbook(_ name: String, _ draw: (Book) -> Void) -> String {
        let path = dir + "/" + name + ".xlsx"
        let book = Book(path)
        draw(book)
        book.close()
        return path
    }

    /// Imports `path` and compares the pack with the known timetable, cell by cell.
    @discardableResult
    func check(_ path: String, teachers: Bool = true, times: Bool, school: String? = nil, options: ImportOptions = ImportOptions(),
               file: StaticString = #filePath, line: UInt = #line) throws -> ImportResult {
        let result = try Importer.run(.grid, files: [path], options: options)
        let loaded = try writeAndLoad(result, file: file, line: line).district.schools[0]
        XCTAssertEqual(loaded.classes.map { "\($0.id):\($0.grade)" }.sorted(),
                       zip(Known.classes, Known.grades).map { "\($0):\($1)" }.sorted(), file: file, line: line)
        let got = loaded.timetable.map { "\($0.classID) \($0.weekday)-\($0.period) \($0.weeks.rawValue) \($0.subject) \($0.teachers.joined(separator: ";"))" }.sorted()
        let expected = Known.rows(teachers: teachers)
        XCTAssertEqual(got.count, expected.count, "rows", file: file, line: line)
        for (g, e) in zip(got, expected) where g != e { XCTFail("got \(g), expected \(e)", file: file, line: line); break }
        XCTAssertEqual(loaded.daysPerWeek, Known.days, file: file, line: line)
        XCTAssertEqual(loaded.periodsPerDay, Known.periods, file: file, line: line)
        XCTAssertEqual(loaded.periodTimes, times ? Known.times : [], file: file, line: line)
        if let school { XCTAssertEqual(loaded.name, school, file: file, line: line) }
        let accounting = result.report.cellAccounting.first ?? ""
        XCTAssertTrue(accounting.contains("+ 0 unknown") && !accounting.contains("MISMATCH"), accounting, file: file, line: line)
        XCTAssertEqual(result.report.warnings, [], file: file, line: line)
        return result
    }

    /// 1. One class per sheet: title and info lines above, a 备注 line below, 上午/下午 merged
    /// down, a 时间 column, a merged 午休 line, subject and teacher on two lines, the double period merged.
    func testSheetPerClassWithInfoLines() throws {
        let path = workbook("per-class") { book in
            for (k, name) in Known.classes.enumerated() {
                let sh = book.sheet("Sheet\(k + 1)")
                sh.merge(0, 0, 0, 7, "\(Known.school)\(name)课程表")
                sh.merge(1, 0, 1, 7, "班级：\(name)        班主任：王五")
                let end = Layout.across(sh, 2, 0, cls: k, GridStyle(form: .newline, timeLine: true, halfDays: true, breakLine: "午休"))
                sh.put(end + 1, 0, "备注：单双周课程请看课表")
            }
        }
        let r = try check(path, times: true, school: Known.school)
        XCTAssertTrue(r.report.text().contains("Cells 单元格"), r.report.text())
    }

    /// 2. Blocks stacked down one sheet, a bare class name over each, blank spacer lines,
    /// `语文 张三` cells, period numbers 1…6, an unmerged 大课间 line.
    func testStackedBlocks() throws {
        let path = workbook("stacked") { book in
            let sh = book.sheet("全校")
            var r = 0
            for k in Known.classes.indices {
                sh.put(r, 0, Known.classes[k])
                r = Layout.across(sh, r + 1, 0, cls: k, GridStyle(form: .space, periodLabel: { String($0) }, breakLine: "大课间", mergeBreak: false)) + 2
            }
        }
        try check(path, times: false, school: "stacked")
    }

    /// 3. Three blocks side by side, an info line over each, `语文(张三)`, a diagonal corner, times in the period cell.
    func testThreeAcross() throws {
        let path = workbook("three-across") { book in
            let sh = book.sheet("Sheet1")
            for k in Known.classes.indices {
                sh.put(0, k * 7, "班级：\(Known.classes[k])")
                Layout.across(sh, 1, k * 7, cls: k, GridStyle(form: .paren, corner: "星期\\节次", timeInLabel: true))
            }
        }
        try check(path, times: true)
    }

    /// 4. Two blocks side by side with no spacer column, a third below; titles `…课程表`, `语文（张三）`, 单周/双周 words.
    func testTwoAcrossAndOneBelow() throws {
        let path = workbook("two-across") { book in
            let sh = book.sheet("课表")
            for k in 0..<2 {
                sh.merge(0, k * 6, 0, k * 6 + 5, "\(Known.classes[k])课程表")
                Layout.across(sh, 1, k * 6, cls: k, GridStyle(form: .fullParen, breakLine: "午休"))
            }
            sh.merge(10, 0, 10, 5, "\(Known.classes[2])课程表")
            Layout.across(sh, 11, 0, cls: 2, GridStyle(form: .fullParen, breakLine: "午休"))
        }
        try check(path, times: false)
    }

    /// 5. Days down, periods across, one sheet per class named after it (no title), `张三：语文`,
    /// 第一节 …, a 时间 row, a 午休 column merged down.
    func testDaysDownSheetNames() throws {
        let han = ["一", "二", "三", "四", "五", "六"]
        let path = workbook("days-down") { book in
            for (k, name) in Known.classes.enumerated() {
                Layout.down(book.sheet(name), 0, 0, cls: k, GridStyle(form: .colon, periodLabel: { "第\(han[$0 - 1])节" }, timeLine: true, breakLine: "午休"))
            }
        }
        try check(path, times: true)
    }

    /// 6. The whole-school 总课表: title, 班级 and 班主任 columns, days merged over periods 1…6, a time row.
    func testWholeSchoolMerged() throws {
        let path = workbook("zongkebiao") { book in Layout.wholeSchool(book.sheet("总课表"), form: .newline, merged: true, timeRow: true) }
        try check(path, times: true, school: Known.school)
    }

    /// 7. The same, days written once over their periods (no merges), `语文 张三`, no times.
    func testWholeSchoolUnmerged() throws {
        let path = workbook("zongkebiao-plain") { book in Layout.wholeSchool(book.sheet("Sheet1"), form: .space, merged: false, timeRow: false) }
        try check(path, times: false, school: Known.school)
    }

    /// 8. The transposed 总课表: one column per class, days merged down, `第1节 8:00-8:40` labels.
    func testWholeSchoolTransposed() throws {
        let path = workbook("zongkebiao-down") { book in Layout.wholeSchoolDown(book.sheet("Sheet1"), form: .paren) }
        try check(path, times: true, school: Known.school)
    }

    /// 9. Days down, stacked, English day names, 上午/下午 merged over the period labels, titles.
    func testDaysDownStackedEnglishDays() throws {
        let path = workbook("down-stacked") { book in
            let sh = book.sheet("Sheet1")
            var r = 0
            for k in Known.classes.indices {
                sh.merge(r, 0, r, 7, "\(Known.classes[k])课表")
                r = Layout.down(sh, r + 1, 0, cls: k, GridStyle(form: .fullParen, dayNames: ["Mon", "Tue", "Wed", "Thu", "Fri"], corner: "星期\\节次", halfDays: true)) + 1
            }
        }
        try check(path, times: false)
    }

    /// 10. Subject only, afternoon periods numbered 1, 2 again under 下午, `音乐(双)/体育(单)`.
    func testSubjectsOnlyRestartedNumbers() throws {
        let path = workbook("subjects") { book in
            for (k, name) in Known.classes.enumerated() {
                let sh = book.sheet("S\(k)")
                sh.put(0, 0, "班级：\(name)")
                Layout.across(sh, 1, 0, cls: k, GridStyle(form: .subjectOnly, periodLabel: { String($0) }, halfDays: true, restartAfternoon: true))
            }
        }
        try check(path, teachers: false, times: false)
    }

    /// 11. Days-down blocks side by side.
    func testDaysDownSideBySide() throws {
        let path = workbook("down-across") { book in
            let sh = book.sheet("Sheet1")
            for k in Known.classes.indices {
                sh.put(0, k * 9, "\(Known.classes[k])课程表")
                Layout.down(sh, 1, k * 9, cls: k, GridStyle(form: .newline, timeLine: true))
            }
        }
        try check(path, times: true)
    }

    /// 12. A workbook with the 总课表 and one sheet per class: the same lessons twice are read once.
    func testWholeSchoolAndClassSheets() throws {
        let path = workbook("both") { book in
            Layout.wholeSchool(book.sheet("总课表"), form: .newline, merged: true, timeRow: false)
            for (k, name) in Known.classes.enumerated() {
                let sh = book.sheet(name)
                Layout.across(sh, 0, 0, cls: k, GridStyle(form: .paren, corner: name))
            }
        }
        let r = try check(path, times: false, school: Known.school)
        XCTAssertTrue(r.report.notes.contains { $0.contains("read once") }, "\(r.report.notes)")
    }

    /// 13. 星期一… headers, bell times with an em dash in the period cell, a 眼保健操 line, `张三：语文`, a school title.
    func testEyeExerciseLineAndDashes() throws {
        let path = workbook("eye") { book in
            let sh = book.sheet("Sheet1")
            sh.merge(0, 0, 0, 12, "\(Known.school)2026年秋季学期课程表")
            for k in 0..<2 {
                sh.put(1, k * 7, "班级：\(Known.classes[k])")
                var style = GridStyle(form: .colon, dayNames: ["星期一", "星期二", "星期三", "星期四", "星期五"], breakLine: "眼保健操")
                style.periodLabel = { "第\($0)节 " + Known.times[$0 - 1].replacingOccurrences(of: "-", with: "—") }
                Layout.across(sh, 2, k * 7, cls: k, style)
            }
            sh.put(12, 0, "班级：\(Known.classes[2])")
            var style = GridStyle(form: .colon, dayNames: ["星期一", "星期二", "星期三", "星期四", "星期五"], breakLine: "眼保健操")
            style.periodLabel = { "第\($0)节 " + Known.times[$0 - 1].replacingOccurrences(of: "-", with: "—") }
            Layout.across(sh, 13, 0, cls: 2, style)
        }
        try check(path, times: true, school: Known.school)
    }

    // MARK: CSV

    func csv(_ name: String, _ data: Data) throws -> String {
        let path = dir + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// 14. CSV in GB18030 (Excel's "CSV (逗号分隔)" on a Chinese Windows): stacked blocks, 午休 line.
    func testCSVGB18030Stacked() throws {
        let canvas = CSVCanvas()
        var r = 0
        for k in Known.classes.indices {
            canvas.put(r, 0, "\(Known.classes[k])课程表")
            r = Layout.across(canvas, r + 1, 0, cls: k, GridStyle(form: .newline, timeLine: true, breakLine: "午休", mergeDouble: false)) + 1
        }
        let data = try XCTUnwrap(canvas.text.data(using: TextDecoding.gb18030))
        try check(try csv("stacked-gbk.csv", data), times: true)
    }

    /// 15. CSV in UTF-8 with a BOM: the unmerged 总课表; the same in UTF-32 with a BOM reads alike.
    func testCSVWholeSchoolUTF8AndUTF32() throws {
        let canvas = CSVCanvas()
        Layout.wholeSchool(canvas, form: .space, merged: false, timeRow: true)
        try check(try csv("whole.csv", Data([0xEF, 0xBB, 0xBF]) + Data(canvas.text.utf8)), times: true, school: Known.school)
        let utf32 = try XCTUnwrap(canvas.text.data(using: .utf32LittleEndian))
        try check(try csv("whole32.csv", Data([0xFF, 0xFE, 0x00, 0x00]) + utf32), times: true, school: Known.school)
    }

    /// 16. A WPS-style template: `星期 | 一 | 二 | … | 六` (bare numerals, Saturday empty), a 早读
    /// line with reading cells (not a period), `语文\n(张三)` cells, a `注：` footer; and a 总课表
    /// with grade headings (一年级, 三年级) between its class lines.
    func testBareDayNumeralsEarlyReadingAndGradeHeadings() throws {
        let path = workbook("wps") { book in
            for (k, name) in Known.classes.enumerated() {
                let sh = book.sheet("第\(k + 1)页")
                sh.put(0, 0, "\(name)课程表")
                sh.put(1, 0, "星期")
                for (d, n) in ["一", "二", "三", "四", "五", "六"].enumerated() { sh.put(1, 1 + d, n) }
                sh.put(2, 0, "早读")
                for d in 1...5 { sh.put(2, d, d % 2 == 0 ? "英语" : "语文") }
                for p in 1...6 {
                    sh.put(2 + p, 0, "第\(p)节")
                    for d in 1...5 {
                        let text = Known.text(Known.slot(k, d, p), .newline)
                        sh.put(2 + p, d, text.contains("/") ? text : text.replacingOccurrences(of: "\n", with: "\n(") + (text.isEmpty ? "" : ")"))
                    }
                }
                sh.put(10, 0, "注：早读不计入节次")
            }
        }
        let r = try check(path, times: false)
        XCTAssertTrue(r.report.cellAccounting.joined().contains("not a numbered period"), r.report.cellAccounting.joined(separator: "\n"))

        let canvas = CSVCanvas()
        Layout.wholeSchool(canvas, form: .space, merged: false, timeRow: false)
        var cells = canvas.cells
        let lines = (3...5).map { cells[$0] ?? [:] }
        cells[3] = [0: "一年级"]
        cells[4] = lines[0]; cells[5] = lines[1]
        cells[6] = [0: "三年级"]
        cells[7] = lines[2]
        canvas.cells = cells
        let grades = try csv("grades.csv", Data(canvas.text.utf8))
        try check(grades, times: false, school: Known.school)
    }

    /// 17. Blocks side by side sharing the period labels of the leftmost (the others have only a
    /// class name in their corner); a free period of one block beside a busy one keeps its number.
    func testSideBySideSharedPeriodLabels() throws {
        let path = workbook("shared-labels") { book in
            let sh = book.sheet("Sheet1")
            Layout.across(sh, 0, 0, cls: 0, GridStyle(form: .space, corner: Known.classes[0], mergeDouble: false))
            for k in 1...2 {
                let c = k * 6
                sh.put(0, c, Known.classes[k])
                for d in 0..<5 { sh.put(0, c + 1 + d, ["周一", "周二", "周三", "周四", "周五"][d]) }
                for p in 1...6 { for d in 1...5 { sh.put(p, c + d, Known.text(Known.slot(k, d, p), .space)) } }
            }
        }
        try check(path, times: false)
        // Without any period label, a line empty in one block cannot be placed: refused.
        let canvas = CSVCanvas()
        canvas.put(0, 0, "一年级(1)班"); canvas.put(0, 1, "周一"); canvas.put(0, 2, "周二")
        canvas.put(0, 3, "一年级(2)班"); canvas.put(0, 4, "周一"); canvas.put(0, 5, "周二")
        canvas.put(1, 1, "语文"); canvas.put(1, 4, "数学")
        canvas.put(2, 1, "数学")
        canvas.put(3, 1, "英语"); canvas.put(3, 4, "美术")
        let e = try XCTUnwrap(importError(.grid, [try csv("unlabelled.csv", Data(canvas.text.utf8))]))
        XCTAssertEqual(e.kind, .invalidInput)
        XCTAssertTrue(e.message.contains("cannot be told"), e.message)
    }
}
