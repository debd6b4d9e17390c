// A small element tree read with XMLScanner (Xinyu's own reader), keeping each element's line so
// messages can point into the file. FET and XHSTT files are a few hundred kilobytes; a tree is
// simpler to walk than events.

import Foundation

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
    /// `file` and the line where reading stopped (XMLScanner: linear work, no C parser).
    static func parse(_ data: Data, file: String) throws(ImportError) -> XMLNode {
        let data = try utf8Document(data, file: file)
        do {
            return try data.withUnsafeBytes { raw throws(ImportError) in
                try XMLScanner.parse(raw.bindMemory(to: UInt8.self), file: file)
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw .input(file, "cannot be read / 无法读取")
        }
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
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard var text = String(data: data, encoding: .utf16) else {
                throw .input(file, "is marked UTF-16 but is not valid UTF-16 / 文件编码错误")
            }
            if text.first == "\u{FEFF}" { text.removeFirst() }
            if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
                text.replaceSubrange(text.startIndex..<end.upperBound, with: "<?xml version=\"1.0\"?>")
            }
            return Data(text.utf8)
        }
        // Validated in place (no copy of the file beside the one being checked).
        let valid = data.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }
        if valid { return data }
        let bytes = [UInt8](data)
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
}
