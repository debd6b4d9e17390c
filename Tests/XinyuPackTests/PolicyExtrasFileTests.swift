import Foundation
import XCTest
@testable import XinyuPack

/// The policy extras in the pack: school.toml `[counseling_room]`, `[activity_room]`,
/// `[lectures]`, district.toml `[topics]`, unavailable.csv `kind`, calendar kind `training`,
/// lessons.csv, and writing them back.
final class PolicyExtrasFileTests: XCTestCase {
    let schoolPath = "schools/A/school.toml"

    /// A school.toml using every key of the extras, one per line (line numbers in the comments).
    static let schoolLines = [
        "name = \"A\"",                                                                   // 1
        "stages = [\"primary\"]",                                                         // 2
        "periods_per_day = 7",                                                            // 3
        "period_times = [\"08:00-08:40\", \"08:50-09:30\", \"09:40-10:20\", \"10:30-11:10\", \"14:00-14:40\", \"14:50-15:30\", \"15:40-16:20\"]", // 4
        "",                                                                               // 5
        "[counseling_room]",                                                              // 6
        "hours_per_week = 8",                                                             // 7
        "parent_slots_per_week = 1",                                                      // 8
        "windows = [\"1-5:12:10-13:00\", \"3:16:30-17:30 all\", \"6:09:00-11:00 parents\"]", // 9
        "max_teacher_hours_per_week = 4.5",                                               // 10
        "counts_toward_limits = true",                                                    // 11
        "",                                                                               // 12
        "[activity_room]",                                                                // 13
        "rooms = 2",                                                                      // 14
        "share = 0.34",                                                                   // 15
        "",                                                                               // 16
        "[lectures]",                                                                     // 17
        "grades = [2, 1]",                                                                // 18
        "area = \"情绪调适\"",                                                            // 19
        "title = \"认识情绪\"",                                                           // 20
    ]

    /// The pack with school.toml's line `n` (1-based) replaced (a comment keeps the numbering).
    func school(_ changes: [Int: String] = [:]) -> [String: String] {
        var lines = Self.schoolLines
        for (n, text) in changes { lines[n - 1] = text }
        return pack([schoolPath: lines.joined(separator: "\n") + "\n"])
    }

    static let districtHead = "name = \"测试区\"\n[term]\nstart = 2026-09-01\nend = 2027-01-15\n\n[topics]\n"  // [topics] at line 6

    func topics(_ lines: String...) -> [String: String] {
        pack(["district.toml": Self.districtHead + lines.joined(separator: "\n") + "\n"])
    }

    // MARK: - school.toml

    func testSchoolExtrasParsed() {
        guard let s = load(school())?.district.schools.first else { return }
        XCTAssertEqual(s.counselingRoom, CounselingRoomPolicy(
            hoursPerWeek: 8, parentSlotsPerWeek: 1,
            windows: [DutyWindow(weekdays: [1, 2, 3, 4, 5], start: 730, end: 780),
                      DutyWindow(weekdays: [3], start: 990, end: 1050, audience: .all),
                      DutyWindow(weekdays: [6], start: 540, end: 660, audience: .parents)],
            maxTeacherHoursPerWeek: 4.5, countsTowardLimits: true))
        XCTAssertEqual(s.activityRoom, ActivityRoomPolicy(rooms: 2, share: 0.34))
        XCTAssertEqual(s.lectures, LecturePolicy(grades: [1, 2], area: "情绪调适", title: "认识情绪"))
    }

    func testSchoolExtrasDefaultsAndAbsence() {
        let plain = load(pack([schoolPath: "name = \"A\"\nstages = [\"primary\"]\n"]))?.district.schools.first
        XCTAssertNil(plain?.counselingRoom)
        XCTAssertNil(plain?.activityRoom)
        XCTAssertNil(plain?.lectures)
        // Only the required keys: hours for the room, grades for lectures; the rest defaults.
        let minimal = load(pack([schoolPath: "name = \"A\"\nstages = [\"primary\"]\n[counseling_room]\nhours_per_week = 6\n"
                                 + "[activity_room]\n[lectures]\ngrades = [1]\n"]))?.district.schools.first
        XCTAssertEqual(minimal?.counselingRoom, CounselingRoomPolicy(hoursPerWeek: 6))
        XCTAssertEqual(minimal?.activityRoom, ActivityRoomPolicy(rooms: 1, share: 0))
        XCTAssertEqual(minimal?.lectures, LecturePolicy(grades: [1], area: "自我意识", title: ""))
    }

