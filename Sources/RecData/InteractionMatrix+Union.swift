extension InteractionMatrix {
    /// The pairs of `self` and of `other` (same shape), each once: for example the items to
    /// exclude when ranking test items, a user's training and validation items together.
    ///
    /// - Complexity: O(interactions of both).
    public func union(_ other: InteractionMatrix) -> InteractionMatrix {
        precondition(userCount == other.userCount && itemCount == other.itemCount, "union of matrices of different shapes")
        if other.interactionCount == 0 { return self }
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, pairs: pairs + other.pairs)
    }
}

extension RecommendationDataset {
    /// The interactions a test ranking must exclude: training plus validation (a user's
    /// validation items are items the user already has, not recommendations to score).
    public var knownBeforeTest: InteractionMatrix {
        validation.map { train.union($0) } ?? train
    }
}
