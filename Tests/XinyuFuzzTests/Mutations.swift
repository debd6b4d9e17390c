// A seeded mutation generator: from a valid input (a pack file, a FET/XHSTT/grid file) it makes
// broken and hostile variants. Every case is a pure function of (seed, case number), so a failure
// found in a long run is reproduced by its seed and number alone.

import Foundation

/// SplitMix64: small, fast, and the same sequence on every platform for a seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// The generator of case `index` of a run seeded `seed`.
    static func forCase(seed: UInt64, index: Int) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        return SeededRandom(seed: mixer.next())
    }
}

/// What kind of text a file holds, for the mutations that need structure.
enum Syntax: Sendable { case csv, toml, xml }

/// One mutation: its name (printed with failures) and what it does to the bytes.
struct Mutation: Sendable {
    let name: String
    let apply: @Sendable (_ bytes: [UInt8], _ syntax: Syntax, _ rng: inout SeededRandom) -> [UInt8]
}

enum Mutations {
    /// Values that break number parsing: Int overflow, floating extremes, NaN, signed zero,
    /// non-ASCII digits, hex, separators.
    static let hostileNumbers = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999", "1e308", "-1e308", "1e309", "nan", "NaN", "inf", "-inf", "-0", "0",
        "-1", "0x10", "1_000", "1.5", "٣", "３", "4294967296", "65536", "17", "8", "400",
    ]

    /// Byte sequences that are not UTF-8: a lone continuation, a truncated sequence, an overlong
    /// encoding, a surrogate, 0xFF.
    static let invalidUTF8: [[UInt8]] = [[0x80], [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80]]

    static let all: [Mutation] = [
        Mutation(name: "truncate") { b, _, r in Array(b.prefix(b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &r))) },
        Mutation(name: "bit-flips") { b, _, r in
            var b = b
            guard !b.isEmpty else { return b }
            for _ in 0..<Int.random(in: 1...8, using: &r) { b[Int.random(in: 0..<b.count, using: &r)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &r) }
            return b
        },
        Mutation(name: "random-bytes") { b, _, r in
            var b = b
            let bytes = (0..<Int.random(in: 1...32, using: &r)).map { _ in UInt8.random(in: 0...255, using: &r) }
            b.insert(contentsOf: bytes, at: Int.random(in: 0...b.count, using: &r))
            return b
        },
        Mutation(name: "delete-range") { b, _, r in
            guard b.count > 1 else { return [] }
            var b = b
            let start = Int.random(in: 0..<b.count, using: &r)
            b.removeSubrange(start..<min(b.count, start + Int.random(in: 1...64, using: &r)))
            return b
        },
        Mutation(name: "duplicate-line") { b, _, r in
            var lines = split(b)
            guard !lines.isEmpty else { return b }
            let i = Int.random(in: 0..<lines.count, using: &r)
            lines.insert(lines[i], at: Int.random(in: 0...lines.count, using: &r))
            return join(lines)
        },
        Mutation(name: "swap-lines") { b, _, r in
            var lines = split(b)
            guard lines.count > 1 else { return b }
            lines.swapAt(Int.random(in: 0..<lines.count, using: &r), Int.random(in: 0..<lines.count, using: &r))
            return join(lines)
        },
        Mutation(name: "nul-byte") { b, _, r in var b = b; b.insert(0, at: Int.random(in: 0...b.count, using: &r)); return b },
        Mutation(name: "cr-only") { b, _, _ in
            var out: [UInt8] = []
            for (i, c) in b.enumerated() where !(c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A) { out.append(c == 0x0A ? 0x0D : c) }
            return out
        },
        Mutation(name: "crlf") { b, _, _ in b.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] } },
        Mutation(name: "utf16le") { b, _, _ in [0xFF, 0xFE] + Array(String(decoding: b, as: UTF8.self).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } },
        Mutation(name: "utf16be-no-bom") { b, _, _ in Array(String(decoding: b, as: UTF8.self).utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } },
        Mutation(name: "gb18030") { b, _, _ in
            let text = String(decoding: b, as: UTF8.self)
            return text.data(using: String.Encoding(rawValue: 0x8000_0632)).map { [UInt8]($0) } ?? b
        },
        Mutation(name: "invalid-utf8") { b, _, r in
            var b = b
            b.insert(contentsOf: invalidUTF8[Int.random(in: 0..<invalidUTF8.count, using: &r)], at: Int.random(in: 0...b.count, using: &r))
            return b
        },
        Mutation(name: "empty") { _, _, _ in [] },
        Mutation(name: "bom-only") { _, _, _ in [0xEF, 0xBB, 0xBF] },
        Mutation(name: "hostile-number") { b, _, r in
            // Replace one run of ASCII digits with a hostile value.
            var runs: [Range<Int>] = []
            var i = 0
            while i < b.count {
                if b[i] >= 0x30 && b[i] <= 0x39 {
                    let s = i
                    while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                    runs.append(s..<i)
                } else { i += 1 }
            }
            guard !runs.isEmpty else { return b }
            var b = b
            b.replaceSubrange(runs[Int.random(in: 0..<runs.count, using: &r)],
                              with: Array(hostileNumbers[Int.random(in: 0..<hostileNumbers.count, using: &r)].utf8))
            return b
        },
        Mutation(name: "long-field") { b, _, r in
            var b = b
            let filler: [UInt8] = Bool.random(using: &r) ? [0x78] : Array("心".utf8)
            let n = [1_000, 70_000, 1_100_000][Int.random(in: 0...2, using: &r)]
            b.insert(contentsOf: Array([[UInt8]](repeating: filler, count: n).joined()), at: Int.random(in: 0...b.count, using: &r))
            return b
        },
        Mutation(name: "unbalanced-quote") { b, _, r in var b = b; b.insert(0x22, at: Int.random(in: 0...b.count, using: &r)); return b },
        Mutation(name: "many-rows") { b, syntax, r in
            // The last non-empty line repeated: thousands of rows (duplicate ids included).
            var lines = split(b).filter { !$0.isEmpty }
            guard let last = lines.last, syntax == .csv else { return b }
            let count = min(Int.random(in: 1_000...5_000, using: &r), maxBytes / (last.count + 1))
            lines += [[UInt8]](repeating: last, count: count)
            return join(lines)
        },
        Mutation(name: "deep-nesting") { b, syntax, r in
            let depth = [100, 1_000, 10_000, 300_000][Int.random(in: 0...3, using: &r)]
            switch syntax {
            case .toml:
                let text: String
                if Bool.random(using: &r) {
                    text = "\ndeep = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
                } else {
                    text = "\n[" + (0..<depth).map { "t\($0 % 10)" }.joined(separator: ".") + "]\nx = 1\n"
                }
                return b + Array(text.utf8)
            case .xml:
                // Inside the root element: after the first '>' that ends a start tag past the prolog.
                let open = Array(String(repeating: "<n>", count: depth).utf8), close = Array(String(repeating: "</n>", count: depth).utf8)
                var at = b.count
                var seenRoot = false
                for (i, c) in b.enumerated() where c == 0x3C && i + 1 < b.count && b[i + 1] != 0x3F && b[i + 1] != 0x21 {
                    if seenRoot, let gt = b[i...].firstIndex(of: 0x3E) { at = gt + 1; break }
                    seenRoot = true
                    if let gt = b[i...].firstIndex(of: 0x3E) { at = gt + 1; break }
                }
                var out = b
                out.insert(contentsOf: open + close, at: at)
                return out
            case .csv:
                return Array(String(repeating: "\"", count: depth).utf8) + b
            }
        },
        Mutation(name: "xml-entities") { b, syntax, r in
            // An internal entity expanded many times ("billion laughs", bounded).
            guard syntax == .xml else { return b }
            let dtd = "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>"
            var text = String(decoding: b, as: UTF8.self)
            if let end = text.range(of: "?>") { text.insert(contentsOf: dtd, at: end.upperBound) } else { text = dtd + text }
            if let name = text.range(of: "<Name>") { text.insert(contentsOf: "&f;", at: name.upperBound) }
            return Array(text.utf8)
        },
    ]

    /// The largest input a mutation sequence may produce (a long field repeated thousands of times
    /// would otherwise make gigabytes); bigger results are cut here (the readers' own size limits
    /// are tested apart).
    static let maxBytes = 8 * 1024 * 1024

    /// Applies 1–3 random mutations; returns the bytes and the names applied.
    static func mutate(_ bytes: [UInt8], syntax: Syntax, rng: inout SeededRandom) -> ([UInt8], [String]) {
        var b = bytes
        var names: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let m = all[Int.random(in: 0..<all.count, using: &rng)]
            b = m.apply(b, syntax, &rng)
            if b.count > maxBytes { b.removeSubrange(maxBytes...) }
            names.append(m.name)
        }
        return (b, names)
    }

    static func split(_ b: [UInt8]) -> [[UInt8]] { b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
    static func join(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
}
