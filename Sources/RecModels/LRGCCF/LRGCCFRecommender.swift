import RecKernels

/// A fitted LR-GCCF as a ``Recommender``: items ranked by the inner product of the concatenated
/// layer embeddings,
///
///     score(u, i) = ⟨[X⁰_u | … | X^L_u], [X⁰_{U+i} | … | X^L_{U+i}]⟩ = Σ_{l=0}^{L} ⟨X^l_u, X^l_{U+i}⟩
///
/// computed once from the training graph (see ``LRGCCF``). Scoring runs on ``EmbeddingRecommender``.
public struct LRGCCFRecommender: Recommender {
    /// The scorer over the final embeddings (users `U × (L+1)d`, items `I × (L+1)d`).
    public let embeddings: EmbeddingRecommender
    /// Number of propagation layers `L`.
    public let numLayers: Int
    /// Dimension `d` of one layer block.
    public let layerDimension: Int

    /// The recommender of `model` on its training graph `graph` (never test edges).
    public init(model: LRGCCF<Float>, graph: PropagationGraph<Float>) {
        let out = model.finalEmbeddings(graph: graph)
        let width = model.outputDim
        let users = Matrix<Float>(rows: model.userCount, columns: width)
        let items = Matrix<Float>(rows: model.itemCount, columns: width)
        users.copyRows(0..<model.userCount, of: out)
        items.copyRows(model.userCount..<(model.userCount + model.itemCount), of: out)
        embeddings = EmbeddingRecommender(userEmbeddings: users, itemEmbeddings: items)
        numLayers = model.numLayers
        layerDimension = model.embeddingDim
    }

    /// A recommender over final embeddings already computed (as saved in a model file).
    init(embeddings: EmbeddingRecommender, numLayers: Int, layerDimension: Int) {
        self.embeddings = embeddings
        self.numLayers = numLayers
        self.layerDimension = layerDimension
    }

    /// Number of users.
    public var userCount: Int { embeddings.userCount }
    /// Number of items.
    public var itemCount: Int { embeddings.itemCount }

    /// Top-k items by the concatenated inner product (contract in ``Recommender``).
    public func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        embeddings.recommend(users: users, k: k, masks: masks)
    }

    /// The scores of every item for `user`.
    public func scores(user: Int) -> [Float] { embeddings.scores(user: user) }
}
