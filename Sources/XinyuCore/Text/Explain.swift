import XinyuPack

/// A sentence in both languages of the tool's users.
public struct Text: Sendable, Hashable {
    public var en: String
    public var zh: String
    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }
}

/// A class-month whose minimum is not met, with the reasons in plain words.
public struct Shortfall: Sendable, Hashable {
    public var school: String
    public var classID: String
    public var month: String
    public var required: Int
    public var scheduled: Int
    public var reasons: [Text]
}

extension GroupPlan {
    /// Every class-month below its minimum, each explained from the pack's data.
    public func shortfalls() -> [Shortfall] {
        let inst = instance
        var count: [[Int]: Int] = [:]
        var teacherMonth: [[Int]: Int] = [:]
        for p in placements {
            let m = inst.days[inst.classes[p.classIndex].candidates[p.candidate].day].month
            count[[p.classIndex, m], default: 0] += 1
            teacherMonth[[p.teacher, m], default: 0] += 1
        }
        let cap = RhythmPlan.capacity(inst)
        let pools = inst.months.indices.map { monthPools(inst, month: $0, capacity: cap) }
        let perWeek = inst.policy.maxPerWeek
        var out: [Shortfall] = []
        for (ci, c) in inst.classes.enumerated() {
            for (mi, minimum) in c.minimum.enumerated() {
                guard let minimum, count[[ci, mi], default: 0] < minimum else { continue }
                let month = inst.months[mi]
                // A grade lecture of the month counts on both sides (it was taken out of the minimum).
                let lectures = c.lecturesInMonth.isEmpty ? 0 : c.lecturesInMonth[mi]
                let have = count[[ci, mi], default: 0] + lectures
                out.append(Shortfall(school: c.school, classID: c.id, month: month, required: minimum + lectures, scheduled: have,
                                     reasons: reasons(ci, mi, minimum + lectures, cap: cap, pools: pools[mi], perWeek: perWeek, teacherMonth: teacherMonth)))
            }
        }
        return out
    }

    private func reasons(_ ci: Int, _ mi: Int, _ minimum: Int, cap: [[Int]], pools: [Pool], perWeek: Int,
                         teacherMonth: [[Int]: Int]) -> [Text] {
        let inst = instance
        let c = inst.classes[ci]
        let month = inst.months[mi]
        let monthDays = inst.days.filter { $0.month == mi }
        var reasons: [Text] = []

        // The calendar: days and weeks of the month that can take a lesson.
        let weeks = Set(monthDays.map(\.isoWeek)).sorted()
        if monthDays.isEmpty {
            return [Text(en: "\(month) has no school day without exams: no lesson can be placed (minimum \(minimum)).",
                         zh: "\(month)没有非考试的上课日，无法安排心理课（要求\(minimum)节）。")]
        }
        if weeks.count * perWeek < minimum {
            let first = monthDays.first!.date.iso, last = monthDays.last!.date.iso
            return [Text(
                en: "\(month) has lesson days in only \(weeks.count) week(s) (\(first) – \(last), \(monthDays.count) school days without exams); at most \(perWeek) lesson(s) per class per week gives at most \(weeks.count * perWeek) of the \(minimum) required, whatever the staffing.",
                zh: "\(month)只有\(weeks.count)个教学周有可上课日（\(first)至\(last)，共\(monthDays.count)个非考试上课日）；每班每周至多\(perWeek)节，最多\(weeks.count * perWeek)节，达不到\(minimum)节，与师资无关。")]
        }
        let candsInMonth = c.candidates.filter { inst.days[$0.day].month == mi }
        if candsInMonth.isEmpty {
            return [Text(
                en: "class \(c.id) has no displaceable period (\(inst.policy.displaceable.keys.sorted().joined(separator: ", ")))\(inst.policy.useFreePeriods ? " or free period" : "") on the school days of \(month).",
                zh: "\(c.id)班在\(month)的上课日没有可替换的课时（\(inst.policy.displaceable.keys.sorted().joined(separator: "、"))）\(inst.policy.useFreePeriods ? "或空节" : "")。")]
        }
        let eligible = inst.teachers.indices.filter { inst.teachers[$0].stages.contains(c.stage) && inst.teachers[$0].schools.contains(c.school) }
        let staffed = candsInMonth.filter { !$0.options.isEmpty }
        if eligible.isEmpty {
            return [Text(en: "school \(c.school) has no psychology teacher (full or part) for stage \(c.stage.rawValue).",
                         zh: "学校\(c.school)没有\(c.stage.chinese)学段的心理教师（专职或兼职）。")]
        }
        let staffedWeeks = Set(staffed.map { inst.days[$0.day].isoWeek }).count
        if staffedWeeks * perWeek < minimum {
            let names = eligible.map { inst.teachers[$0].id }.joined(separator: ", ")
            reasons.append(Text(
                en: "in \(month) the displaceable periods of class \(c.id) meet a free psychology teacher (\(names)) in only \(staffedWeeks) week(s): the teachers are busy with their own timetable or unavailable at the others.",
                zh: "\(month)中\(c.id)班的可替换课时只在\(staffedWeeks)个周里与空闲的心理教师（\(names)）相遇；其余时间教师有课或不可用。"))
        }
        // Capacity of the teachers who could take this class (and every class they could take).
        if let pool = pools.first(where: { $0.classes.contains(ci) }), pool.demand > pool.supply {
            let detail = pool.teachers.map { t in
                "\(inst.teachers[t].id) \(cap[t][mi])\(inst.teachers[t].maxPerWeek.map { " (max \($0) a week)" } ?? "")"
            }.joined(separator: ", ")
            let detailZh = pool.teachers.map { t in
                "\(inst.teachers[t].id) \(cap[t][mi])节\(inst.teachers[t].maxPerWeek.map { "（每周至多\($0)节）" } ?? "")"
            }.joined(separator: "，")
            let schools = Array(Set(pool.classes.map { inst.classes[$0].school })).sorted()
            let stages = Array(Set(pool.classes.map { inst.classes[$0].stage })).sorted()
            let where_ = schools.joined(separator: "+")
            reasons.append(Text(
                en: "\(month): \(monthDays.count) school days; the \(pool.classes.count) classes of \(where_) (\(stages.map(\.rawValue).joined(separator: ", "))) that these psychology teachers share need \(pool.demand) lessons; the teachers can give at most \(pool.supply) (\(detail)).",
                zh: "\(month)：\(monthDays.count)个上课日，\(where_)中共用这些心理教师的\(pool.classes.count)个班（\(stages.map(\.chinese).joined(separator: "、"))）共需\(pool.demand)节；教师最多能上\(pool.supply)节（\(detailZh)）。"))
        }
        if reasons.isEmpty {
            let used = eligible.map { t in "\(inst.teachers[t].id) \(teacherMonth[[t, mi], default: 0])/\(cap[t][mi])" }.joined(separator: ", ")
            reasons.append(Text(
                en: "in \(month) the psychology teachers who can take class \(c.id) are used by other classes or are not free when its displaceable periods fall (lessons given / most possible: \(used))\(inst.policy.sameTeacher ? "; one teacher must keep each class all term (same_teacher)" : "").",
                zh: "\(month)能给\(c.id)班上课的心理教师已被其他班占用，或在该班可替换课时没有空（已上/最多：\(used)）\(inst.policy.sameTeacher ? "；且每班全学期须由同一位教师任教（same_teacher）" : "")。"))
        }
        return reasons
    }
}
