import RecKernels

/// Ranks items by the inner product of user and item embeddings, `score(u, i) = ⟨U_u, I_i⟩`:
/// the serving form of LightGCN, matrix factorisation and any other two-tower model.
///
/// Scoring runs on ``InnerProductScorer`` (groups of 64 users against blocks of 1024 items, in
/// parallel, known items masked to −∞ before top-k selection).
///
/// **Shapes:** users `U × D`, items `I × D`.
public struct EmbeddingRecommender: Recommender {
    /// User embeddings, `U × D` (a private copy).
    public let userEmbeddings: Matrix<Float>
    /// Item embeddings, `I × D` (a private copy).
    public let itemEmbeddings: Matrix<Float>
    @usableFromInline let scorer: InnerProductScorer<Float>

    /// A recommender over copies of the two tables (later changes to the arguments do not leak in).
    ///
    /// - Precondition: both tables have the same number of columns.
    public init(userEmbeddings: Matrix<Float>, itemEmbeddings: Matrix<Float>) {
        precondition(userEmbeddings.columns == itemEmbeddings.columns,
                     "EmbeddingRecommender: user dimension \(userEmbeddings.columns) ≠ item dimension \(itemEmbeddings.columns)")
        self.userEmbeddings = userEmbeddings.copy()
        self.itemEmbeddings = itemEmbeddings.copy()
        scorer = InnerProductScorer(candidates: self.itemEmbeddings)
    }

    /// Number of users `U`.
    public var userCount: Int { userEmbeddings.rows }
    /// Number of items `I`.
    public var itemCount: Int { itemEmbeddings.rows }
    /// Embedding dimension `D`.
    public var dimension: Int { userEmbeddings.columns }

    /// Top-k items by inner product (contract in ``Recommender``).
    ///
    /// - Complexity: O(|users| · I · D) multiply-adds plus O(|users| · I · log k) selection.
    public func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        for user in users {
            precondition(user >= 0 && user < userCount, "EmbeddingRecommender: user \(user) outside 0..<\(userCount)")
        }
        guard k > 0 else { return users.map { _ in [] } }
        let top = scorer.topK(queries: userEmbeddings, queryRows: users, k: min(k, itemCount), masks: masks)
        return top.map { row in row.map { ScoredItem(item: $0.index, score: $0.score) } }
    }

    /// The top-k items under `masks(i)` for each row `i` of `queries` (vectors of length `D` that
    /// need not be training users: a folded-in user, or an item for item-to-item similarity).
    ///
    /// - Precondition: `queries.columns == dimension`.
    public func recommend(queries: Matrix<Float>, k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        precondition(queries.columns == dimension, "EmbeddingRecommender: queries of dimension \(queries.columns), D = \(dimension)")
        guard k > 0 else { return Array(repeating: [], count: queries.rows) }
        return scorer.topK(queries: queries, queryRows: Array(0..<queries.rows), k: min(k, itemCount), masks: masks)
            .map { row in row.map { ScoredItem(item: $0.index, score: $0.score) } }
    }

    /// The scores of every item for `user`, `⟨U_user, I_i⟩` for `i` in `0..<itemCount`.
    public func scores(user: Int) -> [Float] {
        precondition(user >= 0 && user < userCount, "EmbeddingRecommender: user \(user) outside 0..<\(userCount)")
        return scorer.scores(query: userEmbeddings.rowArray(user))
    }
}
