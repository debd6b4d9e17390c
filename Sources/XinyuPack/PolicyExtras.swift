// The rest of the district's policy (issue 7), as school.toml and district.toml declare it:
// counseling-room duty, activity rooms, grade lectures, the topic plan and the lesson forms.
// Every table is optional; a pack without them plans lessons only. See docs/FORMAT.md.

/// Who a counseling-room opening is for.
public enum DutyAudience: String, CaseIterable, Sendable, Hashable {
    case students, parents, all
    /// Whether parents can come (a parent-friendly slot).
    public var forParents: Bool { self != .students }
}

/// One opening window of the counseling room (school.toml `[counseling_room] windows`), written
/// `"1-5:12:10-13:00"` (weekdays 1–5, 12:10 to 13:00, for students), `"3:16:30-17:30 all"` or
/// `"6:09:00-11:00 parents"`.
public struct DutyWindow: Sendable, Hashable {
    /// Weekdays 1 (Monday) … 7 (Sunday). On a school day the timetable weekday the day runs is
    /// meant (a make-up Sunday running Friday's timetable opens Friday's windows); on any other day
    /// of the term that is not a holiday or closure, its calendar weekday (weekend parent slots).
    public var weekdays: [Int]
    /// Minutes after midnight.
    public var start: Int
    public var end: Int
    public var audience: DutyAudience
    public var minutes: Int { end - start }
    public init(weekdays: [Int], start: Int, end: Int, audience: DutyAudience = .students) {
        self.weekdays = weekdays
        self.start = start
        self.end = end
        self.audience = audience
    }

    /// Parses `"1-5:12:10-13:00 parents"`; nil when it is not that form.
    public static func parse(_ text: String) -> DutyWindow? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(words.count) else { return nil }
        var audience = DutyAudience.students
        if words.count == 2 {
            guard let a = DutyAudience(rawValue: String(words[1])) else { return nil }
            audience = a
        }
        let spec = words[0]
        guard let colon = spec.firstIndex(of: ":") else { return nil }
        let dayPart = spec[..<colon], timePart = spec[spec.index(after: colon)...]
        var days: [Int] = []
        for piece in dayPart.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = piece.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let lo = Int(ends[0]), let hi = Int(ends.last!),
                  (1...7).contains(lo), (1...7).contains(hi), lo <= hi else { return nil }
            for d in lo...hi where !days.contains(d) { days.append(d) }
        }
        guard let (start, end) = SchoolFile.timeRange(String(timePart)), start < end else { return nil }
        return DutyWindow(weekdays: days.sorted(), start: start, end: end, audience: audience)
    }

    /// `HH:MM` of minutes after midnight.
    public static func clock(_ minutes: Int) -> String { pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2) }
    public var text: String {
        let days = weekdays.count > 1 && weekdays.last! - weekdays.first! == weekdays.count - 1
            ? "\(weekdays.first!)-\(weekdays.last!)" : weekdays.map(String.init).joined(separator: ",")
        return "\(days):\(DutyWindow.clock(start))-\(DutyWindow.clock(end))" + (audience == .students ? "" : " \(audience.rawValue)")
    }
}

/// school.toml `[counseling_room]` (心理咨询室): required opening and the windows it may open in.
public struct CounselingRoomPolicy: Sendable, Hashable {
    /// Opening hours required in a full teaching week (pro-rated in shorter weeks, see FORMAT.md).
    public var hoursPerWeek: Double
    /// Parent-friendly openings (audience `parents` or `all`) required in every teaching week.
    public var parentSlotsPerWeek: Int
    /// Windows the room may open in; empty: the school declares hours only (no duty is planned).
    public var windows: [DutyWindow]
    /// The most duty hours one teacher takes in a week (nil: no limit).
    public var maxTeacherHoursPerWeek: Double?
    /// Whether each duty counts as one lesson against the teacher's max_per_day and max_per_week.
    public var countsTowardLimits: Bool
    public init(hoursPerWeek: Double, parentSlotsPerWeek: Int = 0, windows: [DutyWindow] = [],
                maxTeacherHoursPerWeek: Double? = nil, countsTowardLimits: Bool = false) {
        self.hoursPerWeek = hoursPerWeek
        self.parentSlotsPerWeek = parentSlotsPerWeek
        self.windows = windows
        self.maxTeacherHoursPerWeek = maxTeacherHoursPerWeek
        self.countsTowardLimits = countsTowardLimits
    }
}

