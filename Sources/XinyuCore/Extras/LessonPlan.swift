import XinyuMIP
import XinyuPack

/// A class that gets fewer activity-room lessons than `[activity_room] share` asks.
public struct RoomShort: Sendable, Hashable {
    public var school: String
    public var classID: String
    public var required: Int
    public var given: Int
    public var reason: Text
}

/// A class whose lessons of the term cannot cover the five areas.
public struct AreaShort: Sendable, Hashable {
    public var school: String
    public var classID: String
    public var lessons: Int
    public var missing: [String]
    public var reason: Text
}

/// Room, topic and form of every lesson, and what could not be met.
public struct LessonDetailsPlan: Sendable {
    public var details: [LessonDetail]
    public var roomShorts: [RoomShort]
    public var areaShorts: [AreaShort]
    /// Whether every room assignment was proven to miss the fewest room lessons possible.
    public var optimal: Bool
}

/// Gives each placed lesson a room, a topic and a form (after the lessons are placed):
/// - room: grade lectures in the hall; otherwise an activity room for at least `share` of each
///   class's lessons, never more lessons in activity rooms at once than the school has rooms —
///   a transportation problem solved exactly per school (fewest missing room lessons, then room
///   lessons spread evenly through each class's term);
/// - topic: the class's ordered list (district.toml `[topics]`, by grade, else by stage), in
///   order, except that the last lessons take the areas not yet covered, so a class with five
///   lessons or more covers all five areas; a lecture treats `[lectures] area`;
/// - form: activity-room lessons rotate the group forms, classroom lessons the others, lectures
///   are 专题讲座 — so no form comes twice in a row, and the room forms only have the room.
public func planLessonDetails(_ district: District, lessons: [Lesson], solver: MIPSolver, timeLimit: Double?) -> LessonDetailsPlan {
    var details: [LessonDetail] = []
    var roomShorts: [RoomShort] = []
    var areaShorts: [AreaShort] = []
    var optimal = true
    let bySchool = Dictionary(grouping: lessons, by: \.school)
    for school in district.schools {
        guard let ls = bySchool[school.id]?.sorted() else { continue }
        // Rooms.
        let regular = ls.filter { !$0.lecture }
        let rooms = roomAssignment(school, regular, solver: solver, timeLimit: timeLimit.map { $0 / Double(max(1, district.schools.count)) })
        if !rooms.optimal { optimal = false }
        roomShorts += rooms.shorts
        // Topics and forms, class by class in date order.
        let byClass = Dictionary(grouping: ls, by: \.classID)
        for (ci, c) in school.classes.enumerated() {
            let mine = (byClass[c.id] ?? []).sorted { ($0.date, $0.period) < ($1.date, $1.period) }
            guard !mine.isEmpty else { continue }
            let plan = district.topics.topics(grade: c.grade, stage: c.stage)
            // (lecture rows exist only in schools with [lectures])
            let lectureTopic = TopicPlan.Topic(area: school.lectures?.area ?? LecturePolicy.defaultArea, title: school.lectures?.title ?? "")
            var covered = Set(mine.filter(\.lecture).map { _ in lectureTopic.area })
            var remaining = mine.filter { !$0.lecture }.count
            var next = 0
            var roomTurn = ci % LessonForm.roomForms.count, classTurn = ci % LessonForm.classroomForms.count
            for l in mine {
                if l.lecture {
                    details.append(LessonDetail(lesson: l, room: .hall, area: lectureTopic.area, topic: lectureTopic.title, form: .lecture))
                    continue
                }
                let uncovered = TopicPlan.areas.filter { !covered.contains($0) }
                var pick = next % plan.count
                if remaining <= uncovered.count {
                    // The last lessons take the areas not yet covered, in the plan's order from here.
                    pick = (0..<plan.count).map { (next + $0) % plan.count }.first { uncovered.contains(plan[$0].area) } ?? pick
                }
                let topic = plan[pick]
                next = pick + 1
                covered.insert(topic.area)
                remaining -= 1
                let inRoom = rooms.inRoom.contains(l)
                let form: LessonForm
                if inRoom {
                    form = LessonForm.roomForms[roomTurn % LessonForm.roomForms.count]
                    roomTurn += 1
                } else {
                    form = LessonForm.classroomForms[classTurn % LessonForm.classroomForms.count]
                    classTurn += 1
                }
                details.append(LessonDetail(lesson: l, room: inRoom ? .activity : .classroom, area: topic.area, topic: topic.title, form: form))
            }
            let missing = TopicPlan.areas.filter { !covered.contains($0) }
            if !missing.isEmpty {
                areaShorts.append(AreaShort(school: school.id, classID: c.id, lessons: mine.count, missing: missing, reason: Text(
                    en: "class \(c.id) has \(mine.count) lesson(s) this term; covering the five areas needs five (missing: \(missing.joined(separator: ", "))).",
                    zh: "\(c.id)班本学期只有\(mine.count)节心理课，覆盖五个领域至少需要五节（缺：\(missing.joined(separator: "、"))）。")))
            }
        }
    }
    details.sort { $0.lesson < $1.lesson }
    return LessonDetailsPlan(details: details, roomShorts: roomShorts, areaShorts: areaShorts, optimal: optimal)
}

