// Solving a model block by block (ModelBlocks.swift) and merging the results into the one
// result of the whole model that callers already read: values in the whole model's columns,
// objective and bound the sums, optimal only if every block is.

/// How `solveByBlocks` splits a model (`SolveOptions.blocks`).
public struct BlockSplit: Sendable, Hashable {
    /// Rows that couple blocks only through a total (a cap on a sum, say): left out when the
    /// blocks are found, then given to each block over its own columns, limited to the block's
    /// activity at the warm start (plus an even share of the row's slack there). Every
    /// combination of block solutions then keeps the row; the split model is the whole one
    /// restricted, equal to it when each block's part of the row cannot move anyway (the caller
    /// knows when: a cap on total shortfall whose blocks are each at their proven least).
    /// Splitting needs a warm start: without one the whole model is solved.
    public var splitRows: [Int]
    public init(splitRows: [Int] = []) { self.splitRows = splitRows }
}

extension MIPSolver {
    /// Solves `model` block by block when `options.blocks` asks for it and the model has more
    /// than one block; otherwise (and for one block) the whole model, unchanged.
    ///
    /// Blocks are solved one after another in the order of their first column (deterministic),
    /// each with the options given except:
    /// - time, simplex iterations and nodes: each block gets its share, by columns, of what is left;
    /// - `stopAtObjective` (a total good enough): a block stops early only at the least objective
    ///   its column bounds allow (it is then optimal), since a block stopped anywhere else could
    ///   leave the total above what the whole model's search would have reached;
    /// - `giveUpAbove`: less the bounds of the blocks before and the column-bound least of the
    ///   blocks after (a block whose bound passes that shows the total out of reach, and the
    ///   blocks after it keep their warm start);
    /// - the warm start: each block's slice; a block that ends without a solution keeps it.
    public func solveByBlocks(_ model: MIPModel, options: SolveOptions) -> SolveResult {
        guard let split = options.blocks else { return solve(model, options: options) }
        let warm = options.warmStart.flatMap { $0.count == model.variableCount ? $0 : nil }
        if !split.splitRows.isEmpty && warm == nil { return solve(model, options: options) }
        let blocks = model.blocks(ignoring: Set(split.splitRows))
        guard blocks.count > 1 else { return solve(model, options: options) }
        let start = ContinuousClock.now
        func elapsed() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let least = blocks.map { model.columnBoundObjective($0.columns) }
        let totalColumns = blocks.reduce(0) { $0 + $1.columns.count }
        var columnsLeft = totalColumns
        var iterationsLeft = options.iterationLimit
        var results: [SolveResult] = []
        var doneObjective = 0.0, doneBound: Double? = 0.0, givenUp = false
        for (i, block) in blocks.enumerated() {
            let share = Double(block.columns.count) / Double(max(1, columnsLeft))
            columnsLeft -= block.columns.count
            let sub = model.submodel(block, split: splitLimits(model, split.splitRows, block, blocks.count, warm))
            let slice = warm.map { w in block.columns.map { w[$0] } }
            var o = options
            o.blocks = nil
            o.warmStart = slice
            o.timeLimit = options.timeLimit.map { max(0.01, ($0 - elapsed()) * share) }
            o.iterationLimit = iterationsLeft.map { max(1, Int((Double($0) * share).rounded(.up))) }
            o.nodeLimit = options.nodeLimit.map { max(1, Int((Double($0) * Double(block.columns.count) / Double(totalColumns)).rounded(.up))) }
            o.stopAtObjective = options.stopAtObjective == nil ? nil : least[i]
            o.giveUpAbove = options.giveUpAbove.map { g in
                g - model.objectiveConstant - (doneBound ?? -.infinity) - least[(i + 1)...].reduce(0, +)
            }
            let (before, beforeBound) = (doneObjective, doneBound)
            if let report = options.progress {
                let constant = model.objectiveConstant
                o.progress = { @Sendable (p: SolveProgress) -> Void in
                    let incumbent = p.incumbent.map { $0 + before + constant }
                    var bound: Double? = nil
                    if let b = beforeBound, let pb = p.bound { bound = pb + b + constant }
                    report(SolveProgress(incumbent: incumbent, bound: bound, gap: p.gap, seconds: p.seconds))
                }
            }
            var r = givenUp ? kept(sub, slice, .objectiveLimit)
                : options.shouldStop?() ?? false ? kept(sub, slice, .interrupted) : solve(sub, options: o)
            if !r.hasSolution, r.status != .infeasible, r.status != .unbounded, let s = slice, sub.maxViolation(s) <= 1e-6 {
                let bound = r.bound
                r = kept(sub, s, r.termination)
                r.bound = bound
            }
            if r.hasSolution, let v = r.objective, v <= least[i] + 1e-9 {
                // No assignment of the block is below its column-bound least: optimal.
                r.status = .optimal
                r.termination = .optimal
                r.bound = v
            }
            if let used = r.iterations, let left = iterationsLeft { iterationsLeft = max(0, left - used) }
            if r.termination == .objectiveLimit && r.status != .optimal { givenUp = true }
            doneObjective += r.objective ?? 0
            doneBound = doneBound.flatMap { d in r.bound.map { d + $0 } }
            results.append(r)
        }
        return mergeBlockResults(model, blocks, results, seconds: elapsed())
    }
}

