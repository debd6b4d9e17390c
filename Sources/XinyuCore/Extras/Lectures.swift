import XinyuPack

/// A grade lecture (专题讲座): every class of one grade of a school at once, in the hall, by one
/// psychology teacher. It counts toward each class's month, uses up one of each class's lessons
/// of that week, and one lesson of the teacher's daily and weekly limits.
public struct GradeLecture: Sendable, Hashable {
    public var school: String
    public var grade: Int
    /// Class indices of the instance (every class of the grade).
    public var classes: [Int]
    public var day: Int
    public var period: Int
    public var teacher: Int
}

/// A grade that asks for a lecture and gets none, with the reason.
public struct MissingLecture: Sendable, Hashable {
    public var school: String
    public var grade: Int
    public var reason: Text
}

extension Instance {
    /// Chooses the lecture of each grade that asks for one (school.toml `[lectures]`), one grade
    /// after another in school and grade order, and returns the instance with the lectures taken
    /// out of the lesson problem.
    ///
    /// A lecture needs a (date, period) at which every class of the grade may have a lesson and
    /// one psychology teacher of the stage may teach all of them (their own displaced rows, if
    /// any, belong to classes of the grade), the school's hall is free and the limits allow it.
    /// Among those it takes the month where the grade's classes have the least room for their
    /// minimums (fewest teaching weeks against the minimum — the one-week January first), since
    /// one teacher period there serves every class of the grade; then the teacher with the fewest
    /// lectures that week; then the cheapest displacement; then the earliest date and period.
    public func withLectures(_ group: [School]) -> (Instance, [GradeLecture], [MissingLecture]) {
        var inst = self
        var lectures: [GradeLecture] = []
        var missing: [MissingLecture] = []
        for school in group {
            guard let plan = school.lectures else { continue }
            for grade in plan.grades {
                let cs = inst.classes.indices.filter { inst.classes[$0].school == school.id && inst.classes[$0].grade == grade }
                guard !cs.isEmpty else {
                    missing.append(MissingLecture(school: school.id, grade: grade, reason: Text(
                        en: "grade \(grade) has no class in classes.csv", zh: "classes.csv 中没有\(grade)年级的班级")))
                    continue
                }
                if let best = inst.bestLecture(school: school.id, grade: grade, classes: cs, taken: lectures) {
                    inst.apply(best)
                    lectures.append(best)
                } else {
                    missing.append(MissingLecture(school: school.id, grade: grade, reason: Text(
                        en: "no period is open for all \(cs.count) classes of grade \(grade) at once with a psychology teacher free (every such period is a non-displaceable subject for some class, or no teacher of the stage is free then)",
                        zh: "没有一节课能让\(grade)年级全部 \(cs.count) 个班同时上课且有心理教师空闲（总有班级该节为不可替换的课，或该学段心理教师没空）")))
                }
            }
        }
        return (inst, lectures, missing)
    }

