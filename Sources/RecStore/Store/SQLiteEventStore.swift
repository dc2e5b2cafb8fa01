import Foundation
import GRDB

/// An `EventStore` in one SQLite file, through GRDB's `DatabasePool`: WAL journal (readers do
/// not block the writer), `synchronous = FULL` (a committed batch survives a crash of the
/// process or of the machine), a 10 s busy timeout for concurrent writers from other
/// processes. The file and its folder's WAL files are created on first use.
public final class SQLiteEventStore: EventStore {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`. Call `migrate()` before other calls.
    /// Throws `EventStoreError.database` when the file cannot be opened or is not SQLite.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw EventStoreError.database("cannot open \(path): \(Self.message(error))")
        }
    }

    @discardableResult
    public func migrate() async throws -> [Int] {
        try await write { db in
            try db.execute(sql: StoreSchema.migrationsTable(.sqlite))
            let applied = Set(try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations"))
            if let newest = applied.max(), newest > StoreSchema.latestVersion {
                throw EventStoreError.schemaTooNew(found: newest, known: StoreSchema.latestVersion)
            }
            var done: [Int] = []
            for migration in StoreSchema.migrations where !applied.contains(migration.version) {
                for statement in migration.statements(.sqlite) { try db.execute(sql: statement) }
                try db.execute(sql: "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                               arguments: [migration.version, currentMilliseconds()])
                done.append(migration.version)
            }
            return done
        }
    }

    public func append(_ events: [StoreEvent]) async throws -> AppendResult {
        guard events.count <= EventParser.defaultMaximumBatch else {
            throw EventStoreError.batchTooLarge(count: events.count, limit: EventParser.defaultMaximumBatch)
        }
        let received = currentMilliseconds()
        let inserted = try await write { db -> Int in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO events (event_id, user_id, item_id, type, value, occurred_at, source, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
                """)
            var inserted = 0
            for event in events {
                try statement.execute(arguments: [
                    event.eventID, event.user, event.item, event.type, event.value, event.timestampMilliseconds,
                    event.source, received,
                ])
                inserted += db.changesCount
            }
            // Users and items the batch names get an empty profile when they have none.
            for (table, ids) in [("users", Set(events.map(\.user))), ("items", Set(events.map(\.item)))] {
                let create = try db.cachedStatement(
                    sql: "INSERT INTO \(table) (external_id, attributes, updated_at) VALUES (?, '{}', ?) ON CONFLICT (external_id) DO NOTHING")
                for id in ids.sorted() { try create.execute(arguments: [id, received]) }
            }
            return inserted
        }
        return AppendResult(inserted: inserted, duplicates: events.count - inserted)
    }

    public func events(after cursor: Int64, limit: Int) async throws -> [StoredEvent] {
        try await read { db in
            // A cursor, not fetchAll: the rows are decoded one at a time, never all held as `Row`s.
            let rows = try Row.fetchCursor(db, sql: "\(Self.eventColumns) WHERE seq > ? ORDER BY seq LIMIT ?",
                                           arguments: [cursor, limit])
            var events: [StoredEvent] = []
            events.reserveCapacity(min(limit, 100_000))
            while let row = try rows.next() { events.append(Self.storedEvent(row)) }
            return events
        }
    }

    public func events(since milliseconds: Int64, limit: Int) async throws -> [StoredEvent] {
        try await read { db in
            try Row.fetchAll(db, sql: "\(Self.eventColumns) WHERE occurred_at >= ? ORDER BY occurred_at, seq LIMIT ?",
                             arguments: [milliseconds, limit]).map(Self.storedEvent)
        }
    }

    public func snapshot() async throws -> EventSnapshot {
        try await read { db in
            var events: [StoreEvent] = []
            var cursor: Int64 = 0
            let rows = try Row.fetchCursor(db, sql: "\(Self.eventColumns) ORDER BY seq")
            while let row = try rows.next() {
                let stored = Self.storedEvent(row)
                events.append(stored.event)
                cursor = stored.sequence
            }
            return EventSnapshot(events: events, cursor: cursor)
        }
    }

    public func counts() async throws -> StoreCounts {
        try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), count(DISTINCT user_id), count(DISTINCT item_id), min(occurred_at), max(occurred_at)
                FROM events
                """)!
            var byType: [String: Int] = [:]
            for type in try Row.fetchAll(db, sql: "SELECT type, count(*) FROM events GROUP BY type") {
                byType[type[0]] = type[1]
            }
            let first: Int64? = row[3], last: Int64? = row[4]
            return StoreCounts(
                events: row[0], distinctUsers: row[1], distinctItems: row[2], eventsByType: byType,
                timeRange: first.flatMap { f in last.map { f...$0 } },
                userProfiles: try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0,
                itemProfiles: try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0,
                modelVersions: try Int.fetchOne(db, sql: "SELECT count(*) FROM model_versions") ?? 0,
                schemaVersion: try Int.fetchOne(db, sql: "SELECT max(version) FROM schema_migrations") ?? 0)
        }
    }

    public func upsert(_ profiles: [EntityProfile], kind: EntityKind) async throws {
        for profile in profiles { try AttributesJSON.validate(profile) }
        let now = currentMilliseconds()
        try await write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO \(kind.table) (external_id, attributes, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (external_id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at
                """)
            for profile in profiles {
                try statement.execute(arguments: [profile.externalID, profile.attributesJSON, now])
            }
        }
    }

    public func profile(_ externalID: String, kind: EntityKind) async throws -> EntityProfile? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT external_id, attributes FROM \(kind.table) WHERE external_id = ?",
                             arguments: [externalID])
                .map { EntityProfile(externalID: $0[0], attributesJSON: $0[1]) }
        }
    }

    public func recordModelVersion(_ version: ModelVersion) async throws -> ModelVersion {
        let created = currentMilliseconds()
        return try await write { db in
            try db.execute(sql: """
                INSERT INTO model_versions (created_at, location, event_cursor, event_count, metrics)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [created, version.location, version.eventCursor, version.eventCount, version.metricsJSON])
            var recorded = version
            recorded.id = db.lastInsertedRowID
            recorded.createdAtMilliseconds = created
            return recorded
        }
    }

    public func modelVersions() async throws -> [ModelVersion] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, created_at, location, event_cursor, event_count, metrics FROM model_versions ORDER BY id
                """).map {
                ModelVersion(id: $0[0], createdAtMilliseconds: $0[1], location: $0[2], eventCursor: $0[3],
                             eventCount: $0[4], metricsJSON: $0[5])
            }
        }
    }

    public func close() async throws {
        do { try pool.close() } catch { throw EventStoreError.database(Self.message(error)) }
    }

    // MARK: - Helpers

    private static let eventColumns =
        "SELECT seq, event_id, user_id, item_id, type, value, occurred_at, source FROM events"

    private static func storedEvent(_ row: Row) -> StoredEvent {
        StoredEvent(sequence: row[0], event: StoreEvent(
            eventID: row[1], user: row[2], item: row[3], type: row[4], value: row[5],
            timestampMilliseconds: row[6], source: row[7]))
    }

    /// `pool.write`, with database errors turned into `EventStoreError.database`.
    private func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await pool.write(body) } catch let error as EventStoreError { throw error } catch {
            throw EventStoreError.database(Self.message(error))
        }
    }

    /// `pool.read` (a snapshot: one read transaction), with errors mapped as in `write`.
    private func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch let error as EventStoreError { throw error } catch {
            throw EventStoreError.database(Self.message(error))
        }
    }

    private static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}
