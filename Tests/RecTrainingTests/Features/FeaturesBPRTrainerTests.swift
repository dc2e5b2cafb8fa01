import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// The feature-aware trainer on synthetic data whose features are the planted communities.
@Suite("Features: BPR trainer and cold start")
struct FeaturesBPRTrainerTests {
    static let dataset = SyntheticDataset.generate(userCount: 300, itemCount: 200, seed: 5)
    static let communities = SyntheticDataset.plantedCommunities(userCount: 300, itemCount: 200, communities: 8, seed: 5)

    static func features(_ groups: [Int]) -> NodeFeatures {
        NodeFeatures(columns: [FeatureColumn(name: "community",
                                             values: .categorical(codes: groups.map { Int32($0) }, cardinality: 8))],
                     rowCount: groups.count)
    }

    static func configuration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 16
        c.batchSize = 256
        c.learningRate = 0.01
        c.epochs = 5
        return c
    }

    @Test("the step's table gradients are the chain rule of the ID trainer's E⁰ gradient")
    func gradientsChainFromLayerZero() throws {
        let trainer = try FeatureBPRTrainer(
            train: Self.dataset.train, configuration: Self.configuration(),
            userFeatures: Self.features(Self.communities.userCommunity),
            itemFeatures: Self.features(Self.communities.itemCommunity))
        var g = SeededGenerator(seed: 3)
        let triples = BPRSampler(train: Self.dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
        trainer.computeGradients(triples, 0..<64)
        let layerZero = trainer.base.embeddingGradient
        let gradients = trainer.parameterGradients
        // User ID table: G's user rows. User community table row k: Σ of G over users of community k.
        #expect(gradients[0].values == Array(layerZero.values[0..<(300 * 16)]))
        for c in 0..<16 {
            var sum: Float = 0
            for u in 0..<300 where Self.communities.userCommunity[u] == 2 { sum += layerZero[u, c] }
            #expect(abs(gradients[2][2, c] - sum) < 1e-5)
        }
    }

    @Test("training lowers the loss, and features alone rank a user's items above popularity")
    func coldStartFromFeatures() throws {
        let trainer = try FeatureBPRTrainer(
            train: Self.dataset.train, configuration: Self.configuration(),
            userFeatures: Self.features(Self.communities.userCommunity),
            itemFeatures: Self.features(Self.communities.itemCommunity))
        trainer.fit()
        #expect(trainer.history.last!.bprLoss < trainer.history.first!.bprLoss)
        let coldStart = trainer.coldStartRecommender()
        let train = Self.dataset.train
        let popularity = PopularityRecommender(itemsOfUser: train.itemsOfUser, itemCount: train.itemCount)
        var featureHits = 0, popularHits = 0
        for u in 0..<100 {
            let row = Self.features(Self.communities.userCommunity).subset([u])
            let liked = Set(train.items(ofUser: u).map(Int.init) + Self.dataset.test.items(ofUser: u).map(Int.init))
            featureHits += coldStart.recommend(userFeatures: row, k: 20).filter { liked.contains($0.item) }.count
            popularHits += popularity.recommend(user: u, k: 20).filter { liked.contains($0.item) }.count
        }
        print("features-only hits@20 over 100 users: \(featureHits), popularity \(popularHits)")
        #expect(featureHits > popularHits * 3 / 2)
    }
}
