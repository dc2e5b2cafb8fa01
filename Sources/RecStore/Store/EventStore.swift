/// Durable storage of user events, user and item profiles and model versions.
///
/// Two backends implement it with one schema (`StoreSchema`): `SQLiteEventStore` (a file, WAL
/// mode) and `PostgresEventStore` (a server). Every call is one transaction; `append(_:)` is
/// all-or-nothing: either every new event of the batch is stored, or none is.
public protocol EventStore: Sendable {
    /// Applies the schema migrations not yet applied (idempotent; safe to call at every start).
    /// Returns the versions applied by this call (empty when the schema was up to date).
    @discardableResult
    func migrate() async throws -> [Int]

    /// Stores `events` in one transaction. Events whose `eventID` is already stored, or that
    /// repeat an earlier event id of the same batch, are ignored and counted as duplicates.
    /// Users and items the batch names that have no profile get an empty one (`{}`) in the
    /// same transaction.
    /// Throws `EventStoreError.batchTooLarge` above `EventParser.defaultMaximumBatch` events,
    /// and stores nothing when any statement fails.
    func append(_ events: [StoreEvent]) async throws -> AppendResult

    /// Up to `limit` events with a sequence number above `cursor`, in sequence order.
    /// Start from cursor 0; continue from the last returned `sequence`.
    ///
    /// On PostgreSQL, sequence numbers are handed out before commit, so a transaction that
    /// commits later may store a number below one already read; a consumer that must not miss
    /// events re-reads from a cursor somewhat behind (duplicates are recognisable by `eventID`).
    func events(after cursor: Int64, limit: Int) async throws -> [StoredEvent]

    /// Up to `limit` events that happened at or after `milliseconds` (event time), oldest first.
    func events(since milliseconds: Int64, limit: Int) async throws -> [StoredEvent]

    /// Every stored event, in sequence order, read in one transaction.
    func snapshot() async throws -> EventSnapshot

    /// Table sizes and per-type counts.
    func counts() async throws -> StoreCounts

    /// Inserts or replaces profiles (by external id) in one transaction. Throws
    /// `EventStoreError.invalidAttributes` naming the id when an attributes text is not a JSON object.
    func upsert(_ profiles: [EntityProfile], kind: EntityKind) async throws

    /// The profile of `externalID`, nil when there is none.
    func profile(_ externalID: String, kind: EntityKind) async throws -> EntityProfile?

    /// Records a model version and returns it with its id and creation time set by the store.
    func recordModelVersion(_ version: ModelVersion) async throws -> ModelVersion

    /// Every recorded model version, oldest first.
    func modelVersions() async throws -> [ModelVersion]

    /// Releases connections. The store is unusable afterwards.
    func close() async throws
}
