/// One problem with one event of a batch: where (index or line), which field, what is wrong.
public struct EventIssue: Sendable, Equatable, CustomStringConvertible {
    /// Where in the input the event is.
    public enum Position: Sendable, Equatable {
        /// The whole input (not valid JSON, a missing CSV header, too many events).
        case document
        /// The only event of a JSON body that is one object.
        case single
        /// Element `k` (0-based) of a JSON array.
        case index(Int)
        /// Line `n` (1-based) of an NDJSON or CSV file.
        case line(Int)
    }

    /// Where.
    public var position: Position
    /// The field (`timestamp`), nil when the problem is the event or the input as a whole.
    public var field: String?
    /// What is wrong and what was expected.
    public var message: String

    /// An issue.
    public init(_ position: Position, field: String?, _ message: String) {
        self.position = position
        self.field = field
        self.message = message
    }

    /// `events[3].timestamp: expected a number or ISO-8601 string`, `line 4: user: empty`,
    /// `event.type: unknown event type 'x' …`, `body: not valid JSON …`.
    public var description: String {
        switch position {
        case .document: return "\(field ?? "body"): \(message)"
        case .single: return "event" + (field.map { ".\($0)" } ?? "") + ": \(message)"
        case .index(let k): return "events[\(k)]" + (field.map { ".\($0)" } ?? "") + ": \(message)"
        case .line(let n): return "line \(n)" + (field.map { ": \($0)" } ?? "") + ": \(message)"
        }
    }

    /// The issue prefixed by `file` as compilers do: `events.csv:4: timestamp: expected …`.
    public func located(in file: String) -> String {
        switch position {
        case .line(let n): return "\(file):\(n): " + (field.map { "\($0): " } ?? "") + message
        default: return "\(file): \(description)"
        }
    }
}

/// A batch rejected as a whole because some of its events are invalid (nothing was stored).
public struct EventBatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first issues found (at most `EventParser.maximumReportedIssues`).
    public var issues: [EventIssue]
    /// How many issues there were in all.
    public var totalIssues: Int

    /// An error from its issues.
    public init(issues: [EventIssue], totalIssues: Int? = nil) {
        self.issues = issues
        self.totalIssues = totalIssues ?? issues.count
    }

    public var description: String {
        let more = totalIssues > issues.count ? "\n  … and \(totalIssues - issues.count) more" : ""
        return "the batch was rejected (\(totalIssues) problem\(totalIssues == 1 ? "" : "s"), nothing stored):\n  "
            + issues.map(\.description).joined(separator: "\n  ") + more
    }

    /// The issues prefixed by `file` (see `EventIssue.located(in:)`), one per line.
    public func located(in file: String) -> String {
        let more = totalIssues > issues.count ? "\n… and \(totalIssues - issues.count) more" : ""
        return issues.map { $0.located(in: file) }.joined(separator: "\n") + more
    }
}