    func testCounselingRoomErrors() {
        assertError(school([9: "windows = [\"1-5:12:10-13:00\", \"8:12:00-13:00\"]"]), at: schoolPath, line: 9,
                    "counseling_room.windows entry \"8:12:00-13:00\" is not like", field: "counseling_room.windows")
        assertError(school([9: "windows = \"1-5:12:10-13:00\""]), at: schoolPath, line: 9,
                    "counseling_room.windows must be a list", field: "counseling_room.windows")
        // Windows need the bell times to know which periods they overlap: without them no duty is
        // planned (a note), as packs written before duty existed keep loading.
        let noTimes = load(school([4: "# no period_times"]))
        XCTAssertEqual(noTimes?.district.schools.first?.counselingRoom?.windows, [])
        XCTAssertTrue(noTimes?.notes.contains { $0.message.contains("without period_times: no duty is planned") && $0.location.line == 9 } ?? false)
        assertError(school([7: "hours_per_week = 200"]), at: schoolPath, line: 7,
                    "counseling_room.hours_per_week \"200\" is not a number of hours 0–168", field: "counseling_room.hours_per_week")
        assertError(school([7: "# no hours"]), at: schoolPath, line: 6, "missing key \"hours_per_week\" in [counseling_room]")
        assertError(school([8: "parent_slots_per_week = -1"]), at: schoolPath, line: 8,
                    "counseling_room.parent_slots_per_week \"-1\" is not a whole number 0–50", field: "counseling_room.parent_slots_per_week")
        assertError(school([9: "windows = []"]), at: schoolPath, line: 8,
                    "parent_slots_per_week is 1 but no window is given", field: "counseling_room.parent_slots_per_week")
        assertError(school([10: "max_teacher_hours_per_week = 0"]), at: schoolPath, line: 10,
                    "counseling_room.max_teacher_hours_per_week \"0\" is not a number of hours above 0", field: "counseling_room.max_teacher_hours_per_week")
        assertError(school([11: "counts_toward_limits = \"yes\""]), at: schoolPath, line: 11,
                    "counseling_room.counts_toward_limits \"yes\" must be true or false", field: "counseling_room.counts_toward_limits")
        assertError(school([6: "counseling_room = 3", 7: "", 8: "", 9: "", 10: "", 11: ""]), at: schoolPath, line: 6,
                    "counseling_room must be a table")
    }

    func testActivityRoomErrors() {
        assertError(school([15: "share = 1.5"]), at: schoolPath, line: 15,
                    "activity_room.share \"1.5\" is not a number 0–1", field: "activity_room.share")
        assertError(school([14: "rooms = -1"]), at: schoolPath, line: 14,
                    "activity_room.rooms \"-1\" is not a whole number 0–50", field: "activity_room.rooms")
        assertError(school([14: "rooms = 51"]), at: schoolPath, line: 14, "activity_room.rooms \"51\" is not a whole number 0–50")
        assertError(school([14: "rooms = 1.5"]), at: schoolPath, line: 14, "activity_room.rooms \"1.5\" is not a whole number")
        assertError(school([14: "rooms = 0"]), at: schoolPath, line: 15,
                    "activity_room.share is 0.34 but rooms is 0", field: "activity_room.share")
        // No rooms and no share is a school without an activity room, said explicitly.
        XCTAssertEqual(load(school([14: "rooms = 0", 15: "share = 0"]))?.district.schools.first?.activityRoom,
                       ActivityRoomPolicy(rooms: 0, share: 0))
    }

    func testLecturesErrors() {
        assertError(school([18: "grades = [13]"]), at: schoolPath, line: 18,
                    "lectures.grades entry \"13\" is not a grade 1–12", field: "lectures.grades")
        assertError(school([18: "grades = [1, 1]"]), at: schoolPath, line: 18, "lectures.grades entry \"1\" is not a grade 1–12 (each once)")
        assertError(school([18: "grades = 1"]), at: schoolPath, line: 18, "lectures.grades must be a list", field: "lectures.grades")
        assertError(school([18: "# no grades"]), at: schoolPath, line: 17, "missing key \"grades\" in [lectures]")
        assertError(school([19: "area = \"数学\""]), at: schoolPath, line: 19,
                    "lectures.area \"数学\" is not one of \"学习\", \"生活\", \"自我意识\", \"情绪调适\", \"人际交往\"", field: "lectures.area")
        // A title that is not text is an error, not a silently dropped [lectures].
        assertError(school([20: "title = 3"]), at: schoolPath, line: 20, "lectures.title \"3\" must be a string", field: "lectures.title")
    }

