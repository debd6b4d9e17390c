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
            func fail(_ field: String, _ text: Bilingual) {
                log.error(path, line: row.line, field: field, text)
                ok = false
            }
            func fail(_ field: String, en: String, zh: String) { fail(field, Bilingual(en: en, zh: zh)) }
            // class: a valid id, once in the school.
            let id = row["class"]
            if let problem = idProblem(id) {
                fail("class", XinyuPack.problem(Bilingual(en: "class id", zh: "班级编号"), id, problem))
            } else if let first = lineOfID[id] {
                fail("class", en: "class \(quoted(id)) is listed twice (also at line \(first))",
                              zh: "班级 \(quoted(id)) 重复列出（另见第 \(first) 行）")
            } else {
                lineOfID[id] = row.line
            }
            result.ids.insert(id)
            // grade: 1–12 (小学 1–6, 初中 7–9, 高中 10–12).
            let grade = wholeNumber(row["grade"], in: 1...12)
            if grade == nil { fail("grade", en: "grade \(quoted(row["grade"])) is not 1–12", zh: "年级 \(quoted(row["grade"])) 不是 1–12 之一") }
            // stage: one of the school's stages.
            let stage = Stage(rawValue: row["stage"].lowercased())
            if stage == nil {
                fail("stage", StageListProblem.unknown(row["stage"]).message)
            } else if let stages, !stages.contains(stage!) {
                let list = stages.map(\.rawValue).joined(separator: ", ")
                fail("stage", en: "stage \(quoted(row["stage"])) is not one of the school's stages (\(list) in school.toml)",
                     zh: "学段 \(quoted(row["stage"])) 不是本校的学段（school.toml 中为 \(list)）")
            }
            // students: empty or a whole number 0–10000 (a class; more is a typo, and district
            // sums of students must not overflow).
            var students: Int?
            if !row["students"].isEmpty {
                students = wholeNumber(row["students"], in: PackLimits.studentsRange)
                if students == nil {
                    let n = quoted(row["students"]), most = PackLimits.studentsRange.upperBound
                    fail("students", wholeNumber(row["students"], in: 0...Int.max) != nil
                        ? Bilingual(en: "students \(n) is more than \(most) in one class", zh: "学生数 \(n) 超过一个班 \(most) 人的上限")
                        : Bilingual(en: "students \(n) is not a whole number ≥ 0", zh: "学生数 \(n) 不是 ≥ 0 的整数"))
                }
            }
            if ok, let grade, let stage {
                result.classes.append(SchoolClass(id: id, grade: grade, stage: stage, students: students))
            }
        }
        if table.records.isEmpty {
            log.error(path, en: "the school has no classes", zh: "学校没有班级")
        }
        return result
    }
}
