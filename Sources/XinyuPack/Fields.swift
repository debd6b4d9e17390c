// Parsers for the kinds of field a pack's files share: ids, whole numbers, stages, dates.
// Each returns nil for a bad value; the caller words the message for its file and column.

/// An id (school, class, teacher): non-empty, without a comma or a semicolon. Any script is fine;
/// control characters (line breaks, tabs) are not, since ids are printed in files and reports.
func isValidID(_ id: String) -> Bool { idProblem(id) == nil }

/// Why an id is not valid, for messages (to follow the id: "class id "x" is empty").
func idProblem(_ id: String) -> Bilingual? {
    if id.isEmpty { return Bilingual(en: "is empty", zh: "为空") }
    // Ids become file names (calendars, pages, workbooks): two of them and a tag must fit in 255 bytes.
    if id.utf8.count > maxIDBytes {
        return Bilingual(en: "is longer than \(maxIDBytes) bytes of UTF-8 (about 33 Chinese characters)",
                         zh: "过长：超过 \(maxIDBytes) 字节 UTF-8（约 33 个汉字）")
    }
    if id.contains(",") || id.contains(";") { return Bilingual(en: "contains a comma or a semicolon", zh: "含有逗号或分号") }
    if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        return Bilingual(en: "contains a line break or another control character", zh: "含有换行或其他控制字符")
    }
    if startsLikeFormula(id) { return formulaProblem }
    return nil
}

/// The longest id in UTF-8 bytes (an overlong one made file names too long for the disk, and
/// Foundation's own text reached the user).
let maxIDBytes = 100

/// Why a name (of the district, a school, a teacher) is not valid, for messages: control
/// characters and NUL break the XLSX's XML, calendars, pages and report tables (a line break
/// splits a Markdown row); a leading = + - @ makes a spreadsheet run it as a formula.
func nameProblem(_ name: String) -> Bilingual? {
    if name.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
    }) {
        return Bilingual(en: "contains a line break, a tab, NUL or another control character", zh: "含有换行、制表符、NUL 等控制字符")
    }
    if startsLikeFormula(name) { return formulaProblem }
    return nil
}

/// A spreadsheet (Excel, WPS) reads a cell starting with = + - @ as a formula (CSV injection,
/// OWASP). Ids and names are refused with such a start, so the contract files never hold one
/// and need no escaping; CSVText neutralises any other cell on write.
func startsLikeFormula(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return first == "=" || first == "+" || first == "-" || first == "@"
}

let formulaProblem = Bilingual(en: "starts with =, +, - or @, which a spreadsheet runs as a formula",
                               zh: "以 =、+、-、@ 开头，电子表格会把它当作公式执行")

/// A whole number written in ASCII digits (an optional leading "+" or "-"), e.g. "12".
func wholeNumber(_ text: String) -> Int? {
    guard !text.isEmpty, text.count <= 18 else { return nil }
    var digits = Substring(text)
    var sign = 1
    if digits.first == "-" { sign = -1; digits = digits.dropFirst() }
    else if digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else { return nil }
    return sign * value
}

/// A whole number in `range`, or nil.
func wholeNumber(_ text: String, in range: ClosedRange<Int>) -> Int? {
    guard let value = wholeNumber(text), range.contains(value) else { return nil }
    return value
}

/// "1–5" for messages (with an en dash).
func rangeText(_ range: ClosedRange<Int>) -> String {
    range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
}

let stageNames = Stage.allCases.map(\.rawValue).joined(separator: ", ")

/// A named thing's id or name and its problem, e.g. "class id "C 1" contains …" / "班级编号 "C 1" 含有…".
func problem(_ what: Bilingual, _ value: String, _ problem: Bilingual) -> Bilingual {
    Bilingual(en: "\(what.en) \(quoted(value)) \(problem.en)", zh: "\(what.zh) \(quoted(value)) \(problem.zh)")
}

/// A `;`-joined list of stages, e.g. "primary;junior". Returns the stages or the message for
/// the first problem (unknown stage, stage listed twice, empty part).
func stageList(_ text: String) -> Result<[Stage], StageListProblem> {
    var stages: [Stage] = []
    for part in text.split(separator: ";", omittingEmptySubsequences: false) {
        let name = part.trimmed(of: " \t\u{3000}").lowercased()
        guard let stage = Stage(rawValue: name) else { return .failure(.unknown(name)) }
        if stages.contains(stage) { return .failure(.duplicate(name)) }
        stages.append(stage)
    }
    return .success(stages)
}

enum StageListProblem: Error {
    case unknown(String)
    case duplicate(String)
    var message: Bilingual {
        switch self {
        case .unknown(let name):
            return Bilingual(en: "stage \(quoted(name)) is not one of \(stageNames)",
                             zh: "学段 \(quoted(name)) 不是 \(stageNames) 之一")
        case .duplicate(let name): return Bilingual(en: "stage \(quoted(name)) is listed twice", zh: "学段 \(quoted(name)) 重复列出")
        }
    }
}

/// A `;`-joined list of ids ("T01;T02"); nil if a part is not a valid id.
func idList(_ text: String) -> [String]? {
    let ids = text.split(separator: ";", omittingEmptySubsequences: false).map { String($0.trimmed(of: " \t\u{3000}")) }
    return ids.allSatisfy(isValidID) ? ids : nil
}

/// How a term is written in messages.
func termText(_ start: CivilDate, _ end: CivilDate) -> String { "\(start.iso) – \(end.iso)" }
