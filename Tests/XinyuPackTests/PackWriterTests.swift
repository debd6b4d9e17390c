import Foundation
import XCTest
@testable import XinyuPack

final class PackWriterTests: XCTestCase {
    /// A district that uses every feature of the format, including text that needs quoting.
    func sampleDistrict() -> District {
        var policy = Policy()
        policy.lessonsPerMonth = 3
        policy.maxPerWeek = 2
        policy.sameTeacher = false
        policy.useFreePeriods = false
        policy.freePeriodCost = 0.25
        policy.displaceable = ["班会": 3, "地方课程": 1, "Self \"study\"": 1e-5]
        policy.monthMinimum = ["2027-01": 1, "2026-09": 0]
        var weights = PreferenceWeights()
        weights.rhythm = 2.5
        weights.loadBalance = 0
        var primary = School(
            id: "S01", name: "第一\"实验\"小学\\分校", stages: [.primary], daysPerWeek: 5, periodsPerDay: 3,
            classes: [SchoolClass(id: "一年级1班", grade: 1, stage: .primary, students: 45),
                      SchoolClass(id: "一年级2班", grade: 1, stage: .primary)],
            timetable: [
                TimetableRow(classID: "一年级1班", weekday: 1, period: 1, subject: "语文, 阅读", teachers: ["T02"]),
                TimetableRow(classID: "一年级1班", weekday: 1, period: 2, subject: "班会", teachers: ["T02", "T03"], weeks: .odd),
                TimetableRow(classID: "一年级1班", weekday: 1, period: 2, subject: "地方课程", teachers: [], weeks: .even),
            ],
            teachers: [Teacher(id: "T01", name: "王,\"芳\"", psych: .full, stages: [.primary, .junior], maxPerDay: 2, maxPerWeek: 8),
                       Teacher(id: "T02", name: " 李明 "),
                       Teacher(id: "T03", name: "")],
            unavailable: [Unavailability(teacher: "T01", when: .date(CivilDate(iso: "2026-10-20")!), reason: "培训"),
                          Unavailability(teacher: "T01", when: .weekday(3), periods: [1, 3, 2], reason: "教研,活动")],
            periodTimes: ["08:00-08:40", "08:50-09:30", "09:40-10:20"])
        primary.pins = [Pin(classID: "一年级1班", when: .date(CivilDate(iso: "2026-10-21")!), period: 2, teacher: "T01", kind: .keep),
                        Pin(classID: "一年级2班", when: .weekday(3), period: nil, kind: .forbid)]
        let secondary = School(
            id: "S02", name: "二中", stages: [.junior, .senior], daysPerWeek: 6, periodsPerDay: 9,
            classes: [SchoolClass(id: "初一1班", grade: 7, stage: .junior, students: 0)],
            timetable: [TimetableRow(classID: "初一1班", weekday: 6, period: 9, subject: "自习", teachers: ["T01"])],
            teachers: [Teacher(id: "T01", name: "王芳", psych: .full, stages: [.primary, .junior], maxPerDay: 2, maxPerWeek: 8)])
        return District(
            name: "昌邑区 \"试点\"", termStart: CivilDate(iso: "2026-09-01")!, termEnd: CivilDate(iso: "2027-01-15")!,
            policy: policy, preferences: weights,
            calendar: [CalendarEntry(date: CivilDate(iso: "2026-10-01")!, kind: .holiday, note: "国庆节"),
                       CalendarEntry(date: CivilDate(iso: "2026-10-10")!, kind: .makeup, followsWeekday: 5),
                       CalendarEntry(date: CivilDate(iso: "2027-01-12")!, kind: .exam, note: "期末\n考试")],
            schools: [primary, secondary])
    }

    /// The district with the timetable lines cleared (the reader records them; code leaves them 0).
    func withoutLines(_ district: District) -> District {
        var d = district
        for s in d.schools.indices {
            for r in d.schools[s].timetable.indices { d.schools[s].timetable[r].line = 0 }
            for p in d.schools[s].pins.indices { d.schools[s].pins[p].line = 0 }
        }
        return d
    }

