// The lessons of the source by class and time, each week of the cycle apart: merged into one
// content per slot (subjects joined with "/", teachers once each), the clashes of classes and of
// teachers found, the timetable rows made (a two-week cycle folds equal weeks into `all`), and
// each teacher's load counted.

import Foundation
import XinyuPack

struct SlotMerge {
    struct IDs {
        var classes = IDMapper(kind: "class")
        var teachers = IDMapper(kind: "teacher")
    }
    struct Slot: Hashable { var classID: String; var weekday: Int; var period: Int; var week: Int }
    struct Content: Hashable { var subject: String; var teachers: [String] }

    let source: ImportSource
    var ids: IDs
    let weeks: [Int]
    var bySlot: [Slot: [SourceLesson]] = [:]
    var slotOrder: [Slot] = []
    var content: [Slot: Content] = [:]
    var subjectsUsed: [String] = []
    var classClashes = ClashList()

    init(_ source: ImportSource, ids: IDs) throws(ImportError) {
        self.source = source
        self.ids = ids
        weeks = source.twoWeek ? [1, 2] : [0]
        let knownClasses = Set(source.classes.map(\.id))
        var skipped: [SkippedItem] = []
        for lesson in source.lessons {
            guard knownClasses.contains(lesson.classID) else { continue }
            guard (1...source.dayNames.count).contains(lesson.weekday), (1...source.periodNames.count).contains(lesson.period) else {
                skipped.append(SkippedItem(.outsideGrid, lesson.origin, periods: 1, "class 班级 \(lesson.classID) day \(lesson.weekday) period \(lesson.period) 超出课表范围"))
                continue
            }
            for week in weeks where lesson.week == 0 || lesson.week == week {
                let slot = Slot(classID: lesson.classID, weekday: lesson.weekday, period: lesson.period, week: week)
                if bySlot[slot] == nil { slotOrder.append(slot) }
                bySlot[slot, default: []].append(lesson)
            }
        }
        outsideGrid = skipped
        for slot in slotOrder { try mergeSlot(slot) }
    }

    /// Lessons outside the grid (added to the report's skipped items by `rows`).
    var outsideGrid: [SkippedItem] = []

    func dayLabel(_ d: Int, _ p: Int) -> String { "\(source.dayNames[d - 1]) (weekday \(d)) period \(p)" }

    /// One slot's lessons merged; a clash of the class recorded.
    mutating func mergeSlot(_ slot: Slot) throws(ImportError) {
        let all = bySlot[slot] ?? []
        // Pairs of a slot's lessons are compared below: a slot with hundreds of lessons is a
        // broken file (the same row pasted over and over), refused before it costs minutes.
        if all.count > ImportLimits.maxLessonsPerSlot {
            throw .input(source.files.joined(separator: " "), "class \(slot.classID) has \(all.count) lessons at \(dayLabel(slot.weekday, slot.period)) (first: \(all[0].origin)); at most \(ImportLimits.maxLessonsPerSlot) are read / 同一节次课程过多")
        }
        var lessons: [SourceLesson] = []
        for l in all where !lessons.contains(where: { $0.origin == l.origin && $0.subject == l.subject }) { lessons.append(l) }
        var subjects: [String] = []
        var teachers: [String] = []
        for l in lessons {
            var subject = l.subject.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
            subject = subject.trimmingCharacters(in: .whitespaces)
            if subject.isEmpty { subject = "(无科目)" }
            if !subjects.contains(subject) { subjects.append(subject) }
            for t in l.teachers {
                let id = ids.teachers.id(t)
                if !teachers.contains(id) { teachers.append(id) }
            }
        }
        for s in subjects where !subjectsUsed.contains(s) { subjectsUsed.append(s) }
        content[slot] = Content(subject: subjects.joined(separator: "/"), teachers: teachers)
        // Clash: two lessons not both for disjoint parts of the class.
        var clashing: Set<String> = []
        for i in lessons.indices {
            for j in lessons.indices where j > i && lessons[i].origin != lessons[j].origin {
                if let a = lessons[i].part, let b = lessons[j].part, a.isDisjoint(with: b) { continue }
                clashing.insert(lessons[i].origin)
                clashing.insert(lessons[j].origin)
            }
        }
        if !clashing.isEmpty {
            classClashes.add("class \(ids.classes.id(slot.classID)) at \(dayLabel(slot.weekday, slot.period))", week: slot.week,
                             "\(clashing.sorted().joined(separator: ", ")) overlap; merged into one row (\(subjects.joined(separator: "/")))")
        }
    }

