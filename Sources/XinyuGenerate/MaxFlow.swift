// A small max-flow (Ford–Fulkerson with depth-first augmenting paths) used to fill one class's
// weekly timetable. Edges are tried in insertion order, so the order in which the caller adds
// them expresses its preferences (e.g. 语文 in the morning) and the result is deterministic.

struct FlowGraph {
    private var to: [Int] = []
    private var cap: [Int] = []
    private var adjacency: [[Int]]

    init(nodes: Int) { adjacency = Array(repeating: [], count: nodes) }

    /// Adds `from → to` with capacity `capacity`; returns the edge's index for `flow(on:)`.
    @discardableResult
    mutating func addEdge(_ from: Int, _ target: Int, _ capacity: Int) -> Int {
        let e = to.count
        to.append(target); cap.append(capacity); adjacency[from].append(e)
        to.append(from); cap.append(0); adjacency[target].append(e + 1)
        return e
    }

    /// The flow on an edge returned by `addEdge` (the residual capacity of its reverse).
    func flow(on edge: Int) -> Int { cap[edge ^ 1] }

    /// Pushes as much flow as possible from `source` to `sink`; returns the amount.
    mutating func maxFlow(from source: Int, to sink: Int) -> Int {
        var total = 0
        while true {
            var visited = Array(repeating: false, count: adjacency.count)
            let pushed = augment(source, sink, Int.max, &visited)
            if pushed == 0 { return total }
            total += pushed
        }
    }

    private mutating func augment(_ u: Int, _ sink: Int, _ limit: Int, _ visited: inout [Bool]) -> Int {
        if u == sink { return limit }
        visited[u] = true
        for e in adjacency[u] where cap[e] > 0 && !visited[to[e]] {
            let pushed = augment(to[e], sink, min(limit, cap[e]), &visited)
            if pushed > 0 {
                cap[e] -= pushed
                cap[e ^ 1] += pushed
                return pushed
            }
        }
        return 0
    }
}
