import XCTest
@testable import XinyuCLI
@testable import XinyuCore
import XinyuPack

/// The end of `xinyu solve`: at most about 15 lines whatever the number of short schools and
/// class-months; the worst school first; repeated causes counted, not repeated.
final class SummaryTests: XCTestCase {
    /// `schools` schools of one class each for 12 months; school i misses i + 1 lessons a month,
    /// all for want of a teacher of its stage (the 60-identical-lines case).
    func result(schools: Int) -> DistrictResult {
        let months = (1...12).map { String(format: "2026-%02d", $0) }
        var ss: [School] = [], shorts: [Shortfall] = [], rows: [MonthRow] = []
        for i in 0..<schools {
            let id = String(format: "S%02d", i + 1)
            let classes = (1...5).map { SchoolClass(id: "7-\($0)", grade: 7, stage: .junior) }
            ss.append(School(id: id, name: "学校\(i + 1)", stages: [.junior], daysPerWeek: 5, periodsPerDay: 8, classes: classes,
                             timetable: [], teachers: [], unavailable: []))
            for c in classes {
                for m in months {
                    let text = Text(en: "school \(id) has no psychology teacher (full or part) for stage junior.", zh: "学校\(id)没有初中学段的心理教师（专职或兼职）。")
                    shorts.append(Shortfall(school: id, classID: c.id, month: m, required: 2, scheduled: 2 - min(2, i + 1),
                                            reasons: [text], cause: .noTeacher))
                    rows.append(MonthRow(school: id, classID: c.id, month: m, required: 2, scheduled: 2 - min(2, i + 1)))
                }
            }
        }
        let d = District(name: "test", termStart: CivilDate(iso: "2026-01-05")!, termEnd: CivilDate(iso: "2026-12-31")!,
                         policy: Policy(), calendar: [], schools: ss)
        return DistrictResult(district: d, plans: [], lessons: [], months: rows, shortfalls: shorts, seconds: 0, jobs: 1)
    }

    let noExtras = PolicyExtras(details: LessonDetailsPlan(details: [], roomShorts: [], areaShorts: [], optimal: true),
                                duty: nil, training: [], missingLectures: [])

    func testAtMostFifteenLinesWorstFirstThenAndNMore() {
        let r = result(schools: 7)
        let lines = SolveSummary.lines(r, extras: noExtras, out: "out", files: ["schedule.csv", "report.md"], language: .both)
        XCTAssertLessThanOrEqual(lines.count, 15, lines.joined(separator: "\n"))
        let schoolLines = lines.filter { $0.hasPrefix("  S") }
        XCTAssertEqual(schoolLines.count, SolveSummary.schoolsShown)
        // S02…S07 miss 2 a class-month, S01 misses 1: S01 is last, beyond the five shown.
        XCTAssertEqual(schoolLines.map { String($0.dropFirst(2).prefix(3)) }, ["S02", "S03", "S04", "S05", "S06"])
        XCTAssertTrue(lines.contains("  … and 2 more / ……另有 2 所"), lines.joined(separator: "\n"))
        // 60 class-months for want of a junior teacher: one count, not 60 lines.
        XCTAssertTrue(schoolLines[0].contains("no psychology teacher of the stage 120"), schoolLines[0])
        XCTAssertTrue(schoolLines[0].contains("缺 120 节（60 个班级-月份）"), schoolLines[0])
        XCTAssertEqual(lines.last, "Files in out/: schedule.csv, report.md / 文件：out/ — schedule.csv, report.md")
    }

    func testOneLanguage() {
        let r = result(schools: 1)
        let zh = SolveSummary.lines(r, extras: noExtras, out: "out", files: ["report.md"], language: .zh)
        XCTAssertEqual(zh.first, "已排 0 节；1 所学校 60 个班级-月份共缺 60 节。")
        XCTAssertFalse(zh.joined().contains("short"), zh.joined(separator: "\n"))
        let en = SolveSummary.lines(r, extras: noExtras, out: "out", files: ["report.md"], language: .en)
        XCTAssertEqual(en.first, "0 lessons placed; 60 lesson(s) short in 60 class-month(s) at 1 school(s).")
        XCTAssertFalse(en.joined().contains("已排") || en.joined().contains("缺 "), en.joined(separator: "\n"))
    }

    func testDistrictAdviceIsCutToALineAndSplitByLanguage() {
        let advice = "小学：增加1名专职心理教师" + String(repeating: "、周一第3节", count: 30) + " / primary: one more full-time teacher" + String(repeating: ", Mon p3", count: 30)
        let en = DistrictSummary.adviceText(advice, .en)
        XCTAssertTrue(en.hasPrefix("primary: one more"), en)
        XCTAssertLessThanOrEqual(DisplayWidth.of(en), 90)
        XCTAssertTrue(en.hasSuffix("…"))
        let zh = DistrictSummary.adviceText(advice, .zh)
        XCTAssertTrue(zh.hasPrefix("小学："), zh)
        XCTAssertLessThanOrEqual(DisplayWidth.of(zh), 90)
        XCTAssertEqual(DistrictSummary.adviceText("再配1名 / add 1", .both), "add 1 / 再配1名")
    }
}
