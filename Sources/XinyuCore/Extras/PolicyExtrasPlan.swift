import XinyuMIP
import XinyuPack
import XinyuVerify

/// A psychology teacher's training days in the term (calendar kind `training`, and
/// unavailable.csv rows with `kind` = `training`).
public struct TrainingDays: Sendable, Hashable {
    public var school: String
    public var teacher: String
    public var name: String
    public var dates: [CivilDate]
}

/// Everything the policy asks beyond the monthly lessons, planned after them: room, topic and
/// form of each lesson, counseling-room duty, and the training days counted.
public struct PolicyExtras: Sendable {
    public var details: LessonDetailsPlan
    public var duty: DutyPlan?
    public var training: [TrainingDays]
    public var missingLectures: [MissingLecture]
    /// Whether some extra requirement is not met (each is explained in the report). A class with
    /// fewer than five lessons cannot cover the five areas: that follows from its lessons and is
    /// reported, not counted here.
    public var unmet: Bool {
        !details.roomShorts.isEmpty || !missingLectures.isEmpty || !(duty?.shortWeeks.isEmpty ?? true)
    }
}

/// Training days of every psychology teacher, by school and teacher.
public func trainingDays(_ district: District) -> [TrainingDays] {
    let calendarDays = district.calendar.filter { $0.kind == .training && $0.date >= district.termStart && $0.date <= district.termEnd }
    var out: [TrainingDays] = []
    for s in district.schools {
        for t in s.teachers where t.psych.teaches {
            var dates = Set(calendarDays.filter { TermCalendar.schoolDay(district, s, $0.date) != nil }.map(\.date))
            for u in s.unavailable where u.teacher == t.id && u.training {
                if case .date(let d) = u.when { dates.insert(d) }
            }
            if !dates.isEmpty { out.append(TrainingDays(school: s.id, teacher: t.id, name: t.name, dates: dates.sorted())) }
        }
    }
    return out
}

/// Plans the extras for a solved district (see `planLessonDetails` and `planDuty`).
public func planPolicyExtras(_ result: DistrictResult, solver: MIPSolver, timeLimit: Double?) -> PolicyExtras {
    let district = result.district
    let details = planLessonDetails(district, lessons: result.lessons, solver: solver, timeLimit: timeLimit.map { $0 / 2 })
    let needsDuty = district.schools.contains { !($0.counselingRoom?.windows.isEmpty ?? true) }
    let duty = needsDuty ? planDuty(district, lessons: result.lessons, solver: solver, timeLimit: timeLimit.map { $0 / 2 }) : nil
    return PolicyExtras(details: details, duty: duty, training: trainingDays(district),
                        missingLectures: result.plans.flatMap(\.missingLectures))
}

/// Every rule of the extras a written result breaks (lessons.csv and duty.csv re-checked).
public func checkPolicyExtras(_ district: District, lessons: [Lesson], extras: PolicyExtras) -> [Violation] {
    var out = DetailsVerifier.check(district, lessons: lessons, details: extras.details.details, allowShort: true)
    if let duty = extras.duty { out += DutyVerifier.check(district, lessons: lessons, shifts: duty.shifts, allowShort: true) }
    return out
}

