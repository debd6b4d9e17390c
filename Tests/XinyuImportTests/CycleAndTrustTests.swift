import Foundation
import XCTest
@testable import XinyuImport
import XinyuPack

/// FET and XHSTT cycles of two weeks of days without Week groups, six-day weeks, and imports that
/// would write a pack `validate` rejects (issue 17 item 10).
final class CycleAndTrustTests: XCTestCase {
    let dir = Paths.temporary()

    /// A small XHSTT archive: one class 7A, teacher T1, `days` days of `periods` times (no Week
    /// groups), one event per lesson timed by the solution.
    func xhstt(days: Int, periods: Int, lessons: [(Int, Int, String)], extraResource: String = "") -> String {
        var times = "", groups = ""
        for d in 1...days {
            groups += "<Day Id=\"D\(d)\"><Name>D\(d)</Name></Day>"
            for p in 1...periods { times += "<Time Id=\"t\(d)_\(p)\"><Name>t</Name><Day Reference=\"D\(d)\"/></Time>\n" }
        }
        var courses = "", events = "", placed = ""
        for (i, l) in lessons.enumerated() {
            courses += "<Course Id=\"c\(i)\"><Name>\(l.2)</Name></Course>"
            events += "<Event Id=\"E\(i)\"><Name>E\(i)</Name><Duration>1</Duration><Course Reference=\"c\(i)\"/><Resources><Resource Reference=\"7A\"/><Resource Reference=\"T1\"/></Resources></Event>\n"
            placed += "<Event Reference=\"E\(i)\"><Duration>1</Duration><Time Reference=\"t\(l.0)_\(l.1)\"/></Event>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <HighSchoolTimetableArchive Id="x"><Instances><Instance Id="I">
            <MetaData><Name>测试学校</Name></MetaData>
            <Times><TimeGroups>\(groups)</TimeGroups>
            \(times)</Times>
            <Resources><ResourceTypes><ResourceType Id="Class"><Name>Class</Name></ResourceType><ResourceType Id="Teacher"><Name>Teacher</Name></ResourceType></ResourceTypes>
            <Resource Id="7A"><Name>7A</Name><ResourceType Reference="Class"/></Resource>
            <Resource Id="T1"><Name>张伟</Name><ResourceType Reference="Teacher"/></Resource>\(extraResource)
            </Resources>
            <Events><EventGroups>\(courses)</EventGroups>
            \(events)</Events></Instance></Instances>
            <SolutionGroups><SolutionGroup Id="S"><MetaData/><Solution Reference="I"><Events>
            \(placed)</Events></Solution></SolutionGroup></SolutionGroups></HighSchoolTimetableArchive>
            """
    }

    /// A small solved FET file: `days` days, 2 hours, one year 7A, one activity per lesson.
    func fet(days: Int, lessons: [(Int, Int, String)], students: String = "40") -> String {
        let dayList = (1...days).map { "<Day><Name>d\($0)</Name></Day>" }.joined()
        let subjects = Set(lessons.map(\.2)).sorted().map { "<Subject><Name>\($0)</Name></Subject>" }.joined()
        var activities = "", constraints = ""
        for (i, l) in lessons.enumerated() {
            activities += "<Activity><Teacher>张伟</Teacher><Subject>\(l.2)</Subject><Students>7A</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>\(i + 1)</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>\n"
            constraints += "<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>\(i + 1)</Activity_Id><Preferred_Day>d\(l.0)</Preferred_Day><Preferred_Hour>h\(l.1)</Preferred_Hour><Permanently_Locked>true</Permanently_Locked><Active>true</Active></ConstraintActivityPreferredStartingTime>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <fet version="6.8.5"><Institution_Name>测试学校</Institution_Name>
            <Days_List><Number_of_Days>\(days)</Number_of_Days>\(dayList)</Days_List>
            <Hours_List><Number_of_Hours>2</Number_of_Hours><Hour><Name>h1</Name></Hour><Hour><Name>h2</Name></Hour></Hours_List>
            <Subjects_List>\(subjects)</Subjects_List>
            <Teachers_List><Teacher><Name>张伟</Name></Teacher></Teachers_List>
            <Students_List><Year><Name>7A</Name><Number_of_Students>\(students)</Number_of_Students></Year></Students_List>
            <Activities_List>\(activities)</Activities_List>
            <Time_Constraints_List>\(constraints)</Time_Constraints_List></fet>
            """
    }

    func file(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func rows(_ result: ImportResult) throws -> [String] {
        let school = try writeAndLoad(result).district.schools[0]
        return rowText(school, "7A")
    }

    func testXHSTTTenDaysAreTwoWeeks() throws {
        let lessons = [(1, 1, "数学"), (6, 1, "数学"), (2, 1, "语文"), (7, 2, "英语")]
        let r = try Importer.run(.xhstt, files: [file("ten.xml", xhstt(days: 10, periods: 2, lessons: lessons))], options: ImportOptions())
        XCTAssertEqual(r.district.schools[0].daysPerWeek, 5)
        XCTAssertEqual(try rows(r), ["1-1 all 数学 T1", "2-1 odd 语文 T1", "2-2 even 英语 T1"])
        XCTAssertTrue(r.report.twoWeek)
    }

    func testFETTwelveDaysAreTwoWeeksOfSix() throws {
        let lessons = [(6, 1, "体育"), (12, 1, "音乐"), (1, 2, "数学"), (7, 2, "数学")]
        let r = try Importer.run(.fet, files: [file("twelve.fet", fet(days: 12, lessons: lessons))], options: ImportOptions())
        XCTAssertEqual(r.district.schools[0].daysPerWeek, 6)
        XCTAssertEqual(try rows(r), ["1-2 all 数学 张伟", "6-1 odd 体育 张伟", "6-1 even 音乐 张伟"])
    }

    func testSixDayWeeksAndOddCycles() throws {
        let six = try Importer.run(.fet, files: [file("six.fet", fet(days: 6, lessons: [(6, 1, "数学")]))], options: ImportOptions())
        XCTAssertEqual(six.district.schools[0].daysPerWeek, 6)
        XCTAssertEqual(try rows(six), ["6-1 all 数学 张伟"])
        let x6 = try Importer.run(.xhstt, files: [file("six.xml", xhstt(days: 6, periods: 2, lessons: [(6, 2, "语文")]))], options: ImportOptions())
        XCTAssertEqual(try rows(x6), ["6-2 all 语文 T1"])
        // Nine days are neither a week nor two: refused.
        let e = try XCTUnwrap(importError(.xhstt, [file("nine.xml", xhstt(days: 9, periods: 2, lessons: [(1, 1, "语文")]))]))
        XCTAssertEqual(e.kind, .invalidInput)
        XCTAssertTrue(e.message.contains("9 days") && e.message.contains("两周"), e.message)
    }

    // MARK: Issue 17 item 10

    func testXHSTTResourceGivenTwice() throws {
        let twice = "<Resource Id=\"7A\"><Name>又一个</Name><ResourceType Reference=\"Class\"/></Resource>"
        let e = try XCTUnwrap(importError(.xhstt, [file("twice.xml", xhstt(days: 5, periods: 2, lessons: [(1, 1, "语文")], extraResource: twice))]))
        XCTAssertEqual(e.kind, .invalidInput)
        XCTAssertTrue(e.message.contains("twice") && e.message.contains("重复"), e.message)
    }

    func testFETStudentsOutOfRange() throws {
        for bad in ["99999999999", "-30", "x"] {
            let e = try XCTUnwrap(importError(.fet, [file("students\(bad).fet", fet(days: 5, lessons: [(1, 1, "语文")], students: bad))]))
            XCTAssertEqual(e.kind, .invalidInput)
            XCTAssertTrue(e.message.contains("Number_of_Students") && e.message.contains("学生人数"), e.message)
        }
    }

    func testXMLEncodingsThatWouldGarble() throws {
        let text = xhstt(days: 5, periods: 2, lessons: [(1, 1, "语文")])
        let utf32 = dir + "/utf32.xml"
        var data = Data([0xFF, 0xFE, 0x00, 0x00])
        data += try XCTUnwrap(text.data(using: .utf32LittleEndian))
        try data.write(to: URL(fileURLWithPath: utf32))
        let e1 = try XCTUnwrap(importError(.xhstt, [utf32]))
        XCTAssertTrue(e1.kind == .invalidInput && e1.message.contains("UTF-32"), e1.message)
        let latin = file("latin.xml", text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\""))
        let e2 = try XCTUnwrap(importError(.xhstt, [latin]))
        XCTAssertTrue(e2.kind == .invalidInput && e2.message.contains("ISO-8859-1") && e2.message.contains("UTF-8"), e2.message)
        let fetLatin = file("latin.fet", fet(days: 5, lessons: [(1, 1, "语文")]).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\""))
        XCTAssertEqual(importError(.fet, [fetLatin])?.kind, .invalidInput)
        // Plain ASCII declared ISO-8859-1 reads the same in UTF-8: accepted.
        let ascii = file("ascii.xml", xhstt(days: 5, periods: 2, lessons: [(1, 1, "Maths")]).replacingOccurrences(of: "测试学校", with: "Test")
            .replacingOccurrences(of: "张伟", with: "Zhang").replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\""))
        XCTAssertNoThrow(try Importer.run(.xhstt, files: [ascii], options: ImportOptions()))
    }

    func testHiddenSchoolIDRefused() throws {
        let path = file("x.fet", fet(days: 5, lessons: [(1, 1, "语文")]))
        for bad in [".evil", "..", "a/b", " x"] {
            var options = ImportOptions()
            options.schoolID = bad
            let e = try XCTUnwrap(importError(.fet, [path], options), bad)
            XCTAssertEqual(e.kind, .usage, e.message)
        }
        // A file named .evil.fet gets a visible id.
        let hidden = file(".evil.fet", fet(days: 5, lessons: [(1, 1, "语文")]))
        let r = try Importer.run(.fet, files: [hidden], options: ImportOptions())
        XCTAssertEqual(r.district.schools[0].id, "evil")
        var named = ImportOptions()
        named.schoolName = "吉林市第一中学"
        XCTAssertEqual(try Importer.run(.fet, files: [hidden], options: named).district.schools[0].name, "吉林市第一中学")
    }

    /// A pack that would not validate is never written (nor left half-written): exit 65.
    func testInvalidPackIsNotWritten() throws {
        var r = try Importer.run(.fet, files: [file("ok.fet", fet(days: 5, lessons: [(1, 1, "语文")]))], options: ImportOptions())
        r.district.schools[0].classes[0].students = -30
        let out = dir + "/pack"
        XCTAssertThrowsError(try PackAssembly.write(r, to: out, force: false)) { error in
            guard let e = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.kind, .invalidInput)
            XCTAssertTrue(e.message.contains("does not validate") && e.message.contains("students"), e.message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasPrefix(".pack") }, [])
        XCTAssertThrowsError(try PackAssembly.validate(r))
    }
}
