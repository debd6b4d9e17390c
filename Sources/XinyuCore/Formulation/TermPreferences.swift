import XinyuMIP
import XinyuPack

/// The preference families of the term model (objective terms with their helper rows).
extension TermModelBuilder {
    /// Rhythm (model-chosen slot): on[c,k] counts a class's lessons in its one regular weekly slot u[c,s].
    mutating func addRhythm() {
        let w = inst.preferences
        guard spec.preferredSlot == nil && w.rhythm > 0 else { return }
        for (ci, c) in inst.classes.enumerated() {
            var slots: [WeeklySlot: Int] = [:]
            var slotOrder: [WeeklySlot] = []
            for cand in c.candidates {
                let s = WeeklySlot(inst.days[cand.day], cand.period)
                if slots[s] == nil { slots[s] = -1; slotOrder.append(s) }
            }
            guard !slotOrder.isEmpty else { continue }
            for s in slotOrder.sorted() { slots[s] = m.addBinary("u_c\(ci)_w\(s.weekday)_p\(s.period)_q\(s.parity)") }
            helpers.regularSlot[ci] = slots
            m.addConstraint("u1_c\(ci)", slotOrder.compactMap { slots[$0].map { ($0, 1.0) } }, upper: 1)
            for cand in c.candidates {
                let key = cols.slotKey(ci, cand.day, cand.period)
                guard let xs = cols.atSlot[key], !xs.isEmpty, let u = slots[WeeklySlot(inst.days[cand.day], cand.period)] else { continue }
                for col in xs { m.setObjective(col, m.variables[col].objective + cost(w.rhythm)) }
                let on = m.addVariable("on_c\(ci)_d\(cand.day)_p\(cand.period)", lower: 0, upper: 1,
                                       kind: .integer, objective: -cost(w.rhythm))
                helpers.onRegularSlot[key] = on
                m.addConstraint("onu_\(on)", [(on, 1), (u, -1)], upper: 0)
                m.addConstraint("onx_\(on)", [(on, 1)] + xs.map { ($0, -1.0) }, upper: 0)
            }
        }
    }

    /// Spread: in any 7 consecutive days, each lesson of a class beyond the first costs (per window).
    mutating func addSpread() {
        let w = inst.preferences
        guard w.spread > 0 else { return }
        for ci in inst.classes.indices {
            let colsOnDay = lessonColumnsByDay(ci)
            for (set, count) in sevenDayWindows(colsOnDay.keys.sorted()) {
                let v = m.addVariable("v_c\(ci)_d\(set[0])_n\(set.count)", lower: 0, upper: Double(set.count),
                                      kind: .integer, objective: cost(w.spread * Double(count)))
                addExcessRow("sp_\(v)", ones(set.flatMap { colsOnDay[$0] ?? [] }), excess: v, upper: 1)
            }
        }
    }

    /// The x columns of class `ci`, by day index.
    private func lessonColumnsByDay(_ ci: Int) -> [Int: [Int]] {
        var colsOnDay: [Int: [Int]] = [:]
        for cand in inst.classes[ci].candidates {
            if let xs = cols.atSlot[cols.slotKey(ci, cand.day, cand.period)] { colsOnDay[cand.day, default: []] += xs }
        }
        return colsOnDay
    }

    /// The distinct sets of (at least two) lesson days falling in one 7-day window, with how many
    /// windows hold each set, in lexicographic order of the sets.
    func sevenDayWindows(_ dayList: [Int]) -> [(set: [Int], count: Int)] {
        guard let firstDay = dayList.first, let lastDay = dayList.last, dayList.count > 1 else { return [] }
        var windows: [[Int]: Int] = [:]
        let first = inst.days[firstDay].date.dayNumber, last = inst.days[lastDay].date.dayNumber
        var lo = 0
        for a in (first - 6)...last {
            while lo < dayList.count && inst.days[dayList[lo]].date.dayNumber < a { lo += 1 }
            var set: [Int] = []
            var j = lo
            while j < dayList.count && inst.days[dayList[j]].date.dayNumber <= a + 6 { set.append(dayList[j]); j += 1 }
            if set.count > 1 { windows[set, default: 0] += 1 }
        }
        return windows.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }).map { ($0.key, $0.value) }
    }

    /// Load balance: each teacher's term load above their fair share (by weekly capacity) of the
    /// group's required lessons R costs. Written times the capacity total C, so that all is
    /// whole: e_t ≥ C·load_t − cap_t·R.
    mutating func addLoadBalance() {
        guard Self.balances(inst, spec, capTotal) else { return }
        let requiredTotal = Double(inst.required)
        var byTeacher: [Int: [Int]] = [:]
        for x in cols.xs { byTeacher[x.teacher, default: []].append(x.column) }
        for t in 0..<cols.nT {
            guard let xs = byTeacher[t] else { continue }
            let e = m.addVariable("e_t\(t)", lower: 0, upper: capTotal * Double(xs.count), kind: .integer,
                                  objective: cost(inst.preferences.loadBalance / capTotal))
            addExcessRow("lb_t\(t)", xs.map { ($0, capTotal) }, excess: e, upper: (caps[t] * requiredTotal).rounded())
        }
    }
}
