// Writing a district pack (for the generator and the importers) in the contract's layout.

import Foundation

public enum PackWriter {
    /// Writes `district` as a pack folder at `path`: district.toml, calendar.csv (when there are
    /// entries), and schools/<id>/ with school.toml, classes.csv, timetable.csv, teachers.csv and
    /// unavailable.csv (when there are entries). Rows keep the order of the district's arrays
    /// (dictionaries are written in key order), so the same district gives the same bytes.
    ///
    /// The pack is written into a temporary sibling folder that is then renamed to `path`, so a
    /// half-written pack is never seen. An existing `path` is refused unless `overwrite`, and even
    /// then only an empty folder or a pack (a folder with district.toml) is replaced.
    /// The district is written as given; it is not validated (read it back to validate it).
    public static func write(_ district: District, to path: String, overwrite: Bool) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDir)
        if exists {
            guard overwrite else { throw PackWriteError(path: path, en: "already exists (overwrite to replace it)", zh: "已存在（如需替换请选择覆盖）") }
            let entries = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            guard isDir.boolValue, entries.isEmpty || entries.contains("district.toml") else {
                throw PackWriteError(path: path, en: "exists and is not a pack (no district.toml); refusing to replace it",
                                     zh: "已存在且不是数据包（没有 district.toml），拒绝替换")
            }
        }
        for school in district.schools {
            guard isValidID(school.id), school.id != ".", school.id != "..", !school.id.contains("/"), !school.id.contains("\0") else {
                throw PackWriteError(path: path, en: "school id \(quoted(school.id)) cannot be a folder name",
                                     zh: "学校编号 \(quoted(school.id)) 不能用作文件夹名")
            }
        }

        let parent = target.deletingLastPathComponent().path
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw PackWriteError(path: parent, en: "cannot create folder: \(error.localizedDescription)",
                                 zh: "无法创建文件夹：\(error.localizedDescription)")
        }
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent + "/." + target.lastPathComponent + ".tmp-" + suffix
        do {
            for (relPath, text) in files(district) {
                try AtomicFile.write(text, to: temporary + "/" + relPath)
            }
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }

        // Move the new pack into place; an old pack is moved aside first and removed after.
        var old: String?
        if exists {
            old = parent + "/." + target.lastPathComponent + ".old-" + suffix
            guard rename(target.path, old!) == 0 else {
                try? fm.removeItem(atPath: temporary)
                throw PackWriteError(path: path, en: "cannot move the old pack aside: \(AtomicFile.errnoText())",
                                     zh: "无法移开原有数据包：\(AtomicFile.errnoText())")
            }
        }
        guard rename(temporary, target.path) == 0 else {
            let reason = AtomicFile.errnoText()
            if let old { _ = rename(old, target.path) }
            try? fm.removeItem(atPath: temporary)
            throw PackWriteError(path: path, en: "cannot move the new pack into place: \(reason)", zh: "无法将新数据包移入：\(reason)")
        }
        AtomicFile.syncDirectory(parent)
        if let old { try? fm.removeItem(atPath: old) }
    }

    /// The pack's files: relative path → text, in a fixed order.
    static func files(_ district: District) -> [(String, String)] {
        var files: [(String, String)] = [("district.toml", districtTOML(district))]
        if !district.calendar.isEmpty {
            files.append(("calendar.csv", CSVText.document(
                header: ["date", "kind", "follows_weekday", "note"],
                rows: district.calendar.map { [$0.date.iso, $0.kind.rawValue, $0.followsWeekday.map(String.init) ?? "", $0.note] },
                bom: false)))
        }
        for school in district.schools {
            let folder = "schools/" + school.id + "/"
            files.append((folder + "school.toml", schoolTOML(school)))
            files.append((folder + "classes.csv", CSVText.document(
                header: ["class", "grade", "stage", "students"],
                rows: school.classes.map { [$0.id, String($0.grade), $0.stage.rawValue, $0.students.map(String.init) ?? ""] },
                bom: false)))
            files.append((folder + "timetable.csv", CSVText.document(
                header: ["class", "weekday", "period", "subject", "teacher", "weeks"],
                rows: school.timetable.map {
                    [$0.classID, String($0.weekday), String($0.period), $0.subject, $0.teachers.joined(separator: ";"), $0.weeks.rawValue]
                },
                bom: false)))
            files.append((folder + "teachers.csv", CSVText.document(
                header: ["teacher", "name", "psych", "stages", "max_per_day", "max_per_week"],
                rows: school.teachers.map {
                    [$0.id, $0.name, $0.psych.rawValue, $0.stages.map(\.rawValue).joined(separator: ";"),
                     $0.maxPerDay.map(String.init) ?? "", $0.maxPerWeek.map(String.init) ?? ""]
                },
                bom: false)))
            if !school.unavailable.isEmpty {
                // The `kind` column (a Xinyu extension) only when some row is a training day.
                let training = school.unavailable.contains(where: \.training)
                files.append((folder + "unavailable.csv", CSVText.document(
                    header: ["teacher", "when", "periods", "reason"] + (training ? ["kind"] : []),
                    rows: school.unavailable.map {
                        [$0.teacher, whenText($0.when), periodsText($0.periods), $0.reason] + (training ? [$0.training ? "training" : ""] : [])
                    },
                    bom: false)))
            }
            if !school.pins.isEmpty {
                files.append((folder + "pinned.csv", CSVText.document(
                    header: PinnedFile.header,
                    rows: school.pins.map {
                        [$0.classID, whenText($0.when), $0.period.map(String.init) ?? "", $0.teacher, $0.kind.rawValue]
                    },
                    bom: false)))
            }
        }
        return files
    }

    static func districtTOML(_ district: District) -> String {
        let policy = district.policy, weights = district.preferences
        var lines = [
            "name = \(TOMLText.string(district.name))",
            "",
            "[term]",
            "start = \(TOMLText.date(district.termStart))",
            "end = \(TOMLText.date(district.termEnd))",
            "",
            "[policy]",
            "lessons_per_month = \(policy.lessonsPerMonth)",
            "max_per_week = \(policy.maxPerWeek)",
            "same_teacher = \(policy.sameTeacher)",
            "use_free_periods = \(policy.useFreePeriods)",
            "free_period_cost = \(TOMLText.number(policy.freePeriodCost))",
        ]
        if !policy.displaceable.isEmpty {
            lines += ["", "[policy.displaceable]"]
            lines += policy.displaceable.keys.sorted().map { "\(TOMLText.key($0)) = \(TOMLText.number(policy.displaceable[$0]!))" }
        }
        if !policy.monthMinimum.isEmpty {
            lines += ["", "[policy.month_minimum]"]
            lines += policy.monthMinimum.keys.sorted().map { "\(TOMLText.key($0)) = \(policy.monthMinimum[$0]!)" }
        }
        lines += [
            "",
            "[preferences]",
            "displacement = \(TOMLText.number(weights.displacement))",
            "rhythm = \(TOMLText.number(weights.rhythm))",
            "spread = \(TOMLText.number(weights.spread))",
            "load_balance = \(TOMLText.number(weights.loadBalance))",
        ]
        lines += StaffingFile.text(district.staffing)
        let topics = district.topics
        if !topics.byStage.isEmpty || !topics.byGrade.isEmpty {
            func list(_ ts: [TopicPlan.Topic]) -> String {
                "[" + ts.map { TOMLText.string($0.title.isEmpty ? $0.area : $0.area + ":" + $0.title) }.joined(separator: ", ") + "]"
            }
            lines += ["", "[topics]"]
            for stage in Stage.allCases { if let ts = topics.byStage[stage] { lines.append("\(stage.rawValue) = \(list(ts))") } }
            for grade in topics.byGrade.keys.sorted() { lines.append("grade\(grade) = \(list(topics.byGrade[grade]!))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func schoolTOML(_ school: School) -> String {
        var lines = [
            "name = \(TOMLText.string(school.name))",
            "stages = [\(school.stages.map { TOMLText.string($0.rawValue) }.joined(separator: ", "))]",
            "days_per_week = \(school.daysPerWeek)",
            "periods_per_day = \(school.periodsPerDay)",
        ]
        if !school.periodTimes.isEmpty {
            lines.append("period_times = [\(school.periodTimes.map(TOMLText.string).joined(separator: ", "))]")
        }
        if let room = school.counselingRoom {
            lines += ["", "[counseling_room]", "hours_per_week = \(TOMLText.number(room.hoursPerWeek))"]
            if room.parentSlotsPerWeek > 0 { lines.append("parent_slots_per_week = \(room.parentSlotsPerWeek)") }
            if !room.windows.isEmpty { lines.append("windows = [\(room.windows.map { TOMLText.string($0.text) }.joined(separator: ", "))]") }
            if let h = room.maxTeacherHoursPerWeek { lines.append("max_teacher_hours_per_week = \(TOMLText.number(h))") }
            if room.countsTowardLimits { lines.append("counts_toward_limits = true") }
        }
        if let room = school.activityRoom {
            lines += ["", "[activity_room]", "rooms = \(room.rooms)", "share = \(TOMLText.number(room.share))"]
        }
        if let lectures = school.lectures {
            lines += ["", "[lectures]", "grades = [\(lectures.grades.map(String.init).joined(separator: ", "))]",
                      "area = \(TOMLText.string(lectures.area))"]
            if !lectures.title.isEmpty { lines.append("title = \(TOMLText.string(lectures.title))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func whenText(_ when: Unavailability.When) -> String {
        switch when {
        case .date(let date): return date.iso
        case .weekday(let weekday): return String(weekday)
        }
    }

    /// {1, 2, 3, 6} → "1-3;6"; nil (the whole day) → "".
    static func periodsText(_ periods: Set<Int>?) -> String {
        guard let periods else { return "" }
        var parts: [String] = []
        var runStart: Int?
        var previous = Int.min
        for p in periods.sorted() {
            if p == previous + 1 {
                previous = p
                continue
            }
            if let start = runStart { parts.append(start == previous ? "\(start)" : "\(start)-\(previous)") }
            runStart = p
            previous = p
        }
        if let start = runStart { parts.append(start == previous ? "\(start)" : "\(start)-\(previous)") }
        return parts.joined(separator: ";")
    }
}
