import ArgumentParser
import XinyuPack
import XinyuVerify

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-check a schedule against the pack: exit 0 when it keeps every rule, 1 with the list otherwise. 校验排课。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @Argument(help: "The directory holding schedule.csv (and months.csv).")
    var schedule: String

    func run() throws {
        let loaded = try loadPack(pack, quiet: true)
        let files: (lessons: [Lesson], months: [MonthRow]?)
        do {
            files = try ScheduleFiles.read(directory: schedule)
        } catch {
            for d in error.diagnostics { printError("\(schedule)/\(d)") }
            throw ExitCode(Exit.invalidInput)
        }
        // lessons.csv and duty.csv (Xinyu extensions), when present, are checked too.
        var lessons = files.lessons
        var details: [LessonDetail]?
        var shifts: [DutyShift]?
        do {
            details = try LessonDetailsFile.read(directory: schedule)
            shifts = try DutyFiles.read(directory: schedule)
        } catch {
            for d in error.diagnostics { printError("\(schedule)/\(d)") }
            throw ExitCode(Exit.invalidInput)
        }
        if let details {
            // A grade lecture is marked in lessons.csv (needed for a grade of one class).
            let marked = Set(details.filter(\.lesson.lecture).map { Verifier.lectureKey($0.lesson) + "\u{1}" + $0.lesson.classID })
            for i in lessons.indices where marked.contains(Verifier.lectureKey(lessons[i]) + "\u{1}" + lessons[i].classID) { lessons[i].lecture = true }
        }
        // Costs of replaced periods are not in the file; the rules do not need them.
        var violations = Verifier.check(loaded.district, lessons, months: files.months)
        if let details { violations += DetailsVerifier.check(loaded.district, lessons: lessons, details: details, allowShort: false) }
        if let shifts { violations += DutyVerifier.check(loaded.district, lessons: lessons, shifts: shifts, allowShort: false) }
        if violations.isEmpty {
            print("\(schedule): \(files.lessons.count) lessons keep every rule. / 排课符合全部规则。")
            return
        }
        for v in violations { print(v.description) }
        print("\(violations.count) violation(s). / 发现 \(violations.count) 处违规。")
        throw ExitCode(Exit.verifyFailed)
    }
}