/// The report's sections on lectures, rooms, topics and forms, duty and training (zh / en).
public func policyReportMarkdown(_ district: District, lectures: [Lesson], extras: PolicyExtras) -> String {
    var out: [String] = []
    let hasLectures = district.schools.contains { $0.lectures != nil }
    if hasLectures {
        out += ["## 年级专题讲座 / Grade lectures", ""]
        let groups = Dictionary(grouping: lectures) { Verifier.lectureKey($0) }
        if !groups.isEmpty {
            out += ["| school | grade | date | period | teacher | classes |", "|---|---:|---|---:|---|---|"]
            for key in groups.keys.sorted() {
                let ls = groups[key]!.sorted()
                let l = ls[0]
                let grade = district.school(l.school)?.classes.first { $0.id == l.classID }?.grade ?? 0
                out.append("| \(l.school) | \(grade) | \(l.date.iso) | \(l.period) | \(l.teacher) | \(ls.map(\.classID).joined(separator: ", ")) |")
            }
            out.append("")
        }
        for m in extras.missingLectures {
            out.append("- **\(m.school) \(m.grade)年级 / grade \(m.grade): 无讲座 / no lecture** — \(m.reason.zh) / \(m.reason.en)")
        }
        if !extras.missingLectures.isEmpty { out.append("") }
    }
    let details = extras.details.details
    if !details.isEmpty {
        out += ["## 课题与形式 / Topics and forms", ""]
        let rooms = details.filter { $0.room == .activity }.count
        out.append("- 团体活动室 / activity room: \(rooms) 节 lessons; 礼堂 / hall (lectures): \(details.filter { $0.room == .hall }.count)")
        var byArea: [String: Int] = [:], byForm: [String: Int] = [:]
        for d in details { byArea[d.area, default: 0] += 1; byForm[d.form.rawValue, default: 0] += 1 }
        out.append("- 领域 / areas: " + TopicPlan.areas.map { "\($0) (\(TopicPlan.areaEnglish[$0]!)) \(byArea[$0] ?? 0)" }.joined(separator: ", "))
        out.append("- 形式 / forms: " + LessonForm.allCases.map { "\($0.rawValue) (\($0.english)) \(byForm[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        out.append("- 活动室分配 / room assignment: \(extras.details.optimal ? "fewest missing room lessons proven (GLPK) / 已证明最优" : "not proven optimal (time limit) / 未证明最优")")
        for s in extras.details.roomShorts {
            out.append("- **\(s.school) \(s.classID): 活动室 \(s.given)/\(s.required)** — \(s.reason.zh) / \(s.reason.en)")
        }
        for s in extras.details.areaShorts {
            out.append("- **\(s.school) \(s.classID): 领域未覆盖 / areas not covered** — \(s.reason.zh) / \(s.reason.en)")
        }
        out.append("")
    }
    if let duty = extras.duty {
        out += ["## 心理咨询室值班 / Counseling-room duty", ""]
        out += ["| school | teacher | shifts | hours | parent-friendly |", "|---|---|---:|---:|---:|"]
        var perTeacher: [String: (n: Int, minutes: Int, parents: Int)] = [:]
        for s in duty.shifts {
            let k = s.school + "\u{1}" + s.teacher
            let v = perTeacher[k] ?? (0, 0, 0)
            perTeacher[k] = (v.n + 1, v.minutes + s.end - s.start, v.parents + (s.audience.forParents ? 1 : 0))
        }
        for k in perTeacher.keys.sorted() {
            let parts = k.split(separator: "\u{1}").map(String.init)
            let v = perTeacher[k]!
            out.append("| \(parts[0]) | \(parts[1]) | \(v.n) | \(fmt(Double(v.minutes) / 60)) | \(v.parents) |")
        }
        out.append("")
        if duty.shortWeeks.isEmpty {
            out.append("每个教学周都达到开放时长与家长时段要求。 Every teaching week meets the opening hours and parent slots.\(duty.optimal ? "" : " (not proven optimal / 未证明最优)")")
        } else {
            out.append("以下周未达到要求 / These weeks fall short:")
            for w in duty.shortWeeks {
                out.append("- **\(w.school) \(w.week.iso)**: \(fmt(Double(w.openMinutes) / 60))/\(fmt(Double(w.requiredMinutes) / 60)) h, parents \(w.parentSlots)/\(w.requiredParentSlots) — \(w.reason.zh) / \(w.reason.en)")
            }
        }
        out.append("")
    }
    if !extras.training.isEmpty {
        out += ["## 教师培训 / Teacher training", ""]
        out += ["| school | teacher | name | training days | dates |", "|---|---|---|---:|---|"]
        for t in extras.training {
            out.append("| \(t.school) | \(t.teacher) | \(t.name) | \(t.dates.count) | \(t.dates.map(\.iso).joined(separator: ", ")) |")
        }
        out.append("")
    }
    return out.joined(separator: "\n") + (out.isEmpty ? "" : "\n")
}
