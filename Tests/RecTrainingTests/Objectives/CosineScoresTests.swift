import Foundation
import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// `--score cosine`: the objective on unit vectors and every scorer of such a model.
@Suite("Cosine scores")
struct CosineScoresTests {
    /// A batch over 9 rows of width 5 (rows 0–2 users, 3–8 items) with rows of different lengths.
    static func batch(_ values: Matrix<Float>? = nil) -> LossBatch {
        let batch = LossBatch(nodes: (0..<9).map { Int32($0) }, width: 5, users: [0, 1, 2, 0, 1], positives: [3, 4, 5, 6, 3],
                              negatives: [7, 8, 6, 5, 8], sharedNegatives: [7, 8, 4])
        if let values { batch.embeddings.assign(values); return batch }
        var rng = SeededGenerator(seed: 3)
        for r in 0..<9 { for c in 0..<5 { batch.embeddings[r, c] = Float.random(in: -1...1, using: &rng) * Float(r + 1) * 0.3 } }
        return batch
    }

    @Test("the objective on unit vectors: its value is the base objective's on them, its gradient matches finite differences")
    func gradient() {
        for base in [BPRLoss(), SampledSoftmaxLoss.softmax(temperature: 0.2)] as [any LossFunction] {
            let original = Self.batch().embeddings.copy()
            let loss = CosineScoredLoss(base)
            let analytic = Self.batch(original)
            let value = loss.accumulate(analytic)
            let units = Self.batch(original.rowNormalized())
            #expect(abs(value - base.accumulate(units)) < 1e-6)
            var worst = 0.0
            let step: Float = 1e-3
            for r in 0..<original.rows {
                for c in 0..<original.columns {
                    let plus = original.copy(), minus = original.copy()
                    plus[r, c] += step
                    minus[r, c] -= step
                    let numeric = (loss.accumulate(Self.batch(plus)) - loss.accumulate(Self.batch(minus))) / Double(2 * step)
                    worst = max(worst, abs(numeric - Double(analytic.gradient[r, c])) / max(1, abs(numeric)))
                }
            }
            #expect(worst < 3e-3, "largest gradient error \(worst)")
            // Scale invariance: the gradient is orthogonal to each row.
            for r in 0..<original.rows {
                let along = (0..<5).reduce(Float(0)) { $0 + analytic.gradient[r, $1] * original[r, $1] }
                #expect(abs(along) < 1e-4)
            }
        }
    }

    @Test("a model trained with cosine scores learns, and every scorer ranks by the cosine")
    func scorers() throws {
        let dataset = SyntheticDataset.generate(userCount: 150, itemCount: 100, communities: 4, interactionsPerUser: 6...12, seed: 5)
        var c = TrainingConfiguration()
        c.dimension = 16
        c.layers = 2
        c.batchSize = 256
        c.epochs = 4
        c.learningRate = 0.02
        c.loss = .softmax
        c.temperature = 0.2
        c.uniformNegatives = 64
        c.score = .cosine
        let trainer = try BPRTrainer(train: dataset.train, configuration: c)
        trainer.fit(evaluator: nil)
        let recommender = trainer.recommender()
        for r in [0, 77] {
            let norm = (0..<16).reduce(Float(0)) { $0 + recommender.itemEmbeddings[r, $1] * recommender.itemEmbeddings[r, $1] }
            #expect(abs(norm - 1) < 1e-5)
        }
        let evaluator = RankingEvaluator(known: dataset.train, heldOut: dataset.test, ks: [10])
        let popularity = evaluator.evaluate(PopularityRecommender(itemPopularity: dataset.train.itemPopularity,
                                                                  userCount: dataset.train.userCount))
        let learned = evaluator.evaluate(recommender)
        #expect(learned.metrics["Recall@10"]! > popularity.metrics["Recall@10"]!, "\(learned.metrics) vs \(popularity.metrics)")

        // Saved and read back: the setting is kept and the scores are the cosine of the final vectors.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cosine-\(UUID().uuidString).lgcn").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(trainer.trainedModel(datasetName: "synthetic"), to: path)
        let back = try ModelFile.read(from: path)
        #expect(back.configuration.score == .cosine)
        let plain = back.lightGCN().recommender(userCount: back.userCount, itemCount: back.itemCount, graph: back.propagationGraph())
        let scores = back.recommender().scores(user: 3)
        let u = plain.userEmbeddings, items = plain.itemEmbeddings
        func norm(_ m: Matrix<Float>, _ r: Int) -> Float { (0..<16).reduce(Float(0)) { $0 + m[r, $1] * m[r, $1] }.squareRoot() }
        for i in [0, 50, 99] {
            let dot = (0..<16).reduce(Float(0)) { $0 + u[3, $1] * items[i, $1] }
            #expect(abs(scores[i] - dot / (norm(u, 3) * norm(items, i))) < 1e-5)
        }
        // A new user folded in is ranked by the cosine with every item.
        let foldIn = back.coldStartRecommender().foldIn
        let query = foldIn.embedding(forItems: [1, 2, 3])
        let top = foldIn.recommend(embedding: query, k: 1, excluding: [1, 2, 3])[0]
        let queryNorm = query.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        let cosines = (0..<100).filter { ![1, 2, 3].contains($0) }.map { i in
            (i, (0..<16).reduce(Float(0)) { $0 + query[$1] * items[i, $1] } / (queryNorm * norm(items, i)))
        }
        let best = cosines.max { ($0.1, -$0.0) < ($1.1, -$1.0) }!
        #expect(top.item == best.0 && abs(top.score - best.1) < 1e-5)
    }

    @Test("cosine scores: refused with hard negatives, side features and LR-GCCF; older settings read as inner")
    func refusalsAndDefault() throws {
        var c = TrainingConfiguration()
        c.score = .cosine
        #expect(throws: Never.self) { try c.validate() }
        c.negativeCandidates = 8
        #expect(throws: ConfigurationError.self) { try c.validate() }
        c.negativeCandidates = 1
        var l = LRGCCFConfiguration()
        l.training = c
        #expect(throws: ConfigurationError.self) { try l.validate() }
        let dataset = SyntheticDataset.generate(userCount: 20, itemCount: 10, seed: 1)
        let features = NodeFeatures(columns: [FeatureColumn(name: "g", values: .categorical(codes: (0..<20).map { Int32($0 % 2) },
                                                                                              cardinality: 2))], rowCount: 20)
        #expect(throws: ConfigurationError.self) {
            try FeatureBPRTrainer(train: dataset.train, configuration: c, userFeatures: features, itemFeatures: nil)
        }
        let old = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(#"{"layers":2}"#.utf8))
        #expect(old.score == .inner && old.layers == 2)
        let again = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(c))
        #expect(again.score == .cosine)
    }
}
