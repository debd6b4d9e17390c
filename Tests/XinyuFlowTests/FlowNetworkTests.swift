import XCTest
@testable import XinyuFlow

/// The one max-flow: hand-made networks with known answers, the flows it leaves on edges, and
/// random small networks checked against their minimum cut found by trying every cut.
final class FlowNetworkTests: XCTestCase {
    /// The textbook network of CLRS figure 26.1: maximum flow 23.
    func testTextbookNetwork() {
        var g = FlowNetwork(nodes: 6)
        for (u, v, c) in [(0, 1, 16), (0, 2, 13), (1, 3, 12), (2, 1, 4), (2, 4, 14), (3, 2, 9), (3, 5, 20), (4, 3, 7), (4, 5, 4)] {
            g.addEdge(u, v, c)
        }
        var byLevels = g
        XCTAssertEqual(byLevels.maxFlowValue(from: 0, to: 5), 23)
        XCTAssertEqual(g.maxFlow(from: 0, to: 5), 23)
        // A second call finds nothing more: the flow is maximal.
        XCTAssertEqual(g.maxFlow(from: 0, to: 5), 0)
    }

    /// A zero-capacity edge carries nothing; a negative one counts as zero.
    func testZeroAndNegativeCapacity() {
        var g = FlowNetwork(nodes: 4)
        let zero = g.addEdge(0, 1, 0)
        g.addEdge(1, 3, 5)
        let neg = g.addEdge(0, 2, -3)
        g.addEdge(2, 3, 5)
        XCTAssertEqual(g.maxFlow(from: 0, to: 3), 0)
        XCTAssertEqual(g.flow(on: zero), 0)
        XCTAssertEqual(g.flow(on: neg), 0)
    }

    /// A sink no edge reaches (or the source itself) gets no flow.
    func testDisconnectedAndSameNode() {
        var g = FlowNetwork(nodes: 5)
        g.addEdge(0, 1, 3)
        g.addEdge(1, 2, 3)
        g.addEdge(3, 4, 9)  // a component of its own
        XCTAssertEqual(g.maxFlow(from: 0, to: 4), 0)
        XCTAssertEqual(g.maxFlow(from: 2, to: 2), 0)
        XCTAssertEqual(g.maxFlow(from: 0, to: 2), 3)
        XCTAssertEqual(FlowNetwork(nodes: 1).nodeCount, 1)
    }

    /// Parallel edges add up; nodes can be added while the network is built.
    func testParallelEdgesAndAddedNodes() {
        var g = FlowNetwork()
        let s = g.addNode(), t = g.addNode()
        let a = g.addEdge(s, t, 2), b = g.addEdge(s, t, 3)
        XCTAssertEqual(g.maxFlow(from: s, to: t), 5)
        XCTAssertEqual([g.flow(on: a), g.flow(on: b)], [2, 3])
    }

    /// The first path found takes the edge a later path needs; the flow is rerouted through the
    /// residual twin, so the value is still the maximum (2), and every edge is full.
    func testReroutesThroughResidualEdge() {
        var g = FlowNetwork(nodes: 4)
        let sa = g.addEdge(0, 1, 1), sb = g.addEdge(0, 2, 1)
        let ab = g.addEdge(1, 2, 1)  // tried first from a: the path s-a-b-t blocks s-b-t
        let at = g.addEdge(1, 3, 1), bt = g.addEdge(2, 3, 1)
        XCTAssertEqual(g.maxFlow(from: 0, to: 3), 2)
        XCTAssertEqual([sa, sb, ab, at, bt].map { g.flow(on: $0) }, [1, 1, 0, 1, 1])
    }

    /// Edges are tried in the order added: of two equal routes the first gets the flow. The
    /// generator relies on this to give main subjects the periods it adds first.
    func testInsertionOrderDecidesAmongEqualRoutes() {
        for firstIsLate in [false, true] {
            var g = FlowNetwork(nodes: 4)  // 0 source, 1 unit, 2 early slot, 3 sink; 4 late slot
            let late = g.addNode()
            g.addEdge(0, 1, 1)
            let (e1, e2) = firstIsLate ? (g.addEdge(1, late, 1), g.addEdge(1, 2, 1)) : (g.addEdge(1, 2, 1), g.addEdge(1, late, 1))
            g.addEdge(2, 3, 1)
            g.addEdge(late, 3, 1)
            XCTAssertEqual(g.maxFlow(from: 0, to: 3), 1)
            XCTAssertEqual([g.flow(on: e1), g.flow(on: e2)], [1, 0])
        }
    }

    /// Random networks of up to 7 nodes: the value equals the smallest cut (every cut tried),
    /// each edge's flow stays within its capacity, and flow is conserved at inner nodes.
    func testRandomNetworksMatchMinimumCut() {
        var rng = SplitMix(seed: 20261201)
        for _ in 0..<300 {
            let n = 2 + Int(rng.next() % 6)
            var g = FlowNetwork(nodes: n)
            var edges: [(u: Int, v: Int, c: Int, e: Int)] = []
            for _ in 0..<Int(rng.next() % 14) {
                let u = Int(rng.next() % UInt64(n)), v = Int(rng.next() % UInt64(n))
                guard u != v else { continue }
                let c = Int(rng.next() % 5)
                edges.append((u, v, c, g.addEdge(u, v, c)))
            }
            var byLevels = g
            let value = g.maxFlow(from: 0, to: n - 1)
            XCTAssertEqual(value, minimumCut(n, edges.map { ($0.u, $0.v, $0.c) }))
            // Dinic's method (the flow bound's) finds the same value, and nothing is left after it.
            XCTAssertEqual(byLevels.maxFlowValue(from: 0, to: n - 1), value)
            XCTAssertEqual(byLevels.maxFlowValue(from: 0, to: n - 1), 0)
            XCTAssertEqual(byLevels.maxFlow(from: 0, to: n - 1), 0)
            var net = [Int](repeating: 0, count: n)
            for x in edges {
                let f = g.flow(on: x.e)
                XCTAssertTrue((0...x.c).contains(f))
                net[x.u] -= f
                net[x.v] += f
            }
            XCTAssertEqual(net[n - 1], value)
            for inner in 1..<(n - 1) { XCTAssertEqual(net[inner], 0) }
        }
    }

    /// The smallest total capacity of edges leaving a node set that holds 0 but not n − 1.
    private func minimumCut(_ n: Int, _ edges: [(Int, Int, Int)]) -> Int {
        var best = Int.max
        for mask in 0..<(1 << n) where mask & 1 == 1 && mask & (1 << (n - 1)) == 0 {
            let cut = edges.reduce(0) { sum, e in
                (mask >> e.0) & 1 == 1 && (mask >> e.1) & 1 == 0 ? sum + e.2 : sum
            }
            best = min(best, cut)
        }
        return best
    }
}

/// A fixed-seed generator, so the random networks are the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
