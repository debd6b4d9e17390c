import XinyuPack

/// A `keep` pin of pinned.csv placed in an instance: taken out of the lesson problem like a
/// grade lecture of one class, and written to the schedule as it is.
public struct KeptPin: Sendable, Hashable {
    public var classIndex: Int
    public var day: Int
    public var period: Int
    public var teacher: Int
    public var replaces: String
    public var cost: Double
}

extension Instance {
    /// The instance with the pins of `group` applied, and the kept lessons. A `forbid` pin takes
    /// the class's candidate slots at its place away. A `keep` pin becomes a fixed lesson: the
    /// class's minimum that month and its room that week shrink by one, its slot at that time is
    /// gone, the teacher is busy then and has one lesson less of room that day and week, and with
    /// same_teacher only the kept teacher may teach the class. Every later step — lectures, the
    /// greedy start, the rhythm plan, every term model and bound — works on this instance, so all
    /// of them respect the pins without knowing about them.
    ///
    /// A keep that has no candidate slot with its teacher as an option breaks a hard rule; the
    /// pack is refused before solving (`PinRules`), so such a keep is skipped here and the
    /// verifier's `pin` rule reports it if it ever gets this far.
    public func withPins(_ group: [School]) -> (Instance, [KeptPin]) {
        var inst = self
        for s in group { for pin in s.pins where pin.kind == .forbid { inst.forbid(pin, school: s.id) } }
        let dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1.date, $0) })
        let teacherIndex = Dictionary(teachers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var kept: [KeptPin] = []
        for s in group {
            for pin in s.pins where pin.kind == .keep {
                guard let date = pin.date, let p = pin.period, let d = dayIndex[date], let t = teacherIndex[pin.teacher],
                      let ci = inst.classIndex(school: s.id, id: pin.classID),
                      let cand = inst.classes[ci].candidates.first(where: { $0.day == d && $0.period == p }),
                      cand.options.contains(where: { $0.teacher == t }) else { continue }
                kept.append(KeptPin(classIndex: ci, day: d, period: p, teacher: t, replaces: cand.replaces, cost: cand.cost))
            }
        }
        for k in kept { inst.apply(k) }
        if policy.sameTeacher {
            for k in kept {
                for j in inst.classes[k.classIndex].candidates.indices {
                    inst.classes[k.classIndex].candidates[j].options.removeAll { $0.teacher != k.teacher }
                }
            }
        }
        return (inst, kept)
    }

    /// Removes the candidate slots of a forbid pin's class at its place.
    mutating func forbid(_ pin: Pin, school: String) {
        guard let ci = classIndex(school: school, id: pin.classID) else { return }
        let days = self.days
        classes[ci].candidates.removeAll { cand in
            let day = days[cand.day]
            return pin.covers(date: day.date, weekday: day.timetableWeekday, period: cand.period)
        }
    }

    /// Takes a kept lesson out of the lesson problem (as `apply(_: GradeLecture)` does for a
    /// lecture; the `lectures…` counts hold every lesson fixed before solving). Other classes'
    /// options that needed this class's row replaced at that time now have it replaced.
    mutating func apply(_ k: KeptPin) {
        let day = days[k.day]
        let ci = k.classIndex
        if let m = classes[ci].minimum[day.month] { classes[ci].minimum[day.month] = max(0, m - 1) }
        classes[ci].lecturesInMonth[day.month] += 1
        classes[ci].lecturesInWeek[day.isoWeek, default: 0] += 1
        teachers[k.teacher].lecturesOnDay[k.day, default: 0] += 1
        teachers[k.teacher].lecturesInWeek[day.isoWeek, default: 0] += 1
        for c in classes.indices {
            classes[c].candidates = classes[c].candidates.compactMap { cand in
                guard cand.day == k.day && cand.period == k.period else { return cand }
                if c == ci { return nil }
                var out = cand
                out.options = cand.options.compactMap { o in
                    guard o.teacher != k.teacher else { return nil }
                    var o = o
                    o.requires.removeAll { $0 == ci }
                    return o
                }
                return out
            }
        }
    }

    /// The schedule rows of the kept pins.
    public func pinnedLessons(_ kept: [KeptPin]) -> [Lesson] {
        kept.map { k in
            let c = classes[k.classIndex]
            let day = days[k.day]
            return Lesson(school: c.school, classID: c.id, date: day.date, weekday: day.timetableWeekday, period: k.period,
                          teacher: teachers[k.teacher].id, replaces: k.replaces, cost: k.cost)
        }.sorted()
    }
}
