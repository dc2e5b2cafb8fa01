import Foundation

/// The line on which each key of a TOML text is set, for error messages (the TOML library
/// reports lines for syntax errors only).
///
/// A light scan, not a parser: it follows `[table]` headers and takes the text before `=` on
/// other lines as a key (bare or quoted; a dotted `a.b = 1` is found as table `a`, key `b`).
/// Lines inside multi-line strings can be mistaken for keys; the first match wins.
struct KeyLines {
    private var lines: [String: Int] = [:]

    /// The lines of the keys of `text`.
    init(text: String) {
        var table: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.unquoted(String(name))
                continue
            }
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = Self.unquoted(String(line[..<equals]))
            let path = (table.map { $0 + "." } ?? "") + key
            if lines[path] == nil { lines[path] = index + 1 }
        }
    }

    /// The line of `key` in `table` (nil: the top level), if found.
    func line(of key: String, in table: String?) -> Int? {
        lines[(table.map { $0 + "." } ?? "") + key]
    }

    /// `text` trimmed, without surrounding quotes, dotted parts trimmed (`a . "b"` → `a.b`).
    static func unquoted(_ text: String) -> String {
        text.split(separator: ".").map { part in
            var p = part.trimmingCharacters(in: .whitespaces)
            if p.count >= 2, let first = p.first, first == p.last, first == "\"" || first == "'" {
                p = String(p.dropFirst().dropLast())
            }
            return p
        }.joined(separator: ".")
    }
}
