// Psychology (心理健康教育) staffing of each stage of a school, decided before the timetable:
// 纲要 2012 asks for at least one full-time (专职) teacher per stage plus part-time (兼职) teachers by
// student numbers; about 15% of the district's schools fall short. Drawn the same way whether or
// not the district is `tight`; `tight` only scales the result down (see `PsychLimits`).

import XinyuPack

/// How a stage of a school falls short of the staffing norm, if it does.
enum Understaffing: Equatable {
    /// No full-time teacher; part-time teachers as usual.
    case noFullTime
    /// A single part-time teacher and nothing else.
    case singlePartTime
}

struct StagePsychPlan {
    var stage: Stage
    /// Full-time teachers of this school's own (1; 2 for a stage of more than 1,500 students).
    var fullTime: Int
    /// Part-time teachers: about one per `students_per_parttime` (600) students, at least one.
    var partTime: Int
    /// Classes (0, or 2–4) whose 校本课程 the first full-time teacher teaches: their few timetable rows.
    var schoolCourseClasses: Int
    var understaffed: Understaffing?
    /// The school (index) whose full-time teacher also serves this stage (巡回, shared), if any.
    var sharedFrom: Int?

    static func plans(for layout: SchoolLayout, understaffed: Bool, rng: inout SplitMix64) -> [StagePsychPlan] {
        // Which stage is short and how (drawn for every school, so streams do not shift).
        let shortStage = rng.pick(layout.stages)
        let shortKind: Understaffing = rng.chance(60) ? .noFullTime : .singlePartTime
        return layout.stages.map { stage in
            let students = layout.students(of: stage)
            var plan = StagePsychPlan(
                stage: stage,
                fullTime: students > 1500 ? 2 : 1,
                partTime: max(1, (students + PolicyDefaults.studentsPerParttime / 2) / PolicyDefaults.studentsPerParttime),
                schoolCourseClasses: 0, understaffed: nil, sharedFrom: nil)
            let teachesCourse = rng.chance(35)
            let courseClasses = rng.int(2...4)
            if understaffed && stage == shortStage {
                plan.understaffed = shortKind
                plan.fullTime = 0
                if shortKind == .singlePartTime { plan.partTime = 1 }
            } else if teachesCourse {
                plan.schoolCourseClasses = min(courseClasses, layout.classCount(of: stage))
            }
            return plan
        }
    }
}

/// Mental-health lesson limits (teachers.csv max_per_day/max_per_week), drawn once per teacher and
/// roughly halved in a tight district.
struct PsychLimits {
    var perDay: Int
    var perWeek: Int

    /// Full-time: 12–16 a week, 3–4 a day; tight: 6–8 a week, 2 a day.
    static func fullTime(rng: inout SplitMix64, tight: Bool) -> PsychLimits {
        let week = rng.int(12...16), perDay = rng.int(3...4)
        return tight ? PsychLimits(perDay: 2, perWeek: (week + 1) / 2) : PsychLimits(perDay: perDay, perWeek: week)
    }

    /// Part-time: 2–4 a week, 1–2 a day; tight: 1–2 a week, 1 a day.
    static func partTime(rng: inout SplitMix64, tight: Bool) -> PsychLimits {
        let week = rng.int(2...4), perDay = rng.int(1...2)
        return tight ? PsychLimits(perDay: 1, perWeek: week / 2) : PsychLimits(perDay: perDay, perWeek: week)
    }
}
