import XinyuCore
import XinyuPack

/// A page of the weekly views as plain text cells, written the same way to XLSX and HTML.
struct PrintedTable: Sendable, Equatable {
    var title: String
    /// Lines under the title (school, term, the bell schedule's source …).
    var notes: [String]
    var header: [String]
    var rows: [[String]]
    /// (row, column) of cells holding a 心理课, for highlighting.
    var marked: Set<Cell> = []
    /// True for a weekday × period grid (first column the periods), false for a list.
    var isGrid: Bool

    struct Cell: Hashable, Sendable {
        var row: Int
        var column: Int
    }
}

/// The weekly views of one school: a 课程表 per class, a week and a term list per psychology
/// teacher, an overview of every class's slot.
struct WeeklyViews {
    let view: SchoolView
    let w: Words
    let uses: [SlotUse]
    let weekdays: Int

    init(_ view: SchoolView, _ w: Words) {
        self.view = view
        self.w = w
        uses = WeeklyGrid.uses(view.lessons, termStart: view.calendar.start, available: WeeklyGrid.available(view.calendar))
        weekdays = WeeklyGrid.weekdays(view.school, view.lessons)
    }

    /// The teachers shown: the school's psychology teachers and anyone else teaching here.
    var teachers: [Teacher] { view.lessonTeachers }

    func teacherName(_ id: String) -> String {
        guard let t = view.school.teacher(id), !t.name.isEmpty else { return id }
        return t.name
    }

    func periodLabel(_ p: Int) -> String {
        let time = view.clock.label(p)
        return w.weekly(.period, String(p)) + (time.isEmpty ? "" : "\n" + time)
    }

    var termNote: String { w(.term, w.date(view.calendar.start), w.date(view.calendar.end)) }

    /// An empty weekday × period grid with its headers.
    func emptyGrid(_ title: String, notes: [String]) -> PrintedTable {
        let header = [""] + (1...weekdays).map { w.weekday($0) }
        let rows = (1...max(1, view.clock.periods.count)).map { p in [periodLabel(p)] + Array(repeating: "", count: weekdays) }
        return PrintedTable(title: title, notes: notes, header: header, rows: rows, isGrid: true)
    }

    /// The class's own timetable with its 心理课 in place: each cell the subject(s) and teacher(s)
    /// of timetable.csv (单周/双周 rows both shown), then each 心理课 there with its teacher and weeks.
    func classGrid(_ c: SchoolClass) -> PrintedTable {
        var t = emptyGrid(w.weekly(.classWeek, c.id), notes: ["\(view.school.name) · \(termNote)"])
        let base = WeeklyGrid.base(view.school, classID: c.id)
        for p in 1...t.rows.count {
            for d in 1...weekdays {
                var lines: [String] = (base[d * 1000 + p] ?? []).map { r in
                    let who = r.teachers.map(teacherName).joined(separator: "、")
                    let what = who.isEmpty ? r.subject : r.subject + " " + who
                    switch r.weeks {
                    case .all: return what
                    case .odd: return w.weekly(.odd) + " " + what
                    case .even: return w.weekly(.even) + " " + what
                    }
                }
                let here = uses.filter { $0.classID == c.id && $0.weekday == d && $0.period == p }
                if lines.isEmpty && !here.isEmpty { lines.append(w.weekly(.free)) }
                for u in here {
                    lines.append(w.weekly(.psych) + " " + teacherName(u.teacher) + (w.lang == .zh ? "：" : ": ") + w.runs(u))
                }
                t.rows[p - 1][d] = lines.joined(separator: "\n")
                if !here.isEmpty { t.marked.insert(.init(row: p - 1, column: d)) }
            }
        }
        return t
    }

