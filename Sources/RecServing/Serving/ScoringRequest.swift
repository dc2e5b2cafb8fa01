import RecKernels
import RecModels

/// One ranking to compute against a served model: a query vector, the candidates it is scored
/// against (the items, or the unit-length items for cosine similarity), how many to keep and
/// which to leave out. Requests on the same candidates can be scored together
/// (``run(_:)``): the scoring kernel reads the candidate table once for up to 8 queries.
public struct ScoringRequest: Sendable {
    /// Which of a model's packed candidate tables a request scores against.
    public enum Candidates: Sendable, Equatable {
        /// The final item embeddings (inner product: the model's score).
        case items
        /// The unit-length final item embeddings (cosine similarity).
        case normalizedItems
    }

    /// The model whose candidates are scored.
    public let model: ServingModel
    /// The candidate table.
    public let candidates: Candidates
    /// The query, `model.dimension` values.
    public let query: [Float]
    /// How many items to return (at most the number of items).
    public let k: Int
    /// Items never returned (sorted or not; duplicates allowed).
    public let excluded: ArraySlice<Int32>

    /// A request; `k` is capped at the number of items.
    ///
    /// - Precondition: `query.count == model.dimension`, `k ≥ 1`.
    public init(model: ServingModel, candidates: Candidates, query: [Float], k: Int, excluded: ArraySlice<Int32> = []) {
        precondition(query.count == model.dimension, "ScoringRequest: query of length \(query.count), expected \(model.dimension)")
        precondition(k >= 1, "ScoringRequest: k must be ≥ 1")
        self.model = model
        self.candidates = candidates
        self.query = query
        self.k = min(k, model.itemCount)
        self.excluded = excluded
    }

    /// Whether `other` can be scored in the same pass (same model and candidates).
    public func canShareAPass(with other: ScoringRequest) -> Bool {
        model === other.model && candidates == other.candidates
    }

    /// The top items of each request, best first, ties towards the smaller index; one pass of
    /// the kernel per 8 requests.
    ///
    /// - Precondition: all requests can share a pass with the first.
    /// - Complexity: O(⌈n/8⌉ · I · D) reads of the candidates, O(n · I · D) multiply-adds.
    public static func run(_ requests: [ScoringRequest]) -> [[ScoredItem]] {
        guard let first = requests.first else { return [] }
        precondition(requests.allSatisfy { $0.canShareAPass(with: first) }, "ScoringRequest.run: requests on different candidates")
        let model = first.model, d = model.dimension
        let queries = Matrix<Float>(rows: requests.count, columns: d)
        for (r, request) in requests.enumerated() {
            request.query.withUnsafeBufferPointer { queries.row(r).update(from: $0.baseAddress!, count: d) }
        }
        let scorer = first.candidates == .items ? model.itemScorer : model.cosineScorer
        let k = requests.map(\.k).max() ?? 1
        let top = scorer.topK(queries: queries, queryRows: Array(0..<requests.count), k: k,
                              excluded: { requests[$0].excluded })
        return zip(requests, top).map { request, row in
            row.prefix(request.k).map { ScoredItem(item: $0.index, score: $0.score) }
        }
    }

    /// The top items of this request alone.
    public func run() -> [ScoredItem] { Self.run([self])[0] }
}
