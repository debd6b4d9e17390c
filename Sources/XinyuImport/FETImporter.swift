// FET (https://lalescu.ro/liviu/fet/) timetables.
//
// Input: a solved `*_data_and_timetable.fet` (each placed activity has a
// ConstraintActivityPreferredStartingTime of weight 100 naming its day and hour, or a
// ConstraintActivityPreferredStartingTimes with exactly one time), or an input `.fet` together
// with the `*_activities.xml` FET wrote next to it (Activities_Timetable > Activity > Id, Day, Hour).
//
// Mapping:
// - Days (Days_List, file order) → weekdays 1…N; hours (Hours_List) → periods 1…M.
// - Classes are the FET groups; a year without groups is a class itself. Subgroups are parts of
//   their group(s): a lesson for a subgroup occupies its group, and lessons of disjoint subgroups
//   at one time are one row. A lesson for a year concerns every class of the year.
// - An activity of duration d starting at hour h fills periods h … h+d−1 of each of its classes.
// - Teachers (several allowed) and the subject are the activity's; ids are FET names.
// - Not lessons (reported): inactive activities, activities without students, activities without
//   a time, activities running past the last hour.

import Foundation
import XinyuPack

public enum FETImporter {
    /// A students set → the (class, part) pairs it covers; part nil = the whole class.
    typealias Sets = [String: [(classID: String, part: Set<String>?)]]
    struct Activity { var id: String; var line: Int; var teachers: [String]; var subject: String; var students: [String]; var duration: Int; var active: Bool }

    public static func read(files: [String]) throws(ImportError) -> ImportSource {
        let (fet, timetableFile) = try load(files)
        let path = fet.path, root = fet.root
        // Days and hours, in file order.
        func names(_ listName: String, _ itemName: String) throws(ImportError) -> [String] {
            guard let list = root.child(listName) else { throw .input(path, "no <\(listName)> element / 缺少 <\(listName)>") }
            let items = list.all(itemName).map { $0.value("Name") ?? $0.text }
            if items.isEmpty || items.contains(where: \.isEmpty) {
                throw .input("\(path):\(list.line)", "<\(listName)> has no or empty <\(itemName)> names / <\(listName)> 为空")
            }
            return items
        }
        let days = try names("Days_List", "Day")
        let hours = try names("Hours_List", "Hour")
        let dayIndex = Dictionary(days.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        let hourIndex = Dictionary(hours.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })

        var stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if stem.hasSuffix("_data_and_timetable") { stem = String(stem.dropLast("_data_and_timetable".count)) }
        let institution = root.value("Institution_Name") ?? ""
        var source = ImportSource(format: .fet, files: files, schoolName: institution.isEmpty ? stem : institution,
                                  defaultSchoolID: stem, dayNames: days, periodNames: hours)

        // Teachers and subjects.
        let teacherNodes = root.child("Teachers_List")?.all("Teacher") ?? []
        source.teachers = teacherNodes.compactMap { $0.value("Name") ?? ($0.text.isEmpty ? nil : $0.text) }
        let knownTeachers = Set(source.teachers)
        let subjectList = root.child("Subjects_List").map { $0.all("Subject").map { $0.value("Name") ?? $0.text } }
        let knownSubjects = subjectList.map(Set.init)

        let (sets, subgroupsOfGroup) = try students(root, path: path, source: &source)
        let activities = try readActivities(root, path: path, sets: sets, knownTeachers: knownTeachers, knownSubjects: knownSubjects)
        let times = try readTimes(root, path: path, timetableFile: timetableFile, activityIDs: Set(activities.map(\.id)),
                                  days: days, hours: hours, dayIndex: dayIndex, hourIndex: hourIndex, source: &source)
        place(activities, sets: sets, subgroupsOfGroup: subgroupsOfGroup, times: times, hours: hours, source: &source)
        if source.itemsPlaced == 0 && activities.contains(where: { $0.active }) {
            throw .input(path, "no activity has a time: give the solved *_data_and_timetable.fet, or this .fet with its *_activities.xml / 没有已排定的活动：请给出已求解的 *_data_and_timetable.fet，或同时给出 *_activities.xml")
        }
        return source
    }

    /// The .fet file and the optional *_activities.xml, told apart by their root elements.
    static func load(_ files: [String]) throws(ImportError) -> (fet: (path: String, root: XMLNode), timetable: (path: String, root: XMLNode)?) {
        var fetFile: (path: String, root: XMLNode)?
        var timetableFile: (path: String, root: XMLNode)?
        for path in files {
            let root = try XMLInput.load(path)
            switch root.name {
            case "fet":
                if fetFile != nil { throw .usage("\(path): give one .fet file (and optionally its *_activities.xml) / 只能给一个 .fet 文件") }
                fetFile = (path, root)
            case "Activities_Timetable":
                if timetableFile != nil { throw .usage("\(path): give one *_activities.xml / 只能给一个 activities.xml") }
                timetableFile = (path, root)
            default:
                throw .input("\(path):\(root.line)", "root element <\(root.name)> is not <fet> or <Activities_Timetable>: not a FET file / 不是 FET 文件")
            }
        }
        guard let fet = fetFile else {
            throw .usage("\(files.joined(separator: " ")): no .fet file (root element <fet>) given / 未给出 .fet 文件")
        }
        return (fet, timetableFile)
    }

