import RecKernels

/// The shared tail of the baselines' `recommend`: score a batch of users into dense rows, mask, and keep the top k of each row (``TopKSelector``: best first,
/// ties towards the smaller item index, −∞ never returned, so exclusion is exact).
enum TopKScoring {
    /// Users scored per batch (the score block is `batchSize × itemCount` floats).
    static let batchSize = 256

    /// Runs the ``Recommender`` contract for a model that fills dense score rows.
    ///
    /// - Parameter fillBatch: writes the scores of `batch` (row `r` for `batch[batch.startIndex + r]`)
    ///   into `scores`, row stride `itemCount`; it may run in parallel itself.
    static func recommend(
        model: String, users: [Int], k: Int, userCount: Int, itemCount: Int, masks: (Int) -> CandidateMask,
        fillBatch: (_ batch: ArraySlice<Int>, _ scores: UnsafeMutablePointer<Float>) -> Void
    ) -> [[ScoredItem]] {
        for user in users {
            precondition(user >= 0 && user < userCount, "\(model): user \(user) outside 0..<\(userCount)")
        }
        guard k > 0, itemCount > 0 else { return users.map { _ in [] } }
        let kept = min(k, itemCount)
        var results = [[ScoredItem]](repeating: [], count: users.count)
        let block = UnsafeMutablePointer<Float>.allocate(capacity: min(batchSize, max(users.count, 1)) * itemCount)
        defer { block.deallocate() }
        results.withUnsafeMutableBufferPointer { out in
            var start = 0
            while start < users.count {
                let end = min(users.count, start + batchSize)
                let batch = users[start..<end]
                fillBatch(batch, block)
                let chunks = min(batch.count, defaultParallelChunks)
                let first = start
                parallelFor(chunks) { chunk in
                    var selector = TopKSelector<Float>(k: kept)
                    var r = chunk
                    while r < batch.count {
                        let row = block + r * itemCount
                        masks(first + r).apply(to: row, count: itemCount)
                        out[first + r] = selector.select(UnsafePointer(row), count: itemCount)
                            .map { ScoredItem(item: $0.index, score: $0.score) }
                        r += chunks
                    }
                }
                start = end
            }
        }
        return results
    }

    /// ``recommend(model:users:k:userCount:itemCount:masks:fillBatch:)`` for models that score
    /// one user at a time: `fillRow(user, row)` must overwrite all `itemCount` entries of `row`.
    static func recommendRowwise(
        model: String, users: [Int], k: Int, userCount: Int, itemCount: Int, masks: (Int) -> CandidateMask,
        fillRow: (_ user: Int, _ row: UnsafeMutablePointer<Float>) -> Void
    ) -> [[ScoredItem]] {
        recommend(model: model, users: users, k: k, userCount: userCount, itemCount: itemCount,
                  masks: masks) { batch, scores in
            let chunks = min(batch.count, defaultParallelChunks)
            parallelFor(chunks) { chunk in
                var r = chunk
                while r < batch.count {
                    fillRow(batch[batch.startIndex + r], scores + r * itemCount)
                    r += chunks
                }
            }
        }
    }
}

/// `row[0..<count] += source[0..<count]` with 16-lane vectors.
@inline(__always)
func addRow(_ source: UnsafePointer<Float>, into row: UnsafeMutablePointer<Float>, count: Int) {
    let rawS = UnsafeRawPointer(source), rawR = UnsafeMutableRawPointer(row)
    var j = 0
    while j + 16 <= count {
        let o = j * 4
        let sum = rawR.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
            + rawS.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
        rawR.storeBytes(of: sum, toByteOffset: o, as: SIMD16<Float>.self)
        j += 16
    }
    while j < count { row[j] += source[j]; j += 1 }
}
