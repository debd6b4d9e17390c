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
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
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
/// what remains when it starts.
public func solveDistrict(_ district: District, only: Set<String>? = nil, jobs: Int, options: PlanOptions,
                          solver: MIPSolver) -> DistrictResult {
    let clock = Clock()
    let groups = schoolGroups(district).filter { g in only.map { o in g.contains { o.contains($0.id) } } ?? true }
    let plans = Slots<GroupPlan>(groups.count)
    let started = Counter()
    parallelForEach(groups.count, jobs: jobs) { i in
        var o = options
        if let limit = options.timeLimit {
            let left = max(0.0, limit - clock.seconds)
            let waiting = groups.count - (started.take(below: groups.count) ?? groups.count - 1)
            o.timeLimit = min(left, left * Double(max(1, jobs)) / Double(max(1, waiting)))
            if left <= 0 { o.timeLimit = 0 }
        }
        let (inst, lectures, missing) = Instance(district: district, schools: groups[i]).withLectures(groups[i])
        var plan = Planner(solver: solver, options: o).plan(inst, name: groups[i].map(\.id).joined(separator: "+"))
        plan.lectures = lectures
        plan.missingLectures = missing
        plans[i] = plan
    }
    let done = (0..<groups.count).map { plans[$0]! }
    var lessons = done.flatMap { $0.instance.lessons($0.placements) + $0.instance.lectureLessons($0.lectures, district: district) }
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
                          shortfalls: shortfalls, seconds: clock.seconds, jobs: jobs)
}

/// Writes the monolithic term model of the whole pack — every school in one model, teachers free,
/// the named preferences, total shortfall at most `shortfall` — as free MPS, for other solvers.
/// Returns the model's objective scale (its objective is this multiple of the preference cost)
/// and its size.
public func writeMonolithicModel(_ district: District, shortfall: Int, solver: MIPSolver, to path: String) throws
    -> (scale: Double, columns: Int, rows: Int) {
    let inst = Instance(district: district, schools: district.schools)
    let tm = TermModel(inst, TermModelSpec(fixedTeacher: nil, preferences: true, preferredSlot: nil,
                                           shortfallWeight: 0, shortfallCap: Double(shortfall)), name: "term")
    try solver.writeMPS(tm.model, to: path)
    return (tm.objectiveScale, tm.model.variableCount, tm.model.constraintCount)
}
