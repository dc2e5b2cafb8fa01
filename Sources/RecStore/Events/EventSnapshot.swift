/// Every stored event at one moment, in append order, for training.
public struct EventSnapshot: Sendable, Equatable {
    /// The events, by increasing sequence number.
    public var events: [StoreEvent]
    /// The highest sequence number included (0 for an empty store): events appended later
    /// have higher numbers, so `events(after: cursor)` continues from here.
    public var cursor: Int64

    /// A snapshot.
    public init(events: [StoreEvent], cursor: Int64) {
        self.events = events
        self.cursor = cursor
    }
}
