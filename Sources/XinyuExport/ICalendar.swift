import Foundation
import XinyuCore
import XinyuPack

/// iCalendar (RFC 5545) files: one per class and one per teacher, one VEVENT per lesson, local
/// times in Asia/Shanghai with the zone's VTIMEZONE, CRLF line ends, lines folded at 75 octets.
enum ICalendar {
    static let zone = "Asia/Shanghai"

    /// China Standard Time: UTC+8 all year, no daylight saving since 1991.
    static let vtimezone = [
        "BEGIN:VTIMEZONE",
        "TZID:\(zone)",
        "X-LIC-LOCATION:\(zone)",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800",
        "TZNAME:CST",
        "DTSTART:19700101T000000",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// The UID of a lesson: a hash of school, class and the lesson's place in the class's term
    /// sequence (its first, second … lesson), not of its date or period, so a lesson that moves
    /// keeps its event (subscribers see it move, not a delete and an add), and the class file and
    /// the teacher file name the same event.
    static func uid(_ l: Lesson, ordinal: Int) -> String {
        fnv1a([l.school, l.classID, "lesson", String(ordinal)].joined(separator: "\u{1f}")) + "@xinyu"
    }

    /// LOCATION: the school and the room of the lesson (lessons.csv; the class's classroom without
    /// it), e.g. `昌邑区样例小学 一年级(1)班教室` — the class id as the pack spells it, no suffix added.
    static func location(_ l: Lesson, _ view: SchoolView, _ w: Words) -> String {
        let room = view.details[SchoolView.key(l)]?.room ?? .classroom
        return view.school.name + (w.lang == .zh ? " " : ", ") + w.room(room, classID: l.classID)
    }

    /// A whole calendar with `lessons` (already filtered to one class or one teacher).
    static func document(name: String, lessons: [Lesson], district: District, views: [String: SchoolView],
                         stamp: Date, words w: Words) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Xinyu//Xinyu \(XinyuVersion.string)//\(w.lang == .zh ? "ZH" : "EN")",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name), "X-WR-TIMEZONE:\(zone)"]
        lines += vtimezone
        let dtstamp = utcStamp(stamp)
        for l in lessons.sorted(by: { ($0.date, $0.period, $0.school, $0.classID) < ($1.date, $1.period, $1.school, $1.classID) }) {
            guard let view = views[l.school], l.period >= 1, l.period <= view.clock.periods.count else { continue }
            let times = view.clock.periods[l.period - 1]
            let day = l.date.iso.replacingOccurrences(of: "-", with: "")
            let teacher = view.school.teacher(l.teacher).map(teacherLabel) ?? l.teacher
            lines += [
                "BEGIN:VEVENT",
                "UID:" + uid(l, ordinal: view.ordinal[SchoolView.key(l)] ?? 0),
                "DTSTAMP:" + dtstamp,
                "DTSTART;TZID=\(zone):\(day)T\(times.start.icsText)",
                "DTEND;TZID=\(zone):\(day)T\(times.end.icsText)",
                "SUMMARY:" + escape(w.lessonSummary(classID: l.classID, replaces: l.replaces)),
                "LOCATION:" + escape(location(l, view, w)),
                "DESCRIPTION:" + escape(w(.description, teacher, view.school.name, String(l.period), view.clock.label(l.period))
                                        + (view.detailText(l, w).map { "\n" + $0 } ?? "")),
                "CATEGORIES:" + escape(w(.lessonTitle)),
                "TRANSP:OPAQUE",
                "SEQUENCE:0",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets (RFC 5545 §3.1): each continuation
    /// starts with one space; a UTF-8 sequence is never split.
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        if bytes.count <= 75 { return line }
        var parts: [String] = []
        var i = 0
        var limit = 75  // the first line holds 75 octets, continuations 74 after their space
        while i < bytes.count {
            var j = min(bytes.count, i + limit)
            // Back off to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
            while j < bytes.count, j > i, bytes[j] & 0xC0 == 0x80 { j -= 1 }
            parts.append(String(decoding: bytes[i..<j], as: UTF8.self))
            i = j
            limit = 74
        }
        return parts.joined(separator: "\r\n ")
    }

    /// `20261012T081500Z`.
    static func utcStamp(_ date: Date) -> String {
        let secs = Int(date.timeIntervalSince1970.rounded(.down))
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rest = secs - days * 86400
        let d = CivilDate(dayNumber: days)
        return d.iso.replacingOccurrences(of: "-", with: "") + "T" + two(rest / 3600) + two(rest % 3600 / 60) + two(rest % 60) + "Z"
    }
}
