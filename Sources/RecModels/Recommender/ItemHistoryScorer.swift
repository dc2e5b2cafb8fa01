import RecKernels

/// A model that scores every item for someone known only by a set of items, without
/// retraining: a new or anonymous user's history, or a single item (item-to-item similarity,
/// `/similar`). EASE, ItemKNN, GF-CF, iALS (by its exact user solve) and popularity conform;
/// the LightGCN family has its own propagation fold-in.
public protocol ItemHistoryScorer: Recommender {
    /// The score of every item (`itemCount` values) for a user whose items are `items`
    /// (distinct indices in `0..<itemCount`); higher is better.
    func scores(forItems items: [Int]) -> [Float]
}

extension ItemHistoryScorer {
    /// The top `k` items under `mask` for a user whose items are `items`, best first, ties towards
    /// the smaller index; exactly `k` when `k` items are eligible.
    public func recommend(forItems items: [Int], k: Int, mask: CandidateMask) -> [ScoredItem] {
        guard k > 0, itemCount > 0 else { return [] }
        var scores = scores(forItems: items)
        mask.apply(to: &scores)
        var selector = TopKSelector<Float>(k: min(k, itemCount))
        return selector.select(scores).map { ScoredItem(item: $0.index, score: $0.score) }
    }
}

/// A model that ranks by inner products with item vectors: its item table (for cosine
/// item-to-item similarity and export).
public protocol ItemEmbeddings: Recommender {
    /// One row per item.
    var itemEmbeddings: Matrix<Float> { get }
}

extension EASERecommender: ItemHistoryScorer {
    /// `x·B` (see ``scores(items:)``).
    public func scores(forItems items: [Int]) -> [Float] { scores(items: items) }
}

extension ItemKNNRecommender: ItemHistoryScorer {
    /// `Σ_{j ∈ items} S[j, :]`: the summed similarity of each item to the given ones' neighbourhoods.
    public func scores(forItems items: [Int]) -> [Float] {
        var row = [Float](repeating: 0, count: itemCount)
        let offsets = similarities.rowOffsets, columns = similarities.columnIndices, values = similarities.values
        for item in Set(items) {
            precondition(item >= 0 && item < itemCount, "ItemKNN: item \(item) outside 0..<\(itemCount)")
            for p in offsets[item]..<offsets[item + 1] { row[Int(columns[p])] += values[p] }
        }
        return row
    }
}

extension ImplicitALSRecommender: ItemHistoryScorer, ItemEmbeddings {
    /// `x·Y ᵀ` for the exact user solve `x` of ``foldIn(items:)``.
    public func scores(forItems items: [Int]) -> [Float] { scores(factors: foldIn(items: items)) }

    /// The item factors `Y`.
    public var itemEmbeddings: Matrix<Float> { itemFactors }
}

extension PopularityRecommender: ItemHistoryScorer {
    /// Every item's popularity (the same for anyone).
    public func scores(forItems items: [Int]) -> [Float] { itemPopularity.map { Float($0) } }
}

extension GFCFRecommender: ItemHistoryScorer {
    /// The GF-CF score of a user whose items are `items`:
    /// `r·R̃ᵀR̃ + α·(r·D_I^{-1/2}V)·(D_I^{1/2}V)ᵀ` with `r` the indicator row of `items`.
    public func scores(forItems items: [Int]) -> [Float] {
        let n = itemCount, rank = lowPassQuery.columns
        let unique = Array(Set(items)).sorted()
        for item in unique { precondition(item >= 0 && item < n, "GF-CF: item \(item) outside 0..<\(n)") }
        var row = [Float](repeating: 0, count: n)
        // Linear filter: t = R̃·rᵀ (a weight per user), then Σ_v t_v·R̃[v, :].
        var walk: [Int: Float] = [:]
        let tOffsets = normalizedTransposed.rowOffsets, tColumns = normalizedTransposed.columnIndices
        let tValues = normalizedTransposed.values
        for item in unique {
            for p in tOffsets[item]..<tOffsets[item + 1] { walk[Int(tColumns[p]), default: 0] += tValues[p] }
        }
        let offsets = normalized.rowOffsets, columns = normalized.columnIndices, values = normalized.values
        for (user, weight) in walk.sorted(by: { $0.key < $1.key }) {
            for p in offsets[user]..<offsets[user + 1] { row[Int(columns[p])] += weight * values[p] }
        }
        // Ideal low-pass filter.
        guard rank > 0, options.idealFilterWeight != 0 else { return row }
        var coordinates = [Float](repeating: 0, count: rank)
        for item in unique {
            for c in 0..<rank { coordinates[c] += lowPassQuery[item, c] }
        }
        for i in 0..<n {
            var s: Float = 0
            for c in 0..<rank { s += coordinates[c] * lowPassItems[i, c] }
            row[i] += options.idealFilterWeight * s
        }
        return row
    }
}

extension EmbeddingRecommender: ItemEmbeddings {}

extension LRGCCFRecommender: ItemEmbeddings {
    /// The concatenated final item embeddings.
    public var itemEmbeddings: Matrix<Float> { embeddings.itemEmbeddings }
}
