// A scan run before TOMLKit sees a file. toml++ (inside TOMLKit) asserts — aborting the whole
// process — when a table header's name starts with a character that cannot start a key
// (`[心理咨询室]`, `[`, `[[`, `[.]`, `[é]`, `[ 'a' ]` is fine). Every other bad input it reports as
// an error. So this scan walks the file the way toml++ does — statement by statement, skipping
// whole values (strings of all four kinds, arrays and inline tables over several lines, comments)
// — and checks the first character of every table header. Where toml++ would report an error of
// its own first, the scan may stop: toml++ stops at its first error and never reaches a later header.
// toml++ also asserts on a value shaped like a date, a space and one digit (`2026-09-0= 1`,
// `2026-09-01 1`: it looks ahead for a time after the space); values are checked for that too.

enum TOMLPrecheck {
    /// The line and message of the first table header or value toml++ would trap on, or nil.
    static func firstTrap(_ text: String) -> (line: Int, message: Bilingual)? {
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
        mutating func run() -> (line: Int, message: Bilingual)? {
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
                    if let problem = skipValue() { return problem }
                }
            }
            return nil
        }

        /// Checks the character after `[` or `[[` and any spaces, where toml++ asserts.
        mutating func header() -> (line: Int, message: Bilingual)? {
            var k = i + 1
            if at(k) == "[" { k += 1 }
            while at(k) == " " || at(k) == "\t" { k += 1 }
            guard let c = at(k) else { return nil }  // end of file: toml++ reports it
            if c == "]" || TOMLPrecheck.startsKey(c) { return nil }
            let shown = c == "\n" || c == "\r" ? "the end of the line" : "'\(c.escaped(asASCII: false))'"
            let shownZh = c == "\n" || c == "\r" ? "行尾" : "'\(c.escaped(asASCII: false))'"
            return (line, Bilingual(en: "a table header must be [name] or [[name]] with a name of A–Z a–z 0–9 _ - or in "
                + "quotes, e.g. [\"心理咨询室\"]; here the name starts with \(shown)", zh: "表头须写作 [名称] 或 [[名称]]，"
                + "名称只含英文字母、数字、_、-，否则须加引号，例如 [\"心理咨询室\"]；此处名称以 \(shownZh) 开头"))
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

        /// A value: ends at a line break outside strings, arrays and inline tables. Returns the
        /// problem of a date-like token toml++ would trap on.
        mutating func skipValue() -> (line: Int, message: Bilingual)? {
            var depth = 0
            while let c = at(i) {
                switch c {
                case "\n":
                    if depth <= 0 { return nil }
                    line += 1; i += 1
                case "#": skipComment()
                case "[", "{": depth += 1; i += 1
                case "]", "}": depth -= 1; i += 1
                case "\"", "'": if !skipString(c) { return nil }
                default:
                    if ("0"..."9").contains(c), i == 0 || Self.endsToken(s[i - 1]) || "=[{".unicodeScalars.contains(s[i - 1]),
                       let token = dateTrap() {
                        return (line, Bilingual(en: "a value looks like a date but is not one: '\(token)'; write a date as "
                            + "2026-09-01 and a date and time as 2026-09-01T08:00:00", zh: "此值形似日期但格式不对："
                            + "'\(token)'；日期写作 2026-09-01，日期加时间写作 2026-09-01T08:00:00"))
                    }
                    i += 1
                }
            }
            return nil
        }

        /// Where a value token ends for toml++: whitespace (its list has U+FEFF and a few more
        /// than Unicode's; counting more here only ends a token sooner), `]`, `}`, `,`, `#`.
        static func endsToken(_ c: Unicode.Scalar) -> Bool {
            c.properties.isWhitespace || "]},#\u{FEFF}\u{180E}\u{200B}".unicodeScalars.contains(c)
        }

        /// The token at `i` if toml++ would assert on it: ten characters not counting `_` with `-`
        /// at the fifth and eighth, then a space, one digit and the end of the token (toml++ then
        /// scans on from a value terminator). Any such text is invalid TOML, so refusing it early
        /// never refuses a good file.
        func dateTrap() -> String? {
            var k = i, chars: [Unicode.Scalar] = []
            while let c = at(k), !Self.endsToken(c), k - i < 127 {
                if c != "_" { chars.append(c) }
                k += 1
            }
            guard chars.count == 10, chars[4] == "-", chars[7] == "-", at(k) == " ",
                  let digit = at(k + 1), ("0"..."9").contains(digit) else { return nil }
            if let after = at(k + 2), !Self.endsToken(after) { return nil }
            return String(String.UnicodeScalarView(s[i..<min(k + 2, s.count)]))
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