    func testRoundTrip() throws {
        let district = sampleDistrict()
        let path = temporaryFolder(self) + "/out/pack"
        try PackWriter.write(district, to: path, overwrite: false)
        let loaded = try PackReader.load(path: path)
        XCTAssertEqual(loaded.notes, [])
        XCTAssertEqual(withoutLines(loaded.district), district)
        XCTAssertEqual(loaded.district.schools[0].timetable.map(\.line), [2, 3, 4])

        // Writing what was read gives the same bytes.
        let again = temporaryFolder(self) + "/again"
        try PackWriter.write(loaded.district, to: again, overwrite: false)
        for relPath in ["district.toml", "calendar.csv", "schools/S01/school.toml", "schools/S01/classes.csv",
                        "schools/S01/timetable.csv", "schools/S01/teachers.csv", "schools/S01/unavailable.csv",
                        "schools/S01/pinned.csv", "schools/S02/timetable.csv"] {
            XCTAssertEqual(FileManager.default.contents(atPath: path + "/" + relPath),
                           FileManager.default.contents(atPath: again + "/" + relPath), relPath)
        }
    }

    func testLayoutAndFormat() throws {
        let path = temporaryFolder(self) + "/pack"
        try PackWriter.write(sampleDistrict(), to: path, overwrite: false)
        let school2 = try FileManager.default.contentsOfDirectory(atPath: path + "/schools/S02").sorted()
        XCTAssertEqual(school2, ["classes.csv", "school.toml", "teachers.csv", "timetable.csv"], "no unavailable.csv when empty")
        let toml = try String(contentsOfFile: path + "/district.toml", encoding: .utf8)
        XCTAssertTrue(toml.hasPrefix("name = \"昌邑区 \\\"试点\\\"\"\n\n[term]\nstart = 2026-09-01\nend = 2027-01-15\n"), toml)
        XCTAssertTrue(toml.contains("[policy.displaceable]\n\"Self \\\"study\\\"\" = 1e-05\n\"地方课程\" = 1\n\"班会\" = 3\n"), toml)
        XCTAssertTrue(toml.contains("free_period_cost = 0.25\n"))
        let unavailable = try String(contentsOfFile: path + "/schools/S01/unavailable.csv", encoding: .utf8)
        XCTAssertEqual(unavailable, "teacher,when,periods,reason\nT01,2026-10-20,,培训\nT01,3,1-3,\"教研,活动\"\n")
        let bytes = FileManager.default.contents(atPath: path + "/schools/S01/classes.csv")!
        XCTAssertFalse(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "no BOM")

        // No calendar.csv for an empty calendar.
        var plain = sampleDistrict()
        plain.calendar = []
        let other = temporaryFolder(self) + "/plain"
        try PackWriter.write(plain, to: other, overwrite: false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: other + "/calendar.csv"))
    }

    func testRefusesAnExistingTargetUnlessOverwrite() throws {
        let path = temporaryFolder(self) + "/pack"
        try PackWriter.write(sampleDistrict(), to: path, overwrite: false)
        XCTAssertThrowsError(try PackWriter.write(sampleDistrict(), to: path, overwrite: false)) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        var changed = sampleDistrict()
        changed.name = "新区"
        changed.schools.removeLast()
        try PackWriter.write(changed, to: path, overwrite: true)
        let loaded = try PackReader.load(path: path)
        XCTAssertEqual(loaded.district.name, "新区")
        XCTAssertEqual(loaded.district.schools.map(\.id), ["S01"], "the old school folder is gone")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        XCTAssertEqual(siblings, ["pack"], "no temporary or old folders left")
    }

    func testOverwriteRefusesAFolderThatIsNotAPack() throws {
        let folder = temporaryFolder(self)
        try "keep me".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PackWriter.write(sampleDistrict(), to: folder, overwrite: true))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/notes.txt"))
    }

    func testRefusesASchoolIDThatIsNotAFolderName() {
        var district = sampleDistrict()
        district.schools[0].id = "../x"
        let path = temporaryFolder(self) + "/pack"
        XCTAssertThrowsError(try PackWriter.write(district, to: path, overwrite: false))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testPeriodsText() {
        XCTAssertEqual(PackWriter.periodsText(nil), "")
        XCTAssertEqual(PackWriter.periodsText([6, 1, 2, 3]), "1-3;6")
        XCTAssertEqual(PackWriter.periodsText([4]), "4")
        XCTAssertEqual(PackWriter.periodsText([1, 3, 5, 6]), "1;3;5-6")
    }

    func testTOMLStringEscaping() {
        XCTAssertEqual(TOMLText.string("a\"b\\c\nd\te\u{01}"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"")
        XCTAssertEqual(TOMLText.key("load_balance"), "load_balance")
        XCTAssertEqual(TOMLText.key("班会"), "\"班会\"")
        XCTAssertEqual(TOMLText.key("2027-01"), "2027-01")
    }
}
