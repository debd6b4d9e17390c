import XCTest
import XinyuCore
import XinyuGenerate
import XinyuPack

/// `--time-limit` covers building the instance (issue 17 item 11): on a generated big school a
/// build whose deadline has passed stops at once, with the group named, instead of running on.
/// (An already-passed deadline, not a long run: the test stays quick.)
final class BuildDeadlineTests: XCTestCase {
    /// One school of about 100 classes (its build takes seconds in a debug build).
    static let big = DistrictGenerator.generate(GeneratorOptions(schools: 1, seed: 5, term: .autumn2026, classesPerSchool: 100))
    /// Its instance built without a deadline, and how long that took (built once for both tests).
    static let plain: (instance: Instance, seconds: Double) = {
        let t0 = Date()
        let inst = Instance(district: big, schools: big.schools)
        return (inst, Date().timeIntervalSince(t0))
    }()

    func testExpiredDeadlineStopsTheBuildAtOnce() {
        let d = Self.big
        _ = Self.plain
        XCTAssertGreaterThanOrEqual(d.schools[0].classes.count, 80)
        let started = Date()
        XCTAssertThrowsError(try Instance(district: d, schools: d.schools, deadline: BuildDeadline(secondsFromNow: -1, grace: 0))) { error in
            guard let stop = error as? TimeLimitReached else { return XCTFail("\(error)") }
            XCTAssertEqual(stop.stage, .building(schools: d.schools[0].id))
            XCTAssertTrue(stop.text.en.contains("time limit reached during instance building of \(d.schools[0].id)"), stop.text.en)
            XCTAssertTrue(stop.text.zh.contains("时间上限"), stop.text.zh)
        }
        // It stopped before the first class: far quicker than the build it cut short.
        XCTAssertLessThan(Date().timeIntervalSince(started), Self.plain.seconds / 2)
        XCTAssertEqual(Self.plain.instance.classes.count, d.schools[0].classes.count)
    }

    func testDeadlineNotReachedBuildsTheSameInstance() throws {
        let d = Self.big
        let plain = Self.plain.instance
        let timed = try Instance(district: d, schools: d.schools, deadline: BuildDeadline(secondsFromNow: 3600, grace: 0))
        XCTAssertEqual(timed.classes.map(\.id), plain.classes.map(\.id))
        XCTAssertEqual(timed.classes.map { $0.candidates.count }, plain.classes.map { $0.candidates.count })
        XCTAssertEqual(timed.classes.flatMap { $0.candidates.flatMap(\.options) }, plain.classes.flatMap { $0.candidates.flatMap(\.options) })
        XCTAssertEqual(timed.days.map(\.date), plain.days.map(\.date))
        XCTAssertEqual(timed.teachers.map(\.id), plain.teachers.map(\.id))
    }

    /// A group reached after the deadline still gets its grace (a late group of a district run
    /// is built, and gets its greedy schedule); the grace is a tenth of the limit, at most 1 s.
    func testGraceLetsALateBuildFinish() throws {
        let d = DistrictGenerator.generate(GeneratorOptions(schools: 1, seed: 5, term: .autumn2026))
        let late = try Instance(district: d, schools: d.schools, deadline: BuildDeadline(secondsFromNow: -5, grace: 600))
        XCTAssertEqual(late.classes.count, d.schools[0].classes.count)
        XCTAssertEqual(BuildDeadline(limit: 30).grace, 1)
        XCTAssertEqual(BuildDeadline(limit: 2).grace, 0.2, accuracy: 1e-12)
    }
}
