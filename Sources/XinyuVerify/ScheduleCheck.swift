import Foundation
import XinyuPack

/// A written file derived from schedule.csv (months.csv, lessons.csv, duty files, report.md, or
/// schedule.csv's own row order) that no longer matches the schedule: not a broken rule, just
/// something `xinyu refresh` rewrites. Told in one line.
public struct StaleFile: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public init(file: String) { self.file = file }
    public var description: String {
        if file == "schedule.csv" {
            return "schedule.csv rows are out of order: run `xinyu refresh` / schedule.csv 行顺序已乱：请运行 xinyu refresh"
        }
        return "\(file) is out of date: run `xinyu refresh` / \(file) 已过期：请运行 xinyu refresh"
    }
}

/// What `xinyu verify` finds in an output folder: the rules the schedule itself breaks, and the
/// derived files that are merely out of date (after a hand edit of schedule.csv).
public struct ScheduleCheck: Sendable {
    public var lessons: [Lesson]
    public var broken: [Violation]
    public var stale: [StaleFile]
}

/// The output folder as written: the schedule (in its rows' order) and the files beside it.
public struct OutputFolder: Sendable {
    public var lessons: [Lesson]
    public var months: [MonthRow]?
    public var details: [LessonDetail]?
    public var shifts: [DutyShift]?
    public var files: Set<String>
    public init(lessons: [Lesson], months: [MonthRow]?, details: [LessonDetail]?, shifts: [DutyShift]?, files: Set<String>) {
        self.lessons = lessons
        self.months = months
        self.details = details
        self.shifts = shifts
        self.files = files
    }

    /// Reads schedule.csv and, when present, months.csv, lessons.csv and duty.csv of `directory`.
    /// Lessons marked `lecture` in lessons.csv are grade lectures.
    public static func read(_ directory: String) throws(PackError) -> OutputFolder {
        let base = try ScheduleFiles.read(directory: directory)
        let details = try LessonDetailsFile.read(directory: directory)
        let shifts = try DutyFiles.read(directory: directory)
        var lessons = base.lessons
        if let details {
            // A grade lecture is marked in lessons.csv (needed for a grade of one class).
            let marked = Set(details.filter(\.lesson.lecture).map { Verifier.lectureKey($0.lesson) + "\u{1}" + $0.lesson.classID })
            for i in lessons.indices where marked.contains(Verifier.lectureKey(lessons[i]) + "\u{1}" + lessons[i].classID) { lessons[i].lecture = true }
        }
        let names = ["months.csv", "lessons.csv", "duty.csv", "duty-weekly.csv", "report.md"]
        let present = names.filter { FileManager.default.fileExists(atPath: directory + "/" + $0) }
        return OutputFolder(lessons: lessons, months: base.months, details: details, shifts: shifts, files: Set(present))
    }
}

/// A lesson as a derived file repeats it: every column of schedule.csv.
private func identity(_ l: Lesson) -> String {
    [l.school, l.classID, l.date.iso, String(l.weekday), String(l.period), l.teacher, l.replaces].joined(separator: "\u{1}")
}

extension ScheduleCheck {
    /// Checks an output folder against the pack. The schedule's own rules (every rule of the
    /// verifier, with `allowShort` deciding whether monthly minimums and lectures count) are
    /// broken rules. A derived file is out of date when it does not match the schedule it sits
    /// beside: months.csv when it differs from the months the schedule gives; lessons.csv when
    /// its rows' schedule columns are not the schedule's rows; the duty files and report.md when either of those is
    /// out of date (they were written from the same schedule). The rules of an out-of-date file
    /// (rooms, topics, duty) are not checked until it is refreshed; those of a current one are.
    public static func run(_ district: District, _ folder: OutputFolder, allowShort: Bool = false) -> ScheduleCheck {
        let lessons = folder.lessons.sorted()
        var broken = Verifier.check(district, lessons, allowShort: allowShort)
        var stale: [StaleFile] = []
        if lessons != folder.lessons { stale.append(StaleFile(file: "schedule.csv")) }
        let monthsStale = folder.months.map { $0 != Verifier.monthsTable(district, lessons) } ?? false
        let detailsStale = folder.details.map { d in
            d.map { identity($0.lesson) }.sorted() != lessons.map(identity).sorted()
        } ?? false
        let changed = monthsStale || detailsStale
        if monthsStale { stale.append(StaleFile(file: "months.csv")) }
        if detailsStale { stale.append(StaleFile(file: "lessons.csv")) }
        if let details = folder.details, !detailsStale {
            broken += DetailsVerifier.check(district, lessons: lessons, details: details, allowShort: allowShort)
        }
        if let shifts = folder.shifts {
            if changed {
                stale.append(StaleFile(file: "duty.csv"))
            } else {
                broken += DutyVerifier.check(district, lessons: lessons, shifts: shifts, allowShort: allowShort)
            }
        }
        if changed {
            for f in ["duty-weekly.csv", "report.md"] where folder.files.contains(f) { stale.append(StaleFile(file: f)) }
        }
        return ScheduleCheck(lessons: lessons, broken: broken, stale: stale)
    }
}
