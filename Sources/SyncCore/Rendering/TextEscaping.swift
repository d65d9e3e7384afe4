/// The one escaping used by every printer of text for people (`plan`, `conflicts`, `status`,
/// the reconcile summary, the Markdown report).
///
/// Values come from strangers (GHL contacts are often typed into public web forms): a name
/// with a line break could forge a line such as `delete GHL contact …`, and escape sequences
/// could clear or retitle the operator's terminal. Each printed line is passed through
/// `escape`, so whatever a value holds stays on its line and visible: line breaks, tabs,
/// ESC, NUL and every other control character (C0, DEL, C1), Unicode line and paragraph
/// separators, and bidirectional overrides are written as `\n`, `\r`, `\t` or `\u{XX}`.
/// (JSON, CSV and HTML have their own, format-specific escaping.)
public enum TextEscaping {
    /// `text` with every control character, line break and bidi control written visibly.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsEscape(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines for a terminal: each escaped, joined by line breaks (the only ones printed).
    public static func lines(_ lines: [String]) -> String {
        lines.map(escape).joined(separator: "\n")
    }

    /// Whether a scalar must not reach a terminal raw.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0 (incl. ESC, NUL, line breaks), DEL, C1 (incl. CSI, NEL)
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi marks and overrides
        default: return false
        }
    }
}
