import RecKernels
import RecModels
import RecTraining

extension ServingModel {
    /// The ranking of items for known user `user` under `candidates` (its `seen` rows are
    /// normally ``knownItems``), through the model's ``Recommender``.
    ///
    /// - Precondition: `0 ≤ user < userCount`, `k ≥ 1`.
    public func request(user: Int, k: Int, candidates: CandidatePolicy) -> ScoringRequest {
        precondition(user >= 0 && user < userCount, "ServingModel: user \(user) outside 0..<\(userCount)")
        return ScoringRequest(model: self, work: .user(RecommendationRequest(user: user, k: k, candidates: candidates)))
    }

    /// The ranking of items for known user `user`; the items the user already has
    /// (``knownItems``) are left out when `excludeSeen` is true.
    public func request(user: Int, k: Int, excludeSeen: Bool) -> ScoringRequest {
        request(user: user, k: k, candidates: CandidatePolicy(seen: excludeSeen ? knownItems : nil))
    }

    /// The ranking of items for a new user given by `items` (never recommended unless
    /// `excludeItems` is false), under `mask` (business rules): the propagation fold-in's
    /// `embedding` for the LightGCN family, the model's own scoring of the items for the others.
    ///
    /// - Throws: ``ServingError/badRequest(_:)`` when the model cannot rank for new users.
    public func request(newUserItems items: [Int], embedding: [Float]?, k: Int,
                        mask: CandidateMask, excludeItems: Bool = true) throws(ServingError) -> ScoringRequest {
        var mask = mask
        if excludeItems { mask.excluded.append(ArraySlice(items.map { Int32($0) })) }
        if let embedding, itemScorer != nil {
            let scored = trainingConfiguration?.score.query(embedding) ?? embedding
            let query = queryPriorWeight.map { scored + [$0] } ?? scored
            return ScoringRequest(model: self, work: .userVector(query, k: k, mask: mask))
        }
        guard historyScorer != nil else {
            throw .badRequest("a \(kind.displayName) model cannot rank for new users")
        }
        return ScoringRequest(model: self, work: .itemHistory(items, k: k, mask: mask))
    }

    /// The ranking of the items most similar to `item` (never `item` itself) under `mask`: by
    /// `metric` on item vectors for embedding models, else by the model's score for a user whose
    /// only item is `item`.
    ///
    /// - Precondition: `0 ≤ item < itemCount`, `k ≥ 1`.
    public func request(similarTo item: Int, k: Int, metric: SimilarityMetric,
                        mask: CandidateMask = .none) throws(ServingError) -> ScoringRequest {
        precondition(item >= 0 && item < itemCount, "ServingModel: item \(item) outside 0..<\(itemCount)")
        var mask = mask
        mask.excluded.append([Int32(item)])
        if similarity != nil { return ScoringRequest(model: self, work: .itemVector(item: item, metric: metric, k: k, mask: mask)) }
        guard historyScorer != nil else { throw .badRequest("a \(kind.displayName) model has no item-to-item similarity") }
        return ScoringRequest(model: self, work: .itemHistory([item], k: k, mask: mask))
    }

    /// How `/similar` ranks for this model: `cosine`/`inner` on item vectors, or `model` (the
    /// model's score for a user with the one item).
    public func similarityName(_ metric: SimilarityMetric) -> String { similarity != nil ? metric.rawValue : "model" }

    /// The top `k` items for a known user (see ``request(user:k:excludeSeen:)``).
    public func recommend(user: Int, k: Int, excludeSeen: Bool) -> [ScoredItem] {
        request(user: user, k: k, excludeSeen: excludeSeen).run()
    }

    /// The top `k` items for each of `users`, scored together.
    public func recommend(users: [Int], k: Int, excludeSeen: Bool) -> [[ScoredItem]] {
        users.isEmpty ? [] : ScoringRequest.run(users.map { request(user: $0, k: k, excludeSeen: excludeSeen) })
    }

    /// The top `k` items for a folded-in user embedding, never one of `excluding` (LightGCN family).
    public func recommend(embedding: [Float], k: Int, excluding: [Int]) -> [ScoredItem] {
        // A LightGCN-family model always accepts a user vector.
        (try? request(newUserItems: excluding, embedding: embedding, k: k, mask: .none).run()) ?? []
    }

    /// The `k` items most similar to `item` (see ``request(similarTo:k:metric:mask:)``).
    public func similar(item: Int, k: Int, metric: SimilarityMetric) throws(ServingError) -> [ScoredItem] {
        try request(similarTo: item, k: k, metric: metric).run()
    }
}
