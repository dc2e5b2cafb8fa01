/// A user or an item known by its external id, with free-form attributes (a JSON object).
public struct EntityProfile: Sendable, Equatable {
    /// The external id (as in events).
    public var externalID: String
    /// The attributes as the text of one JSON object, e.g. `{"age": 31, "country": "FR"}`.
    public var attributesJSON: String

    /// A profile; `attributesJSON` must be a JSON object (checked by the stores' upserts).
    public init(externalID: String, attributesJSON: String = "{}") {
        self.externalID = externalID
        self.attributesJSON = attributesJSON
    }
}

/// Which profile table an upsert or lookup concerns.
public enum EntityKind: String, Sendable, CaseIterable {
    /// The `users` table.
    case user
    /// The `items` table.
    case item

    /// The table's name.
    var table: String { self == .user ? "users" : "items" }
}
