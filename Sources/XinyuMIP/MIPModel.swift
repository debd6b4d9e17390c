// A solver-neutral mixed-integer program: variables, linear constraints, a linear objective
// to minimise. The formulation layer builds these; a backend (GLPK) solves them.
// Indices here are 0-based; only the backend knows GLPK's 1-based arrays.

/// The kind of a decision variable.
public enum VariableKind: Sendable, Hashable {
    case continuous
    case integer
    case binary
}

/// A decision variable: bounds, kind and objective coefficient.
public struct Variable: Sendable, Hashable {
    public var name: String
    public var lower: Double
    public var upper: Double
    public var kind: VariableKind
    public var objective: Double

    public init(name: String, lower: Double, upper: Double, kind: VariableKind, objective: Double) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.kind = kind
        self.objective = objective
    }
}

/// A linear constraint `lower ≤ Σ coefficient·x ≤ upper` (either side may be infinite).
public struct Constraint: Sendable, Hashable {
    public var name: String
    public var variables: [Int]
    public var coefficients: [Double]
    public var lower: Double
    public var upper: Double

    public init(name: String, variables: [Int], coefficients: [Double], lower: Double, upper: Double) {
        self.name = name
        self.variables = variables
        self.coefficients = coefficients
        self.lower = lower
        self.upper = upper
    }
}

/// A minimisation MIP. Names should match `[A-Za-z_][A-Za-z0-9_]*` so that written models
/// read back unchanged in other solvers (GLPK rewrites other characters on export).
public struct MIPModel: Sendable {
    public var name: String
    public private(set) var variables: [Variable] = []
    public private(set) var constraints: [Constraint] = []
    /// A constant added to the objective (kept out of the solver).
    public var objectiveConstant: Double = 0

    public init(name: String) {
        self.name = name
    }

    public var variableCount: Int { variables.count }
    public var constraintCount: Int { constraints.count }
    public var nonZeroCount: Int { constraints.reduce(0) { $0 + $1.variables.count } }

    /// Adds a variable and returns its index.
    @discardableResult
    public mutating func addVariable(
        _ name: String, lower: Double = 0, upper: Double = .infinity,
        kind: VariableKind = .continuous, objective: Double = 0
    ) -> Int {
        let (lo, up): (Double, Double) = kind == .binary ? (max(0, lower), min(1, upper)) : (lower, upper)
        variables.append(Variable(name: name, lower: lo, upper: up, kind: kind, objective: objective))
        return variables.count - 1
    }

    @discardableResult
    public mutating func addBinary(_ name: String, objective: Double = 0) -> Int {
        addVariable(name, lower: 0, upper: 1, kind: .binary, objective: objective)
    }

    /// Adds `lower ≤ Σ terms ≤ upper`. Terms on the same variable are merged.
    public mutating func addConstraint(
        _ name: String, _ terms: [(Int, Double)], lower: Double = -.infinity, upper: Double = .infinity
    ) {
        var merged: [Int: Double] = [:]
        var order: [Int] = []
        for (v, c) in terms {
            if merged[v] == nil { order.append(v) }
            merged[v, default: 0] += c
        }
        let vars = order.filter { merged[$0] != 0 }
        constraints.append(Constraint(
            name: name, variables: vars, coefficients: vars.map { merged[$0]! },
            lower: lower, upper: upper))
    }

    public mutating func setObjective(_ variable: Int, _ coefficient: Double) {
        variables[variable].objective = coefficient
    }

    public mutating func setBounds(_ variable: Int, lower: Double, upper: Double) {
        variables[variable].lower = lower
        variables[variable].upper = upper
    }

    /// The objective value of an assignment (without checking feasibility).
    public func objectiveValue(_ values: [Double]) -> Double {
        var total = objectiveConstant
        for (i, v) in variables.enumerated() where i < values.count { total += v.objective * values[i] }
        return total
    }

    /// The largest violation of any bound or constraint by an assignment (0 when feasible).
    public func maxViolation(_ values: [Double]) -> Double {
        guard values.count == variables.count else { return .infinity }
        var worst = 0.0
        for (i, v) in variables.enumerated() {
            worst = max(worst, v.lower - values[i], values[i] - v.upper)
            if v.kind != .continuous { worst = max(worst, abs(values[i] - values[i].rounded())) }
        }
        for c in constraints {
            var s = 0.0
            for (k, j) in c.variables.enumerated() { s += c.coefficients[k] * values[j] }
            worst = max(worst, c.lower - s, s - c.upper)
        }
        return worst
    }
}

