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
    guard !inst.classes.isEmpty else { return 0 }
    var net = Dinic()
    let source = net.addNode(), sink = net.addNode()
    var nodes: [[Int]: Int] = [:]
    func node(_ key: [Int]) -> Int {
        if let n = nodes[key] { return n }
        let n = net.addNode()
        nodes[key] = n
        return n
    }
    let unlimited = Int(Int32.max)
    // Class side: month → (month, ISO week) → candidate slot; teacher side: time → day → ISO
    // week → sink, each node made when first reached (a fixed order: deterministic).
    for (ci, c) in inst.classes.enumerated() {
        var monthNode: [Int: Int] = [:]
        for (mi, minimum) in c.minimum.enumerated() {
            guard let minimum, minimum > 0 else { continue }
            let n = net.addNode()
            net.addEdge(source, n, minimum)
            monthNode[mi] = n
        }
        var weekNode: [[Int]: Int] = [:]  // [month, week]
        for cand in c.candidates where !cand.options.isEmpty {
            let day = inst.days[cand.day]
            guard let mn = monthNode[day.month] else { continue }
            let wk = [day.month, day.isoWeek]
            let wn: Int
            if let n = weekNode[wk] { wn = n } else {
                wn = net.addNode()
                net.addEdge(mn, wn, inst.classWeekCap(ci, day.isoWeek))
                weekNode[wk] = wn
            }
            let slot = net.addNode()
            net.addEdge(wn, slot, 1)
            for t in Set(cand.options.map(\.teacher)).sorted() {
                let timeKey = [0, t, cand.day, cand.period]
                let isNew = nodes[timeKey] == nil
                let tn = node(timeKey)
                if isNew {
                    let dayKey = [1, t, cand.day]
                    let dayIsNew = nodes[dayKey] == nil
                    let dn = node(dayKey)
                    if dayIsNew {
                        let weekKey = [2, t, day.isoWeek]
                        let weekIsNew = nodes[weekKey] == nil
                        let twn = node(weekKey)
                        if weekIsNew { net.addEdge(twn, sink, inst.teacherWeekCap(t, day.isoWeek) ?? unlimited) }
                        net.addEdge(dn, twn, inst.teacherDayCap(t, cand.day) ?? unlimited)
                    }
                    net.addEdge(tn, dn, 1)
                }
                net.addEdge(slot, tn, 1)
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

    mutating func addEdge(_ from: Int, _ to: Int, _ capacity: Int) {
        for (a, b, c) in [(from, to, capacity), (to, from, 0)] {
            target.append(b); residual.append(c); next.append(head[a]); head[a] = target.count - 1
        }
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
