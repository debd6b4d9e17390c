// Parsers for the kinds of field a pack's files share: ids, whole numbers, stages, dates.
// Each returns nil for a bad value; the caller words the message for its file and column.

/// An id (school, class, teacher): non-empty, without a comma or a semicolon. Any script is fine;
/// control characters (line breaks, tabs) are not, since ids are printed in files and reports.
func isValidID(_ id: String) -> Bool { idProblem(id) == nil }

/// Why an id is not valid, for messages.
func idProblem(_ id: String) -> String? {
    if id.isEmpty { return "is empty" }
    // Ids become file names (calendars, pages, workbooks): two of them and a tag must fit in 255 bytes.
    if id.utf8.count > maxIDBytes {
        return "is longer than \(maxIDBytes) bytes of UTF-8 (about 33 Chinese characters) / 编号过长"
    }
    if id.contains(",") || id.contains(";") { return "contains a comma or a semicolon" }
    if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        return "contains a line break or another control character"
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
func nameProblem(_ name: String) -> String? {
    if name.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
    }) {
        return "contains a line break, a tab, NUL or another control character / 含有换行、制表符、NUL 等控制字符"
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

let formulaProblem = "starts with =, +, - or @, which a spreadsheet runs as a formula / 以 =、+、-、@ 开头，电子表格会把它当作公式执行"

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
    var message: String {
        switch self {
        case .unknown(let name): return "stage \(quoted(name)) is not one of \(stageNames)"
        case .duplicate(let name): return "stage \(quoted(name)) is listed twice"
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
