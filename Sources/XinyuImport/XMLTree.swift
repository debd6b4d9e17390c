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
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if !ok || builder.root == nil || !builder.stack.isEmpty {
            let line = parser.lineNumber
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the document ends early"
            if builder.root == nil && builder.stack.isEmpty && builder.firstElementLine == nil {
                throw .input(file, "is not an XML file (\(reason)) / 不是 XML 文件")
            }
            let open = builder.stack.last.map { " inside <\($0.name)> opened at line \($0.line)" } ?? ""
            throw .input("\(file):\(line)", "not well-formed XML\(open): \(reason) (a truncated or damaged file?) / XML 格式错误（文件不完整或已损坏？）")
        }
        return builder.root!
    }

    /// Reads and parses a file.
    static func load(_ path: String) throws(ImportError) -> XMLNode {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .input(path, "cannot be read / 无法读取")
        }
        return try parse(data, file: path)
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []
    var texts: [String] = []
    var firstElementLine: Int?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
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
