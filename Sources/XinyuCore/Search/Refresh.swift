import XinyuMIP
import XinyuPack
import XinyuVerify

/// `xinyu refresh`: the files derived from schedule.csv, rebuilt from a hand-edited schedule
/// without solving the lessons again. The lessons are taken as they are; each group of schools
/// gets a plan made of them (pins and lectures applied as in `solveDistrict`, every other lesson
/// mapped to its slot in the instance), so report.md explains shortfalls and preference costs as
/// for a solved schedule, and lessons.csv and the duty files are planned on these lessons.
public enum Refresh {
    /// The district result of a given schedule (which should keep every hard rule: check it
    /// first). Lessons that map to no slot of the instance still count in the files; they are
    /// only missing from the report's preference costs.
    public static func result(_ district: District, lessons: [Lesson]) -> DistrictResult {
        let lessons = lessons.sorted()
        let groups = schoolGroups(district)
        var plans: [GroupPlan] = []
        for group in groups {
            let ids = Set(group.map(\.id))
            plans.append(plan(district, group, lessons.filter { ids.contains($0.school) }))
        }
        let months = Verifier.monthsTable(district, lessons)
        let short = Set(months.filter { $0.scheduled < $0.required }.map { [$0.school, $0.classID, $0.month] })
        return DistrictResult(district: district, plans: plans, lessons: lessons, months: months,
                              shortfalls: plans.flatMap { $0.shortfalls() }.filter { short.contains([$0.school, $0.classID, $0.month]) },
                              seconds: 0, jobs: 1)
    }

    /// One group's plan made of its given lessons.
    static func plan(_ district: District, _ group: [School], _ lessons: [Lesson]) -> GroupPlan {
        let (pinned, kept) = Instance(district: district, schools: group).withPins(group)
        var inst = pinned
        let keptKeys = Set(inst.pinnedLessons(kept).map(Verifier.lectureKey))
        let dayIndex = Dictionary(uniqueKeysWithValues: inst.days.enumerated().map { ($1.date, $0) })
        let teacherIndex = Dictionary(inst.teachers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Grade lectures: one per (school, date, period, teacher) of the rows marked lecture.
        var lectures: [GradeLecture] = []
        var byKey: [String: [Lesson]] = [:]
        for l in lessons where l.lecture { byKey[Verifier.lectureKey(l), default: []].append(l) }
        for (_, ls) in byKey.sorted(by: { $0.key < $1.key }) {
            let cs = ls.compactMap { inst.classIndex(school: $0.school, id: $0.classID) }
            guard let d = dayIndex[ls[0].date], let t = teacherIndex[ls[0].teacher], !cs.isEmpty else { continue }
            let lecture = GradeLecture(school: ls[0].school, grade: inst.classes[cs[0]].grade, classes: cs, day: d,
                                       period: ls[0].period, teacher: t)
            inst.apply(lecture)
            lectures.append(lecture)
        }
        // The other lessons: their candidate slot and teacher.
        var placements: [Placement] = []
        for l in lessons where !l.lecture && !keptKeys.contains(Verifier.lectureKey(l)) {
            guard let ci = inst.classIndex(school: l.school, id: l.classID), let d = dayIndex[l.date],
                  let t = teacherIndex[l.teacher],
                  let k = inst.classes[ci].candidates.firstIndex(where: { $0.day == d && $0.period == l.period }) else { continue }
            placements.append(Placement(classIndex: ci, candidate: k, teacher: t))
        }
        placements.sort()
        let short = inst.missing(placements)
        var plan = GroupPlan(instance: inst, placements: placements, shortfall: short,
                             shortfallBound: min(short, countingShortfallBound(inst).total), quality: .feasible,
                             objective: inst.score(placements).total, bound: nil,
                             boundNote: "hand-edited schedule (xinyu refresh): not solved again", stages: [], seconds: 0)
        plan.lectures = lectures
        plan.missingLectures = missingLectures(group, lectures)
        plan.pinned = kept
        return plan
    }

    /// Grades that ask for a lecture ([lectures]) and have none in the schedule.
    static func missingLectures(_ group: [School], _ lectures: [GradeLecture]) -> [MissingLecture] {
        var out: [MissingLecture] = []
        for s in group {
            for g in s.lectures?.grades ?? [] where !lectures.contains(where: { $0.school == s.id && $0.grade == g }) {
                out.append(MissingLecture(school: s.id, grade: g, reason: Text(
                    en: "the edited schedule has no lecture for grade \(g)", zh: "修改后的排课中没有\(g)年级的讲座")))
            }
        }
        return out
    }

    /// What `xinyu solve` writes, made from `lessons` by the solve job's own output step, with a
    /// report that says it was refreshed from a hand edit. Throws when the planned extras break a
    /// rule (an internal error).
    public static func outputs(_ district: District, lessons: [Lesson], solver: MIPSolver, packRoot: String,
                               timeLimit: Double?) throws(ScheduleRejection) -> SolveOutput {
        var out = try SolveJob.outputs(result(district, lessons: lessons), packRoot: packRoot, solver: solver,
                                       extrasTimeLimit: timeLimit)
        out.report += "\n## 手工调整 / Hand edits\n\n本报告由 `xinyu refresh` 根据手工修改后的 schedule.csv 重新生成，课程未重新求解。 This report was rebuilt by `xinyu refresh` from a hand-edited schedule.csv; the lessons were not solved again.\n"
        return out
    }
}