    /// Where a slot's lessons are held: each room with its weeks when they differ.
    func rooms(_ u: SlotUse) -> String {
        var byRoom: [RoomUse: [Lesson]] = [:]
        for l in u.lessons { if let d = view.details[SchoolView.key(l)] { byRoom[d.room, default: []].append(l) } }
        let order = RoomUse.allCases.filter { byRoom[$0] != nil }
        func name(_ r: RoomUse) -> String { r == .classroom ? w.weekly(.classroomShort) : w.room(r, classID: u.classID) }
        if order.count <= 1 { return order.first.map(name) ?? "" }
        return order.map { r in
            let weeks = Array(Set(byRoom[r, default: []].map { WeeklyGrid.week($0.date, termStart: view.calendar.start) })).sorted()
            return name(r) + " " + w.weekList(weeks)
        }.joined(separator: w.lang == .zh ? "；" : "; ")
    }

    /// A psychology teacher's week: in each cell the classes taught there, their weeks and the room.
    func teacherGrid(_ teacher: Teacher) -> PrintedTable {
        let label = teacher.name.isEmpty ? teacher.id : teacher.name
        var t = emptyGrid(w.weekly(.teacherWeek, label), notes: ["\(view.school.name) · \(termNote)"])
        for u in uses where u.teacher == teacher.id && u.period >= 1 && u.period <= t.rows.count && u.weekday <= weekdays {
            let room = rooms(u)
            let zh = w.lang == .zh
            let line = u.classID + (zh ? "：" : ": ") + w.runs(u) + (room.isEmpty ? "" : zh ? "（\(room)）" : " (\(room))")
            let cell = t.rows[u.period - 1][u.weekday]
            t.rows[u.period - 1][u.weekday] = cell.isEmpty ? line : cell + "\n" + line
            t.marked.insert(.init(row: u.period - 1, column: u.weekday))
        }
        return t
    }

    /// A teacher's lessons of the term in date order: date, period and time, class, topic, form, room.
    func termList(_ teacher: Teacher) -> PrintedTable {
        let label = teacher.name.isEmpty ? teacher.id : teacher.name
        let header = [w(.date), w.weekly(.slot), w(.klass), w.weekly(.topic), w.weekly(.form), w.weekly(.room)]
        let ls = (view.byTeacher[teacher.id] ?? []).sorted { ($0.date, $0.period, $0.classID) < ($1.date, $1.period, $1.classID) }
        let rows: [[String]] = ls.map { l in
            let slot = w.weekly(.period, String(l.period)) + (view.clock.label(l.period).isEmpty ? "" : " " + view.clock.label(l.period))
            guard let d = view.details[SchoolView.key(l)] else { return [w.date(l.date), slot, l.classID, "", "", ""] }
            let area = w.lang == .zh ? d.area : (TopicPlan.areaEnglish[d.area] ?? d.area)
            let topic = d.topic.isEmpty ? area : area + (w.lang == .zh ? "：" : ": ") + d.topic
            return [w.date(l.date), slot, l.classID, topic, w.lang == .zh ? d.form.rawValue : d.form.english, w.room(d.room, classID: l.classID)]
        }
        return PrintedTable(title: w.weekly(.termList, label), notes: ["\(view.school.name) · \(termNote) · \(w(.lessonCount, String(ls.count)))"],
                            header: header, rows: rows, isGrid: false)
    }

    /// Every class's 心理课: one row per class and slot (a class without lessons says so).
    func overview() -> PrintedTable {
        let header = [w(.klass), w.weekly(.slot), w(.teacher), w.weekly(.weeks), w.weekly(.count)]
        var rows: [[String]] = []
        for c in view.school.classes {
            let mine = uses.filter { $0.classID == c.id }.sorted { ($0.lessons[0].date, $0.weekday, $0.period) < ($1.lessons[0].date, $1.weekday, $1.period) }
            if mine.isEmpty { rows.append([c.id, w.weekly(.none), "", "", "0"]) }
            for u in mine {
                let slot = w.weekday(u.weekday) + " " + w.weekly(.period, String(u.period))
                    + (view.clock.label(u.period).isEmpty ? "" : " " + view.clock.label(u.period))
                rows.append([c.id, slot, teacherName(u.teacher), w.runs(u), String(u.lessons.count)])
            }
        }
        return PrintedTable(title: w.weekly(.overview, view.school.name), notes: [termNote], header: header, rows: rows, isGrid: false)
    }
}
