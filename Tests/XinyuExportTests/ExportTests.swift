import Foundation
import XCTest
import XinyuCore
@testable import XinyuExport
import XinyuPack

/// Every export is opened with a reader that shares no code with its writer: the XLSX unzipped
/// and its XML parsed, the .ics unfolded and parsed line by line, the HTML loaded by Chromium.
final class ExportTests: XCTestCase {
    func export(_ solved: SolvedPack, _ formats: Set<ExportFormat>, lang: Language = .zh) throws -> (out: String, input: ExportInput) {
        let out = try tempDir(self)
        let input = try ExportInput.read(district: solved.district, scheduleDirectory: solved.scheduleDir)
        try Exporter.write(input, formats: formats, lang: lang, to: out)
        return (out, input)
    }

    // MARK: XLSX

    func testWorkbookSheetsCellsAndCountsMatchScheduleCSV() throws {
        let solved = SolvedPack.tiny
        let (out, _) = try export(solved, [.xlsx])
        let lessons = solved.lessons
        XCTAssertFalse(lessons.isEmpty)
        let school = solved.district.schools[0]
        let book = try readWorkbook(out + "/xlsx/S01.xlsx", test: self)

        // Sheet names: the summary, one per class, one per psychology teacher; all legal and unique.
        XCTAssertEqual(book.sheetNames.first, "月度汇总")
        for c in school.classes { XCTAssertTrue(book.sheetNames.contains("班级 \(c.id)"), "sheet for class \(c.id)") }
        for t in school.psychTeachers { XCTAssertTrue(book.sheetNames.contains("教师 \(t.name)"), "sheet for teacher \(t.name)") }
        XCTAssertEqual(book.sheetNames.count, 1 + school.classes.count + school.psychTeachers.count)
        XCTAssertEqual(Set(book.sheetNames.map { $0.lowercased() }).count, book.sheetNames.count)
        for name in book.sheetNames {
            XCTAssertLessThanOrEqual(name.utf16.count, 31)
            XCTAssertFalse(name.contains { "[]:*?/\\".contains($0) }, name)
        }

        // Class sheets: one filled period cell per lesson, on the row of its date, in its period's column.
        let words = Words(.zh)
        for c in school.classes {
            let sheet = "班级 \(c.id)"
            let cells = book.cells[sheet] ?? [:]
            let mine = lessons.filter { $0.classID == c.id }
            let lessonCells = cells.filter { ref, _ in
                let p = splitRef(ref)
                return p.row >= 2 && p.col >= 2 && p.col < 2 + school.periodsPerDay
            }
            XCTAssertEqual(lessonCells.count, mine.count, "lesson cells of \(sheet) against schedule.csv")
            var rowOfDate: [String: Int] = [:]
            for (ref, v) in cells where splitRef(ref).col == 0 { rowOfDate[v] = splitRef(ref).row }
            for l in mine {
                guard let row = rowOfDate[words.date(l.date)] else { XCTFail("no row for \(l.date) in \(sheet)"); continue }
                let col = String(UnicodeScalar(UInt8(65 + 1 + l.period)))
                let text = cells["\(col)\(row)"] ?? ""
                let teacher = school.teacher(l.teacher)!
                XCTAssertTrue(text.contains(teacher.name), "\(sheet) \(col)\(row) names the teacher: \(text)")
                XCTAssertTrue(text.contains(l.replaces.isEmpty ? "空节" : "替换 \(l.replaces)"), "\(sheet) \(col)\(row): \(text)")
            }
            // The header row shows the period times from school.toml.
            XCTAssertEqual(cells["C1"], "第1节\n\(tinyTimes[0])")
            let xml = book.xml[sheet] ?? ""
            XCTAssertTrue(xml.contains("state=\"frozen\""), "frozen header")
            XCTAssertTrue(xml.contains("orientation=\"landscape\""), "landscape")
            XCTAssertTrue(xml.contains("paperSize=\"9\""), "A4")
            XCTAssertTrue(xml.contains("fitToWidth=\"1\"") || xml.contains("fitToPage=\"1\""), "fit to width")
            XCTAssertTrue(xml.contains("<col "), "column widths")
        }

        // Teacher sheets: each teacher's lessons, counted.
        for t in school.psychTeachers {
            let cells = book.cells["教师 \(t.name)"] ?? [:]
            let n = cells.filter { ref, _ in let p = splitRef(ref); return p.row >= 2 && p.col >= 2 && p.col < 2 + school.periodsPerDay }.count
            XCTAssertEqual(n, lessons.filter { $0.teacher == t.id }.count, "lessons of \(t.id)")
        }

        // Month summary: one row per months.csv row, placed = schedule.csv's count.
        let months = try ScheduleFiles.read(directory: solved.scheduleDir).months ?? []
        let summary = book.cells["月度汇总"] ?? [:]
        let rows = Set(summary.keys.map { splitRef($0).row }).filter { $0 >= 2 }
        XCTAssertEqual(rows.count, months.count + 1, "a row per class-month plus the total")
        var placed = 0, required = 0
        for r in rows where r <= months.count + 1 {
            placed += Int(summary["D\(r)"] ?? "") ?? -1000
            required += Int(summary["C\(r)"] ?? "") ?? -1000
        }
        XCTAssertEqual(placed, lessons.count)
        XCTAssertEqual(required, months.reduce(0) { $0 + $1.required })
    }

