import XinyuCore
import XinyuPack
import XinyuVerify

/// What `xinyu export` checks before it writes anything: the independent verifiers, as `xinyu
/// verify` runs them, on the schedule (and its lessons.csv and duty files when present). Months
/// short of their minimum are not a broken rule here: a schedule that `solve` wrote with exit 3
/// explains them, and the exports show them. months.csv is not checked either: the exports
/// recompute it from the lessons.
public enum ExportCheck {
    public static func violations(_ input: ExportInput, scheduleDirectory dir: String) throws(PackError) -> [Violation] {
        var lessons = input.lessons
        // A grade lecture is marked in lessons.csv (needed for a grade of one class).
        let marked = Set(input.details.filter(\.lesson.lecture).map { Verifier.lectureKey($0.lesson) + "\u{1}" + $0.lesson.classID })
        for i in lessons.indices where marked.contains(Verifier.lectureKey(lessons[i]) + "\u{1}" + lessons[i].classID) { lessons[i].lecture = true }
        var out = Verifier.check(input.district, lessons, allowShort: true)
        if !input.details.isEmpty {
            out += DetailsVerifier.check(input.district, lessons: lessons, details: input.details, allowShort: true)
        }
        if let shifts = try DutyFiles.read(directory: dir) {
            out += DutyVerifier.check(input.district, lessons: lessons, shifts: shifts, allowShort: true)
        }
        return out
    }

    /// The rule a violation names, in Chinese (the verifier's sentences are English): the list a
    /// dean reads is then bilingual, e.g. `[calendar 校历] S01 class 3-1 on 2026-10-01 …`.
    public static let ruleChinese: [String: String] = [
        "area-coverage": "主题领域", "calendar": "校历", "class": "班级", "class-clash": "班级冲突", "class-week": "班级每周上限",
        "details-rows": "lessons.csv 行", "displaceable": "可替换课程", "duty-busy": "值班冲突", "duty-cap": "值班上限",
        "duty-clash": "值班冲突", "duty-hours": "值班时数", "duty-limit": "值班上限", "duty-order": "值班顺序",
        "duty-parents": "家长时段", "duty-room": "咨询室", "duty-teacher": "值班教师", "duty-window": "值班时段",
        "form-lecture": "讲座形式", "form-room": "活动形式与场地", "form-variety": "形式多样", "free-period": "空节",
        "hall": "礼堂", "lecture": "专题讲座", "lecture-missing": "缺专题讲座", "lecture-simultaneity": "讲座同时",
        "month-minimum": "每月最低课时", "months-table": "months.csv", "order": "行序", "period": "节次", "room": "场地",
        "room-clash": "场地冲突", "room-share": "活动室比例", "same-teacher": "同一教师", "school": "学校", "teacher": "教师",
        "teacher-busy": "教师有课", "teacher-clash": "教师冲突", "teacher-day": "教师每日上限", "teacher-week": "教师每周上限",
        "topic": "主题", "training": "培训日", "unavailable": "教师不可用",
    ]

    /// `[rule 规则] message`.
    public static func line(_ v: Violation) -> String {
        "[\(v.rule)\(ruleChinese[v.rule].map { " " + $0 } ?? "")] \(v.message)"
    }
}
