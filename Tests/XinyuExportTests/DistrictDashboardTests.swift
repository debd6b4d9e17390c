import Foundation
import XCTest
import XinyuCore
import XinyuDistrict
@testable import XinyuExport
import XinyuGLPK
import XinyuPack

/// The district dashboard of a `xinyu district` output, built from a district made in code: one
/// school short of teachers, one fine. Rendered by headless Chromium.
final class DistrictDashboardTests: XCTestCase {
    func shortDistrict() -> District {
        func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
        var policy = Policy()
        policy.displaceable = ["班会": 3]
        policy.useFreePeriods = false
        func klass(_ id: String) -> SchoolClass { SchoolClass(id: id, grade: 3, stage: .primary, students: 40) }
        // Six classes, each with one 班会 a week, and one full-time teacher allowed 1 lesson a week.
        let rows = (1...6).map { TimetableRow(classID: "3-\($0)", weekday: ($0 - 1) % 5 + 1, period: $0 <= 5 ? 6 : 5, subject: "班会", teachers: []) }
        var short = School(id: "S01", name: "短缺小学", stages: [.primary], daysPerWeek: 5, periodsPerDay: 6,
                           classes: (1...6).map { klass("3-\($0)") }, timetable: rows,
                           teachers: [Teacher(id: "T05", name: "王老师", psych: .full, stages: [.primary], maxPerWeek: 1)])
        short.counselingRoom = CounselingRoomPolicy(hoursPerWeek: 6)
        let ok = School(id: "S02", name: "达标小学", stages: [.primary], daysPerWeek: 5, periodsPerDay: 6,
                        classes: [klass("3-1")], timetable: [TimetableRow(classID: "3-1", weekday: 2, period: 6, subject: "班会", teachers: [])],
                        teachers: [Teacher(id: "P2", name: "李老师", psych: .full, stages: [.primary])])
        return District(name: "测试区", termStart: d("2026-09-07"), termEnd: d("2026-09-30"), policy: policy, schools: [short, ok])
    }

    func testDashboardShowsStatusStaffingReasonsAdviceAndCharts() throws {
        guard let browser = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(which).first else {
            throw XCTSkip("chromium is not installed (scripts/setup installs it)")
        }
        let base = try tempDir(self)
        try PackWriter.write(shortDistrict(), to: base + "/pack", overwrite: true)
        let district = try PackReader.load(path: base + "/pack").district
        let out = try runDistrict(district, packHash: "test", options: DistrictRunOptions(), solver: GLPKSolver())
        try writeDistrict(out, to: base + "/out")
        // What `xinyu export PACK DIR --format html` and `xinyu district --html` both do.
        let input = try ExportInput.read(district: district, scheduleDirectory: base + "/out")
        XCTAssertNotNil(input.office, "schools.csv beside schedule.csv marks a district output")
        let key = ExportInput.MonthKey(school: "S01", month: "2026-09")
        let reason = try XCTUnwrap(input.explanations[key]?.first, "the reasons of a district report.md are read")
        try Exporter.write(input, formats: [.html], lang: .zh, to: base + "/site")
        let page = base + "/site/html/index.html"
        let html = try String(contentsOfFile: page, encoding: .utf8)
        for needle in ["<script src", "<link", "https://", "@import", "url("] { XCTAssertFalse(html.contains(needle), needle) }

        let profile = try tempDir(self)
        let args = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile]
        let r = try runProgram(browser, args + ["--dump-dom", "file://" + page])
        XCTAssertEqual(r.code, 0, r.err)
        let dom = r.out
        XCTAssertFalse(dom.contains("未找到 report.md"), "reasons are found")
        XCTAssertTrue(dom.contains(Site.esc(reason.zh)), "the reason of the short month")
        let card = try XCTUnwrap(dom.range(of: "id=\"school-S01\"").map { String(dom[$0.lowerBound...]) })
        XCTAssertTrue(card.contains("data-option=\"1\""), "option 1 of advice.csv")
        let advice = try XCTUnwrap(out.outcome.schools.first { $0.id == "S01" }?.advice?.options.first)
        let hire = try XCTUnwrap(advice.actions.first)
        XCTAssertTrue(card.contains("新聘\(hire.count)名兼职心理教师，每人每周\(hire.maxPerWeek ?? 0)节"), "the hire in words")
        XCTAssertTrue(card.contains("每周 6 小时"), "counseling-room hours")
        XCTAssertTrue(dom.contains("专职 1") && dom.contains("兼职 0/需 0"), "staffing present and needed")
        XCTAssertTrue(dom.contains("data-month=\"2026-09\" data-school=\"S02\""), "heat table cell")
        XCTAssertGreaterThanOrEqual(dom.components(separatedBy: "<svg").count - 1, 3, "three charts")
        XCTAssertTrue(dom.contains("class=\"chart-bar\" data-value=\"\(hire.count)\""), "hires chart")

        let png = base + "/dashboard.png"
        let s = try runProgram(browser, args + ["--screenshot=" + png, "--window-size=1280,1800", "file://" + page])
        XCTAssertEqual(s.code, 0, s.err)
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        XCTAssertGreaterThan(data.count, 20_000, "a screenshot with content")
    }
}
