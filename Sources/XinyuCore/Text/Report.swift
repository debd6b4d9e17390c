import Foundation
import XinyuPack

public enum XinyuVersion {
    public static let string = "0.1.0"
}

/// FNV-1a 64-bit hash of every file of a pack (paths and bytes, in path order): the pack's
/// fingerprint in reports.
public func packHash(root: String) -> String {
    let fm = FileManager.default
    var paths: [String] = []
    if let e = fm.enumerator(atPath: root) {
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue { paths.append(p) }
        }
    }
    var h: UInt64 = 0xcbf29ce484222325
    func eat<S: Sequence>(_ bytes: S) where S.Element == UInt8 { for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 } }
    for p in paths.sorted() {
        eat(Array(p.utf8)); eat([0])
        if let d = fm.contents(atPath: root + "/" + p) { eat(d) }
        eat([0])
    }
    return String(h, radix: 16)
}

/// report.md: status per school, the solver's stages, objective and bound, each preference's
/// cost, every shortfall explained (in Chinese and English).
public func reportMarkdown(_ r: DistrictResult, solverName: String, solverVersion: String, packHash: String) -> String {
    var out: [String] = []
    let d = r.district
    out.append("# 心理健康课排课报告 / Mental-health lesson schedule report")
    out.append("")
    out.append("- 区 / District: \(d.name)")
    out.append("- 学期 / Term: \(d.termStart.iso) – \(d.termEnd.iso)")
    out.append("- 政策 / Policy: 每班每月至少 \(d.policy.lessonsPerMonth) 节 (lessons_per_month), 每班每周至多 \(d.policy.maxPerWeek) 节 (max_per_week), same_teacher = \(d.policy.sameTeacher), use_free_periods = \(d.policy.useFreePeriods)"
               + (d.policy.monthMinimum.isEmpty ? "" : ", month_minimum: " + d.policy.monthMinimum.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")))
    out.append("- Xinyu \(XinyuVersion.string), \(solverName) \(solverVersion), pack hash `\(packHash)`")
    out.append("")
    let required = r.months.reduce(0) { $0 + $1.required }
    let counted = r.months.reduce(0) { $0 + min($1.required, $1.scheduled) }
    out.append("## 结论 / Outcome")
    out.append("")
    if r.allMet {
        out.append("所有班级每月均达到最低课时。 Every class meets its minimum in every month: \(r.lessons.count) lessons placed, \(required) required.")
    } else {
        let short = r.months.filter { $0.scheduled < $0.required }
        out.append("有 \(short.count) 个班级-月份未达到最低课时，共缺 \(required - counted) 节（原因见下）。 \(short.count) class-months are below their minimum, \(required - counted) lessons short (reasons below).")
    }
    // Where the fewest missing lessons could not be proven, say how far the proof got and why.
    let unproven = r.plans.filter { !$0.shortfallProven }
    if !unproven.isEmpty { out.append("") }
    for p in unproven {
        let (zh, en) = p.stages.contains(where: \.workLimitReached)
            ? ("精确阶段达到工作量上限（单纯形迭代次数）", "the exactness stage reached its work limit (simplex iterations)")
            : ("搜索因时间上限或中断而结束", "the search ended at the time limit or was interrupted")
        out.append("- \(p.instance.schools.joined(separator: "+"))：缺课数未证明最少——本方案缺 \(p.shortfall) 节，任何方案至少缺 \(p.shortfallBound) 节；\(zh)。 Fewest missing lessons not proven: this schedule misses \(p.shortfall), every schedule misses at least \(p.shortfallBound); \(en).")
    }
    out.append("")
    out.append("## 学校 / Schools")
    out.append("")
    out.append("| school | name | classes | required | placed | short | status |")
    out.append("|---|---|---:|---:|---:|---:|---|")
    for s in d.schools {
        let rows = r.months.filter { $0.school == s.id }
        let req = rows.reduce(0) { $0 + $1.required }
        let placed = r.lessons.filter { $0.school == s.id }.count
        let short = rows.reduce(0) { $0 + max(0, $1.required - $1.scheduled) }
        out.append("| \(s.id) | \(s.name) | \(s.classes.count) | \(req) | \(placed) | \(short) | \(short == 0 ? "ok 达标" : "short 未达标") |")
    }
    out.append("")
    out.append("## 求解 / Solver")
    out.append("")
    out.append("| group | status | shortfall | shortfall bound | objective | lower bound | gap | bound of |")
    out.append("|---|---|---:|---:|---:|---:|---:|---|")
    for p in r.plans {
        out.append("| \(p.instance.schools.joined(separator: "+")) | \(p.quality.rawValue) | \(p.shortfall) | \(p.shortfallBound) | \(fmt(p.objective)) | \(p.bound.map { fmt($0) } ?? "-") | \(p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-") | \(p.boundNote) |")
    }
    out.append("")
    if r.plans.count > 1, let worst = r.worstGap {
        out.append("最大差距（各组中最差者）/ Worst gap of a group: \(String(format: "%.2f%%", worst * 100)) — gap = (cost − bound) / cost.")
        out.append("")
    }
    out.append("Stages (columns × rows, status):")
    out.append("")
    for p in r.plans {
        let stages = p.stages.map { "\($0.name) \($0.variables)×\($0.constraints) \($0.status.rawValue)" + ($0.workLimitReached ? " (work limit)" : "") }
        out.append("- \(p.instance.schools.joined(separator: "+")): " + stages.joined(separator: "; "))
    }
    out.append("")
    out.append("## 偏好 / Preferences")
    out.append("")
    out.append("| preference | weight | amount | cost |")
    out.append("|---|---:|---:|---:|")
    let costs = r.plans.map { $0.instance.score($0.placements) }
    for name in ["displacement", "rhythm", "spread", "load_balance"] {
        let weight = costs.first?.items.first { $0.name == name }?.weight ?? 0
        let amount = costs.reduce(0) { $0 + $1.amount(name) }
        out.append("| \(name) | \(fmt(weight)) | \(fmt(amount)) | \(fmt(weight * amount)) |")
    }
    out.append("| total | | | \(fmt(costs.reduce(0) { $0 + $1.total })) |")
    out.append("")
    if !r.shortfalls.isEmpty {
        out.append("## 未达标说明 / Shortfalls explained")
        out.append("")
        // Class-months with the same school, month and reasons are one item.
        var groups: [(key: String, items: [Shortfall])] = []
        for s in r.shortfalls {
            let key = s.school + "\u{1}" + s.month + "\u{1}" + s.reasons.map(\.en).joined(separator: "\u{1}")
            if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].items.append(s) } else { groups.append((key, [s])) }
        }
        for g in groups {
            let first = g.items[0]
            let classes = g.items.map { "\($0.classID) (\($0.scheduled)/\($0.required))" }.joined(separator: ", ")
            out.append("- **\(first.school) \(first.month)** — \(g.items.count) 个班 / class(es): \(classes)")
            for t in first.reasons {
                out.append("  - \(t.zh)")
                out.append("  - \(t.en)")
            }
        }
        out.append("")
    }
    return out.joined(separator: "\n") + "\n"
}
