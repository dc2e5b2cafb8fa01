/// A failure of an event store, with a message saying what to do.
public enum EventStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A batch larger than the limit was given to `append(_:)`.
    case batchTooLarge(count: Int, limit: Int)
    /// The attributes of a profile are not a JSON object.
    case invalidAttributes(id: String, reason: String)
    /// A store location that names neither an SQLite file nor a PostgreSQL URL.
    case invalidLocation(String)
    /// The database refused or failed (connection, SQL, disk).
    case database(String)
    /// The database's schema is newer than this program knows.
    case schemaTooNew(found: Int, known: Int)

    public var description: String {
        switch self {
        case .batchTooLarge(let count, let limit):
            return "a batch holds \(count) events, more than the limit of \(limit): split it into batches of at most \(limit)"
        case .invalidAttributes(let id, let reason):
            return "attributes of '\(id)': \(reason) (expected one JSON object, e.g. {\"country\": \"FR\"})"
        case .invalidLocation(let text):
            return "'\(text)' is not an event store: use sqlite:PATH, a PATH ending in .sqlite or .db, or postgres://user@host:port/database"
        case .database(let message):
            return "database error: \(message)"
        case .schemaTooNew(let found, let known):
            return "the database's schema version \(found) is newer than this program's (\(known)): update lightgcn"
        }
    }
}
