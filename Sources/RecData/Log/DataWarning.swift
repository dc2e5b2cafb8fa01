/// Something a loader noticed and handled without failing (repeated pairs kept once, ids
/// without attributes, implausible but valid dates), with the file and line where it first
/// happened and how often it happened. Nothing is dropped silently: every drop has a warning.
public struct DataWarning: Sendable, Equatable, CustomStringConvertible {
    /// The file concerned (as the caller spelled its path).
    public let path: String
    /// The 1-based line of the first occurrence, if there is one.
    public let line: Int?
    /// How many times it happened.
    public let count: Int
    /// What happened and what was done about it.
    public let message: String

    /// A warning.
    public init(path: String, line: Int? = nil, count: Int, message: String) {
        self.path = path
        self.line = line
        self.count = count
        self.message = message
    }

    /// `path:line: message` (or `path: message` without a line).
    public var description: String {
        line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}