    func testWorkbookHighlightsShortMonths() throws {
        let solved = SolvedPack.january
        let (out, input) = try export(solved, [.xlsx])
        let short = input.months.filter { $0.scheduled < $0.required }
        XCTAssertFalse(short.isEmpty, "tiny-january cannot comply")
        let book = try readWorkbook(out + "/xlsx/S01.xlsx", test: self)
        let summary = book.cells["月度汇总"] ?? [:]
        let statusCells = summary.filter { splitRef($0.key).col == 5 && splitRef($0.key).row >= 2 }
        XCTAssertEqual(statusCells.values.filter { $0 == "未达标" }.count, short.count)
        // Short rows carry a different cell style (the red fill) from met rows.
        let xml = book.xml["月度汇总"] ?? ""
        func style(_ ref: String) -> String? {
            guard let r = xml.range(of: "<c r=\"\(ref)\"") else { return nil }
            let tail = xml[r.upperBound...].prefix(40)
            guard let s = tail.range(of: "s=\"") else { return nil }
            return String(tail[s.upperBound...].prefix { $0 != "\"" })
        }
        let shortRow = statusCells.first { $0.value == "未达标" }.map { splitRef($0.key).row }
        let okRow = statusCells.first { $0.value == "达标" }.map { splitRef($0.key).row }
        if let a = shortRow, let b = okRow { XCTAssertNotEqual(style("A\(a)"), style("A\(b)")) }
    }

    func testSheetNamesAreSanitisedAndUnique() {
        var taken = Set<String>()
        let long = String(repeating: "心理健康教育", count: 8)
        let a = WorkbookWriter.sheetName(long, taken: &taken)
        let b = WorkbookWriter.sheetName(long, taken: &taken)
        XCTAssertEqual(a.utf16.count, 31)
        XCTAssertLessThanOrEqual(b.utf16.count, 31)
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(b.hasSuffix("~2"))
        XCTAssertEqual(WorkbookWriter.sheetName("班级 7/3 [a]:*?\\", taken: &taken), "班级 7_3 _a_____")
        XCTAssertEqual(WorkbookWriter.sheetName("ABC", taken: &taken), "ABC")
        XCTAssertEqual(WorkbookWriter.sheetName("abc", taken: &taken), "abc~2", "unique ignoring case")
        XCTAssertEqual(WorkbookWriter.sheetName("'x'", taken: &taken), "x")
        XCTAssertEqual(WorkbookWriter.displayWidth("第1节\n08:00-08:45"), 11)
        XCTAssertEqual(WorkbookWriter.displayWidth("心理"), 4)
    }

    // MARK: iCalendar

