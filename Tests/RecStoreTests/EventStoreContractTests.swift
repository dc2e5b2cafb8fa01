import Foundation
import RecStore
import Testing

/// The behaviour every `EventStore` must have, run against SQLite and PostgreSQL.
@Suite("Event store contract")
struct EventStoreContractTests {
    static func event(_ id: String, user: String = "u1", item: String = "i1", type: String = "view",
                      value: Double? = nil, ms: Int64 = 1_700_000_000_000, source: String? = nil) -> StoreEvent {
        StoreEvent(eventID: id, user: user, item: item, type: type, value: value, timestampMilliseconds: ms, source: source)
    }

    @Test("migrations apply once and are idempotent", arguments: StoreBackend.allCases)
    func migrationsIdempotent(backend: StoreBackend) async throws {
        try await backend.withStore { store, handle in
            // withStore migrated already: a second and a third call apply nothing.
            #expect(try await store.migrate() == [])
            #expect(try await store.migrate() == [])
            #expect(try await store.counts().schemaVersion == StoreSchema.latestVersion)
            #expect(try await handle.rowCount("schema_migrations") == StoreSchema.migrations.count)
            // A second process opening the same database sees the schema as current.
            let again: any EventStore
            switch handle {
            case .sqlite(let path): again = try SQLiteEventStore(path: path)
            case .postgres(let url): again = try PostgresEventStore(url: url)
            }
            #expect(try await again.migrate() == [])
            try await again.close()
        }
    }

