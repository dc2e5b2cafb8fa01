/// Explicit ratings `(user, item, rating)` in the dense indices of a log's vocabularies: the
/// training, validation or test part of a rating-prediction task.
///
/// Record `k` is `(users[k], items[k], ratings[k])`; the arrays are parallel. Pairs are expected
/// to be unique (a log's are); a repeated pair would count as several ratings in losses and
/// metrics but as one edge of the rated-pairs graph (``ratedPairs``).
///
/// Unlike `InteractionMatrix`, which keeps only which pairs exist, a rating set keeps the value
/// of every rating: low ratings are data, not missing positives.
public struct RatingSet: Sendable, Equatable {
    /// Number of users `U` of the id space (including users without ratings here).
    public let userCount: Int
    /// Number of items `I` of the id space (including items without ratings here).
    public let itemCount: Int
    /// The user index of each rating.
    public let users: [Int32]
    /// The item index of each rating.
    public let items: [Int32]
    /// The rating values (for MovieLens, 1–5 stars).
    public let ratings: [Float]

    /// Ratings from parallel arrays over a `userCount × itemCount` id space.
    ///
    /// - Precondition: the arrays have the same length and every index is in range.
    public init(userCount: Int, itemCount: Int, users: [Int32], items: [Int32], ratings: [Float]) {
        precondition(userCount >= 0 && itemCount >= 0, "RatingSet: negative user or item count")
        precondition(users.count == items.count && users.count == ratings.count,
                     "RatingSet: \(users.count) users, \(items.count) items and \(ratings.count) ratings")
        precondition(users.allSatisfy { $0 >= 0 && Int($0) < userCount }, "RatingSet: user index outside 0..<\(userCount)")
        precondition(items.allSatisfy { $0 >= 0 && Int($0) < itemCount }, "RatingSet: item index outside 0..<\(itemCount)")
        self.userCount = userCount
        self.itemCount = itemCount
        self.users = users
        self.items = items
        self.ratings = ratings
    }

    /// Every record of `log` with its rating, over the log's vocabularies.
    ///
    /// - Throws: `DataError.invalidParameter` when the log has no ratings (implicit feedback).
    public init(log: InteractionLog) throws {
        guard let ratings = log.ratings else {
            throw DataError.invalidParameter(
                name: "ratings", reason: "\(log.name) has no rating column; rating prediction needs explicit "
                    + "feedback such as MovieLens stars")
        }
        self.init(userCount: log.userCount, itemCount: log.itemCount, users: log.users, items: log.items,
                  ratings: ratings)
    }

    /// Number of ratings.
    public var count: Int { ratings.count }

    /// Whether there are no ratings.
    public var isEmpty: Bool { ratings.isEmpty }

    /// The mean rating `μ = (1/n) Σ r` (0 for an empty set), accumulated in `Double`.
    public var meanRating: Double {
        isEmpty ? 0 : ratings.reduce(0.0) { $0 + Double($1) } / Double(count)
    }

    /// The ratings `records` (indices into this set, in the order given), same id space.
    public func subset(records: [Int]) -> RatingSet {
        RatingSet(userCount: userCount, itemCount: itemCount, users: records.map { users[$0] },
                  items: records.map { items[$0] }, ratings: records.map { ratings[$0] })
    }

    /// Number of ratings of each user (`U` entries).
    public var userRatingCounts: [Int] {
        var counts = [Int](repeating: 0, count: userCount)
        for u in users { counts[Int(u)] += 1 }
        return counts
    }

    /// Number of ratings of each item (`I` entries).
    public var itemRatingCounts: [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for i in items { counts[Int(i)] += 1 }
        return counts
    }

    /// The rated pairs as a binary matrix, whatever their value: the edges of the graph a
    /// rating model propagates over (build it from the training ratings only).
    ///
    /// - Complexity: O(count + U + I).
    public var ratedPairs: InteractionMatrix {
        let built = RowBuilder.rows(rowCount: userCount, rowIDs: users, columnIDs: items)
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, itemsOfUser: built.rows,
                                 duplicateCount: built.duplicateCount)
    }
}
