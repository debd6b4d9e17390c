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

/// report.md, for people first: the outcome, the decisions (who is short, why, what to do, at what
/// cost), every school, every shortfall explained; then `sections` (the rest of the policy, an
/// interruption); the solver's figures (objective, bound, gap, model sizes, preferences) last, in
/// an appendix. Chinese and English.
public func reportMarkdown(_ r: DistrictResult, solverName: String, solverVersion: String, packHash: String,
                           sections: [String] = []) -> String {
    var out = reportHeader(r)
    out += decisionsMarkdown(r)
    out += schoolsMarkdown(r)
    out += shortfallsMarkdown(r)
    var text = out.joined(separator: "\n") + "\n"
    for s in sections { text += s }
    let appendix = reportAppendix(r, solverName: solverName, solverVersion: solverVersion, packHash: packHash)
    return text + appendix.joined(separator: "\n") + "\n"
}

/// Title, district, term, policy and the outcome in two sentences.
private func reportHeader(_ r: DistrictResult) -> [String] {
    var out: [String] = []
    let d = r.district
    out.append("# 心理健康课排课报告 / Mental-health lesson schedule report")
    out.append("")
    out.append("- 区 / District: \(d.name)")
    out.append("- 学期 / Term: \(d.termStart.iso) – \(d.termEnd.iso)")
    out.append("- 政策 / Policy: 每班每月至少 \(d.policy.lessonsPerMonth) 节 (lessons_per_month), 每班每周至多 \(d.policy.maxPerWeek) 节 (max_per_week), same_teacher = \(d.policy.sameTeacher), use_free_periods = \(d.policy.useFreePeriods)"
               + (d.policy.monthMinimum.isEmpty ? "" : ", month_minimum: " + d.policy.monthMinimum.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")))
    out.append("")
    let required = r.months.reduce(0) { $0 + $1.required }
    let counted = r.months.reduce(0) { $0 + min($1.required, $1.scheduled) }
    out.append("## 结论 / Outcome")
    out.append("")
    if r.allMet {
        out.append("所有班级每月均达到最低课时。 Every class meets its minimum in every month: \(r.lessons.count) lessons placed, \(required) required.")
    } else {
        let short = r.months.filter { $0.scheduled < $0.required }
        let schools = Set(short.map(\.school)).count
        out.append("\(schools) 所学校有 \(short.count) 个班级-月份未达到最低课时，共缺 \(required - counted) 节（决定与原因见下）。 \(short.count) class-months at \(schools) school(s) are below their minimum, \(required - counted) lessons short (decisions and reasons below).")
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
    return out
}

/// Every school's required, placed and missing lessons.
private func schoolsMarkdown(_ r: DistrictResult) -> [String] {
    var out = ["## 学校 / Schools", ""]
    out.append("| school | name | classes | required | placed | short | status |")
    out.append("|---|---|---:|---:|---:|---:|---|")
    for s in r.district.schools {
        let rows = r.months.filter { $0.school == s.id }
        let req = rows.reduce(0) { $0 + $1.required }
        let placed = r.lessons.filter { $0.school == s.id }.count
        let short = rows.reduce(0) { $0 + max(0, $1.required - $1.scheduled) }
        out.append("| \(s.id) | \(s.name) | \(s.classes.count) | \(req) | \(placed) | \(short) | \(short == 0 ? "ok 达标" : "short 未达标") |")
    }
    out.append("")
    return out
}

/// Every short class-month with its reasons; class-months of one school, month and reasons are one item.
private func shortfallsMarkdown(_ r: DistrictResult) -> [String] {
    guard !r.shortfalls.isEmpty else { return [] }
    var out = ["## 未达标说明 / Shortfalls explained", ""]
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
    return out
}

/// The heading that opens report.md's appendix.
public let reportAppendixHeading = "## 附录：求解数据 / Appendix: solver figures"

/// `report` with `section` (a whole Markdown section ending in a blank line) placed just before
/// the appendix, or at the end when there is none: what is known only once writing begins (an
/// interruption) still comes before the solver's figures.
public func insertBeforeAppendix(_ report: String, _ section: String) -> String {
    guard let at = report.range(of: "\n" + reportAppendixHeading + "\n") else {
        return report + (report.hasSuffix("\n\n") ? "" : "\n") + section
    }
    return String(report[..<at.lowerBound]) + "\n" + section + String(report[report.index(after: at.lowerBound)...])
}

/// The appendix: software and pack, the solver's figures per group, model sizes, preferences.
private func reportAppendix(_ r: DistrictResult, solverName: String, solverVersion: String, packHash: String) -> [String] {
    var out = [reportAppendixHeading, ""]
    out.append("- Xinyu \(XinyuVersion.string), \(solverName) \(solverVersion), pack hash `\(packHash)`")
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
    out.append("### 偏好 / Preferences")
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
    return out
}
