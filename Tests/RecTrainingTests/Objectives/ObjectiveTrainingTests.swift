import Foundation
import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

@Suite("Training with every objective")
struct ObjectiveTrainingTests {
    static let dataset = SyntheticDataset.generate(userCount: 150, itemCount: 100, seed: 7)

    static func settings(_ loss: TrainingLoss, negatives: NegativeSource = .both) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 16
        c.batchSize = 256
        c.learningRate = 0.01
        c.epochs = 4
        c.evaluateEvery = 0
        c.loss = loss
        c.negatives = negatives
        c.uniformNegatives = 32
        c.temperature = loss == .bsl ? 0.2 : 0.25
        if loss == .bsl { c.negativeTemperature = 0.3 }
        c.uniformityWeight = 0.5
        return c
    }

    @Test("LightGCN, MF and LR-GCCF learn with softmax, BSL and DirectAU through the registry (at least 1.2× popularity)",
          arguments: [TrainingLoss.softmax, .bsl, .directau])
    func everyModelLearns(_ loss: TrainingLoss) throws {
        let evaluator = RankingEvaluator(known: Self.dataset.train, heldOut: Self.dataset.test, ks: [20])
        let popularity = RecommenderContract.popularityRecall(Self.dataset, evaluator: evaluator)
        for kind in [ModelKind.lightgcn, .mf, .lrgccf] {
            let fitted = try ModelRegistry.fit(kind, train: Self.dataset.train, validation: nil,
                                               settings: ModelRegistry.Settings(training: Self.settings(loss)))
            let recall = evaluator.evaluate(fitted.recommender).metrics["Recall@20"]!
            #expect(recall > 1.2 * popularity, "\(kind) with \(loss): Recall@20 \(recall) vs popularity \(popularity)")
            #expect(fitted.history.first!.loss.isFinite && fitted.history.last!.loss < fitted.history.first!.loss)
            #expect(fitted.settings.contains(loss == .directau ? "DirectAU" : loss == .bsl ? "BSL" : "softmax"))
        }
    }

    @Test("each negative source trains; the uniform draws follow the seed")
    func negativeSources() throws {
        for source in NegativeSource.allCases {
            var c = Self.settings(.softmax, negatives: source)
            c.epochs = 2
            let a = try BPRTrainer(train: Self.dataset.train, configuration: c)
            let b = try BPRTrainer(train: Self.dataset.train, configuration: c)
            a.trainEpoch(); a.trainEpoch()
            b.trainEpoch(); b.trainEpoch()
            #expect(a.history.map(\.bprLoss) == b.history.map(\.bprLoss))
            #expect(a.model.embedding.values == b.model.embedding.values)
            #expect(a.history[1].bprLoss < a.history[0].bprLoss, "\(source): \(a.history.map(\.bprLoss))")
        }
    }

    @Test("LR-GCCF follows the cosine learning-rate schedule")
    func lrgccfSchedule() throws {
        var c = LRGCCFConfiguration()
        c.training = Self.settings(.bpr)
        c.training.cosineDecayEpochs = 4
        let trainer = try LRGCCFTrainer(train: Self.dataset.train, configuration: c)
        trainer.trainEpoch()
        trainer.trainEpoch()
        #expect(trainer.embeddingOptimizer.learningRate == Float(0.01 * 0.5 * (1 + cos(Double.pi / 4))))
        #expect(trainer.transformOptimizers.allSatisfy { $0.learningRate == trainer.embeddingOptimizer.learningRate })
    }
}