    func testUnknownExtrasKeyIsANote() {
        let loaded = load(school([15: "sharing = 0.5"]))
        XCTAssertEqual(loaded?.notes.map(\.description), ["schools/A/school.toml:15: note: unknown key \"activity_room.sharing\" ignored / 未知的键 \"activity_room.sharing\" 已忽略"])
        XCTAssertEqual(loaded?.district.schools.first?.activityRoom, ActivityRoomPolicy(rooms: 2, share: 0))
    }

    // MARK: - district.toml [topics]

    func testTopicsParsed() {
        let loaded = load(topics("primary = [\"学习:学会学习\", \"人际交往\", \"情绪调适:认识情绪\", \"生活\", \"自我意识\", \"学习:时间管理\"]",
                                 "grade7 = [\"自我意识:我是谁\", \"学习\", \"人际交往\", \"情绪调适\", \"生活\"]"))
        guard let plan = loaded?.district.topics else { return }
        XCTAssertEqual(plan.byStage[.primary], [
            TopicPlan.Topic(area: "学习", title: "学会学习"), TopicPlan.Topic(area: "人际交往"),
            TopicPlan.Topic(area: "情绪调适", title: "认识情绪"), TopicPlan.Topic(area: "生活"), TopicPlan.Topic(area: "自我意识"),
            TopicPlan.Topic(area: "学习", title: "时间管理"),
        ])
        XCTAssertEqual(plan.byGrade.keys.sorted(), [7])
        XCTAssertEqual(plan.byGrade[7]?.first, TopicPlan.Topic(area: "自我意识", title: "我是谁"))
        XCTAssertNil(plan.byStage[.junior])
        // Grade 7 takes its own list, grade 8 the junior default.
        XCTAssertEqual(plan.topics(grade: 7, stage: .junior).first?.title, "我是谁")
        XCTAssertEqual(plan.topics(grade: 8, stage: .junior).map(\.area), TopicPlan.defaults[.junior])
        // No [topics]: the defaults.
        XCTAssertEqual(load(basePack)?.district.topics, TopicPlan())
    }

    func testTopicParse() {
        XCTAssertEqual(TopicPlan.Topic.parse("情绪调适:认识情绪"), TopicPlan.Topic(area: "情绪调适", title: "认识情绪"))
        XCTAssertEqual(TopicPlan.Topic.parse("学习"), TopicPlan.Topic(area: "学习", title: ""))
        XCTAssertEqual(TopicPlan.Topic.parse("学习:考试:心态"), TopicPlan.Topic(area: "学习", title: "考试:心态"))
        XCTAssertNil(TopicPlan.Topic.parse("数学"))
        XCTAssertNil(TopicPlan.Topic.parse("数学:代数"))
        XCTAssertNil(TopicPlan.Topic.parse(""))
    }

    func testTopicsErrors() {
        assertError(topics("primary = [\"学习\", \"生活\"]"), at: "district.toml", line: 7,
                    "topics.primary does not name \"自我意识\", \"情绪调适\", \"人际交往\"", field: "topics.primary")
        assertError(topics("primary = [\"学习\", \"生活\", \"自我意识\", \"情绪调适\", \"人际交往\"]", "grade13 = [\"学习\"]"),
                    at: "district.toml", line: 8, "topics.grade13 is not a stage (primary, junior, senior) or a grade", field: "topics.grade13")
        assertError(topics("middle = [\"学习\"]"), at: "district.toml", line: 7, "topics.middle is not a stage")
        assertError(topics("junior = [\"学习\", \"数学:代数\", \"生活\", \"自我意识\", \"情绪调适\", \"人际交往\"]"), at: "district.toml", line: 7,
                    "topics.junior entry \"数学:代数\" does not start with one of the five areas", field: "topics.junior")
        assertError(topics("senior = []"), at: "district.toml", line: 7, "topics.senior must be a non-empty list")
        assertError(pack(["district.toml": "name = \"测试区\"\ntopics = 3\n[term]\nstart = 2026-09-01\nend = 2027-01-15\n"]),
                    at: "district.toml", line: 2, "topics must be a table")
    }

