import XCTest
@testable import XinyuPack

/// classes.csv, timetable.csv, teachers.csv and unavailable.csv of a school.
final class SchoolTablesTests: XCTestCase {
    // MARK: classes.csv

    let classes = "schools/A/classes.csv"
    func classRows(_ rows: String) -> [String: String] { pack([classes: "class,grade,stage,students\n" + rows]) }

    func testClassID() {
        assertError(classRows("C1,1,primary,\n,2,primary,\n\"C,3\",1,primary,\n"), at: classes, line: 3, "class id \"\" is empty", field: "class")
        assertError(classRows("C1,1,primary,\nC2,2,primary,\n\"C,3\",1,primary,\n"), at: classes, line: 4,
                    "class id \"C,3\" contains a comma or a semicolon")
    }

    func testClassListedTwice() {
        assertError(classRows("C1,1,primary,\nC2,2,primary,\nC1,3,primary,\n"), at: classes, line: 4, "class \"C1\" is listed twice (also at line 2)")
    }

    func testGrade() {
        assertError(classRows("C1,13,primary,\nC2,2,primary,\n"), at: classes, line: 2, "grade \"13\" is not 1–12", field: "grade")
        assertError(classRows("C1,一,primary,\nC2,2,primary,\n"), at: classes, line: 2, "grade \"一\" is not 1–12")
    }

    func testStage() {
        assertError(classRows("C1,1,primary,\nC2,7,junior,\n"), at: classes, line: 3,
                    "stage \"junior\" is not one of the school's stages (primary in school.toml)", field: "stage")
        assertError(classRows("C1,1,小学,\nC2,2,primary,\n"), at: classes, line: 2, "stage \"小学\" is not one of primary, junior, senior")
    }

    func testStudents() {
        assertError(classRows("C1,1,primary,-1\nC2,2,primary,\n"), at: classes, line: 2, "students \"-1\" is not a whole number ≥ 0", field: "students")
        assertError(classRows("C1,1,primary,40人\nC2,2,primary,\n"), at: classes, line: 2, "students \"40人\" is not a whole number ≥ 0")
    }

    func testSchoolWithNoClasses() {
        var files = classRows("")
        files["schools/A/timetable.csv"] = "class,weekday,period,subject,teacher\n"
        assertError(files, at: classes, line: nil, "the school has no classes")
    }

    // MARK: timetable.csv

    let timetable = "schools/A/timetable.csv"
    func timetableRows(_ rows: String) -> [String: String] { pack([timetable: "class,weekday,period,subject,teacher,weeks\n" + rows]) }

    func testUnknownClass() {
        assertError(timetableRows("C1,1,1,语文,T2,\nC9,1,1,语文,T2,\n"), at: timetable, line: 3, "unknown class \"C9\" (not in classes.csv)", field: "class")
    }

    func testWeekday() {
        assertError(timetableRows("C1,8,1,语文,T2,\n"), at: timetable, line: 2, "weekday \"8\" is not 1–5", field: "weekday")
        assertError(timetableRows("C1,6,1,语文,T2,\n"), at: timetable, line: 2, "weekday \"6\" is not 1–5")
        assertError(timetableRows("C1,周一,1,语文,T2,\n"), at: timetable, line: 2, "weekday \"周一\" is not 1–5")
        // A six-day school may use Saturday.
        var six = timetableRows("C1,6,1,语文,T2,\n")
        six["schools/A/school.toml"] = "name = \"A\"\nstages = [\"primary\"]\ndays_per_week = 6\nperiods_per_day = 7\n"
        XCTAssertEqual(load(six)?.district.schools[0].timetable.first?.weekday, 6)
    }

    func testPeriod() {
        assertError(timetableRows("C1,1,8,语文,T2,\n"), at: timetable, line: 2, "period \"8\" is not 1–7", field: "period")
        assertError(timetableRows("C1,1,0,语文,T2,\n"), at: timetable, line: 2, "period \"0\" is not 1–7")
    }

