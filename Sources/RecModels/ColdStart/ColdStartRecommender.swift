import RecKernels

/// Recommendations for users and items never seen in training, from their features, their
/// interactions, or both, with a trained ``FeatureLightGCN``.
///
/// - Features only: the node has no edge, so its propagated layers vanish and
///   `out_* = α₀ · φ(features)` (ID part zero); `score(*, i) = ⟨out_*, out_i⟩` against the
///   trained final embeddings.
/// - Interactions (and optionally features): the node is folded in through the propagation
///   (``FoldInRecommender``) with layer-0 embedding `φ(features)`, or the neighbours' mean
///   without features.
///
/// Features given as text (`gender=F, age=25`) are read with
/// ``FeatureLightGCN/userFeatures(from:unknownValues:)`` (and the item counterpart), whose
/// ``FeatureRow/features`` are the one-row features these methods take.
public struct ColdStartRecommender: Sendable {
    /// The trained feature-aware model.
    public let model: FeatureLightGCN<Float>
    /// Fold-in over the model's training graph (its scorers hold the trained final embeddings).
    public let foldIn: FoldInRecommender
    /// With a popularity prior: the items as `[out_i, p_i]`, scored against `[out_*, w]`.
    let priorScorer: InnerProductScorer<Float>?

    /// A recommender for `model` trained on `graph`. Assembles the model's E⁰ from its tables.
    ///
    /// `score` is the model's ``ScoreFunction`` (a feature model is trained with inner products;
    /// an ID-only model wrapped as a feature model may have been trained with cosine scores).
    public init(model: FeatureLightGCN<Float>, graph: PropagationGraph<Float>, propagation: FoldInPropagation = .exact,
                score: ScoreFunction = .inner) {
        precondition(score == .inner || model.popularityPrior == nil, "ColdStartRecommender: a prior scores inner products")
        model.assembleLayerZero()
        self.model = model
        let foldIn = FoldInRecommender(model: model.lightGCN, graph: graph, userCount: model.userCount,
                                       itemCount: model.itemCount, propagation: propagation, score: score)
        self.foldIn = foldIn
        priorScorer = model.popularityPrior.map { InnerProductScorer(candidates: $0.extendedItems(foldIn.itemEmbeddings)) }
    }

    /// The final embedding of a new user described by `userFeatures` (one row) who has `items`
    /// (possibly none).
    public func userEmbedding(userFeatures: NodeFeatures?, items: [Int] = []) -> [Float] {
        let layerZero = userFeatures.map { features -> [Float] in
            precondition(features.rowCount == 1, "ColdStartRecommender: pass one row of user features")
            return model.userLayerZero(features: features).rowArray(0)
        }
        return embedding(layerZero: layerZero, neighbours: items, isUser: true)
    }

    /// The final embedding of a new user under the serving-time ``ColdStartBlend``:
    /// `λ(n) · out(features + items) + (1 − λ(n)) · out(features only)`, `n = items.count`.
    public func userEmbedding(userFeatures: NodeFeatures, items: [Int], blend: ColdStartBlend) -> [Float] {
        let lambda = blend.interactionWeight(revealedCount: items.count)
        let featuresOnly = userEmbedding(userFeatures: userFeatures)
        guard lambda > 0 else { return featuresOnly }
        let both = userEmbedding(userFeatures: userFeatures, items: items)
        return zip(both, featuresOnly).map { lambda * $0 + (1 - lambda) * $1 }
    }

    /// The top `k` items for a new user (see ``userEmbedding(userFeatures:items:)``), excluding `items`.
    public func recommend(userFeatures: NodeFeatures?, items: [Int] = [], k: Int) -> [ScoredItem] {
        recommend(userEmbedding: userEmbedding(userFeatures: userFeatures, items: items), k: k, excluding: items)
    }

    /// The top `k` items for a user's final embedding, best first, excluding `excluding`:
    /// `score(*, i) = ⟨out_*, out_i⟩`, plus `s · w · p_i` when the model has a
    /// ``PopularityPrior`` (`s` is `priorScale`, 1 for the model as trained; other values let a
    /// check ask how the learned weight compares with its multiples).
    public func recommend(userEmbedding: [Float], k: Int, excluding: [Int] = [], priorScale: Float = 1) -> [ScoredItem] {
        guard let priorScorer, let prior = model.popularityPrior else {
            return foldIn.recommend(embedding: userEmbedding, k: k, excluding: excluding)
        }
        return FoldInRecommender.top(priorScorer, userEmbedding + [priorScale * prior.currentWeight], k: k, excluding: excluding)
            .map { ScoredItem(item: $0.index, score: $0.score) }
    }

    /// The final embedding of a new item described by `itemFeatures` (one row) that `users` had.
    public func itemEmbedding(itemFeatures: NodeFeatures?, users: [Int] = []) -> [Float] {
        let layerZero = itemFeatures.map { features -> [Float] in
            precondition(features.rowCount == 1, "ColdStartRecommender: pass one row of item features")
            return model.itemLayerZero(features: features).rowArray(0)
        }
        return embedding(layerZero: layerZero, neighbours: users, isUser: false)
    }

    /// The top `k` users for a new item (see ``itemEmbedding(itemFeatures:users:)``), excluding `users`.
    public func recommendUsers(itemFeatures: NodeFeatures?, users: [Int] = [], k: Int) -> [ScoredUser] {
        foldIn.recommendUsers(itemEmbedding: itemEmbedding(itemFeatures: itemFeatures, users: users), k: k,
                              excluding: users)
    }

    func embedding(layerZero: [Float]?, neighbours: [Int], isUser: Bool) -> [Float] {
        var recommender = foldIn
        recommender.layerZero = layerZero.map { .given($0) } ?? .neighbourMean
        return isUser ? recommender.embedding(forItems: neighbours) : recommender.embedding(forUsers: neighbours)
    }
}
