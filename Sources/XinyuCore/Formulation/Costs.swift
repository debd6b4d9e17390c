import XinyuPack

/// The named preferences of a schedule, each with its weight and what it cost.
public struct PreferenceCosts: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var name: String
        public var weight: Double
        /// The unweighted amount (cost units, lessons, window-days, lessons above share).
        public var amount: Double
        public var cost: Double { weight * amount }
    }
    public var items: [Item]
    public var total: Double { items.reduce(0) { $0 + $1.cost } }
    public func amount(_ name: String) -> Double { items.first { $0.name == name }?.amount ?? 0 }
}

/// Scores a schedule by the named preferences (the definitions in docs/FORMAT.md):
/// - displacement: Σ displacement cost of the replaced periods;
/// - rhythm: lessons not in their class's most frequent (weekday, period, odd/even teaching week);
/// - spread: over every 7-day window and class, lessons beyond the first in the window;
/// - load_balance: Σ over teachers of lessons above their share (by weekly capacity) of the group's
///   required lessons (the sum of the monthly minimums).
/// `capacity` gives each teacher's weekly capacity (max_per_week, or 5 × periods per day);
/// `groupOf` puts teachers in groups (schools planned together) for fair shares.
public func scorePreferences(_ lessons: [Lesson], termStart: CivilDate, weights: PreferenceWeights,
                             capacity: [String: Double], groupOf: [String: Int], required: [Int: Double]) -> PreferenceCosts {
    let displacement = lessons.reduce(0.0) { $0 + $1.cost }
    var byClass: [String: [Lesson]] = [:]
    for l in lessons { byClass[l.school + "\u{1}" + l.classID, default: []].append(l) }
    var rhythm = 0.0, spread = 0.0
    for key in byClass.keys.sorted() {
        let ls = byClass[key]!.sorted()
        var slotCount: [WeeklySlot: Int] = [:]
        for l in ls {
            let week = (l.date.weekMonday.dayNumber - termStart.weekMonday.dayNumber) / 7 + 1
            slotCount[WeeklySlot(weekday: l.weekday, period: l.period, parity: week % 2), default: 0] += 1
        }
        rhythm += Double(ls.count - (slotCount.values.max() ?? 0))
        let dayNumbers = ls.map(\.date.dayNumber)
        if let first = dayNumbers.first, let last = dayNumbers.last {
            var lo = 0
            for a in (first - 6)...last {
                while lo < dayNumbers.count && dayNumbers[lo] < a { lo += 1 }
                var j = lo
                while j < dayNumbers.count && dayNumbers[j] <= a + 6 { j += 1 }
                spread += Double(max(0, j - lo - 1))
            }
        }
    }
    // Fair share within each group of teachers, by weekly capacity.
    var load: [String: Double] = [:]
    for l in lessons { load[l.teacher, default: 0] += 1 }
    var groupCap: [Int: Double] = [:], groupSize: [Int: Int] = [:]
    for (t, g) in groupOf { groupCap[g, default: 0] += capacity[t] ?? 0; groupSize[g, default: 0] += 1 }
    var excess = 0.0
    for (t, g) in groupOf.sorted(by: { $0.key < $1.key }) where (groupSize[g] ?? 0) > 1 {
        let cap = groupCap[g] ?? 0
        guard cap > 0 else { continue }
        excess += max(0, (load[t] ?? 0) - (required[g] ?? 0) * (capacity[t] ?? 0) / cap)
    }
    return PreferenceCosts(items: [
        .init(name: "displacement", weight: weights.displacement, amount: displacement),
        .init(name: "rhythm", weight: weights.rhythm, amount: rhythm),
        .init(name: "spread", weight: weights.spread, amount: spread),
        .init(name: "load_balance", weight: weights.loadBalance, amount: excess),
    ])
}

extension Instance {
    /// The lessons of a set of placements.
    public func lessons(_ placements: [Placement]) -> [Lesson] {
        placements.map { p in
            let c = classes[p.classIndex]
            let cand = c.candidates[p.candidate]
            let day = days[cand.day]
            return Lesson(school: c.school, classID: c.id, date: day.date, weekday: day.timetableWeekday,
                          period: cand.period, teacher: teachers[p.teacher].id, replaces: cand.replaces, cost: cand.cost)
        }.sorted()
    }

    /// Weekly capacity of each teacher for fair shares, by teacher id.
    public var teacherCapacity: [String: Double] {
        Dictionary(uniqueKeysWithValues: teachers.indices.map { (teachers[$0].id, weeklyCapacity($0)) })
    }

    /// Weekly capacity of teacher `t` for fair shares (load balance): max_per_week, or
    /// `PolicyDefaults.weeklyCapacity` of the group's periods per day when it is empty.
    func weeklyCapacity(_ t: Int) -> Double {
        Double(PolicyDefaults.weeklyCapacity(maxPerWeek: teachers[t].maxPerWeek, periodsPerDay: periodsPerDay))
    }

    public func score(_ placements: [Placement]) -> PreferenceCosts {
        scorePreferences(lessons(placements), termStart: termStart, weights: preferences, capacity: teacherCapacity,
                         groupOf: Dictionary(uniqueKeysWithValues: teachers.map { ($0.id, 0) }),
                         required: [0: Double(required)])
    }
}