    /// Classes (groups, or years without groups) and what each students set covers.
    static func students(_ root: XMLNode, path: String, source: inout ImportSource) throws(ImportError) -> (Sets, [String: Set<String>]) {
        var sets: Sets = [:]
        var subgroupsOfGroup: [String: Set<String>] = [:]
        for year in root.child("Students_List")?.all("Year") ?? [] {
            let yearName = year.value("Name") ?? ""
            let groups = year.all("Group")
            if groups.isEmpty {
                if !source.classes.contains(where: { $0.id == yearName }) {
                    source.classes.append(SourceClass(id: yearName, stageHints: [yearName], students: try students(year, path)))
                }
                sets[yearName, default: []].append((yearName, nil))
                continue
            }
            for group in groups {
                let groupName = group.value("Name") ?? ""
                if !source.classes.contains(where: { $0.id == groupName }) {
                    source.classes.append(SourceClass(id: groupName, stageHints: [groupName, yearName],
                                                      students: try students(group, path)))
                }
                if !(sets[groupName]?.contains { $0.classID == groupName } ?? false) { sets[groupName, default: []].append((groupName, nil)) }
                if !(sets[yearName]?.contains { $0.classID == groupName } ?? false) { sets[yearName, default: []].append((groupName, nil)) }
                for sub in group.all("Subgroup") {
                    let subName = sub.value("Name") ?? ""
                    subgroupsOfGroup[groupName, default: []].insert(subName)
                    sets[subName, default: []].append((groupName, [subName]))
                }
            }
        }
        if source.classes.isEmpty { throw .input(path, "no students (<Students_List> has no Year) / 没有学生信息") }
        return (sets, subgroupsOfGroup)
    }

    static func readActivities(_ root: XMLNode, path: String, sets: Sets, knownTeachers: Set<String>,
                               knownSubjects: Set<String>?) throws(ImportError) -> [Activity] {
        var activities: [Activity] = []
        var activityIDs: Set<String> = []
        guard let activityList = root.child("Activities_List") else { throw .input(path, "no <Activities_List> element / 缺少 <Activities_List>") }
        for node in activityList.all("Activity") {
            guard let id = node.value("Id"), !id.isEmpty else { throw .input("\(path):\(node.line)", "<Activity> without <Id> / 活动缺少 Id") }
            guard let duration = node.value("Duration").flatMap({ Int($0) }), (1...ImportLimits.maxDuration).contains(duration) else {
                throw .input("\(path):\(node.line)", "activity \(id): <Duration> is not a whole number 1–\(ImportLimits.maxDuration) / 时长无效")
            }
            let teachers = node.all("Teacher").map(\.text)
            for t in teachers where !knownTeachers.contains(t) {
                throw .input("\(path):\(node.line)", "activity \(id): unknown teacher \"\(t)\" (not in <Teachers_List>) / 未知教师")
            }
            let students = node.all("Students").map(\.text)
            for s in students where sets[s] == nil {
                throw .input("\(path):\(node.line)", "activity \(id): unknown students set \"\(s)\" (not in <Students_List>) / 未知学生组")
            }
            let subject = node.value("Subject") ?? ""
            if let knownSubjects, !subject.isEmpty, !knownSubjects.contains(subject) {
                throw .input("\(path):\(node.line)", "activity \(id): unknown subject \"\(subject)\" (not in <Subjects_List>) / 未知科目")
            }
            let active = (node.value("Active") ?? "true").lowercased() != "false"
            activities.append(Activity(id: id, line: node.line, teachers: teachers, subject: subject, students: students, duration: duration, active: active))
            activityIDs.insert(id)
        }

        return activities
    }

