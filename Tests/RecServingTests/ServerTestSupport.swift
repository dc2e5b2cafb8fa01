import Foundation
import Hummingbird
import HummingbirdTesting
import RecServing
import RecTraining
import Testing

/// A server over a tiny model, and helpers to read its JSON answers.
struct ServerFixture {
    let model: TrainedModel
    let store: ModelStore
    var server: RecommendationServer

    init(model: TrainedModel = TestModels.tiny(), adminToken: String? = "secret", maxK: Int = 5, maxBodyBytes: Int = 200,
         path: String = "/nonexistent.lgcn") {
        self.model = model
        store = ModelStore(model: ServingModel(model: model, source: "tiny"), path: path)
        var options = ServerOptions()
        options.adminToken = adminToken
        options.maxK = maxK
        options.maxBodyBytes = maxBodyBytes
        server = RecommendationServer(store: store, options: options)
    }

    /// Runs `body` with a router test client (no sockets).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: server.makeRouter()).test(.router, body)
    }
}

/// The body of a response as a JSON object.
func jsonObject(_ response: TestResponse) throws -> [String: Any] {
    try jsonObject(response.body)
}

/// A body as a JSON object.
func jsonObject(_ body: ByteBuffer) throws -> [String: Any] {
    let data = Data(String(buffer: body).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// One entry of the `items` of a recommendation response.
struct ResponseItem: Sendable, Equatable {
    var id: String
    /// The dense index.
    var item: Int
    var score: Float
    var title: String?
}

/// The `items` of a recommendation response.
func scoredItems(_ response: TestResponse) throws -> [ResponseItem] {
    try scoredItems(response.body)
}

/// The `items` of a recommendation response's body.
func scoredItems(_ body: ByteBuffer) throws -> [ResponseItem] {
    let items = try #require(try jsonObject(body)["items"] as? [[String: Any]])
    return try items.map { entry in
        ResponseItem(id: try #require(entry["item"] as? String), item: try #require(entry["index"] as? Int),
                     score: Float(try #require(entry["score"] as? Double)), title: entry["title"] as? String)
    }
}

/// Expects a JSON error with `status`.
func expectError(_ response: TestResponse, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status.code == status, sourceLocation: sourceLocation)
    let object = try jsonObject(response)
    #expect(object["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect((object["error"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
}
