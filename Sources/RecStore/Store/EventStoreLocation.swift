/// Where an event store is: the text of `--store` or of `--data sqlite:…` / `--data postgres://…`.
public enum EventStoreLocation: Sendable, Equatable {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database URL.
    case postgres(url: String)

    /// `sqlite:PATH`, a path ending in `.sqlite`, `.sqlite3` or `.db`, or `postgres://…` /
    /// `postgresql://…`. Throws `EventStoreError.invalidLocation` for anything else.
    public init(_ text: String) throws {
        guard let location = Self(recognizing: text) else { throw EventStoreError.invalidLocation(text) }
        self = location
    }

    /// The location `text` names, or nil when it does not look like a store (so that `--data`
    /// can fall back to dataset names and files).
    public init?(recognizing text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if lowered.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if [".sqlite", ".sqlite3", ".db"].contains(where: { lowered.hasSuffix($0) }) {
            self = .sqlite(path: text)
        } else {
            return nil
        }
    }

    /// Opens the store and applies pending migrations.
    public func open() async throws -> any EventStore {
        let store: any EventStore
        switch self {
        case .sqlite(let path): store = try SQLiteEventStore(path: path)
        case .postgres(let url): store = try PostgresEventStore(url: url)
        }
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// A short name for messages (the file, or the URL without password).
    public var displayName: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return (try? PostgresURL(url).redacted) ?? url
        }
    }
}