    func testSubject() {
        assertError(timetableRows("C1,1,1,,T2,\n"), at: timetable, line: 2, "subject is empty", field: "subject")
    }

    func testTeachers() {
        assertError(timetableRows("C1,1,1,语文,T9,\n"), at: timetable, line: 2, "unknown teacher \"T9\" (not in teachers.csv)", field: "teacher")
        assertError(timetableRows("C1,1,1,语文,T2;T8,\n"), at: timetable, line: 2, "unknown teacher \"T8\"")
        assertError(timetableRows("C1,1,1,语文,T2;,\n"), at: timetable, line: 2, "teacher \"T2;\" is not a teacher id or ids joined by \";\"")
        let loaded = load(timetableRows("C1,1,1,语文,T2; T1,\nC2,1,1,自习,,\n"))
        XCTAssertEqual(loaded?.district.schools[0].timetable.map(\.teachers), [["T2", "T1"], []])
    }

    func testWeeks() {
        assertError(timetableRows("C1,1,1,语文,T2,单\n"), at: timetable, line: 2, "weeks \"单\" is not all, odd, even or empty", field: "weeks")
        let loaded = load(timetableRows("C1,1,1,语文,T2,ODD\nC1,1,1,数学,T2,Even\n"))
        XCTAssertEqual(loaded?.district.schools[0].timetable.map(\.weeks), [.odd, .even])
    }

    func testOverlappingRowsNameBothLines() {
        let overlap = "lines 2 and 4"
        assertError(timetableRows("C1,1,1,语文,T2,\nC1,1,2,数学,T2,\nC1,1,1,音乐,T2,odd\n"), at: timetable, line: 4,
                    "class \"C1\" has two rows for weekday 1 period 1 in the same weeks (\(overlap): all and odd)")
        assertError(timetableRows("C1,1,1,语文,T2,even\nC1,1,2,数学,T2,\nC1,1,1,音乐,T2,even\n"), at: timetable, line: 4, overlap)
        assertError(timetableRows("C1,1,1,语文,T2,\nC1,1,2,数学,T2,\nC1,1,1,音乐,T2,\n"), at: timetable, line: 4, overlap)
        // Odd and even at the same slot, or the same slot in another class, are fine.
        XCTAssertNotNil(load(timetableRows("C1,1,1,语文,T2,odd\nC1,1,1,数学,T2,even\nC2,1,1,音乐,T2,\n")))
    }

    // MARK: teachers.csv

    let teachers = "schools/A/teachers.csv"
    func teacherRows(_ rows: String) -> [String: String] {
        pack([teachers: "teacher,name,psych,stages,max_per_day,max_per_week\n" + rows])
    }

    func testTeacherListedTwice() {
        assertError(teacherRows("T1,张,full,primary,,\nT2,李,none,,,\nT1,王,none,,,\n"), at: teachers, line: 4,
                    "teacher \"T1\" is listed twice (also at line 2)", field: "teacher")
    }

    func testPsych() {
        assertError(teacherRows("T1,张,yes,primary,,\nT2,李,none,,,\n"), at: teachers, line: 2,
                    "psych \"yes\" is not one of full, part, none", field: "psych")
    }

    func testStagesRequiredForPsychologyTeachers() {
        assertError(teacherRows("T1,张,part,,,\nT2,李,none,,,\n"), at: teachers, line: 2,
                    "a part psychology teacher needs stages", field: "stages")
        assertError(teacherRows("T1,张,full,primary;初中,,\nT2,李,none,,,\n"), at: teachers, line: 2,
                    "stage \"初中\" is not one of primary, junior, senior")
        assertError(teacherRows("T1,张,full,primary;primary,,\nT2,李,none,,,\n"), at: teachers, line: 2,
                    "stage \"primary\" is listed twice")
    }

