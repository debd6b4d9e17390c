// XinyuGenerate: a realistic sample district (modelled on 吉林市昌邑区) for demos, tests and
// benchmarks, built as `XinyuPack` values only (writing a pack to disk is PackWriter's job).
//
// Deterministic: the same options give an identical `District` on every run and platform. All
// randomness comes from `SplitMix64` streams derived from the seed (one per school and purpose),
// and nothing that reaches the output depends on Dictionary or Set iteration order.

import XinyuPack

/// What to generate.
public struct GeneratorOptions: Sendable, Hashable {
    /// Number of schools (at least 1).
    public var schools: Int
    public var seed: UInt64
    public var term: TermPreset
    /// The variant where infeasibility must show: about half the psychology capacity (fewer
    /// part-time teachers, lower weekly and daily limits), `use_free_periods = false`, and no
    /// lowered minimum for the term's short month. Schools, classes and timetables are the same
    /// as without `tight` for the same seed.
    public var tight: Bool
    /// Forces school S01 to have about this many classes (stage by size: a primary school up to
    /// 36 classes, a nine-year school above), for benchmarks of single schools; the other schools,
    /// if any, are generated as usual.
    public var classesPerSchool: Int?
    /// Adds the policy extras to every school (bell times, counseling-room windows, an activity
    /// room, grade lectures for grades 4 and up) and a topic plan with titles to the district.
    /// The lessons problem is otherwise the same as without it for the same seed.
    public var policyExtras: Bool = false
    /// A province's mix of sizes (`SchoolLayout.province`): small rural schools and large urban
    /// ones beside the district's usual sizes. Off: the sample district's sizes, unchanged.
    public var province: Bool = false

    public init(schools: Int, seed: UInt64, term: TermPreset, tight: Bool = false, classesPerSchool: Int? = nil) {
        self.schools = schools
        self.seed = seed
        self.term = term
        self.tight = tight
        self.classesPerSchool = classesPerSchool
    }
}

public enum DistrictGenerator {
    /// The sample district's name.
    public static let districtName = "昌邑区（样例）"

    /// Builds a district of `options.schools` schools for `options.term`.
    public static func generate(_ options: GeneratorOptions) -> District {
        let n = max(1, options.schools)
        let seed = options.seed
        let term = TermInfo.of(options.term)

        // 1. School kinds and sizes.
        var mixRng = SplitMix64(seed: seed, Purpose.districtMix.rawValue)
        let kinds = SchoolKind.mix(count: n, rng: &mixRng)
        let layouts = (0..<n).map { i -> SchoolLayout in
            var rng = SplitMix64(seed: seed, UInt64(i), Purpose.layout.rawValue)
            if i == 0, let total = options.classesPerSchool { return SchoolLayout.forced(classes: total, rng: &rng) }
            if options.province {
                var tierRng = SplitMix64(seed: seed, UInt64(i), Purpose.provinceTier.rawValue)
                return SchoolLayout.province(kinds[i], tierRng: &tierRng, rng: &rng)
            }
            return SchoolLayout.random(kinds[i], rng: &rng)
        }

        // 2. Psychology staffing plans: about 15% of schools are short of staff in one stage.
        var shortRng = SplitMix64(seed: seed, Purpose.understaffing.rawValue)
        let shortSchools = Array(shortRng.shuffled(Array(0..<n)).prefix((n * 15 + 50) / 100))
        var plans = (0..<n).map { i -> [StagePsychPlan] in
            var rng = SplitMix64(seed: seed, UInt64(i), Purpose.psych.rawValue)
            return StagePsychPlan.plans(for: layouts[i], understaffed: shortSchools.contains(i), rng: &rng)
        }

        // 3. 巡回 teachers: a few pairs of small primary schools (≤ 18 primary classes, fully
        //    staffed) share one full-time teacher, who belongs to the lower-numbered school and is
        //    listed, identically, by both. About one pair per 12 schools, at least one if possible.
        var shareRng = SplitMix64(seed: seed, Purpose.sharing.rawValue)
        let eligible = shareRng.shuffled((0..<n).filter { i in
            guard (1...18).contains(layouts[i].classCount(of: .primary)),
                  let p = plans[i].first(where: { $0.stage == .primary }) else { return false }
            return p.understaffed == nil && p.fullTime == 1 && p.schoolCourseClasses == 0
        })
        var sharedPairs: [(home: Int, guest: Int)] = []
        for k in 0..<min(max(1, n / 12), eligible.count / 2) {
            let a = eligible[2 * k], b = eligible[2 * k + 1]
            sharedPairs.append((min(a, b), max(a, b)))
        }
        for pair in sharedPairs {
            let j = plans[pair.guest].firstIndex { $0.stage == .primary }!
            plans[pair.guest][j].fullTime = 0
            plans[pair.guest][j].sharedFrom = pair.home
        }

        // 4. Names and the schools themselves.
        let idWidth = max(2, String(n).count)
        var usedNames: Set<String> = []
        var built: [(school: School, shared: Teacher?)] = []
        for i in 0..<n {
            var nameRng = SplitMix64(seed: seed, UInt64(i), Purpose.names.rawValue)
            let name = Names.school(stages: layouts[i].stages, rng: &nameRng, used: &usedNames)
            let builder = SchoolBuilder(
                index: i, id: "S" + zeroPadded(i + 1, idWidth), name: name, layout: layouts[i],
                plans: plans[i], seed: seed, tight: options.tight, term: term,
                sharesPrimaryTeacher: sharedPairs.contains { $0.home == i })
            built.append(builder.build())
        }

        // 5. The shared teachers join their second school (same fields, same training days).
        for pair in sharedPairs {
            guard let teacher = built[pair.home].shared else { continue }
            var guest = built[pair.guest].school
            guest.teachers.append(teacher)
            guest.teachers.sort { $0.id < $1.id }
            guest.unavailable += built[pair.home].school.unavailable.filter { $0.teacher == teacher.id }
            // By teacher, keeping each teacher's own order (explicitly, not relying on sort stability).
            guest.unavailable = guest.unavailable.enumerated().sorted {
                $0.element.teacher != $1.element.teacher ? $0.element.teacher < $1.element.teacher : $0.offset < $1.offset
            }.map(\.element)
            built[pair.guest].school = guest
        }

        var district = District(name: districtName, termStart: term.start, termEnd: term.end,
                                policy: Policy.sample(term: term, tight: options.tight),
                                calendar: term.calendar, schools: built.map(\.school))
        if options.policyExtras { addPolicyExtras(&district) }
        return district
    }

