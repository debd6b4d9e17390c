// The weekly course plan: periods a week per subject and grade.
//
// Grades 1–9 follow Jilin's older course table (school-facts.md; columns add up to 26/30/34),
// with 地方课程 2 and 校本课程 1 in every grade. Every class also has 班会 1 a week (as Liaoning
// requires 班团队活动 ≥ 1): in grades 1–2 it is taken from 品德 (3 → 道德与法治 2 + 班会 1), in grades
// 3–9 from 综合实践 (which includes 班队活动 in the table: 4 → 3, 2 → 1, 3 → 2). 科学/理化生 is split
// into the junior sciences (7: 生物 3; 8: 物理 2 + 生物 2; 9: 物理 3 + 化学 3) and 音乐+美术 into
// 音乐 and 美术. Senior high (grades 10–12) has 35 periods with 自习 periods (an inference from the
// 普通高中课程方案; grade 12 trades 艺术 and 信息技术 for more 自习).

import XinyuPack

/// One subject's weekly periods in a grade.
struct CourseLine: Equatable {
    var subject: String
    var periods: Int
}

enum CoursePlan {
    /// Subjects that are "academic" for Jilin's rule "no academic lesson in period 7 (grades 1–6) /
    /// period 8 (grades 7–9)". Everything else (体育, 音乐, 美术, 综合实践, 地方课程, 校本课程, 班会, 自习)
    /// may sit in those periods.
    static let academic: Set<String> = [
        "道德与法治", "语文", "数学", "英语", "科学", "物理", "化学", "生物", "历史", "地理",
        "思想政治", "信息技术",
    ]

    /// The period that must not hold an academic lesson in `grade`, if any (Jilin's older plan).
    static func lastPeriodRule(grade: Int) -> Int? {
        switch grade {
        case 1...6: return 7
        case 7...9: return 8
        default: return nil
        }
    }

    /// Total weekly periods of a grade: 26 (1–2), 30 (3–6), 34 (7–9), 35 (10–12).
    static func weeklyTotal(grade: Int) -> Int {
        lines(grade: grade).reduce(0) { $0 + $1.periods }
    }

    /// The course plan of `grade` (1–12), in a fixed subject order.
    static func lines(grade: Int) -> [CourseLine] {
        func l(_ s: String, _ n: Int) -> CourseLine { CourseLine(subject: s, periods: n) }
        switch grade {
        case 1, 2:
            return [l("道德与法治", 2), l("语文", 8), l("数学", 4), l("音乐", 2), l("美术", 2), l("体育", 4),
                    l("地方课程", 2), l("校本课程", 1), l("班会", 1)]
        case 3, 4:
            return [l("道德与法治", 2), l("语文", 7), l("数学", 4), l("英语", 2), l("科学", 2), l("音乐", 2),
                    l("美术", 1), l("体育", 3), l("综合实践", 3), l("地方课程", 2), l("校本课程", 1), l("班会", 1)]
        case 5, 6:
            return [l("道德与法治", 2), l("语文", 6), l("数学", 5), l("英语", 3), l("科学", 3), l("音乐", 2),
                    l("美术", 1), l("体育", 3), l("综合实践", 1), l("地方课程", 2), l("校本课程", 1), l("班会", 1)]
        case 7:
            return [l("道德与法治", 2), l("语文", 5), l("数学", 5), l("英语", 4), l("生物", 3), l("历史", 2),
                    l("地理", 2), l("音乐", 1), l("美术", 1), l("体育", 3), l("综合实践", 2), l("地方课程", 2),
                    l("校本课程", 1), l("班会", 1)]
        case 8:
            return [l("道德与法治", 2), l("语文", 5), l("数学", 5), l("英语", 4), l("物理", 2), l("生物", 2),
                    l("历史", 2), l("地理", 2), l("音乐", 1), l("美术", 1), l("体育", 3), l("综合实践", 1),
                    l("地方课程", 2), l("校本课程", 1), l("班会", 1)]
        case 9:
            return [l("道德与法治", 2), l("语文", 5), l("数学", 5), l("英语", 4), l("物理", 3), l("化学", 3),
                    l("历史", 2), l("音乐", 1), l("美术", 1), l("体育", 3), l("综合实践", 1), l("地方课程", 2),
                    l("校本课程", 1), l("班会", 1)]
        case 10, 11:
            // 艺术 1 is 音乐 in grade 10 and 美术 in grade 11 (or an odd/even pair of both).
            return [l("语文", 5), l("数学", 5), l("英语", 5), l("物理", 3), l("化学", 2), l("生物", 2),
                    l("思想政治", 2), l("历史", 2), l("地理", 2), l("体育", 2),
                    l(grade == 10 ? "音乐" : "美术", 1), l("信息技术", 1), l("班会", 1), l("自习", 2)]
        default:
            return [l("语文", 5), l("数学", 5), l("英语", 5), l("物理", 3), l("化学", 3), l("生物", 2),
                    l("思想政治", 2), l("历史", 2), l("地理", 2), l("体育", 2), l("班会", 1), l("自习", 3)]
        }
    }

    /// The stage a grade belongs to.
    static func stage(ofGrade grade: Int) -> Stage {
        grade <= 6 ? .primary : grade <= 9 ? .junior : .senior
    }

    /// Periods per day of a school with these stages: primary 7, junior 8, senior 9 (evening
    /// self-study is outside the timetable). A school of several stages uses the longest day; the
    /// younger grades just leave the later periods free.
    static func periodsPerDay(_ stages: [Stage]) -> Int {
        stages.contains(.senior) ? 9 : stages.contains(.junior) ? 8 : 7
    }

    /// Grades of a stage.
    static func grades(_ stage: Stage) -> ClosedRange<Int> {
        switch stage {
        case .primary: return 1...6
        case .junior: return 7...9
        case .senior: return 10...12
        }
    }
}
