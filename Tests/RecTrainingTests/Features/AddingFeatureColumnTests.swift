import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// A trained feature model that receives a new feature column and continues training.
@Suite("Features: adding a feature column to a trained model")
struct AddingFeatureColumnTests {
    static let dataset = SyntheticDataset.generate(userCount: 80, itemCount: 50, communities: 4,
                                                   interactionsPerUser: 5...10, seed: 21)
    static let communities = SyntheticDataset.plantedCommunities(userCount: 80, itemCount: 50, communities: 4, seed: 21)

    static func column(_ name: String, _ codes: [Int]) -> NodeFeatures {
        NodeFeatures(columns: [FeatureColumn(name: name, values: .categorical(codes: codes.map { Int32($0) }, cardinality: 4))],
                     rowCount: codes.count)
    }

    static func configuration(epochs: Int) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 8
        c.batchSize = 64
        c.learningRate = 0.02
        c.epochs = epochs
        return c
    }

    @Test("the new column starts at zero, so every score is unchanged; training then uses it and keeps the rest")
    func zeroInitialisedColumn() throws {
        // Users start with a noisy column (community of a shuffled user); the informative one comes later.
        let noise = Self.communities.userCommunity.indices.map { Self.communities.userCommunity[($0 * 37) % 80] }
        let trainer = try FeatureBPRTrainer(train: Self.dataset.train, configuration: Self.configuration(epochs: 6),
                                            userFeatures: Self.column("noise", noise), itemFeatures: nil)
        trainer.fit()
        let before = trainer.recommender()
        let grown = trainer.model.addingUserColumns(Self.column("community", Self.communities.userCommunity))
        #expect(grown.userEncoder?.columnNames == ["noise", "community"])
        let after = grown.recommender(graph: trainer.graph)
        for u in 0..<80 {
            #expect(before.recommend(user: u, k: 10).map(\.item) == after.recommend(user: u, k: 10).map(\.item))
        }
        for k in 0..<before.userEmbeddings.count {
            #expect(abs(before.userEmbeddings[flat: k] - after.userEmbeddings[flat: k]) < 1e-6)
        }
        // The original model is not touched by the copy's training.
        let original = trainer.model.userEncoder!.tables[0].copy()
        let resumed = try FeatureBPRTrainer(train: Self.dataset.train, configuration: Self.configuration(epochs: 2),
                                            model: grown)
        resumed.fit()
        let newTable = try #require(grown.userEncoder?.tables.last)
        #expect(newTable.squaredNorm() > 0)
        #expect(trainer.model.userEncoder!.tables[0].values == original.values)
        #expect(resumed.history.count == 2 && resumed.history.allSatisfy { $0.bprLoss.isFinite })
    }

    @Test("a model that does not fit the data or the settings is refused with the shapes in the message")
    func mismatchIsRefused() throws {
        let trainer = try FeatureBPRTrainer(train: Self.dataset.train, configuration: Self.configuration(epochs: 1),
                                            userFeatures: Self.column("c", Self.communities.userCommunity), itemFeatures: nil)
        var other = Self.configuration(epochs: 1)
        other.dimension = 16
        do {
            _ = try FeatureBPRTrainer(train: Self.dataset.train, configuration: other, model: trainer.model)
            Issue.record("expected a refusal")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("dim 8") && error.description.contains("dim 16"), "\(error)")
        }
    }
}
