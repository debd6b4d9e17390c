// XHSTT (the ITC 2011 high-school timetabling archive format, specified by HSEval) instances with
// one of their solutions.
//
// Mapping:
// - Times in document order are chronological. Each Time's Day group gives its day; the days of a
//   week, in order of first use, are weekdays 1…N; a Time's position within its day is its period.
//   Without Day groups the times cannot be mapped and the file is refused.
// - Week groups: one week is an ordinary weekly timetable; two weeks are a two-week cycle, the
//   first week used being week A (odd teaching weeks, 单周) and the second week B (even, 双周).
//   A lesson at the same weekday and period in both weeks becomes one `all` row. More weeks are
//   refused. Without Week groups, a cycle of 8–14 days (an even number) is two weeks of half as
//   many days (TwoWeekCycle).
// - Resources of type Class are classes, Teacher teachers (ids are the resource Ids), Room and
//   other types are ignored. Resource types are recognised by their Id or Name (Class, Student,
//   Teacher, Room, case-insensitive). An Id given twice (resource, time, event) is refused.
// - When there are no Class resources but Student resources, the students who attend exactly the
//   same timed events form a group; each group is a class (id: its first student's Id, plus "+n"
//   for the n others). The report says how many groups there are.
// - Events: the resources an event names (by Reference, or through a ResourceGroup) and the ones
//   the solution assigns to its open roles. A solution event of duration d at time t fills the d
//   consecutive Times from t, which must be on one day. An event the solution omits keeps its
//   preassigned time if it has one; otherwise it has no time and is not a lesson (reported).
// - The subject is the name of the event's Course when it has one, else the event's Name.

import Foundation
import XinyuPack

public enum XHSTTImporter {
    enum Kind { case klass, student, teacher, room, other }

    public static func read(file path: String, solution selector: String?) throws(ImportError) -> ImportSource {
        let root = try XMLInput.load(path)
        guard root.name == "HighSchoolTimetableArchive" else {
            throw .input("\(path):\(root.line)", "root element <\(root.name)> is not <HighSchoolTimetableArchive>: not an XHSTT file / 不是 XHSTT 文件")
        }
        let instances = root.child("Instances")?.all("Instance") ?? []
        guard !instances.isEmpty else { throw .input(path, "no <Instance> in <Instances> / 没有实例") }
        let chosen = try chooseSolution(root, instances: instances, selector: selector, path: path)
        let times = try XHSTTTimes.read(chosen.instance, path: path)
        let resources = try XHSTTResources.read(chosen.instance, path: path)
        let events = try XHSTTEvents.read(chosen.instance, resources: resources, times: times, path: path)
        let placed = try XHSTTEvents.placements(chosen.solution, events: events, resources: resources, times: times, path: path)

        let fileStem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = chosen.instance.child("MetaData")?.value("Name") ?? fileStem
        var source = ImportSource(format: .xhstt, files: [path], schoolName: name.isEmpty ? fileStem : name,
                                  defaultSchoolID: fileStem, dayNames: times.dayNames,
                                  periodNames: (1...max(times.periodsPerDay, 1)).map { String($0) })
        source.twoWeek = times.twoWeek
        source.notes.append("solution \(chosen.index + 1) of \(chosen.count): \(chosen.group) (\(chosen.listing)) / 使用第 \(chosen.index + 1) 个解")
        source.notes.append("subjects are the events' Course names (or the event names when there is no Course) / 科目取自事件的课程名")
        if times.twoWeek {
            source.notes.append("two-week cycle: Week \(times.weekNames[0]) is week A (odd teaching weeks 单周), Week \(times.weekNames[1]) is week B (even 双周); equal lessons in both weeks are `all` rows / 双周循环")
        }
        source.teachers = resources.teacherOrder
        for t in resources.teacherOrder where resources.name[t] != nil && resources.name[t] != t { source.teacherNames[t] = resources.name[t] }
        let pieces = expand(placed, events: events, resources: resources, times: times, source: &source)
        let studentClass = try classes(pieces, resources: resources, path: path, source: &source)
        for piece in pieces {
            var classes = piece.classes
            if resources.studentMode {
                classes = []
                for s in piece.students { if let c = studentClass[s], !classes.contains(c) { classes.append(c) } }
            }
            source.itemsPlaced += 1
            for c in classes {
                for cell in piece.cells {
                    source.lessons.append(SourceLesson(classID: c, weekday: cell.day, period: cell.period, week: times.twoWeek ? cell.week : 0,
                                                       subject: piece.subject, teachers: piece.teachers, origin: piece.origin))
                }
            }
        }
        return source
    }

    struct Chosen { var solution: XMLNode; var instance: XMLNode; var group: String; var index: Int; var count: Int; var listing: String }

    /// The solution: --solution N (1-based, in file order) or a SolutionGroup Id; default the last.
    static func chooseSolution(_ root: XMLNode, instances: [XMLNode], selector: String?, path: String) throws(ImportError) -> Chosen {
        var solutions: [(group: String, node: XMLNode)] = []
        for group in root.child("SolutionGroups")?.all("SolutionGroup") ?? [] {
            for s in group.all("Solution") { solutions.append((group.attributes["Id"] ?? "", s)) }
        }
        guard !solutions.isEmpty else {
            throw .input(path, "no <Solution> in <SolutionGroups>: nothing is timetabled / 文件中没有解（SolutionGroup）")
        }
        let listing = solutions.enumerated().map { "\($0.offset + 1) = \($0.element.group)" }.joined(separator: ", ")
        var chosen = solutions.count - 1
        if let selector {
            if let n = Int(selector), (1...solutions.count).contains(n) {
                chosen = n - 1
            } else if let i = solutions.firstIndex(where: { $0.group == selector }) {
                chosen = i
            } else {
                throw .usage("--solution \(selector): no such solution in \(path) (\(listing)) / 没有该解")
            }
        }
        let solution = solutions[chosen]
        let instanceID = solution.node.attributes["Reference"] ?? ""
        guard let instance = instances.first(where: { $0.attributes["Id"] == instanceID }) ?? (instances.count == 1 ? instances[0] : nil) else {
            throw .input("\(path):\(solution.node.line)", "<Solution Reference=\"\(instanceID)\"> names no <Instance> / 解引用了不存在的实例")
        }
        return Chosen(solution: solution.node, instance: instance, group: solution.group, index: chosen, count: solutions.count, listing: listing)
    }