    /// Times: from the activities.xml when given, else from locked starting times.
    static func readTimes(_ root: XMLNode, path: String, timetableFile: (path: String, root: XMLNode)?, activityIDs: Set<String>,
                          days: [String], hours: [String], dayIndex: [String: Int], hourIndex: [String: Int],
                          source: inout ImportSource) throws(ImportError) -> [String: (day: Int, hour: Int)] {
        var times: [String: (day: Int, hour: Int)] = [:]
        if let tt = timetableFile {
            for node in tt.root.all("Activity") {
                guard let id = node.value("Id"), activityIDs.contains(id) else {
                    throw .input("\(tt.path):\(node.line)", "activity \"\(node.value("Id") ?? "")\" is not an activity of \(path) / 活动不在 .fet 文件中")
                }
                guard let dayName = node.value("Day"), let hourName = node.value("Hour") else {
                    throw .input("\(tt.path):\(node.line)", "activity \(id): no <Day> or <Hour> / 缺少日期或节次")
                }
                guard let d = dayIndex[dayName] else { throw .input("\(tt.path):\(node.line)", "activity \(id): unknown day \"\(dayName)\" / 未知日期") }
                guard let h = hourIndex[hourName] else { throw .input("\(tt.path):\(node.line)", "activity \(id): unknown hour \"\(hourName)\" / 未知节次") }
                times[id] = (d, h)
            }
            source.notes.append("times from \(tt.path) (FET's activities timetable) / 时间取自 FET 的 activities.xml")
        } else {
            let constraints = root.child("Time_Constraints_List")?.children ?? []
            for c in constraints where c.name == "ConstraintActivityPreferredStartingTime" || c.name == "ConstraintActivityPreferredStartingTimes" {
                guard (c.value("Active") ?? "true").lowercased() != "false",
                      let weight = c.value("Weight_Percentage").flatMap(Double.init), weight >= 100 else { continue }
                guard let id = c.value("Activity_Id") else { continue }
                guard activityIDs.contains(id) else {
                    throw .input("\(path):\(c.line)", "<\(c.name)> names activity \(id), which is not in <Activities_List> / 约束引用了不存在的活动")
                }
                var dayName: String?, hourName: String?
                if c.name == "ConstraintActivityPreferredStartingTime" {
                    dayName = c.value("Preferred_Day"); hourName = c.value("Preferred_Hour")
                } else {
                    let options = c.all("Preferred_Starting_Time")
                    guard options.count == 1 else { continue }  // several allowed times: not a lock
                    dayName = options[0].value("Preferred_Starting_Day"); hourName = options[0].value("Preferred_Starting_Hour")
                }
                guard let dayName, let hourName, !dayName.isEmpty, !hourName.isEmpty else { continue }  // a day or an hour only
                guard let d = dayIndex[dayName] else { throw .input("\(path):\(c.line)", "<\(c.name)> for activity \(id): unknown day \"\(dayName)\" / 未知日期") }
                guard let h = hourIndex[hourName] else { throw .input("\(path):\(c.line)", "<\(c.name)> for activity \(id): unknown hour \"\(hourName)\" / 未知节次") }
                if let previous = times[id], previous != (d, h) {
                    throw .input("\(path):\(c.line)", "activity \(id) is locked to two different times (\(days[previous.day - 1]) \(hours[previous.hour - 1]) and \(dayName) \(hourName)) / 活动被锁定在两个不同时间")
                }
                times[id] = (d, h)
            }
            source.notes.append("times from the locked starting times (weight 100) of \(path) / 时间取自锁定的开始时间")
        }

        return times
    }

    /// Each timed activity's lessons, and what is skipped.
    static func place(_ activities: [Activity], sets: Sets, subgroupsOfGroup: [String: Set<String>],
                      times: [String: (day: Int, hour: Int)], hours: [String], source: inout ImportSource) {
        // A set covering every subgroup of a group is the whole group.
        func normalise(_ part: Set<String>?, _ group: String) -> Set<String>? {
            guard let part, let all = subgroupsOfGroup[group], part.isSuperset(of: all) else { return part }
            return nil
        }
        for a in activities {
            let origin = "activity \(a.id)"
            var targets: [(classID: String, part: Set<String>?)] = []
            for s in a.students {
                for t in sets[s]! {
                    if let i = targets.firstIndex(where: { $0.classID == t.classID }) {
                        if let p = targets[i].part, let q = t.part { targets[i].part = p.union(q) } else { targets[i].part = nil }
                    } else {
                        targets.append(t)
                    }
                }
            }
            targets = targets.map { ($0.classID, normalise($0.part, $0.classID)) }
            let periods = a.duration * targets.count
            if !a.active { source.skipped.append(SkippedItem(.inactive, origin, periods: periods, "<Active>false</Active>")); continue }
            if targets.isEmpty { source.skipped.append(SkippedItem(.noClass, origin, periods: 0, "no students 无学生; subject \(a.subject), teachers \(a.teachers.joined(separator: ";"))")); continue }
            guard let time = times[a.id] else {
                source.skipped.append(SkippedItem(.noTime, origin, periods: periods, "no locked starting time 无锁定时间")); continue
            }
            if time.hour + a.duration - 1 > hours.count {
                source.skipped.append(SkippedItem(.outsideGrid, origin, periods: periods, "starts at \(hours[time.hour - 1]) with duration \(a.duration), past the last hour 超出当天最后一节"))
                continue
            }
            source.itemsPlaced += 1
            for t in targets {
                for k in 0..<a.duration {
                    source.lessons.append(SourceLesson(classID: t.classID, weekday: time.day, period: time.hour + k,
                                                       subject: a.subject, teachers: a.teachers, part: t.part, origin: origin))
                }
            }
        }
    }

    /// A year's or group's Number_of_Students: empty or 0–10,000 (the pack's bound for a class).
    static func students(_ node: XMLNode, _ path: String) throws(ImportError) -> Int? {
        guard let text = node.value("Number_of_Students"), !text.isEmpty else { return nil }
        guard let n = Int(text), ImportLimits.students.contains(n) else {
            throw .input("\(path):\(node.line)", "\(node.value("Name") ?? node.name): Number_of_Students \"\(text)\" is not a whole number 0–\(ImportLimits.students.upperBound) / 学生人数无效")
        }
        return n
    }
}
