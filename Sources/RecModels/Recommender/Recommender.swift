import RecKernels

/// A fitted model that ranks items for users: the one interface that the evaluator, the
/// comparison table, the command-line tool and the server depend on.
///
/// Contract of ``recommend(users:k:masks:)``:
/// - one row per entry of `users`, in the same order (a user may appear twice);
/// - each row holds at most `k` distinct items, sorted by descending score, ties broken towards
///   the smaller item index;
/// - `masks(i)` says which items the i-th entry of `users` may get (``CandidateMask``): the
///   ineligible ones are never returned, and the row holds exactly `k` items whenever `k` items
///   are eligible (the mask is applied inside the top-k, never by fetching more and dropping);
///   fewer only when fewer are eligible (no padding);
/// - `k ≤ 0` gives empty rows.
///
/// Users are dense indices `0..<userCount`, items `0..<itemCount`. Callers usually go through
/// ``recommend(users:k:candidates:)`` (a ``CandidatePolicy``: seen items, deny- and
/// allow-lists, attribute filters) or ``recommend(users:k:excluding:)``.
public protocol Recommender: Sendable {
    /// Number of users the model knows.
    var userCount: Int { get }
    /// Number of items the model ranks.
    var itemCount: Int { get }
    /// Top-k eligible items for each user in `users`, best first (contract above).
    func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]]
}

extension Recommender {
    /// Top-k items for each of `users` under one policy (see ``CandidatePolicy``).
    public func recommend(users: [Int], k: Int, candidates: CandidatePolicy) -> [[ScoredItem]] {
        recommend(users: users, k: k, masks: { candidates.mask(forUser: users[$0]) })
    }

    /// Top-k items for each of `users`; items listed in `excluding.row(user)` (typically the
    /// user's training items) are never returned; `excluding: nil` excludes nothing, and users
    /// beyond `excluding.rowCount` have nothing excluded.
    public func recommend(users: [Int], k: Int, excluding: IndexRows?) -> [[ScoredItem]] {
        recommend(users: users, k: k, candidates: .excluding(excluding))
    }

    /// Top-k items for one user (see ``recommend(users:k:excluding:)``).
    public func recommend(user: Int, k: Int, excluding: IndexRows? = nil) -> [ScoredItem] {
        recommend(users: [user], k: k, excluding: excluding)[0]
    }

    /// Top-k items for one user under `candidates`.
    public func recommend(user: Int, k: Int, candidates: CandidatePolicy) -> [ScoredItem] {
        recommend(users: [user], k: k, candidates: candidates)[0]
    }

    /// The rankings of several requests, each with its own user, `k` and policy, scored together
    /// (a model that scores users in tiles reads its item tables once per tile for all of them).
    public func recommend(_ requests: [RecommendationRequest]) -> [[ScoredItem]] {
        guard let k = requests.map(\.k).max() else { return [] }
        let rows = recommend(users: requests.map(\.user), k: k,
                             masks: { requests[$0].candidates.mask(forUser: requests[$0].user) })
        return zip(requests, rows).map { request, row in Array(row.prefix(max(0, request.k))) }
    }
}

/// One ranking to compute: a user, how many items, and the request's business rules.
public struct RecommendationRequest: Sendable {
    /// The user, `0..<userCount`.
    public var user: Int
    /// How many items.
    public var k: Int
    /// Which items may be returned.
    public var candidates: CandidatePolicy

    /// A request.
    public init(user: Int, k: Int, candidates: CandidatePolicy) {
        self.user = user
        self.k = k
        self.candidates = candidates
    }
}