    struct TeacherSlot: Hashable { var teacher: String; var weekday: Int; var period: Int; var week: Int }

    /// Each teacher's source items at each time, in first-seen order.
    func teacherItems() -> (order: [TeacherSlot], items: [TeacherSlot: [String]]) {
        var items: [TeacherSlot: [String]] = [:]
        var order: [TeacherSlot] = []
        for slot in slotOrder {
            for l in bySlot[slot] ?? [] {
                for t in l.teachers {
                    let key = TeacherSlot(teacher: t, weekday: slot.weekday, period: slot.period, week: slot.week)
                    if items[key] == nil { order.append(key) }
                    if !(items[key] ?? []).contains(l.origin) { items[key, default: []].append(l.origin) }
                }
            }
        }
        return (order, items)
    }

    /// Class clashes, then teachers in two places at once (different source items at one time).
    mutating func clashes() -> [String] {
        var list = classClashes
        let (order, items) = teacherItems()
        for key in order {
            let here = items[key] ?? []
            guard here.count > 1 else { continue }
            list.add("teacher \(ids.teachers.id(key.teacher)) at \(dayLabel(key.weekday, key.period))", week: key.week,
                     "in \(here.count) lessons: \(here.joined(separator: ", "))")
        }
        return list.lines(twoWeek: source.twoWeek)
    }

    /// A teacher's load: the distinct periods they teach (a lesson for several classes counts once).
    mutating func teacherLoad() -> [String: Double] {
        var count: [String: Double] = [:]
        let share = source.twoWeek ? 0.5 : 1.0
        for key in teacherItems().order { count[ids.teachers.id(key.teacher), default: 0] += share }
        return count
    }

    /// Rows: one per busy class period; a two-week cycle folds equal weeks into `all`.
    mutating func rows(_ report: inout ImportReport) -> [TimetableRow] {
        report.skipped += outsideGrid
        var rows: [TimetableRow] = []
        var periodsA: [String: Int] = [:], periodsB: [String: Int] = [:]
        var subjectCount: [String: Double] = [:]
        let share = source.twoWeek ? 0.5 : 1.0
        for c in source.classes {
            let id = ids.classes.id(c.id)
            for d in 1...source.dayNames.count {
                for p in 1...source.periodNames.count {
                    let a = content[Slot(classID: c.id, weekday: d, period: p, week: weeks[0])]
                    let b = source.twoWeek ? content[Slot(classID: c.id, weekday: d, period: p, week: 2)] : nil
                    if a != nil { periodsA[id, default: 0] += 1 }
                    if b != nil { periodsB[id, default: 0] += 1 }
                    for x in [a, b].compactMap({ $0 }) {
                        for s in x.subject.split(separator: "/") { subjectCount[String(s), default: 0] += share }
                    }
                    rows += Self.rows(id, d, p, a, b, twoWeek: source.twoWeek)
                }
            }
        }
        for i in report.classes.indices {
            report.classes[i].periodsA = periodsA[report.classes[i].id] ?? 0
            report.classes[i].periodsB = source.twoWeek ? (periodsB[report.classes[i].id] ?? 0) : report.classes[i].periodsA
        }
        report.lessonPeriods = periodsA.values.reduce(0, +) + periodsB.values.reduce(0, +)
        report.rows = rows.count
        report.subjects = subjectsUsed.map { ($0, subjectCount[$0] ?? 0) }
        return rows
    }

