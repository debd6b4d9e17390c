import Foundation
import XCTest
import XinyuCore
@testable import XinyuExport
import XinyuPack

/// The weekly 课程表: a hand-made school whose expected grids are written out cell by cell, read
/// back from the XLSX with the independent reader of Support.swift; teacher views against the
/// schedule; class pages printed to PDF by headless Chromium, one page per class.
final class WeeklyTests: XCTestCase {
    static let times = ["08:00-08:40", "08:50-09:30", "09:50-10:30", "10:40-11:20"]

    /// One primary school, 5 days × 4 periods, term 2026-11-02 (Monday) – 2027-01-08: ten teaching
    /// weeks; 2026-11-24 (Tue, week 4) closed, 2027-01-01 (Fri, week 9) a holiday.
    static func district() -> District {
        let c1 = "一年级(1)班", c2 = "一年级(2)班"
        let tt = [
            TimetableRow(classID: c1, weekday: 1, period: 1, subject: "语文", teachers: ["T11"]),
            TimetableRow(classID: c1, weekday: 2, period: 3, subject: "班会", teachers: ["T12"]),
            TimetableRow(classID: c1, weekday: 4, period: 2, subject: "校本课程", teachers: ["T21"], weeks: .odd),
            TimetableRow(classID: c1, weekday: 4, period: 2, subject: "美术", teachers: ["T22"], weeks: .even),
            TimetableRow(classID: c1, weekday: 5, period: 4, subject: "地方课程", teachers: ["T20"]),
            TimetableRow(classID: c2, weekday: 3, period: 2, subject: "班会", teachers: ["T12"]),
        ]
        let teachers = [
            Teacher(id: "T01", name: "王心怡", psych: .full, stages: [.primary], maxPerWeek: 8),
            Teacher(id: "T11", name: "李建国"), Teacher(id: "T12", name: "张丽"), Teacher(id: "T20", name: "赵敏"),
            Teacher(id: "T21", name: "孙鹏"), Teacher(id: "T22", name: "周芳"),
        ]
        let school = School(id: "S1", name: "样例小学", stages: [.primary], daysPerWeek: 5, periodsPerDay: 4,
                            classes: [SchoolClass(id: c1, grade: 1, stage: .primary), SchoolClass(id: c2, grade: 1, stage: .primary)],
                            timetable: tt, teachers: teachers, periodTimes: times)
        var policy = Policy()
        policy.displaceable = ["班会": 3, "校本课程": 1, "地方课程": 1]
        return District(name: "测试区", termStart: date("2026-11-02"), termEnd: date("2027-01-08"), policy: policy,
                        calendar: [CalendarEntry(date: date("2026-11-24"), kind: .closure, note: "停课"),
                                   CalendarEntry(date: date("2027-01-01"), kind: .holiday, note: "元旦")],
                        schools: [school])
    }