    // MARK: - unavailable.csv kind, calendar training

    func testUnavailableKindColumn() {
        let loaded = load(pack(["schools/A/unavailable.csv":
            "teacher,when,periods,reason,kind\nT1,2026-10-20,,省培,training\nT1,3,1-2,教研,\nT1,2026-10-21,,,Training\nT1,2026-10-22,,,other\n"]))
        guard let s = loaded?.district.schools.first else { return }
        XCTAssertEqual(s.unavailable.map(\.training), [true, false, true, false])
        XCTAssertEqual(s.unavailable.first, Unavailability(teacher: "T1", when: .date(CivilDate(iso: "2026-10-20")!), reason: "省培", training: true))
        // Without the column nothing is a training day.
        let old = load(pack(["schools/A/unavailable.csv": "teacher,when,periods,reason\nT1,2026-10-20,,培训\n"]))
        XCTAssertEqual(old?.district.schools.first?.unavailable.map(\.training), [false])
        assertError(pack(["schools/A/unavailable.csv": "teacher,when,periods,reason,kind\nT1,2026-10-20,,,training\nT1,2026-10-21,,,holiday\n"]),
                    at: "schools/A/unavailable.csv", line: 3, "kind \"holiday\" is not empty, training or other", field: "kind")
    }

    func testCalendarTrainingKind() {
        let loaded = load(pack(["calendar.csv": "date,kind,follows_weekday,note\n2026-10-20,training,,区心理教研\n2026-10-01,holiday,,\n"]))
        XCTAssertEqual(loaded?.district.calendar.first, CalendarEntry(date: CivilDate(iso: "2026-10-20")!, kind: .training, note: "区心理教研"))
        assertError(pack(["calendar.csv": "date,kind,follows_weekday,note\n2026-10-20,training,2,\n"]), at: "calendar.csv", line: 2,
                    "follows_weekday \"2\" must be empty for a training day", field: "follows_weekday")
        assertError(pack(["calendar.csv": "date,kind,follows_weekday,note\n2026-10-20,seminar,,\n"]), at: "calendar.csv", line: 2,
                    "kind \"seminar\" is not one of holiday, closure, exam, makeup, training", field: "kind")
    }

    // MARK: - DutyWindow

    func testDutyWindowParse() {
        XCTAssertEqual(DutyWindow.parse("1-5:12:10-13:00"), DutyWindow(weekdays: [1, 2, 3, 4, 5], start: 730, end: 780, audience: .students))
        XCTAssertEqual(DutyWindow.parse("3:16:30-17:30 all"), DutyWindow(weekdays: [3], start: 990, end: 1050, audience: .all))
        XCTAssertEqual(DutyWindow.parse("6:09:00-11:00 parents"), DutyWindow(weekdays: [6], start: 540, end: 660, audience: .parents))
        XCTAssertEqual(DutyWindow.parse("1,3,5:12:00-12:30"), DutyWindow(weekdays: [1, 3, 5], start: 720, end: 750))
        XCTAssertEqual(DutyWindow.parse("5,1-2:08:00-09:00 students"), DutyWindow(weekdays: [1, 2, 5], start: 480, end: 540))
        XCTAssertEqual(DutyWindow.parse("7:23:00-23:59")?.minutes, 59)
        for bad in ["8:12:00-13:00", "0:12:00-13:00", "5-1:12:00-13:00", "1-8:12:00-13:00", "1-5:13:00-12:00", "1-5:12:00-12:00",
                    "1-5:12:10-13:00 teachers", "1-5:12:10-13:00 all extra", "1-5", "1-5:12:10", "1-5:8:00-9:00",
                    "1-5:12:10-24:00", "", "1-5 12:10-13:00", ",1:12:00-13:00", "1--5:12:00-13:00", "a:12:00-13:00", "一:12:00-13:00"] {
            XCTAssertNil(DutyWindow.parse(bad), bad)
        }
        // The text form reads back as the same window.
        for text in ["1-5:12:10-13:00", "3:16:30-17:30 all", "6:09:00-11:00 parents", "1,3,5:12:00-12:30"] {
            XCTAssertEqual(DutyWindow.parse(text)?.text, text)
        }
        XCTAssertEqual(DutyWindow.parse("1,2,3:08:00-09:00")?.text, "1-3:08:00-09:00")
        XCTAssertFalse(DutyAudience.students.forParents)
        XCTAssertTrue(DutyAudience.parents.forParents)
        XCTAssertTrue(DutyAudience.all.forParents)
    }

