import Foundation
import XinyuMIP
import XinyuPack

// MARK: - The planner

/// Plans the counseling-room duty of every school whose `[counseling_room]` lists windows, around
/// the given lessons. Per group of schools sharing psychology teachers and per ISO week, a first
/// MIP chooses the openings, minimising lexicographically through integral weights the shortfall
/// (a missing parent slot outweighs every missing minute of the week, a missing minute outweighs
/// every opened minute) and then the opened minutes (no more than needed); a second MIP gives those
/// openings to teachers so that the largest duty load since the start of the term is smallest.
/// Weeks are planned in date order; `timeLimit` (seconds, nil: none) bounds the whole run, and a
/// week left without time is filled greedily. Every shift keeps every rule `DutyVerifier` checks;
/// what cannot be met is in `shortWeeks`, each with its reason.
public func planDuty(_ district: District, lessons: [Lesson], solver: MIPSolver, timeLimit: Double?) -> DutyPlan {
    DutyPlanner(district, lessons: lessons).plan(solver: solver, timeLimit: timeLimit)
}

struct DutyPlanner {
    let district: District
    /// Duty schools in id order.
    let schools: [School]
    let schoolIndex: [String: Int]
    /// Psychology teachers each duty school lists, by id.
    let eligible: [String: [String]]
    let teacherDef: [String: Teacher]
    let cap: [String: Int]
    /// Mental-health lessons per teacher and date, and per teacher and ISO week (for the limits).
    let lessonsDay: [String: Int]
    let lessonsWeek: [String: Int]
    /// Window occurrences of all duty schools, in school, date and time order; the free
    /// eligible teachers of each.
    let slots: [DutySlot]
    let candidates: [[String]]

    init(_ district: District, lessons: [Lesson]) {
        self.district = district
        let schools = district.schools.filter(DutyTerm.hasDuty).sorted { $0.id < $1.id }
        self.schools = schools
        var index: [String: Int] = [:]
        for (i, s) in schools.enumerated() { index[s.id] = i }
        schoolIndex = index
        var eligible: [String: [String]] = [:]
        for s in schools { eligible[s.id] = Array(Set(s.teachers.filter { $0.psych.teaches }.map(\.id))).sorted() }
        self.eligible = eligible
        var def: [String: Teacher] = [:]
        for s in district.schools { for t in s.teachers where def[t.id] == nil { def[t.id] = t } }
        teacherDef = def
        cap = DutyTerm.capMinutes(district)
        var day: [String: Int] = [:], week: [String: Int] = [:]
        for l in lessons {
            day[l.teacher + "\u{1}" + l.date.iso, default: 0] += 1
            week[l.teacher + "\u{1}" + l.date.weekMonday.iso, default: 0] += 1
        }
        lessonsDay = day
        lessonsWeek = week

        // What makes a teacher busy: unavailability, lessons, timetable rows not replaced, training days.
        var unavailable: [String: [Unavailability]] = [:]
        var rowsOf: [String: [(School, TimetableRow)]] = [:]
        for s in district.schools {
            for u in s.unavailable { unavailable[u.teacher, default: []].append(u) }
            for r in s.timetable { for t in r.teachers { rowsOf[t, default: []].append((s, r)) } }
        }
        var lessonPeriods: [String: [Int]] = [:]
        var replaced = Set<String>()
        for l in lessons {
            lessonPeriods[l.teacher + "\u{1}" + l.date.iso, default: []].append(l.period)
            replaced.insert(l.school + "\u{1}" + l.classID + "\u{1}" + l.date.iso + "\u{1}\(l.period)")
        }
        let training = Set(district.calendar.filter { $0.kind == .training }.map(\.date.dayNumber))

        var slots: [DutySlot] = []
        var candidates: [[String]] = []
        for s in schools {
            var n = district.termStart.dayNumber
            while n <= district.termEnd.dayNumber {
                let date = CivilDate(dayNumber: n)
                n += 1
                for slot in DutyTerm.slots(district, s, on: date) {
                    let periods = DutyTerm.periods(s, slot.start, slot.end)
                    var free: [String] = []
                    teachers: for t in eligible[s.id] ?? [] {
                        // Not on a district training day.
                        if training.contains(date.dayNumber) { continue }
                        // Not unavailable (a date or a timetable weekday; the whole day or an overlapping period).
                        for u in unavailable[t] ?? [] {
                            let applies: Bool
                            switch u.when {
                            case .date(let d): applies = d == date
                            case .weekday(let w): applies = w == slot.weekday
                            }
                            if applies && (u.periods.map { !$0.isDisjoint(with: periods) } ?? true) { continue teachers }
                        }
                        // Not giving a mental-health lesson (any school) in an overlapping period.
                        if (lessonPeriods[t + "\u{1}" + date.iso] ?? []).contains(where: periods.contains) { continue }
                        // Not teaching a timetable row (any school) in an overlapping period, unless a lesson replaces it.
                        for (o, r) in rowsOf[t] ?? [] where periods.contains(r.period) {
                            guard let od = TermCalendar.schoolDay(district, o, date), r.weekday == od.timetableWeekday,
                                  r.weeks.applies(toWeek: od.teachingWeek) else { continue }
                            if !replaced.contains(o.id + "\u{1}" + r.classID + "\u{1}" + date.iso + "\u{1}\(r.period)") { continue teachers }
                        }
                        free.append(t)
                    }
                    slots.append(slot)
                    candidates.append(free)
                }
            }
        }
        self.slots = slots
        self.candidates = candidates
    }

