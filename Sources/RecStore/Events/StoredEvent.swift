/// An event read back from a store, with its position in the store's append order.
public struct StoredEvent: Sendable, Equatable {
    /// The store's sequence number: increases with each inserted event; use it as a cursor
    /// (`EventStore.events(after:limit:)`).
    public var sequence: Int64
    /// The event as it was appended.
    public var event: StoreEvent

    /// A stored event.
    public init(sequence: Int64, event: StoreEvent) {
        self.sequence = sequence
        self.event = event
    }
}
