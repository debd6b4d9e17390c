// Small models with known answers, and generated ones, for the GLPK backend tests.

import XinyuMIP

enum TestModels {
    /// A deterministic linear congruential generator: the same numbers on every run.
    struct LCG {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }

    /// Knapsack: values 10, 13, 7, 8, 5; weights 5, 7, 4, 3, 2; capacity 11; as a minimisation
    /// of 100 − value. Integer optimum: items a, d, e (value 23, objective 77). LP optimum:
    /// d, e, a and 1/7 of b (value 23 + 13/7, objective 100 − 24.857…).
    static func knapsack() -> MIPModel {
        var m = MIPModel(name: "knapsack")
        let values = [10.0, 13, 7, 8, 5], weights = [5.0, 7, 4, 3, 2]
        let names = ["a", "b", "c", "d", "e"]
        for (i, n) in names.enumerated() { m.addBinary(n, objective: -values[i]) }
        m.addConstraint("capacity", (0..<5).map { ($0, weights[$0]) }, upper: 11)
        m.objectiveConstant = 100
        return m
    }
    static let knapsackOptimum = 77.0
    static let knapsackValues = [1.0, 0, 0, 1, 1]
    static let knapsackLP = 100 - (23 + 13.0 / 7)

    /// A random knapsack with `items` items and capacity half the total weight: its LP optimum
    /// is fractional, so GLPK branches.
    static func randomKnapsack(items: Int, seed: UInt64) -> MIPModel {
        var rng = LCG(state: seed)
        let weights = (0..<items).map { _ in Double(rng.next(20...99)) }
        let values = weights.map { $0 + Double(rng.next(-10...10)) }
        var m = MIPModel(name: "knapsack_\(seed)")
        for i in 0..<items { m.addBinary("x\(i)", objective: -values[i]) }
        m.addConstraint("capacity", weights.enumerated().map { ($0.offset, $0.element) },
                        upper: (weights.reduce(0, +) / 2).rounded(.down) + 0.5)
        return m
    }

    /// A generalized assignment problem: `agents` agents of limited capacity, `jobs` jobs each
    /// given to exactly one agent, minimal cost. Assignment-like 0-1 structure, as in timetabling.
    static func assignment(agents: Int, jobs: Int, seed: UInt64, slack: Double = 0.8) -> MIPModel {
        var rng = LCG(state: seed)
        var m = MIPModel(name: "gap_\(agents)x\(jobs)")
        var x: [[Int]] = []
        var weight: [[Double]] = []
        for a in 0..<agents {
            x.append([]); weight.append([])
            for j in 0..<jobs {
                x[a].append(m.addBinary("x_\(a)_\(j)", objective: Double(rng.next(10...50))))
                weight[a].append(Double(rng.next(5...25)))
            }
        }
        for j in 0..<jobs {
            m.addConstraint("job_\(j)", (0..<agents).map { (x[$0][j], 1.0) }, lower: 1, upper: 1)
        }
        for a in 0..<agents {
            let capacity = (weight[a].reduce(0, +) / (slack * Double(agents))).rounded(.down)
            m.addConstraint("agent_\(a)", (0..<jobs).map { (x[a][$0], weight[a][$0]) }, upper: capacity)
        }
        return m
    }

    /// A market-split instance (Cornuéjols–Dawande): `rows` equalities Σ a_ij x_j + s⁺ − s⁻ =
    /// ⌊Σ_j a_ij / 2⌋ over 0-1 variables, minimising the slacks. Its LP bound is 0 and branch
    /// and bound is hopeless, so it reliably runs into a time limit.
    static func marketSplit(rows: Int, columns: Int, seed: UInt64) -> MIPModel {
        var rng = LCG(state: seed)
        var m = MIPModel(name: "market_split")
        let x = (0..<columns).map { m.addBinary("x\($0)") }
        for i in 0..<rows {
            let a = (0..<columns).map { _ in Double(rng.next(0...99)) }
            let rhs = (a.reduce(0, +) / 2).rounded(.down)
            let plus = m.addVariable("s_plus_\(i)", objective: 1)
            let minus = m.addVariable("s_minus_\(i)", objective: 1)
            m.addConstraint("row_\(i)", zip(x, a).map { ($0, $1) } + [(plus, 1), (minus, -1)],
                            lower: rhs, upper: rhs)
        }
        return m
    }

    /// A generalized assignment problem of "type D" (costs inversely correlated with weights,
    /// capacities at 80% of an even share): hard for GLPK from about 5 × 30 on.
    static func assignmentTypeD(agents: Int, jobs: Int, seed: UInt64) -> MIPModel {
        var rng = LCG(state: seed)
        var m = MIPModel(name: "gapd_\(agents)x\(jobs)")
        var x: [[Int]] = [], weight: [[Double]] = []
        for a in 0..<agents {
            weight.append((0..<jobs).map { _ in Double(rng.next(1...100)) })
            x.append((0..<jobs).map { j in
                m.addBinary("x_\(a)_\(j)", objective: 111 - weight[a][j] + Double(rng.next(-10...10)))
            })
        }
        for j in 0..<jobs {
            m.addConstraint("job_\(j)", (0..<agents).map { (x[$0][j], 1.0) }, lower: 1, upper: 1)
        }
        for a in 0..<agents {
            let capacity = (0.8 * weight[a].reduce(0, +) / Double(agents)).rounded(.down)
            m.addConstraint("agent_\(a)", (0..<jobs).map { (x[a][$0], weight[a][$0]) }, upper: capacity)
        }
        return m
    }
}
