import XinyuMIP

/// The prices of the Lagrangian bound: one per coupling row (λ), per teacher's load above share
/// (ν, at most the load-balance weight) and for the total shortfall (ρ).
struct Prices: Equatable {
    var lambda: [Double]
    var nu: [Double]
    var rho: Double

    static func zero(_ rows: CouplingRows) -> Prices {
        Prices(lambda: [Double](repeating: 0, count: rows.capacity.count),
               nu: [Double](repeating: 0, count: rows.share.count), rho: 0)
    }

    /// `alpha` × a + (1 − `alpha`) × b (prices stay ≥ 0 and ν within its box: both are convex).
    static func mix(_ a: Prices, _ b: Prices, _ alpha: Double) -> Prices {
        func m(_ x: [Double], _ y: [Double]) -> [Double] { zip(x, y).map { alpha * $0 + (1 - alpha) * $1 } }
        return Prices(lambda: m(a.lambda, b.lambda), nu: m(a.nu, b.nu), rho: alpha * a.rho + (1 - alpha) * b.rho)
    }

    /// The constant part of the Lagrangian: − Σ price × capacity.
    func constant(_ rows: CouplingRows, shortfall: Int) -> Double {
        -zip(lambda, rows.capacity).reduce(0.0) { $0 + $1.0 * $1.1 } - rho * Double(shortfall)
            - zip(nu, rows.share).reduce(0.0) { $0 + $1.0 * $1.1 }
    }
}

/// One schedule of one class alone, as the priced rows see it.
struct Pattern {
    var classIndex: Int
    /// Its preference cost alone (displacement, rhythm, spread; load balance is priced).
    var cost: Double
    /// Lessons it puts in each coupling row it uses, lessons per teacher, lessons missing.
    var rows: [(row: Int, count: Double)]
    var load: [(teacher: Int, count: Double)]
    var missing: Double
    /// Its lessons (in the whole instance's indices).
    var placements: [Placement]
    /// It is the class's part of the schedule the rounds started from.
    var incumbent = false

    /// Its cost with the prices added.
    func priced(_ p: Prices) -> Double {
        var v = cost + p.rho * missing
        for r in rows { v += p.lambda[r.row] * r.count }
        if !p.nu.isEmpty { for l in load { v += p.nu[l.teacher] * l.count } }
        return v
    }
}

/// The best prices over the patterns seen so far: the LP dual of the pattern (Dantzig–Wolfe)
/// master restricted to them,
///
///   max Σ_c μ_c − Σ λ·capacity − ρ·shortfall − Σ ν·share
///   s.t. μ_c ≤ priced cost of p   for every pattern p of class c seen,
///
/// each price within its box. Its optimum is at least the Lagrangian dual (fewer patterns than
/// all), so `value` − best bound says how far the bound can still rise; its prices are where
/// the next round looks (Kelley's cutting planes on the dual, smoothed by the caller).
struct PriceLP {
    var prices: Prices
    /// Each class's least priced cost over its patterns seen, at `prices`.
    var mu: [Double]
    var value: Double

    /// Nil when GLPK gives no optimum in time (the caller keeps the bound it has).
    init?(_ patterns: [Pattern], classes: Int, rows: CouplingRows, shortfall: Int, priceCap: Double,
          balance: Double, solver: MIPSolver, timeLimit: Double?) {
        var m = MIPModel(name: "lagrange_prices")
        let mu = (0..<classes).map { m.addVariable("mu_c\($0)", lower: -.infinity, upper: .infinity, objective: -1) }
        // Only rows some pattern uses get a column: another row's price is best at 0.
        var lambdaColumn: [Int: Int] = [:]
        for p in patterns {
            for r in p.rows where lambdaColumn[r.row] == nil {
                lambdaColumn[r.row] = m.addVariable("l_r\(r.row)", lower: 0, upper: priceCap, objective: rows.capacity[r.row])
            }
        }
        let nu = rows.share.indices.map { m.addVariable("nu_t\($0)", lower: 0, upper: balance, objective: rows.share[$0]) }
        let rho = m.addVariable("rho", lower: 0, upper: priceCap, objective: Double(shortfall))
        for (k, p) in patterns.enumerated() {
            var terms: [(Int, Double)] = [(mu[p.classIndex], 1), (rho, -p.missing)]
            for r in p.rows { if let col = lambdaColumn[r.row] { terms.append((col, -r.count)) } }
            if !nu.isEmpty { for l in p.load { terms.append((nu[l.teacher], -l.count)) } }
            m.addConstraint("cut_\(k)", terms, upper: p.cost)
        }
        let r = solver.solve(m, options: SolveOptions(timeLimit: timeLimit))
        guard r.status == .optimal, let objective = r.objective, r.values.count == m.variableCount else { return nil }
        var prices = Prices.zero(rows)
        for (row, col) in lambdaColumn { prices.lambda[row] = max(0, r.values[col]) }
        for (t, col) in nu.enumerated() { prices.nu[t] = min(balance, max(0, r.values[col])) }
        prices.rho = max(0, r.values[rho])
        self.prices = prices
        self.mu = mu.map { r.values[$0] }
        self.value = -objective
    }
}