    @Test("a fresh SQLite file is created and migrated by the first migrate()")
    func freshSQLiteFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fresh-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try SQLiteEventStore(path: path)
        #expect(try await store.migrate() == StoreSchema.migrations.map(\.version))
        #expect(FileManager.default.fileExists(atPath: path))
        try await store.close()
    }

    @Test("duplicates by event id are counted and ignored, within and across batches", arguments: StoreBackend.allCases)
    func duplicates(backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let first = try await store.append([Self.event("a"), Self.event("b"), Self.event("a", item: "other")])
            #expect(first == AppendResult(inserted: 2, duplicates: 1))
            let second = try await store.append([Self.event("b"), Self.event("c"), Self.event("a")])
            #expect(second == AppendResult(inserted: 1, duplicates: 2))
            let snapshot = try await store.snapshot()
            #expect(snapshot.events.map(\.eventID) == ["a", "b", "c"])
            // The first event with an id wins; the later one with another item was not stored.
            #expect(snapshot.events[0].item == "i1")
            #expect(try await store.append([]) == AppendResult(inserted: 0, duplicates: 0))
        }
    }

    @Test("a batch that fails inside the database stores nothing", arguments: StoreBackend.allCases)
    func allOrNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store, handle in
            _ = try await store.append([Self.event("before")])
            try await handle.installPoisonTrigger(poisonID: "poison")
            let batch = [Self.event("x1"), Self.event("x2"), Self.event("poison"), Self.event("x3")]
            await #expect(throws: EventStoreError.self) { try await store.append(batch) }
            #expect(try await handle.rowCount("events") == 1)
            #expect(try await store.snapshot().events.map(\.eventID) == ["before"])
            // The same events without the poisoned one go in whole.
            let retry = try await store.append(batch.filter { $0.eventID != "poison" })
            #expect(retry == AppendResult(inserted: 3, duplicates: 0))
        }
    }

    @Test("ids with SQL metacharacters are stored verbatim", arguments: StoreBackend.allCases)
    func metacharacters(backend: StoreBackend) async throws {
        let nasty = [
            "'; DROP TABLE events; --", "Robert'); DELETE FROM users; --", "\"quoted\"", "back\\slash", "100%_like",
            "$1", "?", "a,b\nc\td", "ünïcødé 🎧", "semi;colon", "-- comment", "/* block */",
        ]
        try await backend.withStore { store, _ in
            let events = nasty.enumerated().map { k, id in
                Self.event(id, user: "user " + id, item: id + " item", ms: 1_700_000_000_000 + Int64(k), source: id)
            }
            #expect(try await store.append(events) == AppendResult(inserted: nasty.count, duplicates: 0))
            #expect(try await store.snapshot().events == events)
            #expect(try await store.append(events).duplicates == nasty.count)
            let profiles = nasty.map { EntityProfile(externalID: $0, attributesJSON: #"{"name": "\#($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t"))"}"#) }
            try await store.upsert(profiles, kind: .user)
            for profile in profiles {
                let found = try await store.profile(profile.externalID, kind: .user)
                #expect(found?.externalID == profile.externalID)
                let decoded = try found.map { try JSONSerialization.jsonObject(with: Data($0.attributesJSON.utf8)) as? [String: String] }
                #expect(decoded??["name"] == profile.externalID)
            }
            #expect(try await store.counts().events == nasty.count)
        }
    }

    @Test("events after a cursor and since a time, in order", arguments: StoreBackend.allCases)
    func cursors(backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let times: [Int64] = [5000, 1000, 3000, 2000, 4000]
            _ = try await store.append(times.enumerated().map { Self.event("e\($0.offset)", ms: $0.element) })
            let firstPage = try await store.events(after: 0, limit: 2)
            #expect(firstPage.map(\.event.eventID) == ["e0", "e1"])
            let rest = try await store.events(after: firstPage.last!.sequence, limit: 10)
            #expect(rest.map(\.event.eventID) == ["e2", "e3", "e4"])
            #expect(try await store.events(after: rest.last!.sequence, limit: 10).isEmpty)
            let recent = try await store.events(since: 3000, limit: 10)
            #expect(recent.map(\.event.timestampMilliseconds) == [3000, 4000, 5000])
            let snapshot = try await store.snapshot()
            #expect(snapshot.cursor == rest.last!.sequence)
            #expect(snapshot.events.map(\.eventID) == ["e0", "e1", "e2", "e3", "e4"])
        }
    }

    @Test("counts, profiles and model versions", arguments: StoreBackend.allCases)
    func countsProfilesVersions(backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let empty = try await store.counts()
            #expect(empty.events == 0 && empty.timeRange == nil && empty.eventsByType.isEmpty)
            _ = try await store.append([
                Self.event("1", user: "a", item: "x", type: "view", ms: 2000),
                Self.event("2", user: "a", item: "y", type: "purchase", value: 2, ms: 9000),
                Self.event("3", user: "b", item: "x", type: "view", ms: 1000),
            ])
            let counts = try await store.counts()
            #expect(counts.events == 3 && counts.distinctUsers == 2 && counts.distinctItems == 2)
            #expect(counts.eventsByType == ["view": 2, "purchase": 1])
            #expect(counts.timeRange == 1000...9000)
            #expect(try await store.snapshot().events[1].value == 2)

            try await store.upsert([EntityProfile(externalID: "x", attributesJSON: #"{"genre": "jazz"}"#)], kind: .item)
            try await store.upsert([EntityProfile(externalID: "x", attributesJSON: #"{"genre": "rock", "year": 1971}"#)], kind: .item)
            let item = try await store.profile("x", kind: .item)
            let attributes = try JSONSerialization.jsonObject(with: Data(item!.attributesJSON.utf8)) as? [String: Any]
            #expect(attributes?["genre"] as? String == "rock" && attributes?["year"] as? Int == 1971)
            #expect(try await store.profile("x", kind: .user) == nil)
            await #expect(throws: EventStoreError.self) {
                try await store.upsert([EntityProfile(externalID: "bad", attributesJSON: "[1, 2]")], kind: .user)
            }
            await #expect(throws: EventStoreError.self) {
                try await store.upsert([EntityProfile(externalID: "bad", attributesJSON: "{not json")], kind: .user)
            }

            let v1 = try await store.recordModelVersion(ModelVersion(createdAtMilliseconds: 0, location: "m1.lgcn",
                                                                     eventCursor: 3, eventCount: 3, metricsJSON: #"{"Recall@20": 0.1}"#))
            let v2 = try await store.recordModelVersion(ModelVersion(createdAtMilliseconds: 0, location: "m2.lgcn",
                                                                     eventCursor: 5, eventCount: 5))
            #expect(v1.id < v2.id && v1.createdAtMilliseconds > 0)
            let versions = try await store.modelVersions()
            #expect(versions.map(\.location) == ["m1.lgcn", "m2.lgcn"])
            #expect(versions.map(\.id) == [v1.id, v2.id] && versions[1].eventCursor == 5)
            let after = try await store.counts()
            // The events created empty profiles for users a, b and items x, y; the upsert filled x's.
            #expect(after.modelVersions == 2 && after.itemProfiles == 2 && after.userProfiles == 2)
            #expect(try await store.profile("b", kind: .user)?.attributesJSON.filter { !$0.isWhitespace } == "{}")
        }
    }

    @Test("a batch above the limit is refused before anything is written", arguments: StoreBackend.allCases)
    func batchLimit(backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let batch = (0...EventParser.defaultMaximumBatch).map { Self.event("e\($0)") }
            await #expect(throws: EventStoreError.batchTooLarge(count: batch.count, limit: EventParser.defaultMaximumBatch)) {
                try await store.append(batch)
            }
            let stored = try await store.counts().events
            #expect(stored == 0)
        }
    }
}
