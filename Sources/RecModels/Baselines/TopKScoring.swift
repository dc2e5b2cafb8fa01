import RecKernels

/// The shared tail of the baselines' `recommend`: score a batch of users into dense rows, mask, and keep the top k of each row (``TopKSelector``: best first,
/// ties towards the smaller item index, −∞ never returned, so exclusion is exact).
enum TopKScoring {
    /// Users scored per batch (the score block is `batchSize × itemCount` floats).
    static let batchSize = 256

    /// Runs the ``Recommender`` contract for a model that fills dense score rows.
    ///
    /// - Parameter fillBatch: writes the scores of `batch` (block row `r` for `batch[batch.startIndex + r]`)
    ///   into `block` (``RowBlockTopK``: it may have more rows than the batch); it may run in parallel itself.
    static func recommend(
        model: String, users: [Int], k: Int, userCount: Int, itemCount: Int, masks: (Int) -> CandidateMask,
        fillBatch: (_ batch: ArraySlice<Int>, _ block: Matrix<Float>) -> Void
    ) -> [[ScoredItem]] {
        for user in users {
            precondition(user >= 0 && user < userCount, "\(model): user \(user) outside 0..<\(userCount)")
        }
        guard k > 0, itemCount > 0 else { return users.map { _ in [] } }
        return RowBlockTopK.select(
            count: users.count, columns: itemCount, k: min(k, itemCount), batchSize: batchSize, masks: masks,
            fill: { first, rows, block in fillBatch(users[first..<(first + rows)], block) },
            result: { _, selection in selection.map { ScoredItem(item: $0.index, score: $0.score) } })
    }

    /// ``recommend(model:users:k:userCount:itemCount:masks:fillBatch:)`` for models that score
    /// one user at a time: `fillRow(user, block, r)` must overwrite all `itemCount` entries of row `r` of `block`.
    static func recommendRowwise(
        model: String, users: [Int], k: Int, userCount: Int, itemCount: Int, masks: (Int) -> CandidateMask,
        fillRow: (_ user: Int, _ block: Matrix<Float>, _ row: Int) -> Void
    ) -> [[ScoredItem]] {
        recommend(model: model, users: users, k: k, userCount: userCount, itemCount: itemCount,
                  masks: masks) { batch, block in
            let chunks = min(batch.count, defaultParallelChunks)
            parallelFor(chunks) { chunk in
                var r = chunk
                while r < batch.count {
                    fillRow(batch[batch.startIndex + r], block, r)
                    r += chunks
                }
            }
        }
    }
}
