// Xinyu's own XML reader for FET, XHSTT and XLSX parts: one pass over the bytes, linear in their
// number, no C parser underneath. FoundationXML (libxml2) crashed on a processing instruction
// without data, spent time quadratic in the attributes of one element, refused documents of
// 10,000,000 bytes and more and needed eight times a file's size in memory. This reader takes
// what these files use — elements, attributes, text, CDATA, comments, processing instructions,
// a DOCTYPE (skipped) — and never expands an entity beyond the five predefined ones and
// character references (so no XXE, no expansion bomb). Limits: ImportLimits.maxXMLDepth levels,
// XMLScanner.maxAttributes attributes on one element.

enum XMLScanner {
    /// The most attributes one element may have (these files use a handful; 400,000 on one
    /// element took libxml2 two minutes).
    static let maxAttributes = 256

    /// Parses UTF-8 bytes (validated by the caller) into the root element.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(ImportError) -> XMLNode {
        var scanner = XMLScan(b: bytes, file: file)
        return try scanner.document()
    }
}

struct XMLScan {
    let b: UnsafeBufferPointer<UInt8>
    let file: String
    var i = 0
    // Line counting is lazy: positions only grow, so newlines are counted from the last asked.
    var linePos = 0, lineNo = 1
    var stack: [XMLNode] = []
    var texts: [[UInt8]] = []

    init(b: UnsafeBufferPointer<UInt8>, file: String) {
        self.b = b
        self.file = file
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    mutating func line(at pos: Int) -> Int {
        let end = min(pos, b.count)
        if end < linePos { return lineNo }
        for k in linePos..<end where b[k] == 0x0A { lineNo += 1 }
        linePos = end
        return lineNo
    }

    mutating func fail(_ reason: String, at pos: Int? = nil) -> ImportError {
        let open = stack.last.map { " inside <\($0.name)> opened at line \($0.line)" } ?? ""
        return .input("\(file):\(line(at: pos ?? i))",
                      "not well-formed XML\(open): \(reason) (a truncated or damaged file?) / XML 格式错误（文件不完整或已损坏？）")
    }

    func at(_ k: Int) -> UInt8? { k < b.count ? b[k] : nil }
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    func starts(_ s: StaticString, at k: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard k + n <= b.count else { return false }
        for j in 0..<n where b[k + j] != s.utf8Start[j] { return false }
        return true
    }

    mutating func skipSpace() { while let c = at(i), isSpace(c) { i += 1 } }

    /// The position of `s` from `i` on, or nil.
    func find(_ s: StaticString) -> Int? {
        let first = s.utf8Start[0]
        var k = i
        while k < b.count {
            if b[k] == first && starts(s, at: k) { return k }
            k += 1
        }
        return nil
    }

    // MARK: - Document

    mutating func document() throws(ImportError) -> XMLNode {
        var root: XMLNode?
        while true {
            skipSpace()
            guard let c = at(i) else { break }
            guard c == 0x3C else {  // '<'
                if root == nil { throw notXML("text before the first element") }
                throw fail("text after the root element")
            }
            if try misc() { continue }
            if root != nil { throw fail("a second root element") }
            root = try element()
        }
        guard let root else { throw notXML("no element") }
        return root
    }

    func notXML(_ reason: String) -> ImportError {
        .input(file, "is not an XML file (\(reason)) / 不是 XML 文件")
    }

    /// A comment, processing instruction, DOCTYPE or CDATA at `i`, skipped; false if none.
    mutating func misc() throws(ImportError) -> Bool {
        if starts("<!--", at: i) {
            guard let end = find("-->") else { throw fail("a comment is not closed") }
            i = end + 3
        } else if starts("<?", at: i) {
            guard let end = find("?>") else { throw fail("a processing instruction is not closed") }
            i = end + 2
        } else if starts("<!DOCTYPE", at: i) {
            try skipDoctype()
        } else {
            return false
        }
        return true
    }

    /// `<!DOCTYPE name … [ internal subset ] >`: skipped whole (quotes and brackets respected);
    /// its entities are never expanded.
    mutating func skipDoctype() throws(ImportError) {
        let start = i
        var depth = 0
        var quote: UInt8?
        i += 9
        while let c = at(i) {
            i += 1
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case 0x22, 0x27: quote = c
            case 0x5B: depth += 1
            case 0x5D: depth -= 1
            case 0x3E where depth <= 0: return
            default: break
            }
        }
        throw fail("a DOCTYPE is not closed", at: start)
    }
}

// MARK: - Elements

