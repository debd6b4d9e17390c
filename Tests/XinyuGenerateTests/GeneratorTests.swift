import Foundation
import XCTest
import XinyuPack
@testable import XinyuGenerate

/// Generated districts, cached: generation is deterministic, so tests may share them.
private enum Fixtures {
    static let autumn10 = DistrictGenerator.generate(GeneratorOptions(schools: 10, seed: 7, term: .autumn2026))
    static let autumn60 = DistrictGenerator.generate(GeneratorOptions(schools: 60, seed: 2026, term: .autumn2026))
    static let spring10 = DistrictGenerator.generate(GeneratorOptions(schools: 10, seed: 11, term: .spring2026))
    static let spring60Tight = DistrictGenerator.generate(
        GeneratorOptions(schools: 60, seed: 2026, term: .spring2026, tight: true))
    static var all: [District] { [autumn10, autumn60, spring10, spring60Tight] }
}

/// Which weeks a row applies to, as a bit mask over (odd, even).
private func weekMask(_ w: WeekParity) -> Int {
    switch w {
    case .all: return 3
    case .odd: return 1
    case .even: return 2
    }
}

/// Fails on any teacher named by two rows at the same weekday and period in overlapping weeks.
func assertNoTeacherClash(_ d: District, file: StaticString = #filePath, line: UInt = #line) {
    var seen: [String: Int] = [:]  // "teacher|weekday|period" → week mask used
    for s in d.schools {
        for r in s.timetable {
            for t in r.teachers {
                let key = "\(t)|\(r.weekday)|\(r.period)"
                let mask = weekMask(r.weeks)
                XCTAssertEqual(seen[key, default: 0] & mask, 0, "\(s.id): \(t) clashes at \(r.weekday)/\(r.period)",
                               file: file, line: line)
                seen[key, default: 0] |= mask
            }
        }
    }
}

/// FNV-1a 64 over a canonical text of the district (every field the pack files carry).
func fingerprint(_ d: District) -> UInt64 {
    var text = "\(d.name)|\(d.termStart)|\(d.termEnd)|\(d.policy.lessonsPerMonth)|\(d.policy.useFreePeriods)|"
    text += d.policy.monthMinimum.keys.sorted().map { "\($0)=\(d.policy.monthMinimum[$0]!)" }.joined(separator: ",")
    for e in d.calendar { text += "\n\(e.date),\(e.kind.rawValue),\(e.followsWeekday ?? 0),\(e.note)" }
    for s in d.schools {
        text += "\n#\(s.id),\(s.name),\(s.stages.map(\.rawValue)),\(s.daysPerWeek),\(s.periodsPerDay)"
        for c in s.classes { text += "\nc\(c.id),\(c.grade),\(c.stage.rawValue),\(c.students ?? 0)" }
        for r in s.timetable {
            text += "\nr\(r.classID),\(r.weekday),\(r.period),\(r.subject),\(r.teachers.joined(separator: ";")),\(r.weeks.rawValue)"
        }
        for t in s.teachers {
            text += "\nt\(t.id),\(t.name),\(t.psych.rawValue),\(t.stages.map(\.rawValue)),\(t.maxPerDay ?? 0),\(t.maxPerWeek ?? 0)"
        }
        for u in s.unavailable {
            let when: String
            switch u.when {
            case .date(let date): when = date.iso
            case .weekday(let w): when = String(w)
            }
            text += "\nu\(u.teacher),\(when),\((u.periods ?? []).sorted()),\(u.reason)"
        }
    }
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        h ^= UInt64(byte)
        h = h &* 0x0000_0100_0000_01B3
    }
    return h
}

final class DeterminismTests: XCTestCase {
    func testSameOptionsGiveEqualDistricts() {
        for term in TermPreset.allCases {
            for tight in [false, true] {
                let o = GeneratorOptions(schools: 12, seed: 42, term: term, tight: tight)
                XCTAssertEqual(DistrictGenerator.generate(o), DistrictGenerator.generate(o))
            }
        }
        let big = GeneratorOptions(schools: 1, seed: 3, term: .autumn2026, classesPerSchool: 72)
        XCTAssertEqual(DistrictGenerator.generate(big), DistrictGenerator.generate(big))
    }

