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
/// periods fall at the same time cannot share one teacher there. Integral and exact (no MIP).
func flowShortfallBound(_ inst: Instance) -> Int {
    var net = Dinic()
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
            monthNode[mi] = net.addNode()
            net.addEdge(source, monthNode[mi]!, minimum)
        }
        var partNode: [Int: Int] = [:]  // month * nW + week
        for cand in c.candidates where !cand.options.isEmpty {
            let day = inst.days[cand.day]
            guard let month = monthNode[day.month] else { continue }
            let key = day.month * nW + day.isoWeek
            if partNode[key] == nil {
                partNode[key] = net.addNode()
                net.addEdge(month, partNode[key]!, inst.classWeekCap(ci, day.isoWeek))
            }
            let slot = net.addNode()
            net.addEdge(partNode[key]!, slot, 1)
            for t in Set(cand.options.map(\.teacher)).sorted() {
                let up = teacherTime(t, cand.day, cand.period)
                net.addEdge(slot, up, 1)
            }
        }
    }
    return max(0, inst.required - net.maxFlow(source, sink))
}

/// Dinic's maximum flow (BFS levels, blocking flows by DFS with edge pointers): O(V²E) at worst,
/// far less on these layered networks. Edges are tried in insertion order, so the value — and
/// the flow — do not depend on hashing.
struct Dinic {
    private var head: [Int] = []
    private var next: [Int] = []
    private var target: [Int] = []
    private var residual: [Int] = []

    mutating func addNode() -> Int {
        head.append(-1)
        return head.count - 1
    }

    /// Adds `from → to` and its residual twin `to → from` (capacity 0) at indices e, e ^ 1.
    mutating func addEdge(_ from: Int, _ to: Int, _ capacity: Int) {
        target.append(to); residual.append(capacity); next.append(head[from]); head[from] = target.count - 1
        target.append(from); residual.append(0); next.append(head[to]); head[to] = target.count - 1
    }

    mutating func maxFlow(_ s: Int, _ t: Int) -> Int {
        var total = 0
        var level = [Int](repeating: -1, count: head.count)
        while true {
            // Levels by breadth-first search on residual edges.
            for i in level.indices { level[i] = -1 }
            level[s] = 0
            var queue = [s]
            var qi = 0
            while qi < queue.count {
                let u = queue[qi]; qi += 1
                var e = head[u]
                while e >= 0 {
                    if residual[e] > 0 && level[target[e]] < 0 {
                        level[target[e]] = level[u] + 1
                        queue.append(target[e])
                    }
                    e = next[e]
                }
            }
            if level[t] < 0 { return total }
            var pointer = head
            // Blocking flow: iterative depth-first search along increasing levels.
            while true {
                var path: [Int] = []  // edges
                var u = s
                var found = false
                while true {
                    if u == t { found = true; break }
                    var e = pointer[u]
                    while e >= 0 && !(residual[e] > 0 && level[target[e]] == level[u] + 1) { e = next[e] }
                    pointer[u] = e
                    if e < 0 {
                        // Dead end: retreat and never try this node again in this phase.
                        level[u] = -1
                        guard let back = path.popLast() else { break }
                        u = target[back ^ 1]
                        pointer[u] = next[pointer[u]]
                        continue
                    }
                    path.append(e)
                    u = target[e]
                }
                if !found { break }
                let pushed = path.map { residual[$0] }.min() ?? 0
                for e in path { residual[e] -= pushed; residual[e ^ 1] += pushed }
                total += pushed
            }
        }
    }
}

/// The best cheap lower bound on the missing lessons: the pooled count or the flow, whichever
/// is higher (each is valid for every schedule).
func shortfallLowerBound(_ inst: Instance) -> Int {
    max(countingShortfallBound(inst).total, flowShortfallBound(inst))
}
