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
    mutating func addClassOncePerSlot() {
        for (key, xs) in cols.atSlot.sorted(by: { $0.key < $1.key }) where xs.count > 1 {
            m.addConstraint("one_k\(key)", ones(xs), upper: 1)
        }
    }

    /// Week cap: at most max_per_week lessons per class in an ISO week (fewer in short weeks).
    mutating func addClassWeekCap() {
        let nW = max(1, cols.nW)
        for (key, xs) in cols.byClassWeek.sorted(by: { $0.key < $1.key }) {
            let cap = inst.classWeekCap(key / nW, key % nW)
            if xs.count > cap { m.addConstraint("cw_\(key)", ones(xs), upper: Double(cap)) }
        }
    }

    /// One place per teacher and time: a teacher gives at most one lesson at a (day, period).
    mutating func addTeacherOnePlace() {
        for (key, xs) in cols.byTeacherTime.sorted(by: { $0.key < $1.key }) where xs.count > 1 {
            m.addConstraint("tt_\(key)", ones(xs), upper: 1)
        }
    }

    /// Teacher day cap: at most their limit of lessons on a date.
    mutating func addTeacherDayCap() {
        let nD = max(1, cols.nD)
        for (key, xs) in cols.byTeacherDay.sorted(by: { $0.key < $1.key }) {
            if let lim = inst.teacherDayCap(key / nD, key % nD), xs.count > lim {
                m.addConstraint("td_\(key)", ones(xs), upper: Double(lim))
            }
        }
    }

    /// Teacher week cap: at most their limit of lessons in an ISO week.
    mutating func addTeacherWeekCap() {
        let nW = max(1, cols.nW)
        for (key, xs) in cols.byTeacherWeek.sorted(by: { $0.key < $1.key }) {
            if let lim = inst.teacherWeekCap(key / nW, key % nW), xs.count > lim {
                m.addConstraint("tw_\(key)", ones(xs), upper: Double(lim))
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
        guard inst.policy.sameTeacher && spec.fixedTeacher == nil else { return }
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
        if !all.isEmpty { m.addConstraint("shortcap", ones(all), upper: cap + 1e-6) }
    }
}
