// The parts of an XHSTT instance the importer reads, each in its own small reader: the Times
// (days, periods, weeks), the Resources (classes, students, teachers), the Events and the
// chosen solution's placements. An Id given twice is refused: later references could not tell
// the two apart, and the pack would get one id for two things.

import Foundation

struct XHSTTTimes {
    struct Slot { var week: Int; var day: Int; var period: Int; var dayKey: String }
    var slots: [Slot] = []
    var ids: [String] = []
    var index: [String: Int] = [:]
    var dayNames: [String] = []
    var weekNames: [String] = []
    var periodsPerDay = 0
    var twoWeek = false

    static func read(_ instance: XMLNode, path: String) throws(ImportError) -> XHSTTTimes {
        guard let timesNode = instance.child("Times") else { throw .input("\(path):\(instance.line)", "<Instance> has no <Times> / 缺少 <Times>") }
        var groupNames: [String: String] = [:]
        var weekGroups: Set<String> = [], dayGroups: Set<String> = []
        for g in timesNode.child("TimeGroups")?.children ?? [] {
            guard let id = g.attributes["Id"] else { continue }
            guard groupNames[id] == nil else { throw .input("\(path):\(g.line)", "time group Id \"\(id)\" is given twice / 时间组 Id 重复") }
            groupNames[id] = g.value("Name") ?? id
            if g.name == "Week" { weekGroups.insert(id) }
            if g.name == "Day" { dayGroups.insert(id) }
        }
        let timeNodes = timesNode.all("Time")
        guard !timeNodes.isEmpty else { throw .input("\(path):\(timesNode.line)", "<Times> has no <Time> / 没有时间") }
        var out = XHSTTTimes()
        var weekOrder: [String] = []
        var dayOrder: [String: [String]] = [:]     // week → its days in order
        var periodCount: [String: Int] = [:]       // week|day → times so far
        for (i, t) in timeNodes.enumerated() {
            guard let id = t.attributes["Id"] else { throw .input("\(path):\(t.line)", "<Time> without Id / 时间缺少 Id") }
            guard out.index[id] == nil else { throw .input("\(path):\(t.line)", "<Time Id=\"\(id)\"> is given twice / 时间 Id 重复") }
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
            let w = (weekOrder.firstIndex(of: week) ?? 0) + 1
            let d = (dayOrder[week]?.firstIndex(of: day) ?? 0) + 1
            out.slots.append(Slot(week: w, day: d, period: periodCount[key] ?? 1, dayKey: key))
            out.ids.append(id)
            out.index[id] = i
        }
        if weekOrder.count > 2 {
            throw .input("\(path):\(timesNode.line)", "\(weekOrder.count) Week groups: only a one- or two-week cycle can be a pack's timetable / 只支持单周或双周循环")
        }
        out.twoWeek = weekOrder.count == 2
        out.weekNames = weekOrder.map { groupNames[$0] ?? $0 }
        let daysPerWeek = dayOrder.values.map(\.count).max() ?? 0
        out.periodsPerDay = periodCount.values.max() ?? 0
        let firstWeekDays = dayOrder[weekOrder[0]] ?? []
        out.dayNames = firstWeekDays.map { groupNames[$0] ?? $0 } + (daysPerWeek > firstWeekDays.count ? (firstWeekDays.count + 1...daysPerWeek).map { "day \($0)" } : [])
        // More than 7 days without Week groups: TwoWeekCycle folds an even cycle of 8–14 days;
        // anything else is refused there.
        if daysPerWeek > 7 && out.twoWeek {
            throw .input("\(path):\(timesNode.line)", "\(daysPerWeek) days in each of two Week groups: a pack allows 1–7 a week / 每周天数超过 7")
        }
        return out
    }
}

struct XHSTTResources {
    var kind: [String: XHSTTImporter.Kind] = [:]
    var name: [String: String] = [:]
    var members: [String: [String]] = [:]   // ResourceGroup → resources
    var groups: Set<String> = []
    var classOrder: [String] = [], teacherOrder: [String] = [], studentOrder: [String] = []
    var studentMode: Bool { classOrder.isEmpty && !studentOrder.isEmpty }

    static func read(_ instance: XMLNode, path: String) throws(ImportError) -> XHSTTResources {
        let node = instance.child("Resources")
        var typeKind: [String: XHSTTImporter.Kind] = [:]
        for t in node?.child("ResourceTypes")?.all("ResourceType") ?? [] {
            guard let id = t.attributes["Id"] else { continue }
            guard typeKind[id] == nil else { throw .input("\(path):\(t.line)", "ResourceType Id \"\(id)\" is given twice / 资源类型 Id 重复") }
            let words = (id + " " + (t.value("Name") ?? "")).lowercased()
            typeKind[id] = words.contains("class") ? .klass : words.contains("student") ? .student
                : words.contains("teacher") ? .teacher : words.contains("room") ? .room : .other
        }
        var out = XHSTTResources()
        for g in node?.child("ResourceGroups")?.all("ResourceGroup") ?? [] {
            guard let id = g.attributes["Id"] else { continue }
            guard out.groups.insert(id).inserted else { throw .input("\(path):\(g.line)", "ResourceGroup Id \"\(id)\" is given twice / 资源组 Id 重复") }
        }
        for r in node?.all("Resource") ?? [] {
            guard let id = r.attributes["Id"] else { throw .input("\(path):\(r.line)", "<Resource> without Id / 资源缺少 Id") }
            guard out.kind[id] == nil else {
                throw .input("\(path):\(r.line)", "<Resource Id=\"\(id)\"> is given twice; every resource needs its own Id / 资源 Id 重复")
            }
            let type = r.child("ResourceType")?.attributes["Reference"] ?? ""
            guard let kind = typeKind[type] else {
                throw .input("\(path):\(r.line)", "<Resource Id=\"\(id)\">: unknown ResourceType \"\(type)\" / 未知资源类型")
            }
            out.kind[id] = kind
            out.name[id] = r.value("Name") ?? id
            for g in r.child("ResourceGroups")?.all("ResourceGroup") ?? [] {
                let ref = g.attributes["Reference"] ?? ""
                guard out.groups.contains(ref) else { throw .input("\(path):\(g.line)", "<Resource Id=\"\(id)\">: unknown ResourceGroup \"\(ref)\" / 未知资源组") }
                out.members[ref, default: []].append(id)
            }
            switch kind {
            case .klass: out.classOrder.append(id)
            case .teacher: out.teacherOrder.append(id)
            case .student: out.studentOrder.append(id)
            default: break
            }
        }
        if out.classOrder.isEmpty && out.studentOrder.isEmpty {
            throw .input(path, "no resources of type Class or Student: no classes to import / 没有班级或学生资源")
        }
        return out
    }

