// Character data and attribute values of the XML reader: the five predefined entities and
// character references are decoded; any other reference is refused (entities are never expanded:
// no XXE, no expansion bomb); characters XML does not allow (controls but tab and line ends) are
// refused at their line.

extension XMLScan {
    mutating func decode(_ range: Range<Int>, attribute: Bool) throws(ImportError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var k = range.lowerBound
        while k < range.upperBound {
            let c = b[k]
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D || c == 0x7F {
                throw fail("a character that XML does not allow (byte 0x\(String(c, radix: 16, uppercase: true)))", at: k)
            }
            if c == 0x26 {  // '&'
                k = try reference(at: k, end: range.upperBound, into: &out)
                continue
            }
            // Attribute values: tabs and line ends become spaces (XML's normalisation).
            out.append(attribute && (c == 0x09 || c == 0x0A || c == 0x0D) ? 0x20 : c)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the reference at `k` into `out`; returns the position after its `;`.
    mutating func reference(at k: Int, end: Int, into out: inout [UInt8]) throws(ImportError) -> Int {
        var semi = k + 1
        while semi < end && semi - k <= 12 && b[semi] != 0x3B { semi += 1 }
        guard semi < end, b[semi] == 0x3B else { throw fail("an entity reference lacks its ';'", at: k) }
        let body = String(decoding: b[(k + 1)..<semi], as: UTF8.self)
        switch body {
        case "lt": out.append(0x3C)
        case "gt": out.append(0x3E)
        case "amp": out.append(0x26)
        case "apos": out.append(0x27)
        case "quot": out.append(0x22)
        default:
            guard body.hasPrefix("#"), let scalar = characterReference(body.dropFirst()) else {
                throw fail("an undeclared entity &\(body); (only &lt; &gt; &amp; &apos; &quot; and &#…; are read)", at: k)
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
        return semi + 1
    }

    /// `#65` / `#x41` → the scalar, if it is one XML allows.
    private func characterReference(_ digits: Substring) -> Unicode.Scalar? {
        let value: UInt32?
        if digits.first == "x" { value = UInt32(digits.dropFirst(), radix: 16) } else { value = UInt32(digits, radix: 10) }
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D { return nil }
        if value == 0xFFFE || value == 0xFFFF { return nil }
        return scalar
    }
}
