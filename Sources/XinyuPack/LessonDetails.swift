import Foundation

/// Where a lesson is held.
public enum RoomUse: String, CaseIterable, Sendable, Hashable {
    /// The class's own classroom.
    case classroom
    /// An activity room (团体活动室).
    case activity
    /// The hall, for a grade lecture.
    case hall
}

/// A placed lesson with what is taught and how: one row of lessons.csv (a Xinyu extension; the
/// contract's schedule.csv keeps its columns).
public struct LessonDetail: Sendable, Hashable {
    public var lesson: Lesson
    public var room: RoomUse
    /// One of the five areas (TopicPlan.areas).
    public var area: String
    /// The topic's title from the plan (may be empty).
    public var topic: String
    public var form: LessonForm
    public init(lesson: Lesson, room: RoomUse, area: String, topic: String, form: LessonForm) {
        self.lesson = lesson
        self.room = room
        self.area = area
        self.topic = topic
        self.form = form
    }
}

/// lessons.csv: schedule.csv's columns, then `kind` (lesson or lecture), `room` (classroom,
/// activity or hall), `area`, `topic`, `form`. UTF-8 with BOM (read by people in Excel/WPS).
public enum LessonDetailsFile {
    public static let header = ScheduleFiles.scheduleHeader + ["kind", "room", "area", "topic", "form"]

    public static func text(_ details: [LessonDetail]) -> String {
        CSVText.document(header: header, rows: details.sorted { $0.lesson < $1.lesson }.map { d in
            let l = d.lesson
            return [l.school, l.classID, l.date.iso, String(l.weekday), String(l.period), l.teacher, l.replaces,
                    l.lecture ? "lecture" : "lesson", d.room.rawValue, d.area, d.topic, d.form.rawValue]
        }, bom: true)
    }

    /// Reads `DIR/lessons.csv`; nil when there is none. Every bad row is reported.
    public static func read(directory: String) throws(PackError) -> [LessonDetail]? {
        guard FileManager.default.fileExists(atPath: directory + "/lessons.csv") else { return nil }
        var log = DiagnosticLog()
        var out: [LessonDetail] = []
        if let table = CSVTable.read(root: directory, "lessons.csv", required: header, log: &log) {
            for r in table.records {
                func fail(_ field: String, en: String, zh: String) { log.error("lessons.csv", line: r.line, field: field, en: en, zh: zh) }
                guard var lesson = ScheduleFiles.lesson(r, file: "lessons.csv", log: &log) else { continue }
                guard ["lesson", "lecture"].contains(r["kind"]) else { fail("kind", en: "kind \(quoted(r["kind"])) is not lesson or lecture", zh: "kind \(quoted(r["kind"])) 不是 lesson（课）或 lecture（讲座）"); continue }
                guard let room = RoomUse(rawValue: r["room"]) else { fail("room", en: "room \(quoted(r["room"])) is not classroom, activity or hall", zh: "场地 room \(quoted(r["room"])) 不是 classroom（教室）、activity（活动室）或 hall（礼堂）"); continue }
                guard let form = LessonForm(rawValue: r["form"]) else {
                    let forms = LessonForm.allCases.map(\.rawValue).joined(separator: ", ")
                    fail("form", en: "form \(quoted(r["form"])) is not one of \(forms)", zh: "形式 form \(quoted(r["form"])) 不是 \(forms) 之一"); continue
                }
                lesson.lecture = r["kind"] == "lecture"
                out.append(LessonDetail(lesson: lesson, room: room, area: r["area"], topic: r["topic"], form: form))
            }
        }
        if log.hasErrors { throw PackError(log.sorted) }
        return out
    }
}
