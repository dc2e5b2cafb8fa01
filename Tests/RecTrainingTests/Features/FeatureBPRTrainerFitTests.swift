import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// `FeatureBPRTrainer.fit` in the shared loop: epoch selection on validation restores every table.
@Suite("Features: model selection")
struct FeatureBPRTrainerFitTests {
    @Test("the selected epoch's tables are restored and scored as the validation saw them")
    func selectedEpochIsRestored() throws {
        var generator = SeededGenerator(seed: 4)
        let dataset = try SyntheticDataset.generate(userCount: 120, itemCount: 80, seed: 4)
            .carvingValidation(fraction: 0.2, using: &generator)
        let validation = try #require(dataset.validation)
        let groups = NodeFeatures(columns: [FeatureColumn(
            name: "group", values: .categorical(codes: (0..<120).map { Int32($0 % 4) }, cardinality: 4))], rowCount: 120)
        var c = TrainingConfiguration()
        c.dimension = 8
        c.layers = 2
        c.batchSize = 128
        c.learningRate = 0.05
        c.epochs = 6
        c.evaluateEvery = 1
        c.patience = nil
        let trainer = try FeatureBPRTrainer(train: dataset.train, configuration: c, userFeatures: groups, itemFeatures: nil)
        let evaluator = RankingEvaluator(known: dataset.train, heldOut: validation, ks: c.ks)
        let fit = trainer.fit(evaluator: nil, validation: evaluator)
        #expect(trainer.history.count == 6)
        let recorded = trainer.history.map { $0.metrics["validation/Recall@20"] ?? -1 }
        #expect(fit.selectedEpoch == recorded.indices.max { recorded[$0] < recorded[$1] }! + 1)
        #expect(fit.selectedEpoch < 6)  // so that restoring matters
        // The restored model scores the validation set exactly as at the selected epoch.
        #expect(evaluator.evaluate(trainer.recommender()).metrics["Recall@20"] == fit.validationMetrics["Recall@20"])
        let model = trainer.trainedModel(datasetName: "synthetic")
        #expect(model.featureModel === trainer.model && model.embedding.values == trainer.model.lightGCN.embedding.values)
    }
}
