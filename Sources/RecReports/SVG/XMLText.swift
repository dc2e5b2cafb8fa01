/// Escaping of text for XML, SVG and XHTML.
///
/// The five characters with a meaning in markup become entities (`&` → `&amp;`, `<` → `&lt;`,
/// `>` → `&gt;`, `"` → `&quot;`, `'` → `&#39;`), so the result is safe both as element content
/// and inside a quoted attribute value. `&#39;` is used rather than `&apos;` because it means the
/// same in XML and in HTML. Characters that XML 1.0 forbids (C0 controls other than tab, line
/// feed and carriage return, and U+FFFE/U+FFFF) are replaced by U+FFFD, so that no input string
/// can make a document ill-formed.
public enum XMLText {
    /// `text` with markup characters replaced by entities and forbidden characters by U+FFFD.
    ///
    /// - Complexity: O(*n*) in the length of `text`.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                result.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
