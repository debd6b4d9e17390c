// The check behind "every bad-input message is bilingual": a diagnostic's Chinese part has Chinese
// words and its English part English ones (values in quotes do not count: a Chinese school name in
// an English sentence is still English), and its text names the file and the line.

import XCTest
import XinyuPack

/// The text with "…" and '…' spans (quoted values, examples) taken out.
func unquoted(_ text: String) -> String {
    var out = "", quote: Character?
    var escaped = false
    for c in text {
        if let q = quote {
            if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
        } else if c == "\"" || c == "'" {
            quote = c
        } else {
            out.append(c)
        }
    }
    return out
}

/// Words an English sentence of the reader holds and a Chinese one does not.
let englishWords: Set<String> = ["is", "not", "a", "an", "the", "of", "in", "must", "be", "has", "have", "no", "and", "or",
                                 "more", "than", "cannot", "needs", "missing", "unknown", "ignored", "contains", "file",
                                 "starts", "ends", "before", "after", "empty", "listed", "twice", "appears", "does",
                                 "error", "expected", "while", "already", "exists", "to", "it", "for", "with", "at", "by"]

/// Why `text` is not a proper bilingual message, or nil. Values stand in both parts as written
/// (a Chinese subject in a key path, the five areas' Chinese names), so the English part may hold
/// Chinese too, but it must read as English: English words, more Latin letters than Chinese ones.
func bilingualProblem(_ text: Bilingual) -> String? {
    let zh = unquoted(text.zh), en = unquoted(text.en)
    if !Bilingual.hasChinese(zh) { return "the Chinese part has no Chinese words: \(text.zh.debugDescription)" }
    if text.zh == text.en { return "both parts are the same: \(text.en.debugDescription)" }
    let words = Set(en.lowercased().split { !$0.isLetter || !$0.isASCII }.map(String.init))
    if words.isDisjoint(with: englishWords) { return "the English part has no English words: \(text.en.debugDescription)" }
    let latin = en.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.count
    let chinese = en.unicodeScalars.filter { Bilingual.hasChinese(String($0)) }.count
    if chinese * 2 >= latin { return "the English part is mostly Chinese: \(text.en.debugDescription)" }
    return nil
}

func assertBilingual(_ d: Diagnostic, file: StaticString = #filePath, line: UInt = #line) {
    if let problem = bilingualProblem(d.text) { XCTFail("\(d.location): \(problem)", file: file, line: line) }
    for language in Bilingual.Language.allCases {
        let text = d.description(language)
        XCTAssertTrue(text.hasPrefix(d.location.file), "\(text) does not name its file", file: file, line: line)
        if let l = d.location.line {
            XCTAssertTrue(text.hasPrefix("\(d.location.file):\(l): "), "\(text) does not name line \(l)", file: file, line: line)
        }
    }
    XCTAssertEqual(d.description(.zh), "\(d.location): \(d.severity == .note ? "提示：" : "")\(d.text.zh)", file: file, line: line)
}
