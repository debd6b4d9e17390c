import Foundation
import XCTest
import XinyuCore
import XinyuDistrict
import XinyuGLPK
import XinyuPack
import XinyuVerify

func date(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// A small district built in code: 班会/地方课程 displaceable, no free periods.
func district(start: String = "2026-09-07", end: String = "2026-10-30", calendar: [CalendarEntry] = [],
              schools: [School], configure: (inout Policy) -> Void = { _ in }) -> District {
    var policy = Policy()
    policy.displaceable = ["班会": 3, "地方课程": 1, "校本课程": 1]
    policy.useFreePeriods = false
    configure(&policy)
    return District(name: "test", termStart: date(start), termEnd: date(end), policy: policy, calendar: calendar, schools: schools)
}

/// A school whose timetable rows are "class,weekday,period,subject,teacher".
func school(_ id: String, stages: [Stage] = [.primary], classes: [(String, Stage)], rows: [String], teachers: [Teacher],
            students: Int = 40) -> School {
    let table = rows.map { line -> TimetableRow in
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return TimetableRow(classID: f[0], weekday: Int(f[1])!, period: Int(f[2])!, subject: f[3],
                            teachers: f[4].isEmpty ? [] : f[4].split(separator: ";").map(String.init))
    }
    var all = teachers
    for r in table { for t in r.teachers where !all.contains(where: { $0.id == t }) { all.append(Teacher(id: t, name: t)) } }
    return School(id: id, name: "学校\(id)", stages: stages, daysPerWeek: 5, periodsPerDay: 6,
                  classes: classes.map { SchoolClass(id: $0.0, grade: $0.1 == .primary ? 3 : 7, stage: $0.1, students: students) },
                  timetable: table, teachers: all)
}

func psych(_ id: String, _ role: PsychRole = .full, _ stages: [Stage] = [.primary], day: Int? = nil, week: Int? = nil) -> Teacher {
    Teacher(id: id, name: id, psych: role, stages: stages, maxPerDay: day, maxPerWeek: week)
}

func solve(_ d: District, file: StaticString = #filePath, line: UInt = #line) -> DistrictResult {
    let r = solveDistrict(d, jobs: 1, options: PlanOptions(timeLimit: 60), solver: GLPKSolver())
    XCTAssertEqual(Verifier.check(r.district, r.lessons, months: r.months, allowShort: true), [], file: file, line: line)
    return r
}

func shortOf(_ r: DistrictResult, _ school: String) -> [ClassMonth: Int] {
    var out: [ClassMonth: Int] = [:]
    for m in r.months where m.school == school && m.scheduled < m.required {
        out[ClassMonth(school: m.school, classID: m.classID, month: m.month)] = m.required - m.scheduled
    }
    return out
}

/// Six classes, each with its 班会 at its own time; one teacher limited to `week` lessons a week.
func understaffedSchool(_ id: String = "S01", week: Int = 1) -> School {
    school(id, classes: (1...6).map { ("3-\($0)", .primary) },
           rows: (1...6).map { "3-\($0),\(($0 - 1) % 5 + 1),\($0 <= 5 ? 6 : 5),班会," },
           teachers: [psych("T05", week: week)])
}

final class AdviceTests: XCTestCase {
    // The hire found by optimisation makes the school comply; one lesson a week less does not.
    func testHireAndRaiseAreLeastAndSufficient() throws {
        let d = district(start: "2026-09-07", end: "2026-09-30", schools: [understaffedSchool()])
        let r = solve(d)
        XCTAssertGreaterThan(r.shortfall, 0)
        let a = advise("S01", district: d, short: shortOf(r, "S01"), solver: GLPKSolver())
        XCTAssertEqual(a.calendarBound, 0)
        XCTAssertEqual(a.schoolTarget, 0)
        let hire = try XCTUnwrap(a.hires.first)
        XCTAssertEqual(hire.stage, "primary")
        XCTAssertTrue(hire.proven)
        // Six classes × 2 lessons in September's 4 weeks = 12 ≈ 3 a week; T05 gives 1: the new teacher needs 2.
        XCTAssertEqual(hire.maxPerWeek, 2)
        let apply = withCapacity(d, school: "S01", hires: [.primary: (week: hire.maxPerWeek, day: hire.maxPerDay)])
        XCTAssertEqual(solve(apply).shortfall, 0, "the advice makes the school comply")
        let less = withCapacity(d, school: "S01", hires: [.primary: (week: hire.maxPerWeek - 1, day: nil)])
        let rl = solve(less)
        XCTAssertGreaterThan(rl.shortfall, 0, "one lesson a week less does not")
        XCTAssertTrue(rl.plans[0].shortfallProven)
        XCTAssertEqual(a.withHires, 0)
        // Raising T05's weekly limit instead.
        let raise = try XCTUnwrap(a.raises.first { $0.teacher == "T05" })
        let to = try XCTUnwrap(raise.to)
        XCTAssertEqual(raise.from, 1)
        XCTAssertEqual(to, 3)
        XCTAssertEqual(solve(withCapacity(d, school: "S01", hires: [:], raises: ["T05": to])).shortfall, 0)
        let rr = solve(withCapacity(d, school: "S01", hires: [:], raises: ["T05": to - 1]))
        XCTAssertGreaterThan(rr.shortfall, 0)
        XCTAssertTrue(rr.plans[0].shortfallProven)
        XCTAssertTrue(a.oneLine.contains("raise T05's max_per_week from 1 to 3"), a.oneLine)
        XCTAssertTrue(a.oneLine.contains("增加1名兼职心理教师"), a.oneLine)
    }

    // A January with one teaching week before exams is short whatever the staffing: the advice
    // names the month_minimum that fixes it and sees that moving the exams would fix it too.
    func testCalendarBoundMonthGetsCalendarAdvice() throws {
        let cal = [CalendarEntry(date: date("2027-01-01"), kind: .holiday)]
            + (11...15).map { CalendarEntry(date: date("2027-01-\($0)"), kind: .exam) }
        let s = school("S01", classes: [("3-1", .primary), ("3-2", .primary)], rows: ["3-1,1,6,班会,", "3-2,2,6,班会,"],
                       teachers: [psych("P")])
        let d = district(start: "2026-12-07", end: "2027-01-15", calendar: cal, schools: [s])
        let r = solve(d)
        XCTAssertEqual(r.shortfall, 2)
        let a = advise("S01", district: d, short: shortOf(r, "S01"), solver: GLPKSolver())
        XCTAssertEqual(a.calendarBound, 2)
        XCTAssertTrue(a.hires.isEmpty, "no teacher helps a calendar-bound month")
        let fix = try XCTUnwrap(a.fixes.first)
        XCTAssertEqual(fix.month, "2027-01")
        XCTAssertEqual(fix.most, 1)
        XCTAssertTrue(fix.examMoveFixes)
        XCTAssertTrue(a.oneLine.contains("set month_minimum 2027-01 = 1"), a.oneLine)
        // Applying either change makes the school comply.
        var lowered = d
        lowered.policy.monthMinimum["2027-01"] = fix.most
        XCTAssertEqual(solve(lowered).shortfall, 0)
        XCTAssertEqual(solve(districtWithoutExams(d, month: "2027-01")).shortfall, 0)
        // And one more lesson than `most` stays impossible, proven.
        var tooMany = d
        tooMany.policy.monthMinimum["2027-01"] = fix.most + 1
        let rt = solve(tooMany)
        XCTAssertGreaterThan(rt.shortfall, 0)
        XCTAssertTrue(rt.plans[0].shortfallProven)
    }
}

final class DistrictRunTests: XCTestCase {
    /// Three independent schools (ok, understaffed, short) and two sharing a 巡回 teacher.
    func sample() -> District {
        let ok = school("A1", classes: [("3-1", .primary), ("3-2", .primary)], rows: ["3-1,1,6,班会,", "3-2,2,6,班会,"],
                        teachers: [psych("A1P"), psych("A1Q", .part)])
        let under = school("A2", classes: [("3-1", .primary)], rows: ["3-1,3,6,班会,"], teachers: [psych("A2P", .part)])
        let short = understaffedSchool("A3")
        let shared1 = school("B1", stages: [.junior], classes: [("7-1", .junior)], rows: ["7-1,1,5,地方课程,"],
                             teachers: [psych("XB", .full, [.junior], week: 1)])
        let shared2 = school("B2", stages: [.junior], classes: [("7-1", .junior), ("7-2", .junior)], rows: ["7-1,2,5,地方课程,", "7-2,3,5,地方课程,"],
                             teachers: [psych("XB", .full, [.junior], week: 1)])
        return district(start: "2026-09-07", end: "2026-09-30", schools: [ok, under, short, shared1, shared2])
    }

    func writePack(_ d: District, extraDistrictTOML: String = "", rooms: [String: String] = [:]) throws -> String {
        let dir = NSTemporaryDirectory() + "xinyu-district-\(UUID().uuidString)"
        try PackWriter.write(d, to: dir, overwrite: true)
        if !extraDistrictTOML.isEmpty {
            let p = dir + "/district.toml"
            try (String(contentsOfFile: p, encoding: .utf8) + "\n" + extraDistrictTOML + "\n").write(toFile: p, atomically: true, encoding: .utf8)
        }
        for (id, room) in rooms {
            let p = dir + "/schools/\(id)/school.toml"
            try (String(contentsOfFile: p, encoding: .utf8) + "\n" + room + "\n").write(toFile: p, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func testStatusesAgainstVerifierAndBounds() throws {
        let d = sample()
        var o = DistrictRunOptions()
        o.jobs = 2
        let out = try runDistrict(d, packHash: "x", settings: OfficeSettings(), options: o, solver: GLPKSolver())
        // The independent verifier's months table decides short or not.
        XCTAssertEqual(Verifier.check(d, out.lessons, months: out.months, allowShort: true), [])
        let table = Verifier.monthsTable(d, out.lessons)
        let status = Dictionary(uniqueKeysWithValues: out.outcome.schools.map { ($0.id, $0.status) })
        for s in d.schools {
            let short = table.contains { $0.school == s.id && $0.scheduled < $0.required }
            XCTAssertEqual(status[s.id] == "short", short, s.id)
        }
        XCTAssertEqual(status, ["A1": "ok", "A2": "understaffed", "A3": "short", "B1": "ok", "B2": "short"])
        // For each short school, no schedule meets every minimum: a proven lower bound > 0.
        for id in ["A3", "B2"] {
            let group = schoolGroups(d).first { $0.contains { $0.id == id } }!
            let inst = Instance(district: d, schools: group)
            let p = probeShortfall(inst, solver: GLPKSolver(), timeLimit: 60)
            XCTAssertTrue(p.proven, id)
            XCTAssertGreaterThan(p.bound, 0, "\(id): forcing every minimum is infeasible")
            XCTAssertEqual(p.shortfall, out.result.plans.first { $0.instance.schools == group.map(\.id) }!.shortfall, id)
        }
        // The shared teacher counts for both schools, and the report says so.
        let b1 = out.outcome.schools.first { $0.id == "B1" }!
        XCTAssertEqual(b1.staffing.shared["XB"], ["B2"])
        XCTAssertTrue(b1.staffing.stagesWithoutFulltime.isEmpty)
        XCTAssertTrue(out.outcome.reportMarkdown.contains("counts towards the staffing of every school that lists them"))
        XCTAssertTrue(out.outcome.reportMarkdown.contains("Shared teacher XB"))
    }

    func testSettingsRoomsAndFiles() throws {
        let d = sample()
        let pack = try writePack(d, extraDistrictTOML: "[staffing]\nstudents_per_parttime = 30\ncounseling_min_hours = 10",
                                 rooms: ["A1": "[counseling_room]\nhours_per_week = 12\nwindows = [\"1:12:00-13:00\"]",
                                         "A2": "[counseling_room]\nhours_per_week = 6"])
        let settings = try OfficeSettings.read(pack: pack, schools: d.schools.map(\.id))
        XCTAssertEqual(settings.staffing.studentsPerParttime, 30)
        XCTAssertEqual(settings.staffing.counselingMinHours, 10)
        XCTAssertEqual(settings.rooms["A1"], CounselingRoom(hoursPerWeek: 12, windows: ["1:12:00-13:00"]))
        XCTAssertNil(settings.rooms["A3"])
        let loaded = try PackReader.load(path: pack)
        var o = DistrictRunOptions()
        o.advice = false
        let out = try runDistrict(loaded.district, packHash: packHash(root: pack), settings: settings, options: o, solver: GLPKSolver())
        // 80 students at 1 teacher per 30 call for 3: besides its full-time teacher A1 needs 2 part-time and has 1.
        XCTAssertEqual(out.outcome.schools.first { $0.id == "A1" }?.status, "understaffed")
        let report = out.outcome.reportMarkdown
        XCTAssertTrue(report.contains("A2 学校A2: 每周开放 6 小时，少于 10 小时"), report)
        XCTAssertTrue(report.contains("No counseling room declared (3): A3, B1, B2"), report)
        let dir = pack + "-out"
        try writeDistrict(out, to: dir)
        let csv = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/schools.csv"))
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF], "schools.csv starts with a BOM")
        XCTAssertTrue(String(decoding: csv, as: UTF8.self).contains("school,name,stages,classes,students,required,placed,short_class_months,fulltime_teachers,parttime_teachers,staffing_ok,status,advice"))
        let schedule = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/schedule.csv"))
        XCTAssertEqual(Array(schedule.prefix(6)), Array("school".utf8), "schedule.csv has no BOM")
        // Bad settings are refused.
        let bad = try writePack(d, extraDistrictTOML: "[staffing]\nstudents_per_parttime = 0")
        XCTAssertThrowsError(try OfficeSettings.read(pack: bad, schools: []))
    }

    func testMergedShardsEqualSingleRunByteForByte() throws {
        let d = sample()
        let pack = try writePack(d)
        let loaded = try PackReader.load(path: pack).district
        let hash = packHash(root: pack)
        func run(_ shard: Shard?, _ dir: String) throws {
            var o = DistrictRunOptions()
            o.jobs = 2
            o.shard = shard
            try writeDistrict(try runDistrict(loaded, packHash: hash, settings: OfficeSettings(), options: o, solver: GLPKSolver()), to: dir)
        }
        try run(nil, pack + "-single")
        for k in 0..<3 { try run(Shard(index: k, of: 3), pack + "-shard\(k)") }
        XCTAssertEqual(Shard(index: 0, of: 3).schools(of: loaded), ["A1", "B1", "B2"], "groups ordered by first school id, i mod N")
        try mergeShards((0..<3).reversed().map { pack + "-shard\($0)" }, into: pack + "-merged")
        for f in ["schedule.csv", "months.csv", "schools.csv", "report.md"] {
            let a = FileManager.default.contents(atPath: pack + "-single/" + f)
            let b = FileManager.default.contents(atPath: pack + "-merged/" + f)
            XCTAssertNotNil(a, f)
            XCTAssertEqual(a, b, "\(f) of merged shards equals a single run")
        }
        XCTAssertThrowsError(try mergeShards([pack + "-shard0", pack + "-shard1"], into: pack + "-bad"), "a missing shard is refused")
        XCTAssertNil(Shard("3/3"))
        XCTAssertEqual(Shard("1/4"), Shard(index: 1, of: 4))
    }
}

final class SampleDistrictTests: XCTestCase {
    // The 10-school sample: every school gets a status, each status agrees with the independent
    // verifier, and every school reported short has a proven lower bound > 0 on its group's
    // missing lessons (no schedule meets every minimum).
    func testSampleDistrictStatuses() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let pack = url.path + "/instances/changyi-autumn2026"
        let d = try PackReader.load(path: pack).district
        var o = DistrictRunOptions()
        o.jobs = 2
        o.advice = false
        let out = try runDistrict(d, packHash: packHash(root: pack), settings: try OfficeSettings.read(pack: pack, schools: d.schools.map(\.id)),
                                  options: o, solver: GLPKSolver())
        XCTAssertEqual(Verifier.check(d, out.lessons, months: out.months, allowShort: true), [])
        let table = Verifier.monthsTable(d, out.lessons)
        XCTAssertEqual(out.outcome.schools.map(\.id), d.schools.map(\.id))
        for s in out.outcome.schools {
            let short = table.contains { $0.school == s.id && $0.scheduled < $0.required }
            XCTAssertEqual(s.status == "short", short, s.id)
            if !short { XCTAssertEqual(s.status == "ok", s.staffing.ok, s.id) }
            if short {
                let plan = try XCTUnwrap(out.result.plans.first { $0.instance.schools.contains(s.id) })
                XCTAssertGreaterThan(plan.shortfallBound, 0, "\(s.id): meeting every minimum is proven infeasible")
            }
        }
        XCTAssertTrue(out.outcome.schools.contains { $0.status == "short" })
    }
}