    func testDifferentSeedsGiveDifferentDistricts() {
        let a = DistrictGenerator.generate(GeneratorOptions(schools: 10, seed: 1, term: .autumn2026))
        let b = DistrictGenerator.generate(GeneratorOptions(schools: 10, seed: 2, term: .autumn2026))
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(a.schools.map(\.name), b.schools.map(\.name))
        XCTAssertNotEqual(a.schools[0].timetable, b.schools[0].timetable)
    }

    /// A fingerprint (FNV-1a 64 over a canonical text) of one fixed district, so any change of
    /// output, on another platform or Swift version or by an edit here, shows. Update the constant
    /// only when the generator is changed on purpose.
    func testGoldenFingerprint() {
        let d = DistrictGenerator.generate(GeneratorOptions(schools: 6, seed: 1, term: .autumn2026))
        XCTAssertEqual(String(fingerprint(d), radix: 16), "b0412cfe5ecc0d5")
    }

    func testPRNGIsSplitMix64() {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var r = SplitMix64(seed: 0)
        XCTAssertEqual(r.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(r.next(), 0x6E78_9E6A_A1B9_65F4)
    }
}

final class MixAndSizeTests: XCTestCase {
    private func checkMix(_ d: District, n: Int) {
        XCTAssertEqual(d.schools.count, n)
        XCTAssertEqual(d.name, "昌邑区（样例）")
        let width = max(2, String(n).count)
        XCTAssertEqual(d.schools.map(\.id), (1...n).map { "S" + zeroPadded($0, width) })
        XCTAssertEqual(Set(d.schools.map(\.name)).count, n, "school names are unique")
        var count: [String: Int] = [:]
        for s in d.schools {
            let grades = Dictionary(grouping: s.classes, by: \.grade).mapValues(\.count)
            let total = s.classes.count
            let band: ClosedRange<Int>, perGrade: ClosedRange<Int>, gradeSet: ClosedRange<Int>, kind: String
            switch s.stages {
            case [.primary]: kind = "primary"; band = 12...36; perGrade = 2...6; gradeSet = 1...6
                XCTAssertEqual(s.periodsPerDay, 7)
            case [.junior]: kind = "junior"; band = 12...30; perGrade = 4...10; gradeSet = 7...9
                XCTAssertEqual(s.periodsPerDay, 8)
            case [.primary, .junior]: kind = "nine"; band = 18...36; perGrade = 2...4; gradeSet = 1...9
                XCTAssertEqual(s.periodsPerDay, 8)
            case [.senior]: kind = "senior"; band = 24...36; perGrade = 8...12; gradeSet = 10...12
                XCTAssertEqual(s.periodsPerDay, 9)
            default: XCTFail("unexpected stages \(s.stages)"); continue
            }
            count[kind, default: 0] += 1
            XCTAssertEqual(s.daysPerWeek, 5)
            XCTAssertTrue(band.contains(total), "\(s.id) \(kind) has \(total) classes")
            XCTAssertEqual(Set(grades.keys), Set(gradeSet), s.id)
            for (g, k) in grades {
                XCTAssertTrue(perGrade.contains(k), "\(s.id) grade \(g) has \(k) classes")
                let ids = s.classes.filter { $0.grade == g }.map(\.id)
                XCTAssertEqual(ids, (1...k).map { "\(g)-\($0)" })
            }
            for c in s.classes {
                let students = c.students ?? 0
                XCTAssertTrue(c.stage == .primary ? (35...45).contains(students) : (38...55).contains(students),
                              "\(s.id) \(c.id) has \(students) students")
                XCTAssertEqual(c.stage, CoursePlan.stage(ofGrade: c.grade))
            }
        }
        // About 55% primary, 25% junior, 10% nine-year, 10% senior.
        let expect = ["senior": (n * 10 + 50) / 100, "nine": (n * 10 + 50) / 100, "junior": n * 25 / 100]
        for (k, v) in expect { XCTAssertEqual(count[k, default: 0], v, k) }
        let primaryShare = Double(count["primary", default: 0]) / Double(n)
        XCTAssertTrue((0.5...0.6).contains(primaryShare), "primary share \(primaryShare)")
    }

    func testMixForTenSchools() { checkMix(Fixtures.autumn10, n: 10) }
    func testMixForSixtySchools() { checkMix(Fixtures.autumn60, n: 60) }

