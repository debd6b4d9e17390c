import Foundation
import XinyuMIP
import XinyuPack

/// How a group of schools is solved.
public struct PlanOptions: Sendable {
    /// Wall-clock budget for this group, seconds (nil: none).
    public var timeLimit: Double?
    /// Relative MIP gap accepted in the preference stage.
    public var mipGap: Double = 0
    /// Write every solved model as free MPS into this directory.
    public var writeModelDirectory: String?
    /// Also compute a global lower bound (each class alone, teachers relaxed).
    public var globalBound: Bool = true
    /// GLPK's own log on stderr.
    public var verbose: Bool = false
    /// Most rounds of the Lagrangian bound (0, the default: none; `lagrangianRounds` is
    /// what the benchmark asks for). Each round solves every class's priced model once.
    public var lagrangianRounds: Int = 0
    /// Work limit of the exactness stage, simplex iterations (see `exactStageIterations`).
    public var exactIterations: Int = exactStageIterations
    /// Work limit of the rhythm plan, branch-and-bound nodes (see `rhythmStageNodes`).
    public var rhythmNodes: Int = rhythmStageNodes
    /// Second work limit of the exactness stage, branch-and-bound nodes (see `exactStageNodes`).
    public var exactNodes: Int = exactStageNodes
    /// Progress lines (stderr unless quiet).
    public var log: (@Sendable (String) -> Void)?
    /// Polled between stages and during searches: when true (an interrupted run) the plan ends
    /// with the best schedule found so far.
    public var stop: (@Sendable () -> Bool)?
    var stopped: Bool { stop?() ?? false }
    public init(timeLimit: Double? = nil) { self.timeLimit = timeLimit }
}

/// What the solve of a group reached. There is always a schedule (at worst the greedy one).
public enum PlanQuality: String, Sendable {
    /// The shortfall is proven least and the preference cost meets a proven global lower bound
    /// (within the requested gap).
    case optimal
    /// A schedule that keeps every rule, not proven optimal (bound gap, time limit, interruption).
    case feasible
}

/// The plan of one group of schools.
public struct GroupPlan: Sendable {
    public var instance: Instance
    public var placements: [Placement]
    /// Missing lessons against the monthly minimums (sum over classes and months).
    public var shortfall: Int
    /// A proven lower bound on the shortfall of any schedule.
    public var shortfallBound: Int
    public var quality: PlanQuality
    /// The preference objective of the schedule and the best lower bound proven for it.
    public var objective: Double
    public var bound: Double?
    /// What the bound is a bound of.
    public var boundNote: String
    public var stages: [StageLog]
    public var seconds: Double
    /// Grade lectures placed before the lessons (school.toml `[lectures]`), and grades that asked
    /// for one and got none.
    public var lectures: [GradeLecture] = []
    public var missingLectures: [MissingLecture] = []
    /// Lessons kept by pinned.csv, placed before everything else (Pins.swift).
    public var pinned: [KeptPin] = []
    /// Why the own gap stays open (`gapLimitNote`): the work limits that stopped the bound stages.
    public var gapLimit = ""

    public var shortfallProven: Bool { shortfall == shortfallBound }
    public var gap: Double? {
        guard let bound else { return nil }
        return objective <= 1e-9 ? 0 : max(0, (objective - bound) / abs(objective))
    }
}

/// Solves groups of schools: rhythm plan → term model with teachers and slots fixed →
/// (only if some minimum is still missing) the full term model, which restores exactness.
public struct Planner: Sendable {
    public var solver: MIPSolver
    public var options: PlanOptions

    public init(solver: MIPSolver, options: PlanOptions) {
        self.solver = solver
        self.options = options
    }

