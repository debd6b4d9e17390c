// School types and sizes: which stages a school has, how many classes each grade has and how
// many students each class has (school-facts.md "Sizes").

import XinyuPack

/// The kinds of school in the sample district.
enum SchoolKind: CaseIterable {
    case primary, junior, nineYear, senior

    var stages: [Stage] {
        switch self {
        case .primary: return [.primary]
        case .junior: return [.junior]
        case .nineYear: return [.primary, .junior]
        case .senior: return [.senior]
        }
    }

    /// The district's mix for `n` schools: about 10% senior, 10% nine-year, 25% junior and the
    /// rest (about 55%) primary, in a seeded random order. Integer arithmetic only.
    static func mix(count n: Int, rng: inout SplitMix64) -> [SchoolKind] {
        let senior = (n * 10 + 50) / 100
        let nine = (n * 10 + 50) / 100
        let junior = (n * 25) / 100
        let primary = n - senior - nine - junior
        var kinds = Array(repeating: SchoolKind.primary, count: primary)
            + Array(repeating: .junior, count: junior)
            + Array(repeating: .nineYear, count: nine)
            + Array(repeating: .senior, count: senior)
        rng.shuffle(&kinds)
        return kinds
    }
}

/// A school's stages and classes (before teachers and timetable).
struct SchoolLayout {
    var kind: SchoolKind
    var classes: [SchoolClass]

    var stages: [Stage] { kind.stages }
    var grades: [Int] {
        var seen: [Int] = []
        for c in classes where seen.last != c.grade { seen.append(c.grade) }
        return seen
    }
    func students(of stage: Stage) -> Int {
        classes.filter { $0.stage == stage }.reduce(0) { $0 + ($1.students ?? 0) }
    }
    func classCount(of stage: Stage) -> Int { classes.filter { $0.stage == stage }.count }

    /// A school of `kind` with a seeded random size inside the kind's band:
    /// primary 2–6 classes a grade (12–36), junior 4–10 (12–30), nine-year 2–4 (18–36),
    /// senior 8–12 (24–36). Each grade varies by at most one class from the school's base.
    static func random(_ kind: SchoolKind, rng: inout SplitMix64) -> SchoolLayout {
        let band: ClosedRange<Int>
        let bases: [Int]
        let grades: ClosedRange<Int>
        switch kind {
        case .primary: band = 2...6; bases = [2, 3, 3, 3, 4, 4, 4, 5, 6]; grades = 1...6
        case .junior: band = 4...10; bases = [4, 5, 6, 6, 7, 8, 9, 10]; grades = 7...9
        case .nineYear: band = 2...4; bases = [2, 3, 3, 4]; grades = 1...9
        case .senior: band = 8...12; bases = [8, 9, 10, 10, 11, 12]; grades = 10...12
        }
        let base = rng.pick(bases)
        let counts = grades.map { grade -> (Int, Int) in
            var n = base
            if rng.chance(30) { n += rng.chance(50) ? 1 : -1 }
            return (grade, min(band.upperBound, max(band.lowerBound, n)))
        }
        return SchoolLayout(kind: kind, classes: makeClasses(counts, rng: &rng))
    }

    /// A school of `kind` as a province has them: about 20% small rural schools (村小、教学点:
    /// one class a grade; a junior or senior school two or four), about 10% large urban ones
    /// (primary 7–10 classes a grade, junior 12–16, nine-year 5–8, senior 14–20), the rest as in
    /// the sample district (`random`). `tierRng` decides the tier, `rng` the sizes.
    static func province(_ kind: SchoolKind, tierRng: inout SplitMix64, rng: inout SplitMix64) -> SchoolLayout {
        let roll = tierRng.int(0...99)
        let grades: ClosedRange<Int>
        switch kind {
        case .primary: grades = 1...6
        case .junior: grades = 7...9
        case .nineYear: grades = 1...9
        case .senior: grades = 10...12
        }
        let perGrade: ClosedRange<Int>
        if roll < 20 {
            switch kind {
            case .primary, .nineYear: perGrade = 1...1
            case .junior: perGrade = 2...2
            case .senior: perGrade = 4...4
            }
        } else if roll >= 90 {
            switch kind {
            case .primary: perGrade = 7...10
            case .junior: perGrade = 12...16
            case .nineYear: perGrade = 5...8
            case .senior: perGrade = 14...20
            }
        } else {
            return random(kind, rng: &rng)
        }
        let base = rng.int(perGrade)
        let counts = grades.map { grade -> (Int, Int) in
            var n = base
            if perGrade.count > 1 && rng.chance(30) { n += rng.chance(50) ? 1 : -1 }
            return (grade, min(perGrade.upperBound, max(perGrade.lowerBound, n)))
        }
        return SchoolLayout(kind: kind, classes: makeClasses(counts, rng: &rng))
    }

    /// One school of about `total` classes, for benchmarks of single schools. Up to 36 classes it
    /// is a primary school (at least one class a grade); above that a nine-year school (grades 1–9).
    /// From 37 classes on, the classes per grade (5 and more; 8 at 72, 13–14 at 120) exceed the
    /// usual 2–4 of a nine-year school: large urban 九年一贯制 schools of that size exist, and the
    /// point is the size. Lower grades get the remainder, as enrolments grow.
    static func forced(classes total: Int, rng: inout SplitMix64) -> SchoolLayout {
        let kind: SchoolKind = total <= 36 ? .primary : .nineYear
        let grades = kind == .primary ? Array(1...6) : Array(1...9)
        let n = max(total, grades.count)
        let counts = grades.enumerated().map { i, g in (g, n / grades.count + (i < n % grades.count ? 1 : 0)) }
        return SchoolLayout(kind: kind, classes: makeClasses(counts, rng: &rng))
    }

    /// Classes `g-1` … `g-k` per grade, with student numbers: primary 35–45 (the 45 norm),
    /// junior 38–52 and senior 40–55 (norm 50, some over it, none 大班额 ≥ 56).
    private static func makeClasses(_ counts: [(Int, Int)], rng: inout SplitMix64) -> [SchoolClass] {
        var classes: [SchoolClass] = []
        for (grade, k) in counts {
            let stage = CoursePlan.stage(ofGrade: grade)
            let range: ClosedRange<Int> = stage == .primary ? 35...45 : stage == .junior ? 38...52 : 40...55
            for i in 1...k {
                classes.append(SchoolClass(id: "\(grade)-\(i)", grade: grade, stage: stage,
                                           students: rng.int(range)))
            }
        }
        return classes
    }
}
