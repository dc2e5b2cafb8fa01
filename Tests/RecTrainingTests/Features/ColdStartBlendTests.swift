import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// The serving-time blend of features and interactions for a new user.
@Suite("Features: the serving-time blend from features to interactions")
struct ColdStartBlendTests {
    @Test("λ(n) = n/(n+κ): 0 without items, ½ at n = κ, towards 1 with many; κ = ∞ is features only")
    func interactionWeight() {
        let rule = ColdStartBlend(kappa: 4)
        #expect(rule.interactionWeight(revealedCount: 0) == 0)
        #expect(rule.interactionWeight(revealedCount: 4) == 0.5)
        #expect(rule.interactionWeight(revealedCount: 12) == 0.75)
        #expect(ColdStartBlend(kappa: 0).interactionWeight(revealedCount: 1) == 1)
        #expect(ColdStartBlend(kappa: .infinity).interactionWeight(revealedCount: 1000) == 0)
    }

    @Test("the blended embedding mixes fold-in + features and features only by λ(n); the protocol picks κ on revealed items")
    func blendedEmbeddingAndChoice() throws {
        let dataset = SyntheticDataset.generate(userCount: 120, itemCount: 60, communities: 4, interactionsPerUser: 6...12, seed: 9)
        let groups = SyntheticDataset.plantedCommunities(userCount: 120, itemCount: 60, communities: 4, seed: 9)
        let all = dataset.train.union(dataset.test)
        let split = try ColdUserSplit(interactions: all, coldFraction: 0.25, revealedFraction: 0.5, seed: 4)
        let features = NodeFeatures(columns: [FeatureColumn(name: "community", values: .categorical(
            codes: groups.userCommunity.map { Int32($0) }, cardinality: 4))], rowCount: 120)
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 8
        c.batchSize = 128
        c.learningRate = 0.02
        c.epochs = 5
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: c, userFeatures: split.warmRows(of: features),
                                            itemFeatures: nil, coldStartTraining: ColdStartTraining(idDropout: 0.3),
                                            popularityPrior: true)
        trainer.fit()
        let coldStart = trainer.coldStartRecommender()
        let cold = split.coldRows(of: features)
        let row = cold.subset([0]), items = split.coldRevealed.row(0).map(Int.init)
        let rule = ColdStartBlend(kappa: 2)
        let lambda = rule.interactionWeight(revealedCount: items.count)
        let both = coldStart.userEmbedding(userFeatures: row, items: items), alone = coldStart.userEmbedding(userFeatures: row)
        let blended = coldStart.userEmbedding(userFeatures: row, items: items, blend: rule)
        for k in blended.indices { #expect(abs(blended[k] - (lambda * both[k] + (1 - lambda) * alone[k])) < 1e-6) }
        #expect(coldStart.userEmbedding(userFeatures: row, items: [], blend: rule) == alone)

        let evaluation = ColdStartEvaluation(ks: [10])
        let (chosen, recalls) = evaluation.chooseBlend(split, coldStart: coldStart, coldFeatures: cold)
        #expect(recalls.count == ColdStartBlend.grid.count)
        #expect(recalls[ColdStartBlend.grid.firstIndex(of: chosen)!] == recalls.max())
        let results = try evaluation.runUserProtocol(split, userFeatures: features, itemFeatures: nil, configuration: c,
                                                     coldStartTraining: ColdStartTraining(idDropout: 0.3),
                                                     popularityPrior: true, blend: true)
        let blendRow = try #require(results.first { $0.method.contains("blend") })
        #expect(blendRow.group == .coldUsers && blendRow.report.metrics[ColdStartEvaluation.blendKappaKey] != nil)
        let warm = try #require(results.first { $0.group == .warmUsers && $0.method.contains("popularity prior") })
        #expect(warm.report.metrics[ColdStartEvaluation.priorWeightKey] != nil)
        for scale in ColdStartEvaluation.priorScales {
            #expect(warm.report.metrics[ColdStartEvaluation.priorCheckKey(scale)] != nil, "scale \(scale)")
        }

        // The prior-weight check: scale 1 is the model as served, scale 0 the ranking without the
        // prior; both rank from features only and look for the revealed items.
        let check = evaluation.priorWeightCheck(split, coldStart: coldStart, coldFeatures: cold, scales: [0, 1])
        func revealedRecall(_ rank: (Int) -> [ScoredItem]) -> Double {
            var accumulator = RankingMetricAccumulator(ks: [10], metrics: [.recall])
            for c in 0..<split.coldUsers.count where !split.coldRevealed.row(c).isEmpty {
                accumulator.add(ranked: rank(c).map(\.item), relevant: ArraySlice(split.coldRevealed.row(c).map { Int32($0) }))
            }
            return accumulator.dictionary["Recall@10"] ?? 0
        }
        let asServed = revealedRecall { coldStart.recommend(userFeatures: cold.subset([$0]), k: 10) }
        let withoutPrior = revealedRecall { coldStart.foldIn.recommend(embedding: coldStart.userEmbedding(userFeatures: cold.subset([$0])), k: 10) }
        #expect(check == [withoutPrior, asServed])
    }

    @Test("a limit on revealed items keeps the cold users and reveals a subset of what the share alone reveals")
    func revealedLimit() throws {
        let dataset = SyntheticDataset.generate(userCount: 120, itemCount: 60, communities: 4, interactionsPerUser: 6...12, seed: 9)
        let all = dataset.train.union(dataset.test)
        let open = try ColdUserSplit(interactions: all, coldFraction: 0.25, revealedFraction: 0.5, seed: 4)
        let limited = try ColdUserSplit(interactions: all, coldFraction: 0.25, revealedFraction: 0.5, revealedLimit: 2, seed: 4)
        #expect(limited.coldUsers == open.coldUsers && limited.revealedLimit == 2)
        #expect(limited.train.itemsOfUser == open.train.itemsOfUser)
        for c in 0..<open.coldUsers.count {
            let shown = Set(limited.coldRevealed.row(c)), all = Set(open.coldRevealed.row(c))
            #expect(shown.isSubset(of: all) && shown.count == min(2, all.count))
            #expect(Set(limited.coldTest.row(c)).union(shown) == Set(open.coldTest.row(c)).union(all))
        }
        #expect(throws: DataError.self) {
            try ColdUserSplit(interactions: all, coldFraction: 0.25, revealedFraction: 0.5, revealedLimit: 0, seed: 4)
        }
    }
}
