import XinyuPack

/// Re-checks lessons.csv (room, topic, form of each lesson) against the pack and schedule.csv,
/// from the input files alone: the rows are the schedule's, activity rooms are never
/// double-booked and hold each class's share, lectures are in the hall as 专题讲座, the group
/// forms only have the room, no form comes three times in a row, topics come from the class's
/// plan and each class covers the five areas.
public enum DetailsVerifier {
    public static func check(_ district: District, lessons: [Lesson], details: [LessonDetail], allowShort: Bool) -> [Violation] {
        var out: [Violation] = []
        func fail(_ rule: String, _ msg: String) { out.append(Violation(rule: rule, message: msg)) }
        // The same rows as schedule.csv (lecture marks included when schedule rows carry them).
        struct Key: Hashable { var s: String, c: String, d: CivilDate, p: Int, t: String, r: String }
        func key(_ l: Lesson) -> Key { Key(s: l.school, c: l.classID, d: l.date, p: l.period, t: l.teacher, r: l.replaces) }
        let want = Set(lessons.map(key)), have = Set(details.map { key($0.lesson) })
        for k in want.subtracting(have).sorted(by: { ($0.s, $0.c, $0.d, $0.p) < ($1.s, $1.c, $1.d, $1.p) }) {
            fail("details-rows", "lessons.csv has no row for \(k.s) class \(k.c) on \(k.d.iso) period \(k.p)")
        }
        for k in have.subtracting(want).sorted(by: { ($0.s, $0.c, $0.d, $0.p) < ($1.s, $1.c, $1.d, $1.p) }) {
            fail("details-rows", "lessons.csv has \(k.s) class \(k.c) on \(k.d.iso) period \(k.p), which schedule.csv does not")
        }
        if details.count != have.count { fail("details-rows", "lessons.csv repeats a row") }
        // Lecture marks must be true lectures: the verifier's own grouping decides.
        let lectureKeys = Verifier.lectureGroups(district, details.map(\.lesson), fail: { _, _ in })

        var roomAt: [String: Int] = [:]
        for d in details {
            let l = d.lesson
            let what = "\(l.school) class \(l.classID) on \(l.date.iso) period \(l.period)"
            let isLecture = lectureKeys.contains(Verifier.lectureKey(l))
            if l.lecture != isLecture { fail("lecture", "\(what): kind says \(l.lecture ? "lecture" : "lesson") but it is \(isLecture ? "" : "not ")a grade lecture") }
            // Lectures: in the hall, as 专题讲座; the hall and 专题讲座 only for lectures.
            if isLecture != (d.room == .hall) { fail("hall", "\(what): \(isLecture ? "a lecture must be in the hall" : "only a lecture is in the hall")") }
            if isLecture != (d.form == .lecture) { fail("form-lecture", "\(what): \(isLecture ? "a lecture's form is 专题讲座" : "专题讲座 is the form of a grade lecture"), not \(d.form.rawValue)") }
            // The group forms need the activity room.
            if d.form.needsRoom && d.room != .activity {
                fail("form-room", "\(what): \(d.form.rawValue) needs the activity room but the lesson is in the \(d.room.rawValue)")
            }
            if d.room == .activity {
                let rooms = district.school(l.school)?.activityRoom?.rooms ?? 0
                if rooms == 0 { fail("room", "\(what): the school declares no activity room") }
                roomAt[l.school + "\u{1}" + l.date.iso + "\u{1}\(l.period)", default: 0] += 1
            }
            if !TopicPlan.areas.contains(d.area) { fail("topic", "\(what): area \(d.area) is not one of \(TopicPlan.areas.joined(separator: ", "))") }
        }
        // Activity rooms are never double-booked.
        for (k, n) in roomAt.sorted(by: { $0.key < $1.key }) {
            let parts = k.split(separator: "\u{1}").map(String.init)
            let rooms = district.school(parts[0])?.activityRoom?.rooms ?? 0
            if n > rooms { fail("room-clash", "\(parts[0]) has \(n) lessons in its \(rooms) activity room(s) at once on \(parts[1]) period \(parts[2])") }
        }
        // Per class, in date order: share, form variety, topics from the plan, the five areas.
        let byClass = Dictionary(grouping: details) { $0.lesson.school + "\u{1}" + $0.lesson.classID }
        for key in byClass.keys.sorted() {
            let ds = byClass[key]!.sorted { ($0.lesson.date, $0.lesson.period) < ($1.lesson.date, $1.lesson.period) }
            let l0 = ds[0].lesson
            guard let school = district.school(l0.school), let c = school.classes.first(where: { $0.id == l0.classID }) else { continue }
            let name = "\(l0.school) class \(l0.classID)"
            let regular = ds.filter { $0.room != .hall }
            if let policy = school.activityRoom, !allowShort {
                let need = policy.required(lessons: regular.count)
                let given = regular.filter { $0.room == .activity }.count
                if given < need { fail("room-share", "\(name) has \(given) of its \(regular.count) lessons in the activity room; share \(policy.share) asks for \(need)") }
            }
            for i in ds.indices.dropFirst(2) where ds[i].form == ds[i - 1].form && ds[i].form == ds[i - 2].form {
                fail("form-variety", "\(name): \(ds[i].form.rawValue) three times in a row (\(ds[i - 2].lesson.date.iso), \(ds[i - 1].lesson.date.iso), \(ds[i].lesson.date.iso))")
            }
            let plan = district.topics.topics(grade: c.grade, stage: c.stage)
            for d in regular where !plan.contains(TopicPlan.Topic(area: d.area, title: d.topic)) {
                fail("topic", "\(name) on \(d.lesson.date.iso): topic \(d.area)\(d.topic.isEmpty ? "" : ":" + d.topic) is not in the class's topic plan")
            }
            let covered = Set(ds.map(\.area))
            let missing = TopicPlan.areas.filter { !covered.contains($0) }
            // Five lessons or more can always cover the five areas; fewer cannot (the report says so).
            if !missing.isEmpty && ds.count >= TopicPlan.areas.count {
                fail("area-coverage", "\(name) covers \(covered.count) of the five areas this term (missing \(missing.joined(separator: ", ")))")
            }
        }
        return out
    }
}