    struct Piece { var origin: String; var subject: String; var classes: [String]; var students: [String]; var teachers: [String]; var cells: [XHSTTTimes.Slot] }

    /// Each timed solution event over its consecutive Times; untimed and overlong ones are skipped.
    static func expand(_ placed: [XHSTTEvents.Placed], events: [XHSTTEvents.Event], resources: XHSTTResources,
                       times: XHSTTTimes, source: inout ImportSource) -> [Piece] {
        var pieces: [Piece] = []
        var timedDuration: [Int: Int] = [:]
        var partsOf: [Int: Int] = [:]
        for p in placed { partsOf[p.event, default: 0] += 1 }
        var partNumber: [Int: Int] = [:]
        for p in placed {
            let e = events[p.event]
            partNumber[p.event, default: 0] += 1
            let origin = "event \(e.id)" + ((partsOf[p.event] ?? 0) > 1 ? " part \(partNumber[p.event] ?? 0)" : "")
            var classes: [String] = [], students: [String] = [], teachers: [String] = []
            for r in e.resources + p.resources {
                switch resources.kind[r] ?? .other {
                case .klass: if !classes.contains(r) { classes.append(r) }
                case .student: if !students.contains(r) { students.append(r) }
                case .teacher: if !teachers.contains(r) { teachers.append(r) }
                default: break
                }
            }
            let count = resources.studentMode ? (students.isEmpty ? 0 : 1) : classes.count
            guard let start = p.start else {
                source.skipped.append(SkippedItem(.noTime, origin, periods: p.duration * count, "no time in the solution 解中无时间")); continue
            }
            let first = times.slots[start]
            guard start + p.duration <= times.slots.count, (0..<p.duration).allSatisfy({ times.slots[start + $0].dayKey == first.dayKey }) else {
                source.skipped.append(SkippedItem(.outsideGrid, origin, periods: p.duration * count, "duration \(p.duration) from \(times.ids[start]) runs past the end of the day 超出当天"))
                continue
            }
            if count == 0 {
                source.skipped.append(SkippedItem(.noClass, origin, periods: 0, "no \(resources.studentMode ? "students 无学生" : "class 无班级")")); continue
            }
            timedDuration[p.event, default: 0] += p.duration
            pieces.append(Piece(origin: origin, subject: e.subject, classes: classes, students: students, teachers: teachers,
                                cells: (0..<p.duration).map { times.slots[start + $0] }))
        }
        for (i, e) in events.enumerated() {
            let timed = timedDuration[i] ?? 0
            if timed > 0 && timed < e.duration {
                source.notes.append("event \(e.id): the solution times \(timed) of its \(e.duration) periods / 解只安排了部分课时")
            }
        }
        return pieces
    }

    /// The classes: Class resources, or (student mode) students with the same timed events as one
    /// class. Returns student → class id in student mode.
    static func classes(_ pieces: [Piece], resources: XHSTTResources, path: String,
                        source: inout ImportSource) throws(ImportError) -> [String: String] {
        guard resources.studentMode else {
            source.classes = resources.classOrder.map { SourceClass(id: $0, stageHints: [$0, resources.name[$0] ?? $0]) }
            if !resources.studentOrder.isEmpty { source.notes.append("\(resources.studentOrder.count) Student resources ignored: the instance has Class resources / 已有班级资源，忽略学生资源") }
            return [:]
        }
        var studentClass: [String: String] = [:]
        var eventsOf: [String: [Int]] = [:]
        for (i, piece) in pieces.enumerated() { for s in piece.students { eventsOf[s, default: []].append(i) } }
        var groupOf: [[Int]: [String]] = [:]
        var groupOrder: [[Int]] = []
        for s in resources.studentOrder {
            guard let key = eventsOf[s] else { continue }
            if groupOf[key] == nil { groupOrder.append(key) }
            groupOf[key, default: []].append(s)
        }
        if groupOrder.count > 400 {
            throw .input(path, "\(resources.studentOrder.count) Student resources form \(groupOrder.count) different timetables: too many to be classes; this instance cannot be imported as classes / 学生课表各不相同，无法归并为班级")
        }
        for key in groupOrder {
            let group = groupOf[key] ?? []
            guard let head = group.first else { continue }
            let id = group.count == 1 ? head : "\(head)+\(group.count - 1)"
            for s in group { studentClass[s] = id }
            source.classes.append(SourceClass(id: id, stageHints: [resources.name[head] ?? head], students: group.count))
        }
        let idle = resources.studentOrder.count - studentClass.count
        source.notes.append("no Class resources: \(resources.studentOrder.count) Student resources form \(groupOrder.count) groups with the same timetable, each imported as a class" + (idle > 0 ? "; \(idle) students with no timed event are left out" : "") + " / 无班级资源，按课表相同的学生分组为班级")
        return studentClass
    }
}
