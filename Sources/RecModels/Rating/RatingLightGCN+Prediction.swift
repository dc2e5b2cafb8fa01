import RecData
import RecKernels

extension RatingLightGCN {
    /// `r̂_ui = μ + b_u + b_i + ⟨out_u, out_{U+i}⟩` for each pair, with no fallback and no
    /// clipping (the value the training loss uses).
    ///
    /// - Complexity: one full propagation (O(L · nnz · D)) plus O(pairs · D).
    @inlinable
    public func predictions(graph: PropagationGraph<Scalar>, users: [Int32], items: [Int32]) -> [Scalar] {
        precondition(users.count == items.count, "predictions: \(users.count) users for \(items.count) items")
        let out = lightGCN.getEmbedding(graph: graph)
        return zip(users, items).map { user, item in
            let u = Int(user), i = Int(item)
            return globalMean + userBias[u, 0] + itemBias[i, 0] + out.rowDot(u, out, userCount + i)
        }
    }

    /// The fitted model as a ``RatingPredictor`` (a snapshot in `Float`: later training does not
    /// change it). The final embeddings are propagated once, here.
    ///
    /// Fallback for users and items without a rating in `train`: their dot-product term is
    /// dropped and their own bias counts as 0, so
    ///
    ///     known user, unseen item:   r̂ = μ + b_u
    ///     unseen user, known item:   r̂ = μ + b_i
    ///     both unseen:               r̂ = μ
    ///
    /// (an unseen node's row of `E⁰` never received a gradient: it is initialisation noise).
    ///
    /// - Parameters:
    ///   - graph: the training graph (``graph(train:)``).
    ///   - train: the training ratings, which decide who is known.
    @inlinable
    public func predictor(graph: PropagationGraph<Scalar>, train: RatingSet) -> EmbeddingRatingPredictor {
        precondition(train.userCount == userCount && train.itemCount == itemCount,
                     "RatingLightGCN: ratings are \(train.userCount) × \(train.itemCount), model \(userCount) × \(itemCount)")
        let out = lightGCN.getEmbedding(graph: graph).converted(to: Float.self)
        let d = embeddingDim
        let users = Matrix<Float>(rows: userCount, columns: d), items = Matrix<Float>(rows: itemCount, columns: d)
        users.copyRows(0..<userCount, of: out)
        items.copyRows(userCount..<(userCount + itemCount), of: out)
        return EmbeddingRatingPredictor(
            globalMean: Float(globalMean), userEmbeddings: users, itemEmbeddings: items,
            userBias: userBias.values.map { Float($0) }, itemBias: itemBias.values.map { Float($0) },
            knownUsers: train.userRatingCounts.map { $0 > 0 }, knownItems: train.itemRatingCounts.map { $0 > 0 })
    }
}