    func testLimits() {
        assertError(teacherRows("T1,张,full,primary,-1,\nT2,李,none,,,\n"), at: teachers, line: 2,
                    "max_per_day \"-1\" is not empty or a whole number ≥ 0", field: "max_per_day")
        assertError(teacherRows("T1,张,full,primary,,两节\nT2,李,none,,,\n"), at: teachers, line: 2,
                    "max_per_week \"两节\" is not empty or a whole number ≥ 0", field: "max_per_week")
        let loaded = load(teacherRows("T1,张,full,primary,0,3\nT2,李,none,,,\n"))
        XCTAssertEqual(loaded?.district.schools[0].teachers.first, Teacher(id: "T1", name: "张", psych: .full, stages: [.primary], maxPerDay: 0, maxPerWeek: 3))
    }

    func testSharedTeacherMustAgreeAcrossSchools() {
        var files = basePack
        for (key, value) in basePack where key.hasPrefix("schools/A/") {
            files["schools/B/" + key.dropFirst("schools/A/".count)] = value
        }
        files["schools/B/teachers.csv"] = "teacher,name,psych,stages,max_per_day,max_per_week\nT2,李,none,,,\nT1,张,part,primary;junior,,4\n"
        assertError(files, at: "schools/B/teachers.csv", line: 3,
                    "teacher \"T1\" is also in schools/A/teachers.csv:2 and must agree there (one person): psych \"part\" here, \"full\" there; stages \"primary;junior\" here, \"primary\" there; max_per_week \"4\" here, \"\" there")
        // The same teacher written alike (another name, stages in another order) is fine.
        files["schools/A/teachers.csv"] = "teacher,name,psych,stages,max_per_day,max_per_week\nT1,张,full,primary;junior,,\nT2,李,none,,,\n"
        files["schools/B/teachers.csv"] = "teacher,name,psych,stages,max_per_day,max_per_week\nT2,李,none,,,\nT1,张老师,full,junior;primary,,\n"
        XCTAssertEqual(load(files)?.district.schools.count, 2)
    }

    // MARK: unavailable.csv

    let unavailable = "schools/A/unavailable.csv"
    func unavailableRows(_ rows: String) -> [String: String] { pack([unavailable: "teacher,when,periods,reason\n" + rows]) }

    func testUnavailableValues() {
        let loaded = load(unavailableRows("T1,2026-10-20,,培训\nT1,3,1-3;6,教研\nT2,7, 2 - 4 ,\n"))
        XCTAssertEqual(loaded?.district.schools[0].unavailable, [
            Unavailability(teacher: "T1", when: .date(CivilDate(iso: "2026-10-20")!), periods: nil, reason: "培训"),
            Unavailability(teacher: "T1", when: .weekday(3), periods: [1, 2, 3, 6], reason: "教研"),
            Unavailability(teacher: "T2", when: .weekday(7), periods: [2, 3, 4], reason: ""),
        ])
    }

    func testUnavailableUnknownTeacher() {
        assertError(unavailableRows("T9,1,,\n"), at: unavailable, line: 2, "unknown teacher \"T9\" (not in teachers.csv)", field: "teacher")
    }

    func testUnavailableWhen() {
        assertError(unavailableRows("T1,8,,\n"), at: unavailable, line: 2, "when \"8\" is not a date like 2026-10-20 or a weekday 1–7", field: "when")
        assertError(unavailableRows("T1,2026/10/20,,\n"), at: unavailable, line: 2, "when \"2026/10/20\" is not a date")
        assertError(unavailableRows("T1,2027-02-01,,\n"), at: unavailable, line: 2, "date \"2027-02-01\" is outside the term 2026-09-01 – 2027-01-15")
    }

    func testUnavailablePeriods() {
        assertError(unavailableRows("T1,1,1-8,\n"), at: unavailable, line: 2, "periods \"1-8\": \"1-8\" is not within 1–7", field: "periods")
        assertError(unavailableRows("T1,1,3-1,\n"), at: unavailable, line: 2, "range \"3-1\" is backwards")
        assertError(unavailableRows("T1,1,1;;2,\n"), at: unavailable, line: 2, "\"\" is not a period or a range")
        assertError(unavailableRows("T1,1,0,\n"), at: unavailable, line: 2, "\"0\" is not within 1–7")
    }
}
