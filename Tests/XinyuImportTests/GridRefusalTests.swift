import Foundation
import XCTest
@testable import XinyuImport
import XinyuPack

/// Layouts the importer cannot read safely are refused (exit 65) with a message naming the file
/// and saying what it saw, in Chinese and English; nothing is guessed.
final class GridRefusalTests: XCTestCase {
    let dir = Paths.temporary()

    func workbook(_ name: String, _ draw: (Book) -> Void) -> String {
        let path = dir + "/" + name + ".xlsx"
        let book = Book(path)
        draw(book)
        book.close()
        return path
    }

    /// The error of importing `path`: invalid input, naming the file, bilingual, containing `words`.
    func refused(_ path: String, _ words: String, options: ImportOptions = ImportOptions(), file: StaticString = #filePath, line: UInt = #line) {
        guard let e = importError(.grid, [path], options, file: file, line: line) else { return }
        XCTAssertEqual(e.kind, .invalidInput, e.message, file: file, line: line)
        XCTAssertTrue(e.message.contains((path as NSString).lastPathComponent), e.message, file: file, line: line)
        XCTAssertTrue(e.message.contains(words), e.message, file: file, line: line)
        XCTAssertTrue(e.message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } && e.message.range(of: "[a-z]{2,} [a-z]{2,} [a-z]{2,}", options: .regularExpression) != nil, "bilingual: \(e.message)", file: file, line: line)
    }

    func testLessonsWithoutDayHeader() {
        let path = workbook("no-days") { book in
            let sh = book.sheet("Sheet1")
            sh.put(0, 0, "一年级(1)班")
            for p in 1...3 { sh.put(p, 0, "第\(p)节"); sh.put(p, 1, "语文"); sh.put(p, 2, "数学") }
        }
        refused(path, "outside every timetable block")
    }

    func testBlockWithoutClassName() {
        let path = workbook("no-class") { book in
            let sh = book.sheet("Sheet1")
            sh.put(0, 0, "班主任：王五")
            Layout.across(sh, 1, 0, cls: 1, GridStyle())
        }
        refused(path, "without a class name")
    }

    func testTwoBlocksOfOneClass() {
        let path = workbook("twice") { book in
            let sh = book.sheet("Sheet1")
            sh.put(0, 0, "一年级(1)班")
            Layout.across(sh, 1, 0, cls: 0, GridStyle())
            sh.put(9, 0, "一年级(1)班")
            Layout.across(sh, 10, 0, cls: 1, GridStyle())
        }
        refused(path, "second timetable")
    }

    func testOneTitleOverTwoBlocks() {
        let path = workbook("shared-title") { book in
            let sh = book.sheet("Sheet1")
            sh.merge(0, 0, 0, 11, "一年级(1)班 一年级(2)班 课程表")
            Layout.across(sh, 1, 0, cls: 0, GridStyle())
            Layout.across(sh, 1, 6, cls: 1, GridStyle())
        }
        refused(path, "several class names")
    }

    func testPeriodsGoingBackwards() {
        let path = workbook("backwards") { book in
            let sh = book.sheet("一年级(1)班")
            Layout.across(sh, 0, 0, cls: 0, GridStyle(periodLabel: { "第\(7 - $0)节" }, mergeDouble: false))
        }
        refused(path, "go backwards")
    }

    func testWholeSchoolLineWithoutClass() {
        let canvas = CSVCanvas()
        Layout.wholeSchool(canvas, form: .space, merged: false, timeRow: false)
        canvas.cells[4]?[0] = nil  // the second class's name is gone
        let path = dir + "/whole-noclass.csv"
        FileManager.default.createFile(atPath: path, contents: Data(canvas.text.utf8))
        refused(path, "without a class name")
    }

    func testSuspiciousClassIDs() {
        for bad in ["班级：一年级(1)班 班主任：王五", "吉林市XX小学2026年秋季学期课程表", "一年级(1)班班主任王五", String(repeating: "班", count: 30)] {
            XCTAssertThrowsError(try GridClassName.check(bad, at: "x", titles: []), bad)
        }
        XCTAssertThrowsError(try GridClassName.check("全校课表", at: "x", titles: ["全校课表"]))
        XCTAssertEqual(try? GridClassName.check("一年级(1)班", at: "x", titles: []), "一年级(1)班")
        // The long form with such a class is refused too.
        let path = dir + "/long-bad.csv"
        FileManager.default.createFile(atPath: path, contents: Data("班级,星期,节次,科目\n班级：一年级(1)班 班主任：王五,1,1,语文\n".utf8))
        refused(path, "cannot be a class id")
    }

    /// An old binary .xls (OLE2 compound file) is refused with "save it as .xlsx".
    func testOldXLS() {
        let path = dir + "/old.xls"
        FileManager.default.createFile(atPath: path, contents: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)))
        refused(path, "save it as .xlsx")
    }

    /// A note beside the grid is a warning; with --strict an error. An ambiguous `张三：李四` likewise.
    func testUnknownCellsWarnOrFailStrict() throws {
        let path = workbook("note") { book in
            let sh = book.sheet("一年级(1)班")
            Layout.across(sh, 0, 0, cls: 0, GridStyle())
            sh.put(2, 8, "王五老师出差")
            sh.put(3, 1, "张三：李四")
        }
        let r = try Importer.run(.grid, files: [path], options: ImportOptions())
        XCTAssertEqual(r.report.warnings.count, 2, "\(r.report.warnings)")
        XCTAssertTrue(r.report.warnings.contains { $0.contains("I3") && $0.contains("王五老师出差") }, "\(r.report.warnings)")
        XCTAssertTrue(r.report.cellAccounting[0].contains("+ 1 unknown"), r.report.cellAccounting[0])
        var strict = ImportOptions()
        strict.strict = true
        refused(path, "--strict", options: strict)
    }

    /// Subjects on one line, teachers on the line below (a period label merged over both); and
    /// a 总课表 with a 上午/下午 line between the days and the periods.
    func testTeacherLinesAndHalfDayLine() throws {
        let path = workbook("teacher-lines") { book in
            for (k, name) in Known.classes.enumerated() {
                let sh = book.sheet(name)
                for d in 0..<5 { sh.put(0, 1 + d, ["周一", "周二", "周三", "周四", "周五"][d]) }
                sh.put(0, 0, "节次")
                for p in 1...6 {
                    let r = 1 + (p - 1) * 2
                    sh.merge(r, 0, r + 1, 0, "第\(p)节")
                    for d in 1...5 {
                        switch Known.slot(k, d, p) {
                        case .free: break
                        case .lesson(let s, let t): sh.put(r, d, s); sh.put(r + 1, d, t)
                        case .weeks(let o, let e): sh.put(r, d, "\(o.0)/\(e.0)"); sh.put(r + 1, d, "\(o.1)/\(e.1)")
                        }
                    }
                }
            }
        }
        let result = try Importer.run(.grid, files: [path], options: ImportOptions())
        let school = try writeAndLoad(result).district.schools[0]
        let got = school.timetable.map { "\($0.classID) \($0.weekday)-\($0.period) \($0.weeks.rawValue) \($0.subject) \($0.teachers.joined(separator: ";"))" }.sorted()
        XCTAssertEqual(got, Known.rows())

        let half = workbook("half-day-line") { book in
            let sh = book.sheet("Sheet1")
            sh.put(0, 0, "班级")
            for d in 0..<5 {
                let c = 1 + d * 6
                sh.merge(0, c, 0, c + 5, ["周一", "周二", "周三", "周四", "周五"][d])
                sh.merge(1, c, 1, c + 3, "上午")
                sh.merge(1, c + 4, 1, c + 5, "下午")
                for p in 1...6 { sh.put(2, c + p - 1, String(p)) }
            }
            for (k, name) in Known.classes.enumerated() {
                sh.put(3 + k, 0, name)
                for d in 1...5 { for p in 1...6 { sh.put(3 + k, (d - 1) * 6 + p, Known.text(Known.slot(k, d, p), .paren)) } }
            }
        }
        let r2 = try Importer.run(.grid, files: [half], options: ImportOptions())
        let s2 = try writeAndLoad(r2).district.schools[0]
        XCTAssertEqual(s2.timetable.map { "\($0.classID) \($0.weekday)-\($0.period) \($0.weeks.rawValue) \($0.subject) \($0.teachers.joined(separator: ";"))" }.sorted(), Known.rows())
        XCTAssertTrue(r2.report.cellAccounting[0].contains("+ 0 unknown"), r2.report.cellAccounting[0])
    }

    /// A second table under the 总课表 (subjects with teachers) is not read as classes: its
    /// lesson-like cells stop the import. A restart of period numbers without 下午/午休 is refused.
    /// A sheet named after a class but holding two blocks does not name the unnamed one.
    func testNoSilentGuesses() {
        let canvas = CSVCanvas()
        Layout.wholeSchool(canvas, form: .space, merged: false, timeRow: false)
        canvas.put(7, 0, "语文"); canvas.put(7, 2, "张三"); canvas.put(7, 3, "数学 李四")
        let path = dir + "/teacher-list.csv"
        FileManager.default.createFile(atPath: path, contents: Data(canvas.text.utf8))
        refused(path, "outside every timetable block")

        let restart = workbook("restart") { book in
            Layout.across(book.sheet("一年级(1)班"), 0, 0, cls: 0, GridStyle(periodLabel: { String($0) }, restartAfternoon: true))
        }
        refused(restart, "only after")

        let named = workbook("sheet-name") { book in
            let sh = book.sheet("一年级(1)班")
            sh.put(0, 0, "一年级(1)班")
            Layout.across(sh, 1, 0, cls: 0, GridStyle())
            Layout.across(sh, 10, 0, cls: 1, GridStyle())
        }
        refused(named, "without a class name")
    }

    /// A workbook with the classes' grids and a teacher's timetable (cells name classes): the
    /// teacher's sheet is accounted as skipped, not read as a class; rooms beside teachers are no
    /// teachers; a 备注 column is info; a 课外活动 line is no period.
    func testTeacherSheetRoomsNotesAndActivityLines() throws {
        let path = workbook("with-teacher") { book in
            for (k, name) in Known.classes.enumerated() {
                let sh = book.sheet(name)
                sh.put(0, 0, "节次")
                for d in 0..<5 { sh.put(0, 1 + d, ["周一", "周二", "周三", "周四", "周五"][d]) }
                sh.put(0, 6, "备注")
                for p in 1...6 {
                    sh.put(p, 0, "第\(p)节")
                    for d in 1...5 {
                        let text = Known.text(Known.slot(k, d, p), .newline)
                        sh.put(p, d, text.isEmpty || text.contains("/") ? text : text + "\n" + (d == 2 ? "操场" : "201"))
                    }
                    if p == 3 { sh.put(p, 6, "语文作业请按时完成") }
                }
                sh.put(7, 0, "课外活动")
                for d in 1...5 { sh.put(7, d, "体育活动") }
                for (c, text) in ["任课教师", "语文", "张三", "数学", "李四"].enumerated() { sh.put(9, c, text) }
                sh.put(10, 0, "语文组：张三 李四")
            }
            let assign = book.sheet("任课安排")
            for (c, text) in ["班级", "语文", "数学"].enumerated() { assign.put(0, c, text) }
            for (c, text) in ["一年级(1)班", "张三", "李四"].enumerated() { assign.put(1, c, text) }
            let t = book.sheet("张三")
            t.put(0, 0, "张三老师课表")
            for d in 0..<5 { t.put(1, 1 + d, ["周一", "周二", "周三", "周四", "周五"][d]) }
            for p in 1...3 { t.put(1 + p, 0, "第\(p)节"); t.put(1 + p, 1, "一年级(1)班 语文") }
        }
        let result = try Importer.run(.grid, files: [path], options: ImportOptions())
        let school = try writeAndLoad(result).district.schools[0]
        let got = school.timetable.map { "\($0.classID) \($0.weekday)-\($0.period) \($0.weeks.rawValue) \($0.subject) \($0.teachers.joined(separator: ";"))" }.sorted()
        XCTAssertEqual(got, Known.rows())
        XCTAssertEqual(school.classes.count, 3)
        XCTAssertTrue(result.report.notes.contains { $0.contains("teacher's timetable") }, "\(result.report.notes)")
        XCTAssertTrue(result.report.cellAccounting[0].contains("+ 4 unknown"), result.report.cellAccounting[0])
        XCTAssertEqual(result.report.warnings.filter { $0.contains("任课安排") }.count, 4, "\(result.report.warnings)")
    }

    /// A 总课表 with two lines per class: subjects, then teachers (the class cell merged over both).
    func testWholeSchoolTeacherLines() throws {
        let path = workbook("two-line-zong") { book in
            let sh = book.sheet("Sheet1")
            sh.merge(0, 0, 1, 0, "班级")
            for d in 0..<5 {
                sh.merge(0, 1 + d * 6, 0, 6 + d * 6, ["周一", "周二", "周三", "周四", "周五"][d])
                for p in 1...6 { sh.put(1, d * 6 + p, "第\(p)节") }
            }
            for (k, name) in Known.classes.enumerated() {
                let r = 2 + k * 2
                sh.merge(r, 0, r + 1, 0, name)
                for d in 1...5 {
                    for p in 1...6 {
                        let c = (d - 1) * 6 + p
                        switch Known.slot(k, d, p) {
                        case .free: break
                        case .lesson(let s, let t): sh.put(r, c, s); sh.put(r + 1, c, t)
                        case .weeks(let o, let e): sh.put(r, c, "\(o.0)/\(e.0)"); sh.put(r + 1, c, "\(o.1)/\(e.1)")
                        }
                    }
                }
            }
        }
        let result = try Importer.run(.grid, files: [path], options: ImportOptions())
        let school = try writeAndLoad(result).district.schools[0]
        XCTAssertEqual(school.timetable.map { "\($0.classID) \($0.weekday)-\($0.period) \($0.weeks.rawValue) \($0.subject) \($0.teachers.joined(separator: ";"))" }.sorted(), Known.rows())
        XCTAssertTrue(result.report.cellAccounting[0].contains("+ 0 unknown"), result.report.cellAccounting[0])
    }
}
