/// What one `EventStore.append(_:)` did.
public struct AppendResult: Sendable, Equatable {
    /// Events stored by this call.
    public var inserted: Int
    /// Events whose `eventID` was already stored (or repeated within the batch): ignored.
    public var duplicates: Int

    /// A result.
    public init(inserted: Int, duplicates: Int) {
        self.inserted = inserted
        self.duplicates = duplicates
    }
}
