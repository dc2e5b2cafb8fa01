import RecKernels

/// A rating log divided into train, validation and test *with the rating values kept*, for
/// rating prediction (RMSE/MAE).
///
/// The division itself comes from any ``InteractionSplitter`` (the default,
/// `RandomHoldoutSplit(train: 0.8, validation: 0.1, test: 0.1)`, shuffles each user's ratings
/// with the seeded generator and keeps at least one training rating per user), so a split is
/// reproducible from the generator's seed and is the same division the ranking protocols use.
/// Every record is in exactly one part.
public struct RatingSplit: Sendable, Equatable {
    /// Training ratings (the only ones a model, its biases, `μ` and its graph may see).
    public let train: RatingSet
    /// Validation ratings (for early stopping), or nil when the method makes none.
    public let validation: RatingSet?
    /// Test ratings.
    public let test: RatingSet
    /// How the split was made, for reports.
    public let method: String

    /// Splits `log` with `splitter`, drawing from `generator`.
    ///
    /// - Throws: `DataError.invalidParameter` when the log has no ratings, or the splitter's
    ///   error (bad fractions, no timestamps for a temporal split).
    public init(log: InteractionLog, splitter: any InteractionSplitter = RandomHoldoutSplit(),
                using generator: inout SeededGenerator) throws {
        let all = try RatingSet(log: log)
        let split = try splitter.split(log, using: &generator)
        self.init(ratings: all, parts: split.parts, hasValidation: split.validation != nil, method: split.method)
    }

    /// The split of `ratings` given each record's part (for example `DataSplit.parts`).
    ///
    /// - Precondition: one part per rating.
    public init(ratings: RatingSet, parts: [DataSplit.Part], hasValidation: Bool, method: String) {
        precondition(parts.count == ratings.count, "RatingSplit: \(parts.count) parts for \(ratings.count) ratings")
        var records: [[Int]] = [[], [], []]
        for (k, part) in parts.enumerated() { records[Int(part.rawValue)].append(k) }
        train = ratings.subset(records: records[0])
        validation = hasValidation ? ratings.subset(records: records[1]) : nil
        test = ratings.subset(records: records[2])
        self.method = method
    }

    /// How many ratings of `heldOut` have a user or an item without any training rating (they
    /// are predicted by the fallback of the rating predictors).
    public func coldRatingCount(in heldOut: RatingSet) -> Int {
        let userCounts = train.userRatingCounts, itemCounts = train.itemRatingCounts
        return (0..<heldOut.count).filter { k in
            let u = Int(heldOut.users[k]), i = Int(heldOut.items[k])
            return u >= userCounts.count || i >= itemCounts.count || userCounts[u] == 0 || itemCounts[i] == 0
        }.count
    }
}
