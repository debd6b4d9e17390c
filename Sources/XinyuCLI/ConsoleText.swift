// What the terminal says and in which language: a sentence in both languages, the language chosen
// by `--lang` or the locale, the display width of mixed Chinese/English text, and repeated
// messages folded into one line with a count.

import Foundation
import XinyuPack

/// The language of the terminal: Chinese, English, or both (the default when nothing chooses).
enum ConsoleLanguage: String, Sendable, CaseIterable {
    case zh, en, both

    /// `--lang` wins; then the locale (LC_ALL, LC_MESSAGES, LANG, the first one set, as POSIX
    /// orders them); a locale of another language, C or POSIX gives both.
    static func resolve(flag: String?, environment: [String: String]) -> ConsoleLanguage {
        if let flag, let l = ConsoleLanguage(rawValue: flag.lowercased()) { return l }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let v = environment[key], !v.isEmpty else { continue }
            let lower = v.lowercased()
            if lower.hasPrefix("zh") { return .zh }
            if lower.hasPrefix("en") { return .en }
            return .both
        }
        return .both
    }

    /// The value of `--lang` in raw arguments (`--lang zh` or `--lang=zh`), read before parsing so
    /// that usage errors speak the asked language too.
    static func flag(in arguments: [String]) -> String? {
        var value: String?
        for (i, a) in arguments.enumerated() {
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count { value = arguments[i + 1] }
            if a.hasPrefix("--lang=") { value = String(a.dropFirst("--lang=".count)) }
        }
        return value
    }

    /// The language of this process: its arguments and environment.
    static var current: ConsoleLanguage {
        resolve(flag: flag(in: Array(CommandLine.arguments.dropFirst())), environment: ProcessInfo.processInfo.environment)
    }
}

/// One message in Chinese and English.
struct Say: Sendable, Hashable {
    var zh: String
    var en: String
    /// The line in both languages when it is not "en / zh" (a pack diagnostic names its file once).
    var both: String?
    init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    /// A pack reader's diagnostic: `file:line: message` in the terminal's language.
    init(_ d: Diagnostic) {
        self.zh = d.description(.zh)
        self.en = d.description(.en)
        self.both = d.description(.both)
    }

    /// English first and Chinese after a slash in both (the habit of every CLI line so far).
    func text(_ language: ConsoleLanguage) -> String {
        switch language {
        case .zh: return zh
        case .en: return en
        case .both: return both ?? (zh == en ? en : en + " / " + zh)
        }
    }
}

enum DisplayWidth {
    /// Terminal columns a character takes: 2 for East Asian wide and full-width ones, 0 for
    /// combining marks and controls, else 1.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if (0x300..<0x370).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        let wide: [ClosedRange<UInt32>] = [0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
                                           0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                                           0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
                                           0x20000...0x3FFFD]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    static func of(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }

    /// `text` cut to at most `columns` columns, with "…" where it was cut.
    static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        var out = "", used = 0
        for ch in text {
            let w = ch.unicodeScalars.reduce(0) { $0 + of($1) }
            if used + w > columns - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }
}

/// Messages folded by a key: the first text of each key, in the order keys first came, with the
/// number of times it came ("… (×60)").
struct MessageGroups: Sendable {
    private(set) var order: [String] = []
    private var first: [String: Say] = [:]
    private(set) var counts: [String: Int] = [:]

    /// `key` defaults to the message itself: identical messages are one line.
    mutating func add(_ message: Say, key: String? = nil) {
        let k = key ?? message.en + "\u{1}" + message.zh
        if first[k] == nil { order.append(k); first[k] = message }
        counts[k, default: 0] += 1
    }

    var isEmpty: Bool { order.isEmpty }
    /// Messages received, counting repeats.
    var total: Int { counts.values.reduce(0, +) }

    /// One line per key, most frequent first (ties in arrival order).
    func lines(_ language: ConsoleLanguage) -> [String] {
        let ranked = order.enumerated().sorted {
            (counts[$0.element] ?? 0, -$0.offset) > (counts[$1.element] ?? 0, -$1.offset)
        }
        return ranked.compactMap { _, k in
            let n = counts[k] ?? 1
            return first[k].map { $0.text(language) + (n > 1 ? " (×\(n))" : "") }
        }
    }
}
