import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

@Suite("LR-GCCF trainer")
struct LRGCCFTrainerTests {
    static let dataset = SyntheticDataset.generate(userCount: 300, itemCount: 200, seed: 7)

    static func configuration(layers: Int = 2, regularization: TrainingConfiguration.Regularization = .authors)
        -> LRGCCFConfiguration {
        var c = LRGCCFConfiguration()
        c.training.layers = layers
        c.training.dimension = 16
        c.training.batchSize = 256
        c.training.lambda = 0.2
        c.training.regularization = regularization
        c.transformLambda = 0.05
        c.transformInitialization = .xavierUniform
        return c
    }

    @Test("a step's gradient is the model's BPR gradient plus both L2 terms",
          arguments: [TrainingConfiguration.Regularization.authors, .pyg])
    func gradient(regularization: TrainingConfiguration.Regularization) throws {
        let trainer = try LRGCCFTrainer(train: Self.dataset.train, configuration: Self.configuration(regularization: regularization))
        var g = SeededGenerator(seed: 2)
        let triples = BPRSampler(train: Self.dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
        let range = 0..<120
        let (bpr, reg) = trainer.computeGradient(triples, range)
        let model = trainer.model
        let reference = model.bprLossGradient(graph: trainer.graph, triples: triples, range: range)
        #expect(abs(bpr - model.bprLoss(graph: trainer.graph, triples: triples, range: range)) < 1e-5)

        // Expected L2 parts, from the two conventions' formulas.
        let d = 16, b = Float(range.count), lambda: Float = 0.2, mu: Float = 0.05
        let expectedE = reference.embeddingGradient.copy()
        var squares = 0.0
        let nodes = model.distinctNodes(triples, range)
        func add(_ node: Int, _ factor: Float) {
            for c in 0..<d {
                expectedE[node, c] += factor * model.embedding[node, c]
                squares += Double(model.embedding[node, c] * model.embedding[node, c])
            }
        }
        switch regularization {
        case .authors:
            for t in range {
                for node in [Int(triples.users[t]), 300 + Int(triples.positives[t]), 300 + Int(triples.negatives[t])] {
                    add(node, lambda / b)
                }
            }
            squares *= 0.5
        case .pyg:
            for node in nodes { add(Int(node), 2 * lambda / b) }
        }
        var expectedReg = Double(lambda) * squares / Double(b)
        for w in model.transforms { expectedReg += 0.5 * Double(mu) * w.squaredNorm() }
        #expect(abs(reg - expectedReg) < 1e-5 * max(1, expectedReg))
        func worst(_ a: Matrix<Float>, _ b: Matrix<Float>) -> Float { zip(a.values, b.values).map { abs($0 - $1) }.max()! }
        #expect(worst(trainer.embeddingGradient, expectedE) < 1e-6)
        for (l, w) in model.transforms.enumerated() {
            let expectedW = reference.transformGradients[l].copy()
            expectedW.addScaled(w, by: mu)
            #expect(worst(trainer.transformGradients[l], expectedW) < 1e-5, "W_\(l + 1)")
        }
    }

    @Test("training lowers the loss and beats popularity; the Recommender contract holds")
    func learns() throws {
        var c = LRGCCFConfiguration()
        c.training.layers = 2
        c.training.dimension = 32
        c.training.batchSize = 1024
        c.training.learningRate = 0.02
        c.training.epochs = 4
        c.training.evaluateEvery = 2
        let trainer = try LRGCCFTrainer(train: Self.dataset.train, configuration: c)
        let evaluator = RankingEvaluator(known: Self.dataset.train, heldOut: Self.dataset.test, ks: [20])
        trainer.fit(evaluator: evaluator)
        #expect(trainer.history.count == 4)
        #expect(trainer.history.last!.loss < 0.7 * trainer.history.first!.loss)
        #expect(trainer.history[1].metrics["Recall@20"] != nil && trainer.history[2].metrics.isEmpty)
        let recommender = trainer.recommender()
        #expect(recommender.numLayers == 2 && recommender.embeddings.dimension == 3 * 32)
        let recall = evaluator.evaluate(recommender).metrics["Recall@20"]!
        let popularity = RecommenderContract.popularityRecall(Self.dataset, evaluator: evaluator)
        #expect(recall > 2 * popularity, "LR-GCCF \(recall) vs popularity \(popularity)")
        RecommenderContract.expect(recommender, excluding: Self.dataset.train.itemsOfUser, k: 20,
                                   scores: { recommender.scores(user: $0) })
    }

    @Test("with validation, the selected epoch's table and transforms are restored")
    func restoresSelectedEpoch() throws {
        var c = Self.configuration()
        c.training.learningRate = 0.02
        c.training.epochs = 6
        c.training.evaluateEvery = 1
        c.training.maxBatchesPerEpoch = 3
        let trainer = try LRGCCFTrainer(train: Self.dataset.train, configuration: c)
        let validation = RankingEvaluator(known: Self.dataset.train, heldOut: Self.dataset.test, ks: [20])
        let result = trainer.fit(evaluator: nil, validation: validation)
        let recorded = trainer.history.map { $0.metrics["validation/Recall@20"]! }
        #expect(recorded[result.selectedEpoch - 1] == recorded.max())
        // Evaluating the restored model gives the selected epoch's value again.
        #expect(validation.evaluate(trainer.recommender()).metrics["Recall@20"] == result.validationMetrics["Recall@20"])
    }

    @Test("same seed, same model; max-batches limits an epoch; bad settings are rejected")
    func deterministic() throws {
        var c = Self.configuration(layers: 3)
        c.training.maxBatchesPerEpoch = 2
        let a = try LRGCCFTrainer(train: Self.dataset.train, configuration: c)
        let b = try LRGCCFTrainer(train: Self.dataset.train, configuration: c)
        #expect(a.batchesPerEpoch == 2)
        let ra = a.trainEpoch(), rb = b.trainEpoch()
        #expect(ra.batches == 2 && ra.bprLoss == rb.bprLoss)
        #expect(a.model.embedding.values == b.model.embedding.values)
        #expect(zip(a.model.transforms, b.model.transforms).allSatisfy { $0.values == $1.values })
        c.transformLambda = -1
        #expect(throws: ConfigurationError.self) { try LRGCCFTrainer(train: Self.dataset.train, configuration: c) }
        c.transformLambda = 0
        c.training.initialization = .spectral
        #expect(throws: ConfigurationError.self) { try LRGCCFTrainer(train: Self.dataset.train, configuration: c) }
    }
}
