import Foundation
import XinyuMIP
import XinyuPack

// Counseling-room duty (心理咨询室值班): which psychology teacher keeps the room open in which
// window, so that each school's room opens its required hours and parent-friendly slots every
// teaching week. Planned after the lessons (the lessons make teachers busy), two small MIPs per
// group of schools sharing psychology teachers and per ISO week; checked by `DutyVerifier`.


/// A teaching week of a school whose counseling-room requirement is not met, and why.
public struct DutyShortWeek: Sendable, Hashable {
    public var school: String
    /// The Monday of the ISO week.
    public var week: CivilDate
    public var requiredMinutes: Int
    public var openMinutes: Int
    public var requiredParentSlots: Int
    public var parentSlots: Int
    public var reason: Text
    public init(school: String, week: CivilDate, requiredMinutes: Int, openMinutes: Int,
                requiredParentSlots: Int, parentSlots: Int, reason: Text) {
        self.school = school
        self.week = week
        self.requiredMinutes = requiredMinutes
        self.openMinutes = openMinutes
        self.requiredParentSlots = requiredParentSlots
        self.parentSlots = parentSlots
        self.reason = reason
    }
}

/// The duty of a district's counseling rooms for the term.
public struct DutyPlan: Sendable {
    /// Sorted (school, date, start, teacher).
    public var shifts: [DutyShift]
    /// Weeks whose required minutes or parent slots are not met, by school and week.
    public var shortWeeks: [DutyShortWeek]
    /// Whether every weekly model was solved to proven optimality: per week, the least shortfall,
    /// then the fewest opened minutes, then (for those openings) the smallest largest duty load.
    /// The balance across weeks is greedy: each week counts the teachers' duty minutes so far.
    public var optimal: Bool
    public init(shifts: [DutyShift], shortWeeks: [DutyShortWeek], optimal: Bool) {
        self.shifts = shifts
        self.shortWeeks = shortWeeks
        self.optimal = optimal
    }
}

// MARK: - The duty calendar (shared by the planner and the sheets; the verifier derives its own)

/// One occurrence of a window: a date on which the room may open from `start` to `end`.
struct DutySlot: Hashable {
    var school: String
    var date: CivilDate
    var start: Int
    var end: Int
    var audience: DutyAudience
    /// The timetable weekday the school runs that day, or the calendar weekday on a day without school.
    var weekday: Int
    var minutes: Int { end - start }
    func overlaps(_ o: DutySlot) -> Bool { date == o.date && start < o.end && o.start < end }
}

private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : greatestCommonDivisor(b, a % b) }

enum DutyTerm {
    /// Whether the school gets duty: a counseling room with at least one window.
    static func hasDuty(_ s: School) -> Bool { !(s.counselingRoom?.windows.isEmpty ?? true) }

    /// The window occurrences of `s` on `date`, in time order (identical windows once).
    static func slots(_ d: District, _ s: School, on date: CivilDate) -> [DutySlot] {
        guard let room = s.counselingRoom, date >= d.termStart, date <= d.termEnd else { return [] }
        let weekday: Int
        if let day = TermCalendar.schoolDay(d, s, date) {
            // A school day opens the windows of the timetable weekday it runs.
            weekday = day.timetableWeekday
        } else {
            // Any other day of the term that is not a holiday or closure opens its weekend windows.
            let kind = d.calendar.first { $0.date == date }?.kind
            if kind == .holiday || kind == .closure || date.weekday <= s.daysPerWeek { return [] }
            weekday = date.weekday
        }
        var out = Set<DutySlot>()
        for w in room.windows where w.weekdays.contains(weekday) && w.start < w.end {
            out.insert(DutySlot(school: s.id, date: date, start: w.start, end: w.end, audience: w.audience, weekday: weekday))
        }
        return out.sorted { ($0.start, $0.end, $0.audience.rawValue) < ($1.start, $1.end, $1.audience.rawValue) }
    }

