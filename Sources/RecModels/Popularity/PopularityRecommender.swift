import RecKernels

/// The most-popular baseline: every user gets the items with the most training interactions,
/// `score(u, i) = popularity(i)`, ties broken towards the smaller item index.
///
/// The ranking is computed once; a request walks it and skips the user's excluded items.
public struct PopularityRecommender: Recommender {
    /// Interaction count of each item.
    public let itemPopularity: [Int]
    /// Number of users.
    public let userCount: Int
    /// All items by descending popularity, then ascending index.
    @usableFromInline let ranking: [Int32]

    /// A recommender from per-item popularity counts.
    public init(itemPopularity: [Int], userCount: Int) {
        self.itemPopularity = itemPopularity
        self.userCount = userCount
        ranking = (0..<itemPopularity.count)
            .sorted { (itemPopularity[$0], -$0) > (itemPopularity[$1], -$1) }
            .map { Int32($0) }
    }

    /// A recommender counting how many users have each item (`itemsOfUser`: one row per user).
    public init(itemsOfUser: IndexRows, itemCount: Int) {
        var counts = [Int](repeating: 0, count: itemCount)
        for item in itemsOfUser.indices where Int(item) < itemCount { counts[Int(item)] += 1 }
        self.init(itemPopularity: counts, userCount: itemsOfUser.rowCount)
    }

    /// Number of items.
    public var itemCount: Int { itemPopularity.count }

    /// The most popular items not excluded for each user (contract in ``Recommender``).
    ///
    /// - Complexity: O(k + excluded) per user on typical data (the excluded items are hashed once).
    public func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        users.enumerated().map { position, user in
            precondition(user >= 0 && user < userCount, "PopularityRecommender: user \(user) outside 0..<\(userCount)")
            var row: [ScoredItem] = []
            guard k > 0 else { return row }
            row.reserveCapacity(min(k, itemCount))
            let mask = masks(position)
            let excluded = Set(mask.excluded.joined())
            for item in ranking {
                if let allowed = mask.allowed, !allowed.contains(Int(item)) { continue }
                if excluded.contains(item) { continue }
                row.append(ScoredItem(item: Int(item), score: Float(itemPopularity[Int(item)])))
                if row.count == k { break }
            }
            return row
        }
    }
}
