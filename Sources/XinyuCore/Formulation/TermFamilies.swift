import XinyuMIP
import XinyuPack

/// The hard constraint families of the term model, one function each.
extension TermModelBuilder {
    /// Monthly minimum: each class and month has its required lessons, or the shortfall says how many are missing.
    mutating func addMonthlyMinimum() {
        for ci in inst.classes.indices {
            for mi in inst.months.indices {
                guard let s = shortfall[ci][mi], let need = required[ci][mi] else { continue }
                m.addConstraint("min_c\(ci)_m\(mi)", ones(cols.byClassMonth[ci * cols.nM + mi] ?? []) + [(s, 1)],
                                lower: Double(need))
            }
        }
    }

    /// One lesson at a time: a class has at most one lesson at a (day, period), whoever teaches it.
    mutating func addClassOncePerSlot() { addLimitRows(.classSlot, "one_k") }

    /// Week cap: at most max_per_week lessons per class in an ISO week (fewer in short weeks).
    mutating func addClassWeekCap() { addLimitRows(.classWeek, "cw_") }

    /// One place per teacher and time: a teacher gives at most one lesson at a (day, period).
    mutating func addTeacherOnePlace() { addLimitRows(.teacherTime, "tt_") }

    /// Teacher day cap: at most their limit of lessons on a date.
    mutating func addTeacherDayCap() { addLimitRows(.teacherDay, "td_") }

    /// Teacher week cap: at most their limit of lessons in an ISO week.
    mutating func addTeacherWeekCap() { addLimitRows(.teacherWeek, "tw_") }

    /// A shared limit of `LessonRules` as rows: one `≤ capacity` row (named `prefix` + key) for
    /// each key whose columns could exceed it; the greedy start checks the same capacities.
    mutating func addLimitRows(_ limit: LessonRules.Limit, _ prefix: String) {
        for (key, xs) in cols.columns(limit).sorted(by: { $0.key < $1.key }) {
            if let cap = cols.rules.capacity(limit, key: key), xs.count > cap {
                m.addConstraint(prefix + "\(key)", ones(xs), upper: Double(cap))
            }
        }
    }

    /// Replaced rows: a teacher whose own displaceable row is in another class is free only if that row is replaced too.
    mutating func addReplacedRows() {
        for x in cols.xs {
            let cand = inst.classes[x.classIndex].candidates[x.candidate]
            for other in cand.options[x.option].requires {
                let there = cols.atSlot[cols.slotKey(other, cand.day, cand.period)] ?? []
                m.addConstraint("req_\(x.column)_c\(other)", [(x.column, 1)] + there.map { ($0, -1.0) }, upper: 0)
            }
        }
    }

    /// Same teacher: one teacher keeps a class all term (only when the model chooses teachers).
    mutating func addSameTeacher() {
        guard cols.rules.sameTeacher && spec.fixedTeacher == nil else { return }
        let nT = cols.nT, nW = max(1, cols.nW)
        for x in cols.xs where helpers.teacherOfClass[x.classIndex * nT + x.teacher] == nil {
            helpers.teacherOfClass[x.classIndex * nT + x.teacher] = m.addBinary("z_c\(x.classIndex)_t\(x.teacher)")
        }
        for ci in inst.classes.indices {
            let zs = (0..<nT).compactMap { helpers.teacherOfClass[ci * nT + $0] }
            if zs.count > 1 { m.addConstraint("zc_\(ci)", ones(zs), upper: 1) }
        }
        for (key, xs) in cols.byClassTeacherWeek.sorted(by: { $0.key < $1.key }) {
            // Every (class, teacher) key here has an x column, so its z exists.
            guard let z = helpers.teacherOfClass[key / nW] else { continue }
            m.addConstraint("zl_\(key)", ones(xs) + [(z, -Double(min(inst.policy.maxPerWeek, xs.count)))], upper: 0)
        }
    }

    /// Re-planning: keep at least this much of the published schedule.
    mutating func addKeepFloor() {
        guard let floor = spec.gainFloor else { return }
        let terms = cols.xs.compactMap { x -> (Int, Double)? in
            let g = spec.gain[Placement(classIndex: x.classIndex, candidate: x.candidate, teacher: x.teacher)] ?? 0
            return g == 0 ? nil : (x.column, g)
        }
        if !terms.isEmpty { m.addConstraint("keep", terms, lower: floor - 1e-6) }
    }

    /// Shortfall cap: keeps the first stage's total while preferences are optimised.
    mutating func addShortfallCap() {
        guard let cap = spec.shortfallCap else { return }
        let all = shortfall.flatMap { $0.compactMap { $0 } }
        guard !all.isEmpty else { return }
        helpers.shortfallCapRow = m.constraintCount
        m.addConstraint("shortcap", ones(all), upper: cap + 1e-6)
    }
}