    /// The best lecture time for `cs` (see `withLectures`), or nil when there is none.
    func bestLecture(school: String, grade: Int, classes cs: [Int], taken: [GradeLecture]) -> GradeLecture? {
        let members = Set(cs)
        // Per class: (day, period) → candidate index.
        let at: [[Int: Int]] = cs.map { ci in
            var map: [Int: Int] = [:]
            for (k, cand) in classes[ci].candidates.enumerated() { map[cand.day * 64 + cand.period] = k }
            return map
        }
        // The grade's room in each month: teaching weeks × max_per_week less the minimum (least first).
        var slack = [Int](repeating: Int.max, count: months.count)
        for mi in months.indices {
            var worst = Int.max
            for ci in cs {
                guard let minimum = classes[ci].minimum[mi] else { continue }
                var weeks = Set<Int>()
                for cand in classes[ci].candidates where days[cand.day].month == mi && !cand.options.isEmpty { weeks.insert(days[cand.day].isoWeek) }
                worst = min(worst, weeks.count * policy.maxPerWeek - minimum)
            }
            slack[mi] = worst
        }
        var best: (key: [Double], lecture: GradeLecture)?
        for (key, k0) in at[0].sorted(by: { $0.key < $1.key }) {
            let cand0 = classes[cs[0]].candidates[k0]
            let d = cand0.day, p = cand0.period
            let day = days[d]
            guard slack[day.month] != Int.max else { continue }
            // The hall holds one lecture at a time; the classes may still have a lesson that week.
            if taken.contains(where: { $0.school == school && $0.day == d && $0.period == p }) { continue }
            var ks: [Int] = []
            for (i, ci) in cs.enumerated() {
                guard let k = at[i][key] else { break }
                ks.append(k)
                if classWeekCap(ci, day.isoWeek) < 1 { ks = []; break }
            }
            guard ks.count == cs.count else { continue }
            let cost = zip(cs, ks).reduce(0.0) { $0 + classes[$1.0].candidates[$1.1].cost }
            for t in teachers.indices {
                // The teacher may teach every class then, any row they leave belongs to the grade.
                let ok = zip(cs, ks).allSatisfy { ci, k in
                    classes[ci].candidates[k].options.contains { $0.teacher == t && $0.requires.allSatisfy(members.contains) }
                }
                guard ok else { continue }
                if taken.contains(where: { $0.teacher == t && $0.day == d && $0.period == p }) { continue }
                if (teacherDayCap(t, d) ?? 1) < 1 || (teacherWeekCap(t, day.isoWeek) ?? 1) < 1 { continue }
                // Spread lectures over teachers: fewest lectures that week first.
                let rank = [Double(slack[day.month]), Double(teachers[t].lecturesInWeek[day.isoWeek] ?? 0), cost, Double(d), Double(p), Double(t)]
                if best == nil || rank.lexicographicallyPrecedes(best!.key) {
                    best = (rank, GradeLecture(school: school, grade: grade, classes: cs, day: d, period: p, teacher: t))
                }
            }
        }
        return best?.lecture
    }

    /// Takes a lecture out of the lesson problem: the classes' minimums and weekly room shrink by
    /// it, their slot at that time is gone, the teacher is busy then and has one lesson less of
    /// room that day and week. Options that needed one of the grade's rows replaced at that time
    /// by another teacher's lesson are dropped (the row is taken by the lecture).
    mutating func apply(_ l: GradeLecture) {
        let day = days[l.day]
        let members = Set(l.classes)
        for ci in l.classes {
            if let m = classes[ci].minimum[day.month] { classes[ci].minimum[day.month] = max(0, m - 1) }
            classes[ci].lecturesInMonth[day.month] += 1
            classes[ci].lecturesInWeek[day.isoWeek, default: 0] += 1
        }
        teachers[l.teacher].lecturesOnDay[l.day, default: 0] += 1
        teachers[l.teacher].lecturesInWeek[day.isoWeek, default: 0] += 1
        for ci in classes.indices {
            classes[ci].candidates = classes[ci].candidates.compactMap { cand in
                guard cand.day == l.day && cand.period == l.period else { return cand }
                if members.contains(ci) { return nil }
                var c = cand
                c.options = cand.options.filter { $0.teacher != l.teacher && !$0.requires.contains(where: members.contains) }
                return c
            }
        }
    }

    /// The schedule rows of the lectures (one per class, `lecture` set).
    public func lectureLessons(_ lectures: [GradeLecture], district: District) -> [Lesson] {
        var out: [Lesson] = []
        for l in lectures {
            let day = days[l.day]
            guard let school = district.school(l.school) else { continue }
            for ci in l.classes {
                let c = classes[ci]
                let row = school.timetable.first {
                    $0.classID == c.id && $0.weekday == day.timetableWeekday && $0.period == l.period && $0.weeks.applies(toWeek: day.teachingWeek)
                }
                let cost = row.map { policy.displaceable[$0.subject] ?? 0 } ?? policy.freePeriodCost
                var lesson = Lesson(school: c.school, classID: c.id, date: day.date, weekday: day.timetableWeekday, period: l.period,
                                    teacher: teachers[l.teacher].id, replaces: row?.subject ?? "", cost: cost)
                lesson.lecture = true
                out.append(lesson)
            }
        }
        return out.sorted()
    }
}
