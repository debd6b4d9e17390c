// Text files of Chinese schools come as UTF-8 (with or without a BOM), UTF-16 (Excel's
// "Unicode text"), UTF-32 with a BOM, or GB18030/GBK (Excel and WPS on a Chinese Windows). The encoding is detected,
// never asked: a BOM decides; else bytes that are valid UTF-8 are UTF-8; else GB18030 (a superset
// of GBK and GB2312) is tried.

import Foundation

enum TextDecoding {
    /// GB18030-2000 as a Foundation string encoding. On Apple platforms this is
    /// `CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000)`; that function
    /// is not exported by Foundation on Linux, so the value it returns (0x8000_0000 | 0x0632) is
    /// written out. swift-corelibs-foundation decodes it through ICU (checked by the tests).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    enum Detected: String, Sendable { case utf8 = "UTF-8", utf8BOM = "UTF-8 (BOM)", utf16 = "UTF-16", utf32 = "UTF-32", gb18030 = "GB18030" }

    /// Decodes `data`; nil when it is none of the encodings above.
    static func decode(_ data: Data) -> (text: String, encoding: Detected)? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(bytes: bytes.dropFirst(3), encoding: .utf8) else { return nil }
            return (s, .utf8BOM)
        }
        // UTF-32 first: its little-endian mark FF FE 00 00 begins like UTF-16's.
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf32LittleEndian : .utf32BigEndian
            guard bytes.count % 4 == 0, var s = String(bytes: bytes.dropFirst(4), encoding: encoding) else { return nil }
            if s.first == "\u{FEFF}" { s.removeFirst() }
            return (s, .utf32)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard var s = String(data: data, encoding: .utf16) else { return nil }
            if s.first == "\u{FEFF}" { s.removeFirst() }
            return (s, .utf16)
        }
        if let s = String(bytes: bytes, encoding: .utf8) { return (s, .utf8) }
        if let s = String(data: data, encoding: gb18030), !s.contains("\u{FFFD}") { return (s, .gb18030) }
        return nil
    }
}