    /// The ISO weeks (Mondays) of the term with at least one school day of `s`, with their school days.
    static func weeks(_ d: District, _ s: School) -> [(monday: CivilDate, schoolDays: Int)] {
        var out: [(monday: CivilDate, schoolDays: Int)] = []
        var n = d.termStart.dayNumber
        while n <= d.termEnd.dayNumber {
            let date = CivilDate(dayNumber: n)
            if TermCalendar.schoolDay(d, s, date) != nil {
                if out.last?.monday == date.weekMonday { out[out.count - 1].schoolDays += 1 } else { out.append((date.weekMonday, 1)) }
            }
            n += 1
        }
        return out
    }

    /// Minutes the room must open in a week with `schoolDays` school days: the weekly hours
    /// pro-rated by school days, rounded up, at most the full week's.
    static func requiredMinutes(_ room: CounselingRoomPolicy, schoolDays: Int, daysPerWeek: Int) -> Int {
        let full = room.hoursPerWeek * 60
        guard full > 0, schoolDays > 0 else { return 0 }
        let prorated = full * Double(schoolDays) / Double(max(1, daysPerWeek))
        return min(Int((prorated - 1e-9).rounded(.up)), Int((full - 1e-9).rounded(.up)))
    }

    /// The most duty minutes a teacher takes in a week: the smallest `max_teacher_hours_per_week`
    /// of the duty schools listing them as a psychology teacher (nil: no cap).
    static func capMinutes(_ d: District) -> [String: Int] {
        var cap: [String: Int] = [:]
        for s in d.schools where hasDuty(s) {
            guard let h = s.counselingRoom?.maxTeacherHoursPerWeek else { continue }
            let m = Int((h * 60 + 1e-9).rounded(.down))
            for t in s.teachers where t.psych.teaches { cap[t.id] = min(cap[t.id] ?? m, m) }
        }
        return cap
    }

    /// Minutes covered by a set of intervals of one day (overlaps counted once).
    static func unionMinutes(_ intervals: [(Int, Int)]) -> Int {
        var total = 0, reach = Int.min
        for (a, b) in intervals.sorted(by: { $0 < $1 }) {
            let lo = max(a, reach)
            if b > lo { total += b - lo }
            reach = max(reach, b)
        }
        return total
    }