extension XMLScan {
    /// An element at `i` (`<` seen) with all it contains, iteratively (no recursion: depth is
    /// bounded by ImportLimits.maxXMLDepth, the stack by nothing).
    mutating func element() throws(ImportError) -> XMLNode {
        let root = try startTag()
        guard !stack.isEmpty else { return root }
        while !stack.isEmpty {
            guard let c = at(i) else { throw fail("the document ends early") }
            if c != 0x3C {
                try text()
            } else if starts("</", at: i) {
                try endTag()
            } else if starts("<![CDATA[", at: i) {
                guard let end = find("]]>") else { throw fail("a CDATA section is not closed") }
                texts[texts.count - 1].append(contentsOf: b[(i + 9)..<end])
                i = end + 3
            } else if try misc() {
                continue
            } else {
                _ = try startTag()
            }
        }
        return root
    }

    /// A start tag at `i`; the new element is attached to the open one and, unless it is empty
    /// (`/>`), opened.
    mutating func startTag() throws(ImportError) -> XMLNode {
        let tagStart = i
        i += 1
        let name = try self.name()
        if stack.count >= ImportLimits.maxXMLDepth {
            throw .input("\(file):\(line(at: tagStart))",
                         "elements are nested more than \(ImportLimits.maxXMLDepth) levels deep (these files nest a few levels) / XML 嵌套过深")
        }
        let attributes = try self.attributes()
        let node = XMLNode(name: name, attributes: attributes, line: line(at: tagStart))
        stack.last?.children.append(node)
        if starts("/>", at: i) {
            i += 2
        } else if at(i) == 0x3E {
            i += 1
            stack.append(node)
            texts.append([])
        } else {
            throw fail(at(i) == nil ? "the document ends early" : "a '>' is missing")
        }
        return node
    }

    /// Attributes up to `>` or `/>`: duplicates found through the dictionary (linear), at most
    /// XMLScanner.maxAttributes of them.
    mutating func attributes() throws(ImportError) -> [String: String] {
        var out: [String: String] = [:]
        while true {
            let hadSpace = at(i).map(isSpace) ?? false
            skipSpace()
            guard let c = at(i) else { throw fail("the document ends early") }
            if c == 0x3E || c == 0x2F { return out }
            guard hadSpace else { throw fail("attributes must be separated by spaces") }
            let nameAt = i
            let key = try name()
            skipSpace()
            guard at(i) == 0x3D else { throw fail("an attribute lacks its '='") }
            i += 1
            skipSpace()
            guard let q = at(i), q == 0x22 || q == 0x27 else { throw fail("an attribute value is not quoted") }
            i += 1
            let valueStart = i
            while let v = at(i), v != q {
                if v == 0x3C { throw fail("a '<' inside an attribute value") }
                i += 1
            }
            guard at(i) == q else { throw fail("the document ends early") }
            let value = try decode(valueStart..<i, attribute: true)
            i += 1
            if out.updateValue(value, forKey: key) != nil { throw fail("attribute \(key) is given twice", at: nameAt) }
            if out.count > XMLScanner.maxAttributes {
                throw .input("\(file):\(line(at: nameAt))",
                             "an element has more than \(XMLScanner.maxAttributes) attributes (these files have a few) / XML 元素属性过多")
            }
        }
    }

    mutating func endTag() throws(ImportError) {
        let tagStart = i
        i += 2
        let name = try self.name()
        skipSpace()
        guard at(i) == 0x3E else { throw fail("a '>' is missing") }
        i += 1
        guard let node = stack.last, node.name == name else { throw fail("an end tag does not match its start tag", at: tagStart) }
        stack.removeLast()
        let raw = texts.removeLast()
        node.text = trimmed(String(decoding: raw, as: UTF8.self))
    }

    /// Character data up to the next `<`, decoded, added to the open element's text.
    mutating func text() throws(ImportError) {
        let start = i
        while let c = at(i), c != 0x3C { i += 1 }
        let decoded = try decode(start..<i, attribute: false)
        texts[texts.count - 1].append(contentsOf: decoded.utf8)
    }

    /// A name: bytes up to a space, `/`, `>`, `=` or `<`; it must not be empty or start with a
    /// digit, `-` or `.`.
    mutating func name() throws(ImportError) -> String {
        let start = i
        while let c = at(i), !isSpace(c), c != 0x2F, c != 0x3E, c != 0x3D, c != 0x3C, c != 0x22, c != 0x27 { i += 1 }
        guard i > start, let first = at(start), !(0x30...0x39).contains(first), first != 0x2D, first != 0x2E,
              first != 0x21, first != 0x3F else {
            throw fail("a name is missing or starts with a character a name cannot start with", at: start)
        }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private func trimmed(_ s: String) -> String {
        var u = Substring(s)
        while let f = u.first, f.isWhitespace { u.removeFirst() }
        while let l = u.last, l.isWhitespace { u.removeLast() }
        return String(u)
    }
}
