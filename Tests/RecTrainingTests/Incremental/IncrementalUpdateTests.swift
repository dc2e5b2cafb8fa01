import RecData
import RecKernels
import RecModels
import RecTraining
import Testing

/// Incremental update of a trained LightGCN on the planted synthetic dataset: users (or items)
/// held back from training are added afterwards.
@Suite("Incremental update: new users and items without a full retrain")
struct IncrementalUpdateTests {
    static let dataset = SyntheticDataset.generate(userCount: 240, itemCount: 160, seed: 21)
    static let baseUsers = 200
    static let settings = IncrementalUpdateSettings(steps: 30, batchSize: 512, learningRate: 0.01)

    static func configuration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 3
        c.dimension = 16
        c.batchSize = 512
        c.learningRate = 0.02
        c.epochs = 8
        c.seed = 3
        return c
    }

    static func trained(_ train: InteractionMatrix) throws -> BPRTrainer {
        let trainer = try BPRTrainer(train: train, configuration: configuration())
        for _ in 0..<configuration().epochs { trainer.trainEpoch() }
        return trainer
    }

    static func pairs(_ m: InteractionMatrix, where keep: (Int, Int) -> Bool) -> [(user: Int, item: Int)] {
        m.pairs.filter { keep($0.user, $0.item) }
    }

    /// Recall@20 of the held-back users' test items, their training items excluded.
    static func recall(_ recommender: any Recommender, known: InteractionMatrix) -> Double {
        let test = InteractionMatrix(userCount: dataset.userCount, itemCount: dataset.itemCount,
                                     pairs: pairs(dataset.test) { u, _ in u >= baseUsers })
        return RankingEvaluator(known: known, heldOut: test, ks: [20]).evaluate(recommender).metrics["Recall@20"]!
    }

    @Test("added users beat popularity, approach a full retrain, and every other row stays as trained")
    func addedUsers() throws {
        let all = Self.dataset.train
        let base = InteractionMatrix(userCount: Self.baseUsers, itemCount: all.itemCount,
                                     pairs: Self.pairs(all) { u, _ in u < Self.baseUsers })
        let trainer = try Self.trained(base)
        let before = trainer.model.embedding.copy()
        let delta = InteractionDelta(newUserCount: all.userCount - Self.baseUsers,
                                     pairs: Self.pairs(all) { u, _ in u >= Self.baseUsers })
        let update = try IncrementalUpdate(settings: Self.settings).apply(delta, to: trainer.model, train: base,
                                                                          configuration: Self.configuration())
        var foldInSettings = Self.settings
        foldInSettings.steps = 0
        let foldInOnly = try IncrementalUpdate(settings: foldInSettings)
            .apply(delta, to: trainer.model, train: base, configuration: Self.configuration())
        #expect(update.train == all)
        #expect(update.updatedNodes == Array(Self.baseUsers..<all.userCount))
        #expect(update.addedInteractions == delta.pairs.count)

        // Unaffected rows: every trained user and item row is bit-for-bit the trained one.
        let e = update.model.embedding, d = e.columns
        for u in 0..<Self.baseUsers { #expect(e.rowArray(u) == before.rowArray(u)) }
        for i in 0..<all.itemCount { #expect(e.rowArray(all.userCount + i) == before.rowArray(Self.baseUsers + i)) }
        #expect(d == 16)

        let full = try Self.trained(all)
        let popularity = PopularityRecommender(itemsOfUser: all.itemsOfUser, itemCount: all.itemCount)
        let recalls = [
            "popularity": Self.recall(popularity, known: all),
            "fold-in only": Self.recall(foldInOnly.recommender(), known: all),
            "incremental": Self.recall(update.recommender(), known: all),
            "full retrain": Self.recall(full.recommender(), known: all),
        ]
        // The refresh lowers the BPR loss of the added users' interactions (fixed triples) from the
        // fold-in's starting point to about the full retrain's.
        var g = SeededGenerator(seed: 99)
        let added = BPRSampler(train: InteractionMatrix(userCount: all.userCount, itemCount: all.itemCount,
                                                        pairs: delta.pairs), strategy: .edgeUniform)
            .sampleEpoch(using: &g)
        let refreshedLoss = update.trainer.computeGradient(added, 0..<added.count).bpr
        let foldedLoss = foldInOnly.trainer.computeGradient(added, 0..<added.count).bpr
        let fullLoss = full.computeGradient(added, 0..<added.count).bpr
        print("added users Recall@20: \(recalls.sorted { $0.key < $1.key }); update \(update.seconds) s; "
              + "BPR loss of their interactions: fold-in \(foldedLoss), refreshed \(refreshedLoss), full retrain \(fullLoss)")
        #expect(recalls["incremental"]! > 1.5 * recalls["popularity"]!)
        #expect(recalls["incremental"]! >= 0.85 * recalls["full retrain"]!)
        #expect(refreshedLoss < foldedLoss - 0.004)
        #expect(refreshedLoss < 1.01 * fullLoss)
    }

    @Test("new items with their neighbours: only the listed rows move, and new items rank for their users")
    func addedItemsAndNeighbours() throws {
        let all = Self.dataset.train
        let oldItems = 140
        let base = InteractionMatrix(userCount: all.userCount, itemCount: oldItems,
                                     pairs: Self.pairs(all) { _, i in i < oldItems })
        let trainer = try Self.trained(base)
        let before = trainer.model.embedding.copy()
        let newPairs = Self.pairs(all) { _, i in i >= oldItems }
        let delta = InteractionDelta(newItemCount: all.itemCount - oldItems, pairs: newPairs)
        var settings = Self.settings
        settings.scope = .newNodesAndNeighbours
        let update = try IncrementalUpdate(settings: settings)
            .apply(delta, to: trainer.model, train: base, configuration: Self.configuration())
        let touchedUsers = Set(newPairs.map(\.user))
        let expected = touchedUsers.sorted() + (oldItems..<all.itemCount).map { all.userCount + $0 }
        #expect(update.updatedNodes == expected)
        let updated = Set(update.updatedNodes), e = update.model.embedding
        var moved = 0
        for node in 0..<e.rows {
            let old = node < all.userCount ? node : node - all.userCount < oldItems ? node : -1
            if updated.contains(node) {
                if old >= 0 && e.rowArray(node) != before.rowArray(old) { moved += 1 }
            } else {
                #expect(old >= 0 && e.rowArray(node) == before.rowArray(old))
            }
        }
        #expect(moved == touchedUsers.count)
        // Ranked among the new items only, each user's held-out new items come before the others.
        let recommender = update.recommender()
        var hits = 0, expectedHits = 0.0
        let newItems = Set(oldItems..<all.itemCount)
        for u in 0..<all.userCount {
            let relevant = Self.dataset.test.items(ofUser: u).map(Int.init).filter(newItems.contains)
            guard !relevant.isEmpty else { continue }
            let ranked = recommender.recommend(user: u, k: all.itemCount, excluding: all.itemsOfUser)
                .map(\.item).filter(newItems.contains).prefix(5)
            hits += ranked.filter(relevant.contains).count
            let candidates = newItems.subtracting(all.items(ofUser: u).map(Int.init)).count
            expectedHits += 5 * Double(relevant.count) / Double(candidates)
        }
        print("new items: \(hits) hits in the top 5 of the new items, \(expectedHits) expected by chance")
        #expect(Double(hits) > 2 * expectedHits)
    }

    @Test("a model that does not fit the interactions, or a pair outside the enlarged model, is an error")
    func errors() throws {
        let all = Self.dataset.train
        var g = SeededGenerator(seed: 1)
        let model = LightGCN<Float>(numNodes: all.userCount + all.itemCount, embeddingDim: 16, numLayers: 3, generator: &g)
        let wrong = InteractionMatrix.empty(userCount: 10, itemCount: 10)
        #expect(throws: IncrementalUpdateError.self) {
            try IncrementalUpdate().apply(InteractionDelta(pairs: []), to: model, train: wrong,
                                          configuration: Self.configuration())
        }
        #expect(throws: IncrementalUpdateError.pairOutOfRange(user: 241, item: 0, userCount: 241, itemCount: 160)) {
            try IncrementalUpdate().apply(InteractionDelta(newUserCount: 1, pairs: [(241, 0)]), to: model, train: all,
                                          configuration: Self.configuration())
        }
    }
}
