import Foundation
import XCTest
import XinyuCore
@testable import XinyuImport
import XinyuPack

/// The importers on small hand-made files, one feature at a time.
final class FixtureImportTests: XCTestCase {
    // MARK: FET

    /// Durations, groups and subgroups, a year-wide lesson, several teachers, skipped activities,
    /// a clash and a renamed teacher id, from a solved *_data_and_timetable.fet.
    func testFETSolvedTimetable() throws {
        let result = try Importer.run(.fet, files: [Paths.fixture("fet/school_data_and_timetable.fet")], options: ImportOptions())
        let pack = try writeAndLoad(result)
        let school = try XCTUnwrap(pack.district.schools.first)
        XCTAssertEqual(school.id, "school")
        XCTAssertEqual(school.name, "示例中学")
        XCTAssertEqual(school.daysPerWeek, 5)
        XCTAssertEqual(school.periodsPerDay, 4)
        // Activity 1 (duration 2) fills periods 1–2; activity 8 clashes with it and is merged.
        // Activity 2 is for the year "Grade 7": both its groups, with two teachers.
        XCTAssertEqual(rowText(school, "7A"), ["1-1 all 语文/历史 T1;T3", "1-2 all 语文 T1", "2-1 all 物理 T2;T3"])
        // 7B: the year lesson; two subgroups at one time are one row; a lesson for both subgroups.
        XCTAssertEqual(rowText(school, "7B"), ["2-1 all 物理 T2;T3", "3-1 all 英语/美术 T1;T2", "4-1 all 数学 T2"])
        // A year without groups is a class; the teacher "Li, Na" loses its comma (reported).
        XCTAssertEqual(rowText(school, "10"), ["5-2 all 班会 Li， Na"])
        XCTAssertEqual(result.report.renamed, ["teacher \"Li, Na\" → \"Li， Na\""])
        // Stages from the names: 7A/7B junior grade 7, "10" senior grade 10.
        XCTAssertEqual(school.classes.map { "\($0.id):\($0.stage.rawValue):\($0.grade):\($0.students ?? 0)" },
                       ["7A:junior:7:30", "7B:junior:7:30", "10:senior:10:40"])
        XCTAssertEqual(school.stages, [.junior, .senior])
        // Every teacher of the file is in teachers.csv, busy or not.
        XCTAssertEqual(school.teachers.map(\.id), ["T1", "T2", "T3", "Li， Na", "T9"])
        // Skipped, each with its reason.
        XCTAssertEqual(result.report.skipped.map { "\($0.item): \($0.reason.rawValue)" },
                       ["activity 5: inactive", "activity 6: no time", "activity 7: outside the grid", "activity 10: no class"])
        XCTAssertEqual(result.report.clashes.count, 1)
        XCTAssertTrue(result.report.clashes[0].contains("activity 1, activity 8"), result.report.clashes[0])
        XCTAssertEqual(result.report.lessonPeriods, 7)
        XCTAssertEqual(result.report.itemsPlaced, 7)
    }

    /// An input .fet with FET's *_activities.xml gives the same timetable as the solved file.
    func testFETInputWithActivitiesXML() throws {
        let solved = try Importer.run(.fet, files: [Paths.fixture("fet/school_data_and_timetable.fet")], options: ImportOptions())
        let input = try Importer.run(.fet, files: [Paths.fixture("fet/school.fet"), Paths.fixture("fet/school_activities.xml")],
                                     options: ImportOptions())
        XCTAssertEqual(input.district.schools[0].timetable, solved.district.schools[0].timetable)
        XCTAssertEqual(input.district.schools[0].classes, solved.district.schools[0].classes)
    }

    /// An input .fet alone has no times: refused with a message saying what to give.
    func testFETWithoutTimesIsRefused() throws {
        let error = try XCTUnwrap(importError(.fet, [Paths.fixture("fet/school.fet")]))
        XCTAssertEqual(error.kind, .invalidInput)
        XCTAssertTrue(error.message.contains("school.fet") && error.message.contains("_activities.xml"), error.message)
    }

