// A light reader of Swift source for BilingualMessageTests: the string literals after a label and
// the top-level arguments of calls, skipping strings (with their \( ) interpolations) and comments.

struct SwiftCallScan {
    let chars: [Character]
    init(_ text: String) { chars = Array(text) }

    /// A literal's text without its interpolations, and as written.
    struct Literal { let line: Int; let text: String; let raw: String }
    struct Call { let line: Int; let arguments: [String] }

    func line(at i: Int) -> Int { chars[..<i].reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }

    func matches(_ s: [Character], at i: Int) -> Bool {
        i + s.count <= chars.count && Array(chars[i..<(i + s.count)]) == s
    }

    /// The end of the string literal opening at `i` (its closing quote's index + 1) and its text
    /// without the interpolations.
    func literal(at i: Int) -> (end: Int, text: String) {
        var j = i + 1, text = ""
        while j < chars.count {
            let c = chars[j]
            if c == "\\" && j + 1 < chars.count && chars[j + 1] == "(" {
                j = balanced(from: j + 1)
                continue
            }
            if c == "\\" { text.append(c); if j + 1 < chars.count { text.append(chars[j + 1]) }; j += 2; continue }
            if c == "\"" { return (j + 1, text) }
            text.append(c)
            j += 1
        }
        return (j, text)
    }

    /// The index after the `)` closing the `(` at `i`, strings and nested parentheses skipped.
    func balanced(from i: Int) -> Int {
        var depth = 0, j = i
        while j < chars.count {
            let c = chars[j]
            if c == "\"" { j = literal(at: j).end; continue }
            if c == "(" || c == "[" { depth += 1 } else if c == ")" || c == "]" { depth -= 1; if depth == 0 { return j + 1 } }
            j += 1
        }
        return j
    }

    /// Every string literal that follows `label` (e.g. `zh: `).
    func literals(after label: String) -> [Literal] {
        let l = Array(label + "\"")
        return chars.indices.filter { matches(l, at: $0) && !inComment($0) }.map { i in
            let (end, text) = literal(at: i + l.count - 1)
            return Literal(line: line(at: i), text: text, raw: String(chars[(i + l.count - 1)..<end]))
        }
    }

    /// The top-level arguments (as written, trimmed) of every call of `name` (e.g. `log.error(`),
    /// not preceded by a letter (so `fail(` is not `prefail(`) and not a declaration (`func fail(`).
    func calls(_ name: String) -> [Call] {
        let n = Array(name)
        var out: [Call] = []
        for i in chars.indices where matches(n, at: i) && !inComment(i) {
            if i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_" { continue }
            if i >= 5, String(chars[(i - 5)..<i]) == "func " { continue }
            let open = i + n.count - 1
            let close = balanced(from: open)
            out.append(Call(line: line(at: i), arguments: split(open + 1, close - 1)))
        }
        return out
    }

    /// The text between `from` and `to`, split at top-level commas.
    func split(_ from: Int, _ to: Int) -> [String] {
        var parts: [String] = [], current = "", j = from
        while j < to {
            let c = chars[j]
            if c == "\"" {
                let end = literal(at: j).end
                current += String(chars[j..<min(end, to)])
                j = end
            } else if c == "(" || c == "[" || c == "{" {
                let end = c == "{" ? (chars[j...].firstIndex(of: "}") ?? to) + 1 : balanced(from: j)
                current += String(chars[j..<min(end, to)])
                j = end
            } else if c == "," {
                parts.append(current.trimmingSpaces())
                current = ""
                j += 1
            } else {
                current.append(c)
                j += 1
            }
        }
        if !current.trimmingSpaces().isEmpty { parts.append(current.trimmingSpaces()) }
        return parts
    }

    /// Whether `i` is inside a `//` comment.
    func inComment(_ i: Int) -> Bool {
        var j = i
        while j > 0 && chars[j - 1] != "\n" { j -= 1 }
        let lineText = String(chars[j..<i])
        return lineText.contains("//")
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed())
    }
}
