// The rules of grade lectures, checked before any lesson (`Verifier.check`), in this order:
// each lecture in key order (lecture, lecture-simultaneity), then one lecture per grade
// (lecture), then the hall (hall). Keys are sorted: the order of violations is part of the output.

import XinyuPack

extension Verifier {
    /// The keys (school, date, period, teacher) of the schedule's grade lectures, each checked:
    /// rows flagged as lectures, or several classes of a school that declares [lectures] with one
    /// teacher at one time.
    static func lectureGroups(_ district: District, _ lessons: [Lesson], fail: (String, String) -> Void) -> Set<String> {
        var rows: [String: [Lesson]] = [:]
        for l in lessons { rows[lectureKey(l), default: []].append(l) }
        var keys = Set<String>()
        var perGrade: [String: [String]] = [:]   // school, grade → lecture times
        var hall: [String: Int] = [:]            // school, date, period → lectures
        for (key, ls) in rows.sorted(by: { $0.key < $1.key }) {
            let school = district.school(ls[0].school)
            guard ls.contains(where: \.lecture) || (ls.count > 1 && school?.lectures != nil) else { continue }
            keys.insert(key)
            guard let g = checkLecture(ls, school, fail: fail) else { continue }
            let l = ls[0]
            perGrade[l.school + " grade \(g)", default: []].append(l.date.iso + " period \(l.period)")
            hall[l.school + "\u{1}" + l.date.iso + "\u{1}\(l.period)", default: 0] += 1
        }
        checkOneLecturePerGrade(perGrade, fail: fail)
        checkHall(hall, fail: fail)
        return keys
    }

    // lecture, lecture-simultaneity: a school that declares [lectures] for the lecture's one
    // grade, every class of the grade at once, all rows marked alike; returns the grade (nil
    // when the school or the grade is wrong).
    static func checkLecture(_ ls: [Lesson], _ school: School?, fail: (String, String) -> Void) -> Int? {
        let l = ls[0]
        let what = "\(l.school) lecture on \(l.date.iso) period \(l.period) by \(l.teacher)"
        guard let school, let plan = school.lectures else {
            fail("lecture", "\(what): the school declares no [lectures]"); return nil
        }
        let grades = Set(ls.compactMap { r in school.classes.first { $0.id == r.classID }?.grade })
        guard grades.count == 1, let g = grades.first else {
            fail("lecture", "\(what): its classes are of grades \(grades.sorted().map(String.init).joined(separator: ", ")), not one grade"); return nil
        }
        if !plan.grades.contains(g) { fail("lecture", "\(what): grade \(g) is not in [lectures] grades") }
        let all = Set(school.classes.filter { $0.grade == g }.map(\.id))
        let here = Set(ls.map(\.classID))
        if here != all {
            fail("lecture-simultaneity", "\(what): grade \(g) has classes \(all.sorted().joined(separator: ", ")) but the lecture has \(here.sorted().joined(separator: ", ")) — a lecture is for every class of the grade at once")
        }
        if ls.contains(where: { !$0.lecture }) && ls.contains(where: \.lecture) {
            fail("lecture", "\(what): some rows of it are marked lecture and some are not")
        }
        return g
    }

    // lecture: one lecture per grade in the term.
    static func checkOneLecturePerGrade(_ perGrade: [String: [String]], fail: (String, String) -> Void) {
        for (grade, times) in perGrade.sorted(by: { $0.key < $1.key }) where times.count > 1 {
            fail("lecture", "\(grade) has \(times.count) lectures (\(times.joined(separator: "; "))); [lectures] asks for one a term")
        }
    }

    // hall: one lecture at a time in a school's hall.
    static func checkHall(_ hall: [String: Int], fail: (String, String) -> Void) {
        for (key, n) in hall.sorted(by: { $0.key < $1.key }) where n > 1 {
            let parts = key.split(separator: "\u{1}").map(String.init)
            fail("hall", "\(parts[0]) has \(n) lectures in the hall at once on \(parts[1]) period \(parts[2])")
        }
    }
}
