import Foundation

/// Checks the fields of one event and builds it, collecting one issue per bad field.
struct EventBuilder {
    let position: EventIssue.Position
    let types: EventTypes
    let defaultSource: String?
    private var eventID: String?
    private var user: String?
    private var item: String?
    private var type: String?
    private var value: Double?
    private var milliseconds: Int64?
    private var source: String?
    private var issues: [EventIssue] = []

    init(position: EventIssue.Position, types: EventTypes, defaultSource: String?) {
        self.position = position
        self.types = types
        self.defaultSource = defaultSource
    }

    mutating func fail(_ field: String, _ message: String) {
        issues.append(EventIssue(position, field: field, message))
    }

    /// Sets canonical `field` from a JSON value; `name` is the key as sent, for messages.
    mutating func set(_ field: String, json: JSONValue, as name: String) {
        switch (field, json) {
        case ("user", .integer(let n)), ("item", .integer(let n)):
            setID(field, String(n), name: name)
        case ("event_id", .string(let s)), ("user", .string(let s)), ("item", .string(let s)):
            setID(field, s, name: name)
        case ("event_id", _):
            fail(name, "expected a string, found \(json.kind)")
        case ("user", _), ("item", _):
            fail(name, "expected a string or an integer, found \(json.kind)")
        case ("type", .string(let s)):
            setType(s, name: name)
        case ("type", _):
            fail(name, "expected a string, found \(json.kind)")
        case ("value", .null):
            value = nil
        case ("value", .integer(let n)):
            value = Double(n)
        case ("value", .number(let x)):
            value = x
        case ("value", _):
            fail(name, "expected a number or null, found \(json.kind)")
        case ("timestamp", .integer(let n)):
            setSeconds(Double(n), name: name)
        case ("timestamp", .number(let x)):
            setSeconds(x, name: name)
        case ("timestamp", .string(let s)):
            setISO(s, name: name)
        case ("timestamp", _):
            fail(name, "expected a number or ISO-8601 string, found \(json.kind)")
        case ("source", .null):
            source = nil
        case ("source", .string(let s)):
            source = s.isEmpty ? nil : s
        case ("source", _):
            fail(name, "expected a string, found \(json.kind)")
        default:
            fail(name, "unknown field")
        }
    }

    /// Sets canonical `field` from a CSV field's text.
    mutating func set(_ field: String, csv text: String) {
        switch field {
        case "event_id", "user", "item":
            setID(field, text, name: field)
        case "type":
            setType(text, name: field)
        case "value":
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { value = nil; return }
            guard let x = Double(trimmed), x.isFinite else { return fail(field, "expected a number, got '\(text)'") }
            value = x
        case "timestamp":
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let x = Double(trimmed) { setSeconds(x, name: field) } else { setISO(trimmed, name: field) }
        case "source":
            source = text.isEmpty ? nil : text
        default:
            fail(field, "unknown field")
        }
    }

    private mutating func setID(_ field: String, _ text: String, name: String) {
        if text.isEmpty { return fail(name, "empty") }
        if text.count > EventParser.maximumIDLength {
            return fail(name, "longer than \(EventParser.maximumIDLength) characters")
        }
        if text.utf8.contains(0) { return fail(name, "contains a NUL character") }
        switch field {
        case "event_id": eventID = text
        case "user": user = text
        default: item = text
        }
    }

    private mutating func setType(_ text: String, name: String) {
        guard types.contains(text) else {
            return fail(name, "unknown event type '\(text)' (expected one of: \(types.listed))")
        }
        type = text
    }

    private mutating func setSeconds(_ seconds: Double, name: String) {
        switch EventTimestamp.milliseconds(seconds: seconds) {
        case .success(let ms): milliseconds = ms
        case .failure(let refusal): fail(name, refusal.message)
        }
    }

    private mutating func setISO(_ text: String, name: String) {
        guard let ms = EventTimestamp.milliseconds(iso: text) else {
            return fail(name, "expected a number or ISO-8601 string, got '\(text)'")
        }
        milliseconds = ms
    }

    /// The event, or every issue found (fields set badly, then required fields missing).
    func build() -> Result<StoreEvent, IssueListBox> {
        var issues = self.issues
        let named = Set(issues.compactMap(\.field).compactMap(EventFieldSet.canonical))
        for (field, present) in [("event_id", eventID != nil), ("user", user != nil), ("item", item != nil),
                                 ("type", type != nil), ("timestamp", milliseconds != nil)]
        where !present && !named.contains(field) {
            issues.append(EventIssue(position, field: field, "missing"))
        }
        guard issues.isEmpty, let eventID, let user, let item, let type, let milliseconds else {
            return .failure(IssueListBox(issues))
        }
        return .success(StoreEvent(eventID: eventID, user: user, item: item, type: type, value: value,
                                   timestampMilliseconds: milliseconds, source: source ?? defaultSource))
    }
}

/// The issues of one event, as a `Result` failure.
struct IssueListBox: Error {
    let issues: [EventIssue]
    init(_ issues: [EventIssue]) { self.issues = issues }
}
