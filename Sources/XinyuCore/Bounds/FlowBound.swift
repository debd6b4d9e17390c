import XinyuFlow

/// A lower bound on the missing lessons of any schedule, by a maximum flow over the whole term:
/// lessons flow from each class's month (at most its minimum counts) through its ISO weeks
/// (at most max_per_week, less lectures), its candidate slots (one lesson at a time), to the
/// teacher who could take the slot (one class at a time), that teacher's day (max_per_day) and
/// ISO week (max_per_week). It keeps every rule of the term model except `same_teacher` and the
/// coupling of a teacher's own displaceable row (`requires`), and splits a week that straddles two
/// months into its two parts — all relaxations, so the flow is at least the number of lessons
/// any schedule can count against the minimums, and required − flow is a valid bound.
///
/// Unlike the pooled count (`countingShortfallBound`) it sees that classes whose only free
/// periods fall at the same time cannot share one teacher there. Integral and exact (no MIP); the
/// flow itself is XinyuFlow's, the one max-flow of the project.
func flowShortfallBound(_ inst: Instance) -> Int {
    var net = FlowNetwork()
    let source = net.addNode(), sink = net.addNode()
    let unlimited = Int(Int32.max)
    let nD = inst.days.count, nW = inst.isoWeeks.count, P = inst.periodsPerDay + 1
    // Teacher side: each node is made, with its one edge towards the sink, when first reached
    // (a fixed order: deterministic). time → day (one class at a time) → week (max_per_day) → sink.
    var weekNode: [Int: Int] = [:], dayNode: [Int: Int] = [:], timeNode: [Int: Int] = [:]
    func teacherWeek(_ t: Int, _ w: Int) -> Int {
        if let n = weekNode[t * nW + w] { return n }
        let n = net.addNode()
        net.addEdge(n, sink, inst.teacherWeekCap(t, w) ?? unlimited)
        weekNode[t * nW + w] = n
        return n
    }
    func teacherDay(_ t: Int, _ d: Int) -> Int {
        if let n = dayNode[t * nD + d] { return n }
        let n = net.addNode(), up = teacherWeek(t, inst.days[d].isoWeek)
        net.addEdge(n, up, inst.teacherDayCap(t, d) ?? unlimited)
        dayNode[t * nD + d] = n
        return n
    }
    func teacherTime(_ t: Int, _ d: Int, _ p: Int) -> Int {
        let key = (t * nD + d) * P + p
        if let n = timeNode[key] { return n }
        let n = net.addNode(), up = teacherDay(t, d)
        net.addEdge(n, up, 1)
        timeNode[key] = n
        return n
    }
    // Class side: source → month (its minimum) → the month's part of an ISO week (max_per_week,
    // less lectures) → candidate slot (one lesson) → the teachers who could take it.
    for (ci, c) in inst.classes.enumerated() {
        var monthNode: [Int: Int] = [:]
        for (mi, minimum) in c.minimum.enumerated() {
            guard let minimum, minimum > 0 else { continue }
            let node = net.addNode()
            monthNode[mi] = node
            net.addEdge(source, node, minimum)
        }
        var partNode: [Int: Int] = [:]  // month * nW + week
        for cand in c.candidates where !cand.options.isEmpty {
            let day = inst.days[cand.day]
            guard let month = monthNode[day.month] else { continue }
            let key = day.month * nW + day.isoWeek
            let part: Int
            if let known = partNode[key] {
                part = known
            } else {
                part = net.addNode()
                partNode[key] = part
                net.addEdge(month, part, inst.classWeekCap(ci, day.isoWeek))
            }
            let slot = net.addNode()
            net.addEdge(part, slot, 1)
            for t in Set(cand.options.map(\.teacher)).sorted() {
                let up = teacherTime(t, cand.day, cand.period)
                net.addEdge(slot, up, 1)
            }
        }
    }
    return max(0, inst.required - net.maxFlowValue(from: source, to: sink))
}

/// The best cheap lower bound on the missing lessons: the pooled count or the flow, whichever
/// is higher (each is valid for every schedule).
func shortfallLowerBound(_ inst: Instance) -> Int {
    max(countingShortfallBound(inst).total, flowShortfallBound(inst))
}
