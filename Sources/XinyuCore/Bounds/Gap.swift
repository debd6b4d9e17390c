/// The gap of a district: its worst group's, (cost − bound) / cost, where the bound is Xinyu's
/// own (nil when some group has no bound). Summing costs and bounds over schools would hide a
/// poor school behind good ones.
extension DistrictResult {
    public var worstGap: Double? { plans.isEmpty ? 0 : worstPlan?.gap }

    /// The `gapLimit` of the group that makes `worstGap` (Search/GapLimits.swift); nil without groups.
    public var worstGapLimit: String? { worstPlan?.gapLimit }

    /// The first group without a bound if one has none (the district's gap is then unknown),
    /// else the first group of largest gap.
    private var worstPlan: GroupPlan? {
        if let unbounded = plans.first(where: { $0.gap == nil }) { return unbounded }
        var worst: GroupPlan? = nil
        for p in plans where (p.gap ?? 0) > (worst?.gap ?? -1) { worst = p }
        return worst
    }
}
