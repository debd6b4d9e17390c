import Foundation
import XinyuCore
import XinyuPack
import XinyuVerify

/// What an export reads: the district pack, the schedule and its months table, and the
/// explanations of short months (taken from report.md when it sits beside schedule.csv).
public struct ExportInput: Sendable {
    public var district: District
    /// The lessons of schedule.csv, in the contract's order.
    public var lessons: [Lesson]
    /// Required vs placed per class and month, recomputed from the lessons (Verifier.monthsTable),
    /// so an export never trusts a stale months.csv.
    public var months: [MonthRow]
    /// Reasons of short months, keyed by school id and month (`S02` + `2027-01`); each reason in
    /// both languages. Empty when no report.md was found.
    public var explanations: [MonthKey: [Text]]
    /// Whether report.md was read (otherwise short months say that no explanation is available).
    public var hasReport: Bool
    /// DTSTAMP of the calendars: when the schedule was written (schedule.csv's modification time,
    /// UTC), so the same schedule always gives the same bytes and a newer one a newer stamp.
    public var stamp: Date
    /// Room, topic and form of each lesson, from lessons.csv beside schedule.csv (empty without one).
    public var details: [LessonDetail] = []

    public struct MonthKey: Hashable, Sendable {
        public var school: String
        public var month: String
        public init(school: String, month: String) {
            self.school = school
            self.month = month
        }
    }

    public init(district: District, lessons: [Lesson], explanations: [MonthKey: [Text]] = [:],
                hasReport: Bool = false, stamp: Date = Date(timeIntervalSince1970: 0)) {
        self.district = district
        self.lessons = lessons.sorted()
        self.months = Verifier.monthsTable(district, lessons)
        self.explanations = explanations
        self.hasReport = hasReport
        self.stamp = stamp
    }

    /// Reads `DIR/schedule.csv` (and `DIR/report.md` when present) for `district`.
    public static func read(district: District, scheduleDirectory dir: String) throws(PackError) -> ExportInput {
        let files = try ScheduleFiles.read(directory: dir)
        var explanations: [MonthKey: [Text]] = [:]
        var hasReport = false
        if let data = FileManager.default.contents(atPath: dir + "/report.md"), let text = String(data: data, encoding: .utf8) {
            explanations = parseShortfalls(report: text)
            hasReport = true
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: dir + "/schedule.csv")
        let stamp = (attributes?[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        var input = ExportInput(district: district, lessons: files.lessons, explanations: explanations,
                                hasReport: hasReport, stamp: stamp)
        input.details = try LessonDetailsFile.read(directory: dir) ?? []
        return input
    }

    /// The "Shortfalls explained" section of report.md: a bullet `- **S02 2027-01** — …` per
    /// school and month, then its reasons as sub-bullets, each reason in Chinese then in English.
    public static func parseShortfalls(report: String) -> [MonthKey: [Text]] {
        var out: [MonthKey: [Text]] = [:]
        var inSection = false
        var key: MonthKey?
        var pendingZH: String?
        for raw in report.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("## ") {
                inSection = line.contains("Shortfalls explained")
                key = nil
                continue
            }
            guard inSection else { continue }
            if line.hasPrefix("- **"), let close = line.range(of: "**", range: line.index(line.startIndex, offsetBy: 4)..<line.endIndex) {
                let head = line[line.index(line.startIndex, offsetBy: 4)..<close.lowerBound].split(separator: " ")
                key = head.count == 2 ? MonthKey(school: String(head[0]), month: String(head[1])) : nil
                pendingZH = nil
            } else if line.hasPrefix("  - "), let k = key {
                let sentence = String(line.dropFirst(4))
                if let zh = pendingZH {
                    out[k, default: []].append(Text(en: sentence, zh: zh))
                    pendingZH = nil
                } else {
                    pendingZH = sentence
                }
            }
        }
        return out
    }
}

/// One school's schedule, indexed for the writers.
struct SchoolView {
    let school: School
    let calendar: TermCalendar
    let lessons: [Lesson]
    /// Lessons by class id, each list in date and period order.
    let byClass: [String: [Lesson]]
    /// Lessons by teacher id (this school's lessons only).
    let byTeacher: [String: [Lesson]]
    /// This school's month rows.
    let months: [MonthRow]
    let clock: BellSchedule
    /// lessons.csv's room, topic and form by (class, date, period).
    let details: [String: LessonDetail]

    init(_ school: School, _ input: ExportInput) {
        var d: [String: LessonDetail] = [:]
        for x in input.details where x.lesson.school == school.id { d[SchoolView.key(x.lesson)] = x }
        details = d
        self.school = school
        calendar = TermCalendar(district: input.district, daysPerWeek: school.daysPerWeek)
        lessons = input.lessons.filter { $0.school == school.id }
        byClass = Dictionary(grouping: lessons, by: \.classID)
        byTeacher = Dictionary(grouping: lessons, by: \.teacher)
        months = input.months.filter { $0.school == school.id }
        clock = BellSchedule(school)
    }

    static func key(_ l: Lesson) -> String { l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)" }

    /// "情绪调适：认识情绪 · 团体辅导 · 活动室" (or in English) for a lesson with details; nil without.
    func detailText(_ l: Lesson, _ w: Words) -> String? {
        guard let d = details[SchoolView.key(l)] else { return nil }
        let zh = w.lang == .zh
        let area = zh ? d.area : (TopicPlan.areaEnglish[d.area] ?? d.area)
        let topic = d.topic.isEmpty ? area : area + (zh ? "：" : ": ") + d.topic
        let room: String
        switch d.room {
        case .classroom: room = zh ? "教室" : "classroom"
        case .activity: room = zh ? "活动室" : "activity room"
        case .hall: room = zh ? "礼堂" : "hall"
        }
        return [topic, zh ? d.form.rawValue : d.form.english, room].joined(separator: " · ")
    }

    /// Psychology teachers of the school, then any other teacher who has a lesson here (a
    /// teacher of another school sharing staff), by id.
    var lessonTeachers: [Teacher] {
        var out = school.psychTeachers
        for id in byTeacher.keys.sorted() where !out.contains(where: { $0.id == id }) {
            out.append(school.teacher(id) ?? Teacher(id: id))
        }
        return out
    }

    var required: Int { months.reduce(0) { $0 + $1.required } }
    /// Placed lessons that count towards minimums (capped per class-month at the minimum).
    var placedCounted: Int { months.reduce(0) { $0 + min($1.required, $1.scheduled) } }
    var missing: Int { months.reduce(0) { $0 + max(0, $1.required - $1.scheduled) } }
}

/// A teacher's display name: `张老师 (T01)`, or the id alone.
func teacherLabel(_ t: Teacher) -> String { t.name.isEmpty ? t.id : "\(t.name) (\(t.id))" }

/// 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits: a stable, platform-independent hash.
func fnv1a(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// A file-name part made from an id: keeps letters (汉字 included), digits, `-`, `_`, `.`;
/// replaces anything else (path separators, spaces, control characters) with `_` and then adds
/// a short hash of the id, so distinct ids always give distinct names.
func fileSafe(_ id: String) -> String {
    var s = String(id.unicodeScalars.map { u -> Character in
        if u == "-" || u == "_" || u == "." { return Character(u) }
        if u.properties.isAlphabetic || u.properties.numericType != nil { return Character(u) }
        return "_"
    })
    if s.hasPrefix(".") { s = "_" + s.dropFirst() }
    // Two ids that differ only in replaced characters must not share a file: tag changed ones.
    if s != id { s += "-" + fnv1a(id).prefix(6) }
    return s
}
