// classes.csv: `class,grade,stage,students` — the classes of one school.

struct ClassesResult {
    var classes: [SchoolClass] = []
    /// Every class id the file names, valid row or not, so that timetable.csv is not flooded
    /// with "unknown class" errors for a class whose row has another problem.
    var ids: Set<String> = []
    /// Whether the file could be read at all (if not, class ids are not checked elsewhere).
    var readable = false
}

enum ClassesFile {
    static func read(root: String, folder: String, stages: [Stage]?, log: inout DiagnosticLog) -> ClassesResult {
        let path = folder + "/classes.csv"
        var result = ClassesResult()
        guard let table = CSVTable.read(root: root, path, required: ["class", "grade", "stage"],
                                        optional: ["students"], log: &log) else { return result }
        result.readable = true
        var lineOfID: [String: Int] = [:]
        for row in table.records {
            var ok = true
            func fail(_ field: String, _ message: String) {
                log.error(path, line: row.line, field: field, message)
                ok = false
            }
            // class: a valid id, once in the school.
            let id = row["class"]
            if let problem = idProblem(id) {
                fail("class", "class id \(quoted(id)) \(problem)")
            } else if let first = lineOfID[id] {
                fail("class", "class \(quoted(id)) is listed twice (also at line \(first))")
            } else {
                lineOfID[id] = row.line
            }
            result.ids.insert(id)
            // grade: 1–12 (小学 1–6, 初中 7–9, 高中 10–12).
            let grade = wholeNumber(row["grade"], in: 1...12)
            if grade == nil { fail("grade", "grade \(quoted(row["grade"])) is not 1–12") }
            // stage: one of the school's stages.
            let stage = Stage(rawValue: row["stage"].lowercased())
            if stage == nil {
                fail("stage", "stage \(quoted(row["stage"])) is not one of \(stageNames)")
            } else if let stages, !stages.contains(stage!) {
                fail("stage", "stage \(quoted(row["stage"])) is not one of the school's stages (\(stages.map(\.rawValue).joined(separator: ", ")) in school.toml)")
            }
            // students: empty or a whole number 0–10000 (a class; more is a typo, and district
            // sums of students must not overflow).
            var students: Int?
            if !row["students"].isEmpty {
                students = wholeNumber(row["students"], in: PackLimits.studentsRange)
                if students == nil {
                    fail("students", wholeNumber(row["students"], in: 0...Int.max) != nil
                        ? "students \(quoted(row["students"])) is more than \(PackLimits.studentsRange.upperBound) in one class"
                        : "students \(quoted(row["students"])) is not a whole number ≥ 0")
                }
            }
            if ok, let grade, let stage {
                result.classes.append(SchoolClass(id: id, grade: grade, stage: stage, students: students))
            }
        }
        if table.records.isEmpty {
            log.error(path, "the school has no classes")
        }
        return result
    }
}
