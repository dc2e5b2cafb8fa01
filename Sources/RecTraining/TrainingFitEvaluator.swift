import RecData
import RecKernels

extension RankingEvaluator {
    /// An evaluator of how well a model fits its own training data, on a fixed random sample of
    /// users: the "train" curves of a training report.
    ///
    /// For each sampled user *u* the model ranks **every** item (nothing is excluded) and the
    /// relevant items are *u*'s training items `T_u`, so at cut-off K
    ///
    ///     Recall@K    = |top-K(u) ∩ T_u| / |T_u|
    ///     Precision@K = |top-K(u) ∩ T_u| / K
    ///
    /// and NDCG, HitRate, MRR, MAP and F1 likewise, averaged over the sample. They measure how
    /// much of its top-K a model spends on items the user already has: they rise as the model
    /// memorises the training graph, and a gap that widens against the validation curves shows
    /// over-fitting. They are not comparable with validation or test metrics, which exclude
    /// the training items; and Recall@K is at most K / |T_u| for a user with more than K items.
    ///
    /// The sample is `min(sampleSize, users with ≥ 1 training item)` users drawn uniformly
    /// without replacement with `SeededGenerator(seed:)`, so it is the same at every
    /// evaluation and in every run with the same seed. It uses its own generator: drawing it
    /// does not change the training run's random choices.
    ///
    /// - Parameters:
    ///   - train: The training interactions.
    ///   - sampleSize: Users to sample; must be positive.
    ///   - seed: Seed of the sample.
    ///   - ks: Cut-offs.
    /// - Complexity: O(users) to draw the sample; each `evaluate` scores `sampleSize` users
    ///   against all items, O(sampleSize · items · d), about `sampleSize / users` of a
    ///   full-ranking evaluation of every user.
    public static func trainingFit(of train: InteractionMatrix, sampleSize: Int, seed: UInt64,
                                   ks: [Int]) -> RankingEvaluator {
        precondition(sampleSize >= 1, "the sample must have at least one user")
        var candidates = train.usersWithInteractions
        var generator = SeededGenerator(seed: seed)
        let count = min(sampleSize, candidates.count)
        for position in 0..<count {
            let pick = position + generator.nextIndex(below: candidates.count - position)
            candidates.swapAt(position, pick)
        }
        let sample = Set(candidates.prefix(count))
        let rows = (0..<train.userCount).map { user in
            sample.contains(user) ? train.items(ofUser: user).map(Int.init) : []
        }
        let heldOut = InteractionMatrix(userCount: train.userCount, itemCount: train.itemCount,
                                        itemsOfUser: IndexRows(rows))
        return RankingEvaluator(known: .empty(userCount: train.userCount, itemCount: train.itemCount),
                                heldOut: heldOut, ks: ks)
    }
}
