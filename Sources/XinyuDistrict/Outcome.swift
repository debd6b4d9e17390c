// What a district run found, school by school, in a form that can be stored (shard.json) and
// merged: schools.csv and report.md are rendered from it alone, so merged shards give the same
// bytes as one run.

import Foundation
import XinyuCore
import XinyuPack

/// A short class-month with its reasons.
public struct ShortRecord: Sendable, Hashable, Codable {
    public var classID: String
    public var month: String
    public var required: Int
    public var scheduled: Int
    public var reasons: [Line]
}

/// One school's line of the district run.
public struct SchoolRecord: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var stages: [String]
    public var classes: Int
    public var students: Int
    public var required: Int
    public var placed: Int
    /// Class-months below their minimum, and the lessons they miss.
    public var shortClassMonths: Int
    public var shortLessons: Int
    public var staffing: StaffingCheck
    /// The counseling room declared in school.toml, if any.
    public var room: CounselingRoom?
    /// `short`, `understaffed` or `ok`.
    public var status: String
    public var shortfalls: [ShortRecord]
    public var advice: Advice?

    /// The advice in one line: capacity and calendar advice, then what the staffing rule asks.
    public var adviceLine: String {
        var zh: [String] = [], en: [String] = []
        if let a = advice { let s = a.sentences; zh += s.zh; en += s.en }
        for st in staffing.stagesWithoutFulltime {
            zh.append("\(Stage(rawValue: st)!.chinese)学段配备1名专职心理教师")
            en.append("give stage \(st) a full-time psychology teacher")
        }
        let lacking = staffing.parttimeNeeded - staffing.parttime.count
        if lacking > 0 {
            zh.append("再配\(lacking)名兼职心理教师（按学生数）")
            en.append("add \(lacking) part-time psychology teacher(s) (by student numbers)")
        }
        if zh.isEmpty { return "" }
        return zh.joined(separator: "；") + " / " + en.joined(separator: "; ")
    }
}

/// One group of schools solved together.
public struct GroupRecord: Sendable, Hashable, Codable {
    public var schools: [String]
    public var quality: String
    public var shortfall: Int
    public var shortfallBound: Int
    public var objective: String
    public var bound: String
    public var gap: String
    public var boundNote: String
    public var stages: String
    /// Preference name → amount (weights in `weights`).
    public var amounts: [String: Double]
    public var weights: [String: Double]
}

/// Everything report.md and schools.csv are made of.
public struct DistrictOutcome: Sendable, Hashable, Codable {
    public var district: String
    public var term: String
    public var policy: String
    public var software: String
    public var packHash: String
    public var staffing: StaffingSettings
    public var schools: [SchoolRecord]
    public var groups: [GroupRecord]
}

/// shard.json: one shard's part of a district run.
public struct ShardFile: Sendable, Hashable, Codable {
    public var format = "xinyu-district-shard-1"
    /// This shard (0-based) and the number of shards.
    public var shard: Int
    public var of: Int
    public var outcome: DistrictOutcome
}

let preferenceNames = ["displacement", "rhythm", "spread", "load_balance"]

/// Builds the outcome of a run from the solve, the staffing checks and the advice.
public func makeOutcome(_ r: DistrictResult, fullDistrict: District, settings: OfficeSettings, advice: [String: Advice],
                        software: String, packHash: String) -> DistrictOutcome {
    let d = r.district
    let policy = "每班每月至少 \(d.policy.lessonsPerMonth) 节 (lessons_per_month), 每班每周至多 \(d.policy.maxPerWeek) 节 (max_per_week), same_teacher = \(d.policy.sameTeacher), use_free_periods = \(d.policy.useFreePeriods)"
        + (d.policy.monthMinimum.isEmpty ? "" : ", month_minimum: " + d.policy.monthMinimum.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))
    var schools: [SchoolRecord] = []
    for s in d.schools {
        let rows = r.months.filter { $0.school == s.id }
        let shortRows = rows.filter { $0.scheduled < $0.required }
        let staffing = checkStaffing(s, district: fullDistrict, settings: settings.staffing)
        let shortLessons = shortRows.reduce(0) { $0 + $1.required - $1.scheduled }
        let status = !shortRows.isEmpty ? "short" : (staffing.ok ? "ok" : "understaffed")
        let shortfalls = r.shortfalls.filter { $0.school == s.id }.map {
            ShortRecord(classID: $0.classID, month: $0.month, required: $0.required, scheduled: $0.scheduled, reasons: $0.reasons.map(Line.init))
        }
        schools.append(SchoolRecord(id: s.id, name: s.name, stages: s.stages.map(\.rawValue), classes: s.classes.count,
                                    students: staffing.students, required: rows.reduce(0) { $0 + $1.required },
                                    placed: r.lessons.filter { $0.school == s.id }.count, shortClassMonths: shortRows.count,
                                    shortLessons: shortLessons, staffing: staffing, room: settings.rooms[s.id], status: status,
                                    shortfalls: shortfalls, advice: advice[s.id]))
    }
    let groups = r.plans.map { p -> GroupRecord in
        let cost = p.instance.score(p.placements)
        var amounts: [String: Double] = [:], weights: [String: Double] = [:]
        for name in preferenceNames {
            amounts[name] = cost.amount(name)
            weights[name] = cost.items.first { $0.name == name }?.weight ?? 0
        }
        return GroupRecord(schools: p.instance.schools, quality: p.quality.rawValue, shortfall: p.shortfall,
                           shortfallBound: p.shortfallBound, objective: f2(p.objective), bound: p.bound.map(f2) ?? "-",
                           gap: p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-", boundNote: p.boundNote,
                           stages: p.stages.map { "\($0.name) \($0.variables)×\($0.constraints) \($0.status.rawValue)" }.joined(separator: "; "),
                           amounts: amounts, weights: weights)
    }
    return DistrictOutcome(district: d.name, term: "\(d.termStart.iso) – \(d.termEnd.iso)", policy: policy, software: software,
                           packHash: packHash, staffing: settings.staffing, schools: schools, groups: groups)
}

