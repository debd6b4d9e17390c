// What an XML file must be before XMLTree parses it: UTF-8, or UTF-16 with a byte order mark.
// Two kinds of file would otherwise be read with garbled names, silently:
// - UTF-32 with a byte order mark (FF FE 00 00 begins like UTF-16 little-endian);
// - a declaration naming another encoding (encoding="ISO-8859-1", "GBK", …) on bytes that are not
//   plain ASCII: the parser would decode UTF-8 bytes as Latin-1 (or fail on GBK ones).
// Both are refused with a bilingual message saying to save the file as UTF-8.

import Foundation

enum XMLInput {
    static func load(_ path: String) throws(ImportError) -> XMLNode {
        let data = try ImportLimits.read(path)
        try check(data, file: path)
        return try XMLTree.parse(data, file: path)
    }

    static func check(_ data: Data, file: String) throws(ImportError) {
        let head = [UInt8](data.prefix(4))
        if head == [0xFF, 0xFE, 0x00, 0x00] || head == [0x00, 0x00, 0xFE, 0xFF] {
            throw .input(file, "is UTF-32; save it as UTF-8 / 文件为 UTF-32 编码，请另存为 UTF-8")
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return }  // UTF-16: XMLTree converts it
        guard let encoding = declaredEncoding(data) else { return }
        let utf = ["utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf16"]
        if utf.contains(encoding.lowercased()) { return }
        if data.allSatisfy({ $0 < 0x80 }) { return }  // ASCII reads the same in any of them
        throw .input(file, "declares encoding=\"\(encoding)\" but holds non-ASCII text; only UTF-8 is read: save it as UTF-8 and declare encoding=\"UTF-8\" / 文件声明的编码为 \(encoding)，仅支持 UTF-8，请另存为 UTF-8")
    }

    /// The `encoding` of the XML declaration, if the file starts with one.
    static func declaredEncoding(_ data: Data) -> String? {
        var bytes = [UInt8](data.prefix(200))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return nil }
        let decl = text[..<end.lowerBound]
        guard let r = decl.range(of: "encoding") else { return nil }
        let rest = decl[r.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}
