import RecKernels
import RecModels

/// One ranking to compute against a served model. Requests of the same model and the same
/// kind of work can be scored together (``run(_:)``): known users go through the model's
/// ``Recommender`` in one call (an embedding model reads its item table once per 64 users), and
/// query vectors (folded-in users, items for similarity) share passes of the scoring kernel.
public struct ScoringRequest: Sendable {
    /// What is ranked.
    public enum Work: Sendable {
        /// A known user, through the model's `recommend` (with the request's business rules).
        case user(RecommendationRequest)
        /// A vector (a folded-in user) against the item embeddings (LightGCN family).
        case userVector([Float], k: Int, mask: CandidateMask)
        /// An item's vector against the other items' vectors, by inner product or cosine.
        case itemVector(item: Int, metric: SimilarityMetric, k: Int, mask: CandidateMask)
        /// A set of items scored by the model (``ItemHistoryScorer``): a new user, or one item.
        case itemHistory([Int], k: Int, mask: CandidateMask)
    }

    /// The model whose items are ranked.
    public let model: ServingModel
    /// The work.
    public let work: Work

    /// A request.
    public init(model: ServingModel, work: Work) {
        self.model = model
        self.work = work
    }

    /// Which requests share a pass: same model and same kind of work (vectors: same metric).
    var passKey: Int {
        switch work {
        case .user: 0
        case .userVector: 1
        case .itemVector(_, let metric, _, _): metric == .cosine ? 2 : 3
        case .itemHistory: 4
        }
    }

    /// Whether `other` can be scored in the same pass.
    public func canShareAPass(with other: ScoringRequest) -> Bool {
        model === other.model && passKey == other.passKey && sharesPasses
    }

    /// Whether requests of this kind are ever scored together (a history-scored request is not).
    var sharesPasses: Bool { passKey != 4 }

    /// The top items of each request, best first, ties towards the smaller index.
    ///
    /// - Precondition: all requests can share a pass with the first (or there is one request).
    public static func run(_ requests: [ScoringRequest]) -> [[ScoredItem]] {
        guard let first = requests.first else { return [] }
        precondition(requests.count == 1 || requests.allSatisfy { $0.canShareAPass(with: first) },
                     "ScoringRequest.run: requests that cannot share a pass")
        let model = first.model
        switch first.work {
        case .user:
            return model.recommender.recommend(requests.map {
                guard case .user(let request) = $0.work else { preconditionFailure() }
                return request
            })
        case .userVector, .itemVector:
            var vectors: [[Float]] = [], ks: [Int] = [], masks: [CandidateMask] = []
            var scorer: EmbeddingRecommender?
            for request in requests {
                switch request.work {
                case .userVector(let vector, let k, let mask):
                    vectors.append(vector); ks.append(k); masks.append(mask)
                    scorer = model.itemScorer
                case .itemVector(let item, let metric, let k, let mask):
                    guard let similarity = model.similarity else { preconditionFailure("ScoringRequest: no item vectors") }
                    let table = metric == .cosine ? similarity.cosine : similarity.inner
                    vectors.append(table.itemEmbeddings.rowArray(item)); ks.append(k); masks.append(mask)
                    scorer = table
                default: preconditionFailure()
                }
            }
            guard let scorer else { preconditionFailure("ScoringRequest: the model has no item scorer") }
            let queries = Matrix<Float>(vectors)
            let top = scorer.recommend(queries: queries, k: ks.max() ?? 0, masks: { masks[$0] })
            return zip(top, ks).map { Array($0.prefix($1)) }
        case .itemHistory(let items, let k, let mask):
            guard let history = model.historyScorer else { preconditionFailure("ScoringRequest: the model cannot score items") }
            return [history.recommend(forItems: items, k: k, mask: mask)]
        }
    }

    /// The top items of each request, in order, for requests of any kinds: runs of requests
    /// that can share a pass are scored together.
    public static func runGrouped(_ requests: [ScoringRequest]) -> [[ScoredItem]] {
        var results: [[ScoredItem]] = []
        results.reserveCapacity(requests.count)
        var start = 0
        while start < requests.count {
            var end = start + 1
            while end < requests.count, requests[end].canShareAPass(with: requests[start]) { end += 1 }
            results += run(Array(requests[start..<end]))
            start = end
        }
        return results
    }

    /// The top items of this request alone.
    public func run() -> [ScoredItem] { Self.run([self])[0] }
}
