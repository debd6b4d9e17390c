import XinyuPack

/// "May this lesson go here, with this teacher?", stated once. The term model builds a column
/// only for a lesson its scope admits and turns each shared limit into rows over its columns
/// (TermFamilies.swift); the greedy start admits a lesson only by the same scope and checks the
/// same limits, counted, before it places it (Greedy.swift). A rule added here reaches both.
///
/// Where a lesson may go at all was decided once when the instance was built: a candidate slot
/// is a lesson day (not a holiday, closure or exam day) at a free or displaceable period, and its
/// options are the teachers qualified for the class's stage, available then, and not held by a
/// row of their own timetable that cannot be replaced (`Instance`, pins applied by `withPins`).
struct LessonRules {
    /// A limit lessons share: each lesson uses one unit of every limit it falls under, and no
    /// limit may be used beyond its capacity. Keys are integers (see `key`).
    enum Limit: Int, CaseIterable {
        /// A class has one lesson at a time, whoever teaches it.
        case classSlot
        /// A class has at most max_per_week lessons in an ISO week (less its lectures).
        case classWeek
        /// A teacher is in one place at a time.
        case teacherTime
        /// A teacher gives at most max_per_day lessons on a date (less lectures).
        case teacherDay
        /// A teacher gives at most max_per_week lessons in an ISO week (less lectures).
        case teacherWeek
    }

    let inst: Instance
    /// Days, ISO weeks (at least 1) and periods per day plus one, so keys never collide.
    let nD: Int, nW: Int, P: Int

    init(_ inst: Instance) {
        self.inst = inst
        nD = inst.days.count
        nW = max(1, inst.isoWeeks.count)
        P = max(1, inst.periodsPerDay + 1)
    }

    /// The key of `limit` that a lesson of class `ci` at (`day`, `period`) by `teacher` uses.
    func key(_ limit: Limit, classIndex ci: Int, day: Int, period: Int, teacher t: Int) -> Int {
        switch limit {
        case .classSlot: return (ci * nD + day) * P + period
        case .classWeek: return ci * nW + inst.days[day].isoWeek
        case .teacherTime: return (t * nD + day) * P + period
        case .teacherDay: return t * nD + day
        case .teacherWeek: return t * nW + inst.days[day].isoWeek
        }
    }

    /// The keys of every limit a placement uses, in `Limit` order.
    func keys(_ p: Placement) -> [Int] {
        let cand = inst.classes[p.classIndex].candidates[p.candidate]
        return Limit.allCases.map { key($0, classIndex: p.classIndex, day: cand.day, period: cand.period, teacher: p.teacher) }
    }

    /// How many lessons may use `key` of `limit` (nil: no limit).
    func capacity(_ limit: Limit, key: Int) -> Int? {
        switch limit {
        case .classSlot, .teacherTime: return 1
        case .classWeek: return inst.classWeekCap(key / nW, key % nW)
        case .teacherDay: return inst.teacherDayCap(key / max(1, nD), key % max(1, nD))
        case .teacherWeek: return inst.teacherWeekCap(key / nW, key % nW)
        }
    }

    /// The option of `p`'s teacher at its candidate, if the scope admits it.
    func option(_ p: Placement, in scope: LessonScope) -> Instance.Option? {
        let cand = inst.classes[p.classIndex].candidates[p.candidate]
        guard let o = cand.options.first(where: { $0.teacher == p.teacher }), scope.admits(p, day: cand.day) else { return nil }
        return o
    }

    /// same_teacher: a class keeps one teacher all term.
    var sameTeacher: Bool { inst.policy.sameTeacher }
}

/// Which lessons a model (or the greedy start for it) may use, beyond the instance's candidates:
/// re-planning keeps given lessons and uses no other slot before its first day; a stage with
/// teachers fixed uses only each class's teacher.
struct LessonScope: Sendable {
    /// nil: any option's teacher; otherwise each class's teacher (nil: the class gets no lesson).
    var fixedTeacher: [Int?]? = nil
    /// Lessons that must stay, admitted whatever the other rules say.
    var fixedPlacements: Set<Placement> = []
    /// No lesson before this day index, except fixed ones.
    var firstDay = 0

    /// Whether `p` (on day index `day`) may be used.
    func admits(_ p: Placement, day: Int) -> Bool {
        if fixedPlacements.contains(p) { return true }
        if day < firstDay { return false }
        if let fixedTeacher, fixedTeacher[p.classIndex] != p.teacher { return false }
        return true
    }
}