    /// Periods of `s` whose bell times overlap [start, end).
    static func periods(_ s: School, _ start: Int, _ end: Int) -> Set<Int> {
        var out = Set<Int>()
        for (i, p) in s.periodMinutes.enumerated() where p.start < end && start < p.end { out.insert(i + 1) }
        return out
    }
}

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
        if counts(slot.school), let def = teacherDef[t] {
            if let lim = def.maxPerDay,
               lessonsDay[t + "\u{1}" + slot.date.iso, default: 0] + ledger.counted[t + "\u{1}" + slot.date.iso, default: 0] + 1 > lim { return false }
            if let lim = def.maxPerWeek,
               lessonsWeek[t + "\u{1}" + slot.date.weekMonday.iso, default: 0] + ledger.counted[t, default: 0] + 1 > lim { return false }
        }
        return true
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
        return byRoot.keys.sorted().map { byRoot[$0]! }
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
            problems.append(byWeek.keys.sorted().map { byWeek[$0]! }.filter { !$0.needs.isEmpty && !$0.slots.isEmpty })
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

    /// A feasible week by hand: parent slots first (the shortest), then windows in date order
    /// until the minutes are met; each to the free teacher with the least duty so far.
    func greedy(_ p: WeekProblem, cum: [String: Int]) -> [(slot: Int, teacher: String)] {
        var ledger = Ledger()
        var opened = Set<Int>()
        func open(_ i: Int) -> Bool {
            guard !opened.contains(i) else { return false }
            let best = candidates[i].filter { fits(ledger, i, $0) }
                .min { (cum[$0, default: 0] + ledger.minutes[$0, default: 0], $0) < (cum[$1, default: 0] + ledger.minutes[$1, default: 0], $1) }
            guard let t = best else { return false }
            add(&ledger, i, t)
            opened.insert(i)
            return true
        }
        for need in p.needs {
            let mine = p.slots.filter { slots[$0].school == need.school }
            var parents = 0
            for i in mine.filter({ slots[$0].audience.forParents }).sorted(by: { (slots[$0].minutes, $0) < (slots[$1].minutes, $1) })
            where parents < need.parents {
                if open(i) { parents += 1 }
            }
            var minutes = opened.reduce(0) { $0 + (slots[$1].school == need.school ? slots[$1].minutes : 0) }
            for i in mine where minutes < need.minutes {
                if open(i) { minutes += slots[i].minutes }
            }
        }
        return ledger.taken
    }

    /// Search events (GLPK callback calls) the balance search of one week may take at most: a
    /// budget counted in work, not seconds, so the same input gives the same duty plan on any machine.
    static let balanceBudget = 400

    typealias Pick = (slot: Int, teacher: String)
    typealias XVar = (slot: Int, teacher: String, v: Int)

    /// The week in two MIPs, lexicographic: first which windows open (least shortfall, then
    /// fewest minutes), then who keeps them (the largest duty load since the start of the term,
    /// as small as can be). Nil picks when the first found no solution.
    func solveWeek(_ p: WeekProblem, cum: [String: Int], solver: MIPSolver, timeLimit: Double?)
        -> (picks: [Pick]?, optimal: Bool) {
        let clock = ContinuousClock()
        let started = clock.now
        let greedyPicks = greedy(p, cum: cum)
        let first = solveOpenings(p, start: greedyPicks, solver: solver, timeLimit: timeLimit)
        guard let opened = first.picks else { return (nil, false) }
        // Balance only matters when some opening has a choice of teacher.
        guard opened.contains(where: { candidates[$0.slot].count > 1 }) else { return (opened, first.optimal) }
        let spent = clock.now - started
        let left = timeLimit.map { $0 - (Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18) }
        if let left, left <= 0.01 { return (opened, false) }
        // Balance is a preference: its search gets a short budget (the hours and parent slots of
        // stage 1 are what `optimal` promises), so that a term of weeks stays quick.
        let second = solveBalance(p, opened: opened, cum: cum, solver: solver, timeLimit: left)
        return (second.picks ?? opened, first.optimal)
    }

    /// The rules that bind shifts together, on the variables `x` of one week: one teacher per
    /// opening of a room, no teacher on two overlapping duties, the weekly cap, the lesson limits.
    func addSharedConstraints(_ m: inout MIPModel, _ x: [XVar], _ p: WeekProblem) {
        // Clique constraints over intervals of one day: at each start, the variables of the slots covering it.
        func cliques(_ vars: [XVar]) -> [[Int]] {
            var out: [[Int]] = []
            for start in Set(vars.map { slots[$0.slot].start }).sorted() {
                let cover = vars.filter { slots[$0.slot].start <= start && start < slots[$0.slot].end }.map(\.v)
                if cover.count > 1 && out.last != cover { out.append(cover) }
            }
            return out
        }
        var byRoomDay: [String: [XVar]] = [:]
        var byTeacherDay: [String: [XVar]] = [:]
        for e in x {
            byRoomDay[slots[e.slot].school + "\u{1}" + slots[e.slot].date.iso, default: []].append(e)
            byTeacherDay[e.teacher + "\u{1}" + slots[e.slot].date.iso, default: []].append(e)
        }
        // One teacher per opening, and the room of a school open once at a time.
        for key in byRoomDay.keys.sorted() {
            for c in cliques(byRoomDay[key]!) { m.addConstraint("room_\(m.constraintCount)", c.map { ($0, 1.0) }, upper: 1) }
        }
        // No teacher on two duties overlapping in time (any school of the group).
        for key in byTeacherDay.keys.sorted() {
            for c in cliques(byTeacherDay[key]!) { m.addConstraint("clash_\(m.constraintCount)", c.map { ($0, 1.0) }, upper: 1) }
        }
        let teachers = Array(Set(x.map(\.teacher))).sorted()
        for (ti, t) in teachers.enumerated() {
            let mine = x.filter { $0.teacher == t }
            // Weekly duty cap (max_teacher_hours_per_week).
            if let c = cap[t], mine.reduce(0, { $0 + slots[$1.slot].minutes }) > c {
                m.addConstraint("cap_t\(ti)", mine.map { ($0.v, Double(slots[$0.slot].minutes)) }, upper: Double(c))
            }
            // Duty counted as lessons against max_per_day and max_per_week (counts_toward_limits).
            let counted = mine.filter { counts(slots[$0.slot].school) }
            guard let def = teacherDef[t], !counted.isEmpty else { continue }
            if let lim = def.maxPerDay {
                var byDate: [CivilDate: [Int]] = [:]
                for e in counted { byDate[slots[e.slot].date, default: []].append(e.v) }
                for d in byDate.keys.sorted() {
                    let room = max(0, lim - lessonsDay[t + "\u{1}" + d.iso, default: 0])
                    if byDate[d]!.count > room { m.addConstraint("day_t\(ti)_\(d.dayNumber)", byDate[d]!.map { ($0, 1.0) }, upper: Double(room)) }
                }
            }
            if let lim = def.maxPerWeek {
                let room = max(0, lim - lessonsWeek[t + "\u{1}" + p.monday.iso, default: 0])
                if counted.count > room { m.addConstraint("week_t\(ti)", counted.map { ($0.v, 1.0) }, upper: Double(room)) }
            }
        }
    }

    func variables(_ m: inout MIPModel, _ slotList: [Int], objective: (Int) -> Double) -> [XVar] {
        var x: [XVar] = []
        for i in slotList {
            for t in candidates[i] { x.append((i, t, m.addBinary("x_s\(i)_\(x.count)", objective: objective(i)))) }
        }
        return x
    }

    /// Stage 1: which windows open and by whom (any teacher). Integral weights: one minute of
    /// shortfall outweighs all opened minutes of the week; one missing parent slot outweighs every
    /// minute of shortfall.
    func solveOpenings(_ p: WeekProblem, start: [Pick], solver: MIPSolver, timeLimit: Double?) -> (picks: [Pick]?, optimal: Bool) {
        var m = MIPModel(name: "duty_open_\(p.monday.dayNumber)")
        let total = p.slots.reduce(0) { $0 + slots[$1].minutes }
        let wShort = Double(total + 1)
        let wParent = wShort * Double(p.needs.reduce(0) { $0 + $1.minutes } + 1)
        // Each opened minute costs 1 (the room opens no more than it must).
        let x = variables(&m, p.slots) { Double(slots[$0].minutes) }
        var shortVars: [(minutes: Int?, parents: Int?)] = []
        struct Aggregate {
            var school: String
            var counts: [(length: Int, v: Int)]
            var units: Int
            var unit: Int
        }
        var aggregates: [Aggregate] = []
        for (k, n) in p.needs.enumerated() {
            let mine = x.filter { slots[$0.slot].school == n.school }
            var vars: (minutes: Int?, parents: Int?) = (nil, nil)
            // Required minutes of the week (pro-rated), with an integral shortfall slack.
            if n.minutes > 0 {
                let s = m.addVariable("short_min_\(k)", lower: 0, upper: Double(n.minutes), kind: .integer, objective: wShort)
                m.addConstraint("hours_\(k)", mine.map { ($0.v, Double(slots[$0.slot].minutes)) } + [(s, 1)], lower: Double(n.minutes))
                vars.minutes = s
            }
            // Required parent-friendly openings (parents or all), with an integral shortfall slack.
            if n.parents > 0 {
                let s = m.addVariable("short_par_\(k)", lower: 0, upper: Double(n.parents), kind: .integer, objective: wParent)
                m.addConstraint("parents_\(k)", mine.filter { slots[$0.slot].audience.forParents }.map { ($0.v, 1.0) } + [(s, 1)],
                                lower: Double(n.parents))
                vars.parents = s
            }
            shortVars.append(vars)
            // Aggregates for the search (no new rule): how many windows of each length open, and the
            // open minutes as a multiple of the lengths' gcd, so that branching on them settles which
            // totals can be reached without trying symmetric windows one by one.
            var byLength: [Int: [Int]] = [:]
            for e in mine { byLength[slots[e.slot].minutes, default: []].append(e.v) }
            guard byLength.count > 0 else { continue }
            var aggregate = Aggregate(school: n.school, counts: [], units: 0, unit: byLength.keys.reduce(0, greatestCommonDivisor))
            var terms: [(Int, Double)] = []
            var most = 0
            for len in byLength.keys.sorted() {
                let count = Set(mine.filter { slots[$0.slot].minutes == len }.map(\.slot)).count
                let v = m.addVariable("n_\(k)_\(len)", lower: 0, upper: Double(count), kind: .integer)
                m.addConstraint("count_\(k)_\(len)", byLength[len]!.map { ($0, 1.0) } + [(v, -1)], lower: 0, upper: 0)
                terms.append((v, Double(len)))
                aggregate.counts.append((len, v))
                most += len * count
            }
            aggregate.units = m.addVariable("units_\(k)", lower: 0, upper: Double(most / aggregate.unit), kind: .integer)
            m.addConstraint("total_\(k)", terms + [(aggregate.units, -Double(aggregate.unit))], lower: 0, upper: 0)
            aggregates.append(aggregate)
        }
        addSharedConstraints(&m, x, p)

        // A warm start from the greedy week, when it keeps every constraint.
        var options = SolveOptions(timeLimit: timeLimit)
        var values = [Double](repeating: 0, count: m.variableCount)
        let chosen = Set(start.map { "\($0.slot)\u{1}\($0.teacher)" })
        for e in x where chosen.contains("\(e.slot)\u{1}\(e.teacher)") { values[e.v] = 1 }
        for (k, n) in p.needs.enumerated() {
            let mine = x.filter { slots[$0.slot].school == n.school && values[$0.v] > 0.5 }
            let open = mine.reduce(0) { $0 + slots[$1.slot].minutes }
            let parents = mine.filter { slots[$0.slot].audience.forParents }.count
            if let v = shortVars[k].minutes { values[v] = Double(max(0, n.minutes - open)) }
            if let v = shortVars[k].parents { values[v] = Double(max(0, n.parents - parents)) }
        }
        for a in aggregates {
            let mine = x.filter { slots[$0.slot].school == a.school && values[$0.v] > 0.5 }
            for (len, v) in a.counts { values[v] = Double(mine.filter { slots[$0.slot].minutes == len }.count) }
            values[a.units] = Double(mine.reduce(0) { $0 + slots[$1.slot].minutes } / a.unit)
        }
        if m.maxViolation(values) < 1e-6 { options.warmStart = values }
        let result = solver.solve(m, options: options)
        guard result.hasSolution, result.values.count == m.variableCount else { return (nil, false) }
        return (x.filter { result.values[$0.v] > 0.5 }.map { ($0.slot, $0.teacher) }, result.status == .optimal)
    }

    /// Stage 2: the same openings, each to one free teacher, minimising the largest duty load
    /// since the start of the term (above the largest load so far).
    func solveBalance(_ p: WeekProblem, opened: [Pick], cum: [String: Int], solver: MIPSolver, timeLimit: Double?)
        -> (picks: [Pick]?, optimal: Bool) {
        var m = MIPModel(name: "duty_balance_\(p.monday.dayNumber)")
        let open = Array(Set(opened.map(\.slot))).sorted()
        let x = variables(&m, open) { _ in 0 }
        let total = open.reduce(0) { $0 + slots[$1].minutes }
        let teachers = Array(Set(x.map(\.teacher))).sorted()
        let maxCum = teachers.map { cum[$0, default: 0] }.max() ?? 0
        let load = m.addVariable("load", lower: 0, upper: Double(total), kind: .continuous, objective: 1)
        // Every opening of stage 1 stays open, by exactly one teacher.
        for i in open { m.addConstraint("keep_s\(i)", x.filter { $0.slot == i }.map { ($0.v, 1.0) }, lower: 1, upper: 1) }
        addSharedConstraints(&m, x, p)
        // The largest duty load: each teacher's minutes so far plus this week's, less the largest so far.
        for (ti, t) in teachers.enumerated() {
            m.addConstraint("load_t\(ti)", x.filter { $0.teacher == t }.map { ($0.v, Double(slots[$0.slot].minutes)) } + [(load, -1)],
                            upper: Double(maxCum - cum[t, default: 0]))
        }
        var options = SolveOptions(timeLimit: timeLimit)
        let events = EventBudget(DutyPlanner.balanceBudget)
        options.shouldStop = { events.spend() }
        var values = [Double](repeating: 0, count: m.variableCount)
        let chosen = Set(opened.map { "\($0.slot)\u{1}\($0.teacher)" })
        var minutes: [String: Int] = [:]
        for e in x where chosen.contains("\(e.slot)\u{1}\(e.teacher)") {
            values[e.v] = 1
            minutes[e.teacher, default: 0] += slots[e.slot].minutes
        }
        values[load] = Double(max(0, (teachers.map { minutes[$0, default: 0] + cum[$0, default: 0] }.max() ?? 0) - maxCum))
        if m.maxViolation(values) < 1e-6 { options.warmStart = values }
        let result = solver.solve(m, options: options)
        guard result.hasSolution, result.values.count == m.variableCount else { return (nil, false) }
        return (x.filter { result.values[$0.v] > 0.5 }.map { ($0.slot, $0.teacher) }, result.status == .optimal)
    }

    // MARK: Short weeks and their reasons

    func shortWeeks(_ shifts: [DutyShift], unproven: Set<String>) -> [DutyShortWeek] {
        var out: [DutyShortWeek] = []
        var slotsOf: [String: [Int]] = [:]  // school \1 monday
        for (i, s) in slots.enumerated() { slotsOf[s.school + "\u{1}" + s.date.weekMonday.iso, default: []].append(i) }
        var shiftsOf: [String: [DutyShift]] = [:]
        for s in shifts { shiftsOf[s.school + "\u{1}" + s.date.weekMonday.iso, default: []].append(s) }
        for s in schools {
            let room = s.counselingRoom!
            for w in DutyTerm.weeks(district, s) {
                let key = s.id + "\u{1}" + w.monday.iso
                let need = DutyTerm.requiredMinutes(room, schoolDays: w.schoolDays, daysPerWeek: s.daysPerWeek)
                let mine = shiftsOf[key] ?? []
                let open = openMinutes(mine)
                let parents = mine.filter(\.audience.forParents).count
                guard open < need || parents < room.parentSlotsPerWeek else { continue }
                out.append(DutyShortWeek(school: s.id, week: w.monday, requiredMinutes: need, openMinutes: open,
                                         requiredParentSlots: room.parentSlotsPerWeek, parentSlots: parents,
                                         reason: reason(s, w.monday, schoolDays: w.schoolDays, need: need, open: open,
                                                        parentsNeed: room.parentSlotsPerWeek, parents: parents,
                                                        slots: slotsOf[key] ?? [], proven: !unproven.contains(key))))
            }
        }
        return out
    }

    func openMinutes(_ shifts: [DutyShift]) -> Int {
        var byDate: [CivilDate: [(Int, Int)]] = [:]
        for s in shifts { byDate[s.date, default: []].append((s.start, s.end)) }
        return byDate.values.reduce(0) { $0 + DutyTerm.unionMinutes($1) }
    }

    func reason(_ s: School, _ monday: CivilDate, schoolDays: Int, need: Int, open: Int, parentsNeed: Int, parents: Int,
                slots mine: [Int], proven: Bool) -> Text {
        let week = monday.iso
        let teachers = eligible[s.id] ?? []
        if teachers.isEmpty {
            return Text(en: "\(s.id) lists no psychology teacher in teachers.csv to take duty in the week of \(week).",
                        zh: "\(s.id)的teachers.csv中没有心理教师，\(week)这一周无人值班。")
        }
        func minutes(_ idx: [Int]) -> Int {
            var byDate: [CivilDate: [(Int, Int)]] = [:]
            for i in idx { byDate[slots[i].date, default: []].append((slots[i].start, slots[i].end)) }
            return byDate.values.reduce(0) { $0 + DutyTerm.unionMinutes($1) }
        }
        let free = mine.filter { !candidates[$0].isEmpty }
        let names = teachers.joined(separator: ", "), namesZh = teachers.joined(separator: "、")
        var en: [String] = [], zh: [String] = []
        if open < need {
            let all = minutes(mine), reachable = minutes(free)
            if all < need {
                en.append("the week of \(week) has \(schoolDays) school day(s); the windows that week give \(all) of the \(need) required minutes")
                zh.append("\(week)这一周有\(schoolDays)个上课日，该周的开放时段共\(all)分钟，不足要求的\(need)分钟")
            } else if reachable < need {
                en.append("every psychology teacher (\(names)) is teaching, unavailable or on training during \(mine.count - free.count) of the \(mine.count) windows of the week of \(week); the windows with a free teacher give \(reachable) of the \(need) required minutes")
                zh.append("\(week)这一周\(mine.count)个开放时段中有\(mine.count - free.count)个时段所有心理教师（\(namesZh)）都在上课、不可用或参加培训，有空闲教师的时段共\(reachable)分钟，不足要求的\(need)分钟")
            } else if !proven {
                en.append("the solver stopped at its time limit with \(open) of the \(need) required minutes of the week of \(week) covered")
                zh.append("求解在时限内停止，\(week)这一周只安排了要求的\(need)分钟中的\(open)分钟")
            } else {
                en.append("the weekly duty cap, the lesson limits and other duty at the same time of the psychology teachers (\(names)) leave \(open) of the \(need) required minutes of the week of \(week)")
                zh.append("受心理教师（\(namesZh)）每周值班上限、课时上限及同时段其他值班所限，\(week)这一周只能开放要求的\(need)分钟中的\(open)分钟")
            }
        }
        if parents < parentsNeed {
            let all = mine.filter { slots[$0].audience.forParents }.count
            let reachable = free.filter { slots[$0].audience.forParents }.count
            if all < parentsNeed {
                en.append("the week of \(week) has \(all) parent-friendly window(s) (parents or all), fewer than the \(parentsNeed) required")
                zh.append("\(week)这一周只有\(all)个面向家长的开放时段，少于要求的\(parentsNeed)个")
            } else if reachable < parentsNeed {
                en.append("in the week of \(week) a psychology teacher (\(names)) is free in only \(reachable) of the \(all) parent-friendly windows (\(parentsNeed) required)")
                zh.append("\(week)这一周面向家长的\(all)个时段中只有\(reachable)个有空闲的心理教师（\(namesZh)），要求\(parentsNeed)个")
            } else if !proven {
                en.append("the solver stopped at its time limit with \(parents) of the \(parentsNeed) parent slots of the week of \(week) open")
                zh.append("求解在时限内停止，\(week)这一周只开放了要求的\(parentsNeed)个家长时段中的\(parents)个")
            } else {
                en.append("the weekly duty cap, the lesson limits and other duty at the same time leave \(parents) of the \(parentsNeed) parent slots of the week of \(week)")
                zh.append("受每周值班上限、课时上限及同时段其他值班所限，\(week)这一周只能开放要求的\(parentsNeed)个家长时段中的\(parents)个")
            }
        }
        let sentence = en.joined(separator: "; ")
        return Text(en: sentence.prefix(1).uppercased() + sentence.dropFirst() + ".", zh: zh.joined(separator: "；") + "。")
    }
}

