// The one maximum-flow implementation of Xinyu: the sample generator fills a class's weekly
// timetable with it (XinyuGenerate/Timetable.swift) and the planner bounds the missing lessons
// with it (XinyuCore/Bounds/FlowBound.swift). It sits in a target of its own, with no
// dependencies, so both can use it and its tests need nothing else.

/// A directed network with integer capacities and a maximum flow by Ford–Fulkerson, each
/// augmenting path found by depth-first search that tries a node's edges in the order they were
/// added. That order is part of the contract: a caller expresses preferences by the order in
/// which it adds edges (the generator adds 语文's morning periods first), and the flow on every
/// edge — not only its value — is the same on every machine. No hashing anywhere.
///
/// Cost: one search per augmenting path, each O(nodes + edges); the flow here is at most a
/// group's required lessons, so the number of searches is bounded by it. A caller that needs only
/// the value (the flow bound) uses `maxFlowValue`, Dinic's level graphs on the same network: the
/// same value (a maximum flow's value is unique), far fewer searches on big groups.
public struct FlowNetwork: Sendable {
    /// Edge e runs to `head[e]` with residual capacity `residual[e]`; its twin e ^ 1 runs back.
    private var head: [Int] = []
    private var residual: [Int] = []
    /// Each node's outgoing edges (and twins of its incoming ones), in insertion order.
    private var adjacency: [[Int]]

    /// A network of `nodes` nodes numbered 0..<nodes (more may be added with `addNode`).
    public init(nodes: Int = 0) { adjacency = Array(repeating: [], count: max(0, nodes)) }

    public var nodeCount: Int { adjacency.count }

    /// Adds a node and returns its number.
    public mutating func addNode() -> Int {
        adjacency.append([])
        return adjacency.count - 1
    }

    /// Adds `from → to` with `capacity` (a negative capacity counts as 0) and its residual twin;
    /// returns the edge's index for `flow(on:)`.
    @discardableResult
    public mutating func addEdge(_ from: Int, _ to: Int, _ capacity: Int) -> Int {
        precondition(adjacency.indices.contains(from) && adjacency.indices.contains(to), "FlowNetwork: no such node")
        let e = head.count
        head.append(to); residual.append(max(0, capacity)); adjacency[from].append(e)
        head.append(from); residual.append(0); adjacency[to].append(e + 1)
        return e
    }

    /// The flow on an edge returned by `addEdge` (the residual capacity of its twin).
    public func flow(on edge: Int) -> Int { residual[edge ^ 1] }

    /// Pushes as much flow as possible from `source` to `sink` and returns the amount added
    /// (0 when they are the same node or the sink cannot be reached).
    public mutating func maxFlow(from source: Int, to sink: Int) -> Int {
        guard source != sink else { return 0 }
        var search = Search(nodes: adjacency.count)
        var total = 0
        while let pushed = augment(source, sink, &search) { total += pushed }
        return total
    }

    /// Pushes a maximum flow from `source` to `sink` by Dinic's method and returns the amount
    /// added: the same value as `maxFlow`, but the flow on each edge may differ, so a caller that
    /// reads flows (the generator) uses `maxFlow`. Each phase builds the level graph by breadth-first
    /// search, then finds paths along it with a current-edge pointer per node, so a dead end is
    /// never searched twice in a phase.
    public mutating func maxFlowValue(from source: Int, to sink: Int) -> Int {
        guard source != sink else { return 0 }
        var total = 0
        while true {
            let level = levels(from: source)
            guard level[sink] >= 0 else { return total }
            var position = [Int](repeating: 0, count: adjacency.count)
            while let pushed = levelPath(source, sink, level, &position) { total += pushed }
        }
    }

    /// Each node's distance from `source` over edges with residual capacity (−1: unreached).
    private func levels(from source: Int) -> [Int] {
        var level = [Int](repeating: -1, count: adjacency.count)
        var queue = [source], next = 0
        level[source] = 0
        while next < queue.count {
            let u = queue[next]
            next += 1
            for e in adjacency[u] where residual[e] > 0 && level[head[e]] < 0 {
                level[head[e]] = level[u] + 1
                queue.append(head[e])
            }
        }
        return level
    }

    /// One path along the level graph from the nodes' current edges, its bottleneck pushed;
    /// nil when the phase is blocked. A node found to be a dead end moves its parent's pointer on.
    private mutating func levelPath(_ source: Int, _ sink: Int, _ level: [Int], _ position: inout [Int]) -> Int? {
        var path: [Int] = []
        var u = source
        while u != sink {
            let edges = adjacency[u]
            while position[u] < edges.count,
                  residual[edges[position[u]]] == 0 || level[head[edges[position[u]]]] != level[u] + 1 {
                position[u] += 1
            }
            if position[u] < edges.count {
                let e = edges[position[u]]
                path.append(e)
                u = head[e]
            } else {
                guard let back = path.popLast() else { return nil }
                u = head[back ^ 1]
                position[u] += 1
            }
        }
        let pushed = path.reduce(Int.max) { min($0, residual[$1]) }
        for e in path {
            residual[e] -= pushed
            residual[e ^ 1] += pushed
        }
        return pushed
    }

    /// The state of the depth-first searches: which search last entered each node, and where in
    /// its edges that search goes on. Stamping with the search's number instead of clearing
    /// keeps a search's cost to the nodes it enters (most paths are short).
    private struct Search {
        var number = 0
        var entered: [Int]
        var position: [Int]
        init(nodes: Int) {
            entered = [Int](repeating: 0, count: nodes)
            position = [Int](repeating: 0, count: nodes)
        }
        mutating func enter(_ u: Int) {
            entered[u] = number
            position[u] = 0
        }
    }

    /// One depth-first search for a path with residual capacity, edges in insertion order, each
    /// node entered once; pushes the path's bottleneck along it. Iterative, so a long path
    /// cannot overflow the stack. nil when the sink cannot be reached.
    private mutating func augment(_ source: Int, _ sink: Int, _ search: inout Search) -> Int? {
        search.number += 1
        var path: [Int] = []
        var u = source
        search.enter(u)
        while u != sink {
            if let e = nextEdge(u, &search) {
                path.append(e)
                u = head[e]
                search.enter(u)
            } else {
                guard let back = path.popLast() else { return nil }
                u = head[back ^ 1]
            }
        }
        let pushed = path.reduce(Int.max) { min($0, residual[$1]) }
        for e in path {
            residual[e] -= pushed
            residual[e ^ 1] += pushed
        }
        return pushed
    }

    /// The next edge out of `u` with residual capacity to a node this search has not entered.
    private func nextEdge(_ u: Int, _ search: inout Search) -> Int? {
        let edges = adjacency[u]
        while search.position[u] < edges.count {
            let e = edges[search.position[u]]
            search.position[u] += 1
            if residual[e] > 0 && search.entered[head[e]] != search.number { return e }
        }
        return nil
    }
}
