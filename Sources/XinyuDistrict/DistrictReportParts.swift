// Parts of the district's report.md: the decisions table right after the totals (who is short
// or understaffed and what to do, the worst first) and the appendix at the end with the solver's
// figures (objective, bound, gap, model sizes) and the preferences, which an officer rarely needs.

import Foundation

extension DistrictOutcome {
    /// `## 需要决定 / Decisions`: one row per school in trouble, in the order given (worst first).
    func decisionsTable(_ trouble: [SchoolRecord]) -> [String] {
        var out = ["## 需要决定 / Decisions", ""]
        if trouble.isEmpty {
            return out + ["无需决定：每所学校都达标且配备符合要求。 Nothing to decide: every school meets every minimum and the staffing rule.", ""]
        }
        out.append("| school | name | status | short lessons | 怎么办 / what to do (详见下文 / details below) |")
        out.append("|---|---|---|---:|---|")
        for s in trouble {
            let status = s.status == "short" ? "short 未达标" : "understaffed 配备不足"
            let advice = s.adviceLine.isEmpty ? "见下文 / see below" : s.adviceLine
            out.append("| \(s.id) | \(s.name) | \(status) | \(s.shortLessons) | \(advice.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        out.append("")
        return out
    }

    /// `## 附录 / Appendix`: software and pack, the solver's figures per group with model sizes,
    /// the preferences' costs.
    var appendixMarkdown: [String] {
        var out = ["## 附录：求解数据 / Appendix: solver figures", ""]
        out.append("- \(software), pack hash `\(packHash)`")
        out.append("")
        out.append("| group | status | shortfall | shortfall bound | objective | lower bound | gap | bound of |")
        out.append("|---|---|---:|---:|---:|---:|---:|---|")
        for g in groups {
            out.append("| \(g.schools.joined(separator: "+")) | \(g.quality) | \(g.shortfall) | \(g.shortfallBound) | \(g.objective) | \(g.bound) | \(g.gap) | \(g.boundNote) |")
        }
        out.append("")
        out.append("Stages (columns × rows, status):")
        out.append("")
        for g in groups { out.append("- \(g.schools.joined(separator: "+")): \(g.stages)") }
        out.append("")
        out.append("### 偏好 / Preferences")
        out.append("")
        out.append("| preference | weight | amount | cost |")
        out.append("|---|---:|---:|---:|")
        var total = 0.0
        for name in preferenceNames {
            let weight = groups.first?.weights[name] ?? 0
            let amount = groups.reduce(0.0) { $0 + ($1.amounts[name] ?? 0) }
            total += weight * amount
            out.append("| \(name) | \(f2(weight)) | \(f2(amount)) | \(f2(weight * amount)) |")
        }
        out.append("| total | | | \(f2(total)) |")
        out.append("")
        return out
    }
}
