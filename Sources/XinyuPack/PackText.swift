// Reading one file of a pack as text: bounded in size, UTF-8 with or without a byte order mark.

import Foundation

enum PackLimits {
    /// The largest cost or preference weight: 1e308 passed, and the report then showed the
    /// objective `inf` as feasible; sums over a district's lessons must stay finite and exact enough.
    static let maxCost = 1_000_000.0
    /// The largest file a pack may hold. A district's biggest file (a timetable) is a few MB.
    static let maxFileBytes = 64 * 1024 * 1024
    /// The most data rows in one CSV file (some 200 schools' worth of timetable rows).
    static let maxRows = 100_000
    /// The most schools in one pack (as `xinyu generate --schools` allows).
    static let maxSchools = 5_000
    /// policy.lessons_per_month and each policy.month_minimum (a month has at most 31 × 16 periods;
    /// 100 lessons a month for one class is already beyond any school).
    static let maxLessonsPerMonth = 100
    /// policy.max_per_week: 7 days × 16 periods.
    static let maxLessonsPerWeek = 112
    /// students of a class (classes.csv).
    static let studentsRange = 0...10_000
    /// max_per_day and max_per_week of a teacher (teachers.csv); empty means no limit.
    static let teacherLimitRange = 0...1_000
    /// The most bytes all files of one pack may add up to (a 60-school district is 2.5 MB).
    static let maxPackBytes = 512 * 1024 * 1024
}

enum PackText {
    /// Whether `relPath` exists under `root` as a regular file.
    static func fileExists(root: String, _ relPath: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: join(root, relPath), isDirectory: &isDir) && !isDir.boolValue
    }

    static func join(_ root: String, _ relPath: String) -> String {
        root.hasSuffix("/") ? root + relPath : root + "/" + relPath
    }

    /// The text of `relPath`, or nil after logging why it cannot be read (missing, too big, not UTF-8).
    /// A UTF-8 byte order mark is dropped.
    static func read(root: String, _ relPath: String, log: inout DiagnosticLog) -> String? {
        let path = join(root, relPath)
        guard fileExists(root: root, relPath) else {
            log.error(relPath, en: "file is missing", zh: "缺少此文件")
            return nil
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > PackLimits.maxFileBytes {
            log.error(relPath, en: "file is \(size.intValue) bytes; at most \(PackLimits.maxFileBytes) are allowed",
                      zh: "文件有 \(size.intValue) 字节；至多允许 \(PackLimits.maxFileBytes) 字节")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            log.error(relPath, en: "file cannot be read", zh: "无法读取此文件")
            return nil
        }
        log.bytesRead += data.count
        if log.bytesRead > PackLimits.maxPackBytes {
            log.error(relPath, en: "the pack's files add up to more than \(PackLimits.maxPackBytes) bytes; a pack may hold at most that",
                      zh: "数据包的文件合计超过 \(PackLimits.maxPackBytes) 字节，超出数据包的上限")
            return nil
        }
        return decode([UInt8](data), file: relPath, log: &log)
    }

    /// Decodes UTF-8 (a leading BOM is dropped). Invalid bytes are an error naming the line of the
    /// first one; UTF-16 (what Excel calls "Unicode text") is recognised by its BOM.
    static func decode(_ bytes: [UInt8], file: String, log: inout DiagnosticLog) -> String? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            log.error(file, en: "file is UTF-16, not UTF-8; save it as UTF-8 (in Excel: \"CSV UTF-8\")",
                      zh: "文件是 UTF-16 编码，不是 UTF-8；请另存为 UTF-8（Excel 中选 \"CSV UTF-8\"）")
            return nil
        }
        if let text = String(validating: body, as: UTF8.self) { return text }
        // Find the first bad byte and its line for the message.
        var iterator = body.makeIterator()
        var codec = UTF8()
        var offset = body.startIndex
        var line = 1
        decoding: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += scalar.utf8.count
                if scalar == "\n" { line += 1 }
            case .emptyInput:
                break decoding
            case .error:
                break decoding
            }
        }
        let byte = offset < body.endIndex ? String(body[offset], radix: 16, uppercase: true) : "?"
        log.error(file, line: line,
                  en: "file is not valid UTF-8 (byte 0x\(byte)); it may be GBK/GB18030 — save it as UTF-8 (in Excel: \"CSV UTF-8\", in WPS: UTF-8 encoding)",
                  zh: "文件不是有效的 UTF-8（字节 0x\(byte)），可能是 GBK/GB18030 编码——请另存为 UTF-8（Excel 中选 \"CSV UTF-8\"，WPS 中选 UTF-8 编码）")
        return nil
    }
}
