import RecKernels

/// Recommendations for users and items that did not exist at training time, from their
/// interactions alone, without retraining: an anonymous user given a list of items, or a new
/// item given the users who interacted with it.
///
/// The new node's final embedding is folded in through the propagation (see
/// ``PropagationFoldIn`` and ``FoldInPropagation``): for a new user `*` with items `S`,
///
///     x̃ˡ_* = Σ_{i∈S} x̃^{l−1}_i / √(|S|·(d_i+1)),   out_* = Σ_l α_l x̃ˡ_*,
///
/// with `x̃⁰_*` chosen by ``FoldInLayerZero``. It is then scored against the trained final
/// embeddings of the other side, `score(*, i) = ⟨out_*, out_i⟩`, or their cosine for a model
/// trained with ``ScoreFunction/cosine`` (these stay fixed: the approximation is that adding one
/// node does not move anybody else).
///
/// Cost per new user: O(L·D·Σ_{i∈S} d_i) for the exact propagation (microseconds to a fraction
/// of a millisecond on Gowalla), then one pass over the items for `recommend`.
public struct FoldInRecommender: Sendable {
    /// Number of users of the training graph (nodes `0..<userCount`).
    public let userCount: Int
    /// Number of items of the training graph (nodes `userCount..<userCount+itemCount`).
    public let itemCount: Int
    /// The precomputed layers and the fold-in arithmetic.
    public let foldIn: PropagationFoldIn<Float>
    /// How the new node's layers are propagated.
    public var propagation: FoldInPropagation
    /// Where the new node's layer-0 embedding comes from.
    public var layerZero: FoldInLayerZero
    /// How a new node's final embedding is scored against the other side.
    public let score: ScoreFunction
    let itemScorer: InnerProductScorer<Float>
    let userScorer: InnerProductScorer<Float>

    /// A fold-in recommender for `model` trained on `graph` (users first, then items), scoring
    /// by `score` (the model's: ``ScoreFunction/cosine`` packs unit rows and scales each query
    /// to unit length).
    ///
    /// - Complexity: L sparse products and two scorer packings, once.
    public init(model: LightGCN<Float>, graph: PropagationGraph<Float>, userCount: Int, itemCount: Int,
                propagation: FoldInPropagation = .exact, layerZero: FoldInLayerZero = .neighbourMean,
                score: ScoreFunction = .inner) {
        precondition(userCount >= 0 && itemCount >= 0 && userCount + itemCount == model.numNodes,
                     "FoldInRecommender: \(userCount) users + \(itemCount) items ≠ \(model.numNodes) nodes")
        self.userCount = userCount
        self.itemCount = itemCount
        self.propagation = propagation
        self.layerZero = layerZero
        self.score = score
        foldIn = PropagationFoldIn(model: model, graph: graph)
        let d = model.embeddingDim, out = foldIn.finalEmbeddings
        let users = Matrix<Float>(rows: userCount, columns: d), items = Matrix<Float>(rows: itemCount, columns: d)
        users.copyRows(0..<userCount, of: out)
        items.copyRows(userCount..<(userCount + itemCount), of: out)
        userScorer = InnerProductScorer(candidates: score == .cosine ? users.rowNormalized() : users)
        itemScorer = InnerProductScorer(candidates: score == .cosine ? items.rowNormalized() : items)
    }

    /// The trained final embeddings of the items (`itemCount × D`; with ``ScoreFunction/cosine``
    /// they are scored as unit rows).
    public var itemEmbeddings: Matrix<Float> {
        let m = Matrix<Float>(rows: itemCount, columns: foldIn.dimension)
        m.copyRows(userCount..<(userCount + itemCount), of: foldIn.finalEmbeddings)
        return m
    }

    // MARK: New users

    /// The layer-0 embedding `e_*` of a new user with `items`, by ``layerZero``.
    public func layerZero(forItems items: [Int]) -> [Float] {
        resolve(layerZero, neighbours: itemNodes(items), candidates: userCount..<(userCount + itemCount))
    }

    /// The final embedding `out_*` of a new user who has `items` (dense item indices).
    public func embedding(forItems items: [Int]) -> [Float] {
        let nodes = itemNodes(items)
        let e = resolve(layerZero, neighbours: nodes, candidates: userCount..<(userCount + itemCount))
        return foldIn.newNodeEmbedding(neighbours: nodes, layerZero: e, propagation: propagation)
    }

    /// The top `k` items for a new user who has `items`, best first, excluding `items`.
    public func recommend(items: [Int], k: Int) -> [ScoredItem] {
        recommend(embedding: embedding(forItems: items), k: k, excluding: items)
    }

