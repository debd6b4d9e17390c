import XinyuPack

/// The verifier's `pin` rule, from pinned.csv alone: every kept lesson is in the schedule exactly
/// (class, date, period, teacher), and no lesson of a class is at a place a forbid pin names.
public enum PinVerifier {
    public static func check(_ district: District, _ lessons: [Lesson]) -> [Violation] {
        var out: [Violation] = []
        var byClass: [String: [Lesson]] = [:]
        for l in lessons { byClass[l.school + "\u{1}" + l.classID, default: []].append(l) }
        for s in district.schools {
            let file = "schools/\(s.id)/pinned.csv"
            for pin in s.pins {
                let mine = byClass[s.id + "\u{1}" + pin.classID] ?? []
                switch pin.kind {
                case .keep:
                    guard let d = pin.date, let p = pin.period else { continue }
                    if mine.contains(where: { $0.date == d && $0.period == p && $0.teacher == pin.teacher }) { continue }
                    let other = mine.first { $0.date == d && $0.period == p }
                    out.append(Violation(rule: "pin", message: "\(s.id) class \(pin.classID) on \(d.iso) period \(p): the lesson kept by \(file):\(pin.line) (teacher \(pin.teacher)) is "
                                         + (other.map { "given by \($0.teacher) instead" } ?? "missing")))
                case .forbid:
                    for l in mine {
                        let wd = Verifier.schoolDay(district, s, l.date)?.weekday ?? l.weekday
                        if pin.covers(date: l.date, weekday: wd, period: l.period) {
                            out.append(Violation(rule: "pin", message: "\(s.id) class \(l.classID) on \(l.date.iso) period \(l.period): \(file):\(pin.line) forbids a lesson there"))
                        }
                    }
                }
            }
        }
        return out
    }
}
