import RecKernels

/// The business rules of a recommendation request: which items may be returned.
///
/// An item is eligible for user `u` when
/// - it is not one of `u`'s items in ``seen`` (the training interactions; nil re-recommends
///   consumed items, for re-consumable catalogues),
/// - it is not in ``excluded`` (a deny-list, or items already shown on earlier pages),
/// - and, when ``allowed`` is set, it is a member (an allow-list, or the items whose attributes
///   pass a filter).
///
/// Recommenders apply the policy inside their top-k (ineligible scores are masked to −∞ before
/// selection), so a request returns exactly `k` items whenever `k` items are eligible.
public struct CandidatePolicy: Sendable {
    /// Per-user rows of items never returned to that user (typically the training items); users
    /// beyond `seen.rowCount` have none. Nil: nothing per user.
    public var seen: IndexRows?
    /// Items never returned to anyone.
    public var excluded: [Int32]
    /// When set, only its members may be returned.
    public var allowed: CandidateSet?

    /// A policy; the defaults admit every item.
    public init(seen: IndexRows? = nil, excluded: [Int] = [], allowed: CandidateSet? = nil) {
        self.seen = seen
        self.excluded = excluded.map { Int32(truncatingIfNeeded: $0) }
        self.allowed = allowed
    }

    /// Every item is eligible.
    public static var all: CandidatePolicy { CandidatePolicy() }

    /// Each user's items in `rows` are excluded (the evaluation protocol's policy); nil excludes nothing.
    public static func excluding(_ rows: IndexRows?) -> CandidatePolicy { CandidatePolicy(seen: rows) }

    /// The kernel mask of this policy for `user`.
    public func mask(forUser user: Int) -> CandidateMask {
        var lists: [ArraySlice<Int32>] = []
        if let seen, user >= 0, user < seen.rowCount, seen.count(ofRow: user) > 0 { lists.append(seen.row(user)) }
        if !excluded.isEmpty { lists.append(excluded[...]) }
        return CandidateMask(excluded: lists, allowed: allowed)
    }

    /// Whether `item` may be returned to `user`.
    public func admits(item: Int, user: Int) -> Bool { mask(forUser: user).admits(item) }
}
