// A scan run before TOMLKit sees a file. toml++ (inside TOMLKit) asserts — aborting the whole
// process — when a table header's name starts with a character that cannot start a key
// (`[心理咨询室]`, `[`, `[[`, `[.]`, `[é]`, `[ 'a' ]` is fine). Every other bad input it reports as
// an error. So this scan walks the file the way toml++ does — statement by statement, skipping
// whole values (strings of all four kinds, arrays and inline tables over several lines, comments)
// — and checks the first character of every table header. Where toml++ would report an error of
// its own first, the scan may stop: toml++ stops at its first error and never reaches a later header.

enum TOMLPrecheck {
    /// The line and message of the first table header toml++ would trap on, or nil.
    static func firstTrap(_ text: String) -> (line: Int, message: String)? {
        var scan = Scanner(Array(text.unicodeScalars))
        return scan.run()
    }

    /// Characters that may start a key: ASCII letters, digits, `_`, `-`, or a quote.
    static func startsKey(_ c: Unicode.Scalar) -> Bool {
        isBare(c) || c == "\"" || c == "'"
    }

    static func isBare(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1

        init(_ s: [Unicode.Scalar]) {
            self.s = s
            if s.first == "\u{FEFF}" { i = 1 }
        }

        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }

        /// Statement level: blank lines, comments, headers, `key = value`.
        mutating func run() -> (line: Int, message: String)? {
            while let c = at(i) {
                switch c {
                case " ", "\t": i += 1
                case "\n": line += 1; i += 1
                case "\r" where at(i + 1) == "\n": i += 1
                case "#": skipComment()
                case "[":
                    if let problem = header() { return problem }
                    skipRestOfLine()
                default:
                    // Anything but a key start is an error toml++ reports itself.
                    guard TOMLPrecheck.startsKey(c) else { return nil }
                    guard skipKey() else { return nil }
                    skipValue()
                }
            }
            return nil
        }

        /// Checks the character after `[` or `[[` and any spaces, where toml++ asserts.
        mutating func header() -> (line: Int, message: String)? {
            var k = i + 1
            if at(k) == "[" { k += 1 }
            while at(k) == " " || at(k) == "\t" { k += 1 }
            guard let c = at(k) else { return nil }  // end of file: toml++ reports it
            if c == "]" || TOMLPrecheck.startsKey(c) { return nil }
            let shown = c == "\n" || c == "\r" ? "the end of the line" : "'\(c.escaped(asASCII: false))'"
            return (line, "a table header must be [name] or [[name]] with a name of A–Z a–z 0–9 _ - or in "
                + "quotes, e.g. [\"心理咨询室\"]; here the name starts with \(shown) / 表头须写作 [名称] 或 [[名称]]，"
                + "名称只含英文字母、数字、_、-，否则须加引号，例如 [\"心理咨询室\"]")
        }

        /// The key of `key = value` up to and past its `=`; false when there is none on the line
        /// (toml++ reports that).
        mutating func skipKey() -> Bool {
            while let c = at(i) {
                switch c {
                case "=": i += 1; return true
                case "\n", "#": return false
                case "\"", "'": if !skipString(c) { return false }
                default: i += 1
                }
            }
            return false
        }

        /// A value: ends at a line break outside strings, arrays and inline tables.
        mutating func skipValue() {
            var depth = 0
            while let c = at(i) {
                switch c {
                case "\n":
                    if depth <= 0 { return }
                    line += 1; i += 1
                case "#": skipComment()
                case "[", "{": depth += 1; i += 1
                case "]", "}": depth -= 1; i += 1
                case "\"", "'": if !skipString(c) { return }
                default: i += 1
                }
            }
        }

        /// A string of any kind starting at `i`; false if it is cut by a line break or the end
        /// of the file where it must not be (toml++ reports that).
        mutating func skipString(_ q: Unicode.Scalar) -> Bool {
            let multi = at(i + 1) == q && at(i + 2) == q
            i += multi ? 3 : 1
            while let c = at(i) {
                if c == "\\" && q == "\"" {  // an escape: skip what it escapes (a line break too)
                    if at(i + 1) == "\n" { line += 1 }
                    i += 2
                    continue
                }
                if c == "\n" {
                    if !multi { return false }
                    line += 1
                }
                if c == q && (!multi || (at(i + 1) == q && at(i + 2) == q)) {
                    i += multi ? 3 : 1
                    // Up to two more quotes close a multi-line string (`""""` ends with a quote).
                    if multi { for _ in 0..<2 where at(i) == q { i += 1 } }
                    return true
                }
                i += 1
            }
            return false
        }

        mutating func skipComment() {
            while let c = at(i), c != "\n" { i += 1 }
        }

        /// The rest of a header line (its quoted names may hold `#`, `]`).
        mutating func skipRestOfLine() {
            while let c = at(i), c != "\n" {
                if c == "\"" || c == "'" {
                    if !skipString(c) { return }
                } else if c == "#" {
                    skipComment()
                } else {
                    i += 1
                }
            }
        }
    }
}