/// Each split row's limits in `block`: its activity there at the warm start, widened by an even
/// share of the row's slack at the warm start (so the blocks' limits sum to the row's own).
private func splitLimits(_ model: MIPModel, _ rows: [Int], _ block: ModelBlock, _ count: Int,
                         _ warm: [Double]?) -> [(row: Int, lower: Double, upper: Double)] {
    guard let warm else { return [] }
    let mine = Set(block.columns)
    return rows.map { r in
        let c = model.constraints[r]
        let total = model.activity(r, at: warm), here = model.activity(r, over: mine, at: warm)
        let share = Double(count)
        let upper = c.upper.isFinite ? here + max(0, c.upper - total) / share : .infinity
        let lower = c.lower.isFinite ? here - max(0, total - c.lower) / share : -.infinity
        return (r, lower, upper)
    }
}

/// A block's warm start kept as its result (not searched: the run was stopped or the total
/// shown out of reach; or searched without a solution), or "no solution" without one that keeps
/// the block's rows. `why` is the termination it reports.
private func kept(_ sub: MIPModel, _ values: [Double]?, _ why: TerminationStatus) -> SolveResult {
    guard let values, sub.maxViolation(values) <= 1e-6 else {
        return SolveResult(status: .noSolution, termination: why, objective: nil, bound: nil,
                           values: [], reason: "not searched", seconds: 0)
    }
    return SolveResult(status: .feasible, termination: why, objective: sub.objectiveValue(values), bound: nil,
                       values: values, reason: "warm start kept", seconds: 0)
}

/// The result of the whole model from its blocks' results (in `blocks` order): values placed in
/// the whole model's columns, objective and bound the sums plus the model's constant (a bound
/// only when every block has one), optimal only when every block is. Otherwise the status and
/// termination are the worst block's.
public func mergeBlockResults(_ model: MIPModel, _ blocks: [ModelBlock], _ results: [SolveResult], seconds: Double) -> SolveResult {
    let statusRank: [SolveStatus] = [.error, .infeasible, .unbounded, .noSolution, .feasible, .optimal]
    let terminationRank: [TerminationStatus] = [.error, .infeasible, .unbounded, .interrupted, .iterationLimit,
                                                .timeLimit, .objectiveLimit, .optimal]
    let status = statusRank.first { s in results.contains { $0.status == s } } ?? .optimal
    let termination = terminationRank.first { t in results.contains { $0.termination == t } } ?? .optimal
    var values: [Double] = []
    var objective: Double? = nil
    if status == .optimal || status == .feasible {
        values = [Double](repeating: 0, count: model.variableCount)
        for (b, r) in zip(blocks, results) { for (k, j) in b.columns.enumerated() { values[j] = r.values[k] } }
        objective = results.reduce(model.objectiveConstant) { $0 + ($1.objective ?? 0) }
    }
    var bound: Double? = model.objectiveConstant
    for r in results { bound = bound.flatMap { b in r.bound.map { b + $0 } } }
    if status == .infeasible || status == .unbounded || status == .error { bound = nil }
    let optimal = results.filter { $0.status == .optimal }.count
    let worst = results.first { $0.status == status && $0.termination == termination } ?? results.first
    var merged = SolveResult(status: status, termination: status == .optimal ? .optimal : termination,
                             objective: objective, bound: bound, values: values,
                             reason: "\(blocks.count) blocks, \(optimal) optimal\(worst.map { "; \($0.reason)" } ?? "")",
                             seconds: seconds)
    let counted = results.compactMap(\.iterations)
    merged.iterations = counted.isEmpty ? nil : counted.reduce(0, +)
    merged.blocks = blocks.count
    return merged
}