    /// A province's mix: small rural schools (one class a grade in primary and nine-year
    /// schools), large urban ones (above 36 classes), the usual sizes between; same kinds as a
    /// district; and a province pack is as deterministic as any other.
    func testProvinceMixHasSmallAndLargeSchools() {
        var o = GeneratorOptions(schools: 100, seed: 2026, term: .autumn2026)
        o.province = true
        let d = DistrictGenerator.generate(o)
        XCTAssertEqual(d.schools.count, 100)
        let sizes = d.schools.map(\.classes.count)
        let small = d.schools.filter { s in Set(s.classes.map(\.grade)).allSatisfy { g in s.classes.filter { $0.grade == g }.count == 1 } }
        let large = sizes.filter { $0 > 36 }
        XCTAssertTrue((6...30).contains(small.count), "about 20% one class a grade (primary, nine-year): \(small.count)")
        XCTAssertTrue((4...20).contains(large.count), "about 10% above 36 classes: \(large.count)")
        XCTAssertTrue(sizes.contains { (12...36).contains($0) }, "the usual sizes remain")
        XCTAssertLessThanOrEqual(sizes.max() ?? 0, 72, "nine-year at most 8 a grade")
        let plain = DistrictGenerator.generate(GeneratorOptions(schools: 100, seed: 2026, term: .autumn2026))
        XCTAssertEqual(d.schools.map(\.stages), plain.schools.map(\.stages), "the same kinds of school, school by school")
        XCTAssertEqual(DistrictGenerator.generate(o).schools.map(\.classes.count), sizes)
        assertNoTeacherClash(d)
    }

    func testForcedSingleSchoolSizes() {
        for (total, stages) in [(24, [Stage.primary]), (72, [.primary, .junior]), (120, [.primary, .junior])] {
            let d = DistrictGenerator.generate(GeneratorOptions(schools: 1, seed: 5, term: .spring2026,
                                                                classesPerSchool: total))
            XCTAssertEqual(d.schools.count, 1)
            XCTAssertEqual(d.schools[0].classes.count, total)
            XCTAssertEqual(d.schools[0].stages, stages)
        }
    }
}

final class TimetableTests: XCTestCase {
    /// Weekly periods per class: every grade's total (26/30/34/35) and each subject as planned, an
    /// odd/even row counting half.
    func testWeeklyHoursPerClass() {
        XCTAssertEqual((1...12).map { CoursePlan.weeklyTotal(grade: $0) },
                       [26, 26, 30, 30, 30, 30, 34, 34, 34, 35, 35, 35])
        var sawPair = false
        for d in Fixtures.all {
            for s in d.schools {
                let rowsByClass = Dictionary(grouping: s.timetable, by: \.classID)
                for c in s.classes {
                    let rows = rowsByClass[c.id] ?? []
                    let slots = Set(rows.map { $0.weekday * 100 + $0.period })
                    XCTAssertEqual(slots.count, CoursePlan.weeklyTotal(grade: c.grade), "\(s.id) \(c.id)")
                    var halves: [String: Int] = [:]
                    for r in rows { halves[r.subject, default: 0] += r.weeks == .all ? 2 : 1 }
                    if rows.contains(where: { $0.weeks != .all }) { sawPair = true }
                    var plan: [String: Int] = [:]
                    for l in CoursePlan.lines(grade: c.grade) { plan[l.subject] = 2 * l.periods }
                    // 音乐 and 美术 may trade a period for the pair: compare them together.
                    let art = { (m: [String: Int]) in m["音乐", default: 0] + m["美术", default: 0] }
                    XCTAssertEqual(art(halves), art(plan), "\(s.id) \(c.id) 音乐+美术")
                    for (subject, h) in plan where subject != "音乐" && subject != "美术" {
                        XCTAssertEqual(halves[subject, default: 0], h, "\(s.id) \(c.id) \(subject)")
                    }
                    XCTAssertEqual(halves["班会"], 2, "\(s.id) \(c.id) has one 班会")
                    // Weekly periods include 地方课程 2 and 校本课程 1 in grades 1–9.
                    if c.grade <= 9 {
                        XCTAssertEqual(halves["地方课程"], 4)
                        XCTAssertEqual(halves["校本课程"], 2)
                    }
                }
            }
        }
        XCTAssertTrue(sawPair, "some schools have 单双周 pairs")
    }