    /// The resources a node names: its references and its resource groups' members.
    func resolve(_ node: XMLNode?, owner: String, file: String) throws(ImportError) -> [String] {
        var out: [String] = []
        for r in node?.child("Resources")?.all("Resource") ?? [] {
            guard let ref = r.attributes["Reference"] else { continue }  // an open role, filled by the solution
            guard kind[ref] != nil else { throw .input("\(file):\(r.line)", "\(owner): unknown Resource \"\(ref)\" / 未知资源") }
            out.append(ref)
        }
        for g in node?.child("ResourceGroups")?.all("ResourceGroup") ?? [] {
            let ref = g.attributes["Reference"] ?? ""
            guard groups.contains(ref) else { throw .input("\(file):\(g.line)", "\(owner): unknown ResourceGroup \"\(ref)\" / 未知资源组") }
            out += members[ref] ?? []
        }
        return out
    }
}

enum XHSTTEvents {
    struct Event { var id: String; var line: Int; var subject: String; var duration: Int; var time: Int?; var resources: [String] }
    struct Placed { var event: Int; var duration: Int; var start: Int?; var resources: [String]; var line: Int }

    static func read(_ instance: XMLNode, resources: XHSTTResources, times: XHSTTTimes, path: String) throws(ImportError) -> [Event] {
        var courseNames: [String: String] = [:]
        for g in instance.child("Events")?.child("EventGroups")?.children ?? [] {
            if let id = g.attributes["Id"] { courseNames[id] = g.value("Name") ?? id }
        }
        var events: [Event] = []
        var seen: Set<String> = []
        for e in instance.child("Events")?.all("Event") ?? [] {
            guard let id = e.attributes["Id"] else { throw .input("\(path):\(e.line)", "<Event> without Id / 事件缺少 Id") }
            guard seen.insert(id).inserted else { throw .input("\(path):\(e.line)", "<Event Id=\"\(id)\"> is given twice / 事件 Id 重复") }
            guard let duration = e.value("Duration").flatMap({ Int($0) }), (1...ImportLimits.maxDuration).contains(duration) else {
                throw .input("\(path):\(e.line)", "event \(id): <Duration> is not a whole number 1–\(ImportLimits.maxDuration) / 时长无效")
            }
            var time: Int?
            if let ref = e.child("Time")?.attributes["Reference"] {
                guard let t = times.index[ref] else { throw .input("\(path):\(e.line)", "event \(id): unknown Time \"\(ref)\" / 未知时间") }
                time = t
            }
            var subject = e.value("Name") ?? id
            if let course = e.child("Course")?.attributes["Reference"] {
                guard let name = courseNames[course] else { throw .input("\(path):\(e.line)", "event \(id): unknown Course \"\(course)\" / 未知课程") }
                subject = name
            }
            if subject.isEmpty { subject = id }
            events.append(Event(id: id, line: e.line, subject: subject, duration: duration, time: time,
                                resources: try resources.resolve(e, owner: "event \(id)", file: path)))
        }
        return events
    }

    /// The solution's events (with their times and assigned resources), then the events it omits
    /// (their preassigned time, or none).
    static func placements(_ solution: XMLNode, events: [Event], resources: XHSTTResources, times: XHSTTTimes,
                           path: String) throws(ImportError) -> [Placed] {
        var eventIndex: [String: Int] = [:]
        for (i, e) in events.enumerated() { eventIndex[e.id] = i }
        var placed: [Placed] = []
        var seen: Set<Int> = []
        for s in solution.child("Events")?.all("Event") ?? [] {
            let ref = s.attributes["Reference"] ?? ""
            guard let ei = eventIndex[ref] else {
                throw .input("\(path):\(s.line)", "solution event names unknown Event \"\(ref)\" / 解中的事件不存在")
            }
            var start = events[ei].time
            if let tref = s.child("Time")?.attributes["Reference"] {
                guard let t = times.index[tref] else { throw .input("\(path):\(s.line)", "solution event \(ref): unknown Time \"\(tref)\" / 未知时间") }
                start = t
            }
            let duration = s.value("Duration").flatMap { Int($0) } ?? events[ei].duration
            guard (1...ImportLimits.maxDuration).contains(duration) else { throw .input("\(path):\(s.line)", "solution event \(ref): bad <Duration> / 时长无效") }
            placed.append(Placed(event: ei, duration: duration, start: start,
                                 resources: try resources.resolve(s, owner: "solution event \(ref)", file: path), line: s.line))
            seen.insert(ei)
        }
        for (i, e) in events.enumerated() where !seen.contains(i) {
            placed.append(Placed(event: i, duration: e.duration, start: e.time, resources: [], line: e.line))
        }
        return placed
    }
}
