import Foundation
import XinyuMIP
import XinyuPack

// Counseling-room duty: the two MIPs of a week (which windows open, then who keeps them).

private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : greatestCommonDivisor(b, a % b) }

extension DutyPlanner {
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
        for (_, group) in byRoomDay.sorted(by: { $0.key < $1.key }) {
            for c in cliques(group) { m.addConstraint("room_\(m.constraintCount)", c.map { ($0, 1.0) }, upper: 1) }
        }
        // No teacher on two duties overlapping in time (any school of the group).
        for (_, group) in byTeacherDay.sorted(by: { $0.key < $1.key }) {
            for c in cliques(group) { m.addConstraint("clash_\(m.constraintCount)", c.map { ($0, 1.0) }, upper: 1) }
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
            guard teacherDef[t] != nil, !counted.isEmpty else { continue }
            var byDate: [CivilDate: [Int]] = [:]
            for e in counted { byDate[slots[e.slot].date, default: []].append(e.v) }
            for d in byDate.keys.sorted() {
                guard let room = dayRoom(t, d), let vs = byDate[d] else { break }
                if vs.count > room { m.addConstraint("day_t\(ti)_\(d.dayNumber)", vs.map { ($0, 1.0) }, upper: Double(room)) }
            }
            if let room = weekRoom(t, p.monday), counted.count > room {
                m.addConstraint("week_t\(ti)", counted.map { ($0.v, 1.0) }, upper: Double(room))
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
            for (len, ofLength) in byLength.sorted(by: { $0.key < $1.key }) {
                let count = Set(mine.filter { slots[$0.slot].minutes == len }.map(\.slot)).count
                let v = m.addVariable("n_\(k)_\(len)", lower: 0, upper: Double(count), kind: .integer)
                m.addConstraint("count_\(k)_\(len)", ofLength.map { ($0, 1.0) } + [(v, -1)], lower: 0, upper: 0)
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
}