    /// The top `k` items for a user embedding (for example ``embedding(forItems:)``), excluding
    /// `excluding`, best first, ties towards the smaller index.
    public func recommend(embedding: [Float], k: Int, excluding: [Int] = []) -> [ScoredItem] {
        recommend(embedding: embedding, k: k, mask: CandidateMask(excluded: [ArraySlice(excluding.map { Int32($0) })]))
    }

    /// The top `k` items under `mask` (business rules) for a user embedding, best first, ties
    /// towards the smaller index; exactly `k` when `k` items are eligible.
    public func recommend(embedding: [Float], k: Int, mask: CandidateMask) -> [ScoredItem] {
        precondition(embedding.count == itemScorer.dimension,
                     "FoldInRecommender: query has \(embedding.count) values, D = \(itemScorer.dimension)")
        guard k > 0, itemScorer.candidateCount > 0 else { return [] }
        let queries = Matrix<Float>(rows: 1, columns: embedding.count, values: score.query(embedding))
        return itemScorer.topK(queries: queries, queryRows: [0], k: min(k, itemScorer.candidateCount), masks: { _ in mask })[0]
            .map { ScoredItem(item: $0.index, score: $0.score) }
    }

    // MARK: New items

    /// The layer-0 embedding `e_*` of a new item that the users `users` interacted with, by
    /// ``layerZero``.
    public func layerZero(forUsers users: [Int]) -> [Float] {
        resolve(layerZero, neighbours: userNodes(users), candidates: 0..<userCount)
    }

    /// The final embedding of a new item that the users `users` interacted with.
    public func embedding(forUsers users: [Int]) -> [Float] {
        let nodes = userNodes(users)
        let e = resolve(layerZero, neighbours: nodes, candidates: 0..<userCount)
        return foldIn.newNodeEmbedding(neighbours: nodes, layerZero: e, propagation: propagation)
    }

    /// The top `k` users for a new item that `users` interacted with, excluding `users`.
    public func recommendUsers(forItemWithUsers users: [Int], k: Int) -> [ScoredUser] {
        recommendUsers(itemEmbedding: embedding(forUsers: users), k: k, excluding: users)
    }

    /// The top `k` users for an item embedding, excluding `excluding`.
    public func recommendUsers(itemEmbedding: [Float], k: Int, excluding: [Int] = []) -> [ScoredUser] {
        Self.top(userScorer, score.query(itemEmbedding), k: k, excluding: excluding).map { ScoredUser(user: $0.index, score: $0.score) }
    }

    // MARK: Helpers

    func userNodes(_ users: [Int]) -> [Int] {
        users.map { user in
            precondition(user >= 0 && user < userCount, "FoldInRecommender: user \(user) outside 0..<\(userCount)")
            return user
        }
    }

    func itemNodes(_ items: [Int]) -> [Int] {
        items.map { item in
            precondition(item >= 0 && item < itemCount, "FoldInRecommender: item \(item) outside 0..<\(itemCount)")
            return userCount + item
        }
    }

    func resolve(_ choice: FoldInLayerZero, neighbours: [Int], candidates: Range<Int>) -> [Float] {
        switch choice {
        case .zero:
            return [Float](repeating: 0, count: foldIn.dimension)
        case .neighbourMean:
            return foldIn.neighbourMean(neighbours)
        case .given(let vector):
            precondition(vector.count == foldIn.dimension,
                         "FoldInRecommender: given layer-0 has \(vector.count) values, D = \(foldIn.dimension)")
            return vector
        case .fittedByBPR(let from, let settings):
            let start = resolve(from, neighbours: neighbours, candidates: candidates)
            return foldIn.fitLayerZero(neighbours: neighbours, candidates: candidates, start: start,
                                       settings: settings, propagation: propagation)
        }
    }

    static func top(_ scorer: InnerProductScorer<Float>, _ query: [Float], k: Int,
                    excluding: [Int]) -> [(index: Int, score: Float)] {
        precondition(query.count == scorer.dimension, "FoldInRecommender: query has \(query.count) values, D = \(scorer.dimension)")
        guard k > 0, scorer.candidateCount > 0 else { return [] }
        let excluded = ArraySlice(excluding.map { Int32($0) })
        let queries = Matrix<Float>(rows: 1, columns: query.count, values: query)
        return scorer.topK(queries: queries, queryRows: [0], k: min(k, scorer.candidateCount),
                           excluded: { _ in excluded })[0]
    }
}
