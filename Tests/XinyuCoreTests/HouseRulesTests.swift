import Foundation
import XCTest

/// The house rules of CONTRIBUTING.md, read from the sources themselves: no file under Sources/
/// above 400 lines, no function or initializer above 80 lines unless the comment above it says
/// why ("Long because …").
final class HouseRulesTests: XCTestCase {
    static let fileLimit = 400
    static let functionLimit = 80

    /// Sources/ of this package (found from this file's path, so it works from any folder).
    static let sources: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Sources"
    }()

    /// Every .swift file under Sources/, relative path → text.
    static func swiftFiles() -> [(path: String, text: String)] {
        let names = (FileManager.default.enumerator(atPath: sources)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
        return names.sorted().compactMap { name in
            (try? String(contentsOfFile: sources + "/" + name, encoding: .utf8)).map { ("Sources/" + name, $0) }
        }
    }

    func testSourcesAreFound() {
        XCTAssertGreaterThan(Self.swiftFiles().count, 100, "no sources under \(Self.sources)")
    }

    func testNoSourceFileAbove400Lines() {
        let long = Self.swiftFiles().compactMap { f -> String? in
            let n = SwiftLines.count(f.text)
            return n > Self.fileLimit ? "\(f.path): \(n) lines" : nil
        }
        XCTAssertEqual(long, [], "split these files along their jobs (CONTRIBUTING.md)")
    }

    func testNoFunctionAbove80LinesWithoutAReason() {
        var long: [String] = []
        for f in Self.swiftFiles() {
            for fn in SwiftLines.functions(f.text) where fn.lines > Self.functionLimit && !fn.reasoned {
                long.append("\(f.path):\(fn.line): \(fn.lines) lines: \(fn.signature)")
            }
        }
        XCTAssertEqual(long, [], "split these functions, or say in the comment above why not (\"Long because …\")")
    }

    // The scanner itself: braces in strings, comments and multi-line strings do not count.
    func testScannerMeasuresFunctions() {
        let text = """
        struct A {
            /// Long because it is a test.
            func f() {
                let s = "{ not a brace"
                // } nor this
                let t = \"\"\"
                }}}
                \"\"\"
            }
            init(x: Int) { }
        }
        protocol P {
            func h()
        }
        func g() -> Int {
            return "\\("}")".count
        }
        """
        let fns = SwiftLines.functions(text)
        XCTAssertEqual(fns.map(\.line), [3, 10, 15])
        XCTAssertEqual(fns.map(\.lines), [7, 1, 3])
        XCTAssertEqual(fns.map(\.reasoned), [true, false, false])
        XCTAssertEqual(SwiftLines.count("a\nb\n"), 2)
    }
}

/// Just enough of Swift's lexical structure to measure files and functions: line comments,
/// block comments, string literals (with interpolations) and multi-line strings are blanked,
/// then a declaration's body runs from its first `{` to the matching `}`.
enum SwiftLines {
    struct Function {
        var line: Int
        var lines: Int
        var signature: String
        /// The comment above it says why it is long.
        var reasoned: Bool
    }

    static func count(_ text: String) -> Int {
        var n = text.split(separator: "\n", omittingEmptySubsequences: false).count
        if text.hasSuffix("\n") { n -= 1 }
        return n
    }

    static func functions(_ text: String) -> [Function] {
        let raw = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let code = blanked(raw)
        var out: [Function] = []
        for (i, line) in code.enumerated() where isDeclaration(line) {
            guard let end = bodyEnd(code, from: i) else { continue }
            out.append(Function(line: i + 1, lines: end - i + 1, signature: raw[i].trimmingCharacters(in: .whitespaces),
                                reasoned: commentAbove(raw, i).contains("Long because")))
        }
        return out
    }

    /// `func name`, `init(`, `init?(`, `init<` after attributes and modifiers.
    static func isDeclaration(_ line: String) -> Bool {
        let modifiers: Set<String> = ["public", "private", "fileprivate", "internal", "static", "mutating", "override",
                                      "final", "nonisolated", "convenience", "required", "class", "package", "nonmutating"]
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let w = words.first, w.hasPrefix("@") || modifiers.contains(String(w)) || w.hasPrefix("private(") || w.hasPrefix("public(") {
            words = words.dropFirst()
        }
        guard let first = words.first else { return false }
        if first == "func" { return words.count > 1 }
        return first.hasPrefix("init(") || first.hasPrefix("init?(") || first.hasPrefix("init!(") || first.hasPrefix("init<")
    }

    /// The line of the `}` that closes the body opened on or after line `start` (the body must
    /// open within a few lines: a protocol requirement has none).
    static func bodyEnd(_ code: [String], from start: Int) -> Int? {
        var depth = 0, opened = false
        for j in start..<code.count {
            // A requirement without a body: the next declaration, or the end of its protocol, comes first.
            if !opened && j > start && isDeclaration(code[j]) { return nil }
            for ch in code[j] {
                if ch == "{" { depth += 1; opened = true } else if ch == "}" { depth -= 1 }
                if opened && depth == 0 { return j }
                if !opened && depth < 0 { return nil }
            }
            if !opened && j > start + 15 { return nil }
        }
        return nil
    }

    /// The comment lines directly above line `i`, joined.
    static func commentAbove(_ raw: [String], _ i: Int) -> String {
        var j = i - 1, lines: [String] = []
        while j >= 0 {
            let t = raw[j].trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("//") || t.hasPrefix("@") else { break }
            lines.append(t)
            j -= 1
        }
        return lines.joined(separator: " ")
    }

    /// The lines with comments and string contents removed (braces in them do not count).
    static func blanked(_ lines: [String]) -> [String] {
        var inMultiline = false, inBlock = 0
        return lines.map { line in
            var out = ""
            let c = Array(line)
            var i = 0
            func at(_ s: String) -> Bool { Array(s).enumerated().allSatisfy { i + $0.offset < c.count && c[i + $0.offset] == $0.element } }
            while i < c.count {
                if inMultiline {
                    if at("\"\"\"") { inMultiline = false; i += 3 } else { i += 1 }
                } else if inBlock > 0 {
                    if at("*/") { inBlock -= 1; i += 2 } else if at("/*") { inBlock += 1; i += 2 } else { i += 1 }
                } else if at("\"\"\"") {
                    inMultiline = true; i += 3
                } else if at("//") {
                    break
                } else if at("/*") {
                    inBlock += 1; i += 2
                } else if c[i] == "\"" {
                    i = skipString(c, i + 1)
                    out += "\"\""
                } else {
                    out.append(c[i]); i += 1
                }
            }
            return out
        }
    }

    /// The index after the string literal whose contents start at `i` (interpolations skipped
    /// with their parentheses balanced).
    static func skipString(_ c: [Character], _ start: Int) -> Int {
        var i = start
        while i < c.count {
            if c[i] == "\\" && i + 1 < c.count && c[i + 1] == "(" {
                i += 2
                var depth = 1
                while i < c.count && depth > 0 {
                    if c[i] == "(" { depth += 1 } else if c[i] == ")" { depth -= 1 } else if c[i] == "\"" { i = skipString(c, i + 1) - 1 }
                    i += 1
                }
                continue
            }
            if c[i] == "\\" { i += 2; continue }
            if c[i] == "\"" { return i + 1 }
            i += 1
        }
        return i
    }
}