    /// No teacher is in two places at once: checked from the rows, district-wide (shared teachers
    /// are one person), for every weekday, period and week parity.
    func testNoTeacherClash() {
        for d in Fixtures.all + [DistrictGenerator.generate(
            GeneratorOptions(schools: 1, seed: 9, term: .autumn2026, classesPerSchool: 120))] {
            assertNoTeacherClash(d)
        }
    }

    /// Jilin's rule: no academic lesson in period 7 (grades 1–6) or period 8 (grades 7–9); and the
    /// 班会 of a grade sits at one fixed afternoon slot, taught by a teacher of the class.
    func testJilinRulesAndHomeroom() {
        let academic: Set<String> = ["道德与法治", "语文", "数学", "英语", "科学", "物理", "化学", "生物", "历史", "地理"]
        var sawLastPeriodUsed = false
        for d in Fixtures.all {
            for s in d.schools {
                let grade = Dictionary(uniqueKeysWithValues: s.classes.map { ($0.id, $0.grade) })
                var homeroomSlot: [Int: Int] = [:]
                var homeroomTeachers: [String] = []
                for r in s.timetable {
                    let g = grade[r.classID]!
                    let last = g <= 6 ? 7 : g <= 9 ? 8 : nil
                    if r.period == last {
                        sawLastPeriodUsed = true
                        XCTAssertFalse(academic.contains(r.subject), "\(s.id) \(r.classID) \(r.subject) in period \(r.period)")
                    }
                    if r.subject == "班会" {
                        let slot = r.weekday * 100 + r.period
                        XCTAssertEqual(homeroomSlot[g, default: slot], slot, "\(s.id) grade \(g) 班会 slot")
                        homeroomSlot[g] = slot
                        XCTAssertEqual(r.teachers.count, 1)
                        let teacher = r.teachers[0]
                        homeroomTeachers.append(teacher)
                        XCTAssertTrue(s.timetable.contains { $0.classID == r.classID && $0.subject != "班会" && $0.teachers.contains(teacher) },
                                      "\(s.id) \(r.classID): 班主任 \(teacher) teaches the class")
                        XCTAssertGreaterThanOrEqual(r.period, 5, "班会 is in the afternoon")
                    }
                }
                XCTAssertEqual(Set(homeroomTeachers).count, homeroomTeachers.count, "one class per 班主任")
            }
        }
        XCTAssertTrue(sawLastPeriodUsed, "the last period is sometimes used (by non-academic lessons)")
    }

    /// Teachers teach one subject to neighbouring grades, with realistic loads.
    func testTeacherLoads() {
        var loads: [Int] = []
        for s in Fixtures.autumn60.schools {
            var load: [String: Int] = [:]
            var subjects: [String: Set<String>] = [:]
            var grades: [String: Set<Int>] = [:]
            let grade = Dictionary(uniqueKeysWithValues: s.classes.map { ($0.id, $0.grade) })
            for r in s.timetable {
                for t in r.teachers {
                    load[t, default: 0] += 1  // a pair row counts for each teacher: it holds their slot
                    if r.subject != "班会" { subjects[t, default: []].insert(r.subject) }
                    grades[t, default: []].insert(grade[r.classID]!)
                }
            }
            for (t, l) in load {
                XCTAssertLessThanOrEqual(l, 19, "\(s.id) \(t)")
                XCTAssertEqual(subjects[t]?.count ?? 0, 1, "\(s.id) \(t) teaches one subject")
                // Main subjects (4+ periods a class) stay within neighbouring grades; a 音乐 or
                // 校本课程 teacher of a small school may teach every grade.
                let g = grades[t]!
                let classes = Set(s.timetable.filter { $0.teachers.contains(t) }.map(\.classID)).count
                if l >= 4 * classes {
                    XCTAssertLessThanOrEqual(g.max()! - g.min()!, 2, "\(s.id) \(t) teaches neighbouring grades")
                }
                if !s.teacher(t)!.psych.teaches || s.teacher(t)!.psych == .part { loads.append(l) }
            }
        }
        loads.sort()
        let median = loads[loads.count / 2]
        XCTAssertTrue((12...18).contains(median), "median load \(median)")
    }
}

final class ConsistencyTests: XCTestCase {
    /// The rules the pack validator checks, from the produced values.
    func testPackRules() {
        for d in Fixtures.all { assertPackRules(d) }
    }

