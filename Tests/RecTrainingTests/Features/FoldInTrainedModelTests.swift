import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// Fold-in of users of a (briefly) trained model.
@Suite("Fold-in of trained users")
struct FoldInTrainedModelTests {
    static let dataset = SyntheticDataset.generate(userCount: 300, itemCount: 200, seed: 11)

    /// A model trained for a few epochs, its graph and its recommender.
    static let trained: (model: LightGCN<Float>, graph: PropagationGraph<Float>, recommender: EmbeddingRecommender) = {
        var c = TrainingConfiguration()
        c.layers = 3
        c.dimension = 16
        c.batchSize = 256
        c.learningRate = 0.01
        c.epochs = 5
        let trainer = try! BPRTrainer(train: dataset.train, configuration: c)
        for _ in 0..<c.epochs { trainer.trainEpoch() }
        return (trainer.model, trainer.graph, trainer.recommender())
    }()

    @Test("removing a user and folding it back in exactly, with its own layer 0, restores its final embedding")
    func refoldRestoresTrainedEmbedding() {
        let trainer = Self.trained
        let train = Self.dataset.train
        let out = trainer.model.getEmbedding(graph: trainer.graph)
        for user in [0, 17, 123] {
            var rows = (0..<train.userCount).map { train.items(ofUser: $0).map(Int.init) }
            let items = rows[user]
            rows[user] = []
            let reduced = PropagationGraph<Float>(userCount: train.userCount, itemCount: train.itemCount,
                                                  itemsOfUser: IndexRows(rows))
            let foldIn = PropagationFoldIn(model: trainer.model, graph: reduced)
            let folded = foldIn.newNodeEmbedding(neighbours: items.map { train.userCount + $0 },
                                                 layerZero: trainer.model.embedding.rowArray(user), propagation: .exact)
            let approximate = foldIn.newNodeEmbedding(neighbours: items.map { train.userCount + $0 },
                                                      layerZero: trainer.model.embedding.rowArray(user),
                                                      propagation: .trainedNeighbourLayers)
            var exactError: Float = 0, approximateError: Float = 0, norm: Float = 0
            for c in 0..<16 {
                exactError = max(exactError, abs(folded[c] - out[user, c]))
                approximateError = max(approximateError, abs(approximate[c] - out[user, c]))
                norm = max(norm, abs(out[user, c]))
            }
            #expect(exactError < 1e-5 * max(1, norm))
            #expect(approximateError < 0.2 * norm)
        }
    }

    /// Hits in the top 20 over `users`, with each user's ranking from `rank`.
    static func hits(_ users: [Int], _ rank: (Int) -> [Int]) -> Int {
        users.map { u in rank(u).filter { Self.dataset.test.contains(user: u, item: $0) }.count }.reduce(0, +)
    }

    @Test("folded-in users rank their test items nearly as well as their trained embeddings")
    func foldedInUsersRankTestItems() {
        let trainer = Self.trained
        let train = Self.dataset.train
        let users = Array(0..<60)
        let trained = trainer.recommender
        let popularity = PopularityRecommender(itemsOfUser: train.itemsOfUser, itemCount: train.itemCount)
        let trainedHits = Self.hits(users) { trained.recommend(user: $0, k: 20, excluding: train.itemsOfUser).map(\.item) }
        let popularHits = Self.hits(users) { popularity.recommend(user: $0, k: 20, excluding: train.itemsOfUser).map(\.item) }
        var results: [String: Int] = [:]
        let choices: [(String, FoldInLayerZero)] = [
            ("mean", .neighbourMean), ("zero", .zero),
            ("bpr", .fittedByBPR(from: .neighbourMean, settings: FoldInBPRSettings())),
        ]
        for (name, layerZero) in choices {
            for propagation in FoldInPropagation.allCases {
                let foldIn = FoldInRecommender(model: trainer.model, graph: trainer.graph, userCount: train.userCount,
                                               itemCount: train.itemCount, propagation: propagation, layerZero: layerZero)
                results["\(name)/\(propagation)"] = Self.hits(users) { u in
                    foldIn.recommend(items: train.items(ofUser: u).map(Int.init), k: 20).map(\.item)
                }
            }
        }
        print("fold-in hits@20 over 60 users: trained \(trainedHits), popularity \(popularHits), \(results.sorted { $0.key < $1.key })")
        for (_, hits) in results { #expect(hits > popularHits) }
        #expect(results["bpr/exact"]! * 10 >= trainedHits * 8)
    }
}
