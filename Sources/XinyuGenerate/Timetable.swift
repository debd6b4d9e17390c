// The weekly timetable already in force at a school, built so that no teacher is in two places at
// once by construction:
//  1. Each grade gets a day shape: how many lessons each weekday has (the grade's weekly total
//     spread over the days, the rest of the periods left free at the end of the day), and a fixed
//     班会 slot (the last lesson of one afternoon, a different slot for each grade).
//  2. Classes are then filled one at a time. For a class, a max-flow assigns every lesson to one of
//     its lesson slots: source → lesson (its weekly periods) → (lesson, day) (at most 1 a day, 2 for
//     subjects of more than 5 a week) → slot → sink, with a (lesson, day) → slot edge only where
//     every teacher of the lesson is still free and Jilin's rule allows it (no academic lesson in
//     period 7 for grades 1–6, period 8 for grades 7–9). A perfect flow fills the class; its
//     teachers are then marked busy at those slots.
//  3. If a class cannot be filled, the school starts over with another random order (the caller
//     also loosens the daily caps and lowers teachers' loads if that keeps failing).
// An odd/even (单双周) pair holds its two teachers in every week, which is stricter than needed.

import XinyuFlow
import XinyuPack

/// One teaching unit of a class: a subject with its teacher and weekly periods, or an odd/even pair.
struct LessonUnit {
    var subject: String
    var periods: Int
    /// Index into the school's staff; nil for 自习 (no teacher on record).
    var teacher: Int?
    var academic: Bool
    /// For a 单双周 pair: `subject`/`teacher` run in odd weeks, these in even weeks.
    var evenSubject: String?
    var evenTeacher: Int?

    var teachers: [Int] { [teacher, evenTeacher].compactMap { $0 } }
}

/// A lesson placed at a weekday/period (both 0-based here).
struct Placement {
    var day: Int
    var period: Int
    /// Index into the class's units, or nil for 班会.
    var unit: Int?
}

struct TimetableBuilder {
    let days: Int
    let periods: Int
    let grades: [Int]
    /// Class grade, per class.
    let classGrades: [Int]
    /// Units per class (班会 excluded).
    let units: [[LessonUnit]]
    /// Staff index of each class's 班主任.
    let homeroom: [Int]
    let staffCount: Int

