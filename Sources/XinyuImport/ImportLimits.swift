// Sizes beyond reason in an imported file are refused early, with the file and the limit named,
// instead of running out of time or memory (docs/TRUST.md lists every limit).

import Foundation

enum ImportLimits {
    /// The largest input file (FET, XHSTT, grid CSV, XLSX): one school's timetable is well under 1 MB.
    static let maxFileBytes = 64 * 1024 * 1024
    /// The largest part inside an XLSX archive once unpacked (a zip bomb stops here).
    static let maxPartBytes = 64 * 1024 * 1024
    /// The most rows in one grid table (a CSV file or one worksheet), as for a pack's CSV files.
    static let maxRows = 100_000
    /// The most columns of a worksheet (Excel's own limit, column XFD).
    static let maxColumns = 16_384
    /// The most classes and teachers one imported school may have.
    static let maxClasses = 2_000
    static let maxTeachers = 5_000
    /// The most source lessons of one class at one weekday and period (subgroups and clashes
    /// included; real files have a handful).
    static let maxLessonsPerSlot = 100
    /// The longest event or activity, in periods (a week has at most 7 × 16; Int.max overflowed
    /// `start + duration`).
    static let maxDuration = 1_000
    /// The deepest element nesting read from an XML file (FET, XHSTT and XLSX parts nest fewer
    /// than ten levels; TOMLKit stops at 256 too).
    static let maxXMLDepth = 256
    /// The longest grid cell, in bytes: a timetable cell holds a subject and a few names, a note a
    /// few sentences. A longer one (a pasted megabyte) is refused before any cell is read.
    static let maxCellBytes = 4_096
    /// Students in one class, as classes.csv allows (spec: a whole number; the pack reader's bound).
    static let students = 0...10_000

    /// The bytes of `path`, refusing a file larger than `maxFileBytes` before reading it.
    static func read(_ path: String) throws(ImportError) -> Data {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > maxFileBytes {
            throw .input(path, "file is \(size.intValue) bytes; at most \(maxFileBytes) are allowed / 文件过大")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .input(path, "cannot be read / 无法读取") }
        return data
    }
}