    // MARK: - Writing

    /// A district with every extra: bells, counseling room, activity room, lectures, topics,
    /// a calendar training day and an unavailable.csv training day.
    func extrasDistrict() -> District {
        let bells = ["08:00-08:40", "08:50-09:30", "09:40-10:20"]
        let school = School(
            id: "S01", name: "一小", stages: [.primary], daysPerWeek: 5, periodsPerDay: 3,
            classes: [SchoolClass(id: "1-1", grade: 1, stage: .primary), SchoolClass(id: "2-1", grade: 2, stage: .primary)],
            timetable: [TimetableRow(classID: "1-1", weekday: 1, period: 3, subject: "班会", teachers: [])],
            teachers: [Teacher(id: "T01", name: "王芳", psych: .full, stages: [.primary])],
            unavailable: [Unavailability(teacher: "T01", when: .date(CivilDate(iso: "2026-10-20")!), reason: "省培", training: true),
                          Unavailability(teacher: "T01", when: .weekday(3), periods: [1], reason: "教研")],
            periodTimes: bells,
            counselingRoom: CounselingRoomPolicy(hoursPerWeek: 7.5, parentSlotsPerWeek: 2,
                                                 windows: ["1-5:12:10-13:00", "3:16:30-17:30 all", "6:09:00-11:00 parents", "2,4:15:00-16:00"].map { DutyWindow.parse($0)! },
                                                 maxTeacherHoursPerWeek: 4, countsTowardLimits: true),
            activityRoom: ActivityRoomPolicy(rooms: 1, share: 0.34),
            lectures: LecturePolicy(grades: [1, 2], area: "人际交往", title: "学会合作"))
        var policy = Policy()
        policy.displaceable = ["班会": 3]
        let topics = TopicPlan(
            byStage: [.primary: ["学习:学会学习", "人际交往", "情绪调适:认识情绪", "生活", "自我意识"].map { TopicPlan.Topic.parse($0)! },
                      .junior: ["自我意识", "学习", "人际交往", "情绪调适", "生活:青春期"].map { TopicPlan.Topic.parse($0)! }],
            byGrade: [2: ["生活", "学习", "自我意识", "情绪调适", "人际交往:友谊"].map { TopicPlan.Topic.parse($0)! }])
        return District(name: "测试区", termStart: CivilDate(iso: "2026-09-01")!, termEnd: CivilDate(iso: "2027-01-15")!,
                        policy: policy, calendar: [CalendarEntry(date: CivilDate(iso: "2026-11-11")!, kind: .training, note: "区培训")],
                        schools: [school], topics: topics)
    }

    func testWriterRoundTripOfExtras() throws {
        let district = extrasDistrict()
        let path = temporaryFolder(self) + "/pack"
        try PackWriter.write(district, to: path, overwrite: false)
        let loaded = try PackReader.load(path: path)
        XCTAssertEqual(loaded.notes, [])
        var read = loaded.district
        for s in read.schools.indices { for r in read.schools[s].timetable.indices { read.schools[s].timetable[r].line = 0 } }
        XCTAssertEqual(read, district)
        XCTAssertEqual(read.schools[0].counselingRoom, district.schools[0].counselingRoom)
        XCTAssertEqual(read.topics, district.topics)
        // The files as written.
        let unavailable = try String(contentsOfFile: path + "/schools/S01/unavailable.csv", encoding: .utf8)
        XCTAssertEqual(unavailable, "teacher,when,periods,reason,kind\nT01,2026-10-20,,省培,training\nT01,3,1,教研,\n")
        let toml = try String(contentsOfFile: path + "/schools/S01/school.toml", encoding: .utf8)
        XCTAssertTrue(toml.contains("[activity_room]\nrooms = 1\nshare = 0.34\n"), toml)
        XCTAssertTrue(toml.contains("[lectures]\ngrades = [1, 2]\narea = \"人际交往\"\ntitle = \"学会合作\"\n"), toml)
        XCTAssertTrue(toml.contains("windows = [\"1-5:12:10-13:00\", \"3:16:30-17:30 all\", \"6:09:00-11:00 parents\", \"2,4:15:00-16:00\"]"), toml)
        let districtTOML = try String(contentsOfFile: path + "/district.toml", encoding: .utf8)
        XCTAssertTrue(districtTOML.contains("[topics]\nprimary = [\"学习:学会学习\", \"人际交往\", \"情绪调适:认识情绪\", \"生活\", \"自我意识\"]\njunior = "), districtTOML)
        XCTAssertTrue(districtTOML.contains("grade2 = [\"生活\", \"学习\", \"自我意识\", \"情绪调适\", \"人际交往:友谊\"]\n"), districtTOML)
        // Writing what was read gives the same bytes.
        let again = temporaryFolder(self) + "/again"
        try PackWriter.write(loaded.district, to: again, overwrite: false)
        for rel in ["district.toml", "calendar.csv", "schools/S01/school.toml", "schools/S01/unavailable.csv"] {
            XCTAssertEqual(FileManager.default.contents(atPath: path + "/" + rel), FileManager.default.contents(atPath: again + "/" + rel), rel)
        }
    }

