import Foundation
import RecKernels
import RecModels
import RecTraining

/// A trained model prepared for answering requests: final embeddings computed once, item
/// tables packed for the scoring kernel, item norms precomputed for cosine similarity.
///
/// Immutable and shared by every request; a reload builds a new one (see ``ModelStore``).
/// Scoring one user is `I × D` multiply-adds (``InnerProductScorer``) and a top-k selection
/// (``TopKSelector``); nothing is allocated per request but the score buffer and the result.
public final class ServingModel: Sendable {
    /// Number of users.
    public let userCount: Int
    /// Number of items.
    public let itemCount: Int
    /// Embedding dimension.
    public let dimension: Int
    /// The dataset's name.
    public let datasetName: String
    /// Where the model was loaded from (a path, or a description).
    public let source: String
    /// When this model was built.
    public let loadedAt: Date
    /// Seconds it took to read and prepare the model.
    public let loadSeconds: Double
    /// Final user embeddings, `U × D`.
    public let userEmbeddings: Matrix<Float>
    /// Final item embeddings, `I × D`.
    public let itemEmbeddings: Matrix<Float>
    /// The training items of each user (excluded from recommendations on request).
    public let seenItems: IndexRows
    let itemScorer: InnerProductScorer<Float>
    let normalizedItems: Matrix<Float>
    let cosineScorer: InnerProductScorer<Float>

    /// Prepares `model` for serving (propagates once).
    public init(model: TrainedModel, source: String, loadSeconds: Double = 0) {
        let start = DispatchTime.now().uptimeNanoseconds
        let recommender = model.recommender()
        userEmbeddings = recommender.userEmbeddings
        itemEmbeddings = recommender.itemEmbeddings
        userCount = model.userCount
        itemCount = model.itemCount
        dimension = itemEmbeddings.columns
        datasetName = model.datasetName
        self.source = source
        seenItems = model.train.itemsOfUser
        itemScorer = InnerProductScorer(candidates: itemEmbeddings)
        let normalized = itemEmbeddings.copy()
        for i in 0..<itemCount {
            let row = normalized.row(i)
            var norm: Float = 0
            for c in 0..<dimension { norm += row[c] * row[c] }
            let scale: Float = norm > 0 ? 1 / norm.squareRoot() : 0
            for c in 0..<dimension { row[c] *= scale }
        }
        normalizedItems = normalized
        cosineScorer = InnerProductScorer(candidates: normalized)
        loadedAt = Date()
        self.loadSeconds = loadSeconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Reads a model file and prepares it.
    public static func load(path: String) throws(ModelFileError) -> ServingModel {
        let start = DispatchTime.now().uptimeNanoseconds
        let model = try ModelFile.read(from: path)
        return ServingModel(model: model, source: path,
                            loadSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The top `k` items for a known user, best first; the user's training items are left out
    /// when `excludeSeen` is true.
    ///
    /// - Precondition: `0 ≤ user < userCount`, `k ≥ 1`.
    public func recommend(user: Int, k: Int, excludeSeen: Bool) -> [ScoredItem] {
        precondition(user >= 0 && user < userCount, "ServingModel: user \(user) outside 0..<\(userCount)")
        let seen = seenItems
        return top(itemScorer, queries: userEmbeddings, row: user, k: k,
                   excluded: excludeSeen ? { _ in seen.row(user) } : nil)
    }

    /// The top `k` items for a user embedding (from a fold-in), never one of `excluding`.
    ///
    /// - Precondition: `embedding.count == dimension`, `k ≥ 1`.
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
