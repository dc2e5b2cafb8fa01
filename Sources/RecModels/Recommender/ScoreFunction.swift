import RecKernels

/// How a trained embedding model turns its final user and item vectors into a score.
///
/// - ``inner``: `s(u, i) = ⟨f(u), f(i)⟩`, LightGCN's score (the default).
/// - ``cosine``: `s(u, i) = ⟨f(u), f(i)⟩ / (‖f(u)‖ · ‖f(i)‖)`, the inner product of unit
///   vectors. A documented variant: with a softmax objective it keeps the scores in `[−1, 1]`,
///   so that the temperature alone sets their sharpness instead of growing norms. Training and
///   every scorer of such a model (evaluation, saved models, serving, fold-in) use it alike.
public enum ScoreFunction: String, Codable, Sendable, CaseIterable {
    /// The inner product of the final vectors.
    case inner
    /// The cosine of the final vectors.
    case cosine

    /// `recommender` scored this way: unchanged for ``inner``; for ``cosine`` its user and item
    /// tables with every row scaled to unit length (copies), so that the inner product the
    /// scorer computes is the cosine.
    public func scoring(_ recommender: EmbeddingRecommender) -> EmbeddingRecommender {
        switch self {
        case .inner: recommender
        case .cosine: EmbeddingRecommender(userEmbeddings: recommender.userEmbeddings.rowNormalized(),
                                           itemEmbeddings: recommender.itemEmbeddings.rowNormalized())
        }
    }

    /// A query vector (a folded-in user's final embedding) scored this way: unchanged for
    /// ``inner``, scaled to unit length for ``cosine`` (a zero vector stays zero).
    public func query(_ vector: [Float]) -> [Float] {
        guard self == .cosine else { return vector }
        let norm = max(vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        return vector.map { $0 / norm }
    }
}
