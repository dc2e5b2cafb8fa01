import Foundation

/// Parses and validates batches of events from JSON (one object or an array), NDJSON (one
/// object per line) or CSV (a header naming the columns).
///
/// Fields: `event_id` (string, required, the idempotency key), `user` and `item` (strings, or
/// integers written as decimal; `user_id`/`item_id` are accepted names), `type` (one of
/// `types`), `value` (a number, optional), `timestamp` (Unix seconds as a number, or an
/// ISO-8601 date-time with zone; required), `source` (string, optional; `defaultSource` when
/// absent). Ids must be non-empty, at most `maximumIDLength` characters, without NUL. Unknown
/// fields are errors (a misspelt `timestmap` is caught rather than dropped).
///
/// A batch is valid as a whole or rejected as a whole: `EventBatchError` lists the problems,
/// each naming the event (index or line) and the field.
public struct EventParser: Sendable {
    /// The default largest batch (also enforced by the stores' `append`).
    public static let defaultMaximumBatch = 10_000
    /// How many issues an error keeps (the total is counted).
    public static let maximumReportedIssues = 50
    /// The longest accepted id, in characters.
    public static let maximumIDLength = 512

    /// The accepted event types.
    public var types: EventTypes
    /// The largest number of events per parse, nil for no limit (a file importer that writes
    /// in several transactions).
    public var maximumBatch: Int?
    /// The source given to events that name none.
    public var defaultSource: String?

    /// A parser.
    public init(types: EventTypes = .standard, maximumBatch: Int? = EventParser.defaultMaximumBatch, defaultSource: String? = nil) {
        self.types = types
        self.maximumBatch = maximumBatch
        self.defaultSource = defaultSource
    }

    /// The format of a file, from its extension: `.csv`, `.ndjson`/`.jsonl`, `.json`.
    public enum Format: String, Sendable, CaseIterable {
        case json, ndjson, csv

        /// The format of `path`, nil for another extension.
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "csv": self = .csv
            case "ndjson", "jsonl": self = .ndjson
            case "json": self = .json
            default: return nil
            }
        }
    }

    /// Parses `data` in `format`.
    public func parse(_ data: Data, format: Format) throws -> [StoreEvent] {
        switch format {
        case .json: return try parseJSON(data)
        case .ndjson: return try parseNDJSON(data)
        case .csv: return try parseCSV(data)
        }
    }

    /// A JSON body: one event object, or an array of event objects.
    public func parseJSON(_ data: Data) throws -> [StoreEvent] {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw EventBatchError(issues: [EventIssue(.document, field: nil, "not valid JSON (\(Self.reason(error)))")])
        }
        switch root {
        case .object:
            return try collect([(EventIssue.Position.single, root)])
        case .array(let elements):
            try checkCount(elements.count)
            return try collect(elements.enumerated().map { (EventIssue.Position.index($0.offset), $0.element) })
        default:
            throw EventBatchError(issues: [EventIssue(.document, field: nil, "expected an event object or an array of events, found \(root.kind)")])
        }
    }

    /// NDJSON: one event object per line; blank lines are skipped.
    public func parseNDJSON(_ data: Data) throws -> [StoreEvent] {
        var entries: [(EventIssue.Position, JSONValue)] = []
        var issues = IssueList()
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) else { continue }
            do {
                entries.append((.line(lineNumber), try decoder.decode(JSONValue.self, from: Data(line))))
            } catch {
                issues.add(EventIssue(.line(lineNumber), field: nil, "not valid JSON (\(Self.reason(error)))"))
            }
        }
        try checkCount(entries.count + issues.total)
        return try collect(entries, issues: issues)
    }

    /// CSV with a header line naming the columns (any order; `value` and `source` optional).
    /// Fields may be quoted with `"` (doubling `""` inside), so ids may hold commas, quotes and
    /// line breaks. Empty `value`/`source` fields mean none.
    public func parseCSV(_ data: Data) throws -> [StoreEvent] {
        let records = CSVRecords(data).records
        guard let header = records.first else { return [] }
        var columns: [(field: String, index: Int)] = []
        var headerIssues = IssueList()
        for (index, raw) in header.fields.enumerated() {
            let name = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard let field = EventFieldSet.canonical(name) else {
                headerIssues.add(EventIssue(.line(header.line), field: name, "unknown column (expected \(EventFieldSet.listed))"))
                continue
            }
            if columns.contains(where: { $0.field == field }) {
                headerIssues.add(EventIssue(.line(header.line), field: name, "repeated column"))
            }
            columns.append((field, index))
        }
        for required in EventFieldSet.required where !columns.contains(where: { $0.field == required }) {
            headerIssues.add(EventIssue(.line(header.line), field: required, "missing column"))
        }
        if let error = headerIssues.error { throw error }
        let rows = records.dropFirst().filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        try checkCount(rows.count)
        var events: [StoreEvent] = []
        var issues = IssueList()
        for row in rows {
            let position = EventIssue.Position.line(row.line)
            guard row.fields.count == header.fields.count else {
                issues.add(EventIssue(position, field: nil, "expected \(header.fields.count) fields, found \(row.fields.count)"))
                continue
            }
            var builder = EventBuilder(position: position, types: types, defaultSource: defaultSource)
            for column in columns {
                guard let text = String(bytes: row.fields[column.index], encoding: .utf8) else {
                    builder.fail(column.field, "not valid UTF-8")
                    continue
                }
                builder.set(column.field, csv: text)
            }
            switch builder.build() {
            case .success(let event): events.append(event)
            case .failure(let list): issues.add(list.issues)
            }
        }
        if let error = issues.error { throw error }
        return events
    }

    // MARK: - Helpers

    private func checkCount(_ count: Int) throws {
        if let maximumBatch, count > maximumBatch {
            throw EventBatchError(issues: [EventIssue(.document, field: "events",
                "\(count) events, more than the limit of \(maximumBatch) per batch: split the batch")])
        }
    }

    private func collect(_ entries: [(EventIssue.Position, JSONValue)], issues: IssueList = IssueList()) throws -> [StoreEvent] {
        var issues = issues
        var events: [StoreEvent] = []
        events.reserveCapacity(entries.count)
        for (position, value) in entries {
            guard case .object(let members, let keys) = value else {
                issues.add(EventIssue(position, field: nil, "expected an event object, found \(value.kind)"))
                continue
            }
            var builder = EventBuilder(position: position, types: types, defaultSource: defaultSource)
            for key in keys.sorted() {
                guard let field = EventFieldSet.canonical(key) else {
                    builder.fail(key, "unknown field (expected \(EventFieldSet.listed))")
                    continue
                }
                builder.set(field, json: members[key]!, as: key)
            }
            switch builder.build() {
            case .success(let event): events.append(event)
            case .failure(let list): issues.add(list.issues)
            }
        }
        if let error = issues.error { throw error }
        return events
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

/// Issues collected while parsing, the first `EventParser.maximumReportedIssues` kept.
struct IssueList {
    private(set) var kept: [EventIssue] = []
    private(set) var total = 0

    mutating func add(_ issue: EventIssue) {
        total += 1
        if kept.count < EventParser.maximumReportedIssues { kept.append(issue) }
    }

    mutating func add(_ issues: [EventIssue]) { issues.forEach { add($0) } }

    var error: EventBatchError? { total == 0 ? nil : EventBatchError(issues: kept, totalIssues: total) }
}
