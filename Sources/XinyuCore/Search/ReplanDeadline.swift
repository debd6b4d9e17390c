import Foundation
import XinyuMIP
import XinyuVerify
import XinyuPack

// `xinyu replan --time-limit` covers building the instances too, as `xinyu solve` does
// (BuildDeadline): a re-plan of a 20,000-class school spent longer building than its limit.

/// `replanDistrict` whose instance builds stop at `buildDeadline`: when one stops, the groups not
/// yet started are skipped (those running end within their share of the time) and the re-plan
/// ends with `TimeLimitReached` (no schedule: nothing may be written).
public func replanDistrict(_ district: District, baseline: [Lesson], options: ReplanOptions, jobs: Int,
                           solver: MIPSolver, buildDeadline: BuildDeadline) throws(TimeLimitReached) -> ReplanResult {
    try replanGroups(district, baseline: baseline, options: options, jobs: jobs, solver: solver) { d, g throws(TimeLimitReached) in
        try Instance(district: d, schools: g, deadline: buildDeadline)
    }
}

/// The re-plan of every group, groups in parallel on `jobs` threads, each instance made by
/// `build`; the first error `build` throws ends the run.
func replanGroups<E: Error>(_ district: District, baseline: [Lesson], options: ReplanOptions, jobs: Int, solver: MIPSolver,
                            build: @escaping @Sendable (District, [School]) throws(E) -> Instance) throws(E) -> ReplanResult {
    let clock = Clock()
    let groups = schoolGroups(district)
    let plans = Slots<(GroupPlan, [Lesson])>(groups.count)
    let failures = Slots<E>(groups.count)
    let failed = Flag()
    parallelForEach(groups.count, jobs: jobs) { i in
        guard !failed.isSet else { return }
        let built: Instance
        do throws(E) { built = try build(district, groups[i]) } catch {
            failures[i] = error
            failed.set()
            return
        }
        // Pins stay whatever the date: the kept lessons are fixed, the published copies of them set aside.
        let (inst, kept) = built.withPins(groups[i])
        let keptKeys = Set(inst.pinnedLessons(kept).map(LessonKey.init))
        let mine = baseline.filter { l in groups[i].contains { $0.id == l.school } && !keptKeys.contains(LessonKey(l)) }
        var (plan, past) = replanGroup(inst, baseline: mine, options: options, solver: solver,
                                       name: groups[i].map(\.id).joined(separator: "+"))
        plan.pinned = kept
        plans[i] = (plan, past)
    }
    if let error = (0..<groups.count).lazy.compactMap({ failures[$0] }).first { throw error }
    let done = (0..<groups.count).compactMap { plans[$0] }
    let pastInvalid = done.flatMap { $0.1 }
    var lessons = done.flatMap { $0.0.instance.lessons($0.0.placements) + $0.0.instance.pinnedLessons($0.0.pinned) } + pastInvalid
    lessons.sort()
    let months = Verifier.monthsTable(district, lessons)
    let short = Set(months.filter { $0.scheduled < $0.required }.map { [$0.school, $0.classID, $0.month] })
    let result = DistrictResult(district: district, plans: done.map(\.0), lessons: lessons, months: months,
                                shortfalls: done.flatMap { $0.0.shortfalls() }.filter { short.contains([$0.school, $0.classID, $0.month]) },
                                seconds: clock.seconds, jobs: jobs)
    let changes = describeChanges(district, baseline: baseline.filter { $0.date >= options.from },
                                  now: lessons.filter { $0.date >= options.from })
    let unchanged = Set(baseline.filter { $0.date >= options.from }.map(LessonKey.init))
        .intersection(lessons.filter { $0.date >= options.from }.map(LessonKey.init)).count
    return ReplanResult(result: result, changes: changes, unchanged: unchanged, pastInvalid: pastInvalid)
}
