/// Sizes of a store's tables, for `lightgcn events stats`.
public struct StoreCounts: Sendable, Equatable {
    /// Stored events.
    public var events: Int
    /// Distinct user ids among the events.
    public var distinctUsers: Int
    /// Distinct item ids among the events.
    public var distinctItems: Int
    /// Events per type.
    public var eventsByType: [String: Int]
    /// The earliest and latest event time (milliseconds since 1970), nil when there are no events.
    public var timeRange: ClosedRange<Int64>?
    /// Rows of the `users` table (upserted profiles).
    public var userProfiles: Int
    /// Rows of the `items` table.
    public var itemProfiles: Int
    /// Recorded model versions.
    public var modelVersions: Int
    /// The highest applied schema version.
    public var schemaVersion: Int

    /// Counts.
    public init(
        events: Int, distinctUsers: Int, distinctItems: Int, eventsByType: [String: Int], timeRange: ClosedRange<Int64>?,
        userProfiles: Int, itemProfiles: Int, modelVersions: Int, schemaVersion: Int
    ) {
        self.events = events
        self.distinctUsers = distinctUsers
        self.distinctItems = distinctItems
        self.eventsByType = eventsByType
        self.timeRange = timeRange
        self.userProfiles = userProfiles
        self.itemProfiles = itemProfiles
        self.modelVersions = modelVersions
        self.schemaVersion = schemaVersion
    }
}
