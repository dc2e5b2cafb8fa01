import RecKernels

extension InteractionMatrix {
    /// The pairs of `self` and of `other` (same shape), each once: for example the items to
    /// exclude when ranking test items, a user's training and validation items together.
    ///
    /// `duplicateCount` is the number of pairs both hold.
    ///
    /// - Complexity: O(interactions of both): the sorted rows are merged.
    public func union(_ other: InteractionMatrix) -> InteractionMatrix {
        if other.interactionCount == 0 { return self }
        let (rows, shared) = mergedRows(other)
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, itemsOfUser: rows, duplicateCount: shared)
    }

    /// Each user's items in `self` and in `other` (same shape) together, sorted, each once, and
    /// the number of pairs both hold.
    func mergedRows(_ other: InteractionMatrix) -> (rows: IndexRows, shared: Int) {
        precondition(userCount == other.userCount && itemCount == other.itemCount, "union of matrices of different shapes")
        var offsets = [0], indices: [Int32] = [], shared = 0
        offsets.reserveCapacity(userCount + 1)
        indices.reserveCapacity(interactionCount + other.interactionCount)
        for u in 0..<userCount {
            let a = itemsOfUser.row(u), b = other.itemsOfUser.row(u)
            var i = a.startIndex, j = b.startIndex
            while i < a.endIndex || j < b.endIndex {
                if j == b.endIndex || (i < a.endIndex && a[i] < b[j]) {
                    indices.append(a[i])
                    i += 1
                } else if i == a.endIndex || b[j] < a[i] {
                    indices.append(b[j])
                    j += 1
                } else {
                    indices.append(a[i])
                    shared += 1
                    i += 1
                    j += 1
                }
            }
            offsets.append(indices.count)
        }
        return (IndexRows(offsets: offsets, indices: indices), shared)
    }
}

extension RecommendationDataset {
    /// The interactions a test ranking must exclude: training plus validation (a user's
    /// validation items are items the user already has, not recommendations to score).
    public var knownBeforeTest: InteractionMatrix {
        validation.map { train.union($0) } ?? train
    }
}

extension InteractionMatrix {
    /// The pairs of `self` that `other` (same shape) does not hold.
    ///
    /// - Complexity: O(interactions of `self` · log of a user's items in `other`).
    public func subtracting(_ other: InteractionMatrix) -> InteractionMatrix {
        precondition(userCount == other.userCount && itemCount == other.itemCount, "difference of matrices of different shapes")
        var offsets = [0], indices: [Int32] = []
        for u in 0..<userCount {
            for item in itemsOfUser.row(u) where !other.itemsOfUser.contains(row: u, item) { indices.append(item) }
            offsets.append(indices.count)
        }
        return InteractionMatrix(userCount: userCount, itemCount: itemCount,
                                 itemsOfUser: IndexRows(offsets: offsets, indices: indices))
    }
}

extension InteractionMatrix {
    /// Each user's items in `self` and in `outside` (same shape) together, sorted, each once:
    /// what a served recommendation leaves out as items the user already has (the rows of
    /// ``union(_:)``, without building the item-to-user side).
    public func knownItems(with outside: InteractionMatrix?) -> IndexRows {
        guard let outside, outside.interactionCount > 0 else { return itemsOfUser }
        return mergedRows(outside).rows
    }
}

extension InteractionMatrix {
    /// The same pairs in a `users × items` shape at least as large (the new users and items have
    /// none), as when a live model grows.
    public func grown(toUserCount users: Int, itemCount items: Int) -> InteractionMatrix {
        precondition(users >= userCount && items >= itemCount, "grown: \(users) × \(items) is smaller than \(userCount) × \(itemCount)")
        if users == userCount && items == itemCount { return self }
        let offsets = itemsOfUser.offsets + Array(repeating: interactionCount, count: users - userCount)
        return InteractionMatrix(userCount: users, itemCount: items,
                                 itemsOfUser: IndexRows(offsets: offsets, indices: itemsOfUser.indices))
    }
}

extension ResolvedDataset {
    /// Every interaction the data holds for its users beyond `fitted` (the pairs a model was
    /// fitted on, in the dataset's shape): the validation and test positives it was not fitted on
    /// and the known negatives (ratings below the threshold). These are items the user already
    /// has, so a served recommendation leaves them out like the training items; evaluation does
    /// not use them.
    public func interactions(outside fitted: InteractionMatrix) -> InteractionMatrix {
        var all = dataset.train.union(dataset.test)
        if let validation = dataset.validation { all = all.union(validation) }
        if let knownNegatives { all = all.union(knownNegatives) }
        return all.subtracting(fitted)
    }
}