    // Long because the stages share local state (the clock, each stage's share of the time, the
    // stage log, the best schedule so far) read top to bottom; making them a stage object is left
    // until the bound-stage work that edits this function (issue 19) has landed.
    public func plan(_ inst: Instance, name: String) -> GroupPlan {
        let clock = Clock()
        if options.stopped || options.timeLimit.map({ $0 < 0.05 }) ?? false {
            // No time left for this group (or the run was interrupted): the greedy schedule, its
            // shortfall bounded by counting.
            let greedy = inst.greedySchedule(planned: [], teacherOf: [Int?](repeating: nil, count: inst.classes.count))
            let short = inst.missing(greedy)
            return GroupPlan(instance: inst, placements: greedy, shortfall: short,
                             shortfallBound: min(short, shortfallLowerBound(inst)), quality: .feasible,
                             objective: inst.score(greedy).total, bound: nil, boundNote: options.stopped ? "interrupted: greedy schedule" : "time limit: greedy schedule",
                             stages: [], seconds: clock.seconds)
        }
        var stages: [StageLog] = []
        let log = options.log ?? { _ in }
        func remaining(_ share: Double) -> Double? {
            guard let limit = options.timeLimit else { return nil }
            return max(0.01, (limit - clock.seconds) * share)
        }
        /// Whether the time limit leaves room for an optional stage.
        func timeLeft() -> Bool { !options.stopped && (options.timeLimit.map { clock.seconds < $0 * 0.9 } ?? true) }
        /// Solves a stage with `search` (warm start, stop, gap, limits) within its share of the time.
        func run(_ label: String, _ model: MIPModel, _ share: Double, _ search: SolveOptions) -> SolveResult {
            var o = search
            o.timeLimit = remaining(share)
            o.verbose = options.verbose
            o.shouldStop = options.stop
            let tag = "\(name) \(label)"
            o.progress = { p in
                log("\(tag): incumbent \(p.incumbent.map { fmt($0) } ?? "-"), bound \(p.bound.map { fmt($0) } ?? "-"), gap \(p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-"), \(fmt(p.seconds)) s")
            }
            if let dir = options.writeModelDirectory {
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                try? solver.writeMPS(model, to: "\(dir)/\(safeFileName(name))-\(label).mps")
            }
            // Teachers-fixed stages ask for blocks (StageBlocks.swift); others solve the whole model.
            let r = solver.solveByBlocks(model, options: o)
            stages.append(StageLog(name: label, variables: model.variableCount, constraints: model.constraintCount,
                                   status: r.status, objective: r.objective, bound: r.bound, seconds: r.seconds, reason: r.reason,
                                   workLimitReached: r.termination == .iterationLimit))
            log("\(tag): \(r.status.rawValue), \(model.variableCount) columns, \(model.constraintCount) rows\(r.blocks.map { " in \($0) blocks" } ?? ""), objective \(r.objective.map { fmt($0) } ?? "-"), \(r.iterations.map { "\($0) iterations, " } ?? "")\(fmt(r.seconds)) s")
            return r
        }

        let counting = countingShortfallBound(inst)
        let flow = flowShortfallBound(inst)
        log("\(name) shortfall bounds: counting \(counting.total), flow \(flow)")
        let least = leastShortfall(inst, solver: solver, counting: max(counting.total, flow), goal: nil,
                                   exactIterations: options.exactIterations, exactNodes: options.exactNodes, rhythm: StageWork(nodes: options.rhythmNodes),
                                   remaining: remaining, stop: options.stop, verbose: options.verbose,
                                   run: run)
        let r1 = least.rhythm.result
        stages.insert(StageLog(name: "rhythm", variables: least.rhythm.modelSize.variables,
                               constraints: least.rhythm.modelSize.constraints, status: r1.status, objective: r1.objective,
                               bound: r1.bound, seconds: r1.seconds, reason: r1.reason), at: 0)
        log("\(name) rhythm: \(r1.status.rawValue), \(least.rhythm.modelSize.variables) columns, \(fmt(r1.seconds)) s")
        var best = least.placements
        let shortfall = least.shortfall
        let shortfallBound = least.bound
        let teacherOf = least.teacherOf
        var slotOf = least.slotOf

        // Stage 2b: best preferences among schedules with that shortfall (if time is left).
        var objective: Double
        var bound: Double? = nil
        var boundNote = "none"
        var boundIsGlobal = false
        // Then each class's regular slot becomes the one its lessons use most, and again, while
        // that lowers the cost (a few rounds; each is a small, fast model).
        let fixed2: [Int?]? = inst.policy.sameTeacher ? teacherOf : nil
        var work = BoundWork(roundsAsked: options.globalBound ? options.lagrangianRounds : 0, teachersFixed: fixed2 != nil)
        for round in 0..<3 where timeLeft() {
            let pref = TermModel(inst, TermModelSpec(fixedTeacher: fixed2, preferences: true, preferredSlot: slotOf,
                                                      shortfallWeight: 0, shortfallCap: Double(shortfall)), name: "preferences")
            let before = inst.score(best).total
            var search = SolveOptions(mipGap: options.mipGap)
            search.warmStart = pref.assignment(inst, best)
            if fixed2 != nil { search.blocks = pref.blockSplit }
            let r2b = run(round == 0 ? "preferences" : "preferences-\(round + 1)", pref.model, 0.8, search)
            if r2b.hasSolution {
                let found = pref.placements(r2b.values)
                if inst.missing(found) <= shortfall && inst.score(found).total <= before + 1e-9 { best = found }
            }
            // Solved in blocks (the shortfall cap split), the bound holds only when the split is exact.
            if round == 0, r2b.status == .optimal, let b = r2b.bound, r2b.blocks == nil || shortfall == shortfallBound {
                bound = min(b / pref.objectiveScale, inst.score(best).total)
                boundNote = "teachers and regular slots fixed"
            }
            let next = inst.classes.indices.map { inst.mostFrequentSlot(best, $0) ?? slotOf[$0] }
            if next == slotOf || inst.score(best).total >= before - 1e-9 && round > 0 { break }
            slotOf = next
        }
        // Asked for proof (`--bound-rounds`): the stage again with the slots chosen by the model
        // too, under a work limit (PreferenceSlots.swift).
        if options.lagrangianRounds > 0 && timeLeft(),
           let better = preferencesWithSlots(inst, best: best, shortfall: shortfall, fixed: fixed2, run: run) {
            best = better
            // The fixed-slot stage's bound does not hold for schedules with other regular slots.
            (bound, boundNote) = (nil, "none")
        }
        objective = inst.score(best).total

        // A global bound: every class alone, teachers relaxed away, solved exactly.
        if options.globalBound && timeLeft() {
            let t0 = clock.seconds
            if let lb = classDecomposedBound(inst, shortfall: shortfall, counting: counting, solver: solver, timeLimit: remaining(1.0)) {
                bound = min(lb, objective)
                boundNote = "each class alone, teachers relaxed"
                boundIsGlobal = true
            }
            log("\(name) bound: \(bound.map { fmt($0) } ?? "-"), \(fmt(clock.seconds - t0)) s")
        }
        // A stronger one where that leaves room: the teacher rows priced (Lagrangian).
        if options.globalBound && options.lagrangianRounds > 0 && timeLeft(),
           objective - (bound ?? -.infinity) > max(options.mipGap * abs(objective), 1e-6) {
            let t0 = clock.seconds
            var lr = lagrangianBound(inst, shortfall: shortfall, counting: counting, upper: objective, solver: solver,
                                     rounds: options.lagrangianRounds, timeLimit: remaining(1.0), incumbent: best,
                                     stop: options.stop, log: { log("\(name) Lagrangian \($0)") })
            work.branch = branchIfOpen(&lr, &best, inst, shortfall: shortfall, counting: counting, solver: solver, gap: options.mipGap,
                         timeLimit: remaining(1.0), stop: options.stop, log: { log("\(name) branch-and-price \($0)") })
            objective = inst.score(best).total
            work.lagrangian = lr
            if let lr, !boundIsGlobal || lr.bound > (bound ?? -.infinity) {
                bound = min(lr.bound, objective)
                boundNote = "Lagrangian: teacher rows priced, each class exact"
                boundIsGlobal = true
            }
            log("\(name) Lagrangian bound: \(bound.map { fmt($0) } ?? "-")\(lr.map { ", \($0.roundsRun) rounds, pattern LP limit \($0.limit.map { fmt($0) } ?? "-")" } ?? ""), \(fmt(clock.seconds - t0)) s")
            // The class patterns the rounds saw, put together again under the priced rows.
            let useful = lr?.useful(below: objective) ?? []
            if let lr { log("\(name) pattern schedule from \(useful.count) of \(lr.patterns.count) patterns") }
            if let lr, objective - lr.bound > max(options.mipGap * abs(objective), 1e-6), timeLeft(),
               let cheaper = patternSchedule(inst, patterns: useful, incumbent: best, shortfall: shortfall,
                                             solver: solver, timeLimit: remaining(1.0), stop: options.stop) {
                best = cheaper
                objective = inst.score(best).total
                bound = bound.map { min($0, objective) }
                log("\(name) pattern schedule: \(fmt(objective))")
            }
        }
        // The full term model (teachers free, preferences, same shortfall) for other solvers.
        if let dir = options.writeModelDirectory {
            let mono = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                                      shortfallWeight: 0, shortfallCap: Double(shortfall)), name: "term")
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try? solver.writeMPS(mono.model, to: "\(dir)/\(safeFileName(name))-term.mps")
        }
        // Optimal: the shortfall is proven least and the objective meets its lower bound.
        var quality = PlanQuality.feasible
        if shortfall == shortfallBound, boundIsGlobal, let bound, objective - bound <= max(options.mipGap * abs(objective), 1e-6) {
            quality = .optimal
        }
        // One line per group with its size and time (benchmarks/province reads it).
        log("\(name) done: \(inst.classes.count) classes, \(fmt(clock.seconds)) s")
        var plan = GroupPlan(instance: inst, placements: best, shortfall: shortfall, shortfallBound: shortfallBound,
                             quality: quality, objective: objective, bound: bound, boundNote: boundNote,
                             stages: stages, seconds: clock.seconds)
        plan.gapLimit = gapLimitNote(gap: plan.gap, mipGap: options.mipGap, work: work, stages: stages)
        return plan
    }
}

