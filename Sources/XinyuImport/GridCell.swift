// The lessons one timetable cell holds, in the forms schools write:
//   语文            subject only (no teacher)
//   语文\n张三      subject, then teachers on the next line(s)
//   语文 张三       subject and teacher(s) separated by spaces (张三 语文 when only the second is a subject)
//   语文(张三)      语文（张三）, several teachers 物理(张伟、李娜)
//   张三：语文      teacher and subject around a colon, when the known subjects say which is which
// 单双周 (a different lesson in odd and even weeks):
//   体育/音乐       two subjects split by a slash: odd weeks, even weeks
//   单周体育 双周音乐, 体育(单)/音乐(双), 单:体育 双:音乐, 体育/音乐\n王五/李四 (teachers paired);
//   语文(单) alone is odd weeks only. `语文/张三` (a known subject, then a bare name) is one lesson,
//   and `语  文` (a subject spaced out for alignment) one subject.
// A free mark (-, —, /, 无, 空) is a free period; a cell it cannot split safely is one lesson whose
// subject is the cell's text (never dropped).

import Foundation

struct CellLesson: Hashable, Sendable {
    var subject: String
    var teachers: [String]
    /// 0 every week, 1 odd weeks (单周), 2 even weeks (双周).
    var week: Int
}

enum GridCell {
    static let freeMarks: Set<String> = ["-", "—", "——", "－", "/", "／", "无", "空", "×", "x", "X", "--", "/ "]

    /// Subjects of Chinese schools, to tell a teacher's name from a subject (`张三：语文`) and a
    /// lesson-like cell outside every timetable block from a note.
    static let knownSubjects: [String] = [
        "语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "政治", "思想政治", "道德与法治", "道法", "思品", "品德", "品生", "品社",
        "科学", "音乐", "美术", "体育", "体育与健康", "信息", "信息技术", "通用技术", "劳动", "劳技", "综合实践", "综合", "书法", "写字",
        "心理", "心理健康", "班会", "自习", "阅读", "地方课程", "校本课程", "地方", "校本", "安全", "健康", "艺术", "实验", "日语", "俄语",
        "口语", "研究性学习", "研学", "社团", "活动", "形体", "舞蹈", "科技", "编程", "机器人", "国学", "经典诵读", "诵读", "朗读", "数学思维",
        "英语听力", "听力", "作文", "计算机", "生命教育", "传统文化", "环境教育", "自然", "社会", "思维", "阅览", "选修", "生涯",
    ]

    static func isKnownSubject(_ text: String) -> Bool {
        if GridLabels.tooLong(text) { return false }
        let s = GridLabels.squeezed(text)
        guard !s.isEmpty else { return false }
        return knownSubjects.contains { s == $0 || (s.hasPrefix($0) && s.count <= $0.count + 4) }
    }

    /// The cell's lessons; nil for an empty cell or a free mark.
    static func lessons(_ raw: String) -> [CellLesson]? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || freeMarks.contains(text) { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.count >= 2, !lines[0].contains("(") && !lines[0].contains("（") {
            // Subjects on the first line, teachers below (`体育/音乐\n王五/李四` pairs them).
            let subjects = weekParts(lines[0])
            let teacherLines = lines[1...].joined(separator: " ")
            let teacherParts = weekParts(teacherLines)
            if subjects.count == 2 && teacherParts.count == 2 {
                return (0..<2).map { CellLesson(subject: subjects[$0].text, teachers: names(teacherParts[$0].text), week: subjects[$0].week) }
            }
            return subjects.map { CellLesson(subject: $0.text, teachers: names(teacherLines), week: $0.week) }
        }
        let oneLine = lines.joined(separator: " ")
        return weekParts(oneLine).map { part in
            var lesson = single(part.text)
            lesson.week = part.week
            return lesson
        }
    }

    /// A cell split into its week parts: one part (every week), or two (odd, even) when it has a
    /// top-level slash or 单周/双周 markers. More than two parts stay one text.
    static func weekParts(_ text: String) -> [(text: String, week: Int)] {
        var parts = splitTopLevel(text, on: "/／")
        if parts.count == 2, subjectAndTeacher(parts[0], parts[1]) {
            return [(text.trimmingCharacters(in: .whitespaces), 0)]  // 语文/张三: one lesson
        }
        if parts.count == 1 {
            let n = text.precomposedStringWithCompatibilityMapping
            let spaced = splitTopLevel(n, on: " \u{3000}")
            if spaced.count == 2, weekMarker(spaced[0]).1 != nil, weekMarker(spaced[1]).1 != nil {
                parts = spaced  // 体育(单周) 音乐(双周)
            } else if n.contains("单周") && n.contains("双周") {
                parts = markerSplit(n)  // 单周体育 双周音乐: split before each marker
            } else if case (let rest, let week?) = weekMarker(text), !rest.isEmpty {
                return [(rest, week)]  // 语文(单): odd weeks only, free in even weeks
            }
        }
        guard parts.count == 2 else { return [(text.trimmingCharacters(in: .whitespaces), 0)] }
        var out: [(String, Int)] = []
        for (i, p) in parts.enumerated() {
            let (rest, marked) = weekMarker(p)
            out.append((rest, marked ?? (i + 1)))
        }
        // Both parts must say different weeks (体育(单)/音乐(双)), else it is not a 单双周 cell.
        if out[0].1 == out[1].1 { return [(text.trimmingCharacters(in: .whitespaces), 0)] }
        return out.sorted { $0.1 < $1.1 }
    }

