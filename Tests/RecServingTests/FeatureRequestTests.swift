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

    /// The model of ``featureModel()`` with a popularity prior and a separate cold head for new
    /// users, trained with ID dropout; the prior's weight set to 2 so that it moves rankings.
    static func priorModel() throws -> TrainedModel {
        let dataset = SyntheticDataset.generate(userCount: 40, itemCount: 30, seed: 9)
        let users = NodeFeatures(columns: [
            FeatureColumn(name: "gender", values: .categorical(codes: (0..<40).map { Int32($0 % 2) }, cardinality: 2),
                          categories: ["F", "M"]),
        ], rowCount: 40)
        var c = TrainingConfiguration()
        c.dimension = 4
        c.layers = 2
        c.batchSize = 64
        c.epochs = 1
        c.learningRate = 0.01
        let trainer = try FeatureBPRTrainer(train: dataset.train, configuration: c, userFeatures: users, itemFeatures: nil,
                                            coldStartTraining: ColdStartTraining(idDropout: 0.3, separateHead: true),
                                            popularityPrior: true)
        trainer.fit()
        try #require(trainer.model.popularityPrior).weight[0, 0] = 2
        return trainer.trainedModel(datasetName: "synthetic")
    }

    @Test("a model with a popularity prior and a cold head is served with both: known users, items and features")
    func priorAndColdHead() throws {
        let model = try Self.priorModel()
        let served = ServingModel(model: model, source: "prior")
        let prior = try #require(model.popularityPrior)
        #expect(served.dimension == 4)
        // Known users: the model's own scores, prior included.
        let scores = model.recommender().scores(user: 3)
        let known = served.recommend(user: 3, k: 5, excludeSeen: true)
        let seen = Set(model.train.itemsOfUser.row(3).map(Int.init))
        let expected = (0..<30).filter { !seen.contains($0) }.sorted { (scores[$0], -$0) > (scores[$1], -$1) }.prefix(5)
        #expect(known.map(\.item) == Array(expected))
        // A new user by items: the fold-in's out_* scored as [out_*, w] against [out_i, p_i].
        let foldIn = try #require(served.foldIn).embedding(forItems: [1, 4])
        let byItems = try served.request(newUserItems: [1, 4], embedding: foldIn, k: 3, mask: .none).run()
        let item = try #require(byItems.first)
        let plain = model.plainItemEmbeddings(of: model.recommender())
        let dot = (0..<4).reduce(Float(0)) { $0 + foldIn[$1] * plain[item.item, $1] }
        #expect(abs(item.score - (dot + 2 * prior.itemValues[item.item])) < 1e-4)
        // A new user by features: the cold-start recommender's ranking (cold head and prior).
        let strategy = PropagationFoldInStrategy()
        let embedding = try #require(try strategy.userEmbedding(for: NewUserProfile(items: [], features: ["gender": .string("M")]),
                                                                  model: served))
        let byFeatures = try served.request(newUserItems: [], embedding: embedding, k: 5, mask: .none).run()
        let row = try #require(model.featureModel).userFeatures(from: ["gender": "M"])
        let coldStart = model.coldStartRecommender().recommend(userFeatures: row.features, k: 5)
        #expect(byFeatures.map(\.item) == coldStart.map(\.item))
        for (a, b) in zip(byFeatures, coldStart) { #expect(abs(a.score - b.score) < 1e-4) }
        // Item-to-item similarity uses out_i alone, not the prior's column.
        let similar = try served.request(similarTo: 0, k: 3, metric: .inner).run()
        let first = try #require(similar.first)
        let innerScore = (0..<4).reduce(Float(0)) { $0 + plain[0, $1] * plain[first.item, $1] }
        #expect(abs(first.score - innerScore) < 1e-4)
    }

    @Test("feature values as the schema reads them: whole numbers without a point, arrays joined, null left out")
    func featureText() throws {
        let text = try PropagationFoldInStrategy.text(of: ["a": .number(31), "b": .number(2.5), "c": .array([.string("x"), .number(1)]),
                                                           "d": .null, "e": .bool(true)], separator: "|")
        #expect(text == ["a": "31", "b": "2.5", "c": "x|1", "e": "true"])
        #expect(throws: ServingError.self) { try PropagationFoldInStrategy.text(of: ["a": .array([.array([])])], separator: "|") }
    }
}
