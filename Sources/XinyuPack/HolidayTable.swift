import Foundation

/// China's public holidays and 调休 make-up days, from the State Council's notice on the 2026
/// holidays (国务院办公厅关于2026年部分节假日安排的通知, 国办发明电, published 2025-11-04): the one
/// table the importer's default calendar and the generator's term presets both use, bundled as
/// Resources/holidays-cn.csv (`date,kind,name,compensates`; rows in the notice's order, holiday
/// by holiday). The notice names the make-up working days but not which weekday's timetable a
/// school runs on them; here a make-up day runs the timetable of the weekday it compensates.
public struct HolidayTable: Sendable {
    public struct Day: Sendable, Hashable {
        public var date: CivilDate
        /// `.holiday` or `.makeup`.
        public var kind: CalendarKind
        /// The holiday's name (元旦, 春节, …).
        public var name: String
        /// A make-up day: the holiday date whose timetable it runs.
        public var compensates: CivilDate?
        /// The timetable weekday a make-up day runs (nil for a holiday).
        public var followsWeekday: Int? { compensates?.weekday }
    }

    /// Every row, in the file's order.
    public let days: [Day]
    /// The years the table knows (a term reaching into another gets no holidays there).
    public let years: Set<Int>

    /// China's table, from Resources/holidays-cn.csv embedded in the binary at build time
    /// (SwiftPM's `embedInCode`): no file to find at run time. The file is ours and a test reads
    /// it; should it ever be malformed the table is empty and HolidayTableTests fails.
    public static let china: HolidayTable = {
        HolidayTable(csv: String(decoding: PackageResources.holidays_cn_csv, as: UTF8.self)) ?? HolidayTable(days: [])
    }()

    private init(days: [Day]) {
        self.days = days
        years = Set(days.map(\.date.year))
    }

    /// Parses the table; nil when a row is malformed (the file is ours: a test reads it).
    public init?(csv text: String) {
        var out: [Day] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() where !line.isEmpty {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let date = CivilDate(iso: f[0]), let kind = CalendarKind(rawValue: f[1]),
                  kind == .holiday || kind == .makeup, !f[2].isEmpty else { return nil }
            let compensates = f[3].isEmpty ? nil : CivilDate(iso: f[3])
            guard (kind == .makeup) == (compensates != nil) else { return nil }
            out.append(Day(date: date, kind: kind, name: f[2], compensates: compensates))
        }
        days = out
        years = Set(out.map(\.date.year))
    }

    /// The rows inside `start … end`, in the table's order.
    public func days(from start: CivilDate, to end: CivilDate) -> [Day] {
        days.filter { $0.date >= start && $0.date <= end }
    }
}

/// The weekday as written in a Chinese note: 周一 … 周日.
public func chineseWeekday(_ weekday: Int) -> String {
    let names = ["一", "二", "三", "四", "五", "六", "日"]
    return "周" + names[max(1, min(7, weekday)) - 1]
}
