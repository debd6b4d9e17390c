// teachers.csv: `teacher,name,psych,stages,max_per_day,max_per_week` — every teacher named in
// the timetable, plus the psychology teachers.

struct TeachersResult {
    var teachers: [Teacher] = []
    /// Teacher id → line, for every id the file names (valid row or not).
    var lineOfID: [String: Int] = [:]
    var readable = false
}

enum TeachersFile {
    static func read(root: String, folder: String, log: inout DiagnosticLog) -> TeachersResult {
        let path = folder + "/teachers.csv"
        var result = TeachersResult()
        guard let table = CSVTable.read(root: root, path, required: ["teacher", "name", "psych", "stages", "max_per_day", "max_per_week"],
                                        log: &log) else { return result }
        result.readable = true
        for row in table.records {
            var ok = true
            func fail(_ field: String, _ text: Bilingual) {
                log.error(path, line: row.line, field: field, text)
                ok = false
            }
            func fail(_ field: String, en: String, zh: String) { fail(field, Bilingual(en: en, zh: zh)) }
            // teacher: a valid id, once in the file.
            let id = row["teacher"]
            if let problem = idProblem(id) {
                fail("teacher", XinyuPack.problem(Bilingual(en: "teacher id", zh: "教师编号"), id, problem))
            } else if let first = result.lineOfID[id] {
                fail("teacher", en: "teacher \(quoted(id)) is listed twice (also at line \(first))",
                     zh: "教师 \(quoted(id)) 重复列出（另见第 \(first) 行）")
            } else {
                result.lineOfID[id] = row.line
            }
            if let problem = nameProblem(row["name"]) { fail("name", XinyuPack.problem(Bilingual(en: "name", zh: "姓名"), row["name"], problem)) }
            // psych: full (专职), part (兼职) or none.
            let psych = PsychRole(rawValue: row["psych"].lowercased())
            if psych == nil { fail("psych", en: "psych \(quoted(row["psych"])) is not one of full, part, none",
                                 zh: "心理教师类型 psych \(quoted(row["psych"])) 不是 full（专职）、part（兼职）、none（非心理教师）之一") }
            // stages: the stages a psychology teacher teaches; required for full and part.
            var stages: [Stage] = []
            if row["stages"].isEmpty {
                if let psych, psych.teaches {
                    fail("stages", en: "a \(psych.rawValue) psychology teacher needs stages (e.g. \"primary;junior\")",
                         zh: "\(psych == .full ? "专职" : "兼职")心理教师须填写学段 stages（如 \"primary;junior\"）")
                }
            } else {
                switch stageList(row["stages"]) {
                case .success(let list): stages = list
                case .failure(let problem): fail("stages", problem.message)
                }
            }
            // max_per_day, max_per_week: empty (no limit) or a whole number 0–1000 (more is a typo,
            // and sums of such limits must not overflow).
            func limit(_ column: String) -> Int? {
                let text = row[column]
                if text.isEmpty { return nil }
                if let value = wholeNumber(text, in: PackLimits.teacherLimitRange) { return value }
                if wholeNumber(text, in: 0...Int.max) != nil {
                    fail(column, en: "\(column) \(quoted(text)) is more than \(PackLimits.teacherLimitRange.upperBound) (leave it empty for no limit)",
                         zh: "\(column) \(quoted(text)) 大于 \(PackLimits.teacherLimitRange.upperBound)（不设上限请留空）")
                } else {
                    fail(column, en: "\(column) \(quoted(text)) is not empty or a whole number ≥ 0",
                         zh: "\(column) \(quoted(text)) 既不是空也不是 ≥ 0 的整数")
                }
                return nil
            }
            let maxPerDay = limit("max_per_day"), maxPerWeek = limit("max_per_week")
            if ok, let psych {
                result.teachers.append(Teacher(id: id, name: row["name"], psych: psych, stages: stages,
                                               maxPerDay: maxPerDay, maxPerWeek: maxPerWeek))
            }
        }
        return result
    }
}
