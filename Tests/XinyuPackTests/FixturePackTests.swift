import Foundation
import XCTest
@testable import XinyuPack

final class FixturePackTests: XCTestCase {
    var fixture: String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/valid-pack").path
    }

    func testFixtureLoadsWithTheRightValues() throws {
        let loaded = try PackReader.load(path: fixture)
        XCTAssertEqual(loaded.notes, [])
        XCTAssertEqual(loaded.root, fixture)
        let d = loaded.district
        XCTAssertEqual(d.name, "昌邑区")
        XCTAssertEqual(d.termStart, CivilDate(year: 2026, month: 9, day: 1))
        XCTAssertEqual(d.termEnd, CivilDate(year: 2027, month: 1, day: 15))

        XCTAssertEqual(d.policy.lessonsPerMonth, 2)
        XCTAssertEqual(d.policy.maxPerWeek, 1)
        XCTAssertTrue(d.policy.sameTeacher)
        XCTAssertTrue(d.policy.useFreePeriods)
        XCTAssertEqual(d.policy.freePeriodCost, 0)
        XCTAssertEqual(d.policy.displaceable, ["班会": 3, "地方课程": 1, "校本课程": 1.5])
        XCTAssertEqual(d.policy.monthMinimum, ["2027-01": 1])
        XCTAssertEqual(d.policy.minimum(forMonth: "2027-01"), 1)
        XCTAssertEqual(d.policy.minimum(forMonth: "2026-10"), 2)
        XCTAssertEqual(d.preferences.rhythm, 3)
        XCTAssertEqual(d.preferences.displacement, PreferenceWeights().displacement)

        XCTAssertEqual(d.calendar, [
            CalendarEntry(date: CivilDate(iso: "2026-10-01")!, kind: .holiday, note: "国庆节"),
            CalendarEntry(date: CivilDate(iso: "2026-10-10")!, kind: .makeup, followsWeekday: 5, note: "国庆调休"),
            CalendarEntry(date: CivilDate(iso: "2026-12-15")!, kind: .closure, note: "冰雪假期"),
            CalendarEntry(date: CivilDate(iso: "2027-01-12")!, kind: .exam, note: "期末考试"),
        ])

        XCTAssertEqual(d.schools.map(\.id), ["S01", "S02"])
        let s1 = d.schools[0]
        XCTAssertEqual(s1.name, "昌邑区第一实验小学")
        XCTAssertEqual(s1.stages, [.primary])
        XCTAssertEqual(s1.daysPerWeek, 5)
        XCTAssertEqual(s1.periodsPerDay, 7)
        XCTAssertEqual(s1.periodTimes.count, 7)
        XCTAssertEqual(s1.periodTimes.first, "08:00-08:40")
        XCTAssertEqual(s1.classes, [
            SchoolClass(id: "一年级1班", grade: 1, stage: .primary, students: 45),
            SchoolClass(id: "一年级2班", grade: 1, stage: .primary, students: nil),
        ])
        XCTAssertEqual(s1.timetable, [
            TimetableRow(classID: "一年级1班", weekday: 1, period: 1, subject: "语文", teachers: ["T02"], weeks: .all, line: 2),
            TimetableRow(classID: "一年级1班", weekday: 1, period: 2, subject: "班会", teachers: ["T02"], weeks: .odd, line: 3),
            TimetableRow(classID: "一年级1班", weekday: 1, period: 2, subject: "地方课程", teachers: ["T03"], weeks: .even, line: 4),
            TimetableRow(classID: "一年级1班", weekday: 2, period: 3, subject: "数学", teachers: ["T02", "T03"], weeks: .all, line: 5),
            TimetableRow(classID: "一年级2班", weekday: 1, period: 1, subject: "数学", teachers: ["T03"], weeks: .all, line: 6),
        ])
        XCTAssertEqual(s1.teachers[0], Teacher(id: "T01", name: "王芳", psych: .full, stages: [.primary, .junior], maxPerDay: 2, maxPerWeek: 8))
        XCTAssertEqual(s1.teachers[1], Teacher(id: "T02", name: "李明", psych: .none))
        XCTAssertEqual(s1.psychTeachers.map(\.id), ["T01"])
        XCTAssertEqual(s1.unavailable, [
            Unavailability(teacher: "T01", when: .date(CivilDate(iso: "2026-10-20")!), periods: nil, reason: "培训"),
            Unavailability(teacher: "T01", when: .weekday(3), periods: [1, 2, 3, 6], reason: "教研活动"),
        ])

        let s2 = d.schools[1]
        XCTAssertEqual(s2.stages, [.junior, .senior])
        XCTAssertEqual(s2.daysPerWeek, 5, "default days_per_week")
        XCTAssertEqual(s2.periodsPerDay, 8, "default periods_per_day")
        XCTAssertEqual(s2.periodTimes, [])
        XCTAssertEqual(s2.timetable.map(\.weeks), [.all, .all], "no weeks column means every week")
        XCTAssertEqual(s2.timetable[1].teachers, [])
        XCTAssertEqual(s2.teacher("T10"), Teacher(id: "T10", name: "陈刚", psych: .part, stages: [.junior, .senior], maxPerDay: nil, maxPerWeek: 4))
        XCTAssertEqual(s2.unavailable, [])
    }

    func testBasePackIsValid() {
        let loaded = load(basePack)
        XCTAssertEqual(loaded?.district.schools.first?.timetable.count, 3)
        XCTAssertEqual(loaded?.district.calendar, [])
        XCTAssertEqual(loaded?.district.policy, Policy(), "defaults when [policy] is absent")
    }
}