    /// The policy extras of the sample (see `GeneratorOptions.policyExtras`).
    static func addPolicyExtras(_ district: inout District) {
        for i in district.schools.indices {
            var s = district.schools[i]
            s.periodTimes = bellTimes(periods: s.periodsPerDay)
            let lastEnd = SchoolFileTimes.end(of: s.periodTimes.last ?? "16:50-17:30")
            let afterStart = lastEnd + 10, afterEnd = lastEnd + 60
            s.counselingRoom = CounselingRoomPolicy(
                hoursPerWeek: 8, parentSlotsPerWeek: 1,
                windows: [DutyWindow(weekdays: [1, 2, 3, 4, 5], start: 12 * 60, end: 12 * 60 + 50),
                          DutyWindow(weekdays: [1, 2, 3, 4, 5], start: afterStart, end: afterEnd),
                          DutyWindow(weekdays: [3], start: afterEnd + 30, end: afterEnd + 90, audience: .all),
                          DutyWindow(weekdays: [6], start: 9 * 60, end: 11 * 60, audience: .parents)])
            s.activityRoom = ActivityRoomPolicy(rooms: s.classes.count > 30 ? 2 : 1, share: 0.34)
            let grades = Set(s.classes.map(\.grade)).filter { $0 >= 4 }.sorted()
            if !grades.isEmpty { s.lectures = LecturePolicy(grades: grades, area: "自我意识", title: "认识自我，悦纳自我") }
            district.schools[i] = s
        }
        func plan(_ items: [String]) -> [TopicPlan.Topic] { items.compactMap(TopicPlan.Topic.parse) }
        district.topics = TopicPlan(byStage: [
            .primary: plan(["学习:学习兴趣", "人际交往:我的好朋友", "情绪调适:认识情绪", "生活:生活自理", "自我意识:独特的我",
                            "学习:专注力训练", "人际交往:学会合作", "情绪调适:情绪小怪兽", "生活:安全自护", "自我意识:我能行"]),
            .junior: plan(["自我意识:青春期的我", "学习:学习方法", "人际交往:与父母沟通", "情绪调适:压力与应对", "生活:网络与生活",
                           "学习:考试心态", "人际交往:异性交往", "情绪调适:挫折应对", "自我意识:生涯初探", "生活:时间管理"]),
            .senior: plan(["自我意识:认识自我", "学习:学习动机", "情绪调适:压力管理", "人际交往:同伴关系", "生活:生涯规划",
                           "学习:高考心态", "情绪调适:情绪调节", "人际交往:沟通技巧", "自我意识:价值探索", "生活:健康生活"]),
        ])
    }

    /// A bell schedule: periods of 45 minutes from 08:00, 10-minute breaks, a 20-minute break after
    /// the 2nd period, lunch after the 4th (afternoon from 13:30).
    static func bellTimes(periods: Int) -> [String] {
        var out: [String] = []
        var t = 8 * 60
        for p in 1...max(1, periods) {
            if p == 5 { t = max(t, 13 * 60 + 30) }
            out.append(SchoolFileTimes.clock(t) + "-" + SchoolFileTimes.clock(t + 45))
            t += 45 + (p == 2 ? 20 : 10)
        }
        return out
    }
}

/// Zero-padded decimal: `zeroPadded(7, 2)` = "07".
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

/// HH:MM helpers for the sample's bell times.
enum SchoolFileTimes {
    static func clock(_ minutes: Int) -> String { zeroPadded(minutes / 60, 2) + ":" + zeroPadded(minutes % 60, 2) }
    /// "16:15-17:00" → minutes of 17:00.
    static func end(of range: String) -> Int {
        let parts = range.split(separator: "-").last?.split(separator: ":").compactMap { Int($0) } ?? [17, 0]
        return parts.count == 2 ? parts[0] * 60 + parts[1] : 17 * 60
    }
}
