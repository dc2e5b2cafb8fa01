import Foundation
import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

@Suite("MF-BPR")
struct MatrixFactorizationBPRTests {
    static let dataset = SyntheticDataset.generate(userCount: 300, itemCount: 200, seed: 7)

    @Test("a zero-layer step is the plain MF-BPR gradient with the authors' L2 term")
    func gradientIsMatrixFactorisation() throws {
        var options = MatrixFactorizationBPR.Options()
        options.dimension = 8
        options.lambda = 0.3
        let trainer = try MatrixFactorizationBPR.trainer(train: Self.dataset.train, options: options)
        #expect(trainer.configuration.layers == 0)
        var g = SeededGenerator(seed: 5)
        let triples = BPRSampler(train: Self.dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
        let range = 10..<90
        let (bpr, reg) = trainer.computeGradient(triples, range)

        // The textbook MF-BPR gradient, written from the formula.
        let e = trainer.model.embedding, users = Self.dataset.train.userCount, d = 8
        let b = Double(range.count)
        var expected = [Double](repeating: 0, count: e.count)
        var loss = 0.0, squares = 0.0
        for t in range {
            let u = Int(triples.users[t]), i = users + Int(triples.positives[t]), j = users + Int(triples.negatives[t])
            var x = 0.0
            for c in 0..<d { x += Double(e[u, c]) * (Double(e[i, c]) - Double(e[j, c])) }
            loss += log(1 + exp(-x)) / b
            let s = -1 / (1 + exp(x)) / b
            for c in 0..<d {
                let pu = Double(e[u, c]), qi = Double(e[i, c]), qj = Double(e[j, c])
                expected[u * d + c] += s * (qi - qj) + 0.3 * pu / b
                expected[i * d + c] += s * pu + 0.3 * qi / b
                expected[j * d + c] += -s * pu + 0.3 * qj / b
                squares += pu * pu + qi * qi + qj * qj
            }
        }
        #expect(abs(bpr - loss) < 1e-5)
        #expect(abs(reg - 0.3 * 0.5 * squares / b) < 1e-6 * max(1, reg))
        let worst = zip(trainer.embeddingGradient.values, expected).map { abs(Double($0) - $1) }.max()!
        #expect(worst < 1e-6, "worst gradient difference \(worst)")
    }

    @Test("fitting beats popularity on planted communities; the Recommender contract holds")
    func learns() throws {
        var options = MatrixFactorizationBPR.Options()
        options.dimension = 32
        options.batchSize = 256
        options.learningRate = 0.01
        options.epochs = 15
        let model = try MatrixFactorizationBPR.fit(train: Self.dataset.train, options: options)
        #expect(model.history.count == 15 && model.selectedEpoch == 15)
        #expect(model.history.last!.loss < 0.7 * model.history.first!.loss)
        let evaluator = RankingEvaluator(known: Self.dataset.train, heldOut: Self.dataset.test, ks: [20])
        let recall = evaluator.evaluate(model).metrics["Recall@20"]!
        let popularity = RecommenderContract.popularityRecall(Self.dataset, evaluator: evaluator)
        #expect(recall > 2 * popularity, "MF-BPR \(recall) vs popularity \(popularity)")
        RecommenderContract.expect(model, excluding: Self.dataset.train.itemsOfUser, k: 20,
                                   scores: { model.embeddings.scores(user: $0) })
    }

    @Test("options map onto a zero-layer LightGCN run; invalid ones are rejected")
    func options() throws {
        var options = MatrixFactorizationBPR.Options()
        options.dimension = 16
        options.regularization = .pyg
        options.patience = 3
        let c = options.trainingConfiguration
        #expect(c.layers == 0 && c.dimension == 16 && c.regularization == .pyg && c.patience == 3 && c.epochs == 1000)
        options.learningRate = 0
        #expect(throws: ConfigurationError.self) { try MatrixFactorizationBPR.fit(train: Self.dataset.train, options: options) }
    }
}
