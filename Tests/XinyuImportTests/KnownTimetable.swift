import Foundation
@testable import XinyuImport

/// One known timetable, written below in many layouts: three classes, five days, six periods
/// (four in the morning, two in the afternoon) with bell times, some free periods, a double
/// period (一年级(1)班 语文 on Monday 1–2) and a 单双周 period (一年级(2)班 Wednesday 3: 体育 王五
/// in odd weeks, 音乐 李四 in even weeks).
enum Known {
    static let classes = ["一年级(1)班", "一年级(2)班", "三年级(2)班"]
    static let grades = [1, 1, 3]
    static let days = 5, periods = 6
    static let times = ["08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30", "14:00-14:40", "14:50-15:30"]
    static let school = "吉林市XX小学"
    static let subjects = ["语文", "数学", "英语", "科学", "美术", "道德与法治", "体育", "书法", "班会"]
    static let teachers = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"]

    enum Slot: Equatable { case free, lesson(String, String), weeks(odd: (String, String), even: (String, String))
        static func == (a: Slot, b: Slot) -> Bool { "\(a)" == "\(b)" }
    }

    static func slot(_ c: Int, _ d: Int, _ p: Int) -> Slot {
        if c == 0 && d == 1 && (p == 1 || p == 2) { return .lesson("语文", "张三") }
        if c == 1 && d == 3 && p == 3 { return .weeks(odd: ("体育", "王五"), even: ("音乐", "李四")) }
        if p >= 5 && (c + d + p) % 4 == 0 { return .free }
        let s = (c * 3 + d * 2 + p) % subjects.count
        return .lesson(subjects[s], teachers[(s + c) % teachers.count])
    }

    /// The pack rows expected: "class d-p weeks subject teacher".
    static func rows(teachers withTeachers: Bool = true) -> [String] {
        var out: [String] = []
        for (c, name) in classes.enumerated() {
            for d in 1...days {
                for p in 1...periods {
                    switch slot(c, d, p) {
                    case .free: break
                    case .lesson(let s, let t): out.append("\(name) \(d)-\(p) all \(s) \(withTeachers ? t : "")")
                    case .weeks(let odd, let even):
                        out.append("\(name) \(d)-\(p) odd \(odd.0) \(withTeachers ? odd.1 : "")")
                        out.append("\(name) \(d)-\(p) even \(even.0) \(withTeachers ? even.1 : "")")
                    }
                }
            }
        }
        return out.sorted()
    }

    /// How a layout writes a lesson cell.
    enum Form: CaseIterable { case newline, space, paren, fullParen, colon, subjectOnly }

    static func text(_ slot: Slot, _ form: Form) -> String {
        func one(_ s: String, _ t: String) -> String {
            switch form {
            case .newline: return "\(s)\n\(t)"
            case .space: return "\(s) \(t)"
            case .paren: return "\(s)(\(t))"
            case .fullParen: return "\(s)（\(t)）"
            case .colon: return "\(t)：\(s)"
            case .subjectOnly: return s
            }
        }
        switch slot {
        case .free: return ""
        case .lesson(let s, let t): return one(s, t)
        case .weeks(let odd, let even):
            switch form {
            case .newline: return "\(odd.0)/\(even.0)\n\(odd.1)/\(even.1)"
            case .fullParen: return "单周\(one(odd.0, odd.1)) 双周\(one(even.0, even.1))"
            case .subjectOnly: return "\(even.0)(双)/\(odd.0)(单)"
            default: return "\(one(odd.0, odd.1))/\(one(even.0, even.1))"
            }
        }
    }
}
