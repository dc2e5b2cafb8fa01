extension InteractionLog {
    /// The implicit-feedback matrix of positives: every record when `minRating` is nil or the log
    /// has no ratings, else the records with `rating ≥ minRating`. Shape `userCount × itemCount`;
    /// `duplicateCount` carries the log's.
    /// - Complexity: O(records + users + items).
    public func interactions(minRating: Float? = nil) -> InteractionMatrix {
        matrix(records: recordIndices(positive: true, minRating: minRating), duplicateCount: duplicateCount)
    }

    /// Known negatives: the records with `rating < minRating` (empty when the log has no
    /// ratings). Same shape as `interactions(minRating:)`, and disjoint from it.
    public func negatives(minRating: Float) -> InteractionMatrix {
        matrix(records: recordIndices(positive: false, minRating: minRating), duplicateCount: 0)
    }

    /// Whether record `k` is a positive at `minRating` (always, without threshold or ratings).
    @inline(__always)
    func isPositive(_ k: Int, minRating: Float?) -> Bool {
        guard let minRating, let ratings else { return true }
        return ratings[k] >= minRating
    }

    /// The records that are positives (or negatives) at `minRating`, in increasing order; nil
    /// means "all records".
    func recordIndices(positive: Bool, minRating: Float?) -> [Int]? {
        guard let minRating, let ratings else { return positive ? nil : [] }
        return ratings.indices.filter { (ratings[$0] >= minRating) == positive }
    }

    /// The matrix of the records `records` (all when nil), over the log's id space.
    func matrix(records: [Int]?, duplicateCount: Int = 0) -> InteractionMatrix {
        let rowIDs: [Int32], columnIDs: [Int32]
        if let records {
            rowIDs = records.map { users[$0] }
            columnIDs = records.map { items[$0] }
        } else {
            rowIDs = users
            columnIDs = items
        }
        let built = RowBuilder.rows(rowCount: userCount, rowIDs: rowIDs, columnIDs: columnIDs)
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, itemsOfUser: built.rows,
                                 duplicateCount: duplicateCount + built.duplicateCount)
    }

    /// The records of each user, grouped: user `u`'s records are
    /// `order[offsets[u]..<offsets[u+1]]`, in file order.
    func recordsByUser() -> (offsets: [Int], order: [Int]) {
        var offsets = [Int](repeating: 0, count: userCount + 1)
        for u in users { offsets[Int(u) + 1] += 1 }
        for u in 0..<userCount { offsets[u + 1] += offsets[u] }
        var order = [Int](repeating: 0, count: count)
        var cursor = offsets
        for (k, u) in users.enumerated() {
            order[cursor[Int(u)]] = k
            cursor[Int(u)] += 1
        }
        return (offsets, order)
    }
}
