/// Quoting of one CSV field (RFC 4180): a field holding a comma, a double quote, a carriage
/// return or a line feed is wrapped in double quotes, with inner quotes doubled; any other
/// field is written as it is.
public enum CSVField {
    /// `text` as a CSV field.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