/// Progress of a running solve, reported from the solver's own thread.
public struct SolveProgress: Sendable {
    public var incumbent: Double?
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public init(incumbent: Double?, bound: Double?, gap: Double?, seconds: Double) {
        self.incumbent = incumbent
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
    }
}

/// How to solve.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds for this model; nil = none.
    public var timeLimit: Double?
    /// Relative MIP gap at which the search stops (0 = prove optimality).
    public var mipGap: Double = 0
    /// Print the solver's own log on stderr.
    public var verbose: Bool = false
    /// Use the solver's presolver.
    public var presolve: Bool = true
    /// Solve only the LP relaxation (integrality dropped).
    public var relaxationOnly: Bool = false
    /// A known feasible assignment, offered to the solver as a first incumbent.
    public var warmStart: [Double]?
    /// Objective value at or below which any solution is good enough (stop early).
    public var stopAtObjective: Double?
    /// Objective value above which no solution is of use: the search stops as soon as its proven
    /// bound exceeds it (a goal shown out of reach; the result's `bound` proves it). Nil: none.
    public var giveUpAbove: Double?
    /// Called now and then with the incumbent and bound.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Polled during the search: when it returns true the search stops with what it has.
    public var shouldStop: (@Sendable () -> Bool)?
    /// A work limit that does not depend on the machine: simplex iterations (the root LP and
    /// the search together); when reached, the search stops with what it has (nil: none).
    public var iterationLimit: Int?
    /// A second work limit: branch-and-bound nodes. A node's work is not all simplex iterations
    /// (GLPK's branching heuristic evaluates tableau rows, uncounted), so a search bounded by work
    /// bounds both; when reached, the search stops with what it has, as at `iterationLimit`.
    public var nodeLimit: Int?
    /// Let the solver add cutting planes (they raise bounds but make each LP harder; a search
    /// that needs solutions more than bounds may turn them off).
    public var cuts: Bool = true
    /// How the search picks the variable to branch on.
    public var branching: Branching = .tuned
    /// Solve the model's independent blocks apart (`MIPSolver.solveByBlocks`, which reads this;
    /// a solver's own `solve` ignores it and solves the whole model). Nil: the whole model.
    public var blocks: BlockSplit?

    public init(timeLimit: Double? = nil, mipGap: Double = 0, verbose: Bool = false) {
        self.timeLimit = timeLimit
        self.mipGap = mipGap
        self.verbose = verbose
    }
}

/// The branching rule of a search.
public enum Branching: String, Sendable, Hashable {
    /// The solver's tuned rule (GLPK: Driebeck–Tomlin, which prices every fractional column).
    case tuned
    /// The most fractional column: no pricing, so a node of a large model costs its LP alone.
    case mostFractional
}

/// What a solve reached.
public enum SolveStatus: String, Sendable, Hashable {
    /// Proven optimal (within the requested gap).
    case optimal
    /// A feasible solution, not proven optimal (time limit, stopped).
    case feasible
    /// Proven infeasible.
    case infeasible
    /// Unbounded objective.
    case unbounded
    /// No feasible solution found and none proven impossible (time limit).
    case noSolution
    /// The model was rejected or the solver failed; see `reason`.
    case error
}

/// Why the solver stopped, apart from what it holds (MathOptInterface's `TerminationStatus`).
public enum TerminationStatus: String, Sendable, Hashable {
    /// The search finished: optimal (within the requested gap).
    case optimal
    /// The search finished: no solution exists.
    case infeasible
    /// The search finished: the objective is unbounded.
    case unbounded
    /// The time limit stopped it.
    case timeLimit
    /// The work limit (`iterationLimit` simplex iterations) stopped it.
    case iterationLimit
    /// `stopAtObjective` was reached, or the bound passed `giveUpAbove`.
    case objectiveLimit
    /// The caller stopped it (`shouldStop`).
    case interrupted
    /// The model was rejected or the solver failed; see `reason`.
    case error
}

