// TOML written by hand (TOMLKit's serializer reorders keys): strings, keys, numbers.

public enum TOMLText {
    /// A TOML basic string: `"…"` with `"` and `\` escaped and control characters as escapes.
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + pad(hex: scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A key: bare when it is only ASCII letters, digits, `_` and `-`; quoted otherwise.
    public static func key(_ value: String) -> String {
        let bare = !value.isEmpty && value.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-"
        }
        return bare ? value : string(value)
    }

    /// A number: an integral value as an integer (`3`), others as Swift's shortest round-trip
    /// form (`0.5`, `1e-05`), which is valid TOML, as are `inf`, `-inf` and `nan`.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    static func date(_ value: CivilDate) -> String { value.iso }

    private static func pad(hex value: UInt32) -> String {
        let s = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
