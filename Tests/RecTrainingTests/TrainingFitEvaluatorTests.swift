import RecData
import RecKernels
import Testing
@testable import RecTraining

@Suite("Train-split metrics on a user sample")
struct TrainingFitEvaluatorTests {
    static let dataset = SyntheticDataset.generate(userCount: 150, itemCount: 100, seed: 11)

    @Test("the sample is seeded, of the asked size, and scores users against their own training items, excluding nothing")
    func sample() {
        let train = Self.dataset.train
        let a = RankingEvaluator.trainingFit(of: train, sampleSize: 40, seed: 5, ks: [10])
        let b = RankingEvaluator.trainingFit(of: train, sampleSize: 40, seed: 5, ks: [10])
        let c = RankingEvaluator.trainingFit(of: train, sampleSize: 40, seed: 6, ks: [10])
        #expect(a.evaluatedUsers.count == 40)
        #expect(a.evaluatedUsers == b.evaluatedUsers && a.evaluatedUsers != c.evaluatedUsers)
        #expect(a.known.interactionCount == 0)
        for user in a.evaluatedUsers { #expect(Array(a.heldOut.items(ofUser: user)) == Array(train.items(ofUser: user))) }
        let all = RankingEvaluator.trainingFit(of: train, sampleSize: 10_000, seed: 5, ks: [10])
        #expect(all.evaluatedUsers == train.usersWithInteractions)
    }

    @Test("fit records train/ metrics at each evaluation and trains exactly as without them")
    func fitUnchanged() throws {
        var configuration = TrainingConfiguration()
        configuration.epochs = 4
        configuration.evaluateEvery = 2
        configuration.dimension = 8
        configuration.layers = 2
        configuration.batchSize = 256
        var generator = SeededGenerator(seed: 3)
        let dataset = try Self.dataset.carvingValidation(fraction: 0.2, using: &generator)
        let validation = RankingEvaluator(known: dataset.train, heldOut: dataset.validation!, ks: [10])
        let sample = RankingEvaluator.trainingFit(of: dataset.train, sampleSize: 30, seed: 1, ks: [10])
        let plain = try BPRTrainer(train: dataset.train, configuration: configuration)
        let plainFit = plain.fit(evaluator: nil, validation: validation)
        let watched = try BPRTrainer(train: dataset.train, configuration: configuration)
        let watchedFit = watched.fit(evaluator: nil, validation: validation, trainSample: sample)
        #expect(plainFit.selectedEpoch == watchedFit.selectedEpoch)
        #expect(plain.history.map(\.loss) == watched.history.map(\.loss))
        #expect(watched.history[1].metrics["train/Recall@10"] != nil && watched.history[0].metrics.isEmpty)
        for (a, b) in zip(plain.history, watched.history) {
            #expect(a.metrics == b.metrics.filter { !$0.key.hasPrefix("train/") })
        }
        let value = watched.history[3].metrics["train/Precision@10"] ?? -1
        #expect(value >= 0 && value <= 1)
    }
}