func f2(_ v: Double) -> String { String(format: "%.2f", v) }

/// Hours without a needless ".0": 8 → "8", 7.5 → "7.5".
func hours(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

extension DistrictOutcome {
    /// schools.csv columns (a contract: docs/DISTRICT.md).
    public static let schoolsHeader = ["school", "name", "stages", "classes", "students", "required", "placed",
                                       "short_class_months", "fulltime_teachers", "parttime_teachers", "staffing_ok",
                                       "status", "advice", "short_lessons", "parttime_needed", "counseling_room_hours",
                                       "shared_teachers", "fulltime_missing"]

    /// schools.csv: one row per school in id order; UTF-8 with BOM (opened in Excel/WPS).
    public var schoolsCSV: String {
        CSVText.document(header: Self.schoolsHeader, rows: schools.map { s in
            [s.id, s.name, s.stages.joined(separator: ";"), String(s.classes), String(s.students), String(s.required),
             String(s.placed), String(s.shortClassMonths), String(s.staffing.fulltime.count), String(s.staffing.parttime.count),
             s.staffing.ok ? "yes" : "no", s.status, s.adviceLine, String(s.shortLessons), String(s.staffing.parttimeNeeded),
             s.room.map { hours($0.hoursPerWeek) } ?? "", s.staffing.shared.keys.sorted().joined(separator: ";"),
             s.staffing.stagesWithoutFulltime.joined(separator: ";")]
        }, bom: true)
    }

    /// advice.csv: every advised action of every school (docs/DISTRICT.md), UTF-8 with BOM.
    public var adviceCSV: String { AdviceCSV.text(schools.compactMap(\.advice)) }

    /// The same outcome restricted to nothing more (merging shards): schools and groups sorted.
    static func merged(_ parts: [DistrictOutcome]) -> DistrictOutcome {
        var out = parts[0]
        out.schools = parts.flatMap(\.schools).sorted { $0.id < $1.id }
        out.groups = parts.flatMap(\.groups).sorted { $0.schools[0] < $1.schools[0] }
        return out
    }

    /// report.md: totals, the schools in trouble first with their reasons and advice, then every
    /// school, counseling rooms, the solver's figures and the preferences (zh / en).
    public var reportMarkdown: String {
        var out: [String] = []
        func add(_ s: String = "") { out.append(s) }
        add("# 区级心理健康课排课报告 / District mental-health lesson report")
        add()
        add("- 区 / District: \(district)")
        add("- 学期 / Term: \(term)")
        add("- 政策 / Policy: \(policy)")
        add("- 配备标准 / Staffing rule: 每个学段至少1名专职心理教师；专职与兼职合计每 \(staffing.studentsPerParttime) 名学生至少1名（不足部分配兼职）；心理辅导室每周至少开放 \(hours(staffing.counselingMinHours)) 小时。 At least one full-time psychology teacher per stage; full-time plus part-time at least one per \(staffing.studentsPerParttime) students (part-time teachers make up the rest); counseling room open at least \(hours(staffing.counselingMinHours)) h a week.")
        add("- 巡回教师 / Shared teachers: 同一教师编号出现在多所学校时（巡回教师），在列出他的每一所学校都计入配备。 A teacher whose id appears in several schools (a shared, 巡回 teacher) counts towards the staffing of every school that lists them.")
        add()
        let required = schools.reduce(0) { $0 + $1.required }
        let placed = schools.reduce(0) { $0 + $1.placed }
        let missing = schools.reduce(0) { $0 + $1.shortLessons }
        let count = { (status: String) in self.schools.filter { $0.status == status }.count }
        add("## 全区合计 / District totals")
        add()
        add("| schools | classes | students | required | placed | short lessons | short class-months | ok | understaffed | short |")
        add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        add("| \(schools.count) | \(schools.reduce(0) { $0 + $1.classes }) | \(schools.reduce(0) { $0 + $1.students }) | \(required) | \(placed) | \(missing) | \(schools.reduce(0) { $0 + $1.shortClassMonths }) | \(count("ok")) | \(count("understaffed")) | \(count("short")) |")
        add()
        let trouble = schools.filter { $0.status != "ok" }.sorted {
            ($0.status == "short" ? 0 : 1, -$0.shortLessons, $0.id) < ($1.status == "short" ? 0 : 1, -$1.shortLessons, $1.id)
        }
        out += decisionsTable(trouble)
        add("## 需关注的学校 / Schools in trouble")
        add()
        if trouble.isEmpty { add("无。 None: every school meets every minimum and the staffing rule.") ; add() }
        for s in trouble {
            add("### \(s.id) \(s.name) — \(s.status == "short" ? "short 未达标" : "understaffed 配备不足")")
            add()
            add("- 缺课 / Missing: \(s.shortLessons) 节 in \(s.shortClassMonths) 个班级-月份 / lesson(s) in class-month(s) (placed \(s.placed) of \(s.required) required)")
            add("- 心理教师 / Psychology teachers: 专职 full-time \(s.staffing.fulltime.count) (\(s.staffing.fulltime.joined(separator: ", "))), 兼职 part-time \(s.staffing.parttime.count) (\(s.staffing.parttime.joined(separator: ", "))); 学生 students \(s.students)")
            for (t, others) in s.staffing.shared.sorted(by: { $0.key < $1.key }) {
                add("- 巡回教师 / Shared teacher \(t): 也在 also listed by \(others.joined(separator: ", ")); 在本校计入配备 / counted for this school too")
            }
            for p in s.staffing.problems { add("- 配备 / Staffing: \(p.zh) \(p.en)") }
            if !s.shortfalls.isEmpty {
                add("- 原因 / Reasons:")
                var groups: [(key: String, items: [ShortRecord])] = []
                for f in s.shortfalls {
                    let key = f.month + "\u{1}" + f.reasons.map(\.en).joined(separator: "\u{1}")
                    if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].items.append(f) } else { groups.append((key, [f])) }
                }
                for g in groups {
                    let f = g.items[0]
                    add("  - **\(f.month)** — \(g.items.count) 个班 / class(es): \(g.items.map { "\($0.classID) (\($0.scheduled)/\($0.required))" }.joined(separator: ", "))")
                    for t in f.reasons { add("    - \(t.zh)"); add("    - \(t.en)") }
                }
            }
            if let a = s.advice {
                add("- 建议 / Advice (由优化求得 / found by optimisation; advice.csv): 日历所限 calendar-bound \(a.calendarBound) 节/lesson(s); 按 [staffing] 负荷、每班一名新教师时仍缺 with one new teacher per class at the [staffing] loads still \(a.schoolTarget)")
                let (zh, en) = a.sentences
                for (z, e) in zip(zh, en) { add("  - \(z)"); add("  - \(e)") }
                for t in a.unhelpfulRaises {
                    add("  - 在上限内提高\(t)每周上限无济于事：其课表、每日上限或同一教师规则限制。 Raising \(t)'s max_per_week within the caps does not help: their timetable, daily limit or same_teacher block it.")
                }
            }
            add()
        }
        add("## 学校一览 / All schools")
        add()
        add("| school | name | stages | classes | students | required | placed | short | full | part | staffing | status |")
        add("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
        for s in schools {
            add("| \(s.id) | \(s.name) | \(s.stages.joined(separator: ";")) | \(s.classes) | \(s.students) | \(s.required) | \(s.placed) | \(s.shortLessons) | \(s.staffing.fulltime.count) | \(s.staffing.parttime.count) | \(s.staffing.ok ? "yes" : "no") | \(s.status) |")
        }
        add()
        add("## 心理辅导室 / Counseling rooms")
        add()
        let noRoom = schools.filter { $0.room == nil }.map(\.id)
        let few = schools.filter { ($0.room?.hoursPerWeek ?? .infinity) < staffing.counselingMinHours }
        if noRoom.isEmpty && few.isEmpty {
            add("每所学校都有心理辅导室且每周开放不少于 \(hours(staffing.counselingMinHours)) 小时。 Every school declares a counseling room open at least \(hours(staffing.counselingMinHours)) h a week.")
        }
        if !noRoom.isEmpty {
            add("- 未申报心理辅导室（school.toml 无 [counseling_room]）/ No counseling room declared (\(noRoom.count)): \(noRoom.joined(separator: ", "))")
        }
        for s in few {
            add("- \(s.id) \(s.name): 每周开放 \(hours(s.room!.hoursPerWeek)) 小时，少于 \(hours(staffing.counselingMinHours)) 小时 / open \(hours(s.room!.hoursPerWeek)) h a week, below the district minimum of \(hours(staffing.counselingMinHours)) h")
        }
        add()
        out += appendixMarkdown
        return out.joined(separator: "\n") + "\n"
    }
}