/// Which of a school's lessons are in an activity room.
struct RoomAssignment {
    var inRoom: Set<Lesson>
    var shorts: [RoomShort]
    var optimal: Bool
}

/// The lessons of class `i`-th position (0-based) of `n` that spread `q` room lessons evenly.
func evenPositions(_ q: Int, of n: Int) -> Set<Int> {
    guard n > 0, q > 0 else { return [] }
    return Set((0..<n).filter { i in (i + 1) * q / n > i * q / n })
}

func roomAssignment(_ school: School, _ lessons: [Lesson], solver: MIPSolver, timeLimit: Double?) -> RoomAssignment {
    guard let policy = school.activityRoom, policy.rooms > 0 else { return RoomAssignment(inRoom: [], shorts: [], optimal: true) }
    let byClass = Dictionary(grouping: lessons, by: \.classID).mapValues { $0.sorted { ($0.date, $0.period) < ($1.date, $1.period) } }
    let classIDs = school.classes.map(\.id).filter { byClass[$0] != nil }
    let required = Dictionary(uniqueKeysWithValues: classIDs.map { ($0, policy.required(lessons: byClass[$0]!.count)) })
    let total = lessons.count
    var m = MIPModel(name: "rooms-\(school.id)")
    var column: [Lesson: Int] = [:]
    var atTime: [String: [Int]] = [:]
    var shortColumn: [String: Int] = [:]
    // r[l] = lesson l is in an activity room; cheaper at the positions that spread the room evenly.
    for id in classIDs {
        let ls = byClass[id]!
        let even = evenPositions(required[id]!, of: ls.count)
        for (i, l) in ls.enumerated() {
            let col = m.addBinary("r_\(id)_\(l.date.iso)_\(l.period)", objective: even.contains(i) ? 0 : 1)
            column[l] = col
            atTime[l.date.iso + "/\(l.period)", default: []].append(col)
        }
        // Each class: at least its share in the room, or the shortfall says how many are missing.
        if required[id]! > 0 {
            let s = m.addVariable("short_\(id)", lower: 0, upper: Double(required[id]!), kind: .integer, objective: Double(total + 1))
            shortColumn[id] = s
            m.addConstraint("share_\(id)", ls.map { (column[$0]!, 1.0) } + [(s, 1)], lower: Double(required[id]!))
        }
    }
    // The school's activity rooms hold at most `rooms` lessons at once.
    for key in atTime.keys.sorted() where atTime[key]!.count > policy.rooms {
        m.addConstraint("rooms_\(key)", atTime[key]!.map { ($0, 1.0) }, upper: Double(policy.rooms))
    }
    var inRoom = Set<Lesson>()
    var optimal = false
    if m.variableCount > 0 {
        let r = solver.solve(m, options: SolveOptions(timeLimit: timeLimit, mipGap: 0))
        if r.hasSolution {
            for (l, col) in column where r.values[col] > 0.5 { inRoom.insert(l) }
            optimal = r.status == .optimal
        }
    } else {
        optimal = true
    }
    if column.count > 0 && inRoom.isEmpty && !optimal {
        // No solution in time: the even positions, first come first served.
        var used: [String: Int] = [:]
        for id in classIDs {
            let ls = byClass[id]!
            for i in evenPositions(required[id]!, of: ls.count).sorted() {
                let key = ls[i].date.iso + "/\(ls[i].period)"
                if used[key, default: 0] < policy.rooms { used[key, default: 0] += 1; inRoom.insert(ls[i]) }
            }
        }
    }
    var shorts: [RoomShort] = []
    for id in classIDs {
        let given = byClass[id]!.filter { inRoom.contains($0) }.count
        guard given < required[id]! else { continue }
        shorts.append(RoomShort(school: school.id, classID: id, required: required[id]!, given: given, reason: Text(
            en: "the school's \(policy.rooms) activity room(s) are taken by other classes at the times of class \(id)'s other lessons: \(given) of \(required[id]!) lessons in the room (share \(policy.share)).",
            zh: "学校的\(policy.rooms)间团体活动室在\(id)班其余心理课的时间都被其他班占用：只能安排\(given)/\(required[id]!)节在活动室（比例 \(policy.share)）。")))
    }
    return RoomAssignment(inRoom: inRoom, shorts: shorts, optimal: optimal)
}
