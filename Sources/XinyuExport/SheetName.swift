// Worksheet names that libxlsxwriter (and Excel) always accept, unique within one workbook.
// A class or teacher name comes from the pack, so it can hold anything; libxlsxwriter refuses a
// bad name by returning NULL, so every rule it checks is applied here, after every cut.

enum SheetName {
    /// Excel's limit, counted in UTF-16 units (libxlsxwriter counts code points, never more).
    static let maxLength = 31

    /// A legal name for `wanted`, not yet in `taken` (compared ignoring case, as Excel does);
    /// the result is added to `taken`. Rules: 1–31 characters, none of `[]:*?/\` or control
    /// characters (they become `_`), no apostrophe first or last, not "History". A taken name
    /// gets `~2`, `~3` … (the base shortened to fit).
    static func make(_ wanted: String, taken: inout Set<String>) -> String {
        let base = clean(wanted)
        var name = legal(fit(base, maxLength))
        var k = 2
        while taken.contains(name.lowercased()) {
            let suffix = "~\(k)"
            name = legal(fit(base, maxLength - suffix.utf16.count)) + suffix
            k += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// Forbidden and control characters replaced by `_`.
    static func clean(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
            out.unicodeScalars.append(control || "[]:*?/\\".unicodeScalars.contains(scalar) ? "_" : scalar)
        }
        return out
    }

    /// The longest prefix of whole characters within `n` UTF-16 units.
    static func fit(_ s: String, _ n: Int) -> String {
        var out = "", units = 0
        for ch in s {
            let w = ch.utf16.count
            if units + w > n { break }
            out.append(ch)
            units += w
        }
        return out
    }

    /// No apostrophe at either end, not empty, not "History" (a `_` is put before an empty or
    /// "History" name only, so the result stays within the length it was fitted to).
    static func legal(_ s: String) -> String {
        var s = Substring(s)
        while s.first == "'" { s.removeFirst() }
        while s.last == "'" { s.removeLast() }
        if s.isEmpty || s.lowercased() == "history" { return "_" + s }
        return String(s)
    }
}