    /// Counts toward the limits of a week being built: what is taken so far.
    struct Ledger {
        var taken: [(slot: Int, teacher: String)] = []
        var minutes: [String: Int] = [:]
        var counted: [String: Int] = [:]
    }

    /// Whether teacher `t` can take slot `i` beside what the ledger holds (the hard rules
    /// other than freeness, which `candidates` already keeps).
    func fits(_ ledger: Ledger, _ i: Int, _ t: String) -> Bool {
        let slot = slots[i]
        for (j, u) in ledger.taken {
            // One teacher per opening of the room: no two shifts of a school overlap in time.
            if slots[j].school == slot.school && slots[j].overlaps(slot) { return false }
            // No teacher on two duties overlapping in time (any school).
            if u == t && slots[j].overlaps(slot) { return false }
        }
        // The weekly duty cap (max_teacher_hours_per_week).
        if let c = cap[t], ledger.minutes[t, default: 0] + slot.minutes > c { return false }
        // Duty counted as a lesson against max_per_day and max_per_week (counts_toward_limits).
        if counts(slot.school) {
            if let room = dayRoom(t, slot.date), ledger.counted[t + "\u{1}" + slot.date.iso, default: 0] + 1 > room { return false }
            if let room = weekRoom(t, slot.date.weekMonday), ledger.counted[t, default: 0] + 1 > room { return false }
        }
        return true
    }

    // The limits, written once for the greedy week (`fits`) and the MIPs (`addSharedConstraints`).

    /// Counted duties teacher `t` may still take on `date`: max_per_day less the lessons given
    /// that day (nil: no limit).
    func dayRoom(_ t: String, _ date: CivilDate) -> Int? {
        teacherDef[t]?.maxPerDay.map { max(0, $0 - lessonsDay[t + "\u{1}" + date.iso, default: 0]) }
    }

    /// Counted duties teacher `t` may still take in the week of `monday`: max_per_week less the
    /// lessons given that week (nil: no limit).
    func weekRoom(_ t: String, _ monday: CivilDate) -> Int? {
        teacherDef[t]?.maxPerWeek.map { max(0, $0 - lessonsWeek[t + "\u{1}" + monday.iso, default: 0]) }
    }

    func add(_ ledger: inout Ledger, _ i: Int, _ t: String) {
        let slot = slots[i]
        ledger.taken.append((i, t))
        ledger.minutes[t, default: 0] += slot.minutes
        if counts(slot.school) {
            ledger.counted[t + "\u{1}" + slot.date.iso, default: 0] += 1
            ledger.counted[t, default: 0] += 1
        }
    }

    func counts(_ school: String) -> Bool {
        schoolIndex[school].map { schools[$0].counselingRoom?.countsTowardLimits ?? false } ?? false
    }

    /// One week of one group of schools: its slots and each school's requirement.
    struct WeekProblem {
        var monday: CivilDate
        var slots: [Int]
        var needs: [(school: String, minutes: Int, parents: Int)]
    }

