// Staffing changes to a built group instance without building it again: a teacher's limits
// raised, or new teachers joining one school. Capacity advice asks hundreds of such questions
// about the same group (each a bound check or a probe); rebuilding the instance — every class's
// candidate slots and who can staff them — for each was a third of the advice's time on the
// province. Each change gives exactly the instance `Instance(district:schools:)` builds from the
// changed schools (same teacher order, same option order); AdviceInstanceTests checks it.
// Pins and lectures are applied after, as for a built instance.

import XinyuPack

extension Instance {
    /// The instance with teacher `id`'s limits set (as a rebuild from schools that list the
    /// teacher with these limits gives). A teacher not in the instance: unchanged.
    public func withTeacherLimits(_ id: String, maxPerWeek: Int?, maxPerDay: Int?) -> Instance {
        var inst = self
        for t in inst.teachers.indices where inst.teachers[t].id == id {
            inst.teachers[t].maxPerWeek = maxPerWeek
            inst.teachers[t].maxPerDay = maxPerDay
        }
        return inst
    }

    /// The instance with `new` teachers appended (in order) to the teachers of school `school`
    /// of `group` (the changed group, as `Instance(district:schools:)` would be given it), each
    /// new teacher having no timetable row and no unavailability but the district's training
    /// days. Nil when that cannot be shown to equal a rebuild (the school is not in the group, a
    /// new id is already a teacher of the group or named by a timetable or unavailable.csv row,
    /// or a new teacher does not teach): build the instance instead.
    public func withNewTeachers(_ new: [Teacher], school: String, group: [School], calendar: [CalendarEntry]) -> Instance? {
        guard !new.isEmpty else { return self }
        guard let xi = group.firstIndex(where: { $0.id == school }), new.allSatisfy({ $0.psych.teaches }) else { return nil }
        let ids = Set(new.map(\.id))
        guard ids.count == new.count, !teachers.contains(where: { ids.contains($0.id) }),
              !group.contains(where: { s in
                  s.timetable.contains { r in r.teachers.contains(where: ids.contains) } || s.unavailable.contains { ids.contains($0.teacher) }
              }) else { return nil }
        // Teachers are indexed by first listing in school order: the new ones come after every
        // teacher first listed by a school up to `school`, before those of later schools.
        let rank = Dictionary(group.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pos = teachers.prefix { t in (t.schools.first.flatMap { rank[$0] } ?? Int.max) <= xi }.count
        guard teachers[pos...].allSatisfy({ t in (t.schools.first.flatMap { rank[$0] } ?? 0) > xi }) else { return nil }
        var inst = self
        let k = new.count
        for ci in inst.classes.indices {
            for j in inst.classes[ci].candidates.indices {
                for o in inst.classes[ci].candidates[j].options.indices where inst.classes[ci].candidates[j].options[o].teacher >= pos {
                    inst.classes[ci].candidates[j].options[o].teacher += k
                }
            }
        }
        let training = Set(calendar.filter { $0.kind == .training }.map(\.date))
        for ci in inst.classes.indices where inst.classes[ci].school == school {
            let stage = inst.classes[ci].stage
            let hired = new.indices.filter { new[$0].canTeach(stage) }
            guard !hired.isEmpty else { continue }
            for j in inst.classes[ci].candidates.indices where !training.contains(inst.days[inst.classes[ci].candidates[j].day].date) {
                inst.classes[ci].candidates[j].options += hired.map { Option(teacher: pos + $0, requires: []) }
            }
        }
        inst.teachers.insert(contentsOf: new.map { t in
            TeacherInfo(id: t.id, name: t.name, role: t.psych, stages: t.stages, maxPerDay: t.maxPerDay,
                        maxPerWeek: t.maxPerWeek, schools: [school])
        }, at: pos)
        return inst
    }
}
