import Foundation
import GRDB
import PostgresNIO
import RecStore
import Testing

/// The backends the store contract tests run against.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The environment variable with the URL of a PostgreSQL server for tests
    /// (`scripts/test-postgres.sh start` prints it).
    static let postgresVariable = "LIGHTGCN_TEST_POSTGRES_URL"

    /// Runs `body` with a fresh, migrated store of this backend, and removes the store after.
    ///
    /// PostgreSQL: each call creates its own database on the server named by
    /// `LIGHTGCN_TEST_POSTGRES_URL` and drops it after. Without that variable the test fails
    /// when `CI` is set, and is skipped with a printed reason otherwise.
    func withStore(_ body: (any EventStore, StoreHandle) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recstore-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("events.sqlite").path
            let store = try SQLiteEventStore(path: path)
            try await store.migrate()
            do {
                try await body(store, .sqlite(path: path))
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        case .postgres:
            guard let base = Self.postgresURL() else { return }
            let admin = try PostgresAdmin(url: base)
            let name = "lgt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await admin.execute("CREATE DATABASE \(name)")
            let url = base.replacingDatabase(with: String(name))
            let store = try PostgresEventStore(url: url)
            var failure: (any Error)?
            do {
                try await store.migrate()
                try await body(store, .postgres(url: url))
            } catch {
                failure = error
            }
            try? await store.close()
            try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.close()
            if let failure { throw failure }
        }
    }

    /// The PostgreSQL URL for tests, or nil after recording why there is none.
    static func postgresURL() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment[postgresVariable], !url.isEmpty { return url }
        if environment["CI"] != nil {
            Issue.record("\(postgresVariable) is not set under CI: .ci/run must start PostgreSQL (scripts/test-postgres.sh)")
        } else {
            print("skipped: PostgreSQL store test (set \(postgresVariable), e.g. eval \"$(scripts/test-postgres.sh start)\")")
        }
        return nil
    }
}

/// Direct access to a test store's database, for what the store API does not offer (a
/// trigger that makes inserts fail, raw row counts).
enum StoreHandle: Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    /// Makes every insert of an event whose id is `poisonID` fail inside the database.
    func installPoisonTrigger(poisonID: String) async throws {
        switch self {
        case .sqlite(let path):
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.event_id = '\(poisonID)'
                    BEGIN SELECT RAISE(ABORT, 'poisoned event'); END
                    """)
            }
            try queue.close()
        case .postgres(let url):
            let admin = try PostgresAdmin(url: url)
            try await admin.execute("""
                CREATE FUNCTION poison() RETURNS trigger AS $$
                BEGIN IF NEW.event_id = '\(poisonID)' THEN RAISE EXCEPTION 'poisoned event'; END IF; RETURN NEW; END
                $$ LANGUAGE plpgsql
                """)
            try await admin.execute("CREATE TRIGGER poison BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION poison()")
            await admin.close()
        }
    }

    /// Rows of `table`, counted directly in the database.
    func rowCount(_ table: String) async throws -> Int {
        switch self {
        case .sqlite(let path):
            let queue = try DatabaseQueue(path: path)
            let n = try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
            try queue.close()
            return n
        case .postgres(let url):
            let admin = try PostgresAdmin(url: url)
            let n = try await admin.count("SELECT count(*) FROM \(table)")
            await admin.close()
            return n
        }
    }
}

/// A PostgreSQL client for test setup (create and drop databases, install triggers).
struct PostgresAdmin {
    let client: PostgresClient
    let runner: Task<Void, Never>

    init(url: String) throws {
        let parsed = try PostgresURL(url)
        var logger = Logger(label: "tests")
        logger.logLevel = .error
        let client = PostgresClient(
            configuration: .init(host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
                                 database: parsed.database, tls: .disable),
            backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
    }

    func execute(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql))
    }

    func count(_ sql: String) async throws -> Int {
        var n = -1
        for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) { n = Int(value) }
        return n
    }

    func close() async {
        runner.cancel()
        await runner.value
    }
}

extension String {
    /// A `postgres://…/db` URL with another database name.
    func replacingDatabase(with name: String) -> String {
        guard let slash = range(of: "/", options: .backwards) else { return self }
        return String(self[..<slash.upperBound]) + name
    }
}
