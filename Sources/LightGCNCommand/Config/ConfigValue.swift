/// A value of a configuration file, independent of the TOML library that read it.
enum ConfigValue: Equatable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([ConfigValue])
    /// A table, a date or a time: never an option's value.
    case unsupported(String)

    /// An unsigned value (a seed): an integer when TOML's signed 64-bit integers hold it, else
    /// its digits as a string (which the option parses back the same).
    static func unsigned(_ value: UInt64) -> ConfigValue {
        value <= UInt64(Int.max) ? .integer(Int(value)) : .string(String(value))
    }

    /// The kind of value, for error messages: "a string", "a boolean"…
    var kind: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .array: "an array"
        case .unsupported(let kind): kind
        }
    }

    /// The value as one command-line argument: numbers in their shortest exact form, arrays
    /// joined by commas (`k = [10, 20]` → `10,20`); nil for booleans, tables, dates and
    /// nested arrays, which no option takes as a value.
    var argument: String? {
        switch self {
        case .string(let text): return text
        case .integer(let value): return String(value)
        case .float(let value): return "\(value)"
        case .boolean, .unsupported: return nil
        case .array(let values):
            let parts = values.map { value -> String? in
                if case .array = value { return nil }
                return value.argument
            }
            guard !parts.contains(where: { $0 == nil }) else { return nil }
            return parts.compactMap { $0 }.joined(separator: ",")
        }
    }

    /// The value as TOML: a basic string with escapes, a number, `true`/`false`, an array.
    var description: String {
        switch self {
        case .string(let text): return TOMLText.quoted(text)
        case .integer(let value): return String(value)
        case .float(let value): return TOMLText.number(value)
        case .boolean(let value): return value ? "true" : "false"
        case .array(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .unsupported(let kind): return "# \(kind)"
        }
    }
}

/// Writing TOML scalars.
enum TOMLText {
    /// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case let c where c.value < 0x20 || c.value == 0x7F:
                result += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count)
                    + String(c.value, radix: 16, uppercase: true)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `value` as a TOML float that reads back exactly: Swift's shortest round-trip form
    /// (`0.001`, `1e-05`, `2.0`), `inf`, `-inf` or `nan`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    /// `key` bare when it is made of letters, digits, `-` and `_`; quoted otherwise.
    static func key(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_"
        }
        return bare ? key : quoted(key)
    }
}
