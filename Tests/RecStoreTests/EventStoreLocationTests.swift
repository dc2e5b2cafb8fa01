import RecStore
import Testing

@Suite("Store locations and PostgreSQL URLs")
struct EventStoreLocationTests {
    @Test("sqlite:, file extensions and postgres URLs are recognised; other text is not")
    func recognised() throws {
        #expect(try EventStoreLocation("sqlite:data/events.sqlite") == .sqlite(path: "data/events.sqlite"))
        #expect(try EventStoreLocation("events.db") == .sqlite(path: "events.db"))
        #expect(try EventStoreLocation("postgresql://app@db:5433/shop") == .postgres(url: "postgresql://app@db:5433/shop"))
        #expect(EventStoreLocation(recognizing: "gowalla") == nil)
        #expect(EventStoreLocation(recognizing: "ratings.csv") == nil)
        #expect(EventStoreLocation(recognizing: "sqlite:") == nil)
        #expect(throws: EventStoreError.invalidLocation("ml-100k")) { try EventStoreLocation("ml-100k") }
    }

    @Test("URL parts, default port, password kept out of messages")
    func urls() throws {
        let url = try PostgresURL("postgres://app:s%40cret@127.0.0.1/shop?sslmode=disable")
        #expect(url.user == "app" && url.password == "s@cret" && url.host == "127.0.0.1" && url.port == 5432)
        #expect(url.database == "shop")
        #expect(url.redacted == "postgres://app@127.0.0.1:5432/shop")
        #expect(EventStoreLocation.postgres(url: "postgres://app:pw@h:1/d").displayName == "postgres://app@h:1/d")
        for bad in ["postgres://127.0.0.1/shop", "postgres://app@127.0.0.1", "postgres://app@/shop",
                    "mysql://app@h/d", "postgres://app@h/d?sslmode=require"] {
            #expect(throws: EventStoreError.self, "\(bad)") { try PostgresURL(bad) }
        }
    }

    @Test("an unreachable PostgreSQL server gives a database error, not a hang or a crash")
    func unreachable() async throws {
        // Port 1 on loopback: nothing listens there.
        let store = try PostgresEventStore(url: "postgres://nobody@127.0.0.1:1/none", connectTimeout: .seconds(1))
        await #expect(throws: EventStoreError.self) { try await store.migrate() }
        try await store.close()
    }
}
