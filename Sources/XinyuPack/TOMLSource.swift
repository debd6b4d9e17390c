// A TOML file of a pack: parsed with TOMLKit, plus the line of every key (TOMLKit does not
// report where a value came from, so the lines are found by a light scan of the text).

import TOMLKit

struct TOMLSource {
    let file: String
    let table: TOMLTable
    /// Dotted key path (e.g. `policy.max_per_week`) → the line that defines it.
    private let lines: [String: Int]

    /// Reads and parses `relPath`; nil after logging why it cannot be read or parsed
    /// (a parse error is reported at its line with TOMLKit's message).
    static func read(root: String, _ relPath: String, log: inout DiagnosticLog) -> TOMLSource? {
        guard let text = PackText.read(root: root, relPath, log: &log) else { return nil }
        return parse(text, file: relPath, log: &log)
    }

    static func parse(_ text: String, file: String, log: inout DiagnosticLog) -> TOMLSource? {
        // TOMLKit hands the text to C as a NUL-terminated string: a NUL would silently cut it.
        if text.unicodeScalars.contains("\0") {
            log.error(file, en: "file contains a NUL character", zh: "文件含有 NUL 字符")
            return nil
        }
        // An escaped NUL (`\u0000`) is cut by TOMLKit's C strings: "a\u0000b" would silently read "a".
        if let range = text.range(of: "\\u0000") ?? text.range(of: "\\U00000000") {
            let line = text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            log.error(file, line: line, en: "a \\u0000 (NUL) escape: NUL is not allowed in a pack",
                      zh: "\\u0000（NUL）转义：数据包中不允许 NUL 字符")
            return nil
        }
        // A dotted key or table header of thousands of parts crashes the parser (it recurses per
        // part); keys deeper than `maxKeyParts` are refused first.
        let scan = scanKeys(text)
        if let deep = scan.tooDeepAtLine {
            log.error(file, line: deep, en: "a key or table name has more than \(maxKeyParts) dotted parts",
                      zh: "键名或表名以点分隔的部分超过 \(maxKeyParts) 个")
            return nil
        }
        // A table header whose name starts badly makes TOMLKit's parser assert (abort).
        if let trap = TOMLPrecheck.firstTrap(text) {
            log.error(file, line: trap.line, trap.message)
            return nil
        }
        do {
            let table = try TOMLTable(string: text)
            return TOMLSource(file: file, table: table, lines: scan.lines)
        } catch let error as TOMLParseError {
            log.error(file, line: error.source.begin.line, en: error.description, zh: "TOML 语法错误（toml++ 原文）：\(error.description)")
        } catch {
            log.error(file, en: "cannot be parsed as TOML: \(error)", zh: "无法按 TOML 解析：\(error)")
        }
        return nil
    }

