/// One user event as the store keeps it: who did what to which item, when, and where it came from.
///
/// `eventID` is chosen by the sender and makes appends idempotent: a second event with the same
/// id is a duplicate and is ignored (counted, not stored). Ids are stored verbatim (any Unicode,
/// quotes and SQL metacharacters included); they are always bound as query parameters.
public struct StoreEvent: Sendable, Equatable, Hashable {
    /// The sender's unique id of this event (idempotency key).
    public var eventID: String
    /// The external user id.
    public var user: String
    /// The external item id.
    public var item: String
    /// The event type, one of the store's `EventTypes` (`view`, `purchase`, …).
    public var type: String
    /// An optional number carried by the event (a rating, a quantity); stored, not used by
    /// `EventWeighting` in this version.
    public var value: Double?
    /// When the event happened, in milliseconds since 1970-01-01 UTC.
    public var timestampMilliseconds: Int64
    /// Where the event came from (`web`, `import:events.csv`, …), if known.
    public var source: String?

    /// An event.
    public init(
        eventID: String, user: String, item: String, type: String, value: Double? = nil,
        timestampMilliseconds: Int64, source: String? = nil
    ) {
        self.eventID = eventID
        self.user = user
        self.item = item
        self.type = type
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
        self.source = source
    }

    /// The time in whole seconds since 1970 (rounded down).
    public var timestampSeconds: Int64 {
        timestampMilliseconds >= 0 ? timestampMilliseconds / 1000 : (timestampMilliseconds - 999) / 1000
    }
}