    /// A reference to an unknown students set names the file, the line and the activity.
    func testFETUnknownReference() throws {
        let path = Paths.fixture("fet/unknown-students.fet")
        let error = try XCTUnwrap(importError(.fet, [path]))
        XCTAssertEqual(error.kind, .invalidInput)
        XCTAssertTrue(error.message.hasPrefix(path + ":"), error.message)
        XCTAssertTrue(error.message.contains("activity 9: unknown students set \"11X\""), error.message)
    }

    /// A truncated file, a file that is not XML and an XML file of another kind: clear errors.
    func testBadFiles() throws {
        let dir = Paths.temporary()
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("fet/school_data_and_timetable.fet")))
        let truncated = dir + "/truncated.fet"
        try data.prefix(data.count * 2 / 3).write(to: URL(fileURLWithPath: truncated))
        let e1 = try XCTUnwrap(importError(.fet, [truncated]))
        XCTAssertEqual(e1.kind, .invalidInput)
        XCTAssertTrue(e1.message.hasPrefix(truncated + ":") && e1.message.contains("not well-formed XML"), e1.message)

        let text = dir + "/notes.fet"
        try Data("班级,星期\n7A,1\n".utf8).write(to: URL(fileURLWithPath: text))
        let e2 = try XCTUnwrap(importError(.fet, [text]))
        XCTAssertEqual(e2.kind, .invalidInput)
        XCTAssertTrue(e2.message.contains("not an XML file"), e2.message)

        let foreign = dir + "/foreign.xml"
        try Data("<?xml version=\"1.0\"?>\n<plist><dict/></plist>\n".utf8).write(to: URL(fileURLWithPath: foreign))
        let e3 = try XCTUnwrap(importError(.xhstt, [foreign]))
        XCTAssertTrue(e3.message.contains("root element <plist>") && e3.message.contains(foreign + ":2"), e3.message)
        let e4 = try XCTUnwrap(importError(.fet, [foreign]))
        XCTAssertTrue(e4.message.contains("root element <plist>"), e4.message)

        let xhsttTruncated = dir + "/cut.xml"
        let x = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("xhstt/twoweek.xml")))
        try x.prefix(x.count / 2).write(to: URL(fileURLWithPath: xhsttTruncated))
        let e5 = try XCTUnwrap(importError(.xhstt, [xhsttTruncated]))
        XCTAssertTrue(e5.message.hasPrefix(xhsttTruncated + ":") && e5.message.contains("not well-formed"), e5.message)
    }

    // MARK: XHSTT

    /// A two-week cycle: weeks A/B become odd/even rows, the same lesson in both weeks one `all`
    /// row; a split event, an open teacher role filled by the solution, a resource group, a
    /// preassigned time, an untimed event, an event past the end of the day, a teacher clash.
    func testXHSTTTwoWeekCycle() throws {
        var options = ImportOptions()
        options.addPsych = [PsychAssignment(teacher: "心理老师", role: .full)]
        let result = try Importer.run(.xhstt, files: [Paths.fixture("xhstt/twoweek.xml")], options: options)
        let pack = try writeAndLoad(result)
        let school = pack.district.schools[0]
        XCTAssertEqual(school.daysPerWeek, 2)
        XCTAssertEqual(school.periodsPerDay, 3)
        XCTAssertEqual(rowText(school, "7A"), [
            "1-1 all 数学 T1",       // E1 split into week A and week B at the same time
            "1-3 even 集会 T2",      // E6: every class of the group, preassigned time in week B
            "2-1 odd 语文 T2",       // E2, duration 2 in week A
            "2-1 even 英语 T2",      // E3, teacher assigned by the solution
            "2-2 odd 语文 T2",
        ])
        XCTAssertEqual(rowText(school, "8B"), ["1-1 odd 历史 T1", "1-3 even 集会 T2"])
        XCTAssertEqual(result.report.skipped.map { "\($0.item): \($0.reason.rawValue)" },
                       ["event E5: outside the grid", "event E4: no time"])
        XCTAssertEqual(result.report.clashes.count, 1)
        XCTAssertTrue(result.report.clashes[0].hasPrefix("teacher T1") && result.report.clashes[0].contains("(week A)"), result.report.clashes[0])
        XCTAssertEqual(school.teachers.map { "\($0.id)=\($0.name)" }, ["T1=张伟", "T2=李娜", "心理老师=心理老师"])
        XCTAssertEqual(busyPeriods(school, twoWeek: true), ["7A": 6, "8B": 2])
        XCTAssertEqual(result.report.lessonPeriods, 8)

        // A solve on the two-week cycle keeps every rule.
        _ = solveAndVerify(pack.district)
    }

    /// --solution picks a solution by number or id; events it leaves untimed are reported.
    func testXHSTTSolutionChoice() throws {
        var options = ImportOptions()
        options.solution = "empty"
        let byID = try Importer.run(.xhstt, files: [Paths.fixture("xhstt/twoweek.xml")], options: options)
        options.solution = "1"
        let byNumber = try Importer.run(.xhstt, files: [Paths.fixture("xhstt/twoweek.xml")], options: options)
        XCTAssertEqual(byID.district, byNumber.district)
        // Only E6 has a (preassigned) time.
        XCTAssertEqual(byID.district.schools[0].timetable.count, 2)
        XCTAssertEqual(byID.report.skipped.filter { $0.reason == .noTime }.count, 6)
        options.solution = "9"
        let error = try XCTUnwrap(importError(.xhstt, [Paths.fixture("xhstt/twoweek.xml")], options))
        XCTAssertEqual(error.kind, .usage)
        XCTAssertTrue(error.message.contains("1 = empty, 2 = final"), error.message)
    }

    /// Individual Student resources: students with the same timetable are one class.
    func testXHSTTStudentsGroupedIntoClasses() throws {
        var options = ImportOptions()
        options.stage = .senior
        let result = try Importer.run(.xhstt, files: [Paths.fixture("xhstt/students.xml")], options: options)
        let school = try writeAndLoad(result).district.schools[0]
        XCTAssertEqual(school.classes.map { "\($0.id):\($0.students ?? 0)" }, ["St1+1:2", "St3:1"])
        XCTAssertEqual(rowText(school, "St1+1"), ["1-1 all Maths T1", "1-2 all Art T1"])
        XCTAssertEqual(rowText(school, "St3"), ["1-1 all Maths T1", "1-2 all Music T2"])
        XCTAssertTrue(result.report.notes.contains { $0.contains("4 Student resources form 2 groups") && $0.contains("1 students with no timed event") },
                      result.report.notes.joined(separator: "\n"))
    }

    /// Class names without a grade need --stage.
    func testStageRequiredWhenNamesDoNotSay() throws {
        let error = try XCTUnwrap(importError(.xhstt, [Paths.fixture("xhstt/students.xml")]))
        XCTAssertEqual(error.kind, .usage)
        XCTAssertTrue(error.message.contains("--stage"), error.message)
    }

    // MARK: Grid

    /// A GB18030 grid with one block per class: encoding detected, 语文(张伟) and 数学（李娜）,
    /// a teacher on a second line, a break row skipped, 第三节, several teachers, stages from names.
    func testGridGB18030Blocks() throws {
        let path = Paths.fixture("grid/blocks-gb18030.csv")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertNil(String(data: data, encoding: .utf8), "the fixture must not be valid UTF-8")
        XCTAssertEqual(TextDecoding.decode(data)?.encoding, .gb18030)
        let result = try Importer.run(.grid, files: [path], options: ImportOptions())
        let school = try writeAndLoad(result).district.schools[0]
        XCTAssertEqual(school.classes.map { "\($0.id):\($0.stage.rawValue):\($0.grade)" }, ["高一(3)班:senior:10", "初二3班:junior:8"])
        XCTAssertEqual(school.daysPerWeek, 5)
        XCTAssertEqual(school.periodsPerDay, 3)
        XCTAssertEqual(rowText(school, "高一(3)班"), [
            "1-1 all 语文 张伟", "1-2 all 数学 李娜", "1-3 all 英语 ",
            "2-1 all 数学 李娜", "2-2 all 语文 张伟",
            "3-1 all 英语 ", "3-2 all 班会 王芳",
            "4-1 all 物理 ", "4-2 all 体育 ", "4-3 all 美术 ",
            "5-1 all 化学 ", "5-3 all 音乐 ",
        ])
        XCTAssertEqual(rowText(school, "初二3班"), ["1-1 all 语文 赵敏", "2-1 all 数学 钱;孙", "3-1 all 班会 赵敏", "5-2 all 自习 "])
        XCTAssertTrue(result.report.notes.contains { $0.contains("GB18030") })
    }

    /// The long form in UTF-8 with a BOM: English weekday names, odd/even weeks, a clash.
    func testGridLongForm() throws {
        let result = try Importer.run(.grid, files: [Paths.fixture("grid/long.csv")], options: ImportOptions())
        let school = try writeAndLoad(result).district.schools[0]
        XCTAssertEqual(rowText(school, "7A"), [
            "1-1 all 语文 张伟", "1-2 all 数学 李娜;王芳", "2-1 odd 科学 钱", "2-1 even 地方课程 孙", "3-3 all 英语/体育 赵敏;周杰",
        ])
        XCTAssertEqual(rowText(school, "8B"), ["5-4 all 班会 张伟"])
        XCTAssertEqual(result.report.clashes.count, 1)
        XCTAssertTrue(result.report.clashes[0].contains("long.csv line 6, long.csv line 7"), result.report.clashes[0])
    }

    /// An XLSX workbook: every sheet is read like a CSV file (shared and inline strings, a
    /// subject and teacher on two lines of a cell, English headers on the second sheet).
    func testGridXLSX() throws {
        let result = try Importer.run(.grid, files: [Paths.fixture("grid/timetable.xlsx")], options: ImportOptions())
        let school = try writeAndLoad(result).district.schools[0]
        XCTAssertEqual(school.classes.map { "\($0.id):\($0.stage.rawValue):\($0.grade)" }, ["初一(1)班:junior:7", "Grade 8 A:junior:8"])
        XCTAssertEqual(rowText(school, "初一(1)班"), ["1-1 all 语文 张伟", "1-2 all 数学 李娜", "2-1 all 数学 ", "3-1 all 班会 ", "4-1 all 英语 ", "5-2 all 体育 王芳"])
        XCTAssertEqual(rowText(school, "Grade 8 A"), ["1-1 all English Smith", "5-1 all Maths Jones"])
        // A damaged workbook is an error naming the file.
        let dir = Paths.temporary()
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("grid/timetable.xlsx")))
        let cut = dir + "/cut.xlsx"
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        let error = try XCTUnwrap(importError(.grid, [cut]))
        XCTAssertEqual(error.kind, .invalidInput)
        XCTAssertTrue(error.message.hasPrefix(cut), error.message)
    }

    /// A grid that is neither layout, and an unclosed quote, are errors naming the file.
    func testGridBadFiles() throws {
        let dir = Paths.temporary()
        let odd = dir + "/odd.csv"
        try Data("a,b,c\n1,2,3\n".utf8).write(to: URL(fileURLWithPath: odd))
        let e1 = try XCTUnwrap(importError(.grid, [odd]))
        XCTAssertEqual(e1.kind, .invalidInput)
        XCTAssertTrue(e1.message.hasPrefix(odd) && e1.message.contains("周一"), e1.message)
        let cut = dir + "/cut.csv"
        try Data("class,weekday,period,subject\n7A,1,1,\"语文\n".utf8).write(to: URL(fileURLWithPath: cut))
        let e2 = try XCTUnwrap(importError(.grid, [cut]))
        XCTAssertTrue(e2.message.hasPrefix(cut + ":2") && e2.message.contains("never closed"), e2.message)
    }

    // MARK: Shared helpers

    func testStageDetection() {
        let cases: [(String, Stage?, Int?)] = [
            ("高一(3)班", .senior, 10), ("高3-1", .senior, 12), ("初二3班", .junior, 8), ("初一(2)班", .junior, 7),
            ("七年级2班", .junior, 7), ("小学三年级1班", .primary, 3), ("3年级1班", .primary, 3),
            ("7A", .junior, 7), ("10-2", .senior, 10), ("6.1", .primary, 6), ("Grade 11 B", .senior, 11), ("G8", .junior, 8),
            ("S1", nil, nil), ("C1A", nil, nil), ("Form 1", nil, nil), ("2023级1班", nil, nil), ("13A", nil, nil),
        ]
        for (name, stage, grade) in cases {
            let found = StageDetection.detect(name)
            XCTAssertEqual(found?.stage, stage, name)
            XCTAssertEqual(found?.grade, grade, name)
        }
    }

    func testIDMapper() {
        var ids = IDMapper(kind: "class")
        XCTAssertEqual(ids.id("7A"), "7A")
        XCTAssertEqual(ids.id("a;b"), "a；b")
        XCTAssertEqual(ids.id("x\ty"), "x y")
        XCTAssertEqual(ids.id("x y"), "x y~2")
        XCTAssertEqual(ids.id("a;b"), "a；b")
        XCTAssertEqual(ids.changes, ["class \"a;b\" → \"a；b\"", "class \"x\\ty\" → \"x y\"", "class \"x y\" → \"x y~2\""])
    }

    func testCellParsing() {
        func one(_ t: String) -> CellLesson? { GridCell.lessons(t)?.first }
        XCTAssertEqual(one("语文")?.subject, "语文")
        XCTAssertEqual(one("语文(张伟)")?.teachers, ["张伟"])
        XCTAssertEqual(one("语文（张伟、李娜）")?.teachers, ["张伟", "李娜"])
        XCTAssertEqual(one("物理\n王芳")?.teachers, ["王芳"])
        XCTAssertEqual(one("数学 张三"), CellLesson(subject: "数学", teachers: ["张三"], week: 0))
        XCTAssertEqual(one("张三：语文"), CellLesson(subject: "语文", teachers: ["张三"], week: 0))
        XCTAssertEqual(one("语文:张三"), CellLesson(subject: "语文", teachers: ["张三"], week: 0))
        XCTAssertTrue(GridCell.ambiguous(one("张三：李四")!))
        XCTAssertNil(GridCell.lessons(" — "))
        let weeks: [String: [CellLesson]] = [
            "体育/音乐": [.init(subject: "体育", teachers: [], week: 1), .init(subject: "音乐", teachers: [], week: 2)],
            "单周体育 双周音乐": [.init(subject: "体育", teachers: [], week: 1), .init(subject: "音乐", teachers: [], week: 2)],
            "音乐(双)/体育(单)": [.init(subject: "体育", teachers: [], week: 1), .init(subject: "音乐", teachers: [], week: 2)],
            "体育/音乐\n王五/李四": [.init(subject: "体育", teachers: ["王五"], week: 1), .init(subject: "音乐", teachers: ["李四"], week: 2)],
            "物理(张伟/李娜)": [.init(subject: "物理", teachers: ["张伟", "李娜"], week: 0)],
        ]
        for (text, expected) in weeks { XCTAssertEqual(GridCell.lessons(text), expected, text) }
        XCTAssertEqual(GridCell.lessons("语文/张三"), [.init(subject: "语文", teachers: ["张三"], week: 0)])
        XCTAssertEqual(GridCell.lessons("语  文 张三"), [.init(subject: "语文", teachers: ["张三"], week: 0)])
        XCTAssertEqual(GridCell.lessons("体 育"), [.init(subject: "体育", teachers: [], week: 0)])
        XCTAssertEqual(GridCell.lessons("语文(单)"), [.init(subject: "语文", teachers: [], week: 1)])
        XCTAssertEqual(GridCell.lessons("双周音乐"), [.init(subject: "音乐", teachers: [], week: 2)])
        XCTAssertEqual(GridCell.lessons("体育(单周) 音乐(双周)"), [.init(subject: "体育", teachers: [], week: 1), .init(subject: "音乐", teachers: [], week: 2)])
        XCTAssertEqual(StageDetection.detect("一（1）班")?.grade, 1)
        XCTAssertEqual(StageDetection.detect("七(2)班")?.stage, .junior)
        XCTAssertEqual(GridLabels.weekday("星期日"), 7)
        XCTAssertEqual(GridLabels.weekday("Tues."), 2)
        XCTAssertEqual(GridLabels.period("第十节")?.number, 10)
        XCTAssertEqual(GridLabels.period("第4节 10:50-11:30")?.number, 4)
        XCTAssertEqual(GridLabels.period("第4节 10:50-11:30")?.time, "10:50-11:30")
        XCTAssertEqual(GridLabels.period("一")?.number, 1)
        XCTAssertNil(GridLabels.period("午休"))
        for t in ["8:00-8:40", "8:00～8:40", "8:00—8:40", "8:00–8:40", "8:00~8:40", "８：００－８：４０"] {
            XCTAssertEqual(GridLabels.timeRange(t), "08:00-08:40", t)
        }
        XCTAssertEqual(GridLabels.info("班级：一年级(1)班        班主任：王五"), ["班级": "一年级(1)班", "班主任": "王五"])
        XCTAssertEqual(GridLabels.classNames(in: "吉林市XX小学一年级（1）班课程表"), ["一年级（1）班"])
        XCTAssertEqual(GridLabels.schoolName(in: "吉林市XX小学2026年秋季学期课程表"), "吉林市XX小学")
        XCTAssertEqual(GridLabels.classNames(in: "2026年秋季学期一年级一班课程表"), ["一年级一班"])
        XCTAssertEqual(GridLabels.classNames(in: "初二三班课表"), ["初二三班"])
        XCTAssertEqual(GridLabels.classNames(in: "高一(3)班"), ["高一(3)班"])
        XCTAssertEqual(StageDetection.detect("初二三班")?.grade, 8)
        XCTAssertEqual(StageDetection.detect("初中一年级(2)班")?.grade, 7)
        XCTAssertEqual(StageDetection.detect("高中二年级3班")?.grade, 11)
    }

    // MARK: Pack options

    /// Term flags, calendar, policy flags, psychology teachers, and the written files.
    func testPackOptionsAndWriting() throws {
        var options = ImportOptions()
        options.termStart = CivilDate(iso: "2026-03-02")
        options.termEnd = CivilDate(iso: "2026-07-10")
        options.displaceable = try ImportOptions.parseDisplaceable("班会=3，自习=2")
        options.freePeriods = false
        options.psych = [try PsychAssignment.parse("赵敏=part:junior")]
        options.addPsych = [try PsychAssignment.parse("心理陈老师=full:junior;senior")]
        let result = try Importer.run(.grid, files: [Paths.fixture("grid/blocks-gb18030.csv")], options: options)
        XCTAssertFalse(result.termIsDefault)
        let district = try writeAndLoad(result).district
        XCTAssertEqual(district.termStart.iso, "2026-03-02")
        XCTAssertEqual(district.policy.displaceable, ["班会": 3, "自习": 2])
        XCTAssertFalse(district.policy.useFreePeriods)
        XCTAssertEqual(district.policy.lessonsPerMonth, 2)
        XCTAssertEqual(district.policy.maxPerWeek, 1)
        XCTAssertTrue(district.policy.sameTeacher)
        // Spring 2026: 清明, 劳动节 with the 05-09 make-up day (Tuesday's timetable), 端午.
        XCTAssertEqual(district.calendar.filter { $0.kind == .makeup }.map { "\($0.date.iso):\($0.followsWeekday ?? 0)" }, ["2026-05-09:2"])
        XCTAssertEqual(district.calendar.filter { $0.kind == .holiday }.count, 3 + 5 + 3)
        let teachers = district.schools[0].teachers
        XCTAssertEqual(teachers.first { $0.id == "赵敏" }?.psych, .part)
        XCTAssertEqual(teachers.first { $0.id == "赵敏" }?.stages, [.junior])
        XCTAssertEqual(teachers.first { $0.id == "心理陈老师" }?.stages, [.junior, .senior])

        // Unknown --psych teacher, an --add-psych that exists, one term date only: usage errors.
        var bad = ImportOptions()
        bad.psych = [PsychAssignment(teacher: "无此人", role: .full)]
        XCTAssertEqual(importError(.grid, [Paths.fixture("grid/long.csv")], bad)?.kind, .usage)
        bad = ImportOptions()
        bad.addPsych = [PsychAssignment(teacher: "张伟", role: .full)]
        XCTAssertEqual(importError(.grid, [Paths.fixture("grid/long.csv")], bad)?.kind, .usage)
        bad = ImportOptions()
        bad.termStart = CivilDate(iso: "2026-09-01")
        XCTAssertEqual(importError(.grid, [Paths.fixture("grid/long.csv")], bad)?.kind, .usage)
        XCTAssertThrowsError(try PsychAssignment.parse("张伟=boss"))
        XCTAssertThrowsError(try ImportOptions.parseDisplaceable("班会"))
    }

    /// The default term is marked in district.toml; an existing pack is replaced only with force.
    func testDefaultTermAndOverwrite() throws {
        let result = try Importer.run(.grid, files: [Paths.fixture("grid/long.csv")], options: ImportOptions())
        XCTAssertTrue(result.termIsDefault)
        let out = Paths.temporary() + "/pack"
        try PackAssembly.write(result, to: out, force: false)
        let toml = try String(contentsOfFile: out + "/district.toml", encoding: .utf8)
        XCTAssertTrue(toml.contains("DEFAULT TERM"), toml)
        XCTAssertTrue(toml.contains("start = 2026-09-01"))
        let calendar = try String(contentsOfFile: out + "/calendar.csv", encoding: .utf8)
        XCTAssertTrue(calendar.contains("2026-10-01,holiday,,国庆节"))
        XCTAssertTrue(calendar.contains("2026-09-20,makeup,3,"))
        XCTAssertNoThrow(try PackReader.load(path: out))

        XCTAssertThrowsError(try PackAssembly.write(result, to: out, force: false)) { error in
            XCTAssertEqual((error as? ImportError)?.kind, .usage)
        }
        try PackAssembly.write(result, to: out, force: true)
        XCTAssertNoThrow(try PackReader.load(path: out))
        // A folder that is not a pack is never replaced, even with force.
        let other = Paths.temporary()
        try Data("x".utf8).write(to: URL(fileURLWithPath: other + "/keep.txt"))
        XCTAssertThrowsError(try PackAssembly.write(result, to: other, force: true))
        XCTAssertTrue(FileManager.default.fileExists(atPath: other + "/keep.txt"))
    }

    /// The FET fixture with a psychology teacher solves, and the verifier agrees.
    func testFETFixtureSolves() throws {
        var options = ImportOptions()
        options.addPsych = [PsychAssignment(teacher: "心理老师", role: .full)]
        options.freePeriods = true
        let result = try Importer.run(.fet, files: [Paths.fixture("fet/school_data_and_timetable.fet")], options: options)
        let solved = solveAndVerify(try writeAndLoad(result).district)
        XCTAssertFalse(solved.lessons.isEmpty)
    }
}
