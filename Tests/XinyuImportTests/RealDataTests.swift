import Foundation
import XCTest
import XinyuCore
@testable import XinyuImport
import XinyuPack

/// The importers on the real files in ../shared/data (skipped when that folder is absent): the
/// lesson-periods of each class equal what the source's own solved timetable shows, the packs
/// validate, and with a psychology teacher added a solve keeps every rule.
final class RealDataTests: XCTestCase {
    // MARK: FET

    /// Busy (day, hour) per class from FET's own CSV export of the solved timetable
    /// (`*_timetable.csv`: one line per activity and hour), students sets expanded to their groups
    /// (a year → its groups, or itself without groups; a subgroup → its group).
    func fetExpected(_ name: String) throws -> [String: Int] {
        let fet = try XMLTree.load(try Paths.shared("fet/\(name).fet"))
        var classesOf: [String: Set<String>] = [:]
        for year in fet.child("Students_List")!.all("Year") {
            let y = year.value("Name")!
            if year.all("Group").isEmpty { classesOf[y, default: []].insert(y) }
            for group in year.all("Group") {
                let g = group.value("Name")!
                classesOf[g, default: []].insert(g)
                classesOf[y, default: []].insert(g)
                for sub in group.all("Subgroup") { classesOf[sub.value("Name")!, default: []].insert(g) }
            }
        }
        let csvPath = try Paths.shared("fet/\(name)-solved/csv/\(name)_timetable.csv")
        let text = try XCTUnwrap(TextDecoding.decode(try Data(contentsOf: URL(fileURLWithPath: csvPath)))?.text)
        let rows = try CSVParse.parse(text)
        XCTAssertEqual(rows[0][0...3], ["Activity Id", "Day", "Hour", "Students Sets"])
        var busy: [String: Set<String>] = [:]
        for row in rows.dropFirst() where row.count > 3 && !row[3].isEmpty {
            for set in row[3].split(separator: "+") {
                for c in try XCTUnwrap(classesOf[String(set)], String(set)) { busy[c, default: []].insert(row[1] + "|" + row[2]) }
            }
        }
        return busy.mapValues(\.count)
    }

    func checkFET(_ name: String, stage: Stage?, expectedTotal: Int, skippedActive: Int) throws {
        let expected = try fetExpected(name)
        var options = ImportOptions()
        options.stage = stage
        options.addPsych = [PsychAssignment(teacher: "心理教师", role: .full)]
        options.freePeriods = true
        let solvedFile = try Paths.shared("fet/\(name)-solved/\(name)_data_and_timetable.fet")
        let result = try Importer.run(.fet, files: [solvedFile], options: options)
        let pack = try writeAndLoad(result)
        let school = pack.district.schools[0]
        XCTAssertEqual(busyPeriods(school), expected)
        XCTAssertEqual(expected.values.reduce(0, +), expectedTotal)
        XCTAssertEqual(result.report.lessonPeriods, expectedTotal)
        XCTAssertEqual(result.report.clashes, [])
        // Every activity is placed or skipped with a reason.
        let activities = try XMLTree.load(solvedFile).child("Activities_List")!.all("Activity").count
        XCTAssertEqual(result.report.itemsPlaced + result.report.skipped.count, activities)
        XCTAssertEqual(result.report.skipped.filter { $0.reason != .inactive && $0.reason != .noClass }.count, 0)
        XCTAssertEqual(result.report.skipped.filter { $0.reason == .noClass }.count, skippedActive)

        // The input .fet with FET's activities.xml gives the same timetable.
        let viaInput = try Importer.run(.fet, files: [try Paths.shared("fet/\(name).fet"),
                                                     try Paths.shared("fet/\(name)-solved/\(name)_activities.xml")], options: options)
        XCTAssertEqual(viaInput.district.schools[0].timetable, result.district.schools[0].timetable)

        let solved = solveAndVerify(pack.district)
        XCTAssertFalse(solved.lessons.isEmpty)
        print("\(name): \(school.classes.count) classes, \(expectedTotal) lesson-periods, \(school.timetable.count) rows, \(result.report.skipped.count) skipped; solve placed \(solved.lessons.count) lessons, shortfall \(solved.shortfall)")
    }

