// What the labels of a timetable grid look like: day names, period labels, bell times, separator
// words, info lines, titles, corner labels, class names and school names. Each recogniser reads
// a cell's text after NFKC normalisation (full-width digits, brackets, colons and tildes become
// ASCII: `（`→`(`, `：`→`:`, `～`→`~`, `８`→`8`), so both widths are one case.

import Foundation

enum GridLabels {
    /// The longest text read as a label: a label is a few words. Longer cells (a pasted essay, a
    /// hostile megabyte) are never labels, and the recognisers stay linear in the sheet's size.
    static let labelLimit = 200

    static func tooLong(_ text: String) -> Bool { text.utf8.count > labelLimit * 4 }

    /// NFKC, trimmed.
    static func normal(_ raw: String) -> String {
        raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Without any whitespace (`午 休` is `午休`), lower-cased.
    static func squeezed(_ text: String) -> String {
        if tooLong(text) { return "" }  // no label is that long
        return String(text.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    static let weekdayNames: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, h) in ["一", "二", "三", "四", "五", "六", "日"].enumerated() {
            for prefix in ["周", "星期", "礼拜"] { map[prefix + h] = i + 1 }
        }
        for name in ["星期天", "周天", "礼拜天"] { map[name] = 7 }
        let english = [["mon", "monday"], ["tue", "tues", "tuesday"], ["wed", "weds", "wednesday"], ["thu", "thur", "thurs", "thursday"],
                       ["fri", "friday"], ["sat", "saturday"], ["sun", "sunday"]]
        for (i, names) in english.enumerated() { for n in names { map[n] = i + 1 } }
        return map
    }()

    /// The weekday 1–7 a header cell names (`周一`, `星期一`, `Mon`, `星期一\nMonday`), or nil.
    static func weekday(_ text: String) -> Int? {
        if tooLong(text) { return nil }
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        var s = squeezed(first).replacingOccurrences(of: ".", with: "")
        if let open = s.firstIndex(of: "(") { s = String(s[..<open]) }  // 周一(Mon)
        return weekdayNames[s]
    }

    /// A day written as a bare numeral under a 星期 label (`星期 | 一 | 二 | …`): 1–7, or nil.
    static func bareDay(_ text: String) -> Int? {
        if tooLong(text) { return nil }
        return ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7][squeezed(text)]
    }

    /// Half-day words label spans of periods, not a line of their own.
    static let halfDayWords: Set<String> = ["上午", "下午", "中午", "晚上", "早上"]

