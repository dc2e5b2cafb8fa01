import RecKernels
import RecModels

extension ServingModel {
    /// The ranking of items for known user `user`: the user's final embedding against the items;
    /// the user's training items are left out when `excludeSeen` is true.
    ///
    /// - Precondition: `0 ≤ user < userCount`, `k ≥ 1`.
    public func request(user: Int, k: Int, excludeSeen: Bool) -> ScoringRequest {
        precondition(user >= 0 && user < userCount, "ServingModel: user \(user) outside 0..<\(userCount)")
        return ScoringRequest(model: self, candidates: .items, query: userEmbeddings.rowArray(user), k: k,
                              excluded: excludeSeen ? seenItems.row(user) : [])
    }

    /// The ranking of items for a user embedding (from a fold-in), never one of `excluding`.
    ///
    /// - Precondition: `embedding.count == dimension`, `k ≥ 1`, every entry of `excluding` in
    ///   `0..<itemCount`.
    public func request(embedding: [Float], k: Int, excluding: [Int]) -> ScoringRequest {
        ScoringRequest(model: self, candidates: .items, query: embedding, k: k, excluded: ArraySlice(excluding.map { Int32($0) }))
    }

    /// The ranking of the items most similar to `item` by `metric`, never `item` itself.
    ///
    /// - Precondition: `0 ≤ item < itemCount`, `k ≥ 1`.
    public func request(similarTo item: Int, k: Int, metric: SimilarityMetric) -> ScoringRequest {
        precondition(item >= 0 && item < itemCount, "ServingModel: item \(item) outside 0..<\(itemCount)")
        switch metric {
        case .cosine:
            return ScoringRequest(model: self, candidates: .normalizedItems, query: normalizedItems.rowArray(item), k: k,
                                  excluded: [Int32(item)])
        case .inner:
            return ScoringRequest(model: self, candidates: .items, query: itemEmbeddings.rowArray(item), k: k,
                                  excluded: [Int32(item)])
        }
    }

    /// The top `k` items for a known user, best first (see ``request(user:k:excludeSeen:)``).
    ///
    /// - Complexity: O(I · D) multiply-adds and O(I · log k) selection.
    public func recommend(user: Int, k: Int, excludeSeen: Bool) -> [ScoredItem] {
        request(user: user, k: k, excludeSeen: excludeSeen).run()
    }

    /// The top `k` items for each of `users`, scored 8 users per pass over the items.
    public func recommend(users: [Int], k: Int, excludeSeen: Bool) -> [[ScoredItem]] {
        users.isEmpty ? [] : ScoringRequest.run(users.map { request(user: $0, k: k, excludeSeen: excludeSeen) })
    }

    /// The top `k` items for a user embedding (see ``request(embedding:k:excluding:)``).
    public func recommend(embedding: [Float], k: Int, excluding: [Int]) -> [ScoredItem] {
        request(embedding: embedding, k: k, excluding: excluding).run()
    }

    /// The `k` items most similar to `item` (see ``request(similarTo:k:metric:)``).
    public func similar(item: Int, k: Int, metric: SimilarityMetric) -> [ScoredItem] {
        request(similarTo: item, k: k, metric: metric).run()
    }
}
