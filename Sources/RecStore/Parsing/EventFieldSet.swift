/// The field names of an event and their accepted spellings.
enum EventFieldSet {
    /// Canonical names in output order.
    static let fields = ["event_id", "user", "item", "type", "value", "timestamp", "source"]
    /// Fields every event must have.
    static let required = ["event_id", "user", "item", "type", "timestamp"]
    private static let aliases = ["id": "event_id", "eventId": "event_id", "user_id": "user", "userId": "user",
                                  "item_id": "item", "itemId": "item", "time": "timestamp"]

    /// The canonical name of `name`, nil for an unknown field.
    static func canonical(_ name: String) -> String? {
        fields.contains(name) ? name : aliases[name]
    }

    /// The canonical names, for messages.
    static var listed: String { fields.joined(separator: ", ") }
}
