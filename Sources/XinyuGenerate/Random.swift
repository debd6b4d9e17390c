// The generator's own pseudo-random numbers: SplitMix64 (Steele, Lea & Flood 2014), fully
// specified integer arithmetic, so the same seed gives the same district on every platform and
// Swift version. It deliberately does not conform to `RandomNumberGenerator`, so no standard
// library algorithm (whose internals may change) can consume it by accident.

struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for one purpose: the seed mixed with a list of labels
    /// (e.g. school index and `Purpose`), so changing one part of the generator does not
    /// shift the random numbers of another.
    init(seed: UInt64, _ labels: UInt64...) {
        var s = SplitMix64(seed: seed ^ 0x5851_F42D_4C95_7F2D)
        var h = s.next()
        for label in labels {
            s = SplitMix64(seed: h ^ (label &* 0x9E37_79B9_7F4A_7C15))
            h = s.next()
        }
        state = h
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (modulo bias is negligible for these tiny ranges).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// A uniform index below `n` (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Fisher–Yates.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var copy = items
        shuffle(&copy)
        return copy
    }
}

/// Labels of the independent random streams (see `SplitMix64.init(seed:_:)`).
enum Purpose: UInt64 {
    case districtMix = 1      // which school is which type
    case understaffing        // which schools lack psychology staff
    case sharing              // which schools share a 巡回 teacher
    case layout               // a school's grades and classes
    case names                // school and teacher names
    case teachers             // subject-teacher assignment and 班主任
    case timetable            // slot placement
    case psych                // psychology staffing plan and limits
    case unavailable          // teachers' weekly unavailable half-days
    case provinceTier         // a province school's size tier (small rural, usual, large urban)
}
