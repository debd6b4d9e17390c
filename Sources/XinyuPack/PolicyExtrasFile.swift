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
        guard let t = value.table else { toml.error([key], en: "counseling_room must be a table ([counseling_room])", zh: "counseling_room 必须是表（[counseling_room]）", log: &log); return nil }
        toml.noteUnknownKeys(t, at: [key], known: ["hours_per_week", "parent_slots_per_week", "windows",
                                                   "max_teacher_hours_per_week", "counts_toward_limits"], log: &log)
        var ok = true
        func fail(_ field: String, en: String, zh: String) { toml.error([key, field], en: en, zh: zh, log: &log); ok = false }
        var hours = 0.0
        if let v = t["hours_per_week"] {
            if let x = number(v), x.isFinite, x >= 0, x <= 168 { hours = x } else {
                fail("hours_per_week", en: "counseling_room.hours_per_week \(describe(v)) is not a number of hours 0–168",
                     zh: "counseling_room.hours_per_week \(describe(v)) 不是 0–168 的小时数")
            }
        } else {
            fail("hours_per_week", en: "missing key \"hours_per_week\" in [counseling_room] (opening hours a week, e.g. 8)",
                 zh: "[counseling_room] 缺少键 \"hours_per_week\"（每周开放小时数，如 8）")
        }
        var parents = 0
        if let v = t["parent_slots_per_week"] {
            if let i = v.int, (0...50).contains(i) { parents = i } else {
                fail("parent_slots_per_week", en: "counseling_room.parent_slots_per_week \(describe(v)) is not a whole number 0–50",
                     zh: "counseling_room.parent_slots_per_week \(describe(v)) 不是 0–50 的整数")
            }
        }
        var windows: [DutyWindow] = []
        if let v = t["windows"] {
            if let array = v.array, array.count <= maxWindows {
                for e in array {
                    if let s = e.string, let w = DutyWindow.parse(s) { windows.append(w) } else {
                        fail("windows", en: "counseling_room.windows entry \(describe(e)) is not like \"1-5:12:10-13:00\", \"3:16:30-17:30 all\" or \"6:09:00-11:00 parents\" (weekdays:start-end [students|parents|all])",
                             zh: "counseling_room.windows 的一项 \(describe(e)) 格式不对，应如 \"1-5:12:10-13:00\"、\"3:16:30-17:30 all\" 或 \"6:09:00-11:00 parents\"（星期:开始-结束 [students|parents|all]）")
                    }
                }
            } else {
                fail("windows", en: "counseling_room.windows must be a list of at most \(maxWindows) strings like \"1-5:12:10-13:00\"",
                     zh: "counseling_room.windows 必须是至多 \(maxWindows) 个字符串的列表，如 \"1-5:12:10-13:00\"")
            }
        }
        if windows.isEmpty && parents > 0 && t["windows"] != nil {
            fail("parent_slots_per_week", en: "parent_slots_per_week is \(parents) but no window is given",
                 zh: "parent_slots_per_week 为 \(parents)，但没有给出开放时段（windows）")
        }
        if !windows.isEmpty && !hasPeriodTimes {
            // Without bell times no one can tell which periods a window overlaps: the windows are
            // kept for the district's report but no duty is planned (packs written before duty).
            log.note(toml.file, line: toml.line([key, "windows"]), field: key + ".windows",
                     en: "counseling_room.windows without period_times: no duty is planned (add period_times to plan counseling-room duty)",
                     zh: "有 counseling_room.windows 但没有 period_times（作息时间）：不安排值班（要安排心理辅导室值班请添加 period_times）")
            windows = []
        }
        var maxHours: Double?
        if let v = t["max_teacher_hours_per_week"] {
            if let x = number(v), x.isFinite, x > 0, x <= 168 { maxHours = x } else {
                fail("max_teacher_hours_per_week", en: "counseling_room.max_teacher_hours_per_week \(describe(v)) is not a number of hours above 0, at most 168",
                     zh: "counseling_room.max_teacher_hours_per_week \(describe(v)) 不是大于 0、至多 168 的小时数")
            }
        }
        var counts = false
        if let v = t["counts_toward_limits"] {
            if let b = v.bool { counts = b } else { fail("counts_toward_limits", en: "counseling_room.counts_toward_limits \(describe(v)) must be true or false",
                                               zh: "counseling_room.counts_toward_limits \(describe(v)) 必须是 true 或 false") }
        }
        guard ok else { return nil }
        return CounselingRoomPolicy(hoursPerWeek: hours, parentSlotsPerWeek: parents, windows: windows,
                                    maxTeacherHoursPerWeek: maxHours, countsTowardLimits: counts)
    }

    static func activityRoom(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> ActivityRoomPolicy? {
        let key = "activity_room"
        guard let t = value.table else { toml.error([key], en: "activity_room must be a table ([activity_room])", zh: "activity_room 必须是表（[activity_room]）", log: &log); return nil }
        toml.noteUnknownKeys(t, at: [key], known: ["rooms", "share"], log: &log)
        var ok = true
        var rooms = 1, share = 0.0
        if let v = t["rooms"] {
            if let i = v.int, (0...maxRooms).contains(i) { rooms = i } else {
                toml.error([key, "rooms"], en: "activity_room.rooms \(describe(v)) is not a whole number 0–\(maxRooms)",
                           zh: "activity_room.rooms \(describe(v)) 不是 0–\(maxRooms) 的整数", log: &log); ok = false
            }
        }
        if let v = t["share"] {
            if let x = number(v), x.isFinite, x >= 0, x <= 1 { share = x } else {
                toml.error([key, "share"], en: "activity_room.share \(describe(v)) is not a number 0–1 (e.g. 0.34: at least one lesson in three)",
                           zh: "activity_room.share \(describe(v)) 不是 0–1 之间的数（如 0.34：至少三节课中有一节）", log: &log); ok = false
            }
        }
        if ok && rooms == 0 && share > 0 {
            toml.error([key, "share"], en: "activity_room.share is \(share) but rooms is 0",
                       zh: "activity_room.share 为 \(share)，但 rooms（活动室数）为 0", log: &log); ok = false
        }
        return ok ? ActivityRoomPolicy(rooms: rooms, share: share) : nil
    }

    static func lectures(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> LecturePolicy? {
        let key = "lectures"
        guard let t = value.table else { toml.error([key], en: "lectures must be a table ([lectures])", zh: "lectures 必须是表（[lectures]）", log: &log); return nil }
        toml.noteUnknownKeys(t, at: [key], known: ["grades", "area", "title"], log: &log)
        var ok = true
        var grades: [Int] = []
        if let v = t["grades"] {
            if let array = v.array {
                for e in array {
                    if let g = e.int, (1...12).contains(g), !grades.contains(g) { grades.append(g) } else {
                        toml.error([key, "grades"], en: "lectures.grades entry \(describe(e)) is not a grade 1–12 (each once)",
                                   zh: "lectures.grades 的一项 \(describe(e)) 不是 1–12 的年级（每个年级只写一次）", log: &log); ok = false
                    }
                }
            } else {
                toml.error([key, "grades"], en: "lectures.grades must be a list of grades such as [7, 8, 9]",
                           zh: "lectures.grades 必须是年级列表，如 [7, 8, 9]", log: &log); ok = false
            }
        } else {
            toml.error([key, "grades"], en: "missing key \"grades\" in [lectures] (e.g. grades = [7, 8, 9])",
                       zh: "[lectures] 缺少键 \"grades\"（如 grades = [7, 8, 9]）", log: &log); ok = false
        }
        var area = LecturePolicy.defaultArea
        if let v = t["area"] {
            if let s = v.string, TopicPlan.areas.contains(s) { area = s } else {
                toml.error([key, "area"], en: "lectures.area \(describe(v)) is not one of \(TopicPlan.areas.map(quoted).joined(separator: ", "))",
                           zh: "lectures.area \(describe(v)) 不是 \(TopicPlan.areas.joined(separator: "、")) 之一", log: &log); ok = false
            }
        }
        var title = ""
        if let v = t["title"] {
            if let s = v.string { title = s } else {
                toml.error([key, "title"], en: "lectures.title \(describe(v)) must be a string",
                           zh: "lectures.title \(describe(v)) 必须是字符串", log: &log); ok = false
            }
        }
        return ok ? LecturePolicy(grades: grades.sorted(), area: area, title: title) : nil
    }

    /// district.toml `[topics]`: keys `primary`, `junior`, `senior` or `grade1` … `grade12`, each an
    /// ordered list of `"area"` or `"area:title"` that names all five areas.
    static func topics(_ value: TOMLValueConvertible, _ toml: TOMLSource, log: inout DiagnosticLog) -> TopicPlan {
        var plan = TopicPlan()
        guard let t = value.table else { toml.error(["topics"], en: "topics must be a table ([topics])", zh: "topics 必须是表（[topics]）", log: &log); return plan }
        for key in t.keys.sorted() {
            let stage = Stage(rawValue: key)
            let grade = key.hasPrefix("grade") ? Int(key.dropFirst(5)).flatMap { (1...12).contains($0) ? $0 : nil } : nil
            guard stage != nil || grade != nil else {
                toml.error(["topics", key], en: "topics.\(key) is not a stage (primary, junior, senior) or a grade (grade1 … grade12)",
                           zh: "topics.\(key) 不是学段（primary、junior、senior）或年级（grade1 … grade12）", log: &log)
                continue
            }
            guard let array = t[key]?.array, !array.isEmpty, array.count <= 200 else {
                toml.error(["topics", key], en: "topics.\(key) must be a non-empty list such as [\"学习\", \"情绪调适:认识情绪\"]",
                           zh: "topics.\(key) 必须是非空列表（至多 200 项），如 [\"学习\", \"情绪调适:认识情绪\"]", log: &log)
                continue
            }
            var list: [TopicPlan.Topic] = []
            var ok = true
            for e in array {
                if let s = e.string, let topic = TopicPlan.Topic.parse(s) { list.append(topic) } else {
                    toml.error(["topics", key], en: "topics.\(key) entry \(describe(e)) does not start with one of the five areas \(TopicPlan.areas.map(quoted).joined(separator: ", ")) (write \"area\" or \"area:title\")",
                               zh: "topics.\(key) 的一项 \(describe(e)) 不以五个领域 \(TopicPlan.areas.joined(separator: "、")) 之一开头（写作 \"领域\" 或 \"领域:课题\"）", log: &log)
                    ok = false
                }
            }
            let missing = TopicPlan.areas.filter { a in !list.contains { $0.area == a } }
            if ok && !missing.isEmpty {
                toml.error(["topics", key], en: "topics.\(key) does not name \(missing.map(quoted).joined(separator: ", ")): each class must cover all five areas in a term",
                           zh: "topics.\(key) 未包含 \(missing.joined(separator: "、"))：每个班一学期须覆盖全部五个领域", log: &log)
                ok = false
            }
            guard ok else { continue }
            if let stage { plan.byStage[stage] = list } else if let grade { plan.byGrade[grade] = list }
        }
        return plan
    }
}