/// school.toml `[activity_room]` (团体活动室): how many rooms, and the share of each class's
/// lessons that must be held there.
public struct ActivityRoomPolicy: Sendable, Hashable {
    public var rooms: Int
    /// At least this share of each class's lessons of the term (lectures excluded) in an activity
    /// room, rounded up: 0.34 with 9 lessons asks for 4.
    public var share: Double
    public init(rooms: Int, share: Double) {
        self.rooms = rooms
        self.share = share
    }
    /// Room lessons a class with `lessons` lessons needs.
    public func required(lessons: Int) -> Int {
        guard lessons > 0, share > 0 else { return 0 }
        return min(lessons, Int((share * Double(lessons) - 1e-9).rounded(.up)))
    }
}

/// school.toml `[lectures]` (专题讲座): once per term, one lecture for all classes of each listed
/// grade at once, in the hall, by one psychology teacher.
public struct LecturePolicy: Sendable, Hashable {
    public var grades: [Int]
    /// The area the lectures treat (one of `TopicPlan.areas`).
    public var area: String
    /// The lecture's title, for the schedule.
    public var title: String
    /// The area of a lecture when `[lectures]` names none.
    public static let defaultArea = "自我意识"
    public init(grades: [Int], area: String = LecturePolicy.defaultArea, title: String = "") {
        self.grades = grades
        self.area = area
        self.title = title
    }
}

/// The lesson forms the policy names (体验式: 团体辅导, 心理训练, 情境设计, 问题辨析, 角色扮演, 游戏辅导,
/// 心理情景剧, 专题讲座).
public enum LessonForm: String, CaseIterable, Sendable, Hashable {
    case groupCounseling = "团体辅导"
    case training = "心理训练"
    case scenario = "情境设计"
    case discussion = "问题辨析"
    case rolePlay = "角色扮演"
    case game = "游戏辅导"
    case drama = "心理情景剧"
    case lecture = "专题讲座"

    /// Group forms that need the activity room.
    public var needsRoom: Bool {
        switch self {
        case .groupCounseling, .drama, .game, .rolePlay: return true
        default: return false
        }
    }
    public var english: String {
        switch self {
        case .groupCounseling: return "group counseling"
        case .training: return "psychological training"
        case .scenario: return "scenario design"
        case .discussion: return "problem discussion"
        case .rolePlay: return "role play"
        case .game: return "game counseling"
        case .drama: return "psychodrama"
        case .lecture: return "lecture"
        }
    }
    /// Forms of a lesson in the activity room, in rotation order.
    public static let roomForms: [LessonForm] = [.groupCounseling, .rolePlay, .game, .drama]
    /// Forms of a lesson in the classroom, in rotation order.
    public static let classroomForms: [LessonForm] = [.scenario, .discussion, .training]
}

/// district.toml `[topics]`: per stage (and optionally per grade) an ordered list of topics, each
/// `"area"` or `"area:title"`, over the five areas the policy names.
public struct TopicPlan: Sendable, Hashable {
    /// 学习, 生活, 自我意识, 情绪调适, 人际交往 (learning, life, self-awareness, emotions, relationships).
    public static let areas = ["学习", "生活", "自我意识", "情绪调适", "人际交往"]
    public static let areaEnglish = ["学习": "learning", "生活": "life", "自我意识": "self-awareness",
                                     "情绪调适": "emotions", "人际交往": "relationships"]
    public struct Topic: Sendable, Hashable {
        public var area: String
        public var title: String
        public init(area: String, title: String = "") {
            self.area = area
            self.title = title
        }
        /// `"情绪调适:认识情绪"` or `"学习"`; nil when the area is not one of the five.
        public static func parse(_ text: String) -> Topic? {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard let area = parts.first, TopicPlan.areas.contains(area) else { return nil }
            return Topic(area: area, title: parts.count > 1 ? parts[1] : "")
        }
    }
    public var byStage: [Stage: [Topic]]
    public var byGrade: [Int: [Topic]]
    public init(byStage: [Stage: [Topic]] = [:], byGrade: [Int: [Topic]] = [:]) {
        self.byStage = byStage
        self.byGrade = byGrade
    }

    /// Default order by stage: what pupils of that age meet first.
    public static let defaults: [Stage: [String]] = [
        .primary: ["学习", "人际交往", "情绪调适", "生活", "自我意识"],
        .junior: ["自我意识", "学习", "人际交往", "情绪调适", "生活"],
        .senior: ["自我意识", "学习", "情绪调适", "人际交往", "生活"],
    ]

    /// The ordered list for a class of `grade` and `stage`.
    public func topics(grade: Int, stage: Stage) -> [Topic] {
        byGrade[grade] ?? byStage[stage] ?? TopicPlan.defaults[stage]!.map { Topic(area: $0) }
    }
}
