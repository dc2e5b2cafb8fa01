/// Turns a list of items (an anonymous or new user's history) into a user embedding in the
/// space of the model's final embeddings, so the user can be scored like a known one.
///
/// Kept behind a protocol so a better fold-in (for example a propagation of the new user's
/// edges through the graph, or a least-squares fit) can replace the simple mean.
public protocol FoldInStrategy: Sendable {
    /// The embedding (length `model.dimension`) of a user who has the given items.
    ///
    /// - Precondition: `items` is not empty and every item is in `0..<model.itemCount`.
    func userEmbedding(items: [Int], model: ServingModel) -> [Float]
}

/// The simplest fold-in: the mean of the items' final embeddings,
/// `u = (1/|S|) Σ_{i ∈ S} out_{U+i}`.
///
/// For LightGCN this is close to one propagation step of a new user node with edges to `S`
/// (which would weight each item by `1/√(|S|·deg(i))`); it ranks the items most similar to the
/// whole history first.
public struct MeanItemEmbeddingFoldIn: FoldInStrategy {
    /// The mean fold-in.
    public init() {}

    public func userEmbedding(items: [Int], model: ServingModel) -> [Float] {
        let d = model.dimension
        var sum = [Float](repeating: 0, count: d)
        for item in items {
            let row = model.itemEmbeddings.row(item)
            for c in 0..<d { sum[c] += row[c] }
        }
        let scale = 1 / Float(max(items.count, 1))
        return sum.map { $0 * scale }
    }
}
