import RecKernels

extension FeatureLightGCN where Scalar == Float {
    /// The model's users and items as a recommender on its training `graph`:
    /// `score(u, i) = ⟨out_u, out_i⟩`, plus `w · p_i` with a ``PopularityPrior`` (scored as
    /// `⟨[out_u, w], [out_i, p_i]⟩`, so ranking, masking and top-k are the plain recommender's).
    /// Assembles E⁰ from the tables first.
    ///
    /// - Complexity: one full propagation, O(L · nnz · D), and copies of the two tables.
    public func recommender(graph: PropagationGraph<Float>) -> EmbeddingRecommender {
        assembleLayerZero()
        let plain = lightGCN.recommender(userCount: userCount, itemCount: itemCount, graph: graph)
        return popularityPrior?.extended(plain) ?? plain
    }
}
