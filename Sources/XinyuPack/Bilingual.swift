// Every message the pack reader and writer give a user is one of these: the project standard is
// a bilingual (简体中文 + English) message, and the portal and `--lang` show one language of it.

/// A message in both languages of the tool's users. Build it with both parts; the parts carry the
/// same values (quoted ids, numbers, line numbers), only the words differ.
public struct Bilingual: Sendable, Hashable, CustomStringConvertible {
    public var zh: String
    public var en: String
    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// Which part (or both) to show.
    public enum Language: String, Sendable, CaseIterable { case zh, en, both }

    /// English, a slash, then Chinese (the habit of every CLI line); one part when both are equal.
    public var description: String { text(.both) }

    public func text(_ language: Language) -> String {
        switch language {
        case .zh: return zh
        case .en: return en
        case .both: return zh == en ? en : en + " / " + zh
        }
    }

    /// Both parts with the same prefix (e.g. a field name or a quoted value).
    public func prefixed(en p: String, zh q: String) -> Bilingual { Bilingual(en: p + en, zh: q + zh) }

    /// Both parts joined to another message's parts.
    public static func + (a: Bilingual, b: Bilingual) -> Bilingual { Bilingual(en: a.en + b.en, zh: a.zh + b.zh) }
}

extension Bilingual {
    /// Whether `text` holds a CJK ideograph (the tests' check that a Chinese part is Chinese).
    public static func hasChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