/// Whether a result holds a solution (MathOptInterface's `PrimalStatus`).
public enum PrimalStatus: String, Sendable, Hashable {
    /// `values` is a solution satisfying every row and bound.
    case feasiblePoint
    /// No solution: `values` is empty.
    case noSolution
}

public struct SolveResult: Sendable {
    /// The summary of both: proven optimal, feasible, infeasible, … (what reports print).
    public var status: SolveStatus
    /// Why the search stopped.
    public var termination: TerminationStatus
    /// Whether a solution is held.
    public var primal: PrimalStatus { hasSolution ? .feasiblePoint : .noSolution }
    /// Objective of the returned solution (with `objectiveConstant`).
    public var objective: Double?
    /// Best proven lower bound on the objective (minimisation).
    public var bound: Double?
    /// Variable values, one per variable, when a solution exists.
    public var values: [Double]
    /// The solver's own words: return code and status names, e.g. "GLP_ETMLIM: time limit exceeded".
    public var reason: String
    public var seconds: Double
    /// Simplex iterations the solve took, when the solver tells (the work `iterationLimit` counts).
    public var iterations: Int?
    /// How many independent blocks were solved apart (`MIPSolver.solveByBlocks`); nil: the whole model.
    public var blocks: Int?

    public init(status: SolveStatus, termination: TerminationStatus, objective: Double?, bound: Double?,
                values: [Double], reason: String, seconds: Double) {
        self.status = status
        self.termination = termination
        self.objective = objective
        self.bound = bound
        self.values = values
        self.reason = reason
        self.seconds = seconds
    }

    /// Relative gap between objective and bound (0 when optimal), nil without both.
    public var gap: Double? {
        guard let o = objective, let b = bound else { return nil }
        if status == .optimal { return 0 }
        return abs(o - b) / max(1e-9, abs(o))
    }

    public var hasSolution: Bool { status == .optimal || status == .feasible }
}

/// A MIP solver backend. `solve` creates, solves and frees everything on the calling thread.
public protocol MIPSolver: Sendable {
    var name: String { get }
    var version: String { get }
    func solve(_ model: MIPModel, options: SolveOptions) -> SolveResult
    /// Writes the model as free MPS (minimisation) to `path`, atomically.
    func writeMPS(_ model: MIPModel, to path: String) throws
}

/// Why a model cannot be handed to a solver (checked before any solver call).
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension MIPModel {
    /// Checks everything a solver would abort on: finite coefficients, bounds in order,
    /// indices in range, names of legal length and characters. Nil when the model is sound.
    public func validationError() -> ModelError? {
        func badName(_ s: String) -> Bool {
            s.utf8.count > 255 || s.unicodeScalars.contains { $0.value < 32 || $0.value == 127 }
        }
        if badName(name) { return ModelError("model name \"\(name)\" is too long or has control characters") }
        if !objectiveConstant.isFinite { return ModelError("objective constant is not finite") }
        for (i, v) in variables.enumerated() {
            if badName(v.name) { return ModelError("variable \(i) has a bad name") }
            if !v.objective.isFinite { return ModelError("variable \(v.name): objective \(v.objective) is not finite") }
            if v.lower.isNaN || v.upper.isNaN || v.lower > v.upper || v.lower == .infinity || v.upper == -.infinity {
                return ModelError("variable \(v.name): bounds [\(v.lower), \(v.upper)] are not in order")
            }
        }
        for c in constraints {
            if badName(c.name) { return ModelError("constraint \(c.name) has a bad name") }
            if c.variables.count != c.coefficients.count { return ModelError("constraint \(c.name): terms do not match") }
            if c.lower.isNaN || c.upper.isNaN || c.lower > c.upper || c.lower == .infinity || c.upper == -.infinity {
                return ModelError("constraint \(c.name): bounds [\(c.lower), \(c.upper)] are not in order")
            }
            var seen = Set<Int>()
            for (k, j) in c.variables.enumerated() {
                if j < 0 || j >= variables.count { return ModelError("constraint \(c.name): variable index \(j) out of range") }
                if !seen.insert(j).inserted { return ModelError("constraint \(c.name): variable \(j) appears twice") }
                if !c.coefficients[k].isFinite { return ModelError("constraint \(c.name): coefficient is not finite") }
            }
        }
        return nil
    }
}
