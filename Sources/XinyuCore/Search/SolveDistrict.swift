import Foundation
import XinyuMIP
import XinyuPack
import XinyuVerify

/// The result of solving a district pack (or some of its schools).
public struct DistrictResult: Sendable {
    public var district: District
    /// One plan per group of schools solved, in school order.
    public var plans: [GroupPlan]
    public var lessons: [Lesson]
    public var months: [MonthRow]
    public var shortfalls: [Shortfall]
    public var seconds: Double
    public var jobs: Int

    /// Missing lessons against the minimums, over all classes and months.
    public var shortfall: Int { plans.reduce(0) { $0 + $1.shortfall } }
    public var allMet: Bool { shortfall == 0 }
}

/// Runs `work(i)` for i in 0..<count on `jobs` threads; each call runs wholly on one thread
/// (GLPK problems must live and die on one thread).
public func parallelForEach(_ count: Int, jobs: Int, _ work: @escaping @Sendable (Int) -> Void) {
    let jobs = max(1, min(jobs, count))
    if jobs == 1 { for i in 0..<count { work(i) }; return }
    let next = Counter()
    let group = DispatchGroup()
    for _ in 0..<jobs {
        group.enter()
        let thread = Thread {
            while let i = next.take(below: count) { work(i) }
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    group.wait()
}

/// A thread-safe counter handing out work indices in order.
public final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    public init() {}
    public func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Results written by worker threads, read after they finish.
public final class Slots<T: Sendable>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()
    public init(_ count: Int) { items = Array(repeating: nil, count: count) }
    public subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return items[i] }
        set { lock.lock(); items[i] = newValue; lock.unlock() }
    }
}

/// Solves every group of schools of `district` (only the groups holding `only`, if given),
/// groups in parallel on `jobs` threads. With a time limit, each group gets a fair share of
/// what remains when it starts. `progress` hears (groups done, groups) before the first and after
/// each group (the terminal's progress line).
public func solveDistrict(_ district: District, only: Set<String>? = nil, jobs: Int, options: PlanOptions,
                          solver: MIPSolver, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> DistrictResult {
    solveGroups(district, only: only, jobs: jobs, options: options, solver: solver, progress: progress) { d, g throws(Never) in
        Instance(district: d, schools: g)
    }
}

/// `solveDistrict` whose instance builds stop at `buildDeadline` (the run's `--time-limit`):
/// when one stops, the groups not yet started are skipped (those running end within their
/// share of the time) and the run ends with `TimeLimitReached` (no schedule: nothing may be written).
public func solveDistrict(_ district: District, only: Set<String>? = nil, jobs: Int, options: PlanOptions,
                          solver: MIPSolver, buildDeadline: BuildDeadline,
                          progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws(TimeLimitReached) -> DistrictResult {
    try solveGroups(district, only: only, jobs: jobs, options: options, solver: solver, progress: progress) { d, g throws(TimeLimitReached) in
        try Instance(district: d, schools: g, deadline: buildDeadline)
    }
}

/// The groups solved in parallel, each instance made by `build`; the first error `build` throws
/// ends the run (groups not started are skipped).
func solveGroups<E: Error>(_ district: District, only: Set<String>?, jobs: Int, options: PlanOptions, solver: MIPSolver,
                           progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?,
                           build: @escaping @Sendable (District, [School]) throws(E) -> Instance) throws(E) -> DistrictResult {
    let clock = Clock()
    let groups = schoolGroups(district).filter { g in only.map { o in g.contains { o.contains($0.id) } } ?? true }
    let plans = Slots<GroupPlan>(groups.count)
    let failures = Slots<E>(groups.count)
    let failed = Flag()
    let started = Counter()
    let finished = Counter()
    progress?(0, groups.count)
    parallelForEach(groups.count, jobs: jobs) { i in
        guard !failed.isSet else { return }
        var o = options
        if let limit = options.timeLimit {
            let left = max(0.0, limit - clock.seconds)
            let waiting = groups.count - (started.take(below: groups.count) ?? groups.count - 1)
            o.timeLimit = min(left, left * Double(max(1, jobs)) / Double(max(1, waiting)))
            if left <= 0 { o.timeLimit = 0 }
        }
        // Pins first (the dean's), then lectures, then the lessons around both.
        let built: Instance
        do throws(E) { built = try build(district, groups[i]) } catch {
            failures[i] = error
            failed.set()
            return
        }
        let (pinned, kept) = built.withPins(groups[i])
        let (inst, lectures, missing) = pinned.withLectures(groups[i])
        var plan = Planner(solver: solver, options: o).plan(inst, name: groups[i].map(\.id).joined(separator: "+"))
        plan.pinned = kept
        plan.lectures = lectures
        plan.missingLectures = missing
        plans[i] = plan
        progress?((finished.take(below: groups.count) ?? 0) + 1, groups.count)
    }
    if let error = (0..<groups.count).lazy.compactMap({ failures[$0] }).first { throw error }
    let done = (0..<groups.count).compactMap { plans[$0] }
    return merged(district, groups: groups, plans: done, only: only, seconds: clock.seconds, jobs: jobs)
}

/// The groups' plans as one result: lessons (placed, lectures, kept pins) and shortfalls of the
/// schools asked for, the months table derived from the lessons.
private func merged(_ district: District, groups: [[School]], plans done: [GroupPlan], only: Set<String>?,
                    seconds: Double, jobs: Int) -> DistrictResult {
    var lessons = done.flatMap {
        $0.instance.lessons($0.placements) + $0.instance.lectureLessons($0.lectures, district: district) + $0.instance.pinnedLessons($0.pinned)
    }
    var shortfalls = done.flatMap { $0.shortfalls() }
    var solvedSchools = district
    solvedSchools.schools = groups.flatMap { $0 }.sorted { $0.id < $1.id }
    if let only {
        lessons = lessons.filter { only.contains($0.school) }
        shortfalls = shortfalls.filter { only.contains($0.school) }
        solvedSchools.schools = solvedSchools.schools.filter { only.contains($0.id) }
    }
    lessons.sort()
    let months = Verifier.monthsTable(solvedSchools, lessons)
    return DistrictResult(district: solvedSchools, plans: done, lessons: lessons, months: months,
                          shortfalls: shortfalls, seconds: seconds, jobs: jobs)
}

/// A flag set once by any thread (a group whose build stopped), read by all.
final class Flag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

/// Writes the monolithic term model of the whole pack — every school in one model, teachers free,
/// the named preferences, total shortfall at most `shortfall` — as free MPS, for other solvers.
/// Returns the model's objective scale (its objective is this multiple of the preference cost)
/// and its size.
public func writeMonolithicModel(_ district: District, shortfall: Int, solver: MIPSolver, to path: String) throws
    -> (scale: Double, columns: Int, rows: Int) {
    let inst = Instance(district: district, schools: district.schools).withPins(district.schools).0
    let tm = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                           shortfallWeight: 0, shortfallCap: Double(shortfall)), name: "term")
    try solver.writeMPS(tm.model, to: path)
    return (tm.objectiveScale, tm.model.variableCount, tm.model.constraintCount)
}
