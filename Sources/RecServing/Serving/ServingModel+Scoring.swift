import RecKernels
import RecModels

extension ServingModel {
    /// The top `k` items for a known user, best first; the user's training items are left out
    /// when `excludeSeen` is true.
    ///
    /// - Precondition: `0 ≤ user < userCount`, `k ≥ 1`.
    /// - Complexity: O(I · D) multiply-adds and O(I · log k) selection.
    public func recommend(user: Int, k: Int, excludeSeen: Bool) -> [ScoredItem] {
        precondition(user >= 0 && user < userCount, "ServingModel: user \(user) outside 0..<\(userCount)")
        let seen = seenItems
        return top(itemScorer, queries: userEmbeddings, row: user, k: k,
                   excluded: excludeSeen ? { _ in seen.row(user) } : nil)
    }

    /// The top `k` items for a user embedding (from a fold-in), never one of `excluding`.
    ///
    /// - Precondition: `embedding.count == dimension`, `k ≥ 1`, every entry of `excluding` in
    ///   `0..<itemCount`.
    public func recommend(embedding: [Float], k: Int, excluding: [Int]) -> [ScoredItem] {
        precondition(embedding.count == dimension, "ServingModel: embedding of length \(embedding.count), expected \(dimension)")
        let query = Matrix<Float>(rows: 1, columns: dimension, values: embedding)
        let excluded = ArraySlice(excluding.map { Int32($0) })
        return top(itemScorer, queries: query, row: 0, k: k, excluded: { _ in excluded })
    }

    /// The `k` items most similar to `item` by `metric`, never `item` itself.
    ///
    /// - Precondition: `0 ≤ item < itemCount`, `k ≥ 1`.
    public func similar(item: Int, k: Int, metric: SimilarityMetric) -> [ScoredItem] {
        precondition(item >= 0 && item < itemCount, "ServingModel: item \(item) outside 0..<\(itemCount)")
        let itself: ArraySlice<Int32> = [Int32(item)]
        switch metric {
        case .cosine: return top(cosineScorer, queries: normalizedItems, row: item, k: k, excluded: { _ in itself })
        case .inner: return top(itemScorer, queries: itemEmbeddings, row: item, k: k, excluded: { _ in itself })
        }
    }

    private func top(_ scorer: InnerProductScorer<Float>, queries: Matrix<Float>, row: Int, k: Int,
                     excluded: ((Int) -> ArraySlice<Int32>)?) -> [ScoredItem] {
        scorer.topK(queries: queries, queryRows: [row], k: min(k, itemCount), excluded: excluded)[0]
            .map { ScoredItem(item: $0.index, score: $0.score) }
    }
}