    /// A number of 1–2 ASCII digits or Chinese numerals (一 … 十六) making up all of `s`.
    static func number(_ s: Substring) -> Int? {
        if !s.isEmpty, s.count <= 2, s.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(s) }
        guard let lead = StageDetection.leadingNumber(s), lead.length == s.count else { return nil }
        return lead.value
    }

    /// A period label: `1`, `第1节`, `第一节`, `1节`, `Period 1`, `P1`, with a bell time in the same
    /// cell (`第4节 10:50-11:30`, `1\n(8:00-8:40)`) and a half-day word before it (`上午第1节`).
    static func period(_ text: String) -> (number: Int, time: String?)? {
        if tooLong(text) { return nil }
        var s = text
        let time = timeRange(text)
        if time != nil, let r = timeRangeText(in: s) { s.removeSubrange(r) }
        var t = Substring(squeezed(s))
        for word in ["()", "[]"] { t = Substring(t.replacingOccurrences(of: word, with: "")) }
        for prefix in ["上午", "下午", "晚上", "早上", "中午"] where t.hasPrefix(prefix) { t = t.dropFirst(prefix.count) }
        for prefix in ["第", "period", "lesson", "p"] where t.hasPrefix(prefix) { t = t.dropFirst(prefix.count); break }
        for suffix in ["节课", "节", "课"] where t.hasSuffix(suffix) { t = t.dropLast(suffix.count); break }
        guard let n = number(t), (1...16).contains(n) else { return nil }
        return (n, time)
    }

    /// A bell time `8:00-8:40` (also `8:00～8:40`, `8:00—8:40`, `8:00–8:40`, `8:00~8:40`, `8:00至8:40`)
    /// as `08:00-08:40`; nil when the cell holds none or it ends before it starts.
    static func timeRange(_ text: String) -> String? {
        if tooLong(text) { return nil }
        let s = text.precomposedStringWithCompatibilityMapping
        guard let r = timeRangeText(in: s) else { return nil }
        let parts = s[r].split(whereSeparator: { "-~—–〜－‐至到".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let a = minutes(parts[0]), let b = minutes(parts[1]), a < b else { return nil }
        return clock(a) + "-" + clock(b)
    }

    static let timePattern = try? NSRegularExpression(pattern: "[0-2]?[0-9][:.：][0-5][0-9]\\s*[-~—–〜－‐至到]+\\s*[0-2]?[0-9][:.：][0-5][0-9]")

    static func timeRangeText(in s: String) -> Range<String.Index>? {
        guard let re = timePattern,
              let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { return nil }
        return Range(m.range, in: s)
    }

    static func minutes(_ s: String) -> Int? {
        let p = s.split(whereSeparator: { ":.：".contains($0) })
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        return h * 60 + m
    }

    static func clock(_ m: Int) -> String { String(format: "%02d:%02d", m / 60, m % 60) }

    /// Words for the parts of a day between lessons, and half-day labels.
    static let separatorWords: Set<String> = [
        "上午", "下午", "中午", "晚上", "早上", "午休", "午餐", "午饭", "午间", "大课间", "课间操", "眼保健操", "早读", "晨读",
        "早操", "升旗", "课间", "休息", "放学", "晚自习", "午间休息", "课间活动", "广播操", "午写", "午练",
        "break", "lunch", "lunchbreak", "recess",
    ]

    /// Words that label a line of their own that is not a numbered period (its cells are then
    /// accounted, not lessons); inside a period's cells they are lessons.
    static let lineOnlyWords: Set<String> = ["课外活动", "社团活动", "阳光体育", "晨检", "午检", "晚读", "夕会", "晨会", "早自习", "午自习", "阳光大课间"]

    static func lineLabel(_ text: String) -> Bool {
        separator(text) || lineOnlyWords.contains(squeezed(text))
    }

    static func separator(_ text: String) -> Bool {
        if tooLong(text) { return false }
        let s = squeezed(text)
        return separatorWords.contains(s) || separatorWords.contains(s.trimmingCharacters(in: CharacterSet(charactersIn: "()")))
    }

    /// Words a corner or axis header cell is made of (`节次`, `星期\节次`, `时间`, `班级`).
    static let cornerWords = ["作息时间", "上课时间", "节次", "星期", "时间", "课节", "时段", "日期", "班级", "班别", "节", "课程", "科目",
                              "period", "time", "weekday", "day", "class", "lesson"]

    static func corner(_ text: String) -> Bool {
        if tooLong(text) { return false }
        var s = squeezed(text)
        guard !s.isEmpty else { return false }
        for w in cornerWords { s = s.replacingOccurrences(of: w, with: "") }
        return s.allSatisfy { "\\/、|-_·".contains($0) }
    }

    static let infoKeys = ["任课教师", "任课老师", "班主任", "班级", "教室", "学期", "学年", "备注", "附注", "年级", "日期", "地点", "人数", "校区", "说明", "制表", "打印", "注"]

    /// `班级：一年级(1)班   班主任：王五` → [班级: 一年级(1)班, 班主任: 王五]; nil unless the cell
    /// starts with an info key and a colon.
    static let infoPattern = try? NSRegularExpression(pattern: "(" + infoKeys.joined(separator: "|") + ")\\s*:")

    static func info(_ text: String) -> [String: String]? {
        if tooLong(text) { return nil }
        let s = normal(text)
        guard let re = infoPattern else { return nil }
        let matches = re.matches(in: s, range: NSRange(s.startIndex..., in: s))
        guard let first = matches.first, first.range.location == 0 else { return nil }
        var out: [String: String] = [:]
        for (i, m) in matches.enumerated() {
            guard let keyRange = Range(m.range(at: 1), in: s), let whole = Range(m.range, in: s) else { continue }
            let end = i + 1 < matches.count ? (Range(matches[i + 1].range, in: s)?.lowerBound ?? s.endIndex) : s.endIndex
            out[String(s[keyRange]), default: ""] = s[whole.upperBound..<end].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return out
    }

    static func title(_ text: String) -> Bool {
        if tooLong(text) { return false }
        let s = squeezed(text)
        return ["课程表", "课表", "作息时间表", "时间表", "timetable", "schedule"].contains { s.contains($0) }
    }

    static let classPatterns: [NSRegularExpression] = [
        "(?:高|初)\\s*[一二三123]\\s*(?:\\(\\s*\\d{1,2}\\s*\\)|\\d{1,2})\\s*班?",
        "(?:初中|高中)?\\s*(?:十[一二]?|[一二三四五六七八九]|\\d{1,2})\\s*年级\\s*(?:\\(\\s*\\d{1,2}\\s*\\)|\\d{1,2})\\s*班?",
        "\\d{4}\\s*级\\s*(?:\\(\\s*\\d{1,2}\\s*\\)|\\d{1,2})\\s*班",
        "(?:十[一二]?|[一二三四五六七八九]|\\d{1,2})\\s*\\(\\s*\\d{1,2}\\s*\\)\\s*班",
        "\\d{1,2}\\s*[.\\-]\\s*\\d{1,2}\\s*班",
        // 一年级一班, 初二三班: the class number in Chinese numerals (班 required).
        "(?:初中|高中)?\\s*(?:十[一二]?|[一二三四五六七八九]|\\d{1,2})\\s*年级\\s*(?:十[一二三四五六七八九]?|[一二三四五六七八九十])\\s*班",
        "(?:高|初)\\s*[一二三]\\s*(?:十[一二三四五六七八九]?|[一二三四五六七八九十])\\s*班",
    ].compactMap { try? NSRegularExpression(pattern: $0) }

    /// The class names written in a cell (`吉林市XX小学一年级(1)班课程表` → 一年级(1)班), in the
    /// source's own spelling (full-width brackets kept), inner spaces dropped.
    static func classNames(in raw: String) -> [String] {
        if tooLong(raw) { return [] }
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let n = s.precomposedStringWithCompatibilityMapping
        // NFKC keeps the length of these texts (full-width → ASCII one for one), so a match in
        // `n` is the same run of characters in `s` when both have the same count.
        let sameShape = n.count == s.count
        var found: [(start: Int, end: Int, text: String)] = []
        for re in classPatterns {
            for m in re.matches(in: n, range: NSRange(n.startIndex..., in: n)) {
                guard let r = Range(m.range, in: n) else { continue }
                let start = n.distance(from: n.startIndex, to: r.lowerBound), length = n[r].count
                var text = String(n[r])
                if sameShape {
                    let a = s.index(s.startIndex, offsetBy: start)
                    text = String(s[a..<s.index(a, offsetBy: length)])
                }
                found.append((start, start + length, text.filter { !$0.isWhitespace }))
            }
        }
        // Overlapping matches (高一(3)班 and 一(3)班) are one name: the longest, then the first.
        var kept: [(start: Int, end: Int, text: String)] = []
        for f in found.sorted(by: { ($0.end - $0.start, -$0.start) > ($1.end - $1.start, -$1.start) })
        where !kept.contains(where: { $0.start < f.end && f.start < $0.end }) {
            kept.append(f)
        }
        return kept.sorted { $0.start < $1.start }.map(\.text)
    }

    /// The school in a title (`吉林市XX小学2026年秋季课程表` → 吉林市XX小学), or nil.
    static func schoolName(in raw: String) -> String? {
        if tooLong(raw) { return nil }
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var best: String.Index?
        for suffix in ["实验学校", "学校", "小学", "中学", "高中", "初中", "附中", "学院", "一中", "二中", "三中"] {
            if let r = s.range(of: suffix, options: .backwards), best.map({ r.upperBound > $0 }) ?? true {
                // A class name's 高中/初中 (高中一年级) is not the end of a school name.
                let rest = s[r.upperBound...]
                if ["高中", "初中"].contains(suffix), classNames(in: String(rest)).first.map({ rest.hasPrefix($0) }) ?? false { continue }
                best = r.upperBound
            }
        }
        guard let end = best else { return nil }
        let name = s[..<end].trimmingCharacters(in: .whitespaces)
        return name.count >= 2 ? name : nil
    }
}
