import Foundation
import Hummingbird
import HummingbirdTesting
import RecData
import RecModels
import RecTraining
import Testing
@testable import RecServing

/// `POST /recommend` with features, on a model trained with user features.
@Suite("Serving a feature model")
struct FeatureRequestTests {
    /// A feature model of 40 users (gender, age) and 30 items, without user ID embeddings, trained one epoch.
    static func featureModel() throws -> TrainedModel {
        let dataset = SyntheticDataset.generate(userCount: 40, itemCount: 30, seed: 9)
        let genders: [Int32] = (0..<40).map { Int32($0 % 2) }
        let users = NodeFeatures(columns: [
            FeatureColumn(name: "gender", values: .categorical(codes: genders, cardinality: 2), categories: ["F", "M"]),
            FeatureColumn(name: "age", values: .numeric((0..<40).map { Double(18 + $0) })),
        ], rowCount: 40)
        var c = TrainingConfiguration()
        c.dimension = 4
        c.layers = 2
        c.batchSize = 64
        c.epochs = 1
        c.learningRate = 0.01
        let trainer = try FeatureBPRTrainer(train: dataset.train, configuration: c, userFeatures: users, itemFeatures: nil,
                                            useUserIDs: false)
        trainer.fit()
        return trainer.trainedModel(datasetName: "synthetic")
    }

    @Test("features alone and features with items give the cold-start recommender's ranking; bad features are 400")
    func featureRequests() async throws {
        let model = try Self.featureModel()
        let fixture = ServerFixture(model: model)
        let coldStart = model.coldStartRecommender()
        let schema = try #require(model.featureModel?.userEncoder?.schema)
        let female = try schema.features(from: ["gender": "F", "age": "31"]).features
        let expectedAlone = coldStart.recommend(userFeatures: female, k: 5)
        let expectedWithItems = coldStart.recommend(userFeatures: female, items: [2, 7], k: 5)
        #expect(expectedAlone.map(\.item) != expectedWithItems.map(\.item) || expectedAlone.map(\.score) != expectedWithItems.map(\.score))
        try await fixture.test { client in
            try await client.execute(uri: "/health", method: .get) { response in
                let features = try jsonObject(response)["features"] as? Bool
                #expect(features == true)
            }
            try await client.execute(uri: "/recommend", method: .post,
                                     body: ByteBuffer(string: #"{"features":{"gender":"F","age":31},"k":5}"#)) { response in
                #expect(response.status == .ok)
                let items = try scoredItems(response).map(\.item)
                #expect(items == expectedAlone.map(\.item))
            }
            try await client.execute(uri: "/recommend", method: .post,
                                     body: ByteBuffer(string: #"{"items":[2,7],"features":{"gender":"F","age":"31"},"k":5}"#)) { response in
                #expect(response.status == .ok)
                let items = try scoredItems(response).map(\.item)
                #expect(items == expectedWithItems.map(\.item))
                #expect(!items.contains(2) && !items.contains(7))
            }
            for (body, fragment) in [(#"{"features":{"height":2}}"#, "height"), (#"{"features":{"age":"old"}}"#, "old"),
                                     (#"{"features":{"gender":{"x":1}}}"#, "gender")] {
                try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: body)) { response in
                    try expectError(response, 400)
                    let message = try jsonObject(response)["error"] as? String ?? ""
                    #expect(message.hasPrefix("features: ") && message.contains(fragment), "\(message)")
                }
            }
        }
    }

    @Test("feature values as the schema reads them: whole numbers without a point, arrays joined, null left out")
    func featureText() throws {
        let text = try PropagationFoldInStrategy.text(of: ["a": .number(31), "b": .number(2.5), "c": .array([.string("x"), .number(1)]),
                                                           "d": .null, "e": .bool(true)], separator: "|")
        #expect(text == ["a": "31", "b": "2.5", "c": "x|1", "e": "true"])
        #expect(throws: ServingError.self) { try PropagationFoldInStrategy.text(of: ["a": .array([.array([])])], separator: "|") }
    }
}
