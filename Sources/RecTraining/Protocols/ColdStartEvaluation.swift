import Foundation
import RecData
import RecKernels
import RecModels

/// The cold-start protocol: metrics for users (or items) that no model saw in training, next to
/// the warm users and a popularity baseline, on a ``ColdUserSplit`` or ``ColdItemSplit``.
///
/// **Cold users.** Each cold user `c` is ranked against all items by the embedding a strategy
/// gives it (``ColdStartStrategy``: fold-in of its revealed items, its features, or both), with its
/// revealed items excluded; the relevant items are ``ColdUserSplit/coldTest``. Popularity ranks
/// by the number of warm training users of each item.
///
/// **Warm users.** Full ranking of the model's own users, training items excluded, against
/// ``ColdUserSplit/warmTest`` (as ``RankingEvaluator``).
///
/// **Cold items.** Every user with a held-out pair with a cold item ranks the cold items only,
/// by `⟨out_u, out_c⟩` with the trained user embedding and the cold item's folded-in and/or
/// feature embedding, its revealed cold items excluded; the relevant items are its pairs in
/// ``ColdItemSplit/coldTest``. Popularity ranks the cold items by their revealed interactions,
/// ties in random order (with none revealed: a chance baseline).
///
/// Metrics are those of ``RankingMetricAccumulator`` (Recall, NDCG, … @K), averaged over the
/// users with at least one relevant item.
public struct ColdStartEvaluation: Sendable {
    /// Cut-offs.
    public var ks: [Int]

    /// An evaluation at the cut-offs `ks`.
    public init(ks: [Int] = [20]) {
        precondition(!ks.isEmpty && ks.allSatisfy { $0 >= 1 }, "cut-offs must be ≥ 1")
        self.ks = ks.sorted()
    }

    /// One cold user as a strategy sees it.
    public struct ColdUserQuery: Sendable {
        /// The cold user's index in the split (`0..<coldUsers.count`).
        public let index: Int
        /// Its revealed items (excluded from its ranking).
        public let revealed: [Int]
        /// How many items to return.
        public let k: Int
    }

    // MARK: Users

    /// The warm users ranked by `recommender` (a model fitted on `split.train`), training items
    /// excluded, against `split.warmTest`.
    public func evaluateWarmUsers(_ split: ColdUserSplit, recommender: any Recommender) -> EvaluationReport {
        RankingEvaluator(known: split.train, heldOut: split.warmTest, ks: ks).evaluate(recommender)
    }

    /// The cold users ranked by `rank`, which returns the top `query.k` items of a cold user,
    /// best first, without its revealed items.
    public func evaluateColdUsers(_ split: ColdUserSplit,
                                  rank: (ColdUserQuery) -> [ScoredItem]) -> EvaluationReport {
        let start = Date()
        var accumulator = RankingMetricAccumulator(ks: ks)
        let k = min(ks.last!, split.itemCount)
        for c in 0..<split.coldUsers.count {
            let relevant = split.coldTest.row(c)
            guard !relevant.isEmpty else { continue }
            let revealed = split.coldRevealed.row(c).map(Int.init)
            accumulator.add(ranked: rank(ColdUserQuery(index: c, revealed: revealed, k: k)).map(\.item),
                            relevant: relevant)
        }
        return EvaluationReport(metrics: accumulator.dictionary, userCount: accumulator.queryCount,
                                seconds: Date().timeIntervalSince(start))
    }

    /// The cold users ranked by a trained model with `strategy`; `coldFeatures` are the cold
    /// users' feature rows (``ColdUserSplit/coldRows(of:)``), needed by the feature strategies.
    public func evaluateColdUsers(_ split: ColdUserSplit, coldStart: ColdStartRecommender,
                                  coldFeatures: NodeFeatures?, strategy: ColdStartStrategy) -> EvaluationReport {
        precondition(strategy == .foldIn || coldFeatures?.rowCount == split.coldUsers.count,
                     "ColdStartEvaluation: \(strategy) needs one feature row per cold user")
        return evaluateColdUsers(split) { query in
            let features = strategy == .foldIn ? nil : coldFeatures?.subset([query.index])
            let items = strategy == .features ? [] : query.revealed
            let embedding = coldStart.userEmbedding(userFeatures: features, items: items)
            return coldStart.recommend(userEmbedding: embedding, k: query.k, excluding: query.revealed)
        }
    }

