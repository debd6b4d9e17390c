// A thin wrapper around GLPK's problem object (glp_prob), in the style of GLPK.jl:
// the model's 0-based Swift arrays become GLPK's 1-based arrays in exactly one place
// (`OneBased`), the whole constraint matrix is loaded with one glp_load_matrix call.
//
// Lifetime: GLPK keeps its memory per OS thread, and deleting a problem on another thread
// aborts the process. So there is no owning class and no deinit: `GLPKProblem.with` creates
// the object, runs a synchronous body and deletes it on the same thread before returning.

import CGLPK
import XinyuMIP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GLPK numbers rows and columns from 1 and ignores element 0 of every array it takes.
/// This is the only place where Swift's 0-based indices and arrays are shifted.
enum OneBased {
    /// GLPK's number of the row or column at a 0-based Swift index.
    static func index(_ zeroBased: Int) -> Int32 { Int32(zeroBased + 1) }

    /// The array GLPK expects for `values`: an unused element 0, then `values[0]` at 1, and so on.
    static func array<T>(_ values: [T], unused: T) -> [T] {
        var shifted = [unused]
        shifted.reserveCapacity(values.count + 1)
        shifted.append(contentsOf: values)
        return shifted
    }
}

/// How a model's variable becomes a GLPK column: kind and the bounds actually set.
struct ColumnShape {
    /// The column is an integer column (GLP_IV); binaries are integer columns within [0, 1].
    var integer: Bool
    var lower: Double
    var upper: Double

    /// The column for `variable`. With `integrality`, integer and binary columns get integral
    /// bounds (glp_intopt returns GLP_EBOUND on fractional bounds of an integer column), which
    /// keeps the same integer points; without it (LP relaxation) every column is continuous.
    /// Binary columns are always kept within [0, 1]. The result may have lower > upper when no
    /// integer lies within the bounds: the caller reports that as infeasible.
    init(_ variable: Variable, integrality: Bool) {
        var lower = variable.lower
        var upper = variable.upper
        if variable.kind == .binary {
            lower = max(lower, 0)
            upper = min(upper, 1)
        }
        integer = integrality && variable.kind != .continuous
        if integer {
            // A bound within 1e-9 of an integer is that integer (it comes from arithmetic).
            lower = (lower - 1e-9).rounded(.up)
            upper = (upper + 1e-9).rounded(.down)
        }
        self.lower = lower
        self.upper = upper
    }
}

/// A GLPK problem object, valid only inside `GLPKProblem.with`.
struct GLPKProblem {
    let raw: OpaquePointer

    /// Creates an empty minimisation problem, runs `body` with it and deletes it, all on the
    /// calling thread.
    static func with<R>(_ body: (GLPKProblem) throws -> R) rethrows -> R {
        guard let raw = glp_create_prob() else { fatalError("glp_create_prob returned NULL") }
        defer { glp_delete_prob(raw) }
        glp_set_obj_dir(raw, GLP_MIN)
        return try body(GLPKProblem(raw: raw))
    }

    /// GLPK's bound type for a pair of bounds (infinite means absent).
    static func boundType(lower: Double, upper: Double) -> Int32 {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return GLP_FR
        case (true, false): return GLP_LO
        case (false, true): return GLP_UP
        case (true, true): return lower == upper ? GLP_FX : GLP_DB
        }
    }

    /// Loads `model` with the given column shapes (one per variable). The model must have passed
    /// `GLPKSolver.argumentError`; the matrix is checked once more with glp_check_dup (which
    /// reports instead of aborting) right before glp_load_matrix (which aborts).
    /// - Parameter objectiveConstant: GLPK's c0; solves keep the model's constant out of GLPK.
    func load(_ model: MIPModel, columns: [ColumnShape], objectiveConstant: Double) -> ModelError? {
        let m = model.constraintCount
        let n = model.variableCount
        if !model.name.isEmpty { glp_set_prob_name(raw, model.name) }
        // glp_add_rows/glp_add_cols abort when asked for zero.
        if m > 0 { glp_add_rows(raw, Int32(m)) }
        if n > 0 { glp_add_cols(raw, Int32(n)) }
        glp_set_obj_coef(raw, 0, objectiveConstant)

        for (j, variable) in model.variables.enumerated() {
            let col = OneBased.index(j)
            let shape = columns[j]
            if !variable.name.isEmpty { glp_set_col_name(raw, col, variable.name) }
            glp_set_col_kind(raw, col, shape.integer ? GLP_IV : GLP_CV)
            glp_set_col_bnds(raw, col, Self.boundType(lower: shape.lower, upper: shape.upper),
                             shape.lower, shape.upper)
            glp_set_obj_coef(raw, col, variable.objective)
        }
        for (i, constraint) in model.constraints.enumerated() {
            let row = OneBased.index(i)
            if !constraint.name.isEmpty { glp_set_row_name(raw, row, constraint.name) }
            glp_set_row_bnds(raw, row, Self.boundType(lower: constraint.lower, upper: constraint.upper),
                             constraint.lower, constraint.upper)
        }

        // The matrix as (row, column, value) triplets, in GLPK's 1-based arrays.
        var rows: [Int32] = [], cols: [Int32] = [], values: [Double] = []
        let ne = model.nonZeroCount
        rows.reserveCapacity(ne); cols.reserveCapacity(ne); values.reserveCapacity(ne)
        for (i, constraint) in model.constraints.enumerated() {
            for (k, j) in constraint.variables.enumerated() {
                rows.append(OneBased.index(i))
                cols.append(OneBased.index(j))
                values.append(constraint.coefficients[k])
            }
        }
        let ia = OneBased.array(rows, unused: 0)
        let ja = OneBased.array(cols, unused: 0)
        let ar = OneBased.array(values, unused: 0)
        let dup = glp_check_dup(Int32(m), Int32(n), Int32(ne), ia, ja)
        if dup != 0 {
            return ModelError("constraint matrix element \(abs(dup)) is "
                + (dup < 0 ? "out of range" : "a duplicate (row, column) pair"))
        }
        glp_load_matrix(raw, Int32(ne), ia, ja, ar)
        return nil
    }

    /// Primal values of all columns: of the basic (LP) solution, or of the MIP solution.
    func columnValues(mip: Bool) -> [Double] {
        let n = Int(glp_get_num_cols(raw))
        return (0..<n).map { j in
            mip ? glp_mip_col_val(raw, OneBased.index(j)) : glp_get_col_prim(raw, OneBased.index(j))
        }
    }
}

/// Runs `body` with GLPK's terminal output of this thread switched on (copied to stderr) or
/// off, and restores the previous on/off state afterwards. GLPK keeps this state per thread.
/// The previous terminal hook cannot be read back from GLPK; with `verbose` the hook is reset
/// to GLPK's default (none) afterwards.
func withTerminalOutput<R>(verbose: Bool, _ body: () throws -> R) rethrows -> R {
    let previous = glp_term_out(verbose ? GLP_ON : GLP_OFF)
    if verbose {
        // Returning non-zero tells GLPK the text was handled (so nothing goes to stdout).
        glp_term_hook({ _, text in
            if let text { _ = write(2, text, strlen(text)) }
            return 1
        }, nil)
    }
    defer {
        if verbose { glp_term_hook(nil, nil) }
        glp_term_out(previous)
    }
    return try body()
}
