import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

@Suite("BPR trainer")
struct BPRTrainerTests {
    static let dataset = SyntheticDataset.generate(userCount: 300, itemCount: 200, seed: 7)

    static func configuration(_ regularization: TrainingConfiguration.Regularization) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 16
        c.batchSize = 256
        c.lambda = 0.01
        c.regularization = regularization
        return c
    }

    @Test("the PyG-convention step gradient equals PyG's recommendation_loss gradient")
    func gradientMatchesPyGLoss() throws {
        let trainer = try BPRTrainer(train: Self.dataset.train, configuration: Self.configuration(.pyg))
        var g = SeededGenerator(seed: 3)
        let triples = BPRSampler(train: Self.dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
        let range = 0..<100
        let (bpr, reg) = trainer.computeGradient(triples, range)

        // The same loss through the library's PyG API: label pairs (u, i) then (u, j).
        let users = Self.dataset.train.userCount
        let u = range.map { Int(triples.users[$0]) }
        let label = EdgeIndex(sources: u + u,
                              targets: range.map { users + Int(triples.positives[$0]) } + range.map { users + Int(triples.negatives[$0]) })
        let model = trainer.model
        let nodes = Array(Set(label.sources + label.targets)).sorted()
        let (loss, expected) = model.recommendationLossGradient(
            graph: trainer.graph, edgeLabelIndex: label, posPositions: Array(0..<100), negPositions: Array(100..<200),
            nodeId: nodes, lambdaReg: 0.01)
        #expect(abs(Float(bpr + reg) - loss) < 1e-5)
        var worst: Float = 0, largest: Float = 0
        for i in 0..<expected.count {
            worst = max(worst, abs(expected[flat: i] - trainer.embeddingGradient[flat: i]))
            largest = max(largest, abs(expected[flat: i]))
        }
        #expect(largest > 0)
        #expect(worst <= 1e-4 * largest)
    }

    @Test("the authors' convention: λ·½Σ‖row‖²/B with rows counted per occurrence")
    func authorsRegularization() throws {
        var c = Self.configuration(.authors)
        c.lambda = 0.5
        let trainer = try BPRTrainer(train: Self.dataset.train, configuration: c)
        var g = SeededGenerator(seed: 4)
        let triples = BPRSampler(train: Self.dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
        let (_, reg) = trainer.computeGradient(triples, 0..<64)
        let users = Self.dataset.train.userCount
        var squares = 0.0
        for t in 0..<64 {
            for node in [Int(triples.users[t]), users + Int(triples.positives[t]), users + Int(triples.negatives[t])] {
                for c in 0..<16 { squares += Double(trainer.model.embedding[node, c] * trainer.model.embedding[node, c]) }
            }
        }
        #expect(abs(reg - 0.5 * 0.5 * squares / 64) < 1e-6 * max(1, reg))
    }

    @Test("training lowers the loss and beats popularity on planted communities")
    func learns() throws {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 32
        c.batchSize = 512
        c.learningRate = 0.01
        c.epochs = 8
        c.evaluateEvery = 4
        let trainer = try BPRTrainer(train: Self.dataset.train, configuration: c)
        let evaluator = RankingEvaluator(known: Self.dataset.train, heldOut: Self.dataset.test, ks: [20])
        trainer.fit(evaluator: evaluator)
        #expect(trainer.history.count == 8)
        #expect(trainer.history.last!.loss < 0.8 * trainer.history.first!.loss)
        #expect(trainer.history[3].metrics["Recall@20"] != nil && trainer.history[2].metrics.isEmpty)
        let lightgcn = evaluator.evaluate(trainer.recommender()).metrics["Recall@20"]!
        let popularity = evaluator.evaluate(PopularityRecommender(itemPopularity: Self.dataset.train.itemPopularity,
                                                                  userCount: Self.dataset.userCount)).metrics["Recall@20"]!
        #expect(lightgcn > 1.5 * popularity, "LightGCN \(lightgcn) vs popularity \(popularity)")
    }

    @Test("same seed, same model; max-batches limits an epoch")
    func deterministic() throws {
        var c = Self.configuration(.authors)
        c.maxBatchesPerEpoch = 2
        let a = try BPRTrainer(train: Self.dataset.train, configuration: c)
        let b = try BPRTrainer(train: Self.dataset.train, configuration: c)
        let ra = a.trainEpoch(), rb = b.trainEpoch()
        #expect(ra.batches == 2)
        #expect(ra.bprLoss == rb.bprLoss)
        #expect(a.model.embedding.values == b.model.embedding.values)
    }

    @Test("invalid settings are rejected with the option's name")
    func validation() {
        var c = TrainingConfiguration()
        c.batchSize = 0
        #expect(throws: ConfigurationError.invalid("--batch-size must be ≥ 1, got 0")) { try c.validate() }
    }
}
