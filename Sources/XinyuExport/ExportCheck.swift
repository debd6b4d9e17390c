import XinyuCore
import XinyuPack

/// What `xinyu export` checks before it writes anything: the independent verifiers, as `xinyu
/// verify` runs them, on the schedule (and its lessons.csv and duty files when present). Months
/// short of their minimum are not a broken rule here: a schedule that `solve` wrote with exit 3
/// explains them, and the exports show them. months.csv is not checked either: the exports
/// recompute it from the lessons.
public enum ExportCheck {
    public static func violations(_ input: ExportInput, scheduleDirectory dir: String) throws(PackError) -> [Violation] {
        var lessons = input.lessons
        // A grade lecture is marked in lessons.csv (needed for a grade of one class).
        let marked = Set(input.details.filter(\.lesson.lecture).map { Verifier.lectureKey($0.lesson) + "\u{1}" + $0.lesson.classID })
        for i in lessons.indices where marked.contains(Verifier.lectureKey(lessons[i]) + "\u{1}" + lessons[i].classID) { lessons[i].lecture = true }
        var out = Verifier.check(input.district, lessons, allowShort: true)
        if !input.details.isEmpty {
            out += DetailsVerifier.check(input.district, lessons: lessons, details: input.details, allowShort: true)
        }
        if let shifts = try DutyFiles.read(directory: dir) {
            out += DutyVerifier.check(input.district, lessons: lessons, shifts: shifts, allowShort: true)
        }
        return out
    }
}
