import RecKernels

extension LightGCN where Scalar == Float {
    /// The fitted model as a ``Recommender``: users are nodes `0..<userCount`, items are nodes
    /// `userCount..<userCount+itemCount`, and `score(u, i) = ⟨out_u, out_{U+i}⟩` with the final
    /// embeddings `out` of ``getEmbedding(graph:)`` (propagated once, here).
    ///
    /// - Parameters:
    ///   - graph: the training graph (never test edges).
    /// - Precondition: `userCount + itemCount == numNodes`.
    public func recommender(userCount: Int, itemCount: Int, graph: PropagationGraph<Float>) -> EmbeddingRecommender {
        precondition(userCount >= 0 && itemCount >= 0 && userCount + itemCount == numNodes,
                     "LightGCN: \(userCount) users + \(itemCount) items ≠ \(numNodes) nodes")
        let out = getEmbedding(graph: graph)
        let users = Matrix<Float>(rows: userCount, columns: embeddingDim)
        let items = Matrix<Float>(rows: itemCount, columns: embeddingDim)
        users.copyRows(0..<userCount, of: out)
        items.copyRows(userCount..<(userCount + itemCount), of: out)
        return EmbeddingRecommender(userEmbeddings: users, itemEmbeddings: items)
    }
}
