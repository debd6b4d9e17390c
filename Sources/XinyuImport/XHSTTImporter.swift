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
//   refused.
// - Resources of type Class are classes, Teacher teachers (ids are the resource Ids), Room and
//   other types are ignored. Resource types are recognised by their Id or Name (Class, Student,
//   Teacher, Room, case-insensitive).
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
        let root = try XMLTree.load(path)
        guard root.name == "HighSchoolTimetableArchive" else {
            throw .input("\(path):\(root.line)", "root element <\(root.name)> is not <HighSchoolTimetableArchive>: not an XHSTT file / 不是 XHSTT 文件")
        }
        let instances = root.child("Instances")?.all("Instance") ?? []
        guard !instances.isEmpty else { throw .input(path, "no <Instance> in <Instances> / 没有实例") }

        // The solution: --solution N (1-based, in file order) or a SolutionGroup Id; default the last.
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

        // Times.
        guard let timesNode = instance.child("Times") else { throw .input("\(path):\(instance.line)", "<Instance> has no <Times> / 缺少 <Times>") }
        var groupNames: [String: String] = [:]
        var weekGroups: Set<String> = [], dayGroups: Set<String> = []
        for g in timesNode.child("TimeGroups")?.children ?? [] {
            guard let id = g.attributes["Id"] else { continue }
            groupNames[id] = g.value("Name") ?? id
            if g.name == "Week" { weekGroups.insert(id) }
            if g.name == "Day" { dayGroups.insert(id) }
        }
        struct TimeSlot { var week: Int; var day: Int; var period: Int; var dayKey: String }
        let timeNodes = timesNode.all("Time")
        guard !timeNodes.isEmpty else { throw .input("\(path):\(timesNode.line)", "<Times> has no <Time> / 没有时间") }
        var weekOrder: [String] = []
        var dayOrder: [String: [String]] = [:]     // week → its days in order
        var periodCount: [String: Int] = [:]       // week|day → times so far
        var timeIndex: [String: Int] = [:]         // Time Id → document position
        var slots: [TimeSlot] = []
        for (i, t) in timeNodes.enumerated() {
            guard let id = t.attributes["Id"] else { throw .input("\(path):\(t.line)", "<Time> without Id / 时间缺少 Id") }
            let week = t.child("Week")?.attributes["Reference"] ?? ""
            guard let day = t.child("Day")?.attributes["Reference"] else {
                throw .input("\(path):\(t.line)", "<Time Id=\"\(id)\"> has no <Day>: without Day groups the times cannot be mapped to weekdays and periods / 时间没有所属的日（Day），无法映射到星期和节次")
            }
            if !week.isEmpty, !weekGroups.contains(week) { throw .input("\(path):\(t.line)", "<Time Id=\"\(id)\">: unknown Week \"\(week)\" / 未知的周") }
            guard dayGroups.contains(day) else { throw .input("\(path):\(t.line)", "<Time Id=\"\(id)\">: unknown Day \"\(day)\" / 未知的日") }
            if !weekOrder.contains(week) { weekOrder.append(week) }
            if !(dayOrder[week]?.contains(day) ?? false) { dayOrder[week, default: []].append(day) }
            let key = week + "|" + day
            periodCount[key, default: 0] += 1
            slots.append(TimeSlot(week: weekOrder.firstIndex(of: week)! + 1, day: dayOrder[week]!.firstIndex(of: day)! + 1,
                                  period: periodCount[key]!, dayKey: key))
            timeIndex[id] = i
        }
        if weekOrder.count > 2 {
            throw .input("\(path):\(timesNode.line)", "\(weekOrder.count) Week groups: only a one- or two-week cycle can be a pack's timetable / 只支持单周或双周循环")
        }
        let twoWeek = weekOrder.count == 2
        let daysPerWeek = dayOrder.values.map(\.count).max() ?? 0
        let periodsPerDay = periodCount.values.max() ?? 0
        let dayNames = (dayOrder[weekOrder[0]] ?? []).map { groupNames[$0] ?? $0 } + (daysPerWeek > (dayOrder[weekOrder[0]]?.count ?? 0) ? ["day \(daysPerWeek)"] : [])
        if daysPerWeek > 7 {
            throw .input("\(path):\(timesNode.line)", "\(daysPerWeek) days in a week: a pack allows 1–7 (a longer cycle needs Week groups) / 每周天数超过 7")
        }

        // Resources.
        let resourcesNode = instance.child("Resources")
        var typeKind: [String: Kind] = [:]
        for t in resourcesNode?.child("ResourceTypes")?.all("ResourceType") ?? [] {
            guard let id = t.attributes["Id"] else { continue }
            let words = (id + " " + (t.value("Name") ?? "")).lowercased()
            typeKind[id] = words.contains("class") ? .klass : words.contains("student") ? .student
                : words.contains("teacher") ? .teacher : words.contains("room") ? .room : .other
        }
        var resourceKind: [String: Kind] = [:]
        var resourceName: [String: String] = [:]
        var members: [String: [String]] = [:]   // ResourceGroup → resources
        var knownGroups: Set<String> = []
        for g in resourcesNode?.child("ResourceGroups")?.all("ResourceGroup") ?? [] {
            if let id = g.attributes["Id"] { knownGroups.insert(id) }
        }
        var classOrder: [String] = [], teacherOrder: [String] = [], studentOrder: [String] = []
        for r in resourcesNode?.all("Resource") ?? [] {
            guard let id = r.attributes["Id"] else { throw .input("\(path):\(r.line)", "<Resource> without Id / 资源缺少 Id") }
            let type = r.child("ResourceType")?.attributes["Reference"] ?? ""
            guard let kind = typeKind[type] else {
                throw .input("\(path):\(r.line)", "<Resource Id=\"\(id)\">: unknown ResourceType \"\(type)\" / 未知资源类型")
            }
            resourceKind[id] = kind
            resourceName[id] = r.value("Name") ?? id
            for g in r.child("ResourceGroups")?.all("ResourceGroup") ?? [] {
                let ref = g.attributes["Reference"] ?? ""
                guard knownGroups.contains(ref) else { throw .input("\(path):\(g.line)", "<Resource Id=\"\(id)\">: unknown ResourceGroup \"\(ref)\" / 未知资源组") }
                members[ref, default: []].append(id)
            }
            switch kind {
            case .klass: classOrder.append(id)
            case .teacher: teacherOrder.append(id)
            case .student: studentOrder.append(id)
            default: break
            }
        }
        let studentMode = classOrder.isEmpty && !studentOrder.isEmpty
        if classOrder.isEmpty && studentOrder.isEmpty {
            throw .input(path, "no resources of type Class or Student: no classes to import / 没有班级或学生资源")
        }

        // Events.
        var courseNames: [String: String] = [:]
        for g in instance.child("Events")?.child("EventGroups")?.children ?? [] {
            if let id = g.attributes["Id"] { courseNames[id] = g.value("Name") ?? id }
        }
        struct Event { var id: String; var line: Int; var subject: String; var duration: Int; var time: Int?; var resources: [String] }
        var events: [Event] = []
        var eventIndex: [String: Int] = [:]
        func resolve(_ node: XMLNode?, owner: String, file: String) throws(ImportError) -> [String] {
            var out: [String] = []
            for r in node?.child("Resources")?.all("Resource") ?? [] {
                guard let ref = r.attributes["Reference"] else { continue }  // an open role, filled by the solution
                guard resourceKind[ref] != nil else { throw .input("\(file):\(r.line)", "\(owner): unknown Resource \"\(ref)\" / 未知资源") }
                out.append(ref)
            }
            for g in node?.child("ResourceGroups")?.all("ResourceGroup") ?? [] {
                let ref = g.attributes["Reference"] ?? ""
                guard knownGroups.contains(ref) else { throw .input("\(file):\(g.line)", "\(owner): unknown ResourceGroup \"\(ref)\" / 未知资源组") }
                out += members[ref] ?? []
            }
            return out
        }
        for e in instance.child("Events")?.all("Event") ?? [] {
            guard let id = e.attributes["Id"] else { throw .input("\(path):\(e.line)", "<Event> without Id / 事件缺少 Id") }
            guard let duration = e.value("Duration").flatMap({ Int($0) }), (1...ImportLimits.maxDuration).contains(duration) else {
                throw .input("\(path):\(e.line)", "event \(id): <Duration> is not a whole number 1–\(ImportLimits.maxDuration) / 时长无效")
            }
            var time: Int?
            if let ref = e.child("Time")?.attributes["Reference"] {
                guard let t = timeIndex[ref] else { throw .input("\(path):\(e.line)", "event \(id): unknown Time \"\(ref)\" / 未知时间") }
                time = t
            }
            var subject = e.value("Name") ?? id
            if let course = e.child("Course")?.attributes["Reference"] {
                guard let name = courseNames[course] else { throw .input("\(path):\(e.line)", "event \(id): unknown Course \"\(course)\" / 未知课程") }
                subject = name
            }
            if subject.isEmpty { subject = id }
            eventIndex[id] = events.count
            events.append(Event(id: id, line: e.line, subject: subject, duration: duration, time: time,
                                resources: try resolve(e, owner: "event \(id)", file: path)))
        }

        // Solution events: (event, duration, start, extra resources).
        struct Placed { var event: Int; var duration: Int; var start: Int?; var resources: [String]; var line: Int }
        var placed: [Placed] = []
        var seen: Set<Int> = []
        for s in solution.node.child("Events")?.all("Event") ?? [] {
            let ref = s.attributes["Reference"] ?? ""
            guard let ei = eventIndex[ref] else {
                throw .input("\(path):\(s.line)", "solution event names unknown Event \"\(ref)\" / 解中的事件不存在")
            }
            var start = events[ei].time
            if let tref = s.child("Time")?.attributes["Reference"] {
                guard let t = timeIndex[tref] else { throw .input("\(path):\(s.line)", "solution event \(ref): unknown Time \"\(tref)\" / 未知时间") }
                start = t
            }
            let duration = s.value("Duration").flatMap { Int($0) } ?? events[ei].duration
            guard (1...ImportLimits.maxDuration).contains(duration) else { throw .input("\(path):\(s.line)", "solution event \(ref): bad <Duration> / 时长无效") }
            placed.append(Placed(event: ei, duration: duration, start: start, resources: try resolve(s, owner: "solution event \(ref)", file: path), line: s.line))
            seen.insert(ei)
        }
        // Events the solution omits keep a preassigned time, else stay untimed.
        for (i, e) in events.enumerated() where !seen.contains(i) {
            placed.append(Placed(event: i, duration: e.duration, start: e.time, resources: [], line: e.line))
        }

        let fileStem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = instance.child("MetaData")?.value("Name") ?? fileStem
        var source = ImportSource(format: .xhstt, files: [path], schoolName: name.isEmpty ? fileStem : name,
                                  defaultSchoolID: fileStem, dayNames: dayNames,
                                  periodNames: (1...max(periodsPerDay, 1)).map { String($0) })
        source.twoWeek = twoWeek
        source.notes.append("solution \(chosen + 1) of \(solutions.count): \(solution.group) (\(listing))")
        source.notes.append("subjects are the events' Course names (or the event names when there is no Course)")
        if twoWeek {
            source.notes.append("two-week cycle: Week \(groupNames[weekOrder[0]] ?? weekOrder[0]) is week A (odd teaching weeks 单周), Week \(groupNames[weekOrder[1]] ?? weekOrder[1]) is week B (even 双周); equal lessons in both weeks are `all` rows")
        }
        source.teachers = teacherOrder
        for t in teacherOrder where resourceName[t] != nil && resourceName[t] != t { source.teacherNames[t] = resourceName[t]! }

        // Expand each timed solution event over its consecutive Times.
        struct Piece { var origin: String; var subject: String; var classes: [String]; var students: [String]; var teachers: [String]; var cells: [TimeSlot] }
        var pieces: [Piece] = []
        var timedDuration: [Int: Int] = [:]
        var partsOf: [Int: Int] = [:]
        for p in placed { partsOf[p.event, default: 0] += 1 }
        var partNumber: [Int: Int] = [:]
        for p in placed {
            let e = events[p.event]
            partNumber[p.event, default: 0] += 1
            let origin = "event \(e.id)" + (partsOf[p.event]! > 1 ? " part \(partNumber[p.event]!)" : "")
            let all = e.resources + p.resources
            var classes: [String] = [], students: [String] = [], teachers: [String] = []
            for r in all {
                switch resourceKind[r]! {
                case .klass: if !classes.contains(r) { classes.append(r) }
                case .student: if !students.contains(r) { students.append(r) }
                case .teacher: if !teachers.contains(r) { teachers.append(r) }
                default: break
                }
            }
            let count = studentMode ? (students.isEmpty ? 0 : 1) : classes.count
            guard let start = p.start else {
                source.skipped.append(SkippedItem(.noTime, origin, periods: p.duration * count, "no time in the solution")); continue
            }
            let first = slots[start]
            guard start + p.duration <= slots.count, (0..<p.duration).allSatisfy({ slots[start + $0].dayKey == first.dayKey }) else {
                source.skipped.append(SkippedItem(.outsideGrid, origin, periods: p.duration * count, "duration \(p.duration) from \(timeNodes[start].attributes["Id"] ?? "") runs past the end of the day"))
                continue
            }
            if count == 0 {
                source.skipped.append(SkippedItem(.noClass, origin, periods: 0, "no \(studentMode ? "students" : "class")")); continue
            }
            timedDuration[p.event, default: 0] += p.duration
            pieces.append(Piece(origin: origin, subject: e.subject, classes: classes, students: students, teachers: teachers,
                                cells: (0..<p.duration).map { slots[start + $0] }))
        }
        for (i, e) in events.enumerated() {
            let timed = timedDuration[i] ?? 0
            if timed > 0 && timed < e.duration {
                source.notes.append("event \(e.id): the solution times \(timed) of its \(e.duration) periods")
            }
        }

        // Student mode: students with the same timed events are one class.
        var studentClass: [String: String] = [:]
        if studentMode {
            var eventsOf: [String: [Int]] = [:]
            for (i, piece) in pieces.enumerated() { for s in piece.students { eventsOf[s, default: []].append(i) } }
            var groupOf: [[Int]: [String]] = [:]
            var groupOrder: [[Int]] = []
            for s in studentOrder {
                guard let key = eventsOf[s] else { continue }
                if groupOf[key] == nil { groupOrder.append(key) }
                groupOf[key, default: []].append(s)
            }
            if groupOrder.count > 400 {
                throw .input(path, "\(studentOrder.count) Student resources form \(groupOrder.count) different timetables: too many to be classes; this instance cannot be imported as classes / 学生课表各不相同，无法归并为班级")
            }
            for key in groupOrder {
                let group = groupOf[key]!
                let id = group.count == 1 ? group[0] : "\(group[0])+\(group.count - 1)"
                for s in group { studentClass[s] = id }
                source.classes.append(SourceClass(id: id, stageHints: [resourceName[group[0]] ?? group[0]], students: group.count))
            }
            let idle = studentOrder.count - studentClass.count
            source.notes.append("no Class resources: \(studentOrder.count) Student resources form \(groupOrder.count) groups with the same timetable, each imported as a class" + (idle > 0 ? "; \(idle) students with no timed event are left out" : ""))
        } else {
            source.classes = classOrder.map { SourceClass(id: $0, stageHints: [$0, resourceName[$0] ?? $0]) }
            if !studentOrder.isEmpty { source.notes.append("\(studentOrder.count) Student resources ignored: the instance has Class resources") }
        }

        for piece in pieces {
            var classes = piece.classes
            if studentMode {
                classes = []
                for s in piece.students { let c = studentClass[s]!; if !classes.contains(c) { classes.append(c) } }
            }
            source.itemsPlaced += 1
            for c in classes {
                for cell in piece.cells {
                    source.lessons.append(SourceLesson(classID: c, weekday: cell.day, period: cell.period, week: twoWeek ? cell.week : 0,
                                                       subject: piece.subject, teachers: piece.teachers, origin: piece.origin))
                }
            }
        }
        return source
    }
}