    /// `语文/张三`: a known subject, then a bare name that is no subject — a subject and its
    /// teacher, not two weeks.
    static func subjectAndTeacher(_ a: String, _ b: String) -> Bool {
        let bare = !b.contains(where: { " \u{3000}(（:：".contains($0) })
        return bare && weekMarker(a).1 == nil && weekMarker(b).1 == nil && isKnownSubject(single(a).subject) && !isKnownSubject(b)
    }

    static func markerSplit(_ n: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var i = n.startIndex
        while i < n.endIndex {
            let rest = n[i...]
            if (rest.hasPrefix("单周") || rest.hasPrefix("双周")) && !current.trimmingCharacters(in: .whitespaces).isEmpty {
                parts.append(current)
                current = ""
            }
            current.append(n[i])
            i = n.index(after: i)
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A part without its week marker, and the week the marker says (1 单, 2 双).
    static func weekMarker(_ part: String) -> (String, Int?) {
        var s = part.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        for (marker, week) in [("(单周)", 1), ("(双周)", 2), ("(单)", 1), ("(双)", 2)] where s.contains(marker) {
            return (s.replacingOccurrences(of: marker, with: "").trimmingCharacters(in: .whitespaces), week)
        }
        for (marker, week) in [("单周", 1), ("双周", 2), ("单:", 1), ("双:", 2)] where s.hasPrefix(marker) {
            s.removeFirst(marker.count)
            return (s.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ":"))), week)
        }
        return (part.trimmingCharacters(in: .whitespaces), nil)
    }

    /// `text` split at the characters of `separators` that are outside brackets.
    static func splitTopLevel(_ text: String, on separators: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for ch in text {
            if "(（[【".contains(ch) { depth += 1 }
            if ")）]】".contains(ch) { depth = max(depth - 1, 0) }
            if depth == 0 && separators.contains(ch) {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// One lesson: `语文(张三)`, `张三：语文`, `语文 张三`, `语文`.
    static func single(_ text: String) -> CellLesson {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let open = t.firstIndex(where: { $0 == "(" || $0 == "（" }),
           let close = t.lastIndex(where: { $0 == ")" || $0 == "）" }), open < close {
            let subject = t[..<open].trimmingCharacters(in: .whitespaces)
            let after = t[t.index(after: close)...].trimmingCharacters(in: .whitespaces)
            if !subject.isEmpty && after.isEmpty {
                return CellLesson(subject: subject, teachers: names(String(t[t.index(after: open)..<close])), week: 0)
            }
        }
        if let colon = t.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            let left = t[..<colon].trimmingCharacters(in: .whitespaces), right = t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !left.isEmpty && !right.isEmpty {
                if isKnownSubject(right) && !isKnownSubject(left) { return CellLesson(subject: right, teachers: names(left), week: 0) }
                if isKnownSubject(left) && !isKnownSubject(right) { return CellLesson(subject: left, teachers: names(right), week: 0) }
            }
            return CellLesson(subject: t, teachers: [], week: 0)  // ambiguous: GridReader reports it
        }
        let slash = splitTopLevel(t, on: "/／")
        if slash.count == 2, subjectAndTeacher(slash[0], slash[1]) {
            return CellLesson(subject: slash[0], teachers: names(slash[1]), week: 0)
        }
        var tokens = t.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }).map(String.init)
        // 语  文 张三: a subject spaced out for alignment is one word.
        let singles = tokens.prefix { $0.count == 1 }
        if singles.count >= 2 {
            tokens = [singles.joined()] + tokens.dropFirst(singles.count)
            if tokens.count == 1 { return CellLesson(subject: tokens[0], teachers: [], week: 0) }
        }
        if tokens.count >= 2 {
            if !isKnownSubject(tokens[0]) && tokens.count == 2 && isKnownSubject(tokens[1]) {
                return CellLesson(subject: tokens[1], teachers: [tokens[0]], week: 0)
            }
            return CellLesson(subject: tokens[0], teachers: Array(tokens[1...]), week: 0)
        }
        return CellLesson(subject: t, teachers: [], week: 0)
    }

    /// Teacher names joined by 、 / ; , or spaces; rooms written beside them (201, 操场, 微机室)
    /// are no teachers and are left out.
    static func names(_ text: String) -> [String] {
        text.split(whereSeparator: { "、/／;；,， \u{3000}".contains($0) })
            .map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "()（）[]【】"))) }
            .filter { !$0.isEmpty && !isPlace($0) }
    }

    static func isPlace(_ name: String) -> Bool {
        if name.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ".") }) && name.contains(where: \.isNumber) { return true }
        return ["室", "馆", "操场", "厅", "机房", "楼", "场地"].contains { name.hasSuffix($0) }
    }

    /// True when a lesson's text is an unsplit `X：Y` (neither side a known subject): not readable.
    static func ambiguous(_ lesson: CellLesson) -> Bool {
        lesson.teachers.isEmpty && (lesson.subject.contains(":") || lesson.subject.contains("："))
    }
}