/// What stages 1–3 found: a schedule with the fewest missing lessons found, a proven lower bound
/// on the missing lessons of any schedule, and each class's teacher and regular slot.
struct LeastShortfall {
    var placements: [Placement]
    var shortfall: Int
    var bound: Int
    var teacherOf: [Int?]
    var slotOf: [WeeklySlot?]
    var rhythm: RhythmPlan
}

/// Stages 1–3, shared by `Planner` and `probeShortfall`: (1) the rhythm plan (teacher and 单双周
/// slot per class); (2) fewest missing lessons with each class's teacher fixed, warm-started from
/// the rhythm plan repaired greedily; (3) if that misses more than `counting` proves unavoidable,
/// the full term model with teachers free, warm-started from (2) — so fixing teachers never loses
/// a feasible schedule. The searches stop at the first schedule missing at most
/// max(counting, goal) lessons. `run(label, model, share of the time left, search)` solves a model
/// with the search settings given here (the caller adds time, logging and interruption).
///
/// Stage 3 is bounded by work, not only by time: `exactIterations` simplex iterations, without
/// cuts (it wants schedules more than bounds, and a cut round can leave a node's LP stalling
/// with no callback to stop it). A run without a time limit then always ends, and ends the same
/// way on every machine; when the limit binds, the shortfall found is reported with the bound
/// proven so far ("not proven least").
func leastShortfall(_ inst: Instance, solver: MIPSolver, counting: Int, goal: Int?,
                    exactIterations: Int = exactStageIterations, exactNodes: Int? = nil, rhythm work: StageWork = StageWork(),
                    remaining: (Double) -> Double?, stop: (@Sendable () -> Bool)?, verbose: Bool,
                    run: (String, MIPModel, Double, SolveOptions) -> SolveResult) -> LeastShortfall {
    var enough = Double(max(counting, goal ?? 0))
    /// Warm-started, stopping at the first schedule missing at most `enough` lessons.
    func search(_ warm: [Double], iterations: Int? = nil) -> SolveOptions {
        var o = SolveOptions()
        o.warmStart = warm
        o.stopAtObjective = enough
        o.iterationLimit = iterations
        o.nodeLimit = iterations == nil ? nil : exactNodes
        o.cuts = iterations == nil
        // The full model is large (S04+S06 given a teacher: 15,062 × 10,516): GLPK's
        // Driebeck–Tomlin rule priced each node for about 1 s there; most-fractional costs nothing.
        if iterations != nil { o.branching = .mostFractional }
        return o
    }
    var rhythmOptions = SolveOptions(timeLimit: remaining(0.25), mipGap: 0.01, verbose: verbose)
    rhythmOptions.shouldStop = stop
    // A work limit for the rhythm plan too: without a time limit its search to 1% could run for
    // many minutes (seen on a school given three new teachers). Advice probes also turn its cuts off.
    rhythmOptions.iterationLimit = work.iterations
    rhythmOptions.nodeLimit = work.nodes
    rhythmOptions.cuts = work.cuts
    let rhythm = RhythmPlan(inst, solver: solver, options: rhythmOptions)
    var teacherOf = rhythm.teacherOf
    var slotOf = rhythm.slotOf
    // Teachers are fixed only from a rhythm plan that was found: a rhythm stopped before its
    // first solution gives no class a teacher, and fixing that would leave every lesson missing.
    let fixed: [Int?]? = inst.policy.sameTeacher && rhythm.result.hasSolution ? teacherOf : nil

    let warm = inst.greedySchedule(planned: rhythm.planned, teacherOf: teacherOf)
    let feas = TermModel(inst, TermModelSpec(fixedTeacher: fixed, preferences: false, preferredSlot: nil,
                                              shortfallWeight: 1, shortfallCap: nil), name: "feasibility")
    var feasSearch = search(feas.assignment(inst, warm))
    if fixed != nil { feasSearch.blocks = feas.blockSplit }
    let r2 = run("feasibility", feas.model, 0.3, feasSearch)
    var best = r2.hasSolution ? feas.placements(r2.values) : warm
    var shortfall = inst.missing(best)
    // Short of what counting proves: the one-teacher bound may prove more (a small MIP, only here).
    let counting = shortfall > counting ? max(counting, assignmentShortfallBound(inst, solver: solver, timeLimit: remaining(0.1))) : counting
    enough = max(enough, Double(counting))
    var bound = counting
    func proven(_ r: SolveResult) -> Int {
        r.status == .optimal ? shortfall : max(bound, Int(((r.bound ?? 0) - 1e-6).rounded(.up)))
    }
    if shortfall <= counting {
        // Counting alone proves no schedule misses fewer lessons.
        bound = shortfall
    } else if fixed == nil {
        // Teachers were free in stage 2: it was the full model already.
        bound = proven(r2)
    } else if Double(shortfall) > enough {
        let full = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: false, preferredSlot: nil,
                                                  shortfallWeight: 1, shortfallCap: nil), name: "exact")
        // Not tried on a model too large for its work limit (`exactStageMaxRows`): the bounds stand.
        if let limit = exactIterationLimit(exactIterations, rows: full.model.constraintCount) {
            let r3 = run("exact", full.model, 0.6, search(full.assignment(inst, best), iterations: limit))
            let found = r3.hasSolution ? full.placements(r3.values) : []
            if r3.hasSolution, inst.missing(found) < shortfall {
                best = found
                shortfall = inst.missing(found)
                // Keep the rhythm plan where the teacher stayed; otherwise take the teacher found.
                for ci in inst.classes.indices {
                    let t = found.first { $0.classIndex == ci }?.teacher
                    if let t, t != teacherOf[ci] { teacherOf[ci] = t; slotOf[ci] = inst.mostFrequentSlot(found, ci) }
                }
            }
            bound = proven(r3)
        }
    }
    return LeastShortfall(placements: best, shortfall: shortfall, bound: min(bound, shortfall),
                          teacherOf: teacherOf, slotOf: slotOf, rhythm: rhythm)
}


extension Instance {
    /// Missing lessons of a set of placements against the minimums.
    func missing(_ placements: [Placement]) -> Int {
        var count: [[Int]: Int] = [:]
        for p in placements { count[[p.classIndex, days[classes[p.classIndex].candidates[p.candidate].day].month], default: 0] += 1 }
        var total = 0
        for (ci, c) in classes.enumerated() {
            for (mi, minimum) in c.minimum.enumerated() { total += max(0, (minimum ?? 0) - count[[ci, mi], default: 0]) }
        }
        return total
    }

    /// The slot a class's placements use most (ties: the earliest slot).
    func mostFrequentSlot(_ placements: [Placement], _ ci: Int) -> WeeklySlot? {
        var count: [WeeklySlot: Int] = [:]
        for p in placements where p.classIndex == ci {
            let cand = classes[ci].candidates[p.candidate]
            count[WeeklySlot(days[cand.day], cand.period), default: 0] += 1
        }
        return count.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key
    }
}

/// Monotonic wall clock.
struct Clock {
    let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

func fmt(_ v: Double) -> String { String(format: "%.2f", v) }

func safeFileName(_ s: String) -> String {
    String(s.unicodeScalars.map { ($0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")) ? Character($0) : "_" })
}
