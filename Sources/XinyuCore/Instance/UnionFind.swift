/// Disjoint sets over 0..<count (path halving): the one union-find of the planner (school
/// groups, counting pools, duty groups).
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    /// The root of `i`'s set.
    mutating func find(_ i: Int) -> Int {
        var i = i
        while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
        return i
    }

    /// Joins the sets of `a` and `b`: `a`'s root goes under `b`'s, so a caller that wants a
    /// particular element to name the set (the smallest, say) passes it as `b`.
    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[ra] = rb }
    }
}
