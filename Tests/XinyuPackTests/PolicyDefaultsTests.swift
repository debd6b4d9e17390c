import Foundation
import XCTest
@testable import XinyuPack

/// The defaults have one owner (`PolicyDefaults`): the types and the reader start from it, and
/// the documentation states the same values (docs/FORMAT.md, docs/IMPORT.md are read here).
final class PolicyDefaultsTests: XCTestCase {
    static let docs: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/docs/"
    }()

    /// Each documented key with the code's value, as the docs write it.
    static let documented: [String: String] = [
        "lessons_per_month": "\(PolicyDefaults.lessonsPerMonth)",
        "max_per_week": "\(PolicyDefaults.maxPerWeek)",
        "same_teacher": "\(PolicyDefaults.sameTeacher)",
        "use_free_periods": "\(PolicyDefaults.useFreePeriods)",
        "free_period_cost": number(PolicyDefaults.freePeriodCost),
        "displacement": number(PolicyDefaults.displacementWeight),
        "rhythm": number(PolicyDefaults.rhythmWeight),
        "spread": number(PolicyDefaults.spreadWeight),
        "load_balance": number(PolicyDefaults.loadBalanceWeight),
        "students_per_parttime": "\(PolicyDefaults.studentsPerParttime)",
        "counseling_min_hours": number(PolicyDefaults.counselingMinHours),
        "fulltime_max_per_week": "\(PolicyDefaults.fulltimeMaxPerWeek)",
        "fulltime_max_per_day": "\(PolicyDefaults.fulltimeMaxPerDay)",
        "parttime_max_per_week": "\(PolicyDefaults.parttimeMaxPerWeek)",
        "parttime_max_per_day": "\(PolicyDefaults.parttimeMaxPerDay)",
    ]

    static func number(_ d: Double) -> String { d == d.rounded() ? "\(Int(d))" : "\(d)" }

    /// `key = value  # … (default X…` lines of the TOML examples in docs/FORMAT.md.
    func tomlDefaults(_ text: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "="), let marker = line.range(of: "(default ") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }), line.contains("#") else { continue }
            let rest = line[marker.upperBound...]
            found[key] = String(rest.prefix { $0 != ";" && $0 != ")" && $0 != "," })
        }
        return found
    }

    func testFormatDocStatesTheCodesDefaults() throws {
        let format = try String(contentsOfFile: Self.docs + "FORMAT.md", encoding: .utf8)
        let stated = tomlDefaults(format)
        // Every default the examples state is one of the code's, and every one of the code's is stated.
        XCTAssertEqual(Set(stated.keys), Set(Self.documented.keys), "keys with a stated default")
        for (key, value) in Self.documented.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(stated[key], value, "docs/FORMAT.md: default of \(key)")
        }
        XCTAssertTrue(format.contains("`days_per_week` (1–7, default \(PolicyDefaults.daysPerWeek))"), "days_per_week")
        XCTAssertTrue(format.contains("`periods_per_day` (1–16, default \(PolicyDefaults.periodsPerDay))"), "periods_per_day")
        XCTAssertTrue(format.contains("or \(PolicyDefaults.capacityDays) × periods per day when empty"), "weekly capacity")
    }

    func testImportDocStatesTheProposedDisplaceableSubjects() throws {
        let text = try String(contentsOfFile: Self.docs + "IMPORT.md", encoding: .utf8)
        // The docs list them by cost (highest first), then name.
        let listed = PolicyDefaults.importDisplaceable.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "\($0.key)=\(Self.number($0.value))" }.joined(separator: ", ")
        XCTAssertTrue(text.contains("default `\(listed)`"), "docs/IMPORT.md states --displaceable's default as \(listed)")
    }

    /// The types start from the defaults, and a pack that leaves every key out reads as them.
    func testTypesAndReaderStartFromTheDefaults() throws {
        let policy = Policy(), weights = PreferenceWeights(), staffing = StaffingSettings()
        XCTAssertEqual(policy.lessonsPerMonth, PolicyDefaults.lessonsPerMonth)
        XCTAssertEqual(policy.maxPerWeek, PolicyDefaults.maxPerWeek)
        XCTAssertEqual(policy.sameTeacher, PolicyDefaults.sameTeacher)
        XCTAssertEqual(policy.useFreePeriods, PolicyDefaults.useFreePeriods)
        XCTAssertEqual(policy.freePeriodCost, PolicyDefaults.freePeriodCost)
        XCTAssertEqual([weights.displacement, weights.rhythm, weights.spread, weights.loadBalance],
                       [PolicyDefaults.displacementWeight, PolicyDefaults.rhythmWeight, PolicyDefaults.spreadWeight, PolicyDefaults.loadBalanceWeight])
        XCTAssertEqual(staffing.studentsPerParttime, PolicyDefaults.studentsPerParttime)
        XCTAssertEqual(staffing.counselingMinHours, PolicyDefaults.counselingMinHours)
        XCTAssertEqual([staffing.fulltimeMaxPerWeek, staffing.fulltimeMaxPerDay, staffing.parttimeMaxPerWeek, staffing.parttimeMaxPerDay],
                       [PolicyDefaults.fulltimeMaxPerWeek, PolicyDefaults.fulltimeMaxPerDay, PolicyDefaults.parttimeMaxPerWeek, PolicyDefaults.parttimeMaxPerDay])
        let bare = pack(["schools/A/school.toml": "name = \"A校\"\nstages = [\"primary\"]\n"])
        guard let loaded = load(bare) else { return }
        XCTAssertEqual(loaded.district.policy, policy)
        XCTAssertEqual(loaded.district.preferences, weights)
        XCTAssertEqual(loaded.district.staffing, staffing)
        XCTAssertEqual(loaded.district.schools.map(\.daysPerWeek), [PolicyDefaults.daysPerWeek])
        XCTAssertEqual(loaded.district.schools.map(\.periodsPerDay), [PolicyDefaults.periodsPerDay])
    }

    func testWeeklyCapacity() {
        XCTAssertEqual(PolicyDefaults.weeklyCapacity(maxPerWeek: 3, periodsPerDay: 8), 3)
        XCTAssertEqual(PolicyDefaults.weeklyCapacity(maxPerWeek: 0, periodsPerDay: 8), 0)
        XCTAssertEqual(PolicyDefaults.weeklyCapacity(maxPerWeek: nil, periodsPerDay: 7), 7 * PolicyDefaults.capacityDays)
    }
}
