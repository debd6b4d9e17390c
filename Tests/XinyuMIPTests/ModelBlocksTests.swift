import XCTest
import XinyuGLPK
import XinyuMIP

/// The block decomposition of XinyuMIP: components of the row–column graph, sub-models, the
/// block-by-block solve and its merge, against GLPK on the whole model.
final class ModelBlocksTests: XCTestCase {
    /// Columns a…f; rows {a, c}, {b, d}, {c, e}, one over all (a coupling total), one empty.
    func sixColumns(emptyRowLower: Double = 0) -> MIPModel {
        var m = MIPModel(name: "six")
        for n in ["a", "b", "c", "d", "e", "f"] { m.addBinary(n, objective: 1) }
        m.addConstraint("ac", [(0, 1), (2, 1)], lower: 1)
        m.addConstraint("bd", [(1, 1), (3, 1)], lower: 1)
        m.addConstraint("ce", [(2, 1), (4, 1)], upper: 1)
        m.addConstraint("all", (0..<6).map { ($0, 1.0) }, upper: 4)
        m.addConstraint("empty", [], lower: emptyRowLower)
        return m
    }

    func testComponentsOfTheRowColumnGraph() {
        let m = sixColumns()
        XCTAssertEqual(m.blocks(ignoring: [3]), [
            ModelBlock(columns: [0, 2, 4], rows: [0, 2]),
            ModelBlock(columns: [1, 3], rows: [1]),
            ModelBlock(columns: [5], rows: []),
        ])
        // The total over all columns joins everything.
        XCTAssertEqual(m.blocks().map(\.columns), [[0, 1, 2, 3, 4, 5]])
        // An empty row no assignment keeps: one block, so the solver says "infeasible".
        XCTAssertEqual(sixColumns(emptyRowLower: 1).blocks(ignoring: [3]).count, 1)
    }

    func testSubmodelKeepsTheBlocksRowsAndSplitsTheTotal() {
        let m = sixColumns()
        let b = ModelBlock(columns: [0, 2, 4], rows: [0, 2])
        let sub = m.submodel(b, split: [(3, -.infinity, 2)])
        XCTAssertEqual(sub.variables.map(\.name), ["a", "c", "e"])
        XCTAssertEqual(sub.constraints.map(\.name), ["ac", "ce", "all"])
        XCTAssertEqual(sub.constraints[1].variables, [1, 2], "renumbered: c, e")
        XCTAssertEqual(sub.constraints[2].variables, [0, 1, 2])
        XCTAssertEqual(sub.constraints[2].upper, 2)
    }

    /// Two random knapsacks side by side, their columns interleaved: solved apart they give the
    /// whole model's optimum, values in the whole model's columns.
    func testBlocksSolveToTheWholeOptimum() {
        for seed: UInt64 in [3, 8] {
            let m = interleaved(TestModels.randomKnapsack(items: 14, seed: seed), TestModels.randomKnapsack(items: 11, seed: seed + 100))
            let solver = GLPKSolver()
            let whole = solver.solve(m, options: SolveOptions(timeLimit: 30))
            var o = SolveOptions(timeLimit: 30)
            o.blocks = BlockSplit()
            let parts = solver.solveByBlocks(m, options: o)
            XCTAssertEqual(m.blocks().count, 2)
            XCTAssertEqual(whole.status, .optimal)
            XCTAssertEqual(parts.status, .optimal, parts.reason)
            XCTAssertEqual(parts.blocks, 2, parts.reason)
            XCTAssertEqual(parts.objective ?? .nan, whole.objective ?? 0, accuracy: 1e-6, "seed \(seed)")
            XCTAssertEqual(parts.bound ?? .nan, whole.objective ?? 0, accuracy: 1e-6)
            XCTAssertLessThanOrEqual(m.maxViolation(parts.values), 1e-6)
            XCTAssertEqual(m.objectiveValue(parts.values), parts.objective ?? .nan, accuracy: 1e-6)
        }
    }

    /// A stopped run keeps each block's warm start (no block is searched), and says so.
    func testStoppedRunKeepsTheWarmStart() {
        let m = interleaved(TestModels.randomKnapsack(items: 6, seed: 5), TestModels.randomKnapsack(items: 5, seed: 6))
        var o = SolveOptions(timeLimit: 30)
        o.blocks = BlockSplit()
        o.warmStart = [Double](repeating: 0, count: m.variableCount)
        o.shouldStop = { true }
        let r = GLPKSolver().solveByBlocks(m, options: o)
        XCTAssertEqual(r.status, .feasible)
        XCTAssertEqual(r.termination, .interrupted)
        XCTAssertEqual(r.values, o.warmStart)
        XCTAssertEqual(r.objective, m.objectiveConstant)
        XCTAssertNil(r.bound)
        // Without a warm start nothing is kept: no solution.
        o.warmStart = nil
        XCTAssertEqual(GLPKSolver().solveByBlocks(m, options: o).status, .noSolution)
    }