    func testCalendarsParseAndMatchScheduleAndPeriodTimes() throws {
        let solved = SolvedPack.tiny
        let (out, _) = try export(solved, [.ics])
        let lessons = solved.lessons
        let school = solved.district.schools[0]
        var uidOfLesson: [String: String] = [:]  // "class date period" → UID in the class file

        for c in school.classes {
            let path = out + "/ics/classes/S01-\(c.id).ics"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let bytes = Array(text.utf8)
            // CRLF everywhere, no bare LF; every physical line at most 75 octets.
            for (i, b) in bytes.enumerated() where b == 0x0A { XCTAssertEqual(bytes[i - 1], 0x0D, "bare LF in \(path)") }
            for line in text.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75, line) }
            XCTAssertTrue(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
            let props = unfoldICS(text)
            XCTAssertTrue(props.contains { $0.name == "BEGIN" && $0.value == "VTIMEZONE" })
            XCTAssertTrue(props.contains { $0.name == "TZID" && $0.value == "Asia/Shanghai" })

            let evs = events(text)
            let mine = lessons.filter { $0.classID == c.id }
            XCTAssertEqual(evs.count, mine.count, "VEVENTs of \(c.id) against schedule.csv")
            XCTAssertEqual(Set(evs.compactMap { $0["UID"]?.value }).count, evs.count, "unique UIDs")
            for (e, l) in zip(evs, mine.sorted { ($0.date, $0.period) < ($1.date, $1.period) }) {
                let day = l.date.iso.replacingOccurrences(of: "-", with: "")
                let times = tinyTimes[l.period - 1].split(separator: "-").map { $0.replacingOccurrences(of: ":", with: "") + "00" }
                XCTAssertEqual(e["DTSTART"]?.params["TZID"], "Asia/Shanghai")
                XCTAssertEqual(e["DTSTART"]?.value, "\(day)T\(times[0])", "start of period \(l.period) from period_times")
                XCTAssertEqual(e["DTEND"]?.value, "\(day)T\(times[1])")
                XCTAssertNotNil(e["DTSTAMP"])
                XCTAssertEqual(unescapeICS(e["SUMMARY"]?.value ?? ""),
                               "心理健康课 \(l.classID)（\(l.replaces.isEmpty ? "空节" : "替换 \(l.replaces)")）")
                XCTAssertTrue(e["UID"]?.value.hasSuffix("@xinyu") ?? false)
                uidOfLesson["\(l.classID) \(l.date.iso) \(l.period)"] = e["UID"]?.value
            }
        }
        // Teacher calendars: their lessons, with the same UIDs as the class calendars.
        for t in school.psychTeachers {
            let text = try String(contentsOfFile: out + "/ics/teachers/\(t.id).ics", encoding: .utf8)
            let evs = events(text)
            XCTAssertEqual(evs.count, lessons.filter { $0.teacher == t.id }.count, "VEVENTs of \(t.id)")
            for e in evs {
                let summary = unescapeICS(e["SUMMARY"]?.value ?? "")
                XCTAssertTrue(summary.hasPrefix("心理健康课 "))
                XCTAssertTrue(uidOfLesson.values.contains(e["UID"]?.value ?? "?"), "same UID in class and teacher file")
            }
        }
        // Same schedule, same bytes (the stamp is schedule.csv's time): a re-import updates.
        let again = try tempDir(self)
        try Exporter.write(try ExportInput.read(district: solved.district, scheduleDirectory: solved.scheduleDir),
                           formats: [.ics], lang: .zh, to: again)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again + "/ics/classes/S01-3-1.ics")),
                       try Data(contentsOf: URL(fileURLWithPath: out + "/ics/classes/S01-3-1.ics")))
    }

    func testDefaultBellScheduleWhenPeriodTimesAreAbsent() throws {
        let solved = SolvedPack.tinyDefault
        XCTAssertTrue(solved.district.schools[0].periodTimes.isEmpty)
        let (out, _) = try export(solved, [.ics])
        // The primary default: 40-minute periods from 08:20 (see docs/EXPORTS.md).
        let starts = ["082000", "091000", "102000", "111000", "133000", "142000"]
        let ends = ["090000", "095000", "110000", "115000", "141000", "150000"]
        for c in solved.district.schools[0].classes {
            let evs = events(try String(contentsOfFile: out + "/ics/classes/S01-\(c.id).ics", encoding: .utf8))
            let mine = solved.lessons.filter { $0.classID == c.id }.sorted { ($0.date, $0.period) < ($1.date, $1.period) }
            XCTAssertEqual(evs.count, mine.count)
            for (e, l) in zip(evs, mine) {
                XCTAssertEqual(e["DTSTART"]?.value.suffix(6).description, starts[l.period - 1])
                XCTAssertEqual(e["DTEND"]?.value.suffix(6).description, ends[l.period - 1])
            }
        }
        let secondary = BellSchedule(School(id: "X", name: "X", stages: [.junior], periodsPerDay: 10))
        XCTAssertEqual((1...10).map(secondary.label), ["08:00-08:45", "08:55-09:40", "10:10-10:55", "11:05-11:50", "13:30-14:15",
                                                       "14:25-15:10", "15:20-16:05", "16:15-17:00", "17:10-17:55", "18:05-18:50"])
    }

    func testEscapingAndUTF8SafeFolding() {
        XCTAssertEqual(ICalendar.escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne")
        let line = "DESCRIPTION:" + String(repeating: "心理健康教育课，", count: 12) + "end"
        let folded = ICalendar.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        XCTAssertGreaterThan(parts.count, 3)
        for (i, p) in parts.enumerated() {
            XCTAssertLessThanOrEqual(p.utf8.count, 75)
            if i > 0 { XCTAssertTrue(p.hasPrefix(" ")) }
            XCTAssertFalse(p.unicodeScalars.contains("\u{FFFD}"), "no UTF-8 sequence split: \(p)")
        }
        XCTAssertEqual(folded.replacingOccurrences(of: "\r\n ", with: ""), line)
        XCTAssertEqual(ICalendar.fold("SHORT:x"), "SHORT:x")
        XCTAssertEqual(ICalendar.utcStamp(Date(timeIntervalSince1970: 1_791_123_456)), "20261004T141736Z")
    }

    // MARK: localisation

    func testCatalogueHasBothLanguagesAndLocalDates() throws {
        for id in Msg.allCases {
            let e = try XCTUnwrap(Catalogue.entries[id], "catalogue entry for \(id)")
            XCTAssertFalse(e.zh.isEmpty)
            XCTAssertFalse(e.en.isEmpty)
            // Arguments: the same placeholders in both languages.
            for k in 1...5 { XCTAssertEqual(e.zh.contains("%\(k)"), e.en.contains("%\(k)"), "\(id) %\(k)") }
        }
        let d = CivilDate(iso: "2026-10-12")!
        XCTAssertEqual(Words(.zh).date(d), "2026年10月12日 周一")
        XCTAssertEqual(Words(.en).date(d), "Mon 12 Oct 2026")
        XCTAssertEqual(Words(.en).lessonSummary(classID: "7-3", replaces: "班会"), "Mental-health lesson 7-3 (replaces 班会)")
        XCTAssertEqual(Words(.zh).lessonSummary(classID: "7-3", replaces: "班会"), "心理健康课 7-3（替换 班会）")

        // An English export uses English labels throughout.
        let (out, _) = try export(SolvedPack.tiny, [.xlsx, .html], lang: .en)
        let book = try readWorkbook(out + "/xlsx/S01.xlsx", test: self)
        XCTAssertEqual(book.sheetNames.first, "Month summary")
        XCTAssertTrue(book.sheetNames.contains("Class 3-1"))
        let html = try String(contentsOfFile: out + "/html/school-S01.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<html lang=\"en\">"))
        XCTAssertTrue(html.contains("Term Tue 1 Sep 2026 – Fri 30 Oct 2026"))
        XCTAssertFalse(html.contains("替换 "), "no Chinese label in the English site (subjects stay as in the pack)")
    }

    func testShortfallExplanationsAreReadFromReport() throws {
        let solved = SolvedPack.january
        let input = try ExportInput.read(district: solved.district, scheduleDirectory: solved.scheduleDir)
        XCTAssertTrue(input.hasReport)
        let key = ExportInput.MonthKey(school: "S01", month: "2027-01")
        let reasons = try XCTUnwrap(input.explanations[key])
        XCTAssertFalse(reasons.isEmpty)
        XCTAssertTrue(reasons[0].en.contains("2027-01"), reasons[0].en)
        XCTAssertTrue(reasons[0].zh.contains("2027-01"), reasons[0].zh)
    }

    // MARK: HTML, rendered by headless Chromium

    func chromium() throws -> String {
        guard let c = which("chromium") ?? which("chromium-browser") ?? which("google-chrome") else {
            throw XCTSkip("chromium is not installed (scripts/setup installs it)")
        }
        return c
    }

    func chromiumArgs(_ profile: String) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile]
    }

    func testSchoolPageDOMHoldsEveryLesson() throws {
        let browser = try chromium()
        let solved = SolvedPack.tiny
        let (out, _) = try export(solved, [.html])
        let page = out + "/html/school-S01.html"
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // Self-contained: no external script, style sheet, image or font.
        for needle in ["<script src", "<link", "http://", "https://", "@import", "url("] where needle != "http://" {
            XCTAssertFalse(html.contains(needle), "external reference \(needle)")
        }
        XCTAssertFalse(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        XCTAssertTrue(html.contains("name=\"viewport\""))
        XCTAssertTrue(html.contains("@media print"))

        let r = try runProgram(browser, chromiumArgs(try tempDir(self)) + ["--dump-dom", "file://" + page])
        XCTAssertEqual(r.code, 0, r.err)
        let dom = r.out
        XCTAssertTrue(dom.contains("昌邑区样例小学"))
        for c in solved.district.schools[0].classes {
            let n = dom.components(separatedBy: "class=\"lesson\" data-class=\"\(c.id)\"").count - 1
            XCTAssertEqual(n, solved.lessons.filter { $0.classID == c.id }.count, "lessons of \(c.id) in the rendered DOM")
        }
        for l in solved.lessons {
            XCTAssertTrue(dom.contains("data-class=\"\(l.classID)\" data-date=\"\(l.date.iso)\" data-period=\"\(l.period)\""), "\(l)")
        }
        XCTAssertTrue(dom.contains("第1节 08:05-08:45") || dom.contains(tinyTimes[0]), "period times from school.toml")
    }

    func testDashboardRendersWithShortfallsAndScreenshot() throws {
        let browser = try chromium()
        let solved = SolvedPack.january
        let (out, input) = try export(solved, [.html])
        let page = out + "/html/index.html"
        let profile = try tempDir(self)
        let r = try runProgram(browser, chromiumArgs(profile) + ["--dump-dom", "file://" + page])
        XCTAssertEqual(r.code, 0, r.err)
        let dom = r.out
        // Schools by status, the heat map cell of each school and month, the load chart, the reasons.
        XCTAssertTrue(dom.contains("未达标"))
        for m in Set(input.months.map(\.month)) {
            let rows = input.months.filter { $0.month == m }
            let cell = "data-month=\"\(m)\" data-school=\"S01\""
            XCTAssertTrue(dom.contains(cell), "heat map cell \(m)")
            XCTAssertTrue(dom.contains(">\(rows.reduce(0) { $0 + $1.scheduled })/\(rows.reduce(0) { $0 + $1.required })<"), "heat map value \(m)")
        }
        XCTAssertTrue(dom.contains("<svg"))
        XCTAssertEqual(dom.components(separatedBy: "class=\"bar\"").count - 1,
                       Set(solved.district.schools.flatMap { $0.psychTeachers.map(\.id) }).count)
        let reason = try XCTUnwrap(input.explanations[ExportInput.MonthKey(school: "S01", month: "2027-01")]?.first?.zh)
        XCTAssertTrue(dom.contains(Site.esc(reason)), "the explanation from report.md")

        let png = try tempDir(self) + "/dashboard.png"
        let s = try runProgram(browser, chromiumArgs(profile) + ["--screenshot=" + png, "--window-size=1280,900", "file://" + page])
        XCTAssertEqual(s.code, 0, s.err)
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        XCTAssertGreaterThan(data.count, 10_000, "a screenshot with content")
    }
}
