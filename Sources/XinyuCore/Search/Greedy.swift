import XinyuPack

/// Keeps the hard rules of an instance while placements are added one at a time: a quick
/// repair of a planned pattern into a feasible schedule, used as the MIP's first incumbent.
struct PlacementState {
    let inst: Instance
    private(set) var placed: [Placement] = []
    private var classAt = Set<[Int]>()        // class, day, period
    private var teacherAt = Set<[Int]>()      // teacher, day, period
    private var classWeek: [[Int]: Int] = [:]
    private var teacherDay: [[Int]: Int] = [:]
    private var teacherWeek: [[Int]: Int] = [:]
    private(set) var classMonth: [[Int]: Int] = [:]
    private var teacherOf: [Int: Int] = [:]

    init(_ inst: Instance) { self.inst = inst }

    /// Whether placing `p` keeps every hard rule (coupled rows are not used: options that need
    /// another class's row replaced are left to the MIP).
    func allows(_ p: Placement) -> Bool {
        let cand = inst.classes[p.classIndex].candidates[p.candidate]
        guard let o = cand.options.first(where: { $0.teacher == p.teacher }), o.requires.isEmpty else { return false }
        let day = inst.days[cand.day]
        if classAt.contains([p.classIndex, cand.day, cand.period]) { return false }
        if teacherAt.contains([p.teacher, cand.day, cand.period]) { return false }
        if classWeek[[p.classIndex, day.isoWeek], default: 0] >= inst.classWeekCap(p.classIndex, day.isoWeek) { return false }
        if let lim = inst.teacherDayCap(p.teacher, cand.day), teacherDay[[p.teacher, cand.day], default: 0] >= lim { return false }
        if let lim = inst.teacherWeekCap(p.teacher, day.isoWeek), teacherWeek[[p.teacher, day.isoWeek], default: 0] >= lim { return false }
        if inst.policy.sameTeacher, let other = teacherOf[p.classIndex], other != p.teacher { return false }
        return true
    }

    mutating func place(_ p: Placement) {
        let cand = inst.classes[p.classIndex].candidates[p.candidate]
        let day = inst.days[cand.day]
        placed.append(p)
        classAt.insert([p.classIndex, cand.day, cand.period])
        teacherAt.insert([p.teacher, cand.day, cand.period])
        classWeek[[p.classIndex, day.isoWeek], default: 0] += 1
        teacherDay[[p.teacher, cand.day], default: 0] += 1
        teacherWeek[[p.teacher, day.isoWeek], default: 0] += 1
        classMonth[[p.classIndex, day.month], default: 0] += 1
        teacherOf[p.classIndex] = p.teacher
    }

    func count(classIndex: Int, month: Int) -> Int { classMonth[[classIndex, month], default: 0] }
}

extension Instance {
    /// Repairs `planned` into a feasible schedule: keeps what fits, in order, then fills each
    /// short class-month with the cheapest free slots of the class's teacher (or any teacher).
    func greedySchedule(planned: [Placement], teacherOf: [Int?]) -> [Placement] {
        var state = PlacementState(self)
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
