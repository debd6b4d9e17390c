// school.toml `[counseling_room]`, `[activity_room]`, `[lectures]` and district.toml `[topics]`:
// the policy extras (docs/FORMAT.md). Bad values are errors at their key's line; nothing is guessed.

import TOMLKit

enum PolicyExtrasFile {
    /// The most rooms, windows and hours accepted (beyond these a value is a typo).
    static let maxRooms = 50
    static let maxWindows = 100

    static func counselingRoom(_ value: TOMLValueConvertible, hasPeriodTimes: Bool, _ toml: TOMLSource,
                               log: inout DiagnosticLog) -> CounselingRoomPolicy? {
        let key = "counseling_room"
        guard let t = value.table else { toml.error([key], "counseling_room must be a table ([counseling_room])", log: &log); return nil }
        toml.noteUnknownKeys(t, at: [key], known: ["hours_per_week", "parent_slots_per_week", "windows",
                                                   "max_teacher_hours_per_week", "counts_toward_limits"], log: &log)
        var ok = true
        func fail(_ field: String, _ message: String) { toml.error([key, field], message, log: &log); ok = false }
        var hours = 0.0
        if let v = t["hours_per_week"] {
            if let x = number(v), x.isFinite, x >= 0, x <= 168 { hours = x } else {
                fail("hours_per_week", "counseling_room.hours_per_week \(describe(v)) is not a number of hours 0–168")
            }
        } else {
            fail("hours_per_week", "missing key \"hours_per_week\" in [counseling_room] (opening hours a week, e.g. 8)")
        }
        var parents = 0
        if let v = t["parent_slots_per_week"] {
            if let i = v.int, (0...50).contains(i) { parents = i } else {
                fail("parent_slots_per_week", "counseling_room.parent_slots_per_week \(describe(v)) is not a whole number 0–50")
            }
        }
        var windows: [DutyWindow] = []
        if let v = t["windows"] {
            if let array = v.array, array.count <= maxWindows {
                for e in array {
                    if let s = e.string, let w = DutyWindow.parse(s) { windows.append(w) } else {
                        fail("windows", "counseling_room.windows entry \(describe(e)) is not like \"1-5:12:10-13:00\", \"3:16:30-17:30 all\" or \"6:09:00-11:00 parents\" (weekdays:start-end [students|parents|all])")
                    }
                }
            } else {
                fail("windows", "counseling_room.windows must be a list of at most \(maxWindows) strings like \"1-5:12:10-13:00\"")
            }
        }
        if windows.isEmpty && parents > 0 && t["windows"] != nil {
            fail("parent_slots_per_week", "parent_slots_per_week is \(parents) but no window is given")
        }
        if !windows.isEmpty && !hasPeriodTimes {
            // Without bell times no one can tell which periods a window overlaps: the windows are
            // kept for the district's report but no duty is planned (packs written before duty).
            log.note(toml.file, line: toml.line([key, "windows"]), field: key + ".windows",
                     "counseling_room.windows without period_times: no duty is planned (add period_times to plan counseling-room duty)")
            windows = []
        }
        var maxHours: Double?
        if let v = t["max_teacher_hours_per_week"] {
            if let x = number(v), x.isFinite, x > 0, x <= 168 { maxHours = x } else {
                fail("max_teacher_hours_per_week", "counseling_room.max_teacher_hours_per_week \(describe(v)) is not a number of hours above 0, at most 168")
            }
        }
        var counts = false
        if let v = t["counts_toward_limits"] {
            if let b = v.bool { counts = b } else { fail("counts_toward_limits", "counseling_room.counts_toward_limits \(describe(v)) must be true or false") }
        }
        guard ok else { return nil }
        return CounselingRoomPolicy(hoursPerWeek: hours, parentSlotsPerWeek: parents, windows: windows,
                                    maxTeacherHoursPerWeek: maxHours, countsTowardLimits: counts)
    }

