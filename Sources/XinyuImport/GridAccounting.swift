// How each non-empty cell of a grid source was used: a lesson, a label of some kind, or skipped
// with a reason. The counts add up to the number of non-empty cells (a merged range is one cell),
// which `--dry-run` prints; a cell nothing explains is "unknown" (a warning, an error with --strict).

import Foundation

enum LabelKind: String, CaseIterable, Sendable {
    case klass = "class", day, period, time, title, info, separator, header, teacher
    var chinese: String {
        switch self {
        case .klass: return "班级"
        case .day: return "星期"
        case .period: return "节次"
        case .time: return "时间"
        case .title: return "标题"
        case .info: return "信息行"
        case .separator: return "分隔"
        case .header: return "表头"
        case .teacher: return "教师行"
        }
    }
}

enum CellUse: Hashable, Sendable {
    /// A lesson cell and the lesson-periods it gave (a double period merged over two rows gives 2).
    case lesson(Int)
    case label(LabelKind)
    case skipped(String)
    case unknown(String)
}

struct GridAccounting: Sendable {
    private(set) var uses: [String: [GridPosition: CellUse]] = [:]
    private(set) var tableOrder: [String] = []
    private(set) var cellCount = 0

    /// Records a use of a cell. A lesson use adds up (a cell read at two rows of its merged range);
    /// a label does not replace a lesson.
    mutating func record(_ table: String, _ p: GridPosition, _ use: CellUse) {
        if uses[table] == nil { tableOrder.append(table); uses[table] = [:] }
        switch (uses[table]?[p], use) {
        case (.lesson(let a)?, .lesson(let b)): uses[table]?[p] = .lesson(a + b)
        case (.lesson?, _): return
        case (.label?, .label), (.label?, .skipped), (.skipped?, .label): return
        default: uses[table]?[p] = use
        }
    }

    func use(_ table: String, _ p: GridPosition) -> CellUse? { uses[table]?[p] }

    mutating func countCells(_ n: Int) { cellCount += n }

    /// The unknown cells, for warnings: "file.xlsx[S1]!H3 "xyz" (reason)".
    func unknown(places: (String, GridPosition) -> String) -> [String] {
        var out: [String] = []
        for t in tableOrder {
            for (p, use) in (uses[t] ?? [:]).sorted(by: { $0.key < $1.key }) {
                if case .unknown(let why) = use { out.append("\(places(t, p)) \(why)") }
            }
        }
        return out
    }

    /// The accounting as report lines.
    func lines() -> [String] {
        var lessons = 0, lessonPeriods = 0
        var labels: [LabelKind: Int] = [:]
        var skipped: [String: Int] = [:]
        var unknown = 0
        for t in tableOrder {
            for use in (uses[t] ?? [:]).values {
                switch use {
                case .lesson(let n): lessons += 1; lessonPeriods += n
                case .label(let k): labels[k, default: 0] += 1
                case .skipped(let why): skipped[why, default: 0] += 1
                case .unknown: unknown += 1
                }
            }
        }
        let labelTotal = labels.values.reduce(0, +), skippedTotal = skipped.values.reduce(0, +)
        var out = ["Cells 单元格: \(cellCount) non-empty 非空 = \(lessons) lessons 课程 (\(lessonPeriods) class-periods 课时) + \(labelTotal) labels 标签 + \(skippedTotal) skipped 跳过 + \(unknown) unknown 未识别"
                   + (lessons + labelTotal + skippedTotal + unknown == cellCount ? "" : "  ≠ (MISMATCH 不符)")]
        let labelText = LabelKind.allCases.compactMap { k in labels[k].map { "\(k.rawValue) \(k.chinese) \($0)" } }
        if !labelText.isEmpty { out.append("  labels 标签: " + labelText.joined(separator: ", ")) }
        if !skipped.isEmpty { out.append("  skipped 跳过: " + skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) }
        return out
    }
}
