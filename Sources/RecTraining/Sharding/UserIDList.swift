import Foundation

/// The input of a batch worker: user ids, one per line, as plain UTF-8 text.
///
/// Format: one external user id per line (the dataset's own id, exactly as in its files);
/// `\n` or `\r\n` line ends; surrounding spaces and tabs are removed; blank lines are skipped. No
/// header, no quoting: an id is the whole line.
public struct UserIDList: Sendable, Equatable {
    /// One requested user.
    public struct Entry: Sendable, Equatable {
        /// The id as given.
        public var id: String
        /// Its 1-based line in the input.
        public var line: Int
    }

    /// The users in input order (repeats kept: each is answered again).
    public var entries: [Entry]

    /// The ids of `bytes`; `source` names the input in errors (e.g. `"stdin"`).
    public init(parsing bytes: Data, source: String = "stdin") throws(ShardError) {
        var entries: [Entry] = []
        var line = 0
        var start = bytes.startIndex
        let newline = UInt8(ascii: "\n")
        while start < bytes.endIndex {
            line += 1
            let end = bytes[start...].firstIndex(of: newline) ?? bytes.endIndex
            guard let text = String(data: bytes[start..<end], encoding: .utf8) else {
                throw .invalidText(line: line, source: source)
            }
            let id = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r"))
            if !id.isEmpty { entries.append(Entry(id: id, line: line)) }
            start = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        self.entries = entries
    }

    /// The dense indices of the entries in `model`, in input order; throws for the first id the
    /// model does not know, naming it and its line.
    public func resolve(in model: ShardModel, source: String = "stdin") throws(ShardError) -> [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(entries.count)
        for entry in entries {
            guard let index = model.userIndex(of: entry.id) else {
                throw .unknownUser(id: entry.id, line: entry.line, source: source, userCount: model.userCount)
            }
            indices.append(index)
        }
        return indices
    }
}