    static func rows(_ id: String, _ d: Int, _ p: Int, _ a: Content?, _ b: Content?, twoWeek: Bool) -> [TimetableRow] {
        if !twoWeek {
            return a.map { [TimetableRow(classID: id, weekday: d, period: p, subject: $0.subject, teachers: $0.teachers)] } ?? []
        }
        if let a, let b, a == b {
            return [TimetableRow(classID: id, weekday: d, period: p, subject: a.subject, teachers: a.teachers, weeks: .all)]
        }
        var out: [TimetableRow] = []
        if let a { out.append(TimetableRow(classID: id, weekday: d, period: p, subject: a.subject, teachers: a.teachers, weeks: .odd)) }
        if let b { out.append(TimetableRow(classID: id, weekday: d, period: p, subject: b.subject, teachers: b.teachers, weeks: .even)) }
        return out
    }
}

/// Teachers: every teacher of the source (and any named only in lessons), the --psych roles, then
/// the --add-psych teachers.
enum TeacherList {
    static func build(_ source: ImportSource, options: ImportOptions, ids: inout SlotMerge.IDs, stages schoolStages: [Stage],
                      load: [String: Double], report: inout ImportReport) throws(ImportError) -> [Teacher] {
        let file = source.files.first ?? "input"
        var teacherList: [String] = []
        var listed = Set<String>()
        for t in source.teachers + source.lessons.flatMap(\.teachers) {
            let id = ids.teachers.id(t)
            if listed.insert(id).inserted { teacherList.append(id) }
        }
        var sourceOf: [String: String] = [:]
        for (k, v) in ids.teachers.map where sourceOf[v] == nil || k < (sourceOf[v] ?? k) { sourceOf[v] = k }
        var teachers = teacherList.map { id in Teacher(id: id, name: source.teacherNames[sourceOf[id] ?? id] ?? "") }
        for p in options.psych {
            let id = ids.teachers.map[p.teacher] ?? p.teacher
            guard let index = teachers.firstIndex(where: { $0.id == id }) else {
                let some = teacherList.prefix(12).joined(separator: ", ")
                throw .usage("--psych \(p.teacher): no such teacher in \(file) (teachers: \(some)\(teacherList.count > 12 ? ", …" : "")); use --add-psych for a new teacher / 源文件中没有该教师；新教师请用 --add-psych")
            }
            teachers[index].psych = p.role
            teachers[index].stages = p.stages.isEmpty ? schoolStages : p.stages
        }
        for p in options.addPsych {
            // A new teacher's id is given by the dean: it must already be a valid pack id.
            guard !p.teacher.contains(",") && !p.teacher.contains(";") && !p.teacher.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .usage("--add-psych \(p.teacher): a teacher id cannot contain a comma, a semicolon or a control character / 教师标识不能含逗号、分号或控制字符")
            }
            if teachers.contains(where: { $0.id == p.teacher }) || ids.teachers.map[p.teacher] != nil {
                throw .usage("--add-psych \(p.teacher): this teacher is already in \(file); use --psych \(p.teacher)=… / 该教师已存在，请用 --psych")
            }
            teachers.append(Teacher(id: p.teacher, name: p.teacher, psych: p.role, stages: p.stages.isEmpty ? schoolStages : p.stages))
        }
        report.psychTeachers = teachers.filter { $0.psych.teaches }.map(\.id)
        report.teacherLoad = teachers.map { ($0.id, load[$0.id] ?? 0) }
        if report.psychTeachers.isEmpty {
            report.notes.append("no psychology teacher yet: set psych = full|part in teachers.csv (or use --psych / --add-psych) before xinyu solve / 尚未指定心理教师")
        }
        return teachers
    }
}