    /// Tries to build every class's week; nil if some class could not be filled.
    // Long because both passes draw from one random stream: the order of the draws is every
    // generated pack's identity, so it moves only together with the max-flow rework of this
    // generator (issue 18, one max-flow), which edits this function.
    func build(rng: inout SplitMix64, capRelax: Int) -> [[Placement]]? {
        // 1. Day shapes and 班会 slots per grade.
        var lengths: [Int: [Int]] = [:]
        var homeroomSlot: [Int: (day: Int, period: Int)] = [:]
        var takenHomeroomSlots: [Int] = []
        for grade in grades {
            let total = CoursePlan.weeklyTotal(grade: grade)
            var len = Array(repeating: total / days, count: days)
            for d in rng.shuffled(Array(0..<days)).prefix(total % days) { len[d] += 1 }
            // Half the grades get one longer and one shorter day (a realistic unevenness that also
            // puts some lessons into the last period, where only non-academic ones may go).
            if rng.chance(50) {
                let a = rng.below(days), b = rng.below(days)
                if a != b, len[a] > 4, len[b] < periods { len[a] -= 1; len[b] += 1 }
            }
            lengths[grade] = len
            // 班会: the last lesson of an afternoon, a slot no other grade has.
            var chosen: (Int, Int)? = nil
            for d in rng.shuffled(Array(0..<days)) {
                for p in [len[d] - 1, len[d] - 2] where p >= 4 && !takenHomeroomSlots.contains(d * periods + p) {
                    chosen = (d, p)
                    break
                }
                if chosen != nil { break }
            }
            // Only if every afternoon end is taken (more grades than such slots): share one.
            let fallbackDay = rng.below(days)
            let slot = chosen ?? (fallbackDay, len[fallbackDay] - 1)
            takenHomeroomSlots.append(slot.0 * periods + slot.1)
            homeroomSlot[grade] = slot
        }

        // 2. Fill classes one at a time, grade by grade in a random order.
        var busy = Array(repeating: false, count: staffCount * days * periods)
        func isBusy(_ t: Int, _ d: Int, _ p: Int) -> Bool { busy[(t * days + d) * periods + p] }
        func markBusy(_ t: Int, _ d: Int, _ p: Int) { busy[(t * days + d) * periods + p] = true }

        var result = Array(repeating: [Placement](), count: classGrades.count)
        var order = Array(0..<classGrades.count)
        rng.shuffle(&order)
        // Keep grades together (stable on the shuffled order) so each grade fills its slots early.
        let gradeRank = Dictionary(uniqueKeysWithValues: rng.shuffled(grades).enumerated().map { ($1, $0) })
        order = order.enumerated().sorted {
            let ga = gradeRank[classGrades[$0.element]]!, gb = gradeRank[classGrades[$1.element]]!
            return ga != gb ? ga < gb : $0.offset < $1.offset
        }.map(\.element)

        // The 班会 slots first: each 班主任 is busy at their class's grade slot.
        for c in order {
            let slot = homeroomSlot[classGrades[c]]!
            if isBusy(homeroom[c], slot.day, slot.period) { return nil }
            markBusy(homeroom[c], slot.day, slot.period)
            result[c].append(Placement(day: slot.day, period: slot.period, unit: nil))
        }

        for c in order {
            let grade = classGrades[c]
            let len = lengths[grade]!
            let hr = homeroomSlot[grade]!
            let forbidden = CoursePlan.lastPeriodRule(grade: grade).map { $0 - 1 }
            let classUnits = units[c]
            let u = classUnits.count
            // Node numbering: 0 source, 1 sink, units, (unit, day), slots.
            let unitNode = { (i: Int) in 2 + i }
            let unitDayNode = { (i: Int, d: Int) in 2 + u + i * days + d }
            let slotNode = { (d: Int, p: Int) in 2 + u + u * days + d * periods + p }
            var g = FlowNetwork(nodes: 2 + u + u * days + days * periods)
            // Main subjects first so they get the mornings; otherwise a random order.
            // (Ties keep the shuffled order explicitly: the result must not depend on how the
            // standard library's sort treats equal elements.)
            let unitOrder = rng.shuffled(Array(0..<u)).enumerated().sorted {
                let a = classUnits[$0.element], b = classUnits[$1.element]
                if a.academic != b.academic { return a.academic }
                if a.periods != b.periods { return a.periods > b.periods }
                return $0.offset < $1.offset
            }.map(\.element)
            var edges: [(edge: Int, unit: Int, day: Int, period: Int)] = []
            var needed = 0
            for i in unitOrder {
                let unit = classUnits[i]
                needed += unit.periods
                g.addEdge(0, unitNode(i), unit.periods)
                let cap = (unit.periods > 5 ? 2 : 1) + capRelax
                for d in rng.shuffled(Array(0..<days)) {
                    g.addEdge(unitNode(i), unitDayNode(i, d), cap)
                    // Academic lessons prefer early periods, the others late ones; jitter mixes it.
                    var keyed: [(period: Int, key: Int)] = []
                    for p in 0..<len[d] {
                        let base: Int = unit.academic ? p : (periods - p)
                        let key: Int = base * 10 + rng.below(25)
                        keyed.append((p, key))
                    }
                    keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.period < $1.period }
                    let candidates = keyed.map(\.period)
                    for p in candidates {
                        if d == hr.day && p == hr.period { continue }
                        if unit.academic && p == forbidden { continue }
                        if unit.teachers.contains(where: { isBusy($0, d, p) }) { continue }
                        let e = g.addEdge(unitDayNode(i, d), slotNode(d, p), 1)
                        edges.append((e, i, d, p))
                    }
                }
            }
            for d in 0..<days {
                for p in 0..<len[d] where !(d == hr.day && p == hr.period) {
                    g.addEdge(slotNode(d, p), 1, 1)
                }
            }
            guard g.maxFlow(from: 0, to: 1) == needed else { return nil }
            for e in edges where g.flow(on: e.edge) > 0 {
                for t in classUnits[e.unit].teachers { markBusy(t, e.day, e.period) }
                result[c].append(Placement(day: e.day, period: e.period, unit: e.unit))
            }
        }
        for c in result.indices {
            result[c].sort { ($0.day, $0.period) < ($1.day, $1.period) }
        }
        return result
    }
}