    /// Unusual sizes still give valid districts: 1–3 schools, tiny and very large forced schools.
    func testEdgeSizes() {
        for n in [0, 1, 2, 3, 5] {
            let d = DistrictGenerator.generate(GeneratorOptions(schools: n, seed: 99, term: .spring2026))
            XCTAssertEqual(d.schools.count, max(1, n))
            assertPackRules(d)
        }
        for total in [6, 13, 37, 200] {
            let d = DistrictGenerator.generate(GeneratorOptions(schools: 2, seed: 4, term: .autumn2026,
                                                                tight: true, classesPerSchool: total))
            XCTAssertEqual(d.schools[0].classes.count, total)
            assertPackRules(d)
        }
    }

    private func assertPackRules(_ d: District) {
        assertNoTeacherClash(d)
        do {
            XCTAssertLessThan(d.termStart, d.termEnd)
            var teacherSeen: [String: Teacher] = [:]
            for s in d.schools {
                let teacherIDs = Set(s.teachers.map(\.id))
                XCTAssertEqual(teacherIDs.count, s.teachers.count, "\(s.id): unique teacher ids")
                XCTAssertEqual(s.teachers.map(\.id), s.teachers.map(\.id).sorted())
                let classIDs = Set(s.classes.map(\.id))
                XCTAssertEqual(classIDs.count, s.classes.count)
                for c in s.classes { XCTAssertTrue(s.stages.contains(c.stage)) }
                var used: [String: Int] = [:]
                for r in s.timetable {
                    XCTAssertTrue(classIDs.contains(r.classID))
                    XCTAssertTrue((1...s.daysPerWeek).contains(r.weekday))
                    XCTAssertTrue((1...s.periodsPerDay).contains(r.period))
                    for t in r.teachers { XCTAssertTrue(teacherIDs.contains(t), "\(s.id): \(t) listed") }
                    XCTAssertEqual(r.teachers.count, r.subject == "自习" ? 0 : 1)
                    let key = "\(r.classID)|\(r.weekday)|\(r.period)"
                    XCTAssertEqual(used[key, default: 0] & weekMask(r.weeks), 0, "\(s.id) \(key) twice")
                    used[key, default: 0] |= weekMask(r.weeks)
                }
                for t in s.teachers {
                    XCTAssertFalse(t.id.isEmpty || t.id.contains(",") || t.id.contains(";"))
                    XCTAssertTrue(t.id.hasPrefix("S"))
                    XCTAssertFalse(t.name.isEmpty)
                    if t.psych.teaches {
                        XCTAssertFalse(t.stages.isEmpty)
                        for st in t.stages { XCTAssertTrue(s.stages.contains(st), "\(s.id) \(t.id) stage") }
                        XCTAssertNotNil(t.maxPerDay)
                        XCTAssertNotNil(t.maxPerWeek)
                    }
                    // A teacher listed by two schools is the same person with the same fields.
                    if let other = teacherSeen[t.id] { XCTAssertEqual(other, t, "shared \(t.id)") }
                    teacherSeen[t.id] = t
                }
                for u in s.unavailable {
                    XCTAssertTrue(teacherIDs.contains(u.teacher))
                    switch u.when {
                    case .date(let date):
                        XCTAssertTrue(d.termStart <= date && date <= d.termEnd)
                        XCTAssertTrue((1...5).contains(date.weekday))
                    case .weekday(let w): XCTAssertTrue((1...s.daysPerWeek).contains(w))
                    }
                    for p in u.periods ?? [] { XCTAssertTrue((1...s.periodsPerDay).contains(p)) }
                }
            }
            for e in d.calendar {
                XCTAssertTrue(d.termStart <= e.date && e.date <= d.termEnd, "\(e.date) inside the term")
                if e.kind == .makeup {
                    XCTAssertTrue((6...7).contains(e.date.weekday), "a make-up day is a weekend day")
                    XCTAssertTrue((1...5).contains(e.followsWeekday ?? 0))
                } else {
                    XCTAssertNil(e.followsWeekday)
                }
            }
            XCTAssertEqual(d.calendar.map(\.date), d.calendar.map(\.date).sorted())
            XCTAssertEqual(Set(d.calendar.map(\.date)).count, d.calendar.count)
        }
    }