// MARK: - Files

/// The weekly duty sheet for schools (duty.csv itself: XinyuPack's DutyFiles).
extension DutyFiles {
    static let weekdayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    static let audienceNames: [DutyAudience: String] = [.students: "", .parents: " 家长", .all: " 全体"]

    /// Hours for people: "4", "2.5", "2.67".
    static func hours(_ minutes: Int) -> String {
        let hundredths = (minutes * 100 + 30) / 60
        var s = "\(hundredths / 100)"
        let frac = hundredths % 100
        if frac != 0 { s += "." + (frac % 10 == 0 ? "\(frac / 10)" : (frac < 10 ? "0\(frac)" : "\(frac)")) }
        return s
    }

    /// The weekly duty sheet (UTF-8 with BOM, for Excel/WPS): one row per duty school and week of
    /// the term with school days: required and open hours, required and open parent slots, then
    /// one line per teacher ("张老师 (T01): 周一 12:10-13:00, 周三 16:30-17:30 全体"), and why a short week is short.
    public static func weeklySheet(_ district: District, _ plan: DutyPlan) -> String {
        let head = ["学校 school", "周 week (Monday)", "要求时长 required hours", "开放时长 open hours",
                    "家长时段要求 parent slots required", "家长时段 parent slots", "值班 duty", "说明 note"]
        var shiftsOf: [String: [DutyShift]] = [:]
        for s in plan.shifts { shiftsOf[s.school + "\u{1}" + s.date.weekMonday.iso, default: []].append(s) }
        var shortOf: [String: DutyShortWeek] = [:]
        for w in plan.shortWeeks { shortOf[w.school + "\u{1}" + w.week.iso] = w }
        var names: [String: String] = [:]
        for s in district.schools { for t in s.teachers where names[t.id] == nil { names[t.id] = t.name } }
        var rows: [[String]] = []
        for s in district.schools.sorted(by: { $0.id < $1.id }) where DutyTerm.hasDuty(s) {
            let room = s.counselingRoom!
            // Monday → required minutes and parent slots (none in a week without school days).
            var weeks: [CivilDate: (minutes: Int, parents: Int)] = [:]
            for w in DutyTerm.weeks(district, s) {
                weeks[w.monday] = (DutyTerm.requiredMinutes(room, schoolDays: w.schoolDays, daysPerWeek: s.daysPerWeek), room.parentSlotsPerWeek)
            }
            for sh in plan.shifts where sh.school == s.id && weeks[sh.date.weekMonday] == nil { weeks[sh.date.weekMonday] = (0, 0) }
            for monday in weeks.keys.sorted() {
                let key = s.id + "\u{1}" + monday.iso
                let mine = (shiftsOf[key] ?? []).sorted()
                var byDate: [CivilDate: [(Int, Int)]] = [:]
                for sh in mine { byDate[sh.date, default: []].append((sh.start, sh.end)) }
                let open = byDate.values.reduce(0) { $0 + DutyTerm.unionMinutes($1) }
                var lines: [String] = []
                for t in Set(mine.map(\.teacher)).sorted() {
                    let name = names[t].flatMap { $0.isEmpty || $0 == t ? nil : "\($0) (\(t))" } ?? t
                    let times = mine.filter { $0.teacher == t }.sorted { ($0.date, $0.start) < ($1.date, $1.start) }.map {
                        "\(weekdayNames[$0.date.weekday - 1]) \(DutyWindow.clock($0.start))-\(DutyWindow.clock($0.end))\(audienceNames[$0.audience]!)"
                    }
                    lines.append("\(name): " + times.joined(separator: ", "))
                }
                let note = shortOf[key].map { $0.reason.zh + "\n" + $0.reason.en } ?? ""
                rows.append([s.name.isEmpty || s.name == s.id ? s.id : "\(s.name) (\(s.id))", monday.iso,
                             hours(weeks[monday]!.minutes), hours(open), String(weeks[monday]!.parents),
                             String(mine.filter(\.audience.forParents).count), lines.joined(separator: "\n"), note])
            }
        }
        return CSVText.document(header: head, rows: rows, bom: true)
    }
}


/// A deterministic search budget: `spend()` is true once it has been called `limit` times.
final class EventBudget: @unchecked Sendable {
    private var left: Int
    private let lock = NSLock()
    init(_ limit: Int) { left = limit }
    func spend() -> Bool {
        lock.lock(); defer { lock.unlock() }
        left -= 1
        return left < 0
    }
}
