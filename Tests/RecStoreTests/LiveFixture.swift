import Foundation
import Hummingbird
import HummingbirdTesting
import RecData
import RecModels
import RecServing
import RecStore
import RecTraining
import Testing

/// A living recommender over a store seeded with two clusters of users: users `u0`…`u14`
/// interact with items `i0`…`i9`, users `u15`…`u29` with `i10`…`i19`, six items each (one event
/// per pair, sequences 1…180). The served model is fitted on all of them and saved to a
/// temporary file.
struct LiveFixture {
    static let users = 30
    let recommender: LiveRecommender
    let server: RecommendationServer

    /// Seeds `store` (when empty), fits a `kind` model on it and opens the living recommender.
    /// With `knownOutside`, the model file also records that `u0` has `i7` outside training (as
    /// `train` records a held-out item or a low rating).
    static func make(store: any EventStore, kind: ModelKind = .ease, queueCapacity: Int = 1000,
                     knownOutside: Bool = false) async throws -> LiveFixture {
        if try await store.counts().events == 0 { _ = try await store.append(baseEvents()) }
        let input = TrainingInput(snapshot: try await store.snapshot(), weighting: EventWeighting(), name: "events")
        let log = input.log
        let pairs = (0..<log.count).map { (user: Int(log.users[$0]), item: Int(log.items[$0])) }
        let train = InteractionMatrix(userCount: log.userCount, itemCount: log.itemCount, pairs: pairs)
        var training = TrainingConfiguration()
        training.dimension = 16
        training.layers = 2
        training.epochs = 40
        training.batchSize = 64
        training.learningRate = 0.01
        training.refit = false
        let fitted = try ModelRegistry.fit(kind, train: train, validation: nil, settings: ModelRegistry.Settings(training: training))
        var saved = fitted.saved(kind: kind, train: train, datasetName: "events")
        saved.catalog = log.catalog
        saved.trainedModel?.catalog = log.catalog
        if knownOutside, let u0 = log.catalog.users.index(of: "u0"), let i7 = log.catalog.items.index(of: "i7") {
            saved.knownOutsideTraining = InteractionMatrix(userCount: train.userCount, itemCount: train.itemCount, pairs: [(u0, i7)])
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("served.lgcn").path
        try ModelRegistry.save(saved, to: path)
        let models = try ModelStore(path: path)
        let (live, _) = try await LiveRecommender.open(models: models, store: store, storeName: "test", weighting: EventWeighting(),
                                                       queueCapacity: queueCapacity, k: 20)
        var options = ServerOptions()
        options.adminToken = "secret"
        options.maxK = 100
        return LiveFixture(recommender: live, server: RecommendationServer(store: models, options: options, live: live))
    }

    /// The seeded events, in sequence order.
    static func baseEvents() -> [StoreEvent] {
        var events: [StoreEvent] = []
        for u in 0..<users {
            let offset = u < users / 2 ? 0 : 10
            for j in 0..<6 {
                events.append(StoreEvent(eventID: "b\(u)-\(j)", user: "u\(u)", item: "i\((u + 3 * j) % 10 + offset)", type: "view",
                                         value: nil, timestampMilliseconds: Int64(1_700_000_000_000 + 1000 * events.count), source: nil))
            }
        }
        return events
    }

    /// A JSON array of view events of `user` on `item` with the given ids.
    static func events(_ ids: [String], user: String, item: String) -> String {
        "[" + ids.map { #"{"event_id":"\#($0)","user":"\#(user)","item":"\#(item)","type":"view","timestamp":1800000000}"# }
            .joined(separator: ",") + "]"
    }

    /// Runs `body` with a router test client (no sockets).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: server.makeRouter()).test(.router, body)
    }
}

extension TestClientProtocol {
    /// `GET path`.
    func get(_ path: String) async throws -> TestResponse {
        try await execute(uri: path, method: .get, headers: [:], body: nil)
    }

    /// `POST path` with `body` (`Content-Type: contentType`).
    func post(_ path: String, _ body: String, contentType: String = "application/json",
              headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = contentType
        return try await execute(uri: path, method: .post, headers: fields, body: ByteBuffer(string: body))
    }
}

/// A store whose appends (and, when ``gateSnapshots`` is set, snapshots) wait until ``open()``
/// once ``close()`` has been called: holds a batch or a retrain in flight.
final class GatedStore: EventStore, @unchecked Sendable {
    let base: any EventStore
    private let lock = NSLock()
    private var closed = false
    private var snapshotsGated = false

    init(_ base: any EventStore) { self.base = base }

    /// Makes appends (and gated snapshots) wait.
    func closeGate() { lock.withLock { closed = true } }
    /// Lets every waiting call go on.
    func open() { lock.withLock { closed = false } }
    /// Whether snapshots wait too.
    var gateSnapshots: Bool {
        get { lock.withLock { snapshotsGated } }
        set { lock.withLock { snapshotsGated = newValue } }
    }

    private func pass() async throws {
        while lock.withLock({ closed }) { try await Task.sleep(nanoseconds: 1_000_000) }
    }

    func migrate() async throws -> [Int] { try await base.migrate() }
    func append(_ events: [StoreEvent]) async throws -> AppendResult {
        try await pass()
        return try await base.append(events)
    }
    func events(after cursor: Int64, limit: Int) async throws -> [StoredEvent] { try await base.events(after: cursor, limit: limit) }
    func events(since milliseconds: Int64, limit: Int) async throws -> [StoredEvent] {
        try await base.events(since: milliseconds, limit: limit)
    }
    func snapshot() async throws -> EventSnapshot {
        if gateSnapshots { try await pass() }
        return try await base.snapshot()
    }
    func counts() async throws -> StoreCounts { try await base.counts() }
    func upsert(_ profiles: [EntityProfile], kind: EntityKind) async throws { try await base.upsert(profiles, kind: kind) }
    func profile(_ externalID: String, kind: EntityKind) async throws -> EntityProfile? { try await base.profile(externalID, kind: kind) }
    func recordModelVersion(_ version: ModelVersion) async throws -> ModelVersion { try await base.recordModelVersion(version) }
    func modelVersions() async throws -> [ModelVersion] { try await base.modelVersions() }
    func close() async throws {}
}

/// The body of a response as a JSON object.
func jsonObject(_ response: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
}

/// One item of a recommendation response.
struct RankedItem: Sendable, Equatable {
    var id: String
    var score: Double
}

/// The `items` of a recommendation response.
func scoredItems(_ response: TestResponse) throws -> [RankedItem] {
    let items = try #require(try jsonObject(response)["items"] as? [[String: Any]], "\(String(buffer: response.body))")
    return try items.map { RankedItem(id: try #require($0["item"] as? String), score: try #require($0["score"] as? Double)) }
}

/// Expects a JSON error with `status`.
func expectError(_ response: TestResponse, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status.code == status, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
    let object = try jsonObject(response)
    #expect(object["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect((object["error"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
}
