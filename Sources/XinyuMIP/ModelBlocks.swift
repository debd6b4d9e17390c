// Independent parts of a model: the connected components of its row–column graph. Columns that
// share no row (directly or through other columns) can be solved as separate, smaller models,
// whose solutions together solve the whole — exactly, not as a heuristic. A simplex iteration
// works on the whole basis, so k blocks of size n/k cost about 1/k of one model of size n.

/// One independent part of a model: its columns and the rows among them (indices of the whole
/// model, ascending).
public struct ModelBlock: Sendable, Hashable {
    public var columns: [Int]
    public var rows: [Int]
    public init(columns: [Int], rows: [Int]) {
        self.columns = columns
        self.rows = rows
    }
}

extension MIPModel {
    /// The connected components of the row–column graph, rows in `ignoring` left out (they are
    /// coupling rows the caller splits itself, `submodel(_:split:)`). Blocks come in the order
    /// of their first column, so the same model gives the same blocks. Columns in no row form
    /// one block together (nothing links them, and one model of them costs less than many).
    /// An empty row that no assignment can keep (0 outside its limits) makes the model one block,
    /// so that the solver reports it infeasible as it would the whole model.
    public func blocks(ignoring: Set<Int> = []) -> [ModelBlock] {
        var parent = Array(0..<variableCount)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        var linked = [Bool](repeating: false, count: variableCount)
        for (r, c) in constraints.enumerated() where !ignoring.contains(r) {
            guard let first = c.variables.first else {
                if c.lower > 1e-9 || c.upper < -1e-9 { return [ModelBlock(columns: Array(0..<variableCount), rows: Array(0..<constraintCount))] }
                continue
            }
            linked[first] = true
            // The smaller root names the set, so each block's root is its first column.
            for j in c.variables.dropFirst() {
                linked[j] = true
                let (a, b) = (find(first), find(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var index: [Int: Int] = [:]
        var blocks: [ModelBlock] = []
        var loose: [Int] = []
        for j in 0..<variableCount {
            guard linked[j] else { loose.append(j); continue }
            let root = find(j)
            if let b = index[root] { blocks[b].columns.append(j) } else {
                index[root] = blocks.count
                blocks.append(ModelBlock(columns: [j], rows: []))
            }
        }
        for (r, c) in constraints.enumerated() where !ignoring.contains(r) {
            if let first = c.variables.first, let b = index[find(first)] { blocks[b].rows.append(r) }
        }
        if !loose.isEmpty { blocks.append(ModelBlock(columns: loose, rows: [])) }
        return blocks.sorted { $0.columns[0] < $1.columns[0] }
    }

    /// The model of one block: its columns (renumbered in order), its rows, and each `split`
    /// row restricted to the block's columns with the limits given (left out when the block has
    /// none of its columns). The objective constant stays with the whole model.
    public func submodel(_ block: ModelBlock, split: [(row: Int, lower: Double, upper: Double)] = []) -> MIPModel {
        var sub = MIPModel(name: name)
        var local: [Int: Int] = [:]
        for j in block.columns {
            let v = variables[j]
            local[j] = sub.addVariable(v.name, lower: v.lower, upper: v.upper, kind: v.kind, objective: v.objective)
        }
        for r in block.rows {
            let c = constraints[r]
            sub.addConstraint(c.name, zip(c.variables, c.coefficients).compactMap { j, a in local[j].map { ($0, a) } },
                              lower: c.lower, upper: c.upper)
        }
        for s in split {
            let c = constraints[s.row]
            let terms = zip(c.variables, c.coefficients).compactMap { j, a in local[j].map { ($0, a) } }
            if !terms.isEmpty { sub.addConstraint(c.name, terms, lower: s.lower, upper: s.upper) }
        }
        return sub
    }

    /// The least objective any assignment within the column bounds can have, without the
    /// constant (−∞ when a column with a cost is unbounded that way): no solution of the block
    /// is below it, so a block that reaches it is optimal.
    public func columnBoundObjective(_ columns: [Int]) -> Double {
        columns.reduce(0.0) { sum, j in
            let v = variables[j]
            if v.objective == 0 { return sum }
            return sum + (v.objective > 0 ? v.objective * v.lower : v.objective * v.upper)
        }
    }

    /// The activity Σ a·x of row `row` over `columns` (nil: all of the row's) at `values`.
    public func activity(_ row: Int, over columns: Set<Int>? = nil, at values: [Double]) -> Double {
        let c = constraints[row]
        var s = 0.0
        for (k, j) in c.variables.enumerated() where (columns?.contains(j) ?? true) && j < values.count { s += c.coefficients[k] * values[j] }
        return s
    }
}
