// The work limits of the solve stages: simplex iterations and branch-and-bound nodes, so that
// a run gives the same result on a loaded or a quiet machine.

/// The work limit of the exactness stage (the full term model, teachers free), in simplex
/// iterations. Measured (release, 2 cores): the sample district's S03 closes its gap of 1 lesson
/// in 3,831 iterations (6.4 s); the tight 60-school benchmark's S11 (72 missing found, 69 proven)
/// reaches 71 and stops at the limit after 85–107 s — HiGHS does not close that gap in 150 s
/// either (70 found, 69 proven).
public let exactStageIterations = 20_000

/// The work limit of the rhythm plan (stage 1) in a full solve, in branch-and-bound nodes (a
/// node limit leaves the search as it was until it binds: no change to GLPK's ratio test or
/// cuts). With three new teachers in a 36-class school its search to 1% ran on for over ten
/// minutes without a time limit (issue 15's profile); this stops it.
public let rhythmStageNodes = 2_000

/// The second work limit of the exactness stage, in branch-and-bound nodes: GLPK's branching
/// heuristic (glp_eval_tab_row) works between simplex iterations, and a `short_after` solve of a
/// school given two teachers spent minutes there (issue 15's profile, gdb).
public let exactStageNodes = 1_000

/// Work limits of one MIP stage (nil: none).
struct StageWork {
    var iterations: Int?
    var nodes: Int?
    var cuts = true
}

/// Most rounds of the Lagrangian bound the benchmark asks for (`--bound-rounds`); the rounds stop
/// earlier when the pattern LP has converged. Measured (debug build, 2 cores at load ~12): the
/// schools of 12 to 72 classes converge in 3 to 36 rounds (the 36-class school: 327.0 in 8
/// rounds, 30 s wall; benchmarks/results/2026-12-01-bound-2.md).
public let lagrangianRounds = 200

/// Rows of the full term model up to which the exactness stage gets all of `exactStageIterations`;
/// above, its iterations shrink in proportion (a simplex iteration costs about its rows), so the
/// stage's work stays about the same on a larger school.
public let exactStageFullRows = 10_000

/// Rows of the full term model above which the exactness stage is not tried: a 200-class school's
/// model (428,982 columns × 112,075 rows) did not finish its root LP in 20,000 iterations (1,284 s
/// of a 1,650 s run, benchmarks/results/2026-12-01-session6.md). Its shortfall is then reported
/// with the bounds proven ("not proven least" when they fall short).
public let exactStageMaxRows = 60_000

/// The exactness stage's iteration limit for a full model of `rows` rows (nil: not tried).
func exactIterationLimit(_ base: Int, rows: Int) -> Int? {
    guard rows <= exactStageMaxRows else { return nil }
    guard rows > exactStageFullRows else { return base }
    return max(1, base * exactStageFullRows / rows)
}
