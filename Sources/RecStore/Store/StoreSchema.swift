/// The store's tables, as numbered migrations written once for each SQL dialect.
///
/// Version 1: `events` (sequence, `event_id` UNIQUE, user, item, type, value, event time in
/// milliseconds, source, receive time), `users` and `items` (external id, attributes JSON,
/// update time), `model_versions`. Version 2: indexes for reading by user and by time.
/// Applied versions are recorded in `schema_migrations`; a migration and its record are
/// written in one transaction.
public enum StoreSchema {
    /// The SQL dialects.
    public enum Dialect: Sendable {
        /// SQLite 3 (`INTEGER PRIMARY KEY AUTOINCREMENT`, JSON as TEXT).
        case sqlite
        /// PostgreSQL (`BIGSERIAL`, JSON as JSONB).
        case postgres
    }

    /// One migration.
    public struct Migration: Sendable {
        /// Its version (1, 2, …).
        public let version: Int
        /// What it does, for logs.
        public let summary: String
        /// Its statements in `dialect`.
        public let statements: @Sendable (Dialect) -> [String]
    }

    /// The latest version this program knows.
    public static var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// The table of applied migrations (created before any migration runs).
    static func migrationsTable(_ dialect: Dialect) -> String {
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"
    }

    /// Every migration, by version.
    public static let migrations: [Migration] = [
        Migration(version: 1, summary: "events, users, items, model_versions") { dialect in
            let sequence = dialect == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
            let real = dialect == .sqlite ? "REAL" : "DOUBLE PRECISION"
            let json = dialect == .sqlite ? "TEXT" : "JSONB"
            return [
                """
                CREATE TABLE events (
                    seq \(sequence),
                    event_id TEXT NOT NULL UNIQUE,
                    user_id TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    type TEXT NOT NULL,
                    value \(real),
                    occurred_at BIGINT NOT NULL,
                    source TEXT,
                    received_at BIGINT NOT NULL)
                """,
                "CREATE TABLE users (external_id TEXT PRIMARY KEY, attributes \(json) NOT NULL, updated_at BIGINT NOT NULL)",
                "CREATE TABLE items (external_id TEXT PRIMARY KEY, attributes \(json) NOT NULL, updated_at BIGINT NOT NULL)",
                """
                CREATE TABLE model_versions (
                    id \(sequence),
                    created_at BIGINT NOT NULL,
                    location TEXT NOT NULL,
                    event_cursor BIGINT NOT NULL,
                    event_count BIGINT NOT NULL,
                    metrics \(json) NOT NULL)
                """,
            ]
        },
        Migration(version: 2, summary: "indexes on events(occurred_at) and events(user_id)") { _ in
            [
                "CREATE INDEX events_occurred_at ON events (occurred_at)",
                "CREATE INDEX events_user_id ON events (user_id)",
            ]
        },
    ]
}