    /// The cold users ranked by fold-in of their revealed items into an ID-only model.
    public func evaluateColdUsers(_ split: ColdUserSplit, foldIn: FoldInRecommender) -> EvaluationReport {
        evaluateColdUsers(split) { foldIn.recommend(items: $0.revealed, k: $0.k) }
    }

    /// Popularity on the warm training users, for the cold users (revealed items excluded) and
    /// for the warm users (training items excluded).
    public func popularity(_ split: ColdUserSplit) -> (cold: EvaluationReport, warm: EvaluationReport) {
        let popularity = PopularityRecommender(itemsOfUser: split.train.itemsOfUser, itemCount: split.itemCount)
        let cold = evaluateColdUsers(split) { query in
            popularity.recommend(user: 0, k: query.k, excluding: IndexRows([query.revealed]))
        }
        return (cold, evaluateWarmUsers(split, recommender: popularity))
    }

    // MARK: Items

    /// The cold items ranked for their users by `⟨U_u, C_c⟩` (rules in the type's
    /// documentation).
    ///
    /// - Parameters:
    ///   - userEmbeddings: final embeddings of the `U` users (`U × D`).
    ///   - coldItemEmbeddings: final embeddings of the cold items (`|C| × D`), in cold order.
    public func evaluateColdItems(_ split: ColdItemSplit, userEmbeddings: Matrix<Float>,
                                  coldItemEmbeddings: Matrix<Float>) -> EvaluationReport {
        precondition(userEmbeddings.rows == split.userCount && coldItemEmbeddings.rows == split.coldItems.count,
                     "ColdStartEvaluation: one embedding per user and per cold item")
        let recommender = EmbeddingRecommender(userEmbeddings: userEmbeddings, itemEmbeddings: coldItemEmbeddings)
        return RankingEvaluator(known: split.coldRevealed, heldOut: split.coldTest, ks: ks).evaluate(recommender)
    }

    /// The cold items ranked by a trained model: each one's embedding from its features
    /// (`coldFeatures`, ``ColdItemSplit/coldRows(of:)``) and/or its revealed users, by `strategy`.
    public func evaluateColdItems(_ split: ColdItemSplit, coldStart: ColdStartRecommender,
                                  coldFeatures: NodeFeatures?, strategy: ColdStartStrategy) -> EvaluationReport {
        precondition(strategy == .foldIn || coldFeatures?.rowCount == split.coldItems.count,
                     "ColdStartEvaluation: \(strategy) needs one feature row per cold item")
        let d = coldStart.model.dimension
        let items = Matrix<Float>(rows: split.coldItems.count, columns: d)
        let usersOfCold = split.coldRevealed.usersOfItem
        for c in 0..<split.coldItems.count {
            let features = strategy == .foldIn ? nil : coldFeatures?.subset([c])
            let users = strategy == .features ? [] : usersOfCold.row(c).map(Int.init)
            items.setRow(c, to: coldStart.itemEmbedding(itemFeatures: features, users: users))
        }
        let out = coldStart.foldIn.foldIn.finalEmbeddings
        let usersMatrix = Matrix<Float>(rows: split.userCount, columns: d)
        usersMatrix.copyRows(0..<split.userCount, of: out)
        return evaluateColdItems(split, userEmbeddings: usersMatrix, coldItemEmbeddings: items)
    }

    /// The cold items ranked by their number of revealed users, ties in a random order drawn
    /// from `seed` (so with nothing revealed this is a chance baseline: item indices often follow
    /// popularity, and breaking ties by index would leak it).
    public func popularity(_ split: ColdItemSplit, seed: UInt64 = 1) -> EvaluationReport {
        var generator = SeededGenerator(seed: seed)
        let counts = split.coldRevealed.itemPopularity
        // score = count + u, u ∈ [0, 0.5): the count orders, u only breaks ties.
        let items = Matrix<Float>(rows: counts.count, columns: 1,
                                  values: counts.map { Float($0) + Float(generator.nextIndex(below: 1 << 20)) / Float(1 << 21) })
        let users = Matrix<Float>(rows: split.userCount, columns: 1,
                                  values: [Float](repeating: 1, count: split.userCount))
        return evaluateColdItems(split, userEmbeddings: users, coldItemEmbeddings: items)
    }
}