    static func activityRoom(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> ActivityRoomPolicy? {
        let key = "activity_room"
        guard let t = value.table else { toml.error([key], "activity_room must be a table ([activity_room])", log: &log); return nil }
        toml.noteUnknownKeys(t, at: [key], known: ["rooms", "share"], log: &log)
        var ok = true
        var rooms = 1, share = 0.0
        if let v = t["rooms"] {
            if let i = v.int, (0...maxRooms).contains(i) { rooms = i } else {
                toml.error([key, "rooms"], "activity_room.rooms \(describe(v)) is not a whole number 0–\(maxRooms)", log: &log); ok = false
            }
        }
        if let v = t["share"] {
            if let x = number(v), x.isFinite, x >= 0, x <= 1 { share = x } else {
                toml.error([key, "share"], "activity_room.share \(describe(v)) is not a number 0–1 (e.g. 0.34: at least one lesson in three)", log: &log); ok = false
            }
        }
        if ok && rooms == 0 && share > 0 {
            toml.error([key, "share"], "activity_room.share is \(share) but rooms is 0", log: &log); ok = false
        }
        return ok ? ActivityRoomPolicy(rooms: rooms, share: share) : nil
    }

    static func lectures(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> LecturePolicy? {
        let key = "lectures"
        guard let t = value.table else { toml.error([key], "lectures must be a table ([lectures])", log: &log); return nil }
        toml.noteUnknownKeys(t, at: [key], known: ["grades", "area", "title"], log: &log)
        var ok = true
        var grades: [Int] = []
        if let v = t["grades"] {
            if let array = v.array {
                for e in array {
                    if let g = e.int, (1...12).contains(g), !grades.contains(g) { grades.append(g) } else {
                        toml.error([key, "grades"], "lectures.grades entry \(describe(e)) is not a grade 1–12 (each once)", log: &log); ok = false
                    }
                }
            } else {
                toml.error([key, "grades"], "lectures.grades must be a list of grades such as [7, 8, 9]", log: &log); ok = false
            }
        } else {
            toml.error([key, "grades"], "missing key \"grades\" in [lectures] (e.g. grades = [7, 8, 9])", log: &log); ok = false
        }
        var area = LecturePolicy.defaultArea
        if let v = t["area"] {
            if let s = v.string, TopicPlan.areas.contains(s) { area = s } else {
                toml.error([key, "area"], "lectures.area \(describe(v)) is not one of \(TopicPlan.areas.joined(separator: ", "))", log: &log); ok = false
            }
        }
        var title = ""
        if let v = t["title"] {
            if let s = v.string { title = s } else {
                toml.error([key, "title"], "lectures.title \(describe(v)) must be a string", log: &log); ok = false
            }
        }
        return ok ? LecturePolicy(grades: grades.sorted(), area: area, title: title) : nil
    }

    /// district.toml `[topics]`: keys `primary`, `junior`, `senior` or `grade1` … `grade12`, each an
    /// ordered list of `"area"` or `"area:title"` that names all five areas.
    static func topics(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> TopicPlan {
        var plan = TopicPlan()
        guard let t = value.table else { toml.error(["topics"], "topics must be a table ([topics])", log: &log); return plan }
        for key in t.keys.sorted() {
            let stage = Stage(rawValue: key)
            let grade = key.hasPrefix("grade") ? Int(key.dropFirst(5)).flatMap { (1...12).contains($0) ? $0 : nil } : nil
            guard stage != nil || grade != nil else {
                toml.error(["topics", key], "topics.\(key) is not a stage (primary, junior, senior) or a grade (grade1 … grade12)", log: &log)
                continue
            }
            guard let array = t[key]!.array, !array.isEmpty, array.count <= 200 else {
                toml.error(["topics", key], "topics.\(key) must be a non-empty list such as [\"学习\", \"情绪调适:认识情绪\"]", log: &log)
                continue
            }
            var list: [TopicPlan.Topic] = []
            var ok = true
            for e in array {
                if let s = e.string, let topic = TopicPlan.Topic.parse(s) { list.append(topic) } else {
                    toml.error(["topics", key], "topics.\(key) entry \(describe(e)) does not start with one of the five areas \(TopicPlan.areas.joined(separator: ", ")) (write \"area\" or \"area:title\")", log: &log)
                    ok = false
                }
            }
            let missing = TopicPlan.areas.filter { a in !list.contains { $0.area == a } }
            if ok && !missing.isEmpty {
                toml.error(["topics", key], "topics.\(key) does not name \(missing.joined(separator: ", ")): each class must cover all five areas in a term", log: &log)
                ok = false
            }
            guard ok else { continue }
            if let stage { plan.byStage[stage] = list } else if let grade { plan.byGrade[grade] = list }
        }
        return plan
    }
}