    /// 6 days × 5 hours, 9 classes (6A … 9C), 230 activities, total duration 257.
    func testFETVietNamHungYen() throws {
        try checkFET("VietNamHungYen", stage: nil, expectedTotal: 257, skippedActive: 0)
    }

    /// 5 days × 8 hours, 26 groups with subgroups; 989 active activities of which 225 have no
    /// students (not class lessons); class names (C1A …) give no grade, so --stage senior.
    func testFETSacredHeartCollege() throws {
        try checkFET("shc-2013", stage: .senior, expectedTotal: 846, skippedActive: 225)
    }

    // MARK: XHSTT

    /// Busy (time) per Class resource from the chosen solution, read directly: each solution
    /// event's Class resources (preassigned on the event) over `duration` consecutive Times.
    func xhsttExpected(_ path: String, solution: Int) throws -> [String: Int] {
        let root = try XMLTree.load(path)
        let instance = root.child("Instances")!.child("Instance")!
        let times = instance.child("Times")!.all("Time").map { $0.attributes["Id"]! }
        let classes = Set(instance.child("Resources")!.all("Resource").filter {
            $0.child("ResourceType")?.attributes["Reference"] == "Class"
        }.map { $0.attributes["Id"]! })
        var eventClasses: [String: (Int, [String])] = [:]
        for e in instance.child("Events")!.all("Event") {
            let refs = e.child("Resources")?.all("Resource").compactMap { $0.attributes["Reference"] }.filter(classes.contains) ?? []
            eventClasses[e.attributes["Id"]!] = (Int(e.value("Duration")!)!, refs)
        }
        let chosen = root.child("SolutionGroups")!.all("SolutionGroup")[solution - 1].child("Solution")!
        var busy: [String: Set<Int>] = [:]
        for s in chosen.child("Events")!.all("Event") {
            let (duration, refs) = eventClasses[s.attributes["Reference"]!]!
            let d = s.value("Duration").flatMap { Int($0) } ?? duration
            guard let t = s.child("Time")?.attributes["Reference"], let start = times.firstIndex(of: t) else { continue }
            for c in refs { for k in 0..<d { busy[c, default: []].insert(start + k) } }
        }
        return busy.mapValues(\.count)
    }

    func checkXHSTT(_ name: String, expectedTotal: Int) throws {
        let path = try Paths.shared("xhstt/\(name).xml")
        for solution in [1, 2] {
            let expected = try xhsttExpected(path, solution: solution)
            var options = ImportOptions()
            options.stage = .senior
            options.solution = String(solution)
            options.addPsych = [PsychAssignment(teacher: "心理教师", role: .full)]
            options.freePeriods = true
            let result = try Importer.run(.xhstt, files: [path], options: options)
            let pack = try writeAndLoad(result)
            let school = pack.district.schools[0]
            XCTAssertEqual(busyPeriods(school), expected, "solution \(solution)")
            XCTAssertEqual(expected.values.reduce(0, +), expectedTotal)
            XCTAssertEqual(result.report.skipped, [])
            XCTAssertEqual(result.report.clashes, [])
            if solution == 2 {
                let solved = solveAndVerify(pack.district)
                print("\(name): \(school.classes.count) classes, \(expectedTotal) lesson-periods, \(school.timetable.count) rows; solve placed \(solved.lessons.count) lessons, shortfall \(solved.shortfall)")
            }
        }
    }

    /// 5 × 5 times, 6 classes busy at every time: 150 lesson-periods. No free period and no
    /// displaceable subject, so the solve places nothing — and says so (shortfall, no violation).
    func testXHSTTBrazilInstance2() throws {
        try checkXHSTT("BrazilInstance2", expectedTotal: 150)
    }

    /// 5 × 7 times, 10 classes, 297 lesson-periods (53 free class-times).
    func testXHSTTFinlandHighSchool() throws {
        try checkXHSTT("FinlandHighSchool", expectedTotal: 297)
    }
}
