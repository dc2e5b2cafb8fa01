import Foundation
import Hummingbird
import HummingbirdTesting
import RecServing
import RecTraining
import Testing

/// A server over a tiny model, and helpers to read its JSON answers.
struct ServerFixture {
    let model = TestModels.tiny()
    let store: ModelStore
    let server: RecommendationServer

    init(adminToken: String? = "secret", maxK: Int = 5, maxBodyBytes: Int = 200, path: String = "/nonexistent.lgcn") {
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
    let data = Data(String(buffer: response.body).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// The `items` of a recommendation response as (item, score) pairs.
func scoredItems(_ response: TestResponse) throws -> [(item: Int, score: Float)] {
    let items = try #require(try jsonObject(response)["items"] as? [[String: Any]])
    return try items.map { entry in
        (try #require(entry["item"] as? Int), Float(try #require(entry["score"] as? Double)))
    }
}

/// Expects a JSON error with `status`.
func expectError(_ response: TestResponse, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status.code == status, sourceLocation: sourceLocation)
    let object = try jsonObject(response)
    #expect(object["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect((object["error"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
}