    static func date(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    static func lesson(_ c: String, _ d: String, _ p: Int, _ replaces: String) -> Lesson {
        let day = date(d)
        return Lesson(school: "S1", classID: c, date: day, weekday: day.weekday, period: p, teacher: "T01", replaces: replaces)
    }

    /// 一年级(1)班: the 单双周 case (Thursday P2 in every odd week, replacing the odd-week 校本课程)
    /// and a move: Tuesday P3 in weeks 1–3, then, after the closure, Friday P4 from week 5.
    /// 一年级(2)班: Wednesday P2 in odd weeks 1–5, then even weeks 6–10 (the rhythm turns).
    static let lessons: [Lesson] = {
        let c1 = "一年级(1)班", c2 = "一年级(2)班"
        var ls = ["2026-11-05", "2026-11-19", "2026-12-03", "2026-12-17", "2026-12-31"].map { lesson(c1, $0, 2, "校本课程") }
        ls += ["2026-11-03", "2026-11-10", "2026-11-17"].map { lesson(c1, $0, 3, "班会") }
        ls += ["2026-12-04", "2026-12-11", "2026-12-18", "2026-12-25", "2027-01-08"].map { lesson(c1, $0, 4, "地方课程") }
        ls += ["2026-11-04", "2026-11-18", "2026-12-02", "2026-12-09", "2026-12-23", "2027-01-06"].map { lesson(c2, $0, 2, "班会") }
        return ls
    }()

    static func input(details: Bool = true) -> ExportInput {
        var input = ExportInput(district: district(), lessons: lessons)
        if details {
            input.details = lessons.enumerated().map { i, l in
                LessonDetail(lesson: l, room: i % 3 == 0 ? .activity : .classroom, area: "情绪调适", topic: "认识情绪",
                             form: i % 3 == 0 ? .groupCounseling : .discussion)
            }
        }
        return input
    }

    func testDerivationAsPureData() {
        let d = Self.district()
        let cal = TermCalendar(district: d, daysPerWeek: 5)
        let available = WeeklyGrid.available(cal)
        XCTAssertEqual(available[2], [1, 2, 3, 5, 6, 7, 8, 9, 10], "Tuesday of week 4 is closed")
        XCTAssertEqual(available[5], [1, 2, 3, 4, 5, 6, 7, 8, 10], "Friday of week 9 is a holiday")
        let uses = WeeklyGrid.uses(Self.lessons, termStart: d.termStart, available: available)
        func runs(_ c: String, _ wd: Int, _ p: Int) -> [WeekRun] {
            uses.first { $0.classID == c && $0.weekday == wd && $0.period == p }?.runs ?? []
        }
        let date = Self.date
        XCTAssertEqual(runs("一年级(1)班", 4, 2), [WeekRun(pattern: .odd(nil), first: date("2026-11-05"), last: date("2026-12-31"))])
        XCTAssertEqual(runs("一年级(1)班", 2, 3), [WeekRun(pattern: .every(1...3), first: date("2026-11-03"), last: date("2026-11-17"), until: true)])
        // Friday of week 9 is a holiday: weeks 5–10 are still every week.
        XCTAssertEqual(runs("一年级(1)班", 5, 4), [WeekRun(pattern: .every(5...10), first: date("2026-12-04"), last: date("2027-01-08"), from: true)])
        XCTAssertEqual(runs("一年级(2)班", 3, 2), [
            WeekRun(pattern: .odd(1...5), first: date("2026-11-04"), last: date("2026-12-02"), until: true),
            WeekRun(pattern: .even(6...10), first: date("2026-12-09"), last: date("2027-01-06"), from: true),
        ])
        // No rhythm: the weeks are listed; a single lesson gives its date.
        let odd = [1, 5, 7, 9].map { Self.lesson("一年级(2)班", CivilDate(iso: "2026-11-04")!.adding(days: 7 * ($0 - 1)).iso, 2, "班会") }
        XCTAssertEqual(WeeklyGrid.uses(odd, termStart: d.termStart, available: available).map(\.runs),
                       [[WeekRun(pattern: .list([1, 5, 7, 9]), first: date("2026-11-04"), last: date("2026-12-30"))]])
        XCTAssertEqual(WeeklyGrid.uses([odd[1]], termStart: d.termStart, available: available).map(\.runs),
                       [[WeekRun(pattern: .once(date("2026-12-02")), first: date("2026-12-02"), last: date("2026-12-02"))]])
        XCTAssertEqual(Words(.zh).weekList([1, 2, 3, 5, 7, 8]), "第1–3、5、7、8周")
        XCTAssertEqual(Words(.en).weekList([1, 2, 3, 5]), "week(s) 1–3, 5")
    }

    /// The class sheets read back from the workbook, against grids written out by hand.
    func testClassSheetsEqualHandMadeGrids() throws {
        let out = try tempDir(self)
        try Exporter.write(Self.input(), formats: [.xlsx], lang: .zh, to: out)
        let book = try readWorkbook(out + "/xlsx/weekly/S1.xlsx", test: self)
        let t = Self.times
        let head = ["", "周一", "周二", "周三", "周四", "周五"]
        let c1: [[String]] = [
            head,
            ["第1节\n\(t[0])", "语文 李建国", "", "", "", ""],
            ["第2节\n\(t[1])", "", "", "", "单周 校本课程 孙鹏\n双周 美术 周芳\n心理课 王心怡：单周", ""],
            ["第3节\n\(t[2])", "", "班会 张丽\n心理课 王心怡：第1–3周（至11月17日）", "", "", ""],
            ["第4节\n\(t[3])", "", "", "", "", "地方课程 赵敏\n心理课 王心怡：自12月4日起第5–10周"],
        ]
        let c2: [[String]] = [
            head,
            ["第1节\n\(t[0])", "", "", "", "", ""],
            ["第2节\n\(t[1])", "", "", "班会 张丽\n心理课 王心怡：第1–5周单周（至12月2日）；自12月9日起第6–10周双周", "", ""],
            ["第3节\n\(t[2])", "", "", "", "", ""],
            ["第4节\n\(t[3])", "", "", "", "", ""],
        ]
        for (title, expected) in [("一年级(1)班 课程表", c1), ("一年级(2)班 课程表", c2)] {
            let cells = try XCTUnwrap(sheet(book, titled: title), "a sheet titled \(title)")
            XCTAssertEqual(grid(cells, rows: 5, columns: 6), expected, title)
            XCTAssertEqual(cells["A2"], "样例小学 · 学期 2026年11月2日 周一 至 2027年1月8日 周五")
            let xml = book.xml[book.sheetNames.first { book.cells[$0]?["A1"] == title } ?? ""] ?? ""
            XCTAssertTrue(xml.contains("paperSize=\"9\""), "A4")
            XCTAssertTrue(xml.contains("fitToWidth=\"1\"") || xml.contains("fitToPage=\"1\""), "fit to a page")
            XCTAssertTrue(xml.contains("fitToHeight=\"1\"") || !xml.contains("fitToHeight"), "one page tall")
        }
        XCTAssertEqual(book.cells[book.sheetNames[0]]?["A1"], "样例小学 心理课总表", "the overview comes first")
    }

    /// The teacher's week and term list, against the lessons; the overview row of each slot.
    func testTeacherWeekTermListAndOverview() throws {
        let out = try tempDir(self)
        try Exporter.write(Self.input(), formats: [.xlsx], lang: .zh, to: out)
        let book = try readWorkbook(out + "/xlsx/weekly/S1.xlsx", test: self)
        let week = try XCTUnwrap(sheet(book, titled: "王心怡 周课表"))
        let g = grid(week, rows: 5, columns: 6)
        XCTAssertEqual(g[2][4], "一年级(1)班：单周（教室 第3、5、9周；团体活动室 第1、7周）", "Thursday P2: rooms with their weeks")
        XCTAssertEqual(g[2][3], "一年级(2)班：第1–5周单周（至12月2日）；自12月9日起第6–10周双周（教室 第1、3、6、8周；团体活动室 第5、10周）")
        // Every lesson's cell names its class; every filled cell holds a lesson.
        let slots = Set(Self.lessons.map { [$0.weekday, $0.period] })
        for r in 1...4 { for c in 1...5 { XCTAssertEqual(!g[r][c].isEmpty, slots.contains([c, r]), "cell \(r),\(c)") } }
        for l in Self.lessons { XCTAssertTrue(g[l.period][l.weekday].contains(l.classID)) }

        let list = try XCTUnwrap(sheet(book, titled: "王心怡 学期课表"))
        let sorted = Self.lessons.sorted { ($0.date, $0.period) < ($1.date, $1.period) }
        let rows = grid(list, rows: 1 + sorted.count, columns: 6)
        XCTAssertEqual(rows[0], ["日期", "节次", "班级", "主题", "形式", "地点"])
        let details = Dictionary(uniqueKeysWithValues: Self.input().details.map { ($0.lesson, $0) })
        for (i, l) in sorted.enumerated() {
            let d = try XCTUnwrap(details[l])
            XCTAssertEqual(rows[i + 1], [Words(.zh).date(l.date), "第\(l.period)节 \(Self.times[l.period - 1])", l.classID, "情绪调适：认识情绪",
                                         d.form.rawValue, d.room == .activity ? "团体活动室" : l.classID + "教室"])
        }
        XCTAssertNil(list["A\(3 + sorted.count + 1)"], "no extra row")

        let overview = try XCTUnwrap(sheet(book, titled: "样例小学 心理课总表"))
        let o = grid(overview, rows: 5, columns: 5)
        XCTAssertEqual(o[1], ["一年级(1)班", "周二 第3节 09:50-10:30", "王心怡", "第1–3周（至11月17日）", "3"])
        XCTAssertEqual(o[2], ["一年级(1)班", "周四 第2节 08:50-09:30", "王心怡", "单周", "5"])
        XCTAssertEqual(o[3], ["一年级(1)班", "周五 第4节 10:40-11:20", "王心怡", "自12月4日起第5–10周", "5"])
        XCTAssertEqual(o[4][0], "一年级(2)班")
    }

    /// The same views from a solved pack: the teacher's week holds exactly the slots of schedule.csv.
    func testTeacherWeekMatchesSolvedSchedule() throws {
        let solved = SolvedPack.tiny
        let out = try tempDir(self)
        try Exporter.write(try ExportInput.read(district: solved.district, scheduleDirectory: solved.scheduleDir),
                           formats: [.xlsx], lang: .en, to: out)
        let book = try readWorkbook(out + "/xlsx/weekly/S01.xlsx", test: self)
        let school = solved.district.schools[0]
        for t in school.psychTeachers {
            let g = grid(try XCTUnwrap(sheet(book, titled: "Week of \(t.name)")), rows: 1 + school.periodsPerDay, columns: 1 + school.daysPerWeek)
            let mine = solved.lessons.filter { $0.teacher == t.id }
            for r in 1...school.periodsPerDay {
                for c in 1...school.daysPerWeek {
                    let here = Set(mine.filter { $0.weekday == c && $0.period == r }.map(\.classID))
                    XCTAssertEqual(Set(g[r][c].split(separator: "\n").map { String($0.prefix { $0 != ":" }) }), here, "\(t.id) \(r),\(c)")
                }
            }
            let list = try XCTUnwrap(sheet(book, titled: "Term list of \(t.name)"))
            let rows = grid(list, rows: 1 + mine.count, columns: 3).dropFirst()
            XCTAssertEqual(rows.map { $0[0] + " " + $0[2] }, mine.sorted { ($0.date, $0.period) < ($1.date, $1.period) }.map { Words(.en).date($0.date) + " " + $0.classID })
        }
    }

    func testLocationAndUIDKeepWhatTheLessonIs() throws {
        let input = Self.input(details: false)
        let view = SchoolView(input.district.schools[0], input)
        let first = Self.lessons.filter { $0.classID == "一年级(1)班" }.min { ($0.date, $0.period) < ($1.date, $1.period) }!
        XCTAssertEqual(ICalendar.location(first, view, Words(.zh)), "样例小学 一年级(1)班教室", "no 班班")
        // Move the class's first lesson to another day and period: same place in its sequence, same UID.
        var moved = Self.lessons
        let i = moved.firstIndex(of: first)!
        moved[i] = Self.lesson(first.classID, "2026-11-02", 4, "")
        let movedView = SchoolView(input.district.schools[0], ExportInput(district: input.district, lessons: moved))
        let uid = { (v: SchoolView, l: Lesson) in ICalendar.uid(l, ordinal: v.ordinal[SchoolView.key(l)] ?? -1) }
        XCTAssertEqual(uid(view, first), uid(movedView, moved[i]))
        XCTAssertNotEqual(uid(view, first), uid(view, Self.lessons.first { $0.classID == "一年级(2)班" }!))
        XCTAssertEqual(Set(Self.lessons.map { uid(view, $0) }).count, Self.lessons.count, "unique")
    }

    func testNotVerifiedMarksEverySheetAndPage() throws {
        var input = Self.input()
        input.notVerified = true
        let out = try tempDir(self)
        try Exporter.write(input, formats: [.xlsx, .html, .ics], lang: .en, to: out)
        for path in ["xlsx/weekly/S1.xlsx", "xlsx/S1.xlsx"] {
            let book = try readWorkbook(out + "/" + path, test: self)
            for name in book.sheetNames {
                XCTAssertTrue(book.cells[name]?.values.contains { $0.contains("未通过校验 / not verified") } ?? false, "\(path) \(name)")
            }
        }
        for page in ["index.html", "school-S1.html", "classes-S1.html", "teachers-S1.html", "overview-S1.html"] {
            let html = try String(contentsOfFile: out + "/html/" + page, encoding: .utf8)
            XCTAssertTrue(html.contains("未通过校验 / not verified"), page)
        }
        let classes = try String(contentsOfFile: out + "/html/classes-S1.html", encoding: .utf8)
        XCTAssertEqual(classes.components(separatedBy: "未通过校验 / not verified").count - 1, 2, "on each class page")
    }

    /// Same schedule, same bytes: the workbooks' creation time is the schedule's, not now.
    func testSameInputSameBytes() throws {
        var files: [[Data]] = []
        for _ in 0..<2 {
            let out = try tempDir(self)
            try Exporter.write(Self.input(), formats: [.xlsx, .html], lang: .zh, to: out)
            files.append(try ["xlsx/weekly/S1.xlsx", "xlsx/S1.xlsx", "html/classes-S1.html", "html/teachers-S1.html"].map {
                try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0))
            })
            Thread.sleep(forTimeInterval: 1.1)
        }
        XCTAssertEqual(files[0], files[1])
    }

    // MARK: printing

    /// Headless Chromium prints a school's class pages: exactly one A4 page per class.
    func testClassPagesPrintOnePagePerClass() throws {
        guard let browser = which("chromium") ?? which("chromium-browser") ?? which("google-chrome") else {
            throw XCTSkip("chromium is not installed (scripts/setup installs it)")
        }
        let solved = SolvedPack.tiny
        let cases: [(ExportInput, String, Int)] = [
            (Self.input(), "S1", 2),
            (try ExportInput.read(district: solved.district, scheduleDirectory: solved.scheduleDir), "S01", solved.district.schools[0].classes.count),
        ]
        for (input, school, classes) in cases + [(Self.crowded(), "S9", 3)] {
            let out = try tempDir(self)
            try Exporter.write(input, formats: [.html], lang: .zh, to: out)
            let pdf = out + "/classes.pdf"
            let r = try runProgram(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=" + (try tempDir(self)),
                                             "--print-to-pdf=" + pdf, "file://" + out + "/html/classes-\(school).html"])
            XCTAssertEqual(r.code, 0, r.err)
            XCTAssertEqual(try pdfPages(pdf), classes, "one page per class of \(school)")
        }
    }

    /// A senior school at its fullest: 6 days × 12 periods, every period 单周 one subject and 双周
    /// another with two teachers, and a 心理课 in many slots with listed weeks.
    static func crowded() -> ExportInput {
        let classes = (1...3).map { SchoolClass(id: "高一(\($0))班", grade: 10, stage: .senior) }
        var tt: [TimetableRow] = []
        var lessons: [Lesson] = []
        let start = date("2026-11-02")
        for c in classes {
            for d in 1...6 {
                for p in 1...12 {
                    tt.append(TimetableRow(classID: c.id, weekday: d, period: p, subject: "综合实践活动", teachers: ["T11", "T12"], weeks: .odd))
                    tt.append(TimetableRow(classID: c.id, weekday: d, period: p, subject: "通用技术", teachers: ["T12", "T11"], weeks: .even))
                    if (d + p) % 3 == 0 {
                        for wk in [1, 4, 6, 9] { lessons.append(Lesson(school: "S9", classID: c.id, date: start.adding(days: 7 * (wk - 1) + d - 1),
                                                                       weekday: d, period: p, teacher: p % 2 == 0 ? "T01" : "T02", replaces: "综合实践活动")) }
                    }
                }
            }
        }
        let teachers = [Teacher(id: "T01", name: "欧阳心怡", psych: .full, stages: [.senior]), Teacher(id: "T02", name: "司马明远", psych: .part, stages: [.senior]),
                        Teacher(id: "T11", name: "诸葛建国"), Teacher(id: "T12", name: "上官丽华")]
        let school = School(id: "S9", name: "昌邑区第一高级中学", stages: [.senior], daysPerWeek: 6, periodsPerDay: 12,
                            classes: classes, timetable: tt, teachers: teachers)
        let district = District(name: "测试区", termStart: start, termEnd: date("2027-01-08"), schools: [school])
        return ExportInput(district: district, lessons: lessons)
    }

    /// Pages of a PDF: pdfinfo (poppler-utils) when installed, else the `/Type /Page` objects counted.
    func pdfPages(_ path: String) throws -> Int {
        if let info = which("pdfinfo") {
            let r = try runProgram(info, [path])
            if let line = r.out.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }) {
                return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? -1
            }
        }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
    }

    // MARK: helpers

    /// The cells of the sheet whose A1 is `title`.
    func sheet(_ book: ReadWorkbook, titled title: String) -> [String: String]? {
        book.sheetNames.lazy.compactMap { book.cells[$0] }.first { $0["A1"] == title }
    }

    /// The table under a weekly sheet's title and note: the header row (row 3) and `rows - 1` rows.
    func grid(_ cells: [String: String], rows: Int, columns: Int) -> [[String]] {
        (0..<rows).map { r in
            (0..<columns).map { c in cells["\(String(UnicodeScalar(UInt8(65 + c))))\(3 + r)"] ?? "" }
        }
    }
}