    func testPsychologyStaffing() {
        let d = Fixtures.autumn60
        var shortStages = 0
        var listed: [String: Int] = [:]
        for s in d.schools {
            for stage in s.stages {
                let psych = s.teachers.filter { $0.canTeach(stage) }
                XCTAssertFalse(psych.isEmpty, "\(s.id) \(stage) has some psychology teacher")
                let full = psych.filter { $0.psych == .full }
                if full.isEmpty || psych.count == 1 { shortStages += 1 }
                for t in full {
                    XCTAssertTrue((12...16).contains(t.maxPerWeek!))
                    XCTAssertTrue((3...4).contains(t.maxPerDay!))
                    let rows = s.timetable.filter { $0.teachers.contains(t.id) }
                    XCTAssertLessThanOrEqual(rows.count, 4, "full-time teachers have few rows")
                    XCTAssertTrue(rows.allSatisfy { $0.subject == "校本课程" })
                }
                for t in psych where t.psych == .part {
                    XCTAssertTrue((2...4).contains(t.maxPerWeek!))
                    XCTAssertTrue((1...2).contains(t.maxPerDay!))
                    let subjects = Set(s.timetable.filter { $0.teachers.contains(t.id) }.map(\.subject))
                    XCTAssertTrue(subjects.contains("班会") || subjects.contains("道德与法治") || subjects.contains("思想政治"),
                                  "\(s.id) \(t.id): part-time teachers are 班主任 or 道德与法治 teachers")
                }
            }
            for t in s.psychTeachers { listed[t.id, default: 0] += 1 }
        }
        // About 15% of 60 schools (9) are short in one stage.
        XCTAssertGreaterThanOrEqual(shortStages, 9)
        XCTAssertLessThanOrEqual(shortStages, 14)
        let shared = listed.filter { $0.value == 2 }.keys.sorted()
        XCTAssertGreaterThanOrEqual(shared.count, 2, "some 巡回 teachers")
        for id in shared {
            XCTAssertTrue(d.schools.allSatisfy { s in !s.timetable.contains { $0.teachers.contains(id) } },
                          "a shared teacher has no timetable rows")
        }
        // Training days (whole day) and weekly half-days.
        let all = d.schools.flatMap(\.unavailable)
        XCTAssertTrue(all.contains { $0.reason == "区心理教师培训" && $0.periods == nil })
        XCTAssertTrue(all.contains {
            if case .weekday = $0.when { return $0.periods == Set(1...4) }
            return false
        })
    }

    func testTightHasLessPsychologyCapacity() {
        for seed: UInt64 in [1, 2026] {
            for term in TermPreset.allCases {
                let normal = DistrictGenerator.generate(GeneratorOptions(schools: 20, seed: seed, term: term))
                let tight = DistrictGenerator.generate(GeneratorOptions(schools: 20, seed: seed, term: term, tight: true))
                func capacity(_ d: District) -> Int {
                    var seen: Set<String> = []
                    var sum = 0
                    for s in d.schools {
                        for t in s.psychTeachers where seen.insert(t.id).inserted { sum += t.maxPerWeek ?? 0 }
                    }
                    return sum
                }
                XCTAssertLessThan(capacity(tight) * 10, capacity(normal) * 7, "roughly half")
                XCTAssertLessThan(tight.schools.flatMap(\.psychTeachers).count,
                                  normal.schools.flatMap(\.psychTeachers).count)
                // Same schools, classes and timetables.
                XCTAssertEqual(tight.schools.map(\.classes), normal.schools.map(\.classes))
                XCTAssertEqual(tight.schools.map(\.timetable), normal.schools.map(\.timetable))
                XCTAssertFalse(tight.policy.useFreePeriods)
                XCTAssertTrue(normal.policy.useFreePeriods)
                XCTAssertTrue(tight.policy.monthMinimum.isEmpty)
            }
        }
    }

