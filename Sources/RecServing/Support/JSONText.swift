/// Small helpers that write JSON text directly: the server's responses are built from these
/// (a few numbers and strings), which is several times faster than `JSONEncoder`.
enum JSONText {
    /// `text` as a quoted JSON string, with quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// A number as JSON: the shortest text that reads back as the same `Float`; `null` when not finite.
    static func number(_ value: Float) -> String {
        value.isFinite ? value.description : "null"
    }

    /// A number as JSON; `null` when not finite.
    static func number(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }
}