    /// The line of a key path, or of the nearest enclosing table that has one.
    func line(_ path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path.joined(separator: ".")] { return line }
            path.removeLast()
        }
        return nil
    }

    /// Logs an error about the value at `path`, at its line, with the dotted path as the field.
    func error(_ path: [String], _ text: Bilingual, log: inout DiagnosticLog) {
        log.error(file, line: line(path), field: path.joined(separator: "."), text)
    }

    func error(_ path: [String], en: String, zh: String, log: inout DiagnosticLog) {
        error(path, Bilingual(en: en, zh: zh), log: &log)
    }

    /// Logs a note for each key of `table` (at `path`) that is not in `known`.
    func noteUnknownKeys(_ table: TOMLTable, at path: [String], known: Set<String>, log: inout DiagnosticLog) {
        for key in table.keys.sorted() where !known.contains(key) {
            let full = path + [key]
            let name = full.joined(separator: ".")
            log.note(file, line: line(full), field: name, en: "unknown key \(quoted(name)) ignored", zh: "未知的键 \(quoted(name)) 已忽略")
        }
    }

    // MARK: - Locating keys

    /// Scans the text for table headers (`[a.b]`, `[[a]]`) and `key = value` lines and records
    /// the first line of each full key path. Lines inside multi-line strings are skipped.
    static func keyLines(_ text: String) -> [String: Int] { scanKeys(text).lines }

    /// The most dotted parts a key path may have (a pack's deepest is 3, `policy.displaceable."班会"`;
    /// TOMLKit's limit for nested values is 256).
    static let maxKeyParts = 256

    /// `keyLines`, and the line of the first key path longer than `maxKeyParts` (the scan stops there).
    static func scanKeys(_ text: String) -> (lines: [String: Int], tooDeepAtLine: Int?) {
        var result: [String: Int] = [:]
        var table: [String] = []
        var inMultiline: String?  // the delimiter of an open multi-line string
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmed(of: " \t\r")
            if let delimiter = inMultiline {
                if line.splitKeeping(delimiter).count % 2 == 0 { inMultiline = nil }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }
                guard let close = indexOutsideQuotes(of: "]", in: inner) else { continue }
                table = splitDottedKey(inner[..<close])
                if table.count > maxKeyParts { return (result, lineNumber) }
                let key = table.joined(separator: ".")
                if result[key] == nil { result[key] = lineNumber }
                continue
            }
            guard let equals = indexOutsideQuotes(of: "=", in: line[...]) else { continue }
            let path = table + splitDottedKey(line[..<equals])
            if path.count > maxKeyParts { return (result, lineNumber) }
            // Record each prefix of a dotted key too (`a.b = 1` defines table `a`).
            for count in (table.count + 1)...path.count {
                let key = path.prefix(count).joined(separator: ".")
                if result[key] == nil { result[key] = lineNumber }
            }
            let value = line[line.index(after: equals)...]
            for delimiter in ["\"\"\"", "'''"] where value.splitKeeping(delimiter).count == 2 {
                inMultiline = delimiter
            }
        }
        return (result, nil)
    }

    /// The first `character` not inside a "…" or '…' string.
    private static func indexOutsideQuotes(of character: Character, in text: Substring) -> Substring.Index? {
        var quote: Character?
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == character {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `a."b.c" . d` → ["a", "b.c", "d"].
    private static func splitDottedKey(_ text: Substring) -> [String] {
        var parts: [String] = []
        var rest = text
        while true {
            if let dot = indexOutsideQuotes(of: ".", in: rest) {
                parts.append(unquoteKey(rest[..<dot]))
                rest = rest[rest.index(after: dot)...]
            } else {
                parts.append(unquoteKey(rest))
                return parts
            }
        }
    }

    private static func unquoteKey(_ text: Substring) -> String {
        let key = text.trimmed(of: " \t")
        guard key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first else {
            return String(key)
        }
        let inner = String(key.dropFirst().dropLast())
        return first == "\"" ? inner.replacing("\\\"", with: "\"").replacing("\\\\", with: "\\") : inner
    }
}

extension StringProtocol {
    /// Trims the given characters from both ends (without Foundation's CharacterSet).
    func trimmed(of set: String) -> Substring {
        let s = Substring(self)
        let start = s.firstIndex { !set.contains($0) } ?? s.endIndex
        let end = s.lastIndex { !set.contains($0) }.map { s.index(after: $0) } ?? start
        return start < end ? s[start..<end] : s[start..<start]
    }

    /// Splits on a string delimiter, keeping empty parts.
    func splitKeeping(_ delimiter: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: delimiter) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}

// MARK: - Reading values

/// How a TOML value looks in a message: its text, quoted; a table `{…}` and an array `[…]` (the
/// same in both languages).
func describe(_ value: TOMLValueConvertible) -> String {
    if let s = value.string { return quoted(s) }
    if let i = value.int { return quoted(String(i)) }
    if let d = value.double { return quoted(String(d)) }
    if let b = value.bool { return quoted(String(b)) }
    if let d = value.date { return quoted(String(format4(d.year)) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2)) }
    switch value.type {
    case .table: return "{…}"
    case .array: return "[…]"
    default: return "<\(value.type)>"
    }
}

private func format4(_ year: Int) -> String { pad(year, 4) }

/// A TOML number as a Double (an integer counts).
func number(_ value: TOMLValueConvertible) -> Double? {
    if let d = value.double { return d }
    if let i = value.int { return Double(i) }
    return nil
}
