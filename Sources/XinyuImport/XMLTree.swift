// A small element tree read with Foundation's XMLParser (FoundationXML on Linux), keeping each
// element's line so messages can point into the file. FET and XHSTT files are a few hundred
// kilobytes; a tree is simpler to walk than events.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One XML element: name, attributes, child elements, its own text (trimmed), its line.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    let line: Int
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// The first child element named `name`.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    /// Every child element named `name`.
    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    /// The trimmed text of the first child named `name`, or nil.
    func value(_ name: String) -> String? { child(name)?.text }
    /// Every descendant named `name`, in document order.
    func descendants(_ name: String) -> [XMLNode] {
        var out: [XMLNode] = []
        func walk(_ n: XMLNode) {
            for c in n.children {
                if c.name == name { out.append(c) }
                walk(c)
            }
        }
        walk(self)
        return out
    }
}

enum XMLTree {
    /// Parses `data` into its root element; a malformed or truncated document is an error naming
    /// `file` and the line where the parser stopped.
    static func parse(_ data: Data, file: String) throws(ImportError) -> XMLNode {
        let data = try utf8Document(data, file: file)
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let line = builder.tooDeepAtLine {
            throw .input("\(file):\(line)", "elements are nested more than \(ImportLimits.maxXMLDepth) levels deep (these files nest a few levels) / XML 嵌套过深")
        }
        if !ok || builder.root == nil || !builder.stack.isEmpty {
            let line = parser.lineNumber
            let reason = parser.parserError.map { parserErrorText(($0 as NSError).code) } ?? "the document ends early"
            if builder.root == nil && builder.stack.isEmpty && builder.firstElementLine == nil {
                throw .input(file, "is not an XML file (\(reason)) / 不是 XML 文件")
            }
            let open = builder.stack.last.map { " inside <\($0.name)> opened at line \($0.line)" } ?? ""
            throw .input("\(file):\(line)", "not well-formed XML\(open): \(reason) (a truncated or damaged file?) / XML 格式错误（文件不完整或已损坏？）")
        }
        return builder.root!
    }

    /// Reads and parses a file (at most `ImportLimits.maxFileBytes`).
    static func load(_ path: String) throws(ImportError) -> XMLNode {
        try parse(ImportLimits.read(path), file: path)
    }

    /// The document as UTF-8 for the parser. FET, XHSTT and XLSX parts are UTF-8; UTF-16 with a
    /// byte order mark is converted (its encoding declaration dropped). Anything else that is not
    /// valid UTF-8 is refused here, naming the line of the first bad byte: libxml2 can hand such
    /// bytes on in an element name, and FoundationXML then traps decoding it.
    static func utf8Document(_ data: Data, file: String) throws(ImportError) -> Data {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard var text = String(data: data, encoding: .utf16) else {
                throw .input(file, "is marked UTF-16 but is not valid UTF-16 / 文件编码错误")
            }
            if text.first == "\u{FEFF}" { text.removeFirst() }
            if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
                text.replaceSubrange(text.startIndex..<end.upperBound, with: "<?xml version=\"1.0\"?>")
            }
            return Data(text.utf8)
        }
        if String(validating: bytes, as: UTF8.self) != nil { return data }
        // The first invalid byte and its line, for the message.
        var iterator = bytes.makeIterator()
        var codec = UTF8()
        var offset = 0, line = 1
        decoding: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += scalar.utf8.count
                if scalar == "\n" { line += 1 }
            case .emptyInput, .error:
                break decoding
            }
        }
        let byte = offset < bytes.count ? String(bytes[offset], radix: 16, uppercase: true) : "?"
        throw .input("\(file):\(line)", "is not valid UTF-8 (byte 0x\(byte)); save it as UTF-8 / 文件不是有效的 UTF-8 编码")
    }

    /// What a libxml2 error code (as XMLParser reports it on Linux) means, in words.
    static func parserErrorText(_ code: Int) -> String {
        let meaning: String
        switch code {
        case 4: meaning = "the document is empty or not in a readable encoding"
        case 5: meaning = "the document ends early"
        case 9: meaning = "a character that XML does not allow"
        case 23: meaning = "an entity reference lacks its ';'"
        case 26: meaning = "an undeclared entity"
        case 68: meaning = "a name is missing or starts with a character a name cannot start with"
        case 73: meaning = "a '>' is missing"
        case 76: meaning = "an end tag does not match its start tag"
        case 89: meaning = "entities expand too far (an entity loop or an expansion bomb)"
        default: meaning = "a syntax error"
        }
        return "\(meaning) (XML parser error \(code))"
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []
    var texts: [String] = []
    var firstElementLine: Int?
    /// Set when an element opens deeper than `ImportLimits.maxXMLDepth`; parsing stops there
    /// (a tree hundreds of thousands of levels deep overflows the stack when walked or freed).
    var tooDeepAtLine: Int?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if stack.count >= ImportLimits.maxXMLDepth {
            if tooDeepAtLine == nil { tooDeepAtLine = parser.lineNumber }
            parser.abortParsing()
            return
        }
        let node = XMLNode(name: elementName, attributes: attributeDict, line: parser.lineNumber)
        if firstElementLine == nil { firstElementLine = parser.lineNumber }
        if let parent = stack.last {
            parent.children.append(node)
        } else if root == nil {
            root = node
        }
        stack.append(node)
        texts.append("")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !texts.isEmpty { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if !texts.isEmpty { texts[texts.count - 1] += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let node = stack.popLast() else { return }
        node.text = (texts.popLast() ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
