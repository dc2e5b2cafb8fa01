import Foundation
import PostgresNIO

/// An `EventStore` in a PostgreSQL database, through postgres-nio's `PostgresClient` (a
/// connection pool). Same schema as `SQLiteEventStore` (attributes and metrics as JSONB).
///
/// Every value travels as a bound parameter; a batch is inserted by one statement over
/// `unnest` of parameter arrays (`INSERT … SELECT … ON CONFLICT (event_id) DO NOTHING`), in
/// one transaction, so a batch costs one round trip whatever its size.
public final class PostgresEventStore: EventStore {
    /// Where the store is, without password.
    public let location: String
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger = Logger(label: "lightgcn.events.postgres")
    private let probeConfiguration: PostgresConnection.Configuration

    /// A store on `url` (`postgres://user[:password]@host[:port]/database`). Connections are
    /// opened on first use; call `migrate()` first and `close()` at the end. When the server
    /// cannot be reached, calls fail after about `connectTimeout`.
    public init(url: String, connectTimeout: Duration = .seconds(10)) throws {
        let parsed = try PostgresURL(url)
        location = parsed.redacted
        var direct = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: .disable)
        direct.options.connectTimeout = .init(connectTimeout)
        probeConfiguration = direct
        var configuration = PostgresClient.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: .disable)
        configuration.options.connectTimeout = connectTimeout
        // Background messages at error level only: the pool warns when a query is queued
        // before `run()` has started, which is expected here (queries wait for it).
        var background = Logger(label: "lightgcn.events.postgres")
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    @discardableResult
    public func migrate() async throws -> [Int] {
        try await probe()
        return try await transaction { connection, logger in
            // One migrating process at a time: concurrent starts wait here instead of colliding.
            try await connection.query("SELECT pg_advisory_xact_lock(7715001)", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: StoreSchema.migrationsTable(.postgres)), logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int.self) { applied.insert(version) }
            if let newest = applied.max(), newest > StoreSchema.latestVersion {
                throw EventStoreError.schemaTooNew(found: newest, known: StoreSchema.latestVersion)
            }
            var done: [Int] = []
            for migration in StoreSchema.migrations where !applied.contains(migration.version) {
                for statement in migration.statements(.postgres) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(currentMilliseconds()))",
                    logger: logger)
                done.append(migration.version)
            }
            return done
        }
    }

    public func append(_ events: [StoreEvent]) async throws -> AppendResult {
        guard events.count <= EventParser.defaultMaximumBatch else {
            throw EventStoreError.batchTooLarge(count: events.count, limit: EventParser.defaultMaximumBatch)
        }
        guard !events.isEmpty else { return AppendResult(inserted: 0, duplicates: 0) }
        let ids = events.map(\.eventID), users = events.map(\.user), items = events.map(\.item)
        let types = events.map(\.type), values = events.map { $0.value ?? 0 }, hasValue = events.map { $0.value != nil }
        let times = events.map(\.timestampMilliseconds)
        let sources = events.map { $0.source ?? "" }, hasSource = events.map { $0.source != nil }
        let received = currentMilliseconds()
        let inserted = try await transaction { connection, logger -> Int in
            let rows = try await connection.query("""
                WITH inserted AS (
                    INSERT INTO events (event_id, user_id, item_id, type, value, occurred_at, source, received_at)
                    SELECT e, u, i, t, CASE WHEN hv THEN v END, ts, CASE WHEN hs THEN s END, \(received)
                    FROM unnest(\(ids)::text[], \(users)::text[], \(items)::text[], \(types)::text[],
                                \(values)::float8[], \(hasValue)::bool[], \(times)::int8[], \(sources)::text[],
                                \(hasSource)::bool[])
                         WITH ORDINALITY AS batch(e, u, i, t, v, hv, ts, s, hs, n)
                    ORDER BY n
                    ON CONFLICT (event_id) DO NOTHING
                    RETURNING 1)
                SELECT count(*) FROM inserted
                """, logger: logger)
            var count = 0
            for try await n in rows.decode(Int64.self) { count = Int(n) }
            // Users and items the batch names get an empty profile when they have none.
            try await connection.query(
                "INSERT INTO users (external_id, attributes, updated_at) SELECT DISTINCT u, '{}'::jsonb, \(received) FROM unnest(\(users)::text[]) AS batch(u) ON CONFLICT (external_id) DO NOTHING",
                logger: logger)
            try await connection.query(
                "INSERT INTO items (external_id, attributes, updated_at) SELECT DISTINCT i, '{}'::jsonb, \(received) FROM unnest(\(items)::text[]) AS batch(i) ON CONFLICT (external_id) DO NOTHING",
                logger: logger)
            return count
        }
        return AppendResult(inserted: inserted, duplicates: events.count - inserted)
    }

    public func events(after cursor: Int64, limit: Int) async throws -> [StoredEvent] {
        try await transaction { connection, logger in
            try await Self.storedEvents(connection.query(
                "\(unescaped: Self.eventColumns) WHERE seq > \(cursor) ORDER BY seq LIMIT \(limit)", logger: logger))
        }
    }

    public func events(since milliseconds: Int64, limit: Int) async throws -> [StoredEvent] {
        try await transaction { connection, logger in
            try await Self.storedEvents(connection.query(
                "\(unescaped: Self.eventColumns) WHERE occurred_at >= \(milliseconds) ORDER BY occurred_at, seq LIMIT \(limit)",
                logger: logger))
        }
    }

    public func snapshot() async throws -> EventSnapshot {
        try await transaction { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
            let stored = try await Self.storedEvents(connection.query(
                "\(unescaped: Self.eventColumns) ORDER BY seq", logger: logger))
            return EventSnapshot(events: stored.map(\.event), cursor: stored.last?.sequence ?? 0)
        }
    }

    public func counts() async throws -> StoreCounts {
        try await transaction { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
            var totals: (Int64, Int64, Int64, Int64?, Int64?) = (0, 0, 0, nil, nil)
            for try await row in try await connection.query("""
                SELECT count(*), count(DISTINCT user_id), count(DISTINCT item_id), min(occurred_at), max(occurred_at)
                FROM events
                """, logger: logger).decode((Int64, Int64, Int64, Int64?, Int64?).self) { totals = row }
            var byType: [String: Int] = [:]
            for try await (type, n) in try await connection.query(
                "SELECT type, count(*) FROM events GROUP BY type", logger: logger).decode((String, Int64).self) {
                byType[type] = Int(n)
            }
            func single(_ sql: String) async throws -> Int {
                var value = 0
                for try await n in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                    .decode(Int64?.self) { value = Int(n ?? 0) }
                return value
            }
            return StoreCounts(
                events: Int(totals.0), distinctUsers: Int(totals.1), distinctItems: Int(totals.2), eventsByType: byType,
                timeRange: totals.3.flatMap { f in totals.4.map { f...$0 } },
                userProfiles: try await single("SELECT count(*) FROM users"),
                itemProfiles: try await single("SELECT count(*) FROM items"),
                modelVersions: try await single("SELECT count(*) FROM model_versions"),
                schemaVersion: try await single("SELECT max(version)::int8 FROM schema_migrations"))
        }
    }

    public func upsert(_ profiles: [EntityProfile], kind: EntityKind) async throws {
        for profile in profiles { try AttributesJSON.validate(profile) }
        guard !profiles.isEmpty else { return }
        let ids = profiles.map(\.externalID), attributes = profiles.map(\.attributesJSON)
        let now = currentMilliseconds()
        try await transaction { connection, logger -> Void in
            try await connection.query("""
                INSERT INTO \(unescaped: kind.table) (external_id, attributes, updated_at)
                SELECT DISTINCT ON (id) id, a::jsonb, \(now)
                FROM unnest(\(ids)::text[], \(attributes)::text[]) WITH ORDINALITY AS batch(id, a, n)
                ORDER BY id, n DESC
                ON CONFLICT (external_id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    public func profile(_ externalID: String, kind: EntityKind) async throws -> EntityProfile? {
        try await transaction { connection, logger in
            var found: EntityProfile?
            for try await (id, attributes) in try await connection.query(
                "SELECT external_id, attributes::text FROM \(unescaped: kind.table) WHERE external_id = \(externalID)",
                logger: logger).decode((String, String).self) {
                found = EntityProfile(externalID: id, attributesJSON: attributes)
            }
            return found
        }
    }

    public func recordModelVersion(_ version: ModelVersion) async throws -> ModelVersion {
        let created = currentMilliseconds()
        return try await transaction { connection, logger in
            var recorded = version
            recorded.createdAtMilliseconds = created
            for try await id in try await connection.query("""
                INSERT INTO model_versions (created_at, location, event_cursor, event_count, metrics)
                VALUES (\(created), \(version.location), \(version.eventCursor), \(Int64(version.eventCount)),
                        \(version.metricsJSON)::jsonb)
                RETURNING id
                """, logger: logger).decode(Int64.self) { recorded.id = id }
            return recorded
        }
    }

    public func modelVersions() async throws -> [ModelVersion] {
        try await transaction { connection, logger in
            var versions: [ModelVersion] = []
            for try await (id, created, location, cursor, count, metrics) in try await connection.query(
                "SELECT id, created_at, location, event_cursor, event_count, metrics::text FROM model_versions ORDER BY id",
                logger: logger).decode((Int64, Int64, String, Int64, Int64, String).self) {
                versions.append(ModelVersion(id: id, createdAtMilliseconds: created, location: location,
                                             eventCursor: cursor, eventCount: Int(count), metricsJSON: metrics))
            }
            return versions
        }
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    // MARK: - Helpers

    /// Opens and closes one connection outside the pool, so that a wrong host, port, user or
    /// database fails at once with the server's reason (the pool retries with back-off for a
    /// minute before giving up).
    private func probe() async throws {
        do {
            let connection = try await PostgresConnection.connect(configuration: probeConfiguration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw EventStoreError.database("\(location): cannot connect: \(PostgresErrorText.message(error))")
        }
    }

    private static let eventColumns =
        "SELECT seq, event_id, user_id, item_id, type, value, occurred_at, source FROM events"

    private static func storedEvents(_ rows: PostgresRowSequence) async throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        for try await (seq, id, user, item, type, value, time, source) in rows.decode(
            (Int64, String, String, String, String, Double?, Int64, String?).self) {
            events.append(StoredEvent(sequence: seq, event: StoreEvent(
                eventID: id, user: user, item: item, type: type, value: value, timestampMilliseconds: time,
                source: source)))
        }
        return events
    }

    /// Runs `body` in one transaction (rolled back when it throws), with PostgreSQL's errors
    /// turned into `EventStoreError.database` carrying the server's message.
    private func transaction<T: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> sending T
    ) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection, self.logger)
            }
        } catch {
            throw PostgresErrorText.storeError(error, location: location)
        }
    }
}
