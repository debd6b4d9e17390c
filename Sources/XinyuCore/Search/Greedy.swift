import XinyuPack

/// Keeps the hard rules of an instance while placements are added one at a time: a quick
/// repair of a planned pattern into a feasible schedule, used as the MIP's first incumbent.
/// The rules are `LessonRules`' (the term model's rows state the same limits) and the lessons
/// those a model's `LessonScope` admits.
struct PlacementState {
    let inst: Instance
    let rules: LessonRules
    let scope: LessonScope
    private(set) var placed: [Placement] = []
    /// Lessons using each key of each limit, by `LessonRules.Limit.rawValue`.
    private var used: [[Int: Int]] = LessonRules.Limit.allCases.map { _ in [:] }
    private(set) var classMonth: [[Int]: Int] = [:]
    private var teacherOf: [Int: Int] = [:]

    init(_ inst: Instance, scope: LessonScope = LessonScope()) {
        self.inst = inst
        rules = LessonRules(inst)
        self.scope = scope
    }

    /// Whether placing `p` keeps every hard rule (coupled rows are not used: options that need
    /// another class's row replaced are left to the MIP).
    func allows(_ p: Placement) -> Bool {
        guard let o = rules.option(p, in: scope), o.requires.isEmpty else { return false }
        for (limit, key) in zip(LessonRules.Limit.allCases, rules.keys(p)) {
            if let cap = rules.capacity(limit, key: key), used[limit.rawValue][key, default: 0] >= cap { return false }
        }
        if rules.sameTeacher, let other = teacherOf[p.classIndex], other != p.teacher { return false }
        return true
    }

    mutating func place(_ p: Placement) {
        let cand = inst.classes[p.classIndex].candidates[p.candidate]
        placed.append(p)
        for (limit, key) in zip(LessonRules.Limit.allCases, rules.keys(p)) { used[limit.rawValue][key, default: 0] += 1 }
        classMonth[[p.classIndex, inst.days[cand.day].month], default: 0] += 1
        teacherOf[p.classIndex] = p.teacher
    }

    func count(classIndex: Int, month: Int) -> Int { classMonth[[classIndex, month], default: 0] }
}

extension Instance {
    /// Repairs `planned` into a feasible schedule: keeps what fits, in order, then fills each
    /// short class-month with the cheapest free slots of the class's teacher (or any teacher).
    /// Only lessons `scope` admits are placed (the scope of the model it starts).
    func greedySchedule(planned: [Placement], teacherOf: [Int?], scope: LessonScope = LessonScope()) -> [Placement] {
        var state = PlacementState(self, scope: scope)
        for p in planned where state.allows(p) { state.place(p) }
        for (ci, c) in classes.enumerated() {
            for mi in months.indices {
                guard let minimum = c.minimum[mi] else { continue }
                var need = minimum - state.count(classIndex: ci, month: mi)
                guard need > 0 else { continue }
                let ordered = c.candidates.indices
                    .filter { days[c.candidates[$0].day].month == mi }
                    .sorted { (c.candidates[$0].cost, $0) < (c.candidates[$1].cost, $1) }
                for k in ordered where need > 0 {
                    let teachers = teacherOf[ci].map { [$0] } ?? c.candidates[k].options.map(\.teacher)
                    for t in teachers {
                        let p = Placement(classIndex: ci, candidate: k, teacher: t)
                        if state.allows(p) { state.place(p); need -= 1; break }
                    }
                }
            }
        }
        return state.placed.sorted()
    }
}