    func testWriterWithoutExtrasWritesNone() throws {
        var district = extrasDistrict()
        district.topics = TopicPlan()
        district.schools[0].counselingRoom = nil
        district.schools[0].activityRoom = nil
        district.schools[0].lectures = nil
        district.schools[0].unavailable[0].training = false
        let path = temporaryFolder(self) + "/pack"
        try PackWriter.write(district, to: path, overwrite: false)
        let toml = try String(contentsOfFile: path + "/schools/S01/school.toml", encoding: .utf8)
        for table in ["[counseling_room]", "[activity_room]", "[lectures]"] { XCTAssertFalse(toml.contains(table), toml) }
        XCTAssertFalse(try String(contentsOfFile: path + "/district.toml", encoding: .utf8).contains("[topics]"))
        XCTAssertEqual(try String(contentsOfFile: path + "/schools/S01/unavailable.csv", encoding: .utf8),
                       "teacher,when,periods,reason\nT01,2026-10-20,,省培\nT01,3,1,教研\n")
        let loaded = try PackReader.load(path: path)
        XCTAssertEqual(loaded.district.schools[0].unavailable, district.schools[0].unavailable)
    }

    // MARK: - lessons.csv

    func testLessonDetailsRoundTrip() throws {
        func lesson(_ cls: String, _ d: String, _ period: Int, lecture: Bool = false) -> Lesson {
            let day = CivilDate(iso: d)!
            var l = Lesson(school: "S01", classID: cls, date: day, weekday: day.weekday, period: period, teacher: "T01", replaces: "班会")
            l.lecture = lecture
            return l
        }
        let details = [
            LessonDetail(lesson: lesson("1-1", "2026-09-07", 3, lecture: true), room: .hall, area: "人际交往", topic: "学会合作", form: .lecture),
            LessonDetail(lesson: lesson("1-1", "2026-09-14", 3), room: .activity, area: "学习", topic: "学会, 学习", form: .groupCounseling),
            LessonDetail(lesson: lesson("1-1", "2026-09-21", 3), room: .classroom, area: "生活", topic: "", form: .discussion),
        ]
        let folder = temporaryFolder(self)
        let text = LessonDetailsFile.text(details)
        XCTAssertTrue(text.hasPrefix("\u{FEFF}school,class,date,weekday,period,teacher,replaces,kind,room,area,topic,form"), text)
        XCTAssertTrue(text.contains("S01,1-1,2026-09-07,1,3,T01,班会,lecture,hall,人际交往,学会合作,专题讲座"), text)
        try text.write(toFile: folder + "/lessons.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try LessonDetailsFile.read(directory: folder), details)
        XCTAssertNil(try LessonDetailsFile.read(directory: folder + "/none"))
        // A bad room and a bad form are errors at their line.
        let bad = text.replacingOccurrences(of: ",activity,", with: ",gym,").replacingOccurrences(of: "问题辨析", with: "讲授")
        try bad.write(toFile: folder + "/lessons.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try LessonDetailsFile.read(directory: folder)) { error in
            let lines = (error as? PackError)?.errors.map { "\($0.location.line ?? 0) \($0.location.field ?? "")" }
            XCTAssertEqual(lines, ["3 room", "4 form"], "\(error)")
        }
    }
}