    /// One block: the whole model, unchanged (same answer, same words).
    func testOneBlockIsTheWholeModel() {
        let m = TestModels.knapsack()
        var o = SolveOptions()
        o.blocks = BlockSplit()
        let a = GLPKSolver().solveByBlocks(m, options: o), b = GLPKSolver().solve(m, options: SolveOptions())
        XCTAssertEqual(a.objective, TestModels.knapsackOptimum)
        XCTAssertEqual(a.values, b.values)
        XCTAssertEqual(a.reason, b.reason)
        XCTAssertNil(a.blocks)
    }

    /// Block A: 3·xA + sA ≥ … with xA worth 5, block B with xB worth 1; a cap sA + sB ≤ cap.
    /// `need` lessons each, xA, xB binary, shortfalls integer.
    func capped(need: Double, cap: Double) -> MIPModel {
        var m = MIPModel(name: "capped")
        let xA = m.addBinary("xA", objective: 5), sA = m.addVariable("sA", upper: need, kind: .integer)
        let xB = m.addBinary("xB", objective: 1), sB = m.addVariable("sB", upper: need, kind: .integer)
        m.addConstraint("minA", [(xA, 1), (sA, 1)], lower: need)
        m.addConstraint("minB", [(xB, 1), (sB, 1)], lower: need)
        m.addConstraint("cap", [(sA, 1), (sB, 1)], upper: cap)
        return m
    }

    func solveSplit(_ m: MIPModel, warm: [Double]) -> SolveResult {
        var o = SolveOptions(timeLimit: 30)
        o.warmStart = warm
        o.blocks = BlockSplit(splitRows: [2])
        return GLPKSolver().solveByBlocks(m, options: o)
    }

    /// Each block at its least shortfall (2 lessons needed, 1 column: 1 missing whatever is
    /// done): the split cap loses nothing, the split optimum is the whole one.
    func testSplitCapLosesNothingWhenEachBlockIsAtItsLeast() {
        let m = capped(need: 2, cap: 2)
        let whole = GLPKSolver().solve(m, options: SolveOptions())
        let split = solveSplit(m, warm: [1, 1, 1, 1])
        XCTAssertEqual(whole.objective, 6)
        XCTAssertEqual(split.status, .optimal, split.reason)
        XCTAssertEqual(split.objective, whole.objective)
        XCTAssertLessThanOrEqual(m.maxViolation(split.values), 1e-6)
    }

    /// A block below its least in the warm start would let the other shift shortfall to it: the
    /// split keeps each block's own, so it is a restriction (here dearer) that still keeps the cap.
    func testSplitCapIsARestrictionOtherwise() {
        let m = capped(need: 1, cap: 1)
        let whole = GLPKSolver().solve(m, options: SolveOptions())
        XCTAssertEqual(whole.objective, 1, "A misses its lesson, B has it")
        let split = solveSplit(m, warm: [1, 0, 0, 1])
        XCTAssertEqual(split.objective, 5, "A keeps its lesson, B may still miss one")
        XCTAssertLessThanOrEqual(m.maxViolation(split.values), 1e-6)
        // A warm start under the cap shares the slack: B's limit is 0.5, so B cannot miss.
        let slack = capped(need: 1, cap: 1)
        let r = solveSplit(slack, warm: [1, 0, 1, 0])
        XCTAssertEqual(r.objective, 6)
        XCTAssertEqual(r.values[1] + r.values[3], 0)
    }

    /// A total good enough stops a block only at its column-bound least (where it is optimal):
    /// the warm start (5 + 1 + 10) meets the total asked, and would stop each block at once
    /// if a block stopped at the total; each is searched to its optimum (0 + 0 + 10) instead.
    func testStopAtObjectiveStopsABlockOnlyAtItsLeast() {
        var m = capped(need: 2, cap: 4)
        m.objectiveConstant = 10
        XCTAssertEqual(m.blocks().count, 1, "the cap row joins the blocks")
        XCTAssertEqual(m.blocks(ignoring: [2]).count, 2)
        var o = SolveOptions(timeLimit: 30)
        o.stopAtObjective = 16
        o.warmStart = [1, 1, 1, 1]
        o.blocks = BlockSplit(splitRows: [2])
        let r = GLPKSolver().solveByBlocks(m, options: o)
        XCTAssertEqual(r.objective, 10)
        XCTAssertEqual(r.status, .optimal)
        XCTAssertEqual(r.bound, 10)
    }

    /// Columns of `a` and `b` interleaved (a0, b0, a1, b1, …), rows of both.
    func interleaved(_ a: MIPModel, _ b: MIPModel) -> MIPModel {
        var m = MIPModel(name: "two")
        var colA: [Int] = [], colB: [Int] = []
        for k in 0..<max(a.variableCount, b.variableCount) {
            for (src, tag) in [(a, "a"), (b, "b")] where k < src.variableCount {
                let v = src.variables[k]
                let j = m.addVariable("\(tag)\(k)", lower: v.lower, upper: v.upper, kind: v.kind, objective: v.objective)
                if tag == "a" { colA.append(j) } else { colB.append(j) }
            }
        }
        for (src, cols) in [(a, colA), (b, colB)] {
            for c in src.constraints {
                m.addConstraint(c.name, zip(c.variables, c.coefficients).map { (cols[$0], $1) }, lower: c.lower, upper: c.upper)
            }
        }
        m.objectiveConstant = a.objectiveConstant + b.objectiveConstant
        return m
    }
}