    func testPolicy() {
        let p = Fixtures.autumn10.policy
        XCTAssertEqual(p.lessonsPerMonth, 2)
        XCTAssertEqual(p.maxPerWeek, 1)
        XCTAssertTrue(p.sameTeacher)
        XCTAssertTrue(p.useFreePeriods)
        XCTAssertEqual(p.freePeriodCost, 4)
        XCTAssertEqual(p.displaceable, ["班会": 3, "地方课程": 1, "校本课程": 1, "自习": 2])
        XCTAssertEqual(p.monthMinimum, ["2027-01": 1])
        XCTAssertEqual(Fixtures.spring10.policy.monthMinimum, ["2026-07": 1])
    }
}

final class CalendarTests: XCTestCase {
    private func dates(_ d: District, _ kind: CalendarKind) -> [String] {
        d.calendar.filter { $0.kind == kind }.map(\.date.iso)
    }

    func testAutumnCalendar() {
        let d = Fixtures.autumn10
        XCTAssertEqual(d.termStart.iso, "2026-09-01")
        XCTAssertEqual(d.termEnd.iso, "2027-01-15")
        XCTAssertEqual(dates(d, .holiday), [
            "2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03",
            "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07", "2027-01-01"])
        XCTAssertEqual(d.calendar.filter { $0.kind == .makeup }.map { "\($0.date.iso)>\($0.followsWeekday!)" },
                       ["2026-09-20>3", "2026-10-10>2"], "make-up days run the compensated holiday's weekday, as the importer's calendar")
        XCTAssertEqual(dates(d, .closure), ["2026-12-07", "2026-12-08"])
        XCTAssertEqual(dates(d, .exam), ["2027-01-11", "2027-01-12", "2027-01-13", "2027-01-14", "2027-01-15"])
    }

    func testSpringCalendar() {
        let d = Fixtures.spring10
        XCTAssertEqual(d.termStart.iso, "2026-03-02")
        XCTAssertEqual(d.termEnd.iso, "2026-07-10")
        XCTAssertEqual(dates(d, .holiday), [
            "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
            "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21"])
        XCTAssertEqual(d.calendar.filter { $0.kind == .makeup }.map { "\($0.date.iso)>\($0.followsWeekday!)" },
                       ["2026-05-09>2"])
        XCTAssertEqual(dates(d, .closure), [])
        XCTAssertEqual(dates(d, .exam), ["2026-04-27", "2026-04-28",
                                         "2026-07-06", "2026-07-07", "2026-07-08", "2026-07-09", "2026-07-10"])
    }

    /// The embedded dates agree with the official list in ../shared (skipped when it is absent):
    /// the holidays and make-up days of the calendar are exactly the official ones inside the term,
    /// apart from the assumed 2027-01-01.
    func testMatchesOfficialList() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("shared/data/calendar/cn-public-holidays-2025-2026.csv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw XCTSkip("shared/data/calendar not present")
        }
        let official = text.split(whereSeparator: \.isNewline).dropFirst().map { line -> String in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(f[0]) \(f[1])"
        }
        for d in [Fixtures.autumn10, Fixtures.spring10] {
            let inTerm = official.filter { $0 >= d.termStart.iso && $0 <= d.termEnd.iso + " ~" }
            XCTAssertFalse(inTerm.isEmpty)
            let ours = d.calendar.filter { ($0.kind == .holiday || $0.kind == .makeup) && $0.date.iso != "2027-01-01" }
                .map { "\($0.date.iso) \($0.kind.rawValue)" }
            XCTAssertEqual(ours, inTerm)
        }
    }
}

final class PerformanceTests: XCTestCase {
    /// Single schools of 72 and 120 classes (benchmarks of one school) generate quickly.
    func testLargeSingleSchoolsAreFast() {
        for total in [72, 120] {
            let start = Date()
            let d = DistrictGenerator.generate(GeneratorOptions(schools: 1, seed: 17, term: .autumn2026,
                                                                classesPerSchool: total))
            let seconds = Date().timeIntervalSince(start)
            XCTAssertEqual(d.schools[0].classes.count, total)
            XCTAssertLessThan(seconds, 2.0, "\(total) classes took \(seconds) s")
            print("generated \(total) classes in \(seconds) s, \(d.schools[0].teachers.count) teachers")
        }
    }
}