    /// Groups of duty schools sharing a psychology teacher (indices into `schools`).
    func groups() -> [[Int]] {
        var sets = UnionFind(count: schools.count)
        var firstSchool: [String: Int] = [:]
        for (i, s) in schools.enumerated() {
            for t in eligible[s.id] ?? [] {
                // The smaller root names the joined set.
                if let j = firstSchool[t] {
                    let (a, b) = (sets.find(i), sets.find(j))
                    sets.union(max(a, b), min(a, b))
                } else { firstSchool[t] = i }
            }
        }
        var byRoot: [Int: [Int]] = [:]
        for i in schools.indices { byRoot[sets.find(i), default: []].append(i) }
        return byRoot.sorted { $0.key < $1.key }.map(\.value)
    }

    func plan(solver: MIPSolver, timeLimit: Double?) -> DutyPlan {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let c = (clock.now - started).components
            return Double(c.seconds) + Double(c.attoseconds) / 1e18
        }
        // The weekly problems, group by group, week by week.
        var problems: [[WeekProblem]] = []
        for g in groups() {
            let ids = Set(g.map { schools[$0].id })
            var byWeek: [CivilDate: WeekProblem] = [:]
            for (i, slot) in slots.enumerated() where ids.contains(slot.school) && !candidates[i].isEmpty {
                byWeek[slot.date.weekMonday, default: WeekProblem(monday: slot.date.weekMonday, slots: [], needs: [])].slots.append(i)
            }
            for si in g {
                let s = schools[si], room = s.counselingRoom!
                for w in DutyTerm.weeks(district, s) {
                    let need = (school: s.id, minutes: DutyTerm.requiredMinutes(room, schoolDays: w.schoolDays, daysPerWeek: s.daysPerWeek),
                                parents: room.parentSlotsPerWeek)
                    guard need.minutes > 0 || need.parents > 0 else { continue }
                    byWeek[w.monday, default: WeekProblem(monday: w.monday, slots: [], needs: [])].needs.append(need)
                }
            }
            // A week without a requirement opens nothing; a week without a free teacher opens nothing.
            problems.append(byWeek.sorted { $0.key < $1.key }.map(\.value).filter { !$0.needs.isEmpty && !$0.slots.isEmpty })
        }
        var modelsLeft = problems.reduce(0) { $0 + $1.count }
        var optimal = true
        var unproven = Set<String>()  // school \1 monday
        var chosen: [(slot: Int, teacher: String)] = []
        for weeks in problems {
            var cum: [String: Int] = [:]
            for p in weeks {
                let remaining = timeLimit.map { $0 - elapsed() }
                var picks: [(slot: Int, teacher: String)]
                var proven = false
                if let r = remaining, r <= 0.01 {
                    picks = greedy(p, cum: cum)
                } else {
                    // Most weeks solve in milliseconds: a week may take 20 times its share of the time
                    // left (at least a second), never more than what is left.
                    let limit = remaining.map { min($0, max(1, 20 * $0 / Double(max(1, modelsLeft)))) }
                    let result = solveWeek(p, cum: cum, solver: solver, timeLimit: limit)
                    picks = result.picks ?? greedy(p, cum: cum)
                    proven = result.optimal
                }
                modelsLeft -= 1
                if !proven {
                    optimal = false
                    for n in p.needs { unproven.insert(n.school + "\u{1}" + p.monday.iso) }
                }
                // Keep only shifts that keep every rule (a safeguard: the model already does).
                var ledger = Ledger()
                for (i, t) in picks.sorted(by: { ($0.slot, $0.teacher) < ($1.slot, $1.teacher) }) where fits(ledger, i, t) {
                    add(&ledger, i, t)
                }
                for (i, t) in ledger.taken { cum[t, default: 0] += slots[i].minutes }
                chosen += ledger.taken
            }
        }
        let shifts = chosen.map { i, t in
            let s = slots[i]
            return DutyShift(school: s.school, date: s.date, start: s.start, end: s.end, teacher: t, audience: s.audience)
        }.sorted()
        return DutyPlan(shifts: shifts, shortWeeks: shortWeeks(shifts, unproven: unproven), optimal: optimal)
    }
}
