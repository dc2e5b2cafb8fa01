/// A trained model recorded in the store: which events it saw and where its file is.
public struct ModelVersion: Sendable, Equatable {
    /// The store's id of this version (increasing); 0 before it is recorded.
    public var id: Int64
    /// When it was recorded, in milliseconds since 1970.
    public var createdAtMilliseconds: Int64
    /// Where the model file is (a path or URL).
    public var location: String
    /// The highest event sequence number the training snapshot contained.
    public var eventCursor: Int64
    /// How many events the snapshot had.
    public var eventCount: Int
    /// Metrics or other facts as the text of a JSON object (`{}` when none).
    public var metricsJSON: String

    /// A model version.
    public init(
        id: Int64 = 0, createdAtMilliseconds: Int64, location: String, eventCursor: Int64, eventCount: Int,
        metricsJSON: String = "{}"
    ) {
        self.id = id
        self.createdAtMilliseconds = createdAtMilliseconds
        self.location = location
        self.eventCursor = eventCursor
        self.eventCount = eventCount
        self.metricsJSON = metricsJSON
    }
}
