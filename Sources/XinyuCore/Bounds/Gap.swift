/// The gap of a district: its worst group's, (cost − bound) / cost, where the bound is Xinyu's
/// own (nil when some group has no bound). Summing costs and bounds over schools would hide a
/// poor school behind good ones.
extension DistrictResult {
    public var worstGap: Double? {
        var worst = 0.0
        for p in plans {
            guard let g = p.gap else { return nil }
            worst = max(worst, g)
        }
        return worst
    }

    /// The `gapLimit` of the group that makes `worstGap`: the first group without a bound if one
    /// has none (`worstGap` is then nil), else the group of largest gap (ties: the first); nil
    /// without groups.
    public var worstGapLimit: String? {
        var worst: GroupPlan? = nil
        for p in plans {
            guard let g = p.gap else { return p.gapLimit }
            if g > (worst?.gap ?? -1) { worst = p }
        }
        return worst?.gapLimit
    }
}
