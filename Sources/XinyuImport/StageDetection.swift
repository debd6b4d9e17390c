// The stage and grade of a class, read from its name when the name says so. Chinese grades:
// 小学 1–6, 初中 7–9, 高中 10–12 (the 6-3-3 system). Recognised forms:
//   高一(3)班, 高1-3        → senior, grade 10 + n − 1     (高一 … 高三)
//   初二3班, 初2(1)          → junior, grade 7 + n − 1      (初一 … 初三)
//   七年级2班, 3年级1班      → grade n (一 … 十二 or digits), stage from the grade
//   Grade 7 B, G10-2         → grade n
//   一(1)班, 三（2）班        → grade n (a Chinese numeral before a bracketed class number)
//   7A, 10-2, 6.1            → a leading number 1–12 not followed by another digit
// Anything else ("S1", "C1A", "Form 1", "2023级1班") says nothing: the class takes --stage and the
// first grade of that stage, and the report says so.

import XinyuPack

enum StageDetection {
    /// The stage a grade 1–12 belongs to.
    static func stage(ofGrade grade: Int) -> Stage {
        grade <= 6 ? .primary : grade <= 9 ? .junior : .senior
    }

    /// The first grade of a stage (used when only the stage is known).
    static func firstGrade(_ stage: Stage) -> Int {
        switch stage {
        case .primary: return 1
        case .junior: return 7
        case .senior: return 10
        }
    }

    static let chineseDigits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]

    /// A number written as ASCII digits or Chinese numerals (一 … 十二) at the start of `s`, and
    /// the characters it used.
    static func leadingNumber(_ s: Substring) -> (value: Int, length: Int)? {
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty { return Int(digits).map { ($0, digits.count) } }
        let han = s.prefix { chineseDigits[$0] != nil }
        guard !han.isEmpty, han.count <= 3 else { return nil }
        let chars = Array(han)
        if chars.count == 1 { return (chineseDigits[chars[0]]!, 1) }
        if chars.count == 2, chars[0] == "十" { return (10 + chineseDigits[chars[1]]!, 2) }
        return nil
    }

    /// (stage, grade) from a class name, or nil when the name does not say.
    static func detect(_ name: String) -> (stage: Stage, grade: Int)? {
        let s = Substring(name.trimmingCharacters(in: .whitespaces))
        // 高一 … 高三, 初一 … 初三.
        for (prefix, stage, base) in [("高", Stage.senior, 10), ("初", Stage.junior, 7)] where s.hasPrefix(prefix) {
            if let n = leadingNumber(s.dropFirst()), (1...3).contains(n.value) { return (stage, base + n.value - 1) }
            // 初二三班: the grade is the one numeral after 初/高, the class number follows.
            if let c = s.dropFirst().first, let n = chineseDigits[c] ?? c.wholeNumberValue, (1...3).contains(n) { return (stage, base + n - 1) }
        }
        // n年级 anywhere (e.g. "小学三年级2班").
        if let r = s.range(of: "年级") {
            var start = r.lowerBound
            while start > s.startIndex {
                let before = s.index(before: start)
                let c = s[before]
                if (c.isASCII && c.isNumber) || chineseDigits[c] != nil { start = before } else { break }
            }
            if let n = leadingNumber(s[start..<r.lowerBound]), n.length == s.distance(from: start, to: r.lowerBound),
               (1...12).contains(n.value) {
                // 初中一年级 is grade 7, 高中二年级 grade 11.
                if s.contains("初中") && n.value <= 3 { return (.junior, 6 + n.value) }
                if s.contains("高中") && n.value <= 3 { return (.senior, 9 + n.value) }
                return (stage(ofGrade: n.value), n.value)
            }
        }
        // 一(1)班, 三（2）班: a Chinese numeral grade before the class number in brackets.
        if let n = leadingNumber(s), s.first.map({ chineseDigits[$0] != nil }) ?? false, (1...9).contains(n.value),
           let next = s.dropFirst(n.length).first, next == "(" || next == "（" {
            return (stage(ofGrade: n.value), n.value)
        }
        // Grade 7 / G7.
        let lower = s.lowercased()
        for prefix in ["grade ", "grade", "g"] where lower.hasPrefix(prefix) {
            let rest = Substring(lower.dropFirst(prefix.count))
            if let n = leadingNumber(rest), n.value >= 1, n.value <= 12,
               rest.dropFirst(n.length).first.map({ !($0.isASCII && $0.isNumber) }) ?? true,
               rest.first?.isASCII == true {
                return (stage(ofGrade: n.value), n.value)
            }
        }
        // A leading number: 7A, 10-2, 6.1.
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, let n = Int(digits), (1...12).contains(n) {
            return (stage(ofGrade: n), n)
        }
        return nil
    }
}
